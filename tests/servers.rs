#![cfg(not(target_arch = "wasm32"))]
//! Where gromox answers differently from Exchange (docs/servers.md): its
//! actual answers, captured from the live server (tests/fixtures/gromox-*.xml,
//! provenance in each file), parsed by the library. The live checks are in
//! tests/gromox.rs and tests/gromox/ (the `gromox` layer of npm test).

use std::path::Path;

use ews_wasm::{
    parse_get_conversation_items_response, parse_get_im_item_list_response,
    parse_get_im_items_response, parse_sync_folder_items_response, Error, ResponseClass,
    SyncChange, SyncFolderItemsResponseMessage,
};

fn fixture(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn sfi(name: &str) -> SyncFolderItemsResponseMessage {
    let r = parse_sync_folder_items_response(&fixture(name)).expect(name);
    assert_eq!(r.response_messages.len(), 1, "{name}");
    let m = r.response_messages.into_iter().next().unwrap();
    assert_eq!(m.status.response_class, ResponseClass::Success, "{name}");
    assert_eq!(m.status.response_code.as_deref(), Some("NoError"), "{name}");
    m
}

fn kinds(m: &SyncFolderItemsResponseMessage) -> Vec<String> {
    m.changes
        .iter()
        .flatten()
        .map(|c| {
            serde_json::to_value(c).unwrap()["kind"]
                .as_str()
                .unwrap()
                .to_owned()
        })
        .collect()
}

const ID_14: &str =
    "AAAAAHhJht3XC4tMjlaYq1S8MsIHAAEAAAClGHtvvNzqHtA8VlcAAAAAAA0AAAEAAAClGHtvvNzqHtA8VlcAAAADAA4AAAM=";

#[test]
fn envelope_with_the_soap_prefix_and_gromox_server_version() {
    let r = parse_sync_folder_items_response(&fixture("gromox-sfi-default.xml")).unwrap();
    let v = r.server_version_info.expect("ServerVersionInfo");
    assert_eq!(
        (
            v.major_version,
            v.minor_version,
            v.major_build_number,
            v.minor_build_number
        ),
        (Some(15), Some(0), Some(847), Some(4040))
    );
    assert_eq!(v.version.as_deref(), Some("V2017_07_11"));
}

#[test]
fn default_shape_has_no_is_read() {
    let m = sfi("gromox-sfi-default.xml");
    assert_eq!(kinds(&m), ["Create", "Create"]);
    assert_eq!(m.includes_last_item_in_range, Some(false));
    let Some(SyncChange::Create { item }) = m.changes.as_ref().and_then(|c| c.first()) else {
        panic!("a Create first");
    };
    let json = serde_json::to_value(item).unwrap();
    assert_eq!(json["kind"], "Message");
    assert_eq!(json["subject"], "¿Qué tal? [35]");
    assert_eq!(json["size"], 1711);
    assert_eq!(json["from"]["mailbox"]["emailAddress"], "noreply@ops.test");
    assert_eq!(json["sender"]["mailbox"]["name"], "Ops Bot");
    assert!(
        json.get("isRead").is_none(),
        "gromox's Default has no IsRead"
    );
    assert!(json.get("toRecipients").is_none());
}

#[test]
fn id_only_items_carry_date_time_received() {
    let m = sfi("gromox-sfi-idonly.xml");
    for c in m.changes.iter().flatten() {
        let SyncChange::Create { item } = c else {
            panic!("{c:?}")
        };
        let json = serde_json::to_value(item).unwrap();
        let keys: Vec<&str> = json
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        assert_eq!(keys, ["dateTimeReceived", "itemId", "kind"]);
    }
}

#[test]
fn a_read_state_change_comes_as_an_update() {
    let m = sfi("gromox-sfi-read-as-update.xml");
    assert_eq!(kinds(&m), ["Update"]);
    let Some(SyncChange::Update { item }) = m.changes.as_ref().and_then(|c| c.first()) else {
        panic!("an Update");
    };
    let json = serde_json::to_value(item).unwrap();
    assert_eq!(json["itemId"]["id"], ID_14);
    assert_eq!(json["isRead"], true);
    assert_eq!(json["subject"], "Grüße aus München [14]");
}

#[test]
fn ignore_is_not_applied() {
    // the request ignored ID_14; its change comes all the same
    let m = sfi("gromox-sfi-ignore-not-applied.xml");
    assert_eq!(kinds(&m), ["Update"]);
    let ids: Vec<&str> = m
        .changes
        .iter()
        .flatten()
        .filter_map(|c| c.item_id())
        .map(|i| i.id.as_str())
        .collect();
    assert_eq!(ids, [ID_14]);
    let Some(SyncChange::Update { item }) = m.changes.as_ref().and_then(|c| c.first()) else {
        panic!("an Update");
    };
    assert_eq!(serde_json::to_value(item).unwrap()["isRead"], false);
}

#[test]
fn a_paged_first_sync_ends_with_read_flag_changes_for_items_already_created() {
    let m = sfi("gromox-sfi-paged-first-sync-readflags.xml");
    assert_eq!(
        kinds(&m),
        [
            "Create",
            "ReadFlagChange",
            "ReadFlagChange",
            "ReadFlagChange",
            "ReadFlagChange"
        ]
    );
    assert_eq!(m.includes_last_item_in_range, Some(true));
    for c in m.changes.iter().flatten().skip(1) {
        let SyncChange::ReadFlagChange { item_id, is_read } = c else {
            panic!("{c:?}")
        };
        assert!(!is_read);
        // a ReadFlagChange carries no ChangeKey
        assert_eq!(item_id.change_key, None);
    }
}

#[test]
fn an_unreadable_sync_state_starts_over_without_an_error() {
    let m = sfi("gromox-sfi-unreadable-syncstate.xml");
    assert_eq!(kinds(&m), ["Create", "Create", "Create"]);
    assert_eq!(m.includes_last_item_in_range, Some(false));
    assert!(m.sync_state.as_deref().is_some_and(|s| !s.is_empty()));
}

#[test]
fn an_invalid_sync_state_is_a_soap_fault_with_the_response_code_as_faultcode() {
    match parse_sync_folder_items_response(&fixture("gromox-fault-invalid-syncstate.xml")) {
        Err(Error::SoapFault(f)) => {
            assert_eq!(f.fault_code, "ErrorInvalidSyncStateData");
            assert_eq!(
                f.response_code.as_deref(),
                Some("ErrorInvalidSyncStateData")
            );
            assert_eq!(f.fault_string, "E-3053: failed to deserialize given idset");
            assert_eq!(f.back_off_milliseconds, None);
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn the_three_operations_gromox_lacks_are_server_faults() {
    type Parse = fn(&str) -> ews_wasm::Result<()>;
    let cases: [(&str, Parse); 3] = [
        ("gromox-fault-unknown-request-gci.xml", |x| {
            parse_get_conversation_items_response(x).map(drop)
        }),
        ("gromox-fault-unknown-request-imitems.xml", |x| {
            parse_get_im_items_response(x).map(drop)
        }),
        ("gromox-fault-unknown-request-imitemlist.xml", |x| {
            parse_get_im_item_list_response(x).map(drop)
        }),
    ];
    for (name, parse) in cases {
        match parse(&fixture(name)) {
            Err(e @ Error::SoapFault(_)) => {
                assert_eq!(e.code(), "ERR_SOAP_FAULT", "{name}");
                let Error::SoapFault(f) = e else {
                    unreachable!()
                };
                assert_eq!(f.fault_code, "SOAP:Server", "{name}");
                assert_eq!(f.response_code, None, "{name}");
                assert!(f.fault_string.starts_with("Unknown request '"), "{name}");
            }
            other => panic!("{name}: {other:?}"),
        }
    }
}
