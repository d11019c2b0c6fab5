#![cfg(not(target_arch = "wasm32"))]
//! The library writes JSON two ways: serde `Serialize` (for Rust users) and the
//! small `ToJson` writer the WebAssembly module uses (no generic serde code in the
//! module). They must agree exactly, on every fixture.

use std::path::Path;

use ews_wasm::json::{to_json_string, ToJson};
use serde::Serialize;

fn same<T: Serialize + ToJson>(what: &str, v: &T) {
    let via_serde = serde_json::to_value(v).expect("serde");
    let text = to_json_string(v);
    let via_writer: serde_json::Value = serde_json::from_str(&text)
        .unwrap_or_else(|e| panic!("{what}: invalid JSON from ToJson: {e}\n{text}"));
    assert_eq!(via_writer, via_serde, "{what}");
    // And the exact text, key order included (serde's is declaration order).
    assert_eq!(text, serde_json::to_string(v).unwrap(), "{what}");
}

fn fixtures() -> Vec<std::path::PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut out = Vec::new();
    for sub in [dir.clone(), dir.join("real"), dir.join("https-envelope")] {
        for e in std::fs::read_dir(&sub).expect("fixtures") {
            let p = e.expect("entry").path();
            if p.extension().is_some_and(|x| x == "xml") {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

#[test]
fn every_fixture_writes_the_same_json_both_ways() {
    let mut compared = 0;
    for path in fixtures() {
        let xml = std::fs::read_to_string(&path).expect("read");
        let name = path.display().to_string();
        if let Ok(r) = ews_wasm::parse_sync_folder_items_response(&xml) {
            same(&name, &r);
            compared += 1;
        }
        if let Ok(r) = ews_wasm::parse_get_conversation_items_response(&xml) {
            same(&name, &r);
            for m in &r.response_messages {
                if let Some(c) = &m.conversation {
                    same(&name, &c.thread());
                }
            }
            compared += 1;
        }
        if let Ok(r) = ews_wasm::parse_get_im_items_response(&xml) {
            same(&name, &r);
            compared += 1;
        }
        if let Ok(r) = ews_wasm::parse_get_im_item_list_response(&xml) {
            same(&name, &r);
            compared += 1;
        }
    }
    assert!(compared >= 25, "only {compared} fixtures parsed");
}
