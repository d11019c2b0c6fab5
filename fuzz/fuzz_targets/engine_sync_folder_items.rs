//! Fuzz target: the SyncFolderItems parser the npm module uses (the engine,
//! `operations::engine::parse_json`), on any bytes read as (lossy) UTF-8: it
//! must return, never panic; its JSON (or error) must be the typed parser's
//! followed by `ToJson`, byte for byte; what `strict` accepts the default
//! reads the same way; and what the module's `parseInput` runs on the bytes
//! themselves (`xml::decode`, then `parse_json_for_js`, non-ASCII escaped)
//! returns, never panics, and holds the same values. One operation per
//! execution, so a long run spends all of its time on this parser
//! (`engine_differential` covers all four).
#![no_main]

use ews_wasm::json::to_json_string;
use ews_wasm::operations::engine::{parse_json, parse_json_for_js, ResponseKind};
use ews_wasm::Limits;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let xml = String::from_utf8_lossy(data);
    let limits = Limits::default();
    let engine = parse_json(ResponseKind::SyncFolderItems, &xml, &limits);
    let typed = ews_wasm::parse_sync_folder_items_response_with(&xml, &limits);
    match (&typed, &engine) {
        (Ok(want), Ok(got)) => {
            assert_eq!(to_json_string(want), got.json, "JSON differs");
            for i in 0..got.messages.len() {
                let m = got.message_json(i).expect("message range");
                assert!(m.starts_with('{') && m.ends_with('}'), "message {i}");
            }
        }
        (Err(want), Err(got)) => assert_eq!(want.to_json(), got.to_json(), "errors differ"),
        _ => panic!("typed and engine disagree on success"),
    }
    // The module's path, on the bytes as they came.
    let module = ews_wasm::xml::decode(data)
        .and_then(|text| parse_json_for_js(ResponseKind::SyncFolderItems, &text, &limits));
    if let (Ok(js), Ok(got), true) = (&module, &engine, std::str::from_utf8(data).is_ok()) {
        let value = |s: &str| serde_json::from_str::<serde_json::Value>(s).expect("JSON");
        assert_eq!(value(&js.json), value(&got.json), "the JS form differs");
    }
    let strict = Limits {
        strict: true,
        ..Default::default()
    };
    if let Ok(s) = parse_json(ResponseKind::SyncFolderItems, &xml, &strict) {
        let lenient = engine.as_ref().map(|r| r.json.as_str()).ok();
        assert_eq!(lenient, Some(s.json.as_str()), "strict accepted what the default refused");
    }
});
