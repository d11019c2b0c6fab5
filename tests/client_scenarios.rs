#![cfg(not(target_arch = "wasm32"))]
//! The client scenario table (tests/client-scenarios/*.json, written by
//! tests/client-scenarios/generate.mjs) run against the Rust `EwsClient` with
//! a scripted [`Transport`] and a fixed clock and jitter. The same files run
//! against the JavaScript `EwsClient` in tests/js/client-scenarios.test.mjs:
//! both clients drive one core, so both must give exactly this.

use std::cell::{Cell, RefCell};
use std::collections::VecDeque;
use std::future::Future;
use std::sync::Arc;
use std::task::{Context, Poll, Wake, Waker};

use ews_wasm::client::{
    parse_http_date, AbortController, Auth, CallOptions, ClientOptions, ConversationSync,
    EwsClient, HttpRequest, HttpResponse, RetryEvent, RetryPolicy, Transport,
};
use ews_wasm::{
    parse_options, Error, GetConversationItemsRequest, GetImItemListRequest, GetImItemsRequest,
    Limits, SyncFolderItemsRequest,
};
use serde_json::{json, Value};

const URL: &str = "https://mail.example.com/EWS/Exchange.asmx";
const REFUSED_BY_OUTLOOK: [&str; 3] = ["SyncFolderItems", "GetImItems", "GetImItemList"];

struct NoopWaker;
impl Wake for NoopWaker {
    fn wake(self: Arc<Self>) {}
}

/// Polls `f` until it is ready; every wait in a scenario is virtual, so a
/// future that stays pending after many polls is a bug (it would hang).
fn block_on<F: Future>(f: F) -> F::Output {
    let waker = Waker::from(Arc::new(NoopWaker));
    let mut cx = Context::from_waker(&waker);
    let mut f = std::pin::pin!(f);
    for _ in 0..10_000 {
        if let Poll::Ready(v) = f.as_mut().poll(&mut cx) {
            return v;
        }
    }
    panic!("the call did not finish (a scripted wait never ended)");
}

fn fixture(name: &str) -> String {
    std::fs::read_to_string(format!(
        "{}/tests/fixtures/{name}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap_or_else(|e| panic!("{name}: {e}"))
}

/// Answers from the scenario, records what was sent and every retry event.
struct Scripted {
    answers: RefCell<VecDeque<Value>>,
    sent: RefCell<Vec<HttpRequest>>,
    events: RefCell<Vec<RetryEvent>>,
    now: Option<u64>,
    jitter: f64,
    outlook: bool,
    /// Abort during the wait after this retry (1-based).
    abort_during_wait: Option<(u32, AbortController)>,
    back_off_next: Cell<bool>,
}

impl Transport for Scripted {
    fn send(&self, request: HttpRequest) -> impl Future<Output = ews_wasm::Result<HttpResponse>> {
        let refused = self.outlook && REFUSED_BY_OUTLOOK.contains(&request.operation);
        let answer = if refused {
            None
        } else {
            self.sent.borrow_mut().push(request.clone());
            Some(
                self.answers
                    .borrow_mut()
                    .pop_front()
                    .expect("the scenario ran out of answers"),
            )
        };
        let operation = request.operation;
        async move {
            let Some(a) = answer else {
                return Err(Error::NotSupported {
                    operation: operation.into(),
                });
            };
            if let Some(m) = a.get("network").and_then(Value::as_str) {
                return Err(Error::Network {
                    message: m.into(),
                    operation: None,
                });
            }
            if a.get("hang").is_some() {
                return std::future::pending().await;
            }
            let body = match (a.get("body"), a.get("fixture")) {
                (Some(b), _) => b.as_str().unwrap().to_owned(),
                (None, Some(f)) => {
                    let text = fixture(f.as_str().unwrap());
                    match a.get("replace").and_then(Value::as_array) {
                        Some(r) => text.replace(r[0].as_str().unwrap(), r[1].as_str().unwrap()),
                        None => text,
                    }
                }
                (None, None) => String::new(),
            };
            let mut r = HttpResponse::new(
                a.get("status").and_then(Value::as_u64).unwrap_or(200) as u16,
                body,
            );
            r.status_text = a
                .get("statusText")
                .and_then(Value::as_str)
                .unwrap_or("OK")
                .into();
            if let Some(h) = a.get("headers").and_then(Value::as_object) {
                for (k, v) in h {
                    r = r.with_header(k.clone(), v.as_str().unwrap());
                }
            }
            Ok(r)
        }
    }

    fn sleep(&self, _ms: u64) -> impl Future<Output = ()> {
        // Timeouts and back-off waits are virtual: over at once, except the
        // back-off wait during which the scenario aborts (it never ends).
        let mut forever = false;
        if self.back_off_next.replace(false) {
            if let Some((n, ctrl)) = &self.abort_during_wait {
                if self.events.borrow().len() as u32 == *n {
                    forever = true;
                    ctrl.abort();
                }
            }
        }
        async move {
            if forever {
                std::future::pending::<()>().await;
            }
        }
    }

    fn now_unix_ms(&self) -> Option<u64> {
        self.now
    }

    fn random_u64(&self) -> u64 {
        ((self.jitter * (1u64 << 53) as f64) as u64) << 11
    }

    fn on_retry(&self, event: &RetryEvent) {
        self.events.borrow_mut().push(event.clone());
        self.back_off_next.set(true);
    }
}

/// `expected` is a subset of `actual` (objects: the keys given; arrays: same length, element-wise).
fn subset(expected: &Value, actual: &Value, path: &str) -> Result<(), String> {
    match (expected, actual) {
        (Value::Object(e), Value::Object(a)) => {
            for (k, v) in e {
                let got = a.get(k).unwrap_or(&Value::Null);
                subset(v, got, &format!("{path}.{k}"))?;
            }
            Ok(())
        }
        (Value::Array(e), Value::Array(a)) => {
            if e.len() != a.len() {
                return Err(format!(
                    "{path}: {} items expected, got {}: {actual}",
                    e.len(),
                    a.len()
                ));
            }
            for (i, (x, y)) in e.iter().zip(a).enumerate() {
                subset(x, y, &format!("{path}[{i}]"))?;
            }
            Ok(())
        }
        (e, a) if e == a => Ok(()),
        (Value::Number(e), Value::Number(a)) if e.as_f64() == a.as_f64() => Ok(()),
        (e, a) => Err(format!("{path}: expected {e}, got {a}")),
    }
}

/// The texts of every `<x:SyncState>` and the `Id` of every `<t:ConversationId>` in an envelope.
fn sent_summary(r: &HttpRequest) -> Value {
    let texts = |open: &str| -> Vec<String> {
        r.body
            .split(open)
            .skip(1)
            .map(|s| s.split('<').next().unwrap_or("").to_owned())
            .collect()
    };
    let mut states = texts("<m:SyncState>");
    states.extend(texts("<t:SyncState>"));
    let ids: Vec<String> = r
        .body
        .split("<t:ConversationId Id=\"")
        .skip(1)
        .map(|s| s.split('"').next().unwrap_or("").to_owned())
        .collect();
    json!({ "op": r.operation, "states": states, "ids": ids })
}

fn client_options(c: &Value) -> ClientOptions {
    let mut o = ClientOptions::new(URL);
    if let Some(a) = c.get("auth") {
        o.auth = match (a.get("bearer"), a.get("basic")) {
            (Some(t), _) => Auth::bearer(t.as_str().unwrap()),
            (None, Some(b)) => Auth::basic(
                b["username"].as_str().unwrap(),
                b["password"].as_str().unwrap(),
            ),
            _ => Auth::None,
        };
    }
    if let Some(h) = c.get("headers").and_then(Value::as_object) {
        for (k, v) in h {
            o = o.with_http_header(k.clone(), v.as_str().unwrap());
        }
    }
    if let Some(t) = c.get("timeoutMs").and_then(Value::as_u64) {
        o.timeout_ms = Some(t);
    }
    let r = c.get("retry").cloned().unwrap_or(json!({}));
    let d = RetryPolicy::default();
    o.retry = RetryPolicy {
        max_retries: r
            .get("maxRetries")
            .and_then(Value::as_u64)
            .map_or(d.max_retries, |v| v as u32),
        max_delay_ms: r
            .get("maxDelayMs")
            .and_then(Value::as_u64)
            .unwrap_or(d.max_delay_ms),
        base_delay_ms: r
            .get("baseDelayMs")
            .and_then(Value::as_u64)
            .unwrap_or(d.base_delay_ms),
    };
    if let Some(m) = c
        .get("limits")
        .and_then(|l| l.get("maxResponseBytes"))
        .and_then(Value::as_u64)
    {
        o.limits = Limits {
            max_response_bytes: m,
            ..Limits::default()
        };
    }
    o
}

fn to_value<S: serde::Serialize>(v: &S) -> Value {
    serde_json::to_value(v).unwrap()
}

/// Runs one scenario; the outcome in the table's form, and the error (for secret checks).
fn run(s: &Value) -> Result<(), String> {
    let abort = s
        .get("abortDuringWait")
        .and_then(Value::as_u64)
        .map(|n| (n as u32, AbortController::new()));
    let signal = abort.as_ref().map(|(_, c)| c.signal());
    let transport = Scripted {
        answers: RefCell::new(s["answers"].as_array().unwrap().iter().cloned().collect()),
        sent: RefCell::default(),
        events: RefCell::default(),
        now: parse_http_date(s["now"].as_str().unwrap()),
        jitter: s["jitter"].as_f64().unwrap(),
        outlook: s["transport"] == "outlook",
        abort_during_wait: abort,
        back_off_next: Cell::new(false),
    };
    let client = EwsClient::new(transport, client_options(&s["client"]))
        .map_err(|e| format!("client: {e}"))?;
    let call = CallOptions {
        signal,
        ..Default::default()
    };
    let c = &s["call"];
    let opts = c["options"].to_string();
    let restart = c.get("restart").and_then(Value::as_bool).unwrap_or(false);
    let mut outcome = serde_json::Map::new();
    let result: Result<(), Error> = block_on(async {
        match c["method"].as_str().unwrap() {
            "syncFolderItems" => {
                let r: SyncFolderItemsRequest = parse_options(&opts)?;
                let m = client.sync_folder_items_with(&r, &call).await?;
                outcome.insert("result".into(), to_value(&m));
            }
            "getConversationItems" => {
                let r: GetConversationItemsRequest = parse_options(&opts)?;
                let m = client.get_conversation_items_with(&r, &call).await?;
                outcome.insert("result".into(), to_value(&m));
            }
            "getImItems" => {
                let r: GetImItemsRequest = parse_options(&opts)?;
                let m = client.get_im_items_with(&r, &call).await?;
                outcome.insert("result".into(), to_value(&m));
            }
            "getImItemList" => {
                let r: GetImItemListRequest = parse_options(&opts)?;
                let m = client.get_im_item_list_with(&r, &call).await?;
                outcome.insert("result".into(), to_value(&m));
            }
            "syncFolderItemsPages" => {
                let r: SyncFolderItemsRequest = parse_options(&opts)?;
                let mut pages = client
                    .sync_folder_items_pages(r)
                    .restart_on_invalid_sync_state(restart)
                    .with_call_options(call.clone());
                let mut got = Vec::new();
                let end = loop {
                    match pages.next_page().await {
                        Ok(Some(p)) => got.push(json!({
                            "syncState": p.message.sync_state,
                            "changes": p.message.changes.as_ref().map_or(0, Vec::len),
                            "restarted": p.restarted,
                        })),
                        Ok(None) => break Ok(()),
                        Err(e) => break Err(e),
                    }
                };
                let p = pages.progress();
                outcome.insert("pages".into(), Value::Array(got));
                outcome.insert(
                    "progress".into(),
                    json!({ "pages": p.pages, "changes": p.changes, "retries": p.retries,
                            "restarts": p.restarts, "syncState": p.sync_state,
                            "includesLastItemInRange": p.includes_last_item_in_range }),
                );
                end?;
            }
            "conversationSync" => {
                let r: GetConversationItemsRequest = parse_options(&opts)?;
                let states: Vec<(String, String)> = c
                    .get("syncStates")
                    .and_then(Value::as_object)
                    .map(|m| {
                        m.iter()
                            .map(|(k, v)| (k.clone(), v.as_str().unwrap().to_owned()))
                            .collect()
                    })
                    .unwrap_or_default();
                let mut sync = ConversationSync::with_sync_states(states)
                    .restart_on_invalid_sync_state(restart);
                let res = sync.get_conversation_items_with(&client, &r, &call).await;
                outcome.insert("syncStates".into(), to_value(sync.sync_states()));
                let m = res?;
                let restarted: Vec<usize> = sync
                    .restarted()
                    .iter()
                    .filter_map(|id| {
                        r.conversations
                            .iter()
                            .position(|c| &c.conversation_id.id == id)
                    })
                    .collect();
                outcome.insert("result".into(), to_value(&m));
                outcome.insert("restarted".into(), to_value(&restarted));
            }
            other => panic!("unknown method {other}"),
        }
        Ok(())
    });
    let expect = &s["expect"];
    if let Err(e) = &result {
        let v: Value = serde_json::from_str(&e.to_json()).map_err(|x| x.to_string())?;
        outcome.insert("error".into(), v);
        let texts = [e.to_json(), e.to_string(), format!("{e:?}")];
        for secret in expect
            .get("secrets")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            let secret = secret.as_str().unwrap();
            if texts.iter().any(|t| t.contains(secret)) {
                return Err(format!("secret {secret} in the error: {texts:?}"));
            }
        }
        if let Some(m) = expect.get("messageIncludes").and_then(Value::as_str) {
            if !e.to_string().contains(m) {
                return Err(format!("message {e} lacks {m}"));
            }
        }
    }
    let t = client.transport();
    let stats = client.stats();
    if stats.requests != expect["requests"].as_u64().unwrap() {
        return Err(format!(
            "requests: expected {}, got {}",
            expect["requests"], stats.requests
        ));
    }
    let events: Vec<Value> = t
        .events
        .borrow()
        .iter()
        .map(|e| {
            json!({ "attempt": e.attempt, "delayMs": e.delay_ms, "code": e.code,
                    "status": e.status, "responseCode": e.response_code, "operation": e.operation })
        })
        .collect();
    subset(&expect["retries"], &Value::Array(events), "retries")?;
    if stats.retries != expect["retries"].as_array().unwrap().len() as u64 {
        return Err(format!("stats.retries: {}", stats.retries));
    }
    if let Some(sent) = expect.get("sent") {
        let got: Vec<Value> = t.sent.borrow().iter().map(sent_summary).collect();
        subset(sent, &Value::Array(got), "sent")?;
    }
    let out = Value::Object(outcome);
    if expect["outcome"].get("error").is_none() && out.get("error").is_some() {
        return Err(format!("unexpected error {}", out["error"]));
    }
    subset(&expect["outcome"], &out, "outcome")
}

#[test]
fn every_scenario_of_the_table() {
    let dir = format!("{}/tests/client-scenarios", env!("CARGO_MANIFEST_DIR"));
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    assert!(files.len() >= 40, "{} scenarios", files.len());
    let mut failures = Vec::new();
    for f in &files {
        let s: Value = serde_json::from_str(&std::fs::read_to_string(f).unwrap()).unwrap();
        if let Err(why) = run(&s) {
            failures.push(format!(
                "{}: {why}",
                f.file_name().unwrap().to_string_lossy()
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} scenarios failed:\n{}",
        failures.len(),
        files.len(),
        failures.join("\n")
    );
}

proptest::proptest! {
    /// `Retry-After` and HTTP-dates come from the network: any text gives a
    /// value or `None`, never a panic.
    #[test]
    fn retry_after_never_panics(v in "\\PC{0,40}", now in proptest::option::of(0u64..4_000_000_000_000)) {
        let _ = ews_wasm::client::parse_retry_after(&v, now);
    }

    /// Near-misses of the three date forms (one character changed) never panic.
    #[test]
    fn http_date_near_misses(i in 0usize..29, c in proptest::char::any()) {
        for form in ["Sun, 06 Nov 1994 08:49:37 GMT", "Sunday, 06-Nov-94 08:49:37 GMT", "Sun Nov  6 08:49:37 1994"] {
            let mut s: Vec<char> = form.chars().collect();
            if let Some(slot) = s.get_mut(i) {
                *slot = c;
            }
            let s: String = s.into_iter().collect();
            let _ = parse_http_date(&s);
        }
    }
}
