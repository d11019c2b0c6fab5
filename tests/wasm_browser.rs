//! The `#[wasm_bindgen]` layer in a real browser (headless Chromium):
//! `WASM_BINDGEN_USE_BROWSER=1 wasm-pack test --headless --chrome`.
//!
//! `run_in_browser` pins this file to the browser: `wasm-pack test --node`
//! skips it ("only configured to run in a browser"), while `tests/wasm.rs`
//! runs in both. A subset of `tests/wasm.rs` (builders, one parser per
//! operation, errors) plus what only a browser has: `window`/`document`,
//! `DOMParser` reading the built requests, `fetch` + `TextDecoder` feeding the
//! bytes entry point.

#![cfg(target_arch = "wasm32")]

mod wasm_common;

use ews_wasm::wasm::*;
use js_sys::{Reflect, Uint8Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};
use wasm_common::*;

wasm_bindgen_test_configure!(run_in_browser);

const SEED_GCI: &str = include_str!("fixtures/seed-gci-response.xml");
const SEED_IMITEMS: &str = include_str!("fixtures/seed-imitems-response.xml");
const SEED_IMITEMLIST: &str = include_str!("fixtures/seed-imitemlist-response.xml");
const SEED_SFI: &str = include_str!("fixtures/seed-sfi-response.xml");
const SFI_DEFAULT_NS: &str = include_str!("fixtures/sfi-default-namespace.xml");
const NOT_SOAP: &str = include_str!("fixtures/not-soap.xml");
const HTML_LOGIN: &str = include_str!("fixtures/html-login-page.html");
const FAULT_BUSY: &str = include_str!("fixtures/fault-server-busy.xml");

#[wasm_bindgen]
extern "C" {
    type DOMParser;
    #[wasm_bindgen(constructor)]
    fn new() -> DOMParser;
    #[wasm_bindgen(method, js_name = parseFromString)]
    fn parse_from_string(this: &DOMParser, text: &str, mime: &str) -> XmlDocument;

    type XmlDocument;
    #[wasm_bindgen(method, getter, js_name = documentElement)]
    fn document_element(this: &XmlDocument) -> DomElement;
    #[wasm_bindgen(method, js_name = getElementsByTagName)]
    fn get_elements_by_tag_name(this: &XmlDocument, name: &str) -> JsValue;
    #[wasm_bindgen(method, js_name = getElementsByTagNameNS)]
    fn get_elements_by_tag_name_ns(this: &XmlDocument, ns: &str, local: &str) -> JsValue;

    type DomElement;
    #[wasm_bindgen(method, getter, js_name = namespaceURI)]
    fn namespace_uri(this: &DomElement) -> Option<String>;
    #[wasm_bindgen(method, getter, js_name = localName)]
    fn local_name(this: &DomElement) -> String;
    #[wasm_bindgen(method, getter, js_name = firstElementChild)]
    fn first_element_child(this: &DomElement) -> Option<DomElement>;
    #[wasm_bindgen(method, js_name = getAttribute)]
    fn get_attribute(this: &DomElement, name: &str) -> Option<String>;

    type TextDecoder;
    #[wasm_bindgen(constructor, catch)]
    fn new(label: &str) -> Result<TextDecoder, JsValue>;
    #[wasm_bindgen(method)]
    fn decode(this: &TextDecoder, bytes: &Uint8Array) -> String;

    #[wasm_bindgen(js_name = fetch)]
    fn fetch_url(url: &str) -> js_sys::Promise;
    type Response;
    #[wasm_bindgen(method, getter)]
    fn ok(this: &Response) -> bool;
    #[wasm_bindgen(method, js_name = arrayBuffer)]
    fn array_buffer(this: &Response) -> js_sys::Promise;
}

/// `length` and `[0]` of an HTMLCollection.
fn collection(v: &JsValue) -> (u32, JsValue) {
    let len = Reflect::get(v, &"length".into()).unwrap().as_f64().unwrap() as u32;
    (len, Reflect::get(v, &0u32.into()).unwrap())
}

#[wasm_bindgen_test]
fn runs_in_a_browser_window() {
    let global = js_sys::global();
    for name in ["window", "document", "navigator", "DOMParser"] {
        assert!(
            Reflect::has(&global, &name.into()).unwrap(),
            "`{name}` is not defined: not running in a browser page"
        );
    }
    let ua = js_get(&global, "navigator.userAgent").as_string().unwrap();
    assert!(ua.contains("Chrome"), "{ua}");
}

/// Each builder's output read back by the browser's own XML parser: well-formed,
/// a SOAP Envelope whose Body holds the operation in the messages namespace.
#[wasm_bindgen_test]
fn built_requests_parse_in_dom_parser() {
    let cases: [(&str, Result<String, JsValue>); 4] = [
        (
            "GetConversationItems",
            buildGetConversationItemsRequest(
                r#"{"itemShape":{"baseShape":"IdOnly"},"conversations":[{"conversationId":{"id":"AAQk<&>"}}]}"#,
            ),
        ),
        (
            "GetImItems",
            buildGetImItemsRequest(r#"{"contactIds":[{"id":"AAMk","changeKey":"EQAA"}]}"#),
        ),
        ("GetImItemList", buildGetImItemListRequest("{}")),
        (
            "SyncFolderItems",
            buildSyncFolderItemsRequest(
                r#"{"itemShape":{"baseShape":"IdOnly"},"syncFolderId":{"distinguishedFolderId":{"id":"inbox"}},"maxChangesReturned":10}"#,
            ),
        ),
    ];
    let parser = DOMParser::new();
    for (op, r) in cases {
        let xml = r.unwrap_or_else(|e| panic!("{op}: {e:?}"));
        assert_envelope(op, &xml);
        let doc = parser.parse_from_string(&xml, "application/xml");
        let (errors, _) = collection(&doc.get_elements_by_tag_name("parsererror"));
        assert_eq!(errors, 0, "{op}: DOMParser rejected {xml}");
        let root = doc.document_element();
        assert_eq!(root.local_name(), "Envelope", "{op}");
        assert_eq!(root.namespace_uri().as_deref(), Some(SOAP_NS), "{op}");
        let (bodies, body) = collection(&doc.get_elements_by_tag_name_ns(SOAP_NS, "Body"));
        assert_eq!(bodies, 1, "{op}");
        let operation = body
            .unchecked_into::<DomElement>()
            .first_element_child()
            .unwrap_or_else(|| panic!("{op}: empty Body"));
        assert_eq!(operation.local_name(), op);
        assert_eq!(operation.namespace_uri().as_deref(), Some(M_NS), "{op}");
    }
    // Escaped attribute values come back unescaped through the DOM.
    let xml = buildGetConversationItemsRequest(
        r#"{"itemShape":{"baseShape":"IdOnly"},"conversations":[{"conversationId":{"id":"a<&\"'>b é🚀"}}]}"#,
    )
    .unwrap();
    let doc = parser.parse_from_string(&xml, "application/xml");
    let (n, id) = collection(&doc.get_elements_by_tag_name_ns(T_NS, "ConversationId"));
    assert_eq!(n, 1);
    assert_eq!(
        id.unchecked_into::<DomElement>()
            .get_attribute("Id")
            .as_deref(),
        Some("a<&\"'>b é🚀")
    );
}

#[wasm_bindgen_test]
fn builders_throw_invalid_options() {
    let (js, _) = thrown(
        "sfi",
        buildSyncFolderItemsRequest(
            r#"{"itemShape":{"baseShape":"IdOnly"},"syncFolderId":{"distinguishedFolderId":{"id":"inbox"}},"maxChangesReturned":0}"#,
        ),
    );
    assert_code("sfi", &js, "ERR_INVALID_OPTIONS");
    assert_eq!(js_str(&js, "path"), "maxChangesReturned");
    let (js, _) = thrown(
        "gci",
        buildGetConversationItemsRequest(
            r#"{"itemShape":{"baseShape":"IdOnly"},"conversations":[{"conversationId":{"id":""}}]}"#,
        ),
    );
    assert_eq!(js_str(&js, "path"), "conversations[0].conversationId.id");
    let (js, _) = thrown("imitems", buildGetImItemsRequest(r#"{"bogus":1}"#));
    assert_eq!(js_str(&js, "path"), "bogus");
    let (js, _) = thrown("imitemlist", buildGetImItemListRequest("nope"));
    assert_eq!(js_str(&js, "path"), "");
}

#[wasm_bindgen_test]
fn one_parser_per_operation() {
    let (js, _) = ok("gci", parseGetConversationItemsResponse(SEED_GCI, None));
    assert_eq!(
        js_len(&js, "responseMessages[0].conversation.conversationNodes"),
        5
    );
    let (js, _) = ok("imitems", parseGetImItemsResponse(SEED_IMITEMS, None));
    assert_eq!(
        js_str(&js, "imItemList.personas[0].displayName"),
        "Tony Smith"
    );
    let (js, _) = ok(
        "imitemlist",
        parseGetImItemListResponse(SEED_IMITEMLIST, None),
    );
    assert_eq!(js_len(&js, "imItemList.groups"), 4);
    assert_eq!(
        js_str(&js, "imItemList.personas[1].displayName"),
        "Terence Adams"
    );
    let (js, rs) = ok("sfi", parseSyncFolderItemsResponse(SEED_SFI, None));
    assert_eq!(
        js_str(&js, "responseMessages[0].changes[0].item.subject"),
        "Budget Q3"
    );
    assert_eq!(rs["responseMessages"][0]["syncState"], "H4sIAAAAA=");
}

#[wasm_bindgen_test]
fn parse_errors() {
    let (js, _) = thrown("html", parseSyncFolderItemsResponse(HTML_LOGIN, None));
    assert_code("html", &js, "ERR_MALFORMED_XML");
    assert_eq!(js_num(&js, "position"), 682.0);
    let (js, _) = thrown("not soap", parseGetImItemsResponse(NOT_SOAP, None));
    assert_code("not soap", &js, "ERR_NOT_SOAP");
    assert_eq!(js_str(&js, "found"), "rss");
    let (js, _) = thrown(
        "limit",
        parseSyncFolderItemsResponse(SEED_SFI, Some(r#"{"maxDepth":10}"#.into())),
    );
    assert_code("limit", &js, "ERR_LIMIT");
    assert_eq!((js_num(&js, "limit"), js_num(&js, "value")), (10.0, 11.0));
    let (js, _) = thrown("fault", parseGetImItemListResponse(FAULT_BUSY, None));
    assert_code("fault", &js, "ERR_SOAP_FAULT");
    assert_eq!(js_str(&js, "faultCode"), "a:ErrorServerBusy");
    assert_eq!(js_str(&js, "responseCode"), "ErrorServerBusy");
    assert_eq!(js_num(&js, "backOffMilliseconds"), 48310.0);
    let (js, _) = thrown(
        "bad utf-8",
        parseGetConversationItemsResponseBytes(&[0x3C, 0x61, 0xC3, 0x28], None),
    );
    assert_code("bad utf-8", &js, "ERR_MALFORMED_XML");
    assert_eq!(js_num(&js, "position"), 2.0);
}

/// A UTF-16LE body as a browser gets it: `fetch` (of a data: URL) →
/// `arrayBuffer()` → `Uint8Array` → the bytes entry point. The browser's own
/// `TextDecoder` must read the same bytes as the same text.
#[wasm_bindgen_test]
async fn fetched_utf16_body_through_the_bytes_entry_point() {
    let body = utf16_with_bom(SFI_DEFAULT_NS, true);
    let mut url = String::from("data:application/xml;charset=utf-16,");
    for b in &body {
        url.push_str(&format!("%{b:02X}"));
    }
    let response: Response = fetch_url(&url)
        .await
        .expect("fetch of a data: URL")
        .unchecked_into();
    assert!(response.ok());
    let buffer = response.array_buffer().await.expect("arrayBuffer()");
    let bytes = Uint8Array::new(&buffer);
    assert_eq!(bytes.to_vec(), body, "the bytes fetch returned");

    let decoded = TextDecoder::new("utf-16le").unwrap().decode(&bytes);
    let text = SFI_DEFAULT_NS.trim_start_matches('\u{feff}');
    assert_eq!(decoded, text, "TextDecoder('utf-16le')");

    let from_bytes = parseSyncFolderItemsResponseBytes(&bytes.to_vec(), None).unwrap();
    assert_eq!(
        from_bytes,
        parseSyncFolderItemsResponse(&decoded, None).unwrap()
    );
    let js = js_parse(&from_bytes);
    assert_eq!(
        js_str(&js, "responseMessages[0].changes[0].item.subject"),
        "Invoice & PO <2024-0311> — Grüße 👋"
    );
    assert_eq!(js_len(&js, "responseMessages[0].changes"), 5);
}
