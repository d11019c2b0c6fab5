#![cfg(not(target_arch = "wasm32"))]
//! Request builders: the documented examples, maximal requests, every enumeration
//! value, a property test over arbitrary strings, and every validation error.
//!
//! Every built request is checked with `../shared/schemas/validate` (xmllint and
//! the official EWS schema). xmllint is required: without it these tests fail.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};

use ews_wasm::soap::TimeZoneContext;
use ews_wasm::types::{
    AddressListId, BaseFolderId, BaseShape, BodyType, DistinguishedFolderId,
    DistinguishedFolderIdName, DistinguishedPropertySet, FolderIdRef, ItemIdRef, ItemShape,
    MailboxRef, MailboxType, MapiPropertyType, PathToExtendedField, PathToIndexedField,
    PropertyPath, TargetFolderId, DICTIONARY_URIS, UNINDEXED_FIELD_URIS,
};
use ews_wasm::{
    build_get_conversation_items_request, build_get_im_item_list_request,
    build_get_im_items_request, build_sync_folder_items_request, parse_options,
    ConversationNodeSortOrder, ConversationRequest, Error, ExchangeVersion,
    GetConversationItemsRequest, GetImItemListRequest, GetImItemsRequest, Impersonation,
    MailboxSearchLocation, RequestHeader, SyncFolderItemsRequest, SyncFolderItemsScope,
};
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};

const SHARED: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared");
const VALIDATE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/schemas/validate");
const MESSAGES: &str = "http://schemas.microsoft.com/exchange/services/2006/messages";
const TYPES: &str = "http://schemas.microsoft.com/exchange/services/2006/types";
const GUID: &str = "00020329-0000-0000-C000-000000000046";

// ---------------------------------------------------------------------------
// Schema validation

fn require_xmllint() {
    let found = Command::new("xmllint")
        .arg("--version")
        .output()
        .map(|o| o.status.success())
        .unwrap_or(false);
    assert!(
        found,
        "xmllint is required to validate the built requests against the EWS schema \
         and was not found on PATH: install it (Debian/Ubuntu: apt-get install libxml2-utils)"
    );
}

static DIRS: AtomicUsize = AtomicUsize::new(0);

fn write_docs(label: &str, docs: &[String]) -> (PathBuf, Vec<PathBuf>) {
    let dir = std::env::temp_dir().join(format!(
        "ews-wasm-requests-{}-{}-{label}",
        std::process::id(),
        DIRS.fetch_add(1, Ordering::SeqCst)
    ));
    std::fs::create_dir_all(&dir).unwrap();
    let paths: Vec<PathBuf> = docs
        .iter()
        .enumerate()
        .map(|(i, doc)| {
            let p = dir.join(format!("{label}-{i:04}.xml"));
            std::fs::write(&p, doc).unwrap();
            p
        })
        .collect();
    (dir, paths)
}

/// Runs the schema validator over `docs` in one xmllint call; returns, per
/// document, whether it validated, and xmllint's output.
fn run_validator(label: &str, docs: &[String]) -> (Vec<bool>, String) {
    require_xmllint();
    assert!(!docs.is_empty(), "nothing to validate");
    let (dir, paths) = write_docs(label, docs);
    let out = Command::new("bash")
        .arg(VALIDATE)
        .args(&paths)
        .output()
        .expect("cannot run ../shared/schemas/validate");
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    let verdicts: Vec<bool> = paths
        .iter()
        .map(|p| {
            let p = p.display().to_string();
            let ok = stderr.lines().any(|l| l == format!("{p} validates"));
            let bad = stderr
                .lines()
                .any(|l| l == format!("{p} fails to validate"));
            assert!(
                ok != bad,
                "no verdict for {p} in xmllint's output:\n{stderr}"
            );
            ok
        })
        .collect();
    assert_eq!(
        out.status.success(),
        verdicts.iter().all(|&ok| ok),
        "exit status and verdicts disagree:\n{stderr}"
    );
    std::fs::remove_dir_all(&dir).ok();
    (verdicts, stderr)
}

/// Asserts that every document validates against the ex2018 schema.
fn validate_all(label: &str, docs: &[String]) {
    let (verdicts, stderr) = run_validator(label, docs);
    if let Some(i) = verdicts.iter().position(|ok| !ok) {
        let bad: Vec<&str> = stderr
            .lines()
            .filter(|l| !l.ends_with(" validates"))
            .collect();
        panic!(
            "{} of {} `{label}` requests fail schema validation; xmllint says:\n{}\n\nfirst failing request (#{i}):\n{}",
            verdicts.iter().filter(|ok| !**ok).count(),
            docs.len(),
            bad.join("\n"),
            docs[i]
        );
    }
}

// ---------------------------------------------------------------------------
// Semantic comparison

#[derive(Debug, PartialEq)]
enum Ev {
    Start {
        ns: String,
        name: String,
        attrs: Vec<(String, String)>,
    },
    Text(String),
    End(String),
}

fn norm_ns(ns: Option<&str>) -> String {
    ns.unwrap_or("").replacen("https://", "http://", 1)
}

/// Element names (namespace URI, http/https folded), sorted attributes and
/// non-whitespace text, in document order; prefixes do not matter.
fn events(node: roxmltree::Node<'_, '_>, out: &mut Vec<Ev>) {
    if node.is_element() {
        let mut attrs: Vec<(String, String)> = node
            .attributes()
            .map(|a| (a.name().to_owned(), a.value().to_owned()))
            .collect();
        attrs.sort();
        out.push(Ev::Start {
            ns: norm_ns(node.tag_name().namespace()),
            name: node.tag_name().name().to_owned(),
            attrs,
        });
        for c in node.children() {
            events(c, out);
        }
        out.push(Ev::End(node.tag_name().name().to_owned()));
    } else if node.is_text() {
        let t = node.text().unwrap_or_default();
        if !t.trim().is_empty() {
            out.push(Ev::Text(t.to_owned()));
        }
    }
}

fn child<'a, 'i>(node: roxmltree::Node<'a, 'i>, name: &str) -> Option<roxmltree::Node<'a, 'i>> {
    node.children()
        .find(|c| c.is_element() && c.tag_name().name() == name)
}

fn part_events(doc: &roxmltree::Document<'_>, part: &str) -> Option<Vec<Ev>> {
    let root = doc.root_element();
    assert_eq!(root.tag_name().name(), "Envelope");
    let node = child(root, part)?;
    let mut out = Vec::new();
    events(node, &mut out);
    Some(out)
}

/// Compares our envelope with a documented one: the Body always, the Header
/// when the example has one (otherwise ours must hold only the default version).
fn assert_same_request(ours: &str, seed: &str) {
    assert_uses_http_namespaces(ours);
    let a = roxmltree::Document::parse(ours).unwrap();
    let b = roxmltree::Document::parse(seed).unwrap();
    assert_eq!(
        part_events(&a, "Body"),
        part_events(&b, "Body"),
        "bodies differ:\nours: {ours}\nseed: {seed}"
    );
    match part_events(&b, "Header") {
        Some(h) => assert_eq!(
            part_events(&a, "Header"),
            Some(h),
            "headers differ:\n{ours}"
        ),
        None => {
            let header = child(a.root_element(), "Header").unwrap();
            let kids: Vec<_> = header.children().filter(|c| c.is_element()).collect();
            assert_eq!(kids.len(), 1, "{ours}");
            assert_eq!(kids[0].tag_name().name(), "RequestServerVersion");
            assert_eq!(kids[0].attribute("Version"), Some("Exchange2013"));
        }
    }
}

fn assert_uses_http_namespaces(xml: &str) {
    assert!(
        xml.starts_with("<?xml version=\"1.0\" encoding=\"utf-8\"?>"),
        "{xml}"
    );
    assert!(xml.contains(&format!("xmlns:m=\"{MESSAGES}\"")), "{xml}");
    assert!(xml.contains(&format!("xmlns:t=\"{TYPES}\"")), "{xml}");
    assert!(!xml.contains("https://schemas.microsoft.com"), "{xml}");
    let doc = roxmltree::Document::parse(xml).unwrap();
    for n in doc.descendants().filter(|n| n.is_element()) {
        let ns = n.tag_name().namespace().unwrap_or_default();
        assert!(
            ns == MESSAGES || ns == TYPES || ns == "http://schemas.xmlsoap.org/soap/envelope/",
            "element {} in namespace {ns:?}",
            n.tag_name().name()
        );
    }
}

/// The first request example of a reference page in `shared/seeds/`.
fn seed(page: &str) -> String {
    let md = std::fs::read_to_string(format!("{SHARED}/seeds/{page}")).unwrap();
    let lines: Vec<&str> = md.lines().collect();
    let start = lines
        .iter()
        .position(|l| l.trim_start().starts_with("<?xml"))
        .unwrap_or_else(|| panic!("no XML in {page}"));
    let len = lines[start..]
        .iter()
        .position(|l| l.contains("</soap:Envelope>"))
        .unwrap_or_else(|| panic!("no request envelope in {page}"));
    let xml = lines[start..=start + len].join("\n");
    assert!(xml.contains(":Body"), "{xml}");
    xml
}

// ---------------------------------------------------------------------------
// The documented examples

fn seed_gci() -> GetConversationItemsRequest {
    GetConversationItemsRequest {
        header: Some(RequestHeader {
            request_server_version: Some(ExchangeVersion::Exchange2013),
            ..Default::default()
        }),
        folders_to_ignore: vec![
            DistinguishedFolderIdName::DeletedItems.into(),
            DistinguishedFolderIdName::Drafts.into(),
        ],
        sort_order: Some(ConversationNodeSortOrder::TreeOrderDescending),
        ..GetConversationItemsRequest::new(
            ItemShape::new(BaseShape::IdOnly).with_additional_properties([
                PropertyPath::field("item:Subject"),
                PropertyPath::field("item:DateTimeReceived"),
            ]),
            [ConversationRequest::new("AAQkADEzOTExYjJkakJCs=")],
        )
    }
}

fn culture_header() -> Option<RequestHeader> {
    Some(RequestHeader {
        mailbox_culture: Some("en-US".into()),
        ..Default::default()
    })
}

#[test]
fn seed_get_conversation_items() {
    let from_json: GetConversationItemsRequest = parse_options(
        r#"{
          "header": { "requestServerVersion": "Exchange2013" },
          "itemShape": { "baseShape": "IdOnly",
                         "additionalProperties": [{ "fieldURI": "item:Subject" }, { "fieldURI": "item:DateTimeReceived" }] },
          "foldersToIgnore": [{ "distinguishedFolderId": { "id": "deleteditems" } },
                              { "distinguishedFolderId": { "id": "drafts" } }],
          "sortOrder": "TreeOrderDescending",
          "conversations": [{ "conversationId": { "id": "AAQkADEzOTExYjJkakJCs=" } }]
        }"#,
    )
    .unwrap();
    assert_eq!(from_json, seed_gci());
    let xml = build_get_conversation_items_request(&from_json).unwrap();
    assert_same_request(&xml, &seed("GetConversationItems-operation.md"));
    validate_all("seed-gci", &[xml]);
}

#[test]
fn seed_get_im_items() {
    let from_json: GetImItemsRequest = parse_options(
        r#"{
          "header": { "mailboxCulture": "en-US" },
          "contactIds": [{ "id": "AAMkADEzOTExYACABmEhpSAAA=", "changeKey": "EQAAABBmNDjF" }],
          "groupIds": [{ "id": "AAMkADEzOTExYjJkBY7+0EAAA=", "changeKey": "EgAAAA==" }],
          "extendedProperties": [{ "propertyTag": "0x3001", "propertyType": "String" }]
        }"#,
    )
    .unwrap();
    let rust = GetImItemsRequest {
        header: culture_header(),
        contact_ids: vec![ItemIdRef::with_change_key(
            "AAMkADEzOTExYACABmEhpSAAA=",
            "EQAAABBmNDjF",
        )],
        group_ids: vec![ItemIdRef::with_change_key(
            "AAMkADEzOTExYjJkBY7+0EAAA=",
            "EgAAAA==",
        )],
        extended_properties: vec![PathToExtendedField::tag("0x3001", MapiPropertyType::String)],
    };
    assert_eq!(from_json, rust);
    let xml = build_get_im_items_request(&from_json).unwrap();
    assert_same_request(&xml, &seed("GetImItems-operation.md"));
    validate_all("seed-imitems", &[xml]);
}

#[test]
fn seed_get_im_item_list() {
    let from_json: GetImItemListRequest =
        parse_options(r#"{ "header": { "mailboxCulture": "en-US" } }"#).unwrap();
    assert_eq!(
        from_json,
        GetImItemListRequest {
            header: culture_header(),
            ..Default::default()
        }
    );
    let xml = build_get_im_item_list_request(&from_json).unwrap();
    assert_same_request(&xml, &seed("GetImItemList-operation.md"));
    validate_all("seed-imitemlist", &[xml]);
}

#[test]
fn seed_sync_folder_items() {
    let from_json: SyncFolderItemsRequest = parse_options(
        r#"{
          "itemShape": { "baseShape": "Default" },
          "syncFolderId": { "distinguishedFolderId": { "id": "sentitems" } },
          "syncState": "AEbJ94eMOAAA=",
          "ignore": [{ "id": "AQApAHRAA==", "changeKey": "CQAAABY" }],
          "maxChangesReturned": 100
        }"#,
    )
    .unwrap();
    let rust = SyncFolderItemsRequest {
        item_shape: ItemShape::new(BaseShape::Default),
        ignore: vec![ItemIdRef::with_change_key("AQApAHRAA==", "CQAAABY")],
        max_changes_returned: 100,
        ..SyncFolderItemsRequest::new(DistinguishedFolderIdName::SentItems)
            .with_sync_state("AEbJ94eMOAAA=")
    };
    assert_eq!(from_json, rust);
    let xml = build_sync_folder_items_request(&from_json).unwrap();
    assert_same_request(&xml, &seed("SyncFolderItems-operation.md"));
    validate_all("seed-sfi", &[xml]);
}

#[test]
fn comparison_is_not_vacuous() {
    let seed_xml = seed("GetConversationItems-operation.md");
    let mut r = seed_gci();
    r.sort_order = Some(ConversationNodeSortOrder::TreeOrderAscending);
    let xml = r.to_xml().unwrap();
    let result = std::panic::catch_unwind(|| assert_same_request(&xml, &seed_xml));
    assert!(result.is_err(), "a different SortOrder compared equal");
}

#[test]
fn validator_rejects_invalid_requests() {
    let good = SyncFolderItemsRequest::new(DistinguishedFolderIdName::Inbox)
        .to_xml()
        .unwrap();
    let docs = vec![
        good.clone(),
        good.replace(">512<", ">513<"),
        good.replace("Id=\"inbox\"", "Id=\"nosuchfolder\""),
        good.replace(
            MESSAGES,
            "https://schemas.microsoft.com/exchange/services/2006/messages",
        ),
        build_get_conversation_items_request(&seed_gci())
            .unwrap()
            .replace("<m:SortOrder>TreeOrderDescending</m:SortOrder>", "")
            .replace(
                "</m:Conversations>",
                "</m:Conversations><m:SortOrder>TreeOrderDescending</m:SortOrder>",
            ),
    ];
    let (verdicts, _) = run_validator("negative", &docs);
    assert_eq!(verdicts, [true, false, false, false, false]);
}

// ---------------------------------------------------------------------------
// Maximal requests

fn full_header(version: ExchangeVersion) -> RequestHeader {
    RequestHeader {
        request_server_version: Some(version),
        mailbox_culture: Some("en-US".into()),
        impersonation: Some(Impersonation::PrimarySmtpAddress("boss@contoso.com".into())),
        time_zone_context: Some(TimeZoneContext {
            id: "Pacific Standard Time".into(),
            name: Some("(UTC-08:00) Pacific Time (US & Canada)".into()),
        }),
    }
}

fn full_mailbox() -> MailboxRef {
    MailboxRef {
        name: Some("Shared <Sales>".into()),
        email_address: "sales@contoso.com".into(),
        routing_type: Some("SMTP".into()),
        mailbox_type: Some(MailboxType::Mailbox),
    }
}

fn full_shape() -> ItemShape {
    ItemShape {
        base_shape: BaseShape::AllProperties,
        include_mime_content: Some(true),
        body_type: Some(BodyType::Html),
        unique_body_type: Some(BodyType::Text),
        normalized_body_type: Some(BodyType::Best),
        filter_html_content: Some(true),
        convert_html_code_page_to_utf8: Some(false),
        inline_image_url_template: Some("https://img/{id}?a=1&b=\"2\"".into()),
        block_external_images: Some(true),
        add_blank_target_to_links: Some(false),
        maximum_body_size: Some(0),
        additional_properties: vec![
            PropertyPath::field("item:Subject"),
            PathToIndexedField::new("contacts:EmailAddress", "EmailAddress1").into(),
            PathToExtendedField::tag("0x3001", MapiPropertyType::String).into(),
            PathToExtendedField::named(
                DistinguishedPropertySet::PublicStrings,
                "Keywords",
                MapiPropertyType::StringArray,
            )
            .into(),
            PathToExtendedField::numbered_in_set(GUID, 0x8005, MapiPropertyType::Integer).into(),
        ],
    }
}

const FULL_SHAPE_XML: &str = r#"
  <m:ItemShape>
    <t:BaseShape>AllProperties</t:BaseShape>
    <t:IncludeMimeContent>true</t:IncludeMimeContent>
    <t:BodyType>HTML</t:BodyType>
    <t:UniqueBodyType>Text</t:UniqueBodyType>
    <t:NormalizedBodyType>Best</t:NormalizedBodyType>
    <t:FilterHtmlContent>true</t:FilterHtmlContent>
    <t:ConvertHtmlCodePageToUTF8>false</t:ConvertHtmlCodePageToUTF8>
    <t:InlineImageUrlTemplate>https://img/{id}?a=1&amp;b="2"</t:InlineImageUrlTemplate>
    <t:BlockExternalImages>true</t:BlockExternalImages>
    <t:AddBlankTargetToLinks>false</t:AddBlankTargetToLinks>
    <t:MaximumBodySize>0</t:MaximumBodySize>
    <t:AdditionalProperties>
      <t:FieldURI FieldURI="item:Subject"/>
      <t:IndexedFieldURI FieldURI="contacts:EmailAddress" FieldIndex="EmailAddress1"/>
      <t:ExtendedFieldURI PropertyTag="0x3001" PropertyType="String"/>
      <t:ExtendedFieldURI DistinguishedPropertySetId="PublicStrings" PropertyName="Keywords" PropertyType="StringArray"/>
      <t:ExtendedFieldURI PropertySetId="00020329-0000-0000-C000-000000000046" PropertyId="32773" PropertyType="Integer"/>
    </t:AdditionalProperties>
  </m:ItemShape>"#;

const FULL_MAILBOX_XML: &str = r#"
  <t:Mailbox>
    <t:Name>Shared &lt;Sales&gt;</t:Name>
    <t:EmailAddress>sales@contoso.com</t:EmailAddress>
    <t:RoutingType>SMTP</t:RoutingType>
    <t:MailboxType>Mailbox</t:MailboxType>
  </t:Mailbox>"#;

fn envelope(header: &str, body: &str) -> String {
    format!(
        r#"<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"
             xmlns:t="https://schemas.microsoft.com/exchange/services/2006/types"
             xmlns:m="https://schemas.microsoft.com/exchange/services/2006/messages">
           <soap:Header>{header}</soap:Header><soap:Body>{body}</soap:Body></soap:Envelope>"#
    )
}

fn full_header_xml(culture: bool) -> String {
    format!(
        r#"<t:RequestServerVersion Version="V2018_01_08"/>
           <t:ExchangeImpersonation><t:ConnectingSID>
             <t:PrimarySmtpAddress>boss@contoso.com</t:PrimarySmtpAddress>
           </t:ConnectingSID></t:ExchangeImpersonation>
           {}
           <t:TimeZoneContext>
             <t:TimeZoneDefinition Id="Pacific Standard Time" Name="(UTC-08:00) Pacific Time (US &amp; Canada)"/>
           </t:TimeZoneContext>"#,
        if culture {
            "<t:MailboxCulture>en-US</t:MailboxCulture>"
        } else {
            ""
        }
    )
}

fn maximal_gci() -> GetConversationItemsRequest {
    GetConversationItemsRequest {
        header: Some(full_header(ExchangeVersion::V2018_01_08)),
        item_shape: full_shape(),
        folders_to_ignore: vec![
            BaseFolderId::DistinguishedFolderId(DistinguishedFolderId {
                id: DistinguishedFolderIdName::DeletedItems,
                change_key: Some("AQAAAA==".into()),
                mailbox: Some(full_mailbox()),
            }),
            FolderIdRef::with_change_key("AAMkAGI2=", "AQAAABY=").into(),
        ],
        max_items_to_return: Some(50),
        sort_order: Some(ConversationNodeSortOrder::DateOrderDescending),
        mailbox_scope: Some(MailboxSearchLocation::All),
        conversations: vec![
            ConversationRequest {
                conversation_id: ItemIdRef::with_change_key("AAQkADEz=", "CQAAAB=="),
                sync_state: Some("AQIAAABNVkUwAgIAAABhHqHU".into()),
            },
            ConversationRequest::new("AAQkAGI3="),
        ],
    }
}

fn maximal_sfi() -> SyncFolderItemsRequest {
    SyncFolderItemsRequest {
        header: Some(full_header(ExchangeVersion::V2018_01_08)),
        item_shape: full_shape(),
        sync_folder_id: TargetFolderId::DistinguishedFolderId(DistinguishedFolderId {
            id: DistinguishedFolderIdName::Calendar,
            change_key: Some("AgAAAA==".into()),
            mailbox: Some(full_mailbox()),
        }),
        sync_state: Some("H4sIAAAAAAAEAO29B2AcSZY=".into()),
        ignore: vec![
            ItemIdRef::with_change_key("AQApAHRAA==", "CQAAABY"),
            ItemIdRef::new("AQApAHRAB=="),
        ],
        max_changes_returned: 512,
        sync_scope: Some(SyncFolderItemsScope::NormalAndAssociatedItems),
    }
}

fn all_extended_kinds() -> Vec<PathToExtendedField> {
    vec![
        PathToExtendedField::tag("0x3001", MapiPropertyType::String),
        PathToExtendedField::tag("14849", MapiPropertyType::String),
        PathToExtendedField::named(
            DistinguishedPropertySet::InternetHeaders,
            "X-Mailer",
            MapiPropertyType::String,
        ),
        PathToExtendedField::numbered(
            DistinguishedPropertySet::Address,
            0x8083,
            MapiPropertyType::String,
        ),
        PathToExtendedField::named_in_set(GUID, "Custom", MapiPropertyType::Boolean),
        PathToExtendedField::numbered_in_set(GUID, -5, MapiPropertyType::Binary),
    ]
}

const ALL_EXTENDED_KINDS_XML: &str = r#"
  <m:ExtendedProperties>
    <t:ExtendedProperty PropertyTag="0x3001" PropertyType="String"/>
    <t:ExtendedProperty PropertyTag="14849" PropertyType="String"/>
    <t:ExtendedProperty DistinguishedPropertySetId="InternetHeaders" PropertyName="X-Mailer" PropertyType="String"/>
    <t:ExtendedProperty DistinguishedPropertySetId="Address" PropertyId="32899" PropertyType="String"/>
    <t:ExtendedProperty PropertySetId="00020329-0000-0000-C000-000000000046" PropertyName="Custom" PropertyType="Boolean"/>
    <t:ExtendedProperty PropertySetId="00020329-0000-0000-C000-000000000046" PropertyId="-5" PropertyType="Binary"/>
  </m:ExtendedProperties>"#;

fn maximal_im_items() -> GetImItemsRequest {
    GetImItemsRequest {
        header: Some(full_header(ExchangeVersion::V2018_01_08)),
        contact_ids: vec![
            ItemIdRef::with_change_key("AAMkADEzOTExYACABmEhpSAAA=", "EQAAABBmNDjF"),
            ItemIdRef::new("AAMkADEzOTExYACABmEhpSBBB="),
        ],
        group_ids: vec![ItemIdRef::with_change_key(
            "AAMkADEzOTExYjJkBY7+0EAAA=",
            "EgAAAA==",
        )],
        extended_properties: all_extended_kinds(),
    }
}

fn maximal_im_item_list() -> GetImItemListRequest {
    GetImItemListRequest {
        header: Some(full_header(ExchangeVersion::V2018_01_08)),
        extended_properties: all_extended_kinds(),
    }
}

#[test]
fn maximal_requests() {
    let gci = maximal_gci().to_xml().unwrap();
    let gci_expected = envelope(
        &full_header_xml(false),
        &format!(
            r#"<m:GetConversationItems>{FULL_SHAPE_XML}
                 <m:FoldersToIgnore>
                   <t:DistinguishedFolderId Id="deleteditems" ChangeKey="AQAAAA==">{FULL_MAILBOX_XML}</t:DistinguishedFolderId>
                   <t:FolderId Id="AAMkAGI2=" ChangeKey="AQAAABY="/>
                 </m:FoldersToIgnore>
                 <m:MaxItemsToReturn>50</m:MaxItemsToReturn>
                 <m:SortOrder>DateOrderDescending</m:SortOrder>
                 <m:MailboxScope>All</m:MailboxScope>
                 <m:Conversations>
                   <t:Conversation>
                     <t:ConversationId Id="AAQkADEz=" ChangeKey="CQAAAB=="/>
                     <t:SyncState>AQIAAABNVkUwAgIAAABhHqHU</t:SyncState>
                   </t:Conversation>
                   <t:Conversation><t:ConversationId Id="AAQkAGI3="/></t:Conversation>
                 </m:Conversations>
               </m:GetConversationItems>"#
        ),
    );
    assert_same_request(&gci, &gci_expected);

    let sfi = maximal_sfi().to_xml().unwrap();
    let sfi_expected = envelope(
        &full_header_xml(true),
        &format!(
            r#"<m:SyncFolderItems>{FULL_SHAPE_XML}
                 <m:SyncFolderId>
                   <t:DistinguishedFolderId Id="calendar" ChangeKey="AgAAAA==">{FULL_MAILBOX_XML}</t:DistinguishedFolderId>
                 </m:SyncFolderId>
                 <m:SyncState>H4sIAAAAAAAEAO29B2AcSZY=</m:SyncState>
                 <m:Ignore>
                   <t:ItemId Id="AQApAHRAA==" ChangeKey="CQAAABY"/>
                   <t:ItemId Id="AQApAHRAB=="/>
                 </m:Ignore>
                 <m:MaxChangesReturned>512</m:MaxChangesReturned>
                 <m:SyncScope>NormalAndAssociatedItems</m:SyncScope>
               </m:SyncFolderItems>"#
        ),
    );
    assert_same_request(&sfi, &sfi_expected);

    let im = maximal_im_items().to_xml().unwrap();
    let im_expected = envelope(
        &full_header_xml(true),
        &format!(
            r#"<m:GetImItems>
                 <m:ContactIds>
                   <t:ItemId Id="AAMkADEzOTExYACABmEhpSAAA=" ChangeKey="EQAAABBmNDjF"/>
                   <t:ItemId Id="AAMkADEzOTExYACABmEhpSBBB="/>
                 </m:ContactIds>
                 <m:GroupIds><t:ItemId Id="AAMkADEzOTExYjJkBY7+0EAAA=" ChangeKey="EgAAAA=="/></m:GroupIds>
                 {ALL_EXTENDED_KINDS_XML}
               </m:GetImItems>"#
        ),
    );
    assert_same_request(&im, &im_expected);

    let list = maximal_im_item_list().to_xml().unwrap();
    let list_expected = envelope(
        &full_header_xml(true),
        &format!("<m:GetImItemList>{ALL_EXTENDED_KINDS_XML}</m:GetImItemList>"),
    );
    assert_same_request(&list, &list_expected);

    // The other folder id kinds of SyncFolderId.
    let mut by_folder_id = maximal_sfi();
    by_folder_id.sync_folder_id = FolderIdRef::with_change_key("AAMkAGI2=", "AQAAABY=").into();
    let by_folder_id = by_folder_id.to_xml().unwrap();
    assert!(by_folder_id.contains(
        "<m:SyncFolderId><t:FolderId Id=\"AAMkAGI2=\" ChangeKey=\"AQAAABY=\"/></m:SyncFolderId>"
    ));
    let mut by_list = maximal_sfi();
    by_list.sync_folder_id = TargetFolderId::AddressListId(AddressListId {
        id: "a5ed7ac4-9c37-4cee-a1c3-7b2d8b3c8f13".into(),
    });
    let by_list = by_list.to_xml().unwrap();
    assert!(by_list.contains(
        "<m:SyncFolderId><t:AddressListId Id=\"a5ed7ac4-9c37-4cee-a1c3-7b2d8b3c8f13\"/></m:SyncFolderId>"
    ));

    validate_all("maximal", &[gci, sfi, im, list, by_folder_id, by_list]);
}

// ---------------------------------------------------------------------------
// Every enumeration value, every version, every impersonation kind

fn body_child<'a>(xml: &'a str, op: &str) -> roxmltree::Document<'a> {
    let doc = roxmltree::Document::parse(xml).unwrap();
    assert!(
        doc.descendants().any(|n| n.tag_name().name() == op),
        "{xml}"
    );
    doc
}

fn texts_of(doc: &roxmltree::Document<'_>, name: &str) -> Vec<String> {
    doc.descendants()
        .filter(|n| n.is_element() && n.tag_name().name() == name)
        .map(|n| n.text().unwrap_or_default().to_owned())
        .collect()
}

fn attrs_of(doc: &roxmltree::Document<'_>, name: &str, attr: &str) -> Vec<String> {
    doc.descendants()
        .filter(|n| n.is_element() && n.tag_name().name() == name)
        .filter_map(|n| n.attribute(attr).map(str::to_owned))
        .collect()
}

#[test]
fn every_enumeration_value_and_version_validates() {
    let mut docs = Vec::new();
    let base_gci = seed_gci();

    for v in ExchangeVersion::ALL {
        let r = GetImItemListRequest {
            header: Some(RequestHeader {
                request_server_version: Some(v),
                ..Default::default()
            }),
            ..Default::default()
        };
        let xml = r.to_xml().unwrap();
        let doc = body_child(&xml, "GetImItemList");
        assert_eq!(
            attrs_of(&doc, "RequestServerVersion", "Version"),
            [v.as_str()]
        );
        docs.push(xml);
    }
    for (imp, element) in [
        (
            Impersonation::PrincipalName("boss@contoso.com".into()),
            "PrincipalName",
        ),
        (Impersonation::Sid("S-1-5-21-1".into()), "SID"),
        (
            Impersonation::PrimarySmtpAddress("boss@contoso.com".into()),
            "PrimarySmtpAddress",
        ),
        (
            Impersonation::SmtpAddress("alias@contoso.com".into()),
            "SmtpAddress",
        ),
    ] {
        let mut r = base_gci.clone();
        r.header = Some(RequestHeader {
            impersonation: Some(imp),
            time_zone_context: Some(TimeZoneContext {
                id: "UTC".into(),
                name: None,
            }),
            ..Default::default()
        });
        let xml = r.to_xml().unwrap();
        let doc = body_child(&xml, "GetConversationItems");
        assert_eq!(texts_of(&doc, element).len(), 1, "{xml}");
        docs.push(xml);
    }
    for s in ConversationNodeSortOrder::ALL {
        let mut r = base_gci.clone();
        r.sort_order = Some(*s);
        let xml = r.to_xml().unwrap();
        assert_eq!(
            texts_of(&body_child(&xml, "GetConversationItems"), "SortOrder"),
            [s.as_str()]
        );
        docs.push(xml);
    }
    for s in MailboxSearchLocation::ALL {
        let mut r = base_gci.clone();
        r.mailbox_scope = Some(*s);
        let xml = r.to_xml().unwrap();
        assert_eq!(
            texts_of(&body_child(&xml, "GetConversationItems"), "MailboxScope"),
            [s.as_str()]
        );
        docs.push(xml);
    }
    for s in SyncFolderItemsScope::ALL {
        let mut r = SyncFolderItemsRequest::new(DistinguishedFolderIdName::Inbox);
        r.sync_scope = Some(*s);
        let xml = r.to_xml().unwrap();
        assert_eq!(
            texts_of(&body_child(&xml, "SyncFolderItems"), "SyncScope"),
            [s.as_str()]
        );
        docs.push(xml);
    }
    for s in BaseShape::ALL {
        let mut r = SyncFolderItemsRequest::new(DistinguishedFolderIdName::Inbox);
        r.item_shape.base_shape = *s;
        let xml = r.to_xml().unwrap();
        assert_eq!(
            texts_of(&body_child(&xml, "SyncFolderItems"), "BaseShape"),
            [s.as_str()]
        );
        docs.push(xml);
    }
    for b in BodyType::ALL {
        let mut r = SyncFolderItemsRequest::new(DistinguishedFolderIdName::Inbox);
        r.item_shape.body_type = Some(*b);
        r.item_shape.unique_body_type = Some(*b);
        r.item_shape.normalized_body_type = Some(*b);
        let xml = r.to_xml().unwrap();
        let doc = body_child(&xml, "SyncFolderItems");
        for name in ["BodyType", "UniqueBodyType", "NormalizedBodyType"] {
            assert_eq!(texts_of(&doc, name), [b.as_str()]);
        }
        docs.push(xml);
    }
    for f in DistinguishedFolderIdName::ALL {
        let xml = SyncFolderItemsRequest::new(*f).to_xml().unwrap();
        let doc = body_child(&xml, "SyncFolderItems");
        assert_eq!(attrs_of(&doc, "DistinguishedFolderId", "Id"), [f.as_str()]);
        docs.push(xml);
    }
    for m in MailboxType::ALL {
        let mut mailbox = full_mailbox();
        mailbox.mailbox_type = Some(*m);
        let r = SyncFolderItemsRequest::new(DistinguishedFolderId {
            id: DistinguishedFolderIdName::Inbox,
            change_key: None,
            mailbox: Some(mailbox),
        });
        let xml = r.to_xml().unwrap();
        assert_eq!(
            texts_of(&body_child(&xml, "SyncFolderItems"), "MailboxType"),
            [m.as_str()]
        );
        docs.push(xml);
    }
    // Every field URI, every indexed field URI, every property type and set, in
    // one shape.
    let mut shape = ItemShape::new(BaseShape::IdOnly);
    shape
        .additional_properties
        .extend(UNINDEXED_FIELD_URIS.iter().map(|u| PropertyPath::field(*u)));
    shape.additional_properties.extend(
        DICTIONARY_URIS
            .iter()
            .map(|u| PathToIndexedField::new(*u, "1").into()),
    );
    shape.additional_properties.extend(
        MapiPropertyType::ALL
            .iter()
            .map(|t| PathToExtendedField::tag("0x1", *t).into()),
    );
    shape.additional_properties.extend(
        DistinguishedPropertySet::ALL
            .iter()
            .map(|s| PathToExtendedField::named(*s, "n", MapiPropertyType::String).into()),
    );
    let mut r = SyncFolderItemsRequest::new(DistinguishedFolderIdName::Inbox);
    r.item_shape = shape;
    let xml = r.to_xml().unwrap();
    let doc = body_child(&xml, "SyncFolderItems");
    assert_eq!(attrs_of(&doc, "FieldURI", "FieldURI"), UNINDEXED_FIELD_URIS);
    assert_eq!(
        attrs_of(&doc, "IndexedFieldURI", "FieldURI"),
        DICTIONARY_URIS
    );
    let types: Vec<&str> = MapiPropertyType::ALL.iter().map(|t| t.as_str()).collect();
    assert_eq!(
        attrs_of(&doc, "ExtendedFieldURI", "PropertyType")[..types.len()],
        types
    );
    let sets: Vec<&str> = DistinguishedPropertySet::ALL
        .iter()
        .map(|s| s.as_str())
        .collect();
    assert_eq!(
        attrs_of(&doc, "ExtendedFieldURI", "DistinguishedPropertySetId"),
        sets
    );
    docs.push(xml);

    assert_eq!(docs.len(), 21 + 4 + 4 + 3 + 2 + 4 + 3 + 71 + 10 + 1);
    validate_all("enums", &docs);
}

/// The enumeration values of a simple type in the ex2018 `types.xsd`, in order
/// (comments skipped, `value="x"` and `value ="x"` alike).
fn schema_enum(xsd: &str, name: &str) -> Vec<String> {
    let start = xsd
        .find(&format!("<xs:simpleType name=\"{name}\""))
        .unwrap_or_else(|| panic!("no simple type {name}"));
    let rest = &xsd[start..];
    let mut text = &rest[..rest.find("</xs:simpleType>").unwrap()];
    let mut uncommented = String::new();
    while let Some(i) = text.find("<!--") {
        uncommented.push_str(&text[..i]);
        text = &text[i + text[i..].find("-->").unwrap() + 3..];
    }
    uncommented.push_str(text);
    uncommented
        .split("<xs:enumeration")
        .skip(1)
        .map(|e| {
            let v = e.trim_start().strip_prefix("value").unwrap().trim_start();
            let v = v
                .strip_prefix('=')
                .unwrap()
                .trim_start()
                .strip_prefix('"')
                .unwrap();
            v[..v.find('"').unwrap()].to_owned()
        })
        .collect()
}

#[test]
fn enumerations_match_the_schema() {
    let xsd = std::fs::read_to_string(format!("{SHARED}/schemas/ex2018/types.xsd")).unwrap();
    fn names<T: Copy>(all: &[T], f: fn(T) -> &'static str) -> Vec<String> {
        all.iter().map(|v| f(*v).to_owned()).collect()
    }
    let cases: Vec<(&str, Vec<String>)> = vec![
        (
            "DistinguishedFolderIdNameType",
            names(
                DistinguishedFolderIdName::ALL,
                DistinguishedFolderIdName::as_str,
            ),
        ),
        (
            "MapiPropertyTypeType",
            names(MapiPropertyType::ALL, MapiPropertyType::as_str),
        ),
        (
            "DistinguishedPropertySetType",
            names(
                DistinguishedPropertySet::ALL,
                DistinguishedPropertySet::as_str,
            ),
        ),
        (
            "DefaultShapeNamesType",
            names(BaseShape::ALL, BaseShape::as_str),
        ),
        (
            "BodyTypeResponseType",
            names(BodyType::ALL, BodyType::as_str),
        ),
        (
            "MailboxTypeType",
            names(MailboxType::ALL, MailboxType::as_str),
        ),
        (
            "ConversationNodeSortOrder",
            names(
                ConversationNodeSortOrder::ALL,
                ConversationNodeSortOrder::as_str,
            ),
        ),
        (
            "MailboxSearchLocationType",
            names(MailboxSearchLocation::ALL, MailboxSearchLocation::as_str),
        ),
        (
            "SyncFolderItemsScopeType",
            names(SyncFolderItemsScope::ALL, SyncFolderItemsScope::as_str),
        ),
        (
            "UnindexedFieldURIType",
            UNINDEXED_FIELD_URIS.iter().map(|s| s.to_string()).collect(),
        ),
        (
            "DictionaryURIType",
            DICTIONARY_URIS.iter().map(|s| s.to_string()).collect(),
        ),
    ];
    for (name, ours) in cases {
        assert_eq!(ours, schema_enum(&xsd, name), "{name}");
    }
    assert_eq!(DistinguishedFolderIdName::ALL.len(), 71);
    let mut versions = names(&ExchangeVersion::ALL, ExchangeVersion::as_str);
    let mut schema_versions = schema_enum(&xsd, "ExchangeVersionType");
    versions.sort();
    schema_versions.sort();
    assert_eq!(versions, schema_versions);
}

// ---------------------------------------------------------------------------
// Arbitrary strings

/// Characters XML 1.0 can carry, biased towards the interesting ones.
fn xml_char() -> impl Strategy<Value = char> {
    prop_oneof![
        4 => prop::sample::select(vec![
            '<', '>', '&', '"', '\'', ']', '\t', '\n', '\r', ' ', '=', ';', '#', '\u{85}',
            '\u{A0}', '\u{2028}', '\u{D7FF}', '\u{E000}', '\u{FEFF}', '\u{FFFD}', '\u{10000}',
            '\u{1F600}', '\u{10FFFF}',
        ]),
        3 => proptest::char::range(' ', '~'),
        2 => proptest::char::any().prop_filter("XML 1.0 character", |c| ews_wasm::xml::is_xml_char(*c)),
        1 => proptest::char::range('\u{10000}', '\u{10FFFF}'),
    ]
}

fn xml_string(min: usize) -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        5 => xml_char().prop_map(String::from),
        1 => prop::sample::select(vec![
            "]]>", "\r\n", "&amp;", "&#13;", "<![CDATA[", "<!--", "-->", "\"'", " \t ", "<t:x/>",
        ])
        .prop_map(String::from),
    ];
    prop::collection::vec(piece, min..10)
        .prop_map(|v| v.concat())
        .prop_filter("long enough", move |s| s.chars().count() >= min)
}

/// A characters XML 1.0 cannot carry.
fn bad_char() -> impl Strategy<Value = char> {
    prop_oneof![
        proptest::char::range('\u{0}', '\u{8}'),
        prop::sample::select(vec!['\u{B}', '\u{C}', '\u{FFFE}', '\u{FFFF}']),
        proptest::char::range('\u{E}', '\u{1F}'),
    ]
}

fn base64(bytes: &[u8]) -> String {
    const A: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::new();
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (b[0] as u32) << 16 | (b[1] as u32) << 8 | b[2] as u32;
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(A[(n >> (18 - 6 * i) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

#[test]
fn base64_helper() {
    assert_eq!(base64(b""), "");
    assert_eq!(base64(b"f"), "Zg==");
    assert_eq!(base64(b"fo"), "Zm8=");
    assert_eq!(base64(b"foo"), "Zm9v");
    assert_eq!(base64(b"foobar"), "Zm9vYmFy");
}

/// The strings of one property-test case. `ne` holds values that must not be
/// empty (ids, change keys, addresses, names), `any` values that may be.
#[derive(Debug, Clone)]
struct Strings {
    ne: Vec<String>,
    any: Vec<String>,
    impersonation: usize,
    sync_bytes: Vec<u8>,
}

const NE: usize = 22;
const ANY: usize = 5;

fn strings() -> impl Strategy<Value = Strings> {
    (
        prop::collection::vec(xml_string(1), NE),
        prop::collection::vec(xml_string(0), ANY),
        0..4usize,
        prop::collection::vec(any::<u8>(), 0..40),
    )
        .prop_map(|(ne, any, impersonation, sync_bytes)| Strings {
            ne,
            any,
            impersonation,
            sync_bytes,
        })
}

fn impersonation(kind: usize, v: &str) -> (Impersonation, &'static str) {
    match kind {
        0 => (Impersonation::PrincipalName(v.into()), "PrincipalName"),
        1 => (Impersonation::Sid(v.into()), "SID"),
        2 => (
            Impersonation::PrimarySmtpAddress(v.into()),
            "PrimarySmtpAddress",
        ),
        _ => (Impersonation::SmtpAddress(v.into()), "SmtpAddress"),
    }
}

/// Builds all four requests (and the two other SyncFolderId kinds) from `s`,
/// and the list of (element, attribute or text, expected string) to read back.
#[allow(clippy::type_complexity)]
fn build_from_strings(
    s: &Strings,
) -> Vec<(String, Vec<(&'static str, Option<&'static str>, String)>)> {
    let ne = &s.ne;
    let any = &s.any;
    let (imp, imp_element) = impersonation(s.impersonation, &ne[0]);
    let header = RequestHeader {
        request_server_version: Some(ExchangeVersion::Exchange2013_SP1),
        mailbox_culture: Some("de-CH".into()),
        impersonation: Some(imp),
        time_zone_context: Some(TimeZoneContext {
            id: any[0].clone(),
            name: Some(any[1].clone()),
        }),
    };
    let header_checks = vec![
        (imp_element, None, ne[0].clone()),
        ("TimeZoneDefinition", Some("Id"), any[0].clone()),
        ("TimeZoneDefinition", Some("Name"), any[1].clone()),
    ];
    let mailbox = MailboxRef {
        name: Some(any[2].clone()),
        email_address: ne[1].clone(),
        routing_type: Some(ne[2].clone()),
        mailbox_type: None,
    };
    let mailbox_checks = vec![
        ("Name", None, any[2].clone()),
        ("EmailAddress", None, ne[1].clone()),
        ("RoutingType", None, ne[2].clone()),
    ];
    let shape = ItemShape {
        inline_image_url_template: Some(any[3].clone()),
        additional_properties: vec![
            PathToIndexedField::new("item:InternetMessageHeader", ne[3].clone()).into(),
            PathToExtendedField::named(
                DistinguishedPropertySet::PublicStrings,
                ne[4].clone(),
                MapiPropertyType::String,
            )
            .into(),
        ],
        ..ItemShape::new(BaseShape::IdOnly)
    };
    let shape_checks = vec![
        ("InlineImageUrlTemplate", None, any[3].clone()),
        ("IndexedFieldURI", Some("FieldIndex"), ne[3].clone()),
        ("ExtendedFieldURI", Some("PropertyName"), ne[4].clone()),
    ];
    let mut out = Vec::new();

    // SyncFolderItems with a distinguished folder in a mailbox.
    let sfi = SyncFolderItemsRequest {
        header: Some(header.clone()),
        item_shape: shape.clone(),
        sync_folder_id: DistinguishedFolderId {
            id: DistinguishedFolderIdName::Inbox,
            change_key: Some(ne[5].clone()),
            mailbox: Some(mailbox.clone()),
        }
        .into(),
        sync_state: Some(any[4].clone()),
        ignore: vec![ItemIdRef::with_change_key(ne[6].clone(), ne[7].clone())],
        max_changes_returned: 7,
        sync_scope: None,
    };
    let mut checks = [
        header_checks.clone(),
        mailbox_checks.clone(),
        shape_checks.clone(),
    ]
    .concat();
    checks.extend([
        ("DistinguishedFolderId", Some("ChangeKey"), ne[5].clone()),
        ("SyncState", None, any[4].clone()),
        ("ItemId", Some("Id"), ne[6].clone()),
        ("ItemId", Some("ChangeKey"), ne[7].clone()),
    ]);
    out.push((sfi.to_xml().unwrap(), checks));

    // SyncFolderItems with a folder id, and with an address list id.
    let mut by_id = sfi.clone();
    by_id.sync_folder_id = FolderIdRef::with_change_key(ne[8].clone(), ne[9].clone()).into();
    out.push((
        by_id.to_xml().unwrap(),
        vec![
            ("FolderId", Some("Id"), ne[8].clone()),
            ("FolderId", Some("ChangeKey"), ne[9].clone()),
        ],
    ));
    let mut by_list = sfi.clone();
    by_list.sync_folder_id = TargetFolderId::AddressListId(AddressListId { id: ne[10].clone() });
    out.push((
        by_list.to_xml().unwrap(),
        vec![("AddressListId", Some("Id"), ne[10].clone())],
    ));

    // GetConversationItems.
    let sync = base64(&s.sync_bytes);
    let gci = GetConversationItemsRequest {
        header: Some(header.clone()),
        item_shape: shape.clone(),
        folders_to_ignore: vec![
            FolderIdRef::with_change_key(ne[11].clone(), ne[12].clone()).into(),
            BaseFolderId::DistinguishedFolderId(DistinguishedFolderId {
                id: DistinguishedFolderIdName::Drafts,
                change_key: Some(ne[13].clone()),
                mailbox: Some(mailbox.clone()),
            }),
        ],
        conversations: vec![ConversationRequest {
            conversation_id: ItemIdRef::with_change_key(ne[14].clone(), ne[15].clone()),
            sync_state: Some(sync.clone()),
        }],
        ..Default::default()
    };
    let mut checks = [header_checks.clone(), mailbox_checks, shape_checks].concat();
    checks.extend([
        ("FolderId", Some("Id"), ne[11].clone()),
        ("FolderId", Some("ChangeKey"), ne[12].clone()),
        ("DistinguishedFolderId", Some("ChangeKey"), ne[13].clone()),
        ("ConversationId", Some("Id"), ne[14].clone()),
        ("ConversationId", Some("ChangeKey"), ne[15].clone()),
        ("SyncState", None, sync),
    ]);
    out.push((gci.to_xml().unwrap(), checks));

    // GetImItems and GetImItemList.
    let im = GetImItemsRequest {
        header: Some(header.clone()),
        contact_ids: vec![ItemIdRef::with_change_key(ne[16].clone(), ne[17].clone())],
        group_ids: vec![ItemIdRef::new(ne[18].clone())],
        extended_properties: vec![PathToExtendedField::named_in_set(
            GUID,
            ne[19].clone(),
            MapiPropertyType::String,
        )],
    };
    let mut checks = header_checks.clone();
    checks.extend([
        ("ItemId", Some("Id"), ne[16].clone()),
        ("ItemId", Some("ChangeKey"), ne[17].clone()),
        ("ExtendedProperty", Some("PropertyName"), ne[19].clone()),
    ]);
    out.push((im.to_xml().unwrap(), checks));
    let list = GetImItemListRequest {
        header: Some(header),
        extended_properties: vec![PathToExtendedField::named(
            DistinguishedPropertySet::Common,
            ne[20].clone(),
            MapiPropertyType::String,
        )],
    };
    let mut checks = header_checks;
    checks.push(("ExtendedProperty", Some("PropertyName"), ne[20].clone()));
    out.push((list.to_xml().unwrap(), checks));
    out
}

/// Reads back the first element `name` (its attribute, or its text).
fn read_back(doc: &roxmltree::Document<'_>, name: &str, attr: Option<&str>) -> Option<String> {
    let node = doc
        .descendants()
        .find(|n| n.is_element() && n.tag_name().name() == name)?;
    match attr {
        Some(a) => node.attribute(a).map(str::to_owned),
        None => Some(node.text().unwrap_or_default().to_owned()),
    }
}

#[test]
fn arbitrary_strings_round_trip_and_validate() {
    let mut runner = TestRunner::new(Config {
        cases: 96,
        failure_persistence: None,
        ..Config::default()
    });
    let docs = std::cell::RefCell::new(Vec::new());
    let checked = std::cell::Cell::new(0usize);
    runner
        .run(&strings(), |s| {
            for (xml, checks) in build_from_strings(&s) {
                let doc = roxmltree::Document::parse(&xml)
                    .map_err(|e| TestCaseError::fail(format!("not XML ({e}): {xml}")))?;
                for (name, attr, expected) in &checks {
                    let got = read_back(&doc, name, *attr);
                    prop_assert_eq!(
                        got.as_deref(),
                        Some(expected.as_str()),
                        "{} {:?} in {}",
                        name,
                        attr,
                        xml
                    );
                    checked.set(checked.get() + 1);
                }
                docs.borrow_mut().push(xml);
            }
            Ok(())
        })
        .unwrap();
    // Proptest runs at least `cases` inputs; every one checked every string.
    assert!(
        checked.get() >= 96 * 41,
        "only {} strings checked",
        checked.get()
    );

    // One more case: every character XML 1.0 allows, in an element and an attribute.
    let every: String = ('\u{0}'..='\u{10FFFF}')
        .filter(|c| ews_wasm::xml::is_xml_char(*c))
        .collect();
    let mut r = SyncFolderItemsRequest::new(FolderIdRef::new(every.clone()));
    r.sync_state = Some(every.clone());
    let xml = r.to_xml().unwrap();
    let doc = roxmltree::Document::parse(&xml).unwrap();
    assert_eq!(read_back(&doc, "FolderId", Some("Id")), Some(every.clone()));
    assert_eq!(read_back(&doc, "SyncState", None), Some(every));
    drop(doc);

    let mut docs = docs.into_inner();
    docs.push(xml);
    validate_all("arbitrary", &docs);
}

/// Every string option, with its JS path: (path, may be empty, build with value).
#[allow(clippy::type_complexity)]
fn string_options() -> Vec<(
    &'static str,
    bool,
    Box<dyn Fn(String) -> Result<String, Error>>,
)> {
    fn sfi(
        f: impl Fn(&mut SyncFolderItemsRequest, String) + 'static,
    ) -> Box<dyn Fn(String) -> Result<String, Error>> {
        Box::new(move |v| {
            let mut r = maximal_sfi();
            f(&mut r, v);
            r.to_xml()
        })
    }
    fn gci(
        f: impl Fn(&mut GetConversationItemsRequest, String) + 'static,
    ) -> Box<dyn Fn(String) -> Result<String, Error>> {
        Box::new(move |v| {
            let mut r = maximal_gci();
            f(&mut r, v);
            r.to_xml()
        })
    }
    fn im(
        f: impl Fn(&mut GetImItemsRequest, String) + 'static,
    ) -> Box<dyn Fn(String) -> Result<String, Error>> {
        Box::new(move |v| {
            let mut r = maximal_im_items();
            f(&mut r, v);
            r.to_xml()
        })
    }
    fn list(
        f: impl Fn(&mut GetImItemListRequest, String) + 'static,
    ) -> Box<dyn Fn(String) -> Result<String, Error>> {
        Box::new(move |v| {
            let mut r = maximal_im_item_list();
            f(&mut r, v);
            r.to_xml()
        })
    }
    fn header(r: &mut Option<RequestHeader>) -> &mut RequestHeader {
        r.get_or_insert_with(Default::default)
    }
    fn sfi_mailbox(r: &mut SyncFolderItemsRequest) -> &mut MailboxRef {
        match &mut r.sync_folder_id {
            TargetFolderId::DistinguishedFolderId(d) => {
                d.mailbox.get_or_insert_with(Default::default)
            }
            _ => unreachable!(),
        }
    }
    fn ext(p: &mut PropertyPath) -> &mut PathToExtendedField {
        match p {
            PropertyPath::ExtendedFieldUri(e) => e,
            _ => unreachable!(),
        }
    }
    vec![
        ("syncState", true, sfi(|r, v| r.sync_state = Some(v))),
        ("ignore[1].id", false, sfi(|r, v| r.ignore[1].id = v)),
        (
            "ignore[0].changeKey",
            false,
            sfi(|r, v| r.ignore[0].change_key = Some(v)),
        ),
        (
            "syncFolderId.distinguishedFolderId.changeKey",
            false,
            sfi(|r, v| {
                if let TargetFolderId::DistinguishedFolderId(d) = &mut r.sync_folder_id {
                    d.change_key = Some(v);
                }
            }),
        ),
        (
            "syncFolderId.distinguishedFolderId.mailbox.name",
            true,
            sfi(|r, v| sfi_mailbox(r).name = Some(v)),
        ),
        (
            "syncFolderId.distinguishedFolderId.mailbox.emailAddress",
            false,
            sfi(|r, v| sfi_mailbox(r).email_address = v),
        ),
        (
            "syncFolderId.distinguishedFolderId.mailbox.routingType",
            false,
            sfi(|r, v| sfi_mailbox(r).routing_type = Some(v)),
        ),
        (
            "syncFolderId.folderId.id",
            false,
            sfi(|r, v| r.sync_folder_id = FolderIdRef::new(v).into()),
        ),
        (
            "syncFolderId.folderId.changeKey",
            false,
            sfi(|r, v| r.sync_folder_id = FolderIdRef::with_change_key("x", v).into()),
        ),
        (
            "syncFolderId.addressListId.id",
            false,
            sfi(|r, v| r.sync_folder_id = TargetFolderId::AddressListId(AddressListId { id: v })),
        ),
        (
            "itemShape.inlineImageUrlTemplate",
            true,
            sfi(|r, v| r.item_shape.inline_image_url_template = Some(v)),
        ),
        (
            "itemShape.additionalProperties[1].indexedFieldURI.fieldIndex",
            false,
            sfi(|r, v| {
                r.item_shape.additional_properties[1] =
                    PathToIndexedField::new("contacts:PhoneNumber", v).into();
            }),
        ),
        (
            "itemShape.additionalProperties[3].extendedFieldURI.propertyName",
            false,
            sfi(|r, v| {
                ext(&mut r.item_shape.additional_properties[3]).property_name = Some(v);
            }),
        ),
        (
            "header.impersonation.principalName",
            false,
            sfi(|r, v| header(&mut r.header).impersonation = Some(Impersonation::PrincipalName(v))),
        ),
        (
            "header.impersonation.sid",
            false,
            gci(|r, v| header(&mut r.header).impersonation = Some(Impersonation::Sid(v))),
        ),
        (
            "header.impersonation.primarySmtpAddress",
            false,
            im(|r, v| {
                header(&mut r.header).impersonation = Some(Impersonation::PrimarySmtpAddress(v))
            }),
        ),
        (
            "header.impersonation.smtpAddress",
            false,
            list(|r, v| header(&mut r.header).impersonation = Some(Impersonation::SmtpAddress(v))),
        ),
        (
            "header.timeZoneContext.id",
            true,
            gci(|r, v| {
                header(&mut r.header).time_zone_context =
                    Some(TimeZoneContext { id: v, name: None })
            }),
        ),
        (
            "header.timeZoneContext.name",
            true,
            sfi(|r, v| {
                header(&mut r.header).time_zone_context = Some(TimeZoneContext {
                    id: "UTC".into(),
                    name: Some(v),
                })
            }),
        ),
        (
            "conversations[1].conversationId.id",
            false,
            gci(|r, v| r.conversations[1].conversation_id.id = v),
        ),
        (
            "conversations[0].conversationId.changeKey",
            false,
            gci(|r, v| r.conversations[0].conversation_id.change_key = Some(v)),
        ),
        (
            "foldersToIgnore[1].folderId.id",
            false,
            gci(|r, v| r.folders_to_ignore[1] = FolderIdRef::new(v).into()),
        ),
        (
            "foldersToIgnore[1].folderId.changeKey",
            false,
            gci(|r, v| r.folders_to_ignore[1] = FolderIdRef::with_change_key("x", v).into()),
        ),
        (
            "foldersToIgnore[0].distinguishedFolderId.mailbox.emailAddress",
            false,
            gci(|r, v| {
                if let BaseFolderId::DistinguishedFolderId(d) = &mut r.folders_to_ignore[0] {
                    d.mailbox.get_or_insert_with(Default::default).email_address = v;
                }
            }),
        ),
        (
            "contactIds[1].id",
            false,
            im(|r, v| r.contact_ids[1].id = v),
        ),
        (
            "contactIds[0].changeKey",
            false,
            im(|r, v| r.contact_ids[0].change_key = Some(v)),
        ),
        ("groupIds[0].id", false, im(|r, v| r.group_ids[0].id = v)),
        (
            "extendedProperties[2].propertyName",
            false,
            im(|r, v| r.extended_properties[2].property_name = Some(v)),
        ),
        (
            "extendedProperties[4].propertyName",
            false,
            list(|r, v| r.extended_properties[4].property_name = Some(v)),
        ),
    ]
}

#[test]
fn every_string_option_accepts_good_strings() {
    let mut docs = Vec::new();
    for (path, may_be_empty, build) in string_options() {
        for v in ["ok", "a<b>&\"c'\t\n\r]]>\u{1F600}"] {
            docs.push(build(v.into()).unwrap_or_else(|e| panic!("{path}: {e:?}")));
        }
        match build(String::new()) {
            Ok(xml) => {
                assert!(may_be_empty, "{path}: an empty value was accepted");
                docs.push(xml);
            }
            Err(e) => {
                assert!(!may_be_empty, "{path}: an empty value was refused: {e:?}");
                assert_eq!(e.code(), "ERR_INVALID_OPTIONS");
                assert!(
                    matches!(&e, Error::InvalidOptions { path: p, .. } if p == path),
                    "{path}: {e:?}"
                );
            }
        }
    }
    validate_all("string-options", &docs);
}

proptest! {
    #![proptest_config(Config { cases: 128, failure_persistence: None, ..Config::default() })]

    /// A character XML 1.0 cannot carry, anywhere in any string option, is an
    /// InvalidOptions error at exactly that option's path.
    #[test]
    fn strings_xml_cannot_carry_are_refused(
        which in 0..29usize,
        before in xml_string(0),
        bad in bad_char(),
        after in xml_string(0),
    ) {
        let options = string_options();
        prop_assert_eq!(options.len(), 29);
        let (path, _, build) = &options[which];
        let e = build(format!("{before}{bad}{after}")).unwrap_err();
        prop_assert_eq!(e.code(), "ERR_INVALID_OPTIONS");
        match e {
            Error::InvalidOptions { path: p, .. } => prop_assert_eq!(&p, path),
            e => prop_assert!(false, "{:?}", e),
        }
    }
}

// ---------------------------------------------------------------------------
// Validation errors from JS-shaped options

#[derive(Clone, Copy, Debug)]
enum Op {
    Gci,
    Sfi,
    Im,
    List,
}

fn build_json(op: Op, json: &str) -> Result<String, Error> {
    match op {
        Op::Gci => parse_options::<GetConversationItemsRequest>(json)?.to_xml(),
        Op::Sfi => parse_options::<SyncFolderItemsRequest>(json)?.to_xml(),
        Op::Im => parse_options::<GetImItemsRequest>(json)?.to_xml(),
        Op::List => parse_options::<GetImItemListRequest>(json)?.to_xml(),
    }
}

/// A JSON object merging `extra` into a valid base request of `op`.
fn json_with(op: Op, extra: serde_json::Value) -> String {
    let mut base = match op {
        Op::Gci => serde_json::json!({
            "itemShape": { "baseShape": "IdOnly" },
            "conversations": [{ "conversationId": { "id": "c0" } }],
        }),
        Op::Sfi => serde_json::json!({
            "itemShape": { "baseShape": "IdOnly" },
            "syncFolderId": { "distinguishedFolderId": { "id": "inbox" } },
            "maxChangesReturned": 10,
        }),
        Op::Im | Op::List => serde_json::json!({}),
    };
    for (k, v) in extra.as_object().unwrap() {
        base[k] = v.clone();
    }
    base.to_string()
}

#[test]
fn validation_errors_carry_the_js_path() {
    use serde_json::json;
    let shape_with = |prop: serde_json::Value| json!({ "itemShape": { "baseShape": "IdOnly", "additionalProperties": [{ "fieldURI": "item:Subject" }, prop] } });
    let ext = |e: serde_json::Value| shape_with(json!({ "extendedFieldURI": e }));
    let cases: Vec<(Op, serde_json::Value, &str)> = vec![
        (
            Op::Sfi,
            json!({ "maxChangesReturned": 0 }),
            "maxChangesReturned",
        ),
        (
            Op::Sfi,
            json!({ "maxChangesReturned": 513 }),
            "maxChangesReturned",
        ),
        (
            Op::Sfi,
            json!({ "maxChangesReturned": -1 }),
            "maxChangesReturned",
        ),
        (
            Op::Sfi,
            json!({ "maxChangesReturned": 1.5 }),
            "maxChangesReturned",
        ),
        (
            Op::Sfi,
            json!({ "maxChangesReturned": "100" }),
            "maxChangesReturned",
        ),
        (
            Op::Sfi,
            json!({ "maxChangesReturned": 4_294_967_296u64 }),
            "maxChangesReturned",
        ),
        (
            Op::Gci,
            json!({ "conversations": [
            { "conversationId": { "id": "a" } }, { "conversationId": { "id": "b" } }, { "conversationId": { "id": "" } }] }),
            "conversations[2].conversationId.id",
        ),
        (Op::Gci, json!({ "conversations": [] }), "conversations"),
        (
            Op::Gci,
            json!({ "conversations": [{ "conversationId": { "id": "a" }, "syncState": "AQI" }] }),
            "conversations[0].syncState",
        ),
        (
            Op::Gci,
            json!({ "conversations": [{ "conversationId": { "id": "a" }, "syncState": "AQ=D" }] }),
            "conversations[0].syncState",
        ),
        (
            Op::Gci,
            json!({ "conversations": [{ "conversationId": { "id": "a", "changeKey": "" } }] }),
            "conversations[0].conversationId.changeKey",
        ),
        (
            Op::Gci,
            json!({ "maxItemsToReturn": 0 }),
            "maxItemsToReturn",
        ),
        (Op::Gci, json!({ "sortOrder": "Sideways" }), "sortOrder"),
        (
            Op::Gci,
            json!({ "mailboxScope": "Everything" }),
            "mailboxScope",
        ),
        (
            Op::Gci,
            json!({ "foldersToIgnore": [{ "distinguishedFolderId": { "id": "inbox" } }, { "folderId": { "id": "" } }] }),
            "foldersToIgnore[1].folderId.id",
        ),
        (
            Op::Gci,
            json!({ "foldersToIgnore": [{ "distinguishedFolderId": { "id": "inbox", "mailbox": { "emailAddress": "" } } }] }),
            "foldersToIgnore[0].distinguishedFolderId.mailbox.emailAddress",
        ),
        (
            Op::Gci,
            json!({ "foldersToIgnore": [{ "distinguishedFolderId": { "id": "Inbox" } }] }),
            "foldersToIgnore[0].distinguishedFolderId.id",
        ),
        (
            Op::Gci,
            json!({ "header": { "impersonation": { "sid": "" } } }),
            "header.impersonation.sid",
        ),
        (
            Op::Gci,
            json!({ "header": { "impersonation": { "upn": "x" } } }),
            "header.impersonation",
        ),
        (
            Op::Gci,
            json!({ "header": { "requestServerVersion": "Exchange2099" } }),
            "header.requestServerVersion",
        ),
        (
            Op::List,
            json!({ "header": { "mailboxCulture": "en_US" } }),
            "header.mailboxCulture",
        ),
        (
            Op::Sfi,
            ext(json!({ "propertyTag": "0x3001" })),
            "itemShape.additionalProperties[1].extendedFieldURI.propertyType",
        ),
        (
            Op::Sfi,
            ext(json!({ "propertyTag": "0x3001", "propertyType": "Text" })),
            "itemShape.additionalProperties[1].extendedFieldURI.propertyType",
        ),
        (
            Op::Sfi,
            ext(json!({ "propertyTag": "0x30011", "propertyType": "String" })),
            "itemShape.additionalProperties[1].extendedFieldURI.propertyTag",
        ),
        (
            Op::Sfi,
            ext(json!({ "propertyTag": 70000, "propertyType": "String" })),
            "itemShape.additionalProperties[1].extendedFieldURI.propertyTag",
        ),
        (
            Op::Sfi,
            ext(json!({ "propertyTag": true, "propertyType": "String" })),
            "itemShape.additionalProperties[1].extendedFieldURI.propertyTag",
        ),
        (
            Op::Sfi,
            ext(json!({ "propertyTag": "1", "propertyName": "x", "propertyType": "String" })),
            "itemShape.additionalProperties[1].extendedFieldURI.propertyName",
        ),
        (
            Op::Sfi,
            ext(
                json!({ "propertySetId": "not-a-guid", "propertyName": "x", "propertyType": "String" }),
            ),
            "itemShape.additionalProperties[1].extendedFieldURI.propertySetId",
        ),
        (
            Op::Sfi,
            ext(
                json!({ "propertySetId": GUID, "distinguishedPropertySetId": "Common", "propertyId": 1, "propertyType": "String" }),
            ),
            "itemShape.additionalProperties[1].extendedFieldURI.propertySetId",
        ),
        (
            Op::Sfi,
            ext(
                json!({ "distinguishedPropertySetId": "Common", "propertyName": "x", "propertyId": 1, "propertyType": "String" }),
            ),
            "itemShape.additionalProperties[1].extendedFieldURI.propertyId",
        ),
        (
            Op::Sfi,
            ext(
                json!({ "distinguishedPropertySetId": "Commons", "propertyId": 1, "propertyType": "String" }),
            ),
            "itemShape.additionalProperties[1].extendedFieldURI.distinguishedPropertySetId",
        ),
        (
            Op::Sfi,
            ext(json!({ "propertyName": "x", "propertyType": "String" })),
            "itemShape.additionalProperties[1].extendedFieldURI",
        ),
        (
            Op::Sfi,
            ext(json!({ "distinguishedPropertySetId": "Common", "propertyType": "String" })),
            "itemShape.additionalProperties[1].extendedFieldURI",
        ),
        (
            Op::Sfi,
            shape_with(json!({ "fieldURI": "item:Nope" })),
            "itemShape.additionalProperties[1].fieldURI",
        ),
        (
            Op::Sfi,
            shape_with(
                json!({ "indexedFieldURI": { "fieldURI": "contacts:EmailAddress", "fieldIndex": "" } }),
            ),
            "itemShape.additionalProperties[1].indexedFieldURI.fieldIndex",
        ),
        (
            Op::Sfi,
            shape_with(
                json!({ "indexedFieldURI": { "fieldURI": "item:Subject", "fieldIndex": "x" } }),
            ),
            "itemShape.additionalProperties[1].indexedFieldURI.fieldURI",
        ),
        (
            Op::Sfi,
            shape_with(json!({ "fieldUri": "item:Subject" })),
            "itemShape.additionalProperties[1]",
        ),
        (
            Op::Sfi,
            json!({ "itemShape": { "baseShape": "IdOnly", "maximumBodySize": -1 } }),
            "itemShape.maximumBodySize",
        ),
        (
            Op::Sfi,
            json!({ "itemShape": { "baseShape": "Everything" } }),
            "itemShape.baseShape",
        ),
        (
            Op::Sfi,
            json!({ "itemShape": { "baseShape": "IdOnly", "bodyType": "html" } }),
            "itemShape.bodyType",
        ),
        (
            Op::Sfi,
            json!({ "itemShape": { "baseShape": "IdOnly", "convertHtmlCodePageToUtf8": true } }),
            "itemShape.convertHtmlCodePageToUtf8",
        ),
        (Op::Sfi, json!({ "itemShape": {} }), "itemShape.baseShape"),
        (
            Op::Sfi,
            json!({ "syncFolderId": { "distinguishedFolderId": { "id": "inbox", "mailbox": { "emailAddress": "a@b.c", "routingType": "" } } } }),
            "syncFolderId.distinguishedFolderId.mailbox.routingType",
        ),
        (
            Op::Sfi,
            json!({ "syncFolderId": { "distinguishedFolderId": { "id": "inbox", "mailbox": { "name": "x" } } } }),
            "syncFolderId.distinguishedFolderId.mailbox.emailAddress",
        ),
        (
            Op::Sfi,
            json!({ "syncFolderId": { "distinguishedFolderId": { "id": "inbox", "mailbox": { "emailAddress": "a@b.c", "mailboxType": "Person" } } } }),
            "syncFolderId.distinguishedFolderId.mailbox.mailboxType",
        ),
        (
            Op::Sfi,
            json!({ "syncFolderId": { "addressListId": { "id": "" } } }),
            "syncFolderId.addressListId.id",
        ),
        (
            Op::Sfi,
            json!({ "syncFolderId": { "distinguishedFolderId": { "id": "nosuchfolder" } } }),
            "syncFolderId.distinguishedFolderId.id",
        ),
        (Op::Sfi, json!({ "syncFolderId": {} }), "syncFolderId"),
        (
            Op::Sfi,
            json!({ "ignore": [{ "id": "a" }, { "id": "b", "changeKey": "" }] }),
            "ignore[1].changeKey",
        ),
        (Op::Sfi, json!({ "syncState": "a\u{0}b" }), "syncState"),
        (Op::Sfi, json!({ "syncScope": "AllItems" }), "syncScope"),
        (Op::Sfi, json!({ "bogus": 1 }), "bogus"),
        (
            Op::Im,
            json!({ "contactIds": [{ "id": "" }] }),
            "contactIds[0].id",
        ),
        (
            Op::Im,
            json!({ "groupIds": [{ "id": "g" }, { "id": "g", "extra": 1 }] }),
            "groupIds[1].extra",
        ),
        (
            Op::Im,
            json!({ "extendedProperties": [{ "propertyTag": "0x1", "propertyType": "String" }, { "distinguishedPropertySetId": "Common", "propertyName": "", "propertyType": "String" }] }),
            "extendedProperties[1].propertyName",
        ),
        (
            Op::List,
            json!({ "extendedProperties": [{ "propertyType": "String" }] }),
            "extendedProperties[0]",
        ),
        (
            Op::List,
            json!({ "extendedProperties": {} }),
            "extendedProperties",
        ),
    ];
    for (op, extra, path) in cases {
        let json = json_with(op, extra);
        match build_json(op, &json) {
            Err(e @ Error::InvalidOptions { .. }) => {
                assert_eq!(e.code(), "ERR_INVALID_OPTIONS");
                let Error::InvalidOptions { path: got, message } = e else {
                    unreachable!()
                };
                assert_eq!(got, path, "{op:?} {json}: {message}");
                assert!(!message.is_empty());
            }
            other => panic!("{op:?} {json}: expected InvalidOptions at {path}, got {other:?}"),
        }
    }
}

#[test]
fn base_options_of_the_error_table_are_valid() {
    // So that every error above comes from the one change, not the base.
    let docs: Vec<String> = [Op::Gci, Op::Sfi, Op::Im, Op::List]
        .iter()
        .map(|op| build_json(*op, &json_with(*op, serde_json::json!({}))).unwrap())
        .collect();
    validate_all("error-bases", &docs);
}

#[test]
fn parse_options_paths() {
    let path = |r: Result<SyncFolderItemsRequest, Error>| match r {
        Err(Error::InvalidOptions { path, .. }) => path,
        other => panic!("{other:?}"),
    };
    assert_eq!(path(parse_options("")), "");
    assert_eq!(path(parse_options("[]")), "");
    assert_eq!(path(parse_options("{\"itemShape\":")), "itemShape");
    assert_eq!(
        path(parse_options(
            r#"{"itemShape":{"baseShape":"IdOnly"},"syncFolderId":{"folderId":{"id":"x"}},"maxChangesReturned":1} trailing"#
        )),
        ""
    );
    let gci = |json: &str| match parse_options::<GetConversationItemsRequest>(json) {
        Err(Error::InvalidOptions { path, .. }) => path,
        other => panic!("{other:?}"),
    };
    assert_eq!(
        gci(
            r#"{"itemShape":{"baseShape":"IdOnly"},"conversations":[{"conversationId":{"id":"x","changekey":"y"}}]}"#
        ),
        "conversations[0].conversationId.changekey"
    );
    assert_eq!(
        gci(r#"{"itemShape":{"baseShape":"IdOnly"},"conversations":[{"conversationId":"x"}]}"#),
        "conversations[0].conversationId"
    );
    assert_eq!(
        gci(r#"{"itemShape":{"baseShape":"IdOnly"},"conversations":[{}]}"#),
        "conversations[0].conversationId"
    );
    assert_eq!(
        gci(r#"{"itemShape":{"baseShape":"IdOnly"}}"#),
        "conversations"
    );
    // null is "absent" for optional options.
    let r: GetConversationItemsRequest = parse_options(
        r#"{"header":null,"itemShape":{"baseShape":"IdOnly","bodyType":null},"sortOrder":null,
            "conversations":[{"conversationId":{"id":"x","changeKey":null},"syncState":null}]}"#,
    )
    .unwrap();
    assert_eq!(r.header, None);
    assert_eq!(r.conversations[0].conversation_id, ItemIdRef::new("x"));
}

#[test]
fn api_md_examples_build() {
    // The option objects of API.md, as JSON.
    let gci: GetConversationItemsRequest = parse_options(
        r#"{
          "itemShape": { "baseShape": "IdOnly", "additionalProperties": [{ "fieldURI": "item:Subject" },
                         { "extendedFieldURI": { "propertyTag": "0x3001", "propertyType": "String" } },
                         { "indexedFieldURI": { "fieldURI": "contacts:EmailAddress", "fieldIndex": "EmailAddress1" } }],
                         "bodyType": "Text" },
          "foldersToIgnore": [{ "distinguishedFolderId": { "id": "deleteditems" } }, { "folderId": { "id": "AAMk", "changeKey": "AQAA" } }],
          "maxItemsToReturn": 50, "sortOrder": "TreeOrderDescending", "mailboxScope": "PrimaryOnly",
          "conversations": [{ "conversationId": { "id": "AAQk" }, "syncState": "AQIA" }],
          "header": { "requestServerVersion": "Exchange2013", "mailboxCulture": "en-US",
                      "impersonation": { "primarySmtpAddress": "a@b.c" }, "timeZoneContext": { "id": "UTC" } }
        }"#,
    )
    .unwrap();
    let im: GetImItemsRequest = parse_options(
        r#"{ "contactIds": [{ "id": "c", "changeKey": "k" }], "groupIds": [{ "id": "g" }],
             "extendedProperties": [{ "propertyTag": "0x3001", "propertyType": "String" }] }"#,
    )
    .unwrap();
    let list: GetImItemListRequest = parse_options(
        r#"{ "extendedProperties": [{ "propertyTag": "0x3001", "propertyType": "String" }] }"#,
    )
    .unwrap();
    let sfi: SyncFolderItemsRequest = parse_options(
        r#"{
          "itemShape": { "baseShape": "Default" },
          "syncFolderId": { "distinguishedFolderId": { "id": "sentitems", "mailbox": { "emailAddress": "x@y.z" } } },
          "syncState": "AEbJ94eMOAAA=", "ignore": [{ "id": "i", "changeKey": "k" }], "maxChangesReturned": 100,
          "syncScope": "NormalItems"
        }"#,
    )
    .unwrap();
    // Serialising gives the JS shape back.
    let back: SyncFolderItemsRequest =
        parse_options(&serde_json::to_string(&sfi).unwrap()).unwrap();
    assert_eq!(back, sfi);
    let back: GetConversationItemsRequest =
        parse_options(&serde_json::to_string(&gci).unwrap()).unwrap();
    assert_eq!(back, gci);
    let docs = vec![
        gci.to_xml().unwrap(),
        im.to_xml().unwrap(),
        list.to_xml().unwrap(),
        sfi.to_xml().unwrap(),
    ];
    for d in &docs {
        assert_uses_http_namespaces(d);
    }
    validate_all("api-md", &docs);
}

#[test]
fn empty_lists_are_left_out() {
    let im = GetImItemsRequest {
        contact_ids: vec![],
        group_ids: vec![ItemIdRef::new("g")],
        extended_properties: vec![],
        header: None,
    };
    let mut sfi = SyncFolderItemsRequest::new(DistinguishedFolderIdName::Inbox);
    sfi.ignore = vec![];
    sfi.item_shape.additional_properties = vec![];
    let mut gci = seed_gci();
    gci.folders_to_ignore = vec![];
    let docs = vec![
        im.to_xml().unwrap(),
        GetImItemsRequest::default().to_xml().unwrap(),
        GetImItemListRequest::default().to_xml().unwrap(),
        sfi.to_xml().unwrap(),
        gci.to_xml().unwrap(),
    ];
    for (d, absent) in docs.iter().zip([
        &["ContactIds", "ExtendedProperties"][..],
        &["ContactIds", "GroupIds", "ExtendedProperties"],
        &["ExtendedProperties"],
        &["Ignore", "AdditionalProperties"],
        &["FoldersToIgnore"],
    ]) {
        let doc = roxmltree::Document::parse(d).unwrap();
        for name in absent {
            assert!(
                !doc.descendants().any(|n| n.tag_name().name() == *name),
                "{name} in {d}"
            );
        }
    }
    validate_all("empty-lists", &docs);
}

#[test]
fn header_order_and_culture_per_operation() {
    let header = Some(full_header(ExchangeVersion::Exchange2013_SP1));
    let mut gci = seed_gci();
    gci.header = header.clone();
    let mut sfi = SyncFolderItemsRequest::new(DistinguishedFolderIdName::Inbox);
    sfi.header = header.clone();
    let im = GetImItemsRequest {
        header: header.clone(),
        ..Default::default()
    };
    let list = GetImItemListRequest {
        header,
        ..Default::default()
    };
    let docs = [
        (gci.to_xml().unwrap(), false),
        (sfi.to_xml().unwrap(), true),
        (im.to_xml().unwrap(), true),
        (list.to_xml().unwrap(), true),
    ];
    let mut names_seen = BTreeMap::new();
    for (xml, culture) in &docs {
        let doc = roxmltree::Document::parse(xml).unwrap();
        let header = child(doc.root_element(), "Header").unwrap();
        let names: Vec<&str> = header
            .children()
            .filter(|c| c.is_element())
            .map(|c| c.tag_name().name())
            .collect();
        let mut expected = vec!["RequestServerVersion", "ExchangeImpersonation"];
        if *culture {
            expected.push("MailboxCulture");
        }
        expected.push("TimeZoneContext");
        assert_eq!(names, expected, "{xml}");
        *names_seen.entry(names.len()).or_insert(0) += 1;
    }
    assert_eq!(names_seen.len(), 2);
    // Every header also validates against the 2013 SP1 schema set, which fixes
    // the version to Exchange2013_SP1.
    require_xmllint();
    let xmls: Vec<String> = docs.iter().map(|(x, _)| x.clone()).collect();
    let (dir, paths) = write_docs("sp1", &xmls);
    let out = Command::new("bash")
        .arg(VALIDATE)
        .args(["--schema", "ex2013sp1"])
        .args(&paths)
        .output()
        .unwrap();
    std::fs::remove_dir_all(dir).ok();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

// ---------------------------------------------------------------------------
// The builders' fuzz corpus, through the schema

/// Builds every input of the `build_requests` fuzz corpus the way the fuzz
/// target does (first byte: the operation; the rest: options JSON, lossy
/// UTF-8). Every request that builds must validate against the schema (the
/// fuzz target itself can only check well-formedness); everything else must be
/// `ERR_INVALID_OPTIONS`. Reads `fuzz/corpus/build_requests/` and, when set,
/// the directory in `EWS_FUZZ_CORPUS` (a long run's whole corpus).
#[test]
fn the_builders_fuzz_corpus_builds_schema_valid_requests() {
    let mut dirs = vec![PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/fuzz/corpus/build_requests"
    ))];
    if let Some(extra) = std::env::var_os("EWS_FUZZ_CORPUS") {
        dirs.push(PathBuf::from(extra));
    }
    let mut built = Vec::new();
    let mut refused = 0;
    let mut inputs = 0;
    for dir in dirs {
        let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
            .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
            .map(|e| e.unwrap().path())
            .collect();
        files.sort();
        for path in files {
            let data = std::fs::read(&path).unwrap();
            let Some((&op, rest)) = data.split_first() else {
                continue;
            };
            inputs += 1;
            let json = String::from_utf8_lossy(rest);
            let result = match op % 4 {
                0 => parse_options::<SyncFolderItemsRequest>(&json).and_then(|r| r.to_xml()),
                1 => parse_options::<GetConversationItemsRequest>(&json).and_then(|r| r.to_xml()),
                2 => parse_options::<GetImItemsRequest>(&json).and_then(|r| r.to_xml()),
                _ => parse_options::<GetImItemListRequest>(&json).and_then(|r| r.to_xml()),
            };
            match result {
                Ok(xml) => built.push(xml),
                Err(e) => {
                    assert_eq!(e.code(), "ERR_INVALID_OPTIONS", "{}: {e:?}", path.display());
                    refused += 1;
                }
            }
        }
    }
    assert!(!built.is_empty(), "no corpus input built a request");
    println!(
        "{inputs} corpus inputs: {} built requests (all validated), {refused} ERR_INVALID_OPTIONS",
        built.len()
    );
    for (i, chunk) in built.chunks(500).enumerate() {
        validate_all(&format!("fuzz-corpus-{i}"), chunk);
    }
}
