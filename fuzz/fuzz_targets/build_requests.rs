//! Fuzz target for the builders: arbitrary bytes → (operation, options JSON) →
//! `parse_options` + `to_xml`, the exact path the wasm builders take.
//! Every outcome must be either a well-formed request envelope in the http://
//! EWS namespaces or `ERR_INVALID_OPTIONS` — never a panic, never another code.
//! (Schema validity of what is built is checked with xmllint by the proptests in
//! tests/requests.rs; xmllint cannot run inside the fuzzer.)
#![no_main]

use ews_wasm::types::parse_options;
use ews_wasm::xml::{Limits, XmlReader};
use ews_wasm::{
    GetConversationItemsRequest, GetImItemListRequest, GetImItemsRequest, SyncFolderItemsRequest,
};
use libfuzzer_sys::fuzz_target;

fn check(built: ews_wasm::Result<String>) {
    match built {
        Ok(xml) => {
            assert!(xml.starts_with("<?xml version=\"1.0\" encoding=\"utf-8\"?><soap:Envelope"));
            assert!(xml.contains("xmlns:t=\"http://schemas.microsoft.com/exchange/services/2006/types\""));
            // Well-formed: our own reader walks the whole document without error.
            let mut r = XmlReader::new(&xml, &Limits::default()).expect("built XML is readable");
            let root = r.root().expect("built XML has a document element");
            r.skip(&root).expect("built XML is well-formed");
            r.finish().expect("nothing after the envelope");
        }
        Err(e) => assert_eq!(e.code(), "ERR_INVALID_OPTIONS", "{e:?}"),
    }
}

fuzz_target!(|data: &[u8]| {
    let Some((&op, rest)) = data.split_first() else { return };
    let json = String::from_utf8_lossy(rest);
    match op % 4 {
        0 => check(parse_options::<SyncFolderItemsRequest>(&json).and_then(|r| r.to_xml())),
        1 => check(parse_options::<GetConversationItemsRequest>(&json).and_then(|r| r.to_xml())),
        2 => check(parse_options::<GetImItemsRequest>(&json).and_then(|r| r.to_xml())),
        _ => check(parse_options::<GetImItemListRequest>(&json).and_then(|r| r.to_xml())),
    }
});
