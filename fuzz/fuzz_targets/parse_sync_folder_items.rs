//! Fuzz target: any bytes, read as (lossy) UTF-8, given to `parse_sync_folder_items_response`.
//! It must return, never panic, within the default limits; a result must serialize.
//! What the strict reader accepts the default (lenient) one reads the same way.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let xml = String::from_utf8_lossy(data);
    let lenient = ews_wasm::parse_sync_folder_items_response(&xml);
    let strict = ews_wasm::Limits {
        strict: true,
        ..Default::default()
    };
    if let Ok(strict) = ews_wasm::parse_sync_folder_items_response_with(&xml, &strict) {
        assert_eq!(lenient.as_ref().ok(), Some(&strict), "strict accepted what the default refused");
    }
    match lenient {
        Ok(result) => {
            let json = serde_json::to_string(&result).expect("a parse result always serializes");
            assert!(json.starts_with('{'));
        }
        Err(e) => {
            // Every error has a stable code.
            assert!(e.code().starts_with("ERR_"));
        }
    }
});
