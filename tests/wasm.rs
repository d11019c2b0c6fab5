//! The `#[wasm_bindgen]` layer (`src/wasm/mod.rs`), run by wasm-bindgen-test:
//! `wasm-pack test --node`, and in headless Chromium with
//! `WASM_BINDGEN_USE_BROWSER=1 wasm-pack test --headless --chrome` (no
//! `wasm_bindgen_test_configure!` here, so the runner takes its mode from the
//! environment: Node by default, the browser under `WASM_BINDGEN_USE_BROWSER`).
//!
//! The exports are called from Rust, but every result and every thrown value is
//! a JS value: results are read back with the engine's `JSON.parse` and
//! `Reflect.get` (what `pkg-template/api.js` does) and with serde_json; errors
//! must be thrown as a JS *string* holding `{ code, message, ...fields }`.

#![cfg(target_arch = "wasm32")]

mod wasm_common;

use ews_wasm::wasm::*;
use wasm_bindgen::JsValue;
use wasm_bindgen_test::wasm_bindgen_test;
use wasm_common::*;

const SEED_GCI: &str = include_str!("fixtures/seed-gci-response.xml");
const SEED_IMITEMS: &str = include_str!("fixtures/seed-imitems-response.xml");
const SEED_IMITEMLIST: &str = include_str!("fixtures/seed-imitemlist-response.xml");
const SEED_SFI: &str = include_str!("fixtures/seed-sfi-response.xml");
const GCI_MULTI: &str = include_str!("fixtures/gci-multi-conversation.xml");
const SFI_INTERLEAVED: &str = include_str!("fixtures/sfi-interleaved-all-kinds.xml");
const SFI_DEFAULT_NS: &str = include_str!("fixtures/sfi-default-namespace.xml");
const SFI_DEFAULT_NS_BYTES: &[u8] = include_bytes!("fixtures/sfi-default-namespace.xml");
const SFI_BACKOFF: &str = include_str!("fixtures/sfi-error-backoff.xml");
const HTML_LOGIN: &str = include_str!("fixtures/html-login-page.html");
const JSON_ERROR: &str = include_str!("fixtures/json-error.json");
const TRUNCATED: &str = include_str!("fixtures/truncated.xml");
const NOT_SOAP: &str = include_str!("fixtures/not-soap.xml");
const FAULT_BUSY: &str = include_str!("fixtures/fault-server-busy.xml");
const FAULT_SCHEMA: &str = include_str!("fixtures/fault-schema-validation.xml");
const FAULT_IMITEMLIST: &str = include_str!("fixtures/seed-imitemlist-fault.xml");

type TextParser = fn(&str, Option<String>) -> Result<String, JsValue>;
type BytesParser = fn(&[u8], Option<String>) -> Result<String, JsValue>;
type Builder = fn(&str) -> Result<String, JsValue>;

/// The four parsers: (name, text entry point, bytes entry point).
const PARSERS: [(&str, TextParser, BytesParser); 4] = [
    (
        "GetConversationItems",
        parseGetConversationItemsResponse,
        parseGetConversationItemsResponseBytes,
    ),
    (
        "GetImItems",
        parseGetImItemsResponse,
        parseGetImItemsResponseBytes,
    ),
    (
        "GetImItemList",
        parseGetImItemListResponse,
        parseGetImItemListResponseBytes,
    ),
    (
        "SyncFolderItems",
        parseSyncFolderItemsResponse,
        parseSyncFolderItemsResponseBytes,
    ),
];

fn limits(json: &str) -> Option<String> {
    Some(json.to_string())
}

// ---------------------------------------------------------------------------
// Builders: JSON options → XML

const GCI_OPTIONS: &str = r#"{
  "header": { "requestServerVersion": "Exchange2013" },
  "itemShape": { "baseShape": "IdOnly",
                 "additionalProperties": [{ "fieldURI": "item:Subject" }, { "fieldURI": "item:DateTimeReceived" }] },
  "foldersToIgnore": [{ "distinguishedFolderId": { "id": "deleteditems" } },
                      { "distinguishedFolderId": { "id": "drafts" } }],
  "sortOrder": "TreeOrderDescending",
  "conversations": [{ "conversationId": { "id": "AAQkADEzOTExYjJkakJCs=" } }]
}"#;

const IMITEMS_OPTIONS: &str = r#"{
  "header": { "mailboxCulture": "en-US" },
  "contactIds": [{ "id": "AAMkADEzOTExYACABmEhpSAAA=", "changeKey": "EQAAABBmNDjF" }],
  "groupIds": [{ "id": "AAMkADEzOTExYjJkBY7+0EAAA=", "changeKey": "EgAAAA==" }],
  "extendedProperties": [{ "propertyTag": "0x3001", "propertyType": "String" }]
}"#;

const IMITEMLIST_OPTIONS: &str = r#"{
  "header": { "mailboxCulture": "en-US" },
  "extendedProperties": [{ "propertyTag": "0x3001", "propertyType": "String" }]
}"#;

const SFI_OPTIONS: &str = r#"{
  "itemShape": { "baseShape": "Default" },
  "syncFolderId": { "distinguishedFolderId": { "id": "sentitems" } },
  "syncState": "AEbJ94eMOAAA=",
  "ignore": [{ "id": "AQApAHRAA==", "changeKey": "CQAAABY" }],
  "maxChangesReturned": 100
}"#;

fn build(what: &str, f: Builder, options: &str) -> String {
    f(options).unwrap_or_else(|e| panic!("{what}: threw {e:?}"))
}

fn assert_contains_all(what: &str, xml: &str, parts: &[&str]) {
    for p in parts {
        assert!(xml.contains(p), "{what}: `{p}` missing in {xml}");
    }
}

#[wasm_bindgen_test]
fn build_get_conversation_items() {
    let xml = build("gci", buildGetConversationItemsRequest, GCI_OPTIONS);
    assert_envelope("gci", &xml);
    assert_contains_all(
        "gci",
        &xml,
        &[
            r#"<t:RequestServerVersion Version="Exchange2013"/>"#,
            "<m:GetConversationItems>",
            "<t:BaseShape>IdOnly</t:BaseShape>",
            r#"<t:FieldURI FieldURI="item:Subject"/>"#,
            r#"<t:FieldURI FieldURI="item:DateTimeReceived"/>"#,
            r#"<m:FoldersToIgnore><t:DistinguishedFolderId Id="deleteditems"/><t:DistinguishedFolderId Id="drafts"/></m:FoldersToIgnore>"#,
            "<m:SortOrder>TreeOrderDescending</m:SortOrder>",
            r#"<t:ConversationId Id="AAQkADEzOTExYjJkakJCs="/>"#,
            "</m:GetConversationItems>",
        ],
    );
}

#[wasm_bindgen_test]
fn build_get_im_items() {
    let xml = build("imitems", buildGetImItemsRequest, IMITEMS_OPTIONS);
    assert_envelope("imitems", &xml);
    assert_contains_all(
        "imitems",
        &xml,
        &[
            "<t:MailboxCulture>en-US</t:MailboxCulture>",
            "<m:GetImItems>",
            r#"<m:ContactIds><t:ItemId Id="AAMkADEzOTExYACABmEhpSAAA=" ChangeKey="EQAAABBmNDjF"/></m:ContactIds>"#,
            r#"<m:GroupIds><t:ItemId Id="AAMkADEzOTExYjJkBY7+0EAAA=" ChangeKey="EgAAAA=="/></m:GroupIds>"#,
            r#"<t:ExtendedProperty PropertyTag="0x3001" PropertyType="String"/>"#,
        ],
    );
    // Every GetImItems option is optional: `{}` is a valid request.
    let empty = build("imitems {}", buildGetImItemsRequest, "{}");
    assert_envelope("imitems {}", &empty);
    assert!(empty.contains("<m:GetImItems/>"), "{empty}");
}

#[wasm_bindgen_test]
fn build_get_im_item_list() {
    let xml = build("imitemlist", buildGetImItemListRequest, IMITEMLIST_OPTIONS);
    assert_envelope("imitemlist", &xml);
    assert_contains_all(
        "imitemlist",
        &xml,
        &[
            "<t:MailboxCulture>en-US</t:MailboxCulture>",
            "<m:GetImItemList><m:ExtendedProperties>",
            r#"<t:ExtendedProperty PropertyTag="0x3001" PropertyType="String"/>"#,
        ],
    );
    let empty = build("imitemlist {}", buildGetImItemListRequest, "{}");
    assert_envelope("imitemlist {}", &empty);
    assert!(empty.contains("<m:GetImItemList/>"), "{empty}");
}

#[wasm_bindgen_test]
fn build_sync_folder_items() {
    let xml = build("sfi", buildSyncFolderItemsRequest, SFI_OPTIONS);
    assert_envelope("sfi", &xml);
    assert_contains_all(
        "sfi",
        &xml,
        &[
            "<m:SyncFolderItems>",
            "<t:BaseShape>Default</t:BaseShape>",
            r#"<m:SyncFolderId><t:DistinguishedFolderId Id="sentitems"/></m:SyncFolderId>"#,
            "<m:SyncState>AEbJ94eMOAAA=</m:SyncState>",
            r#"<m:Ignore><t:ItemId Id="AQApAHRAA==" ChangeKey="CQAAABY"/></m:Ignore>"#,
            "<m:MaxChangesReturned>100</m:MaxChangesReturned>",
        ],
    );
}

#[wasm_bindgen_test]
fn builders_escape_and_keep_non_ascii() {
    // Strings come in as JSON (with JSON escapes) and leave XML-escaped.
    let xml = build(
        "sfi escape",
        buildSyncFolderItemsRequest,
        r#"{"itemShape":{"baseShape":"IdOnly"},"syncFolderId":{"folderId":{"id":"a<&\"'>b \u00e9\ud83d\ude80"}},"maxChangesReturned":1}"#,
    );
    assert_envelope("sfi escape", &xml);
    assert!(
        xml.contains(r#"<t:FolderId Id="a&lt;&amp;&quot;&apos;&gt;b é🚀"/>"#),
        "{xml}"
    );
}

#[wasm_bindgen_test]
fn builders_throw_invalid_options_with_the_js_path() {
    let cases: &[(&str, Builder, &str, &str)] = &[
        (
            "sfi maxChangesReturned 0",
            buildSyncFolderItemsRequest,
            r#"{"itemShape":{"baseShape":"IdOnly"},"syncFolderId":{"distinguishedFolderId":{"id":"inbox"}},"maxChangesReturned":0}"#,
            "maxChangesReturned",
        ),
        (
            "sfi maxChangesReturned as a string",
            buildSyncFolderItemsRequest,
            r#"{"itemShape":{"baseShape":"IdOnly"},"syncFolderId":{"distinguishedFolderId":{"id":"inbox"}},"maxChangesReturned":"100"}"#,
            "maxChangesReturned",
        ),
        (
            "sfi unknown baseShape",
            buildSyncFolderItemsRequest,
            r#"{"itemShape":{"baseShape":"Everything"},"syncFolderId":{"distinguishedFolderId":{"id":"inbox"}},"maxChangesReturned":10}"#,
            "itemShape.baseShape",
        ),
        (
            "sfi unknown folder",
            buildSyncFolderItemsRequest,
            r#"{"itemShape":{"baseShape":"IdOnly"},"syncFolderId":{"distinguishedFolderId":{"id":"nope"}},"maxChangesReturned":10}"#,
            "syncFolderId.distinguishedFolderId.id",
        ),
        (
            "sfi not an object",
            buildSyncFolderItemsRequest,
            r#""x""#,
            "",
        ),
        (
            "gci empty id",
            buildGetConversationItemsRequest,
            r#"{"itemShape":{"baseShape":"IdOnly"},"conversations":[{"conversationId":{"id":"a"}},{"conversationId":{"id":"b"}},{"conversationId":{"id":""}}]}"#,
            "conversations[2].conversationId.id",
        ),
        (
            "gci missing conversations",
            buildGetConversationItemsRequest,
            r#"{"itemShape":{"baseShape":"IdOnly"}}"#,
            "conversations",
        ),
        (
            "gci empty conversations",
            buildGetConversationItemsRequest,
            r#"{"itemShape":{"baseShape":"IdOnly"},"conversations":[]}"#,
            "conversations",
        ),
        (
            "imitems empty contact id",
            buildGetImItemsRequest,
            r#"{"contactIds":[{"id":""}]}"#,
            "contactIds[0].id",
        ),
        (
            "imitems unknown key",
            buildGetImItemsRequest,
            r#"{"contactIds":[{"id":"a"}],"bogus":1}"#,
            "bogus",
        ),
        ("imitems not JSON", buildGetImItemsRequest, "nope", ""),
        (
            "imitemlist unknown property type",
            buildGetImItemListRequest,
            r#"{"extendedProperties":[{"propertyTag":"0x3001","propertyType":"Nope"}]}"#,
            "extendedProperties[0].propertyType",
        ),
        ("imitemlist empty input", buildGetImItemListRequest, "", ""),
    ];
    for (what, f, options, path) in cases {
        let (js, rs) = thrown(what, f(options));
        assert_code(what, &js, "ERR_INVALID_OPTIONS");
        assert_eq!(js_str(&js, "path"), *path, "{what}");
        assert_eq!(rs["path"], *path, "{what}");
    }
}

// ---------------------------------------------------------------------------
// Parsers: XML → JSON

#[wasm_bindgen_test]
fn parse_get_conversation_items_seed() {
    let (js, rs) = ok("gci", parseGetConversationItemsResponse(SEED_GCI, None));
    assert_eq!(js_str(&js, "serverVersionInfo.version"), "Exchange2013");
    assert_eq!(js_num(&js, "serverVersionInfo.majorBuildNumber"), 545.0);
    assert_eq!(js_len(&js, "responseMessages"), 1);
    let m = "responseMessages[0]";
    assert_eq!(js_str(&js, &format!("{m}.responseClass")), "Success");
    assert_eq!(js_str(&js, &format!("{m}.responseCode")), "NoError");
    let c = format!("{m}.conversation");
    assert_eq!(
        js_str(&js, &format!("{c}.conversationId.id")),
        "AAQkADEzOTExYjJkakJCs="
    );
    assert_eq!(js_len(&js, &format!("{c}.conversationNodes")), 5);
    assert_eq!(
        js_str(&js, &format!("{c}.conversationNodes[0].items[0].kind")),
        "Message"
    );
    assert_eq!(
        js_str(&js, &format!("{c}.conversationNodes[0].items[0].subject")),
        "RE: Daily issue scrub"
    );
    // The root has no parent: the key is absent (not null) in JS.
    assert!(!js_has(
        &js,
        &format!("{c}.conversationNodes[4]"),
        "parentInternetMessageId"
    ));
    assert_eq!(
        js_str(&js, &format!("{c}.conversationNodes[4].internetMessageId")),
        "189b712056c2430dbce334b40496ad00@contoso.com"
    );
    // serde_json reads the same text the same way.
    let conv = &rs["responseMessages"][0]["conversation"];
    assert_eq!(conv["conversationNodes"].as_array().unwrap().len(), 5);
    assert_eq!(
        conv["conversationNodes"][4]["items"][0]["subject"],
        "Daily issue scrub"
    );
    assert_eq!(
        conv["conversationNodes"][0]["items"][0]["dateTimeReceived"],
        "2012-10-30T18:42:27Z"
    );
}

#[wasm_bindgen_test]
fn parse_get_conversation_items_multi() {
    let (js, rs) = ok(
        "gci multi",
        parseGetConversationItemsResponse(GCI_MULTI, None),
    );
    assert_eq!(js_len(&js, "responseMessages"), 3);
    assert_eq!(js_str(&js, "responseMessages[0].responseClass"), "Success");
    assert_eq!(
        js_len(&js, "responseMessages[0].conversation.conversationNodes"),
        6
    );
    // Node D carries two items; node C's item is a MeetingRequest.
    assert_eq!(
        js_len(
            &js,
            "responseMessages[0].conversation.conversationNodes[3].items"
        ),
        2
    );
    assert_eq!(
        js_str(
            &js,
            "responseMessages[0].conversation.conversationNodes[2].items[0].kind"
        ),
        "MeetingRequest"
    );
    // Message ids written with &lt; &gt; arrive unescaped.
    assert!(js_str(
        &js,
        "responseMessages[0].conversation.conversationNodes[0].internetMessageId"
    )
    .starts_with("<AM9PR02MB7186"));
    assert_eq!(js_str(&js, "responseMessages[1].responseClass"), "Warning");
    assert_eq!(
        js_str(&js, "responseMessages[1].responseCode"),
        "ErrorItemCorrupt"
    );
    assert_eq!(js_str(&js, "responseMessages[2].responseClass"), "Error");
    assert_eq!(
        js_str(&js, "responseMessages[2].responseCode"),
        "ErrorItemNotFound"
    );
    assert!(js_get(&js, "responseMessages[2].conversation").is_undefined());
    assert_eq!(
        rs["responseMessages"][2]["responseCode"],
        "ErrorItemNotFound"
    );
    assert!(rs["responseMessages"][2].get("conversation").is_none());
}

#[wasm_bindgen_test]
fn parse_get_im_items_seed() {
    let (js, rs) = ok("imitems", parseGetImItemsResponse(SEED_IMITEMS, None));
    assert_eq!(js_str(&js, "responseClass"), "Success");
    assert_eq!(js_str(&js, "responseCode"), "NoError");
    assert_eq!(js_len(&js, "imItemList.groups"), 1);
    assert_eq!(
        js_str(&js, "imItemList.groups[0].displayName"),
        "Exchange SDK Team"
    );
    assert_eq!(js_len(&js, "imItemList.personas"), 1);
    let p = "imItemList.personas[0]";
    assert_eq!(js_str(&js, &format!("{p}.displayName")), "Tony Smith");
    assert_eq!(js_str(&js, &format!("{p}.imAddress")), "tsmith@contoso.com");
    assert_eq!(js_num(&js, &format!("{p}.relevanceScore")), 2_147_483_647.0);
    assert!(!js_bool(&js, &format!("{p}.attributions[0].isWritable")));
    assert!(js_bool(&js, &format!("{p}.attributions[0].isQuickContact")));
    assert_eq!(
        js_str(&js, &format!("{p}.displayNames[0].attributions[0]")),
        "0"
    );
    assert_eq!(
        rs["imItemList"]["personas"][0]["extendedProperties"][0]["value"]["value"],
        "Tony Smith"
    );
}

#[wasm_bindgen_test]
fn parse_get_im_item_list_seed() {
    let (js, rs) = ok(
        "imitemlist",
        parseGetImItemListResponse(SEED_IMITEMLIST, None),
    );
    assert_eq!(js_str(&js, "responseClass"), "Success");
    assert_eq!(js_len(&js, "imItemList.groups"), 4);
    assert_eq!(
        js_str(&js, "imItemList.groups[0].displayName"),
        "Other Contacts"
    );
    assert_eq!(js_len(&js, "imItemList.groups[3].memberCorrelationKey"), 2);
    assert_eq!(js_len(&js, "imItemList.personas"), 2);
    assert_eq!(
        js_str(&js, "imItemList.personas[0].displayName"),
        "Anthony Smith"
    );
    assert_eq!(
        js_str(&js, "imItemList.personas[0].fileAs"),
        "Smith, Anthony"
    );
    assert_eq!(
        js_str(&js, "imItemList.personas[0].emailAddress.emailAddress"),
        "tsmith@contoso.com"
    );
    assert_eq!(
        rs["imItemList"]["personas"][1]["displayName"],
        "Terence Adams"
    );
}

#[wasm_bindgen_test]
fn parse_sync_folder_items_seed() {
    let (js, rs) = ok("sfi", parseSyncFolderItemsResponse(SEED_SFI, None));
    assert_eq!(js_num(&js, "serverVersionInfo.majorVersion"), 8.0);
    let m = "responseMessages[0]";
    assert_eq!(js_str(&js, &format!("{m}.responseClass")), "Success");
    assert_eq!(js_str(&js, &format!("{m}.syncState")), "H4sIAAAAA=");
    assert!(js_bool(&js, &format!("{m}.includesLastItemInRange")));
    assert_eq!(js_len(&js, &format!("{m}.changes")), 1);
    let i = format!("{m}.changes[0].item");
    assert_eq!(js_str(&js, &format!("{m}.changes[0].kind")), "Create");
    assert_eq!(js_str(&js, &format!("{i}.kind")), "MeetingRequest");
    assert_eq!(js_str(&js, &format!("{i}.subject")), "Budget Q3");
    assert_eq!(js_str(&js, &format!("{i}.location")), "Conference Room 2");
    assert_eq!(
        js_str(&js, &format!("{i}.organizer.mailbox.emailAddress")),
        "dpark@example.com"
    );
    assert_eq!(
        rs["responseMessages"][0]["changes"][0]["item"]["start"],
        "2006-08-02T17:30:00Z"
    );
}

#[wasm_bindgen_test]
fn parse_sync_folder_items_all_kinds_and_unicode() {
    let (js, rs) = ok(
        "sfi all kinds",
        parseSyncFolderItemsResponse(SFI_INTERLEAVED, None),
    );
    let m = "responseMessages[0]";
    assert!(!js_bool(&js, &format!("{m}.includesLastItemInRange")));
    assert_eq!(js_len(&js, &format!("{m}.changes")), 16);
    let kinds: Vec<String> = (0..16)
        .map(|n| {
            let c = format!("{m}.changes[{n}]");
            let kind = js_str(&js, &format!("{c}.kind"));
            match js_get(&js, &format!("{c}.item")) {
                v if v.is_undefined() => kind,
                _ => format!("{kind}:{}", js_str(&js, &format!("{c}.item.kind"))),
            }
        })
        .collect();
    assert_eq!(
        kinds,
        [
            "Create:Message",
            "ReadFlagChange",
            "Delete",
            "Update:CalendarItem",
            "Create:MeetingRequest",
            "ReadFlagChange",
            "Delete",
            "Update:Message",
            "Create:Contact",
            "Create:Task",
            "Create:PostItem",
            "Create:DistributionList",
            "Create:MeetingResponse",
            "Create:MeetingCancellation",
            "Create:MeetingMessage",
            "Create:Item",
        ]
    );
    // Non-ASCII (and a non-BMP emoji) survive the UTF-8 → JS string crossing.
    let subject = "Q3 budget & forecast <draft> — Zürich offsite 🚀 naïve café";
    assert_eq!(
        js_str(&js, &format!("{m}.changes[0].item.subject")),
        subject
    );
    assert_eq!(
        rs["responseMessages"][0]["changes"][0]["item"]["subject"],
        subject
    );
    assert_eq!(js_num(&js, &format!("{m}.changes[0].item.size")), 87412.0);
}

#[wasm_bindgen_test]
fn parse_response_class_error_is_a_result_not_a_throw() {
    let (js, rs) = ok(
        "sfi backoff",
        parseSyncFolderItemsResponse(SFI_BACKOFF, None),
    );
    let m = "responseMessages[0]";
    assert_eq!(js_str(&js, &format!("{m}.responseClass")), "Error");
    assert_eq!(js_str(&js, &format!("{m}.responseCode")), "ErrorServerBusy");
    assert_eq!(js_num(&js, &format!("{m}.backOffMilliseconds")), 29794.0);
    assert_eq!(rs["responseMessages"][0]["backOffMilliseconds"], 29794);
}

// ---------------------------------------------------------------------------
// Thrown errors: the JSON of Error::to_json()

#[wasm_bindgen_test]
fn malformed_xml_has_a_numeric_position() {
    for (name, text, _) in PARSERS {
        for (what, doc) in [
            ("html", HTML_LOGIN),
            ("json", JSON_ERROR),
            ("truncated", TRUNCATED),
            ("empty", ""),
            ("unclosed", "<a>"),
        ] {
            let what = format!("{name} {what}");
            let (js, rs) = thrown(&what, text(doc, None));
            assert_code(&what, &js, "ERR_MALFORMED_XML");
            let pos = js_num(&js, "position");
            assert!(pos >= 0.0 && pos.fract() == 0.0, "{what}: {pos}");
            assert!(pos as usize <= doc.len(), "{what}: {pos}");
            assert_eq!(rs["position"].as_f64(), Some(pos), "{what}");
        }
        // The exact positions of two documents.
        let (js, _) = thrown(name, text(HTML_LOGIN, None));
        assert_eq!(js_num(&js, "position"), 682.0, "{name}");
        // truncated.xml ends inside the start tag `<t:DateTimeRec`: the error is at its `<`.
        let (js, _) = thrown(name, text(TRUNCATED, None));
        let last_tag = TRUNCATED.rfind('<').unwrap();
        assert_eq!(js_num(&js, "position"), last_tag as f64, "{name}");
    }
}

#[wasm_bindgen_test]
fn not_soap_names_what_was_found() {
    for (name, text, _) in PARSERS {
        let (js, rs) = thrown(name, text(NOT_SOAP, None));
        assert_code(name, &js, "ERR_NOT_SOAP");
        assert_eq!(js_str(&js, "found"), "rss", "{name}");
        assert_eq!(rs["found"], "rss", "{name}");
    }
    // A SOAP response for another operation.
    let (js, _) = thrown("imitems ← sfi", parseGetImItemsResponse(SEED_SFI, None));
    assert_code("imitems ← sfi", &js, "ERR_NOT_SOAP");
    assert_eq!(js_str(&js, "found"), "SyncFolderItemsResponse");
}

#[wasm_bindgen_test]
fn limits_from_json() {
    // maxDepth: the seed SFI and GCI responses are 11 levels deep.
    for (what, r) in [
        (
            "sfi",
            parseSyncFolderItemsResponse(SEED_SFI, limits(r#"{"maxDepth":10}"#)),
        ),
        (
            "gci",
            parseGetConversationItemsResponse(SEED_GCI, limits(r#"{"maxDepth":10}"#)),
        ),
    ] {
        let (js, rs) = thrown(what, r);
        assert_code(what, &js, "ERR_LIMIT");
        assert_eq!(js_str(&js, "limitName"), "maxDepth", "{what}");
        assert_eq!(js_num(&js, "limit"), 10.0, "{what}");
        assert_eq!(js_num(&js, "value"), 11.0, "{what}");
        assert_eq!(
            (rs["limit"].as_u64(), rs["value"].as_u64()),
            (Some(10), Some(11)),
            "{what}"
        );
    }
    let seeds = [SEED_GCI, SEED_IMITEMS, SEED_IMITEMLIST, SEED_SFI];
    for ((name, text, bytes), seed) in PARSERS.into_iter().zip(seeds) {
        // Every response element is at depth 4 (Envelope, Body, XxxResponse, child).
        let (js, _) = thrown(name, text(seed, limits(r#"{"maxDepth":3}"#)));
        assert_code(name, &js, "ERR_LIMIT");
        assert_eq!(js_str(&js, "limitName"), "maxDepth", "{name}");
        assert_eq!(
            (js_num(&js, "limit"), js_num(&js, "value")),
            (3.0, 4.0),
            "{name}"
        );
        // maxResponseBytes, on both entry points.
        let len = SEED_SFI.len() as f64;
        for (what, r) in [
            (
                "text",
                text(SEED_SFI, limits(r#"{"maxResponseBytes":100}"#)),
            ),
            (
                "bytes",
                bytes(SEED_SFI.as_bytes(), limits(r#"{"maxResponseBytes":100}"#)),
            ),
        ] {
            let what = format!("{name} {what}");
            let (js, _) = thrown(&what, r);
            assert_code(&what, &js, "ERR_LIMIT");
            assert_eq!(js_str(&js, "limitName"), "maxResponseBytes", "{what}");
            assert_eq!(js_num(&js, "limit"), 100.0, "{what}");
            assert_eq!(js_num(&js, "value"), len, "{what}");
        }
        // Bad limits are ERR_INVALID_OPTIONS with a path.
        for (json, path) in [
            (r#"{"maxDepth":"x"}"#, "maxDepth"),
            (r#"{"maxDeep":3}"#, "maxDeep"),
            (r#"{"maxResponseBytes":-1}"#, "maxResponseBytes"),
        ] {
            let what = format!("{name} limits {json}");
            let (js, _) = thrown(&what, text(SEED_SFI, limits(json)));
            assert_code(&what, &js, "ERR_INVALID_OPTIONS");
            assert_eq!(js_str(&js, "path"), path, "{what}");
        }
    }
    // Absent, empty, "null" and "{}" limits are the defaults; generous limits pass.
    for l in [
        None,
        limits(""),
        limits("null"),
        limits("{}"),
        limits(r#"{"maxDepth":11,"maxResponseBytes":1000000}"#),
    ] {
        ok(
            "sfi default limits",
            parseSyncFolderItemsResponse(SEED_SFI, l),
        );
    }
}

#[wasm_bindgen_test]
fn soap_faults_carry_code_response_code_and_back_off() {
    for (name, text, bytes) in PARSERS {
        for r in [text(FAULT_BUSY, None), bytes(FAULT_BUSY.as_bytes(), None)] {
            let (js, rs) = thrown(name, r);
            assert_code(name, &js, "ERR_SOAP_FAULT");
            assert_eq!(js_str(&js, "faultCode"), "a:ErrorServerBusy", "{name}");
            assert_eq!(js_str(&js, "responseCode"), "ErrorServerBusy", "{name}");
            assert_eq!(js_num(&js, "backOffMilliseconds"), 48310.0, "{name}");
            assert_eq!(rs["backOffMilliseconds"], 48310, "{name}");
            assert!(!js_str(&js, "faultString").is_empty(), "{name}");
        }
        let (js, _) = thrown(name, text(FAULT_SCHEMA, None));
        assert_code(name, &js, "ERR_SOAP_FAULT");
        assert_eq!(js_str(&js, "faultCode"), "a:ErrorSchemaValidation");
        assert_eq!(js_str(&js, "responseCode"), "ErrorSchemaValidation");
        let back_off = js_get(&js, "backOffMilliseconds");
        assert!(
            back_off.is_undefined() || back_off.is_null(),
            "{back_off:?}"
        );
    }
    let (js, _) = thrown(
        "imitemlist fault",
        parseGetImItemListResponse(FAULT_IMITEMLIST, None),
    );
    assert_eq!(js_str(&js, "faultCode"), "a:ErrorIncorrectSchemaVersion");
    assert_eq!(js_str(&js, "responseCode"), "ErrorIncorrectSchemaVersion");
}

// ---------------------------------------------------------------------------
// The bytes entry points

#[wasm_bindgen_test]
fn bytes_utf8_equals_text() {
    let seeds = [SEED_GCI, SEED_IMITEMS, SEED_IMITEMLIST, SEED_SFI];
    for ((name, text, bytes), seed) in PARSERS.into_iter().zip(seeds) {
        let from_text = text(seed, None).unwrap();
        let from_bytes = bytes(seed.as_bytes(), None).unwrap();
        assert_eq!(from_bytes, from_text, "{name}");
    }
    // A UTF-8 BOM, CRLF and non-ASCII text.
    assert_eq!(&SFI_DEFAULT_NS_BYTES[..3], b"\xEF\xBB\xBF");
    let (js, _) = ok(
        "sfi utf-8 bom",
        parseSyncFolderItemsResponseBytes(SFI_DEFAULT_NS_BYTES, None),
    );
    assert_eq!(
        js_str(&js, "responseMessages[0].changes[0].item.subject"),
        "Invoice & PO <2024-0311> — Grüße 👋"
    );
    assert_eq!(js_len(&js, "responseMessages[0].changes"), 5);
}

#[wasm_bindgen_test]
fn bytes_utf16_with_bom() {
    let expected = parseSyncFolderItemsResponse(SFI_DEFAULT_NS, None).unwrap();
    for little_endian in [true, false] {
        let what = if little_endian {
            "UTF-16LE"
        } else {
            "UTF-16BE"
        };
        let bytes = utf16_with_bom(SFI_DEFAULT_NS, little_endian);
        let got = parseSyncFolderItemsResponseBytes(&bytes, None)
            .unwrap_or_else(|e| panic!("{what}: {e:?}"));
        assert_eq!(got, expected, "{what}");
        let js = js_parse(&got);
        assert_eq!(
            js_str(&js, "responseMessages[0].changes[0].item.subject"),
            "Invoice & PO <2024-0311> — Grüße 👋",
            "{what}"
        );
        // The other three parsers too.
        let seeds = [SEED_GCI, SEED_IMITEMS, SEED_IMITEMLIST];
        for ((name, text, parse_bytes), seed) in PARSERS.into_iter().zip(seeds) {
            assert_eq!(
                parse_bytes(&utf16_with_bom(seed, little_endian), None).unwrap(),
                text(seed, None).unwrap(),
                "{name} {what}"
            );
        }
    }
}

#[wasm_bindgen_test]
fn bytes_invalid_encodings_are_malformed_xml() {
    let check = |what: &str, r: Result<String, JsValue>, position: f64| {
        let (js, rs) = thrown(what, r);
        assert_code(what, &js, "ERR_MALFORMED_XML");
        assert_eq!(js_num(&js, "position"), position, "{what}");
        assert_eq!(rs["position"].as_f64(), Some(position), "{what}");
    };
    for (name, _, bytes) in PARSERS {
        check(name, bytes(&[0x3C, 0x61, 0xC3, 0x28], None), 2.0);
        check(name, bytes(b"\xFF<a/>", None), 0.0);
        // A lone 0xFF inside an otherwise valid response: the first bad byte.
        let mut doc = SEED_SFI.as_bytes().to_vec();
        let at = SEED_SFI.find("Budget Q3").unwrap();
        doc.insert(at, 0xFF);
        check(name, bytes(&doc, None), at as f64);
        // UTF-16: an odd number of bytes, an unpaired surrogate.
        check(name, bytes(&[0xFF, 0xFE, 0x3C], None), 2.0);
        check(
            name,
            bytes(&[0xFF, 0xFE, 0x3C, 0x00, 0x00, 0xD8, 0x61, 0x00], None),
            4.0,
        );
    }
}

// ---------------------------------------------------------------------------
// Robustness and conversationThread

/// 100 malformed inputs of every kind, spread over the four parsers and both
/// entry points: each is a thrown error string, and afterwards the module
/// still parses and builds exactly as before.
#[wasm_bindgen_test]
fn module_stays_usable_after_100_malformed_inputs() {
    let seeds = [SEED_GCI, SEED_IMITEMS, SEED_IMITEMLIST, SEED_SFI];
    let before: Vec<String> = PARSERS
        .iter()
        .zip(seeds)
        .map(|((_, text, _), seed)| text(seed, None).unwrap())
        .collect();

    let mut inputs: Vec<(String, Vec<u8>)> = Vec::new();
    // 40 truncations of a valid response (on char boundaries, before its end).
    let cut_limit = SEED_SFI.trim_end().len() - 1;
    for k in 0..40 {
        let mut cut = 1 + k * cut_limit / 40;
        while !SEED_SFI.is_char_boundary(cut) {
            cut -= 1;
        }
        inputs.push((format!("truncated at {cut}"), SEED_SFI[..cut].into()));
    }
    // 20 broken documents.
    for doc in [
        "",
        " ",
        "<",
        "<<<<",
        "</a>",
        "<a></b>",
        "<a b='1' b='2'/>",
        "<?xml version='1.0'?>",
        "<!DOCTYPE x [<!ENTITY a 'b'>]><x>&a;</x>",
        "<s:Envelope>",
        "<s:Envelope xmlns:s='http://schemas.xmlsoap.org/soap/envelope/'/>",
        "<s:Envelope xmlns:s='http://schemas.xmlsoap.org/soap/envelope/'><s:Body/></s:Envelope>",
        "<a>&bogus;</a>",
        "<a>&#0;</a>",
        "\u{0}",
        "{\"error\":\"invalid_grant\"}",
        "<html><body>Sign in</body></html>",
        "<a><![CDATA[x</a>",
        "<a><!-- x </a>",
        "<a/><b/>",
    ] {
        inputs.push((format!("broken {doc:?}"), doc.into()));
    }
    // 20 invalid UTF-8 bodies (a bad byte at a different place each time).
    for k in 0..20 {
        let mut doc = SEED_SFI.as_bytes().to_vec();
        let at = 1 + k * 97;
        doc.insert(at, [0xFF, 0x80, 0xC3, 0xF5][k % 4]);
        inputs.push((format!("bad byte at {at}"), doc));
    }
    // 10 nested far beyond maxDepth.
    for k in 0..10 {
        let depth = 300 + 500 * k;
        let doc = format!(
            "<s:Envelope xmlns:s='{SOAP_NS}'><s:Body>{}</s:Body></s:Envelope>",
            "<x>".repeat(depth)
        );
        inputs.push((format!("depth {depth}"), doc.into_bytes()));
    }
    // 10 broken UTF-16 bodies.
    for k in 0..10 {
        let mut doc = utf16_with_bom(SEED_SFI, k % 2 == 0);
        if k < 5 {
            doc.truncate(doc.len() - 1 - 2 * k); // odd length
        } else {
            let at = 2 + 2 * (k * 31);
            let surrogate: [u8; 2] = if k % 2 == 0 {
                [0x00, 0xDC]
            } else {
                [0xDC, 0x00]
            };
            doc.splice(at..at, surrogate);
        }
        inputs.push((format!("utf-16 #{k}"), doc));
    }
    assert_eq!(inputs.len(), 100);

    for (n, (what, doc)) in inputs.iter().enumerate() {
        let (name, text, bytes) = PARSERS[n % 4];
        let what = format!("#{n} {name} {what}");
        let r = match std::str::from_utf8(doc) {
            Ok(s) if n % 3 != 0 => text(s, None),
            _ => bytes(doc, None),
        };
        let (js, _) = thrown(&what, r);
        let code = js_str(&js, "code");
        assert!(
            ["ERR_MALFORMED_XML", "ERR_NOT_SOAP", "ERR_LIMIT"].contains(&code.as_str()),
            "{what}: {code}"
        );
        if what.contains("truncated") || what.contains("bad byte") || what.contains("utf-16") {
            assert_eq!(code, "ERR_MALFORMED_XML", "{what}");
        }
        if what.contains("depth") {
            assert_eq!(code, "ERR_LIMIT", "{what}");
        }
        // Mix in failing builders too.
        if n % 10 == 0 {
            thrown(
                &what,
                buildSyncFolderItemsRequest(doc.escape_ascii().to_string().as_str()),
            );
        }
    }

    let after: Vec<String> = PARSERS
        .iter()
        .zip(seeds)
        .map(|((name, text, _), seed)| {
            text(seed, None).unwrap_or_else(|e| panic!("{name} after the storm: {e:?}"))
        })
        .collect();
    assert_eq!(after, before);
    assert_envelope(
        "sfi after the storm",
        &build("sfi", buildSyncFolderItemsRequest, SFI_OPTIONS),
    );
}

#[wasm_bindgen_test]
fn conversation_thread_from_parsed_json() {
    let (js, _) = ok(
        "gci multi",
        parseGetConversationItemsResponse(GCI_MULTI, None),
    );
    // What the JS wrapper does: JSON.stringify the parsed conversation object.
    let conversation = js_get(&js, "responseMessages[0].conversation");
    let json: String = js_sys::JSON::stringify(&conversation).unwrap().into();
    let (tree, rs) = ok("thread", conversation_thread(&json));
    assert_eq!(js_len(&tree, ""), 6);
    // A (root) → B → D, A → C → F; E is an orphan at depth 0, last.
    let expected: [(f64, f64, Option<f64>); 6] = [
        (0.0, 0.0, None),
        (1.0, 1.0, Some(0.0)),
        (3.0, 2.0, Some(1.0)),
        (2.0, 1.0, Some(0.0)),
        (5.0, 2.0, Some(2.0)),
        (4.0, 0.0, None),
    ];
    for (n, (index, depth, parent)) in expected.into_iter().enumerate() {
        assert_eq!(js_num(&tree, &format!("[{n}].index")), index, "#{n}");
        assert_eq!(js_num(&tree, &format!("[{n}].depth")), depth, "#{n}");
        let p = js_get(&tree, &format!("[{n}].parentIndex"));
        match parent {
            Some(v) => assert_eq!(p.as_f64(), Some(v), "#{n}"),
            None => assert!(p.is_null() || p.is_undefined(), "#{n}: {p:?}"),
        }
    }
    assert_eq!(rs[5]["index"], 4);

    // The seed conversation: 5 nodes, the root (the last node) first.
    let (js, _) = ok("gci", parseGetConversationItemsResponse(SEED_GCI, None));
    let json: String = js_sys::JSON::stringify(&js_get(&js, "responseMessages[0].conversation"))
        .unwrap()
        .into();
    let (tree, _) = ok("seed thread", conversation_thread(&json));
    assert_eq!(js_len(&tree, ""), 5);
    assert_eq!(js_num(&tree, "[0].index"), 4.0);
    assert_eq!(js_num(&tree, "[0].depth"), 0.0);

    // Edge cases and errors.
    let (tree, _) = ok("empty", conversation_thread("{}"));
    assert_eq!(js_len(&tree, ""), 0);
    let (js, _) = thrown(
        "nodes not an array",
        conversation_thread(r#"{"conversationNodes":5}"#),
    );
    assert_code("nodes not an array", &js, "ERR_INVALID_OPTIONS");
    assert_eq!(js_str(&js, "path"), "conversationNodes");
    let (js, _) = thrown("not JSON", conversation_thread("nope"));
    assert_code("not JSON", &js, "ERR_INVALID_OPTIONS");
    assert_eq!(js_str(&js, "path"), "");
}
