//! The Rust client over `fetch` in a real browser (headless Chromium): a
//! cross-origin sync of a whole folder against the mock Exchange server,
//! retries after a 503, Basic auth through a CORS preflight, retried timeouts and a
//! network error.
//!
//! Compiled only with the `fetch` feature, and needs the mock server's URL at
//! compile time in `EWS_MOCK_URL` (`http://127.0.0.1:PORT/`). scripts/test.sh
//! does both for its wasm-browser step; by hand:
//!
//! ```text
//! # the mock grants CORS only to origins it is told about: pin the runner's page
//! node www/mock-exchange/server.mjs --port 0 --allow-origin http://127.0.0.1:8765   # prints the URL
//! EWS_MOCK_URL=http://127.0.0.1:PORT/ WASM_BINDGEN_TEST_ADDRESS=127.0.0.1:8765 WASM_BINDGEN_USE_BROWSER=1 \
//!   wasm-pack test --headless --chrome --test wasm_fetch -- --features fetch
//! ```

#![cfg(all(target_arch = "wasm32", feature = "fetch"))]

use std::collections::BTreeMap;

use ews_wasm::client::{Auth, ClientOptions, EwsClient, FetchTransport, RetryPolicy};
use ews_wasm::types::{BaseShape, DistinguishedFolderIdName, ItemShape, PropertyPath};
use ews_wasm::{Error, GetImItemListRequest, SyncChange, SyncFolderItemsRequest};
use gloo_net::http::Request;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

fn mock() -> &'static str {
    match option_env!("EWS_MOCK_URL") {
        Some(url) => url,
        None => panic!(
            "EWS_MOCK_URL (the mock Exchange server's URL) was not set at compile time: run through scripts/test.sh"
        ),
    }
}

fn ews_url() -> String {
    format!("{}EWS/Exchange.asmx", mock())
}

async fn admin(method: &str, path: &str, body: &str) -> serde_json::Value {
    let url = format!("{}mock-admin/{path}", mock());
    let req = match method {
        "GET" => Request::get(&url).build(),
        "DELETE" => Request::delete(&url).build(),
        _ => Request::post(&url)
            .header("Content-Type", "application/json")
            .body(body.to_owned()),
    }
    .unwrap();
    let res = req.send().await.unwrap();
    let text = res.text().await.unwrap();
    assert!(res.ok(), "{method} {path}: {} {text}", res.status());
    serde_json::from_str(&text).unwrap()
}

fn request(max: i32) -> SyncFolderItemsRequest {
    let mut r = SyncFolderItemsRequest::new(DistinguishedFolderIdName::Inbox);
    r.item_shape = ItemShape::new(BaseShape::IdOnly)
        .with_additional_properties([PropertyPath::field("message:IsRead")]);
    r.max_changes_returned = max;
    r
}

/// Syncs the inbox to the end from `state`; applies the changes to `mirror`
/// (id → change key); returns the last SyncState.
async fn sync_all(
    client: &EwsClient<FetchTransport>,
    mirror: &mut BTreeMap<String, String>,
    state: Option<String>,
) -> String {
    let mut r = request(512);
    r.sync_state = state;
    let mut pages = client.sync_folder_items_pages(r);
    while let Some(page) = pages.next_page().await.unwrap() {
        for c in page.message.changes.iter().flatten() {
            match c {
                SyncChange::Create { item } | SyncChange::Update { item } => {
                    let id = item.item_id().unwrap();
                    mirror.insert(id.id.clone(), id.change_key.clone().unwrap_or_default());
                }
                SyncChange::Delete { item_id } => {
                    assert!(mirror.remove(&item_id.id).is_some());
                }
                SyncChange::ReadFlagChange { item_id, .. } => {
                    assert!(mirror.contains_key(&item_id.id));
                }
                other => panic!("{other:?}"),
            }
        }
    }
    pages.sync_state().unwrap().to_owned()
}

async fn assert_matches_server(mirror: &BTreeMap<String, String>) {
    let json = admin("GET", "folder/inbox/items", "").await;
    let server: BTreeMap<String, String> = json["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| {
            (
                i["id"].as_str().unwrap().to_owned(),
                i["changeKey"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    assert_eq!(mirror.len(), server.len());
    assert!(mirror == &server, "the synced copy differs from the server");
}

#[wasm_bindgen_test]
async fn syncs_a_folder_cross_origin_through_fetch() {
    admin("DELETE", "faults", "").await;
    admin(
        "POST",
        "reset",
        r#"{"seed":4,"items":1300,"folder":"inbox"}"#,
    )
    .await;
    let client = EwsClient::new(
        FetchTransport,
        ClientOptions::new(ews_url()).with_http_header("X-AnchorMailbox", "alexw@contoso.com"),
    )
    .unwrap();
    let mut mirror = BTreeMap::new();
    let state = sync_all(&client, &mut mirror, None).await;
    assert_eq!(mirror.len(), 1300);
    assert_matches_server(&mirror).await;
    assert_eq!(client.stats().requests, 3);

    admin(
        "POST",
        "mutate",
        r#"{"folder":"inbox","creates":40,"updates":30,"deletes":20,"reads":25,"seed":5}"#,
    )
    .await;
    sync_all(&client, &mut mirror, Some(state)).await;
    assert_matches_server(&mirror).await;

    let log = admin("GET", "requests?limit=1", "").await;
    let last = &log["requests"][0];
    assert_eq!(last["xAnchorMailbox"], "alexw@contoso.com");
    assert_eq!(last["contentType"], "text/xml; charset=utf-8");
    assert_eq!(last["clientRequestId"].as_str().unwrap().len(), 36);
}

#[wasm_bindgen_test]
async fn retries_a_503_after_retry_after_and_sends_basic_auth() {
    admin("POST", "reset", r#"{"seed":4,"items":20,"folder":"inbox"}"#).await;
    admin(
        "POST",
        "auth",
        r#"{"mode":"basic","username":"alexw@contoso.com","password":"P@ss w0rd"}"#,
    )
    .await;
    admin(
        "POST",
        "faults",
        r#"{"rate":1,"kinds":["503"],"retryAfterSeconds":0,"maxFaults":2}"#,
    )
    .await;
    let client = EwsClient::new(
        FetchTransport,
        ClientOptions::new(ews_url()).with_auth(Auth::basic("alexw@contoso.com", "P@ss w0rd")),
    )
    .unwrap();
    let list = client
        .get_im_item_list(&GetImItemListRequest::default())
        .await
        .unwrap();
    assert!(!list.message.status.is_error());
    assert_eq!(client.stats().retries, 2);
    let log = admin("GET", "requests?limit=3", "").await;
    let statuses: Vec<i64> = log["requests"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["status"].as_i64().unwrap())
        .collect();
    assert_eq!(statuses, [503, 503, 200]);
    assert_eq!(log["requests"][2]["authScheme"], "Basic");

    // Wrong password: HTTP 401, not retried, and the password is not in the error.
    let wrong = EwsClient::new(
        FetchTransport,
        ClientOptions::new(ews_url()).with_auth(Auth::basic("alexw@contoso.com", "Wr0ng-Secret")),
    )
    .unwrap();
    let e = wrong
        .get_im_item_list(&GetImItemListRequest::default())
        .await
        .unwrap_err();
    assert!(matches!(e, Error::Http { status: 401, .. }), "{e:?}");
    assert!(!e.to_json().contains("Wr0ng-Secret"));
    admin("POST", "auth", r#"{"mode":"none"}"#).await;
    admin("DELETE", "faults", "").await;
}

#[wasm_bindgen_test]
async fn timeout_and_network_errors() {
    admin(
        "POST",
        "faults",
        r#"{"rate":1,"kinds":["delay"],"delayMs":3000}"#,
    )
    .await;
    // A timed-out attempt is retried; ERR_TIMEOUT once the retries run out.
    let client = EwsClient::new(
        FetchTransport,
        ClientOptions::new(ews_url())
            .with_timeout_ms(Some(300))
            .with_retry(RetryPolicy {
                max_retries: 1,
                base_delay_ms: 10,
                ..Default::default()
            }),
    )
    .unwrap();
    let t0 = js_sys::Date::now();
    let e = client.sync_folder_items(&request(5)).await.unwrap_err();
    let took = js_sys::Date::now() - t0;
    assert_eq!(e, Error::Timeout { timeout_ms: 300 });
    assert_eq!(client.stats().requests, 2);
    assert_eq!(client.stats().retries, 1);
    assert!((590.0..1400.0).contains(&took), "{took} ms");
    admin("DELETE", "faults", "").await;

    // Nothing listens on port 9: a network error, retried, then returned.
    let closed = EwsClient::new(
        FetchTransport,
        ClientOptions::new("http://127.0.0.1:9/EWS/Exchange.asmx").with_retry(RetryPolicy {
            max_retries: 1,
            base_delay_ms: 10,
            ..Default::default()
        }),
    )
    .unwrap();
    let e = closed.sync_folder_items(&request(5)).await.unwrap_err();
    assert_eq!(e.code(), "ERR_NETWORK");
    assert_eq!(closed.stats().requests, 2);
}
