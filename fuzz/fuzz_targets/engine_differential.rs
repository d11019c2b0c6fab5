//! Fuzz target: the engine (`operations::engine::parse_json`, what the wasm
//! exports use) against the typed parsers followed by `ToJson`, for each of the
//! four operations: the same JSON byte for byte, or the same error (its JSON:
//! code, message, fields). Any bytes, read as (lossy) UTF-8. And the form
//! JavaScript gets (`parse_json_for_js`: non-ASCII escaped within a budget)
//! holds the same values, message by message.
#![no_main]

use ews_wasm::json::to_json_string;
use ews_wasm::operations::engine::{parse_json, parse_json_for_js, ResponseKind};
use ews_wasm::Limits;
use libfuzzer_sys::fuzz_target;

fn typed(kind: ResponseKind, xml: &str, limits: &Limits) -> ews_wasm::Result<String> {
    Ok(match kind {
        ResponseKind::GetConversationItems => to_json_string(
            &ews_wasm::parse_get_conversation_items_response_with(xml, limits)?,
        ),
        ResponseKind::GetImItems => {
            to_json_string(&ews_wasm::parse_get_im_items_response_with(xml, limits)?)
        }
        ResponseKind::GetImItemList => {
            to_json_string(&ews_wasm::parse_get_im_item_list_response_with(xml, limits)?)
        }
        ResponseKind::SyncFolderItems => {
            to_json_string(&ews_wasm::parse_sync_folder_items_response_with(xml, limits)?)
        }
    })
}

fuzz_target!(|data: &[u8]| {
    let xml = String::from_utf8_lossy(data);
    let limits = Limits::default();
    for kind in [
        ResponseKind::GetConversationItems,
        ResponseKind::GetImItems,
        ResponseKind::GetImItemList,
        ResponseKind::SyncFolderItems,
    ] {
        match (typed(kind, &xml, &limits), parse_json(kind, &xml, &limits)) {
            (Ok(want), Ok(got)) => {
                assert_eq!(want, got.json, "{kind:?}: JSON differs");
                for i in 0..got.messages.len() {
                    let m = got.message_json(i).expect("message range");
                    assert!(m.starts_with('{') && m.ends_with('}'), "{kind:?}: message {i}");
                }
                let js = parse_json_for_js(kind, &xml, &limits).expect("the JS form reads it too");
                let value = |s: &str| serde_json::from_str::<serde_json::Value>(s).expect("JSON");
                assert_eq!(value(&js.json), value(&got.json), "{kind:?}: JS form differs");
                assert_eq!(js.messages.len(), got.messages.len(), "{kind:?}");
                for i in 0..js.messages.len() {
                    let (a, b) = (js.message_json(i), got.message_json(i));
                    assert_eq!(a.map(value), b.map(value), "{kind:?}: message {i}");
                }
            }
            (Err(want), Err(got)) => assert_eq!(want.to_json(), got.to_json(), "{kind:?}: errors differ"),
            (want, got) => panic!(
                "{kind:?}: typed {:?}, engine {:?}",
                want.map(|j| j.len()).map_err(|e| e.to_json()),
                got.map(|r| r.json.len()).map_err(|e| e.to_json())
            ),
        }
    }
});
