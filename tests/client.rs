#![cfg(not(target_arch = "wasm32"))]
//! The Rust client (`ews_wasm::client`) against a scripted fake transport:
//! retry and back-off decisions, error mapping, paging, per-conversation
//! sync states, abort and timeout, and that credentials never reach an error.
//! The futures run on the small `block_on` below (no runtime needed).

use std::cell::{Cell, RefCell};
use std::collections::VecDeque;
use std::future::Future;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll, Wake, Waker};
use std::time::{Duration, Instant};

use ews_wasm::client::{
    is_sync_stalled, parse_http_date, parse_retry_after, AbortController, Auth, CallOptions,
    ClientOptions, ConversationSync, EwsClient, HttpRequest, HttpResponse, RetryPolicy, Transport,
};
use ews_wasm::types::{BaseShape, DistinguishedFolderIdName, ItemShape};
use ews_wasm::{
    ConversationRequest, Error, ExchangeVersion, GetConversationItemsRequest, GetImItemListRequest,
    RequestHeader, SoapFault, SyncChange, SyncFolderItemsRequest,
};

// ---- a tiny executor --------------------------------------------------------------

struct ThreadWaker(std::thread::Thread);
impl Wake for ThreadWaker {
    fn wake(self: Arc<Self>) {
        self.0.unpark();
    }
}

fn block_on<F: Future>(f: F) -> F::Output {
    let waker = Waker::from(Arc::new(ThreadWaker(std::thread::current())));
    let mut cx = Context::from_waker(&waker);
    let mut f = std::pin::pin!(f);
    loop {
        if let Poll::Ready(v) = f.as_mut().poll(&mut cx) {
            return v;
        }
        std::thread::park();
    }
}

/// Resolves after `ms` of real time (a thread sleeps, then wakes the task).
struct RealSleep {
    state: Arc<Mutex<(bool, Option<Waker>)>>,
}
impl RealSleep {
    fn new(ms: u64) -> Self {
        let state = Arc::new(Mutex::new((false, None::<Waker>)));
        let s = state.clone();
        std::thread::spawn(move || {
            std::thread::sleep(Duration::from_millis(ms));
            let mut g = s.lock().unwrap();
            g.0 = true;
            if let Some(w) = g.1.take() {
                w.wake();
            }
        });
        RealSleep { state }
    }
}
impl Future for RealSleep {
    type Output = ();
    fn poll(self: std::pin::Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        let mut g = self.state.lock().unwrap();
        if g.0 {
            Poll::Ready(())
        } else {
            g.1 = Some(cx.waker().clone());
            Poll::Pending
        }
    }
}

// ---- the fake transport --------------------------------------------------------------

enum Step {
    Reply(ews_wasm::Result<HttpResponse>),
    /// Never answers.
    Hang,
}

/// Answers from a script, records every request and every wait. Waits are
/// virtual (instant) unless `real_sleep`.
#[derive(Default)]
struct Fake {
    script: RefCell<VecDeque<Step>>,
    requests: RefCell<Vec<HttpRequest>>,
    sleeps: RefCell<Vec<u64>>,
    now: Option<u64>,
    random: Cell<u64>,
    random_step: u64,
    real_sleep: bool,
}

impl Fake {
    fn new(steps: impl IntoIterator<Item = Step>) -> Self {
        Fake {
            script: RefCell::new(steps.into_iter().collect()),
            random: Cell::new(u64::MAX / 2),
            random_step: 0x9E37_79B9_7F4A_7C15,
            ..Default::default()
        }
    }
    fn bodies(&self) -> Vec<String> {
        self.requests
            .borrow()
            .iter()
            .map(|r| r.body.clone())
            .collect()
    }
}

impl Transport for Fake {
    fn send(&self, request: HttpRequest) -> impl Future<Output = ews_wasm::Result<HttpResponse>> {
        self.requests.borrow_mut().push(request);
        let step = self
            .script
            .borrow_mut()
            .pop_front()
            .expect("the script ran out of responses");
        async move {
            match step {
                Step::Reply(r) => r,
                Step::Hang => std::future::pending().await,
            }
        }
    }
    fn sleep(&self, ms: u64) -> impl Future<Output = ()> {
        self.sleeps.borrow_mut().push(ms);
        let real = self.real_sleep.then(|| RealSleep::new(ms));
        async move {
            if let Some(s) = real {
                s.await;
            }
        }
    }
    fn now_unix_ms(&self) -> Option<u64> {
        self.now
    }
    fn random_u64(&self) -> u64 {
        let r = self.random.get();
        self.random.set(r.wrapping_add(self.random_step));
        r
    }
}

fn ok(body: impl Into<String>) -> Step {
    Step::Reply(Ok(HttpResponse::ok(body)))
}
fn status(code: u16, body: &str, headers: &[(&str, &str)]) -> Step {
    let mut r = HttpResponse::new(code, body);
    r.status_text = match code {
        401 => "Unauthorized",
        429 => "Too Many Requests",
        500 => "Internal Server Error",
        503 => "Service Unavailable",
        _ => "",
    }
    .into();
    for (k, v) in headers {
        r = r.with_header(*k, *v);
    }
    Step::Reply(Ok(r))
}
fn network(message: &str) -> Step {
    Step::Reply(Err(Error::Network {
        operation: None,
        message: message.into(),
    }))
}

fn fixture(name: &str) -> String {
    std::fs::read_to_string(format!(
        "{}/tests/fixtures/{name}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap_or_else(|e| panic!("{name}: {e}"))
}

const REAL_BUSY: &str = "real/sfi-o365-15.20.8769-V2018_01_08-error-server-busy.xml";
const NO_CHANGES: &str = "real/sfi-o365-15.20.3370-V2018_01_08-no-changes.xml";

/// A SyncFolderItems response with `creates` (ItemIds), `state` and `last`.
fn sfi(state: Option<&str>, last: bool, creates: &[&str]) -> String {
    let changes: String = creates
        .iter()
        .map(|id| format!(r#"<t:Create><t:Message><t:ItemId Id="{id}" ChangeKey="CK{id}"/></t:Message></t:Create>"#))
        .collect();
    let state = state.map_or(String::new(), |s| format!("<m:SyncState>{s}</m:SyncState>"));
    format!(
        r#"<?xml version="1.0" encoding="utf-8"?><s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><m:SyncFolderItemsResponse xmlns:m="http://schemas.microsoft.com/exchange/services/2006/messages" xmlns:t="http://schemas.microsoft.com/exchange/services/2006/types"><m:ResponseMessages><m:SyncFolderItemsResponseMessage ResponseClass="Success"><m:ResponseCode>NoError</m:ResponseCode>{state}<m:IncludesLastItemInRange>{last}</m:IncludesLastItemInRange><m:Changes>{changes}</m:Changes></m:SyncFolderItemsResponseMessage></m:ResponseMessages></m:SyncFolderItemsResponse></s:Body></s:Envelope>"#
    )
}

/// A GetConversationItems response: per conversation `(id, Ok(state, node count) | Err(code))`.
/// One conversation's answer: `Ok((sync state, node count))` or `Err(response code)`.
type Answer<'a> = Result<(&'a str, usize), &'a str>;

fn gci(messages: &[(&str, Answer<'_>)]) -> String {
    let body: String = messages
        .iter()
        .map(|(id, m)| match m {
            Ok((state, nodes)) => {
                let nodes: String = (0..*nodes)
                    .map(|i| format!(r#"<t:ConversationNode><t:InternetMessageId>&lt;{id}.{i}@x&gt;</t:InternetMessageId><t:Items><t:Message><t:ItemId Id="{id}-{i}"/></t:Message></t:Items></t:ConversationNode>"#))
                    .collect();
                format!(r#"<m:GetConversationItemsResponseMessage ResponseClass="Success"><m:ResponseCode>NoError</m:ResponseCode><m:Conversation><t:ConversationId Id="{id}"/><t:SyncState>{state}</t:SyncState><t:ConversationNodes>{nodes}</t:ConversationNodes></m:Conversation></m:GetConversationItemsResponseMessage>"#)
            }
            Err(code) => format!(r#"<m:GetConversationItemsResponseMessage ResponseClass="Error"><m:MessageText>failed</m:MessageText><m:ResponseCode>{code}</m:ResponseCode><m:DescriptiveLinkKey>0</m:DescriptiveLinkKey></m:GetConversationItemsResponseMessage>"#),
        })
        .collect();
    format!(
        r#"<?xml version="1.0" encoding="utf-8"?><s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><m:GetConversationItemsResponse xmlns:m="http://schemas.microsoft.com/exchange/services/2006/messages" xmlns:t="http://schemas.microsoft.com/exchange/services/2006/types"><m:ResponseMessages>{body}</m:ResponseMessages></m:GetConversationItemsResponse></s:Body></s:Envelope>"#
    )
}

const URL: &str = "https://mail.example.com/EWS/Exchange.asmx";

fn client(fake: Fake) -> EwsClient<Fake> {
    EwsClient::new(fake, ClientOptions::new(URL)).unwrap()
}

fn inbox() -> SyncFolderItemsRequest {
    let mut r = SyncFolderItemsRequest::new(DistinguishedFolderIdName::Inbox);
    r.max_changes_returned = 2;
    r
}

fn gci_request(ids: &[&str]) -> GetConversationItemsRequest {
    GetConversationItemsRequest::new(
        ItemShape::new(BaseShape::IdOnly),
        ids.iter().map(|id| ConversationRequest::new(*id)),
    )
}

fn busy_fault(back_off: Option<u64>) -> Error {
    Error::SoapFault(Box::new(SoapFault {
        fault_code: "a:ErrorServerBusy".into(),
        response_code: Some("ErrorServerBusy".into()),
        back_off_milliseconds: back_off,
        ..Default::default()
    }))
}

fn http(status: u16, retry_after_ms: Option<u64>) -> Error {
    Error::Http {
        status,
        status_text: String::new(),
        retry_after_ms,
    }
}

// ---- retry and back-off decisions --------------------------------------------------------

#[test]
fn retry_after_seconds_and_dates() {
    assert_eq!(parse_retry_after("0", None), Some(0));
    assert_eq!(parse_retry_after(" 120 ", None), Some(120_000));
    let now = parse_http_date("Wed, 21 Oct 2015 07:28:00 GMT").unwrap();
    assert_eq!(
        parse_retry_after("Wed, 21 Oct 2015 07:28:30 GMT", Some(now)),
        Some(30_000)
    );
    // A date in the past: no wait. No clock: unknown.
    assert_eq!(
        parse_retry_after("Wed, 21 Oct 2015 07:00:00 GMT", Some(now)),
        Some(0)
    );
    assert_eq!(
        parse_retry_after("Wed, 21 Oct 2015 07:28:30 GMT", None),
        None
    );
    assert_eq!(parse_retry_after("soon", Some(now)), None);
    assert_eq!(parse_retry_after("", Some(now)), None);
    assert_eq!(parse_retry_after("-5", Some(now)), None);
    assert_eq!(
        parse_http_date("Sunday, 06-Nov-94 08:49:37 GMT"),
        parse_http_date("Sun Nov  6 08:49:37 1994")
    );
}

#[test]
fn server_waits_are_honoured_and_capped() {
    let p = RetryPolicy::default();
    assert_eq!(p.delay_ms(&busy_fault(Some(48_310)), 0, 0.5), 48_310);
    assert_eq!(p.delay_ms(&busy_fault(Some(120_000)), 0, 0.5), 60_000);
    assert_eq!(p.delay_ms(&http(503, Some(2_000)), 5, 0.5), 2_000);
    assert_eq!(p.delay_ms(&http(429, Some(0)), 0, 0.9), 0);
    let small = RetryPolicy {
        max_delay_ms: 1_000,
        ..p
    };
    assert_eq!(small.delay_ms(&http(503, Some(90_000)), 0, 0.0), 1_000);
    let response = Error::Response {
        operation: "SyncFolderItems".into(),
        response_code: "ErrorServerBusy".into(),
        message_text: None,
        back_off_milliseconds: Some(5_000),
        response: Box::default(),
        full_response: None,
    };
    assert_eq!(p.delay_ms(&response, 2, 0.1), 5_000);
}

#[test]
fn exponential_back_off_with_jitter_stays_in_bounds() {
    let p = RetryPolicy {
        max_retries: 30,
        max_delay_ms: 60_000,
        base_delay_ms: 500,
    };
    let e = http(503, None);
    for attempt in 0..30u32 {
        let d = (500u64 << attempt.min(20)).min(60_000);
        let mut seen = Vec::new();
        for i in 0..=100 {
            let r = f64::from(i) / 100.0 * 0.999_999;
            let ms = p.delay_ms(&e, attempt, r);
            assert!(
                ms >= d / 2 && ms <= d,
                "attempt {attempt}: {ms} not in [{}, {d}]",
                d / 2
            );
            seen.push(ms);
        }
        assert_eq!(seen[0], d / 2, "random 0 gives the lower bound");
        assert!(
            *seen.last().unwrap() >= d - 1,
            "random ~1 gives the upper bound"
        );
        assert!(
            seen.windows(2).all(|w| w[0] <= w[1]),
            "monotonic in the draw"
        );
    }
    // Network errors back off the same way; odd draws are clamped.
    assert_eq!(
        p.delay_ms(
            &Error::Network {
                operation: None,
                message: String::new()
            },
            1,
            f64::NAN
        ),
        500
    );
    assert_eq!(
        p.delay_ms(
            &Error::Network {
                operation: None,
                message: String::new()
            },
            1,
            7.0
        ),
        1_000
    );
    // Never past max_delay_ms, even with a huge base.
    let huge = RetryPolicy {
        base_delay_ms: u64::MAX,
        ..p
    };
    assert!(huge.delay_ms(&e, 63, 0.5) <= 60_000);
}

#[test]
fn what_is_retried() {
    let p = RetryPolicy::default();
    assert!(p.should_retry(&busy_fault(None), 0));
    assert!(p.should_retry(&http(503, None), 2));
    assert!(!p.should_retry(&http(503, None), 3), "max_retries reached");
    assert!(p.should_retry(&http(429, None), 0));
    assert!(p.should_retry(
        &Error::Network {
            operation: None,
            message: String::new()
        },
        0
    ));
    assert!(!p.should_retry(&http(401, None), 0));
    assert!(!p.should_retry(&http(404, None), 0));
    assert!(p.should_retry(&Error::Timeout { timeout_ms: 1 }, 0));
    assert!(!p.should_retry(&Error::Aborted, 0));
    let fault = Error::SoapFault(Box::new(SoapFault {
        fault_code: "a:ErrorSchemaValidation".into(),
        ..Default::default()
    }));
    assert!(!p.should_retry(&fault, 0));
    let off = RetryPolicy {
        max_retries: 0,
        ..p
    };
    assert!(!off.should_retry(&busy_fault(None), 0));
}

// ---- the client: retries as they happen --------------------------------------------------

#[test]
fn the_real_server_busy_capture_is_retried_after_its_back_off() {
    let fake = Fake::new([ok(fixture(REAL_BUSY)), ok(fixture(NO_CHANGES))]);
    let c = client(fake);
    let m = block_on(c.sync_folder_items(&inbox())).unwrap();
    assert!(!m.status.is_error());
    assert_eq!(*c.transport().sleeps.borrow(), [5_000]);
    assert_eq!(c.stats().requests, 2);
    assert_eq!(c.stats().retries, 1);
}

#[test]
fn a_busy_fault_over_http_500_is_retried_with_the_wait_capped() {
    let fake = Fake::new([
        status(
            500,
            &fixture("fault-server-busy.xml"),
            &[("Content-Type", "text/xml; charset=utf-8")],
        ),
        ok(fixture(NO_CHANGES)),
    ]);
    let c = EwsClient::new(
        fake,
        ClientOptions::new(URL).with_retry(RetryPolicy {
            max_delay_ms: 10_000,
            ..Default::default()
        }),
    )
    .unwrap();
    block_on(c.sync_folder_items(&inbox())).unwrap();
    assert_eq!(
        *c.transport().sleeps.borrow(),
        [10_000],
        "48 310 ms capped at max_delay_ms"
    );
}

#[test]
fn http_503_and_429_follow_retry_after() {
    let now = parse_http_date("Wed, 21 Oct 2015 07:28:00 GMT").unwrap();
    let mut fake = Fake::new([
        status(
            503,
            "<html>Service Unavailable</html>",
            &[("Retry-After", "2")],
        ),
        status(
            429,
            "<html>Too many</html>",
            &[("retry-after", "Wed, 21 Oct 2015 07:28:07 GMT")],
        ),
        status(503, "<html>Service Unavailable</html>", &[]),
        ok(fixture(NO_CHANGES)),
    ]);
    fake.now = Some(now);
    fake.random = Cell::new(0); // the lower bound of the jitter
    fake.random_step = 0;
    let c = client(fake);
    block_on(c.sync_folder_items(&inbox())).unwrap();
    // 2 s, 7 s, then no header: exponential back-off, attempt 2 → [1000, 2000], draw 0 → 1000.
    assert_eq!(*c.transport().sleeps.borrow(), [2_000, 7_000, 1_000]);
    assert_eq!(c.stats().retries, 3);
}

#[test]
fn retries_stop_at_max_retries_with_the_last_error() {
    let busy = fixture(REAL_BUSY);
    let fake = Fake::new((0..4).map(|_| ok(busy.clone())));
    let c = client(fake);
    let e = block_on(c.sync_folder_items(&inbox())).unwrap_err();
    match &e {
        Error::Response {
            response_code,
            back_off_milliseconds,
            response,
            ..
        } => {
            assert_eq!(response_code, "ErrorServerBusy");
            assert_eq!(*back_off_milliseconds, Some(5_000));
            assert_eq!(response["responseClass"], "Error");
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(c.stats().requests, 4);
    assert_eq!(c.transport().sleeps.borrow().len(), 3);
}

#[test]
fn network_errors_are_retried_and_scrubbed() {
    let leak = "connect failed: https://alexw:Sup3r-Secret@mail.example.com/EWS?x=Sup3r-Secret (YWxleHc6U3VwM3ItU2VjcmV0)";
    let fake = Fake::new([network(leak), network(leak)]);
    let c = EwsClient::new(
        fake,
        ClientOptions::new(URL)
            .with_auth(Auth::basic("alexw", "Sup3r-Secret"))
            .with_retry(RetryPolicy {
                max_retries: 1,
                ..Default::default()
            }),
    )
    .unwrap();
    let e = block_on(c.get_im_item_list(&GetImItemListRequest::default())).unwrap_err();
    assert_eq!(e.code(), "ERR_NETWORK");
    assert_eq!(c.stats().requests, 2);
    for text in [
        e.to_string(),
        format!("{e:?}"),
        e.to_json(),
        format!("{c:?}"),
    ] {
        assert!(!text.contains("Sup3r-Secret"), "{text}");
        assert!(!text.contains("YWxleHc6U3VwM3ItU2VjcmV0"), "{text}");
    }
    assert!(
        e.to_string().contains("https://***@mail.example.com/EWS"),
        "{e}"
    );
}

/// A secret header given for one call is scrubbed like the client's own.
#[test]
fn secret_headers_of_one_call_are_scrubbed() {
    let secret = "per-call-token-5f2c91";
    let leak = format!("socket closed while sending X-Api-Token: {secret}");
    let fake = Fake::new([network(&leak), network(&leak)]);
    let c = EwsClient::new(
        fake,
        ClientOptions::new(URL).with_retry(RetryPolicy {
            max_retries: 1,
            ..Default::default()
        }),
    )
    .unwrap();
    let call = CallOptions {
        headers: vec![("X-Api-Token".into(), secret.into())],
        ..Default::default()
    };
    let e = block_on(c.get_im_item_list_with(&GetImItemListRequest::default(), &call))
        .unwrap_err();
    assert_eq!(e.code(), "ERR_NETWORK");
    for text in [e.to_string(), format!("{e:?}"), e.to_json()] {
        assert!(!text.contains(secret), "{text}");
    }
    assert!(e.to_string().contains("X-Api-Token: ***"), "{e}");
    // Without the header the same text is not a secret.
    let fake = Fake::new([network(&leak)]);
    let c = EwsClient::new(
        fake,
        ClientOptions::new(URL).with_retry(RetryPolicy {
            max_retries: 0,
            ..Default::default()
        }),
    )
    .unwrap();
    let e = block_on(c.get_im_item_list(&GetImItemListRequest::default())).unwrap_err();
    assert!(e.to_string().contains(secret), "{e}");
}

/// Makes the same scripted step again, once per attempt.
type StepMaker<'a> = Box<dyn Fn() -> Step + 'a>;

#[test]
fn no_failed_request_puts_a_credential_in_an_error() {
    let xml = [("Content-Type", "text/xml; charset=utf-8")];
    let html = fixture("html-login-page.html");
    // (the credential, what the client must never show, a transport message that holds them)
    let basic = [
        "Sup3r-Secret",
        "YWxleHc6U3VwM3ItU2VjcmV0", // base64("alexw:Sup3r-Secret")
    ];
    for (auth, secrets, leak) in [
        (
            Auth::basic("alexw", "Sup3r-Secret"),
            &basic[..],
            "connect failed: https://alexw:Sup3r-Secret@mail.example.com/EWS?a=Basic YWxleHc6U3VwM3ItU2VjcmV0",
        ),
        (
            Auth::bearer("tok-Secret-xyz"),
            &["tok-Secret-xyz"][..],
            "connect failed: https://mail.example.com/EWS?a=Bearer tok-Secret-xyz",
        ),
    ] {
        // (what the server or network does, every attempt; the code it ends as)
        let cases: Vec<(StepMaker<'_>, &str)> = vec![
            (Box::new(|| network(leak)), "ERR_NETWORK"),
            (Box::new(|| Step::Hang), "ERR_TIMEOUT"),
            (Box::new(|| status(401, &html, &[])), "ERR_HTTP"),
            (
                Box::new(|| status(503, &html, &[("Retry-After", "0")])),
                "ERR_HTTP",
            ),
            (
                Box::new(|| status(500, &fixture("fault-schema-validation.xml"), &xml)),
                "ERR_SOAP_FAULT",
            ),
            (
                Box::new(|| status(500, &fixture("fault-server-busy.xml"), &xml)),
                "ERR_SOAP_FAULT",
            ),
            (Box::new(|| ok(fixture(REAL_BUSY))), "ERR_RESPONSE"),
            (Box::new(|| ok(html.clone())), "ERR_MALFORMED_XML"),
        ];
        for (step, code) in cases {
            let fake = Fake::new((0..3).map(|_| step()));
            let c = EwsClient::new(
                fake,
                ClientOptions::new(URL)
                    .with_auth(auth.clone())
                    .with_timeout_ms(Some(10))
                    .with_retry(RetryPolicy {
                        max_retries: 2,
                        max_delay_ms: 1,
                        ..Default::default()
                    }),
            )
            .unwrap();
            let e = block_on(c.sync_folder_items(&inbox())).unwrap_err();
            assert_eq!(e.code(), code, "{e}");
            // The credential did go out with the request ...
            let sent = c.transport().requests.borrow()[0]
                .header("authorization")
                .map(str::to_owned);
            assert!(sent.is_some());
            // ... and is in no text of the error or the client.
            for text in [
                e.to_string(),
                format!("{e:?}"),
                format!("{e:#?}"),
                e.to_json(),
                format!("{c:?}"),
                format!("{:?}", c.options()),
            ] {
                for s in secrets {
                    assert!(!text.contains(*s), "{code}: {s} in {text}");
                }
            }
        }
    }
}

// ---- the client: error mapping --------------------------------------------------------------

#[test]
fn http_401_is_an_http_error_and_the_html_is_not_parsed() {
    let fake = Fake::new([status(
        401,
        &fixture("html-login-page.html"),
        &[("Content-Type", "text/html")],
    )]);
    let c = EwsClient::new(
        fake,
        ClientOptions::new(URL).with_auth(Auth::bearer("tok-123")),
    )
    .unwrap();
    let e = block_on(c.sync_folder_items(&inbox())).unwrap_err();
    assert_eq!(
        e,
        Error::Http {
            status: 401,
            status_text: "Unauthorized".into(),
            retry_after_ms: None
        }
    );
    assert_eq!(c.stats().retries, 0);
}

#[test]
fn http_500_with_a_fault_is_a_soap_fault_and_without_one_an_http_error() {
    let fake = Fake::new([
        status(500, &fixture("fault-schema-validation.xml"), &[]),
        status(
            500,
            "<html><body>Runtime Error</body></html>",
            &[("Content-Type", "text/html")],
        ),
        status(404, "<m:Envelope/>", &[]),
    ]);
    let c = client(fake);
    let e = block_on(c.sync_folder_items(&inbox())).unwrap_err();
    match &e {
        Error::SoapFault(f) => {
            assert_eq!(f.response_code.as_deref(), Some("ErrorSchemaValidation"))
        }
        other => panic!("{other:?}"),
    }
    let e = block_on(c.sync_folder_items(&inbox())).unwrap_err();
    assert!(matches!(e, Error::Http { status: 500, .. }), "{e:?}");
    let e = block_on(c.sync_folder_items(&inbox())).unwrap_err();
    assert!(matches!(e, Error::Http { status: 404, .. }), "{e:?}");
    assert_eq!(c.stats().retries, 0);
}

#[test]
fn an_html_page_with_200_is_malformed_xml_and_not_retried() {
    let fake = Fake::new([ok(fixture("html-login-page.html"))]);
    let c = client(fake);
    let e = block_on(c.sync_folder_items(&inbox())).unwrap_err();
    assert_eq!(e.code(), "ERR_MALFORMED_XML");
    assert_eq!(c.stats().requests, 1);
}

#[test]
fn error_messages_are_response_errors_with_the_parsed_message() {
    let fake = Fake::new([
        ok(fixture("sfi-error-invalid-syncstate.xml")),
        ok(gci(&[
            ("C1", Ok(("S1", 2))),
            ("C2", Err("ErrorItemNotFound")),
        ])),
    ]);
    let c = client(fake);
    match block_on(c.sync_folder_items(&inbox())).unwrap_err() {
        Error::Response {
            response_code,
            message_text,
            response,
            full_response,
            ..
        } => {
            assert_eq!(response_code, "ErrorInvalidSyncStateData");
            assert!(full_response.is_none());
            assert!(message_text.unwrap().contains("Synchronization state data"));
            assert_eq!(response["responseCode"], "ErrorInvalidSyncStateData");
            assert_eq!(response["syncState"], "");
        }
        other => panic!("{other:?}"),
    }
    let e = block_on(c.get_conversation_items(&gci_request(&["C1", "C2"]))).unwrap_err();
    let json: serde_json::Value = serde_json::from_str(&e.to_json()).unwrap();
    assert_eq!(json["response"]["responseCode"], "ErrorItemNotFound");
    assert_eq!(
        json["fullResponse"]["responseMessages"][0]["responseClass"],
        "Success"
    );
    match e {
        Error::Response {
            response_code,
            response,
            full_response,
            ..
        } => {
            assert_eq!(response_code, "ErrorItemNotFound");
            // `response` is the Error message ...
            assert_eq!(response["responseClass"], "Error");
            assert_eq!(response["responseCode"], "ErrorItemNotFound");
            // ... and the whole response is kept: the Success message is not lost.
            let full = full_response.expect("GetConversationItems keeps the whole response");
            let messages = full["responseMessages"].as_array().unwrap();
            assert_eq!(messages.len(), 2);
            assert_eq!(
                messages[0]["conversation"]["conversationNodes"]
                    .as_array()
                    .unwrap()
                    .len(),
                2
            );
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_transport_refusal_is_not_retried() {
    let fake = Fake::new([Step::Reply(Err(Error::NotSupported {
        operation: "SyncFolderItems".into(),
    }))]);
    let c = client(fake);
    let e = block_on(c.sync_folder_items(&inbox())).unwrap_err();
    assert_eq!(e.code(), "ERR_NOT_SUPPORTED");
    assert_eq!(c.stats().retries, 0);
}

#[test]
fn invalid_options_fail_before_sending() {
    let c = client(Fake::new([]));
    let mut r = inbox();
    r.max_changes_returned = 0;
    let e = block_on(c.sync_folder_items(&r)).unwrap_err();
    assert!(
        matches!(&e, Error::InvalidOptions { path, .. } if path == "maxChangesReturned"),
        "{e:?}"
    );
    let call = CallOptions {
        headers: vec![("Bad Header".into(), "x".into())],
        ..Default::default()
    };
    assert_eq!(
        block_on(c.sync_folder_items_with(&inbox(), &call))
            .unwrap_err()
            .code(),
        "ERR_INVALID_OPTIONS"
    );
    assert!(c.transport().requests.borrow().is_empty());
    for options in [
        ClientOptions::new(""),
        ClientOptions::new("https://u:p@mail.example.com/EWS/Exchange.asmx"),
        ClientOptions::new(URL).with_auth(Auth::bearer("")),
        ClientOptions::new(URL).with_auth(Auth::basic("a:b", "c")),
        ClientOptions::new(URL).with_http_header("X-A", "line\r\nbreak"),
        ClientOptions::new(URL).with_timeout_ms(Some(0)),
    ] {
        let e = EwsClient::new(Fake::default(), options).unwrap_err();
        assert_eq!(e.code(), "ERR_INVALID_OPTIONS");
        assert!(!e.to_string().contains("u:p@"), "{e}");
    }
}

// ---- the client: headers --------------------------------------------------------------------

#[test]
fn headers_auth_and_soap_header_defaults() {
    let fake = Fake::new([
        ok(fixture(NO_CHANGES)),
        ok(fixture(NO_CHANGES)),
        ok(fixture(NO_CHANGES)),
    ]);
    let header = RequestHeader {
        request_server_version: Some(ExchangeVersion::Exchange2013_SP1),
        mailbox_culture: Some("de-DE".into()),
        ..Default::default()
    };
    let c = EwsClient::new(
        fake,
        ClientOptions::new(URL)
            .with_auth(Auth::bearer("tok-Secret"))
            .with_header(header)
            .with_http_header("X-AnchorMailbox", "alexw@contoso.com"),
    )
    .unwrap();
    let mut r = inbox();
    r.header = Some(RequestHeader {
        mailbox_culture: Some("en-US".into()),
        ..Default::default()
    });
    block_on(c.sync_folder_items(&r)).unwrap();
    block_on(c.sync_folder_items(&inbox())).unwrap();
    let call = CallOptions {
        client_request_id: Some("my-id".into()),
        headers: vec![("X-Extra".into(), "1".into())],
        ..Default::default()
    };
    block_on(c.sync_folder_items_with(&inbox(), &call)).unwrap();
    let reqs = c.transport().requests.borrow();
    let (a, b, d) = (&reqs[0], &reqs[1], &reqs[2]);
    assert_eq!(a.url, URL);
    assert_eq!(a.operation, "SyncFolderItems");
    assert_eq!(a.header("authorization"), Some("Bearer tok-Secret"));
    assert_eq!(a.header("content-type"), Some("text/xml; charset=utf-8"));
    assert_eq!(a.header("x-anchormailbox"), Some("alexw@contoso.com"));
    assert!(!a.include_credentials);
    let id = a.header("client-request-id").unwrap();
    assert_eq!(id.len(), 36);
    assert_eq!(&id[14..15], "4");
    assert_ne!(Some(id), b.header("client-request-id"), "a new id per call");
    assert_eq!(d.header("client-request-id"), Some("my-id"));
    assert_eq!(d.header("x-extra"), Some("1"));
    assert!(a
        .body
        .contains(r#"<t:RequestServerVersion Version="Exchange2013_SP1"/>"#));
    assert!(a
        .body
        .contains("<t:MailboxCulture>en-US</t:MailboxCulture>"));
    assert!(b
        .body
        .contains("<t:MailboxCulture>de-DE</t:MailboxCulture>"));
    // Debug output never shows the token.
    assert!(!format!("{a:?} {c:?} {:?}", c.options()).contains("tok-Secret"));

    let basic = EwsClient::new(
        Fake::new([ok(fixture(NO_CHANGES))]),
        ClientOptions::new(URL).with_auth(Auth::basic("alexw@contoso.com", "P@ss wörd")),
    )
    .unwrap();
    block_on(basic.sync_folder_items(&inbox())).unwrap();
    assert_eq!(
        basic.transport().requests.borrow()[0].header("Authorization"),
        Some("Basic YWxleHdAY29udG9zby5jb206UEBzcyB3w7ZyZA==")
    );
    let none = client(Fake::new([ok(fixture(NO_CHANGES))]));
    block_on(none.sync_folder_items(&inbox())).unwrap();
    let r = &none.transport().requests.borrow()[0];
    assert!(r.include_credentials);
    assert_eq!(r.header("authorization"), None);
}

// ---- timeout and abort -------------------------------------------------------------------------

#[test]
fn a_timed_out_attempt_is_retried_and_err_timeout_comes_when_retries_run_out() {
    // Every attempt hangs: 1 + max_retries attempts, each cut at the timeout.
    let fake = Fake::new([Step::Hang, Step::Hang, Step::Hang, Step::Hang]);
    let c = EwsClient::new(fake, ClientOptions::new(URL).with_timeout_ms(Some(1_234))).unwrap();
    let e = block_on(c.sync_folder_items(&inbox())).unwrap_err();
    assert_eq!(e, Error::Timeout { timeout_ms: 1_234 });
    assert_eq!(c.stats().requests, 4);
    assert_eq!(c.stats().retries, 3);
    let sleeps = c.transport().sleeps.borrow().clone();
    assert_eq!(
        sleeps.iter().filter(|&&ms| ms == 1_234).count(),
        4,
        "{sleeps:?}"
    );

    // A server that answers on the third attempt: the call succeeds.
    let fake = Fake::new([Step::Hang, Step::Hang, ok(sfi(Some("S1"), true, &["a"]))]);
    let c = EwsClient::new(fake, ClientOptions::new(URL).with_timeout_ms(Some(50))).unwrap();
    let m = block_on(c.sync_folder_items(&inbox())).unwrap();
    assert_eq!(m.sync_state.as_deref(), Some("S1"));
    assert_eq!(c.stats().requests, 3);
    assert_eq!(c.stats().retries, 2);

    // max_retries 0: the first timeout is the answer.
    let fake = Fake::new([Step::Hang]);
    let opts = ClientOptions::new(URL)
        .with_timeout_ms(Some(7))
        .with_retry(RetryPolicy {
            max_retries: 0,
            ..RetryPolicy::default()
        });
    let c = EwsClient::new(fake, opts).unwrap();
    let e = block_on(c.sync_folder_items(&inbox())).unwrap_err();
    assert_eq!(e, Error::Timeout { timeout_ms: 7 });
    assert_eq!(c.stats().requests, 1);
}

#[test]
fn abort_ends_an_in_flight_request_promptly() {
    let mut fake = Fake::new([Step::Hang]);
    fake.real_sleep = true;
    let c = client(fake);
    let ctrl = AbortController::new();
    let remote = ctrl.clone();
    let fired = Arc::new(Mutex::new(None::<Instant>));
    let f2 = fired.clone();
    std::thread::spawn(move || {
        std::thread::sleep(Duration::from_millis(100));
        *f2.lock().unwrap() = Some(Instant::now());
        remote.abort();
    });
    let e = block_on(c.sync_folder_items_with(&inbox(), &CallOptions::with_signal(ctrl.signal())))
        .unwrap_err();
    let after = fired.lock().unwrap().unwrap().elapsed();
    assert_eq!(e, Error::Aborted);
    assert!(after < Duration::from_millis(100), "{after:?}");
}

#[test]
fn abort_cuts_a_back_off_wait_short() {
    let mut fake = Fake::new([status(503, "", &[("Retry-After", "30")])]);
    fake.real_sleep = true;
    let c = client(fake);
    let ctrl = AbortController::new();
    let remote = ctrl.clone();
    std::thread::spawn(move || {
        std::thread::sleep(Duration::from_millis(100));
        remote.abort();
    });
    let t0 = Instant::now();
    let e = block_on(c.sync_folder_items_with(&inbox(), &CallOptions::with_signal(ctrl.signal())))
        .unwrap_err();
    assert_eq!(e, Error::Aborted);
    assert!(
        t0.elapsed() < Duration::from_millis(200),
        "{:?}",
        t0.elapsed()
    );
    assert!(c.transport().sleeps.borrow().contains(&30_000));
    // An aborted signal sends nothing.
    let before = c.stats().requests;
    let e = block_on(c.sync_folder_items_with(&inbox(), &CallOptions::with_signal(ctrl.signal())))
        .unwrap_err();
    assert_eq!(e, Error::Aborted);
    assert_eq!(c.stats().requests, before);
}

// ---- paging --------------------------------------------------------------------------------------

fn ids(page: &ews_wasm::client::SyncPage) -> Vec<String> {
    page.message
        .changes
        .iter()
        .flatten()
        .map(|c| match c {
            SyncChange::Create { item } => item.item_id().unwrap().id.clone(),
            other => panic!("{other:?}"),
        })
        .collect()
}

#[test]
fn pages_hand_each_sync_state_to_the_next_request() {
    let fake = Fake::new([
        ok(sfi(Some("S1"), false, &["a", "b"])),
        ok(fixture(REAL_BUSY)),
        ok(sfi(Some("S2"), false, &["c", "d"])),
        ok(sfi(Some("S3"), true, &["e"])),
    ]);
    let c = client(fake);
    let mut pages = c.sync_folder_items_pages(inbox().with_sync_state("S0"));
    let mut got = Vec::new();
    let mut progress = Vec::new();
    block_on(async {
        while let Some(page) = pages.next_page().await.unwrap() {
            assert!(!page.restarted);
            got.extend(ids(&page));
            progress.push(pages.progress().clone());
        }
    });
    assert_eq!(got, ["a", "b", "c", "d", "e"]);
    assert!(pages.is_done());
    assert_eq!(pages.sync_state(), Some("S3"));
    assert!(block_on(pages.next_page()).unwrap().is_none());
    let last = progress.last().unwrap();
    assert_eq!(
        (last.pages, last.changes, last.retries, last.restarts),
        (3, 5, 1, 0)
    );
    assert_eq!(last.sync_state.as_deref(), Some("S3"));
    assert!(last.includes_last_item_in_range);
    assert_eq!(progress[0].sync_state.as_deref(), Some("S1"));
    let sent: Vec<String> = c
        .transport()
        .bodies()
        .iter()
        .map(|b| {
            b.split("<m:SyncState>")
                .nth(1)
                .map_or("-".into(), |s| s.split('<').next().unwrap().to_owned())
        })
        .collect();
    assert_eq!(
        sent,
        ["S0", "S1", "S1", "S2"],
        "the busy page was resent with S1"
    );
}

#[test]
fn a_sync_state_that_stops_advancing_is_an_error() {
    let fake = Fake::new([
        ok(sfi(Some("S1"), false, &["a"])),
        ok(sfi(Some("S1"), false, &[])),
        ok(sfi(None, false, &["b"])),
    ]);
    let c = client(fake);
    let mut pages = c.sync_folder_items_pages(inbox());
    assert_eq!(ids(&block_on(pages.next_page()).unwrap().unwrap()), ["a"]);
    let e = block_on(pages.next_page()).unwrap_err();
    assert!(is_sync_stalled(&e), "{e:?}");
    assert_eq!(e.code(), "ERR_SYNC_STALLED");
    assert!(
        matches!(&e, ews_wasm::Error::SyncStalled { sync_state, pages: 1, .. } if sync_state == "S1")
    );
    let json: serde_json::Value = serde_json::from_str(&e.to_json()).unwrap();
    assert_eq!(
        (json["syncState"].as_str(), json["pages"].as_u64()),
        (Some("S1"), Some(1))
    );
    // The pager did not move: trying again resends S1 (here: a page without a SyncState, also stalled).
    let e = block_on(pages.next_page()).unwrap_err();
    assert!(is_sync_stalled(&e), "{e:?}");
    assert_eq!(pages.sync_state(), Some("S1"));
    assert!(!pages.is_done());
}

#[test]
fn an_error_message_never_ends_the_sync() {
    // ErrorServerBusy-shaped capture with another code: IncludesLastItemInRange true and an empty SyncState.
    let other = fixture(REAL_BUSY).replace("ErrorServerBusy", "ErrorMailboxStoreUnavailable");
    let fake = Fake::new([
        ok(sfi(Some("S1"), false, &["a"])),
        ok(other),
        ok(sfi(Some("S2"), true, &["b"])),
    ]);
    let c = client(fake);
    let mut pages = c.sync_folder_items_pages(inbox());
    block_on(pages.next_page()).unwrap().unwrap();
    let e = block_on(pages.next_page()).unwrap_err();
    assert!(
        matches!(&e, Error::Response { response_code, .. } if response_code == "ErrorMailboxStoreUnavailable")
    );
    assert!(!pages.is_done());
    assert_eq!(pages.sync_state(), Some("S1"));
    // Resume: the same request again.
    assert_eq!(ids(&block_on(pages.next_page()).unwrap().unwrap()), ["b"]);
    assert!(pages.is_done());
}

#[test]
fn invalid_sync_state_is_an_error_or_a_restart() {
    let fake = Fake::new([ok(fixture("sfi-error-invalid-syncstate.xml"))]);
    let c = client(fake);
    let mut pages = c.sync_folder_items_pages(inbox().with_sync_state("OLD"));
    let e = block_on(pages.next_page()).unwrap_err();
    assert!(
        matches!(&e, Error::Response { response_code, .. } if response_code == "ErrorInvalidSyncStateData")
    );

    let fake = Fake::new([
        ok(fixture("sfi-error-invalid-syncstate.xml")),
        ok(sfi(Some("N1"), false, &["x"])),
        ok(sfi(Some("N2"), true, &["y"])),
    ]);
    let c = client(fake);
    let mut pages = c
        .sync_folder_items_pages(inbox().with_sync_state("OLD"))
        .restart_on_invalid_sync_state(true);
    let p1 = block_on(pages.next_page()).unwrap().unwrap();
    assert!(p1.restarted);
    let p2 = block_on(pages.next_page()).unwrap().unwrap();
    assert!(!p2.restarted);
    assert_eq!(pages.progress().restarts, 1);
    let bodies = c.transport().bodies();
    assert!(bodies[0].contains("<m:SyncState>OLD</m:SyncState>"));
    assert!(
        !bodies[1].contains("<m:SyncState>"),
        "restarted from an empty SyncState"
    );

    // Invalid from the start (no state sent): an error, not a loop.
    let fake = Fake::new([ok(fixture("sfi-error-invalid-syncstate.xml"))]);
    let c = client(fake);
    let mut pages = c
        .sync_folder_items_pages(inbox())
        .restart_on_invalid_sync_state(true);
    assert_eq!(
        block_on(pages.next_page()).unwrap_err().code(),
        "ERR_RESPONSE"
    );
}

// ---- per-conversation sync states --------------------------------------------------------

#[test]
fn conversation_sync_remembers_and_sends_each_state() {
    let fake = Fake::new([
        ok(gci(&[("C1", Ok(("QUEx", 3))), ("C2", Ok(("QkIx", 2)))])),
        ok(gci(&[("C1", Ok(("QUEy", 1))), ("C2", Ok(("QkIy", 0)))])),
        ok(gci(&[
            ("C1", Err("ErrorInvalidSyncStateData")),
            ("C2", Ok(("QkIz", 0))),
        ])),
        ok(gci(&[("C1", Ok(("QUE5", 4)))])),
        ok(gci(&[("C1", Err("ErrorInvalidSyncStateData"))])),
    ]);
    let c = client(fake);
    let mut sync = ConversationSync::new();
    let req = gci_request(&["C1", "C2"]);
    block_on(sync.get_conversation_items(&c, &req)).unwrap();
    assert_eq!(sync.sync_state_of("C1"), Some("QUEx"));
    let r = block_on(sync.get_conversation_items(&c, &req)).unwrap();
    assert_eq!(
        r.response_messages[0]
            .conversation
            .as_ref()
            .unwrap()
            .conversation_nodes
            .as_ref()
            .unwrap()
            .len(),
        1
    );
    let bodies = c.transport().bodies();
    assert!(!bodies[0].contains("SyncState"));
    assert!(
        bodies[1].contains("<t:SyncState>QUEx</t:SyncState>")
            && bodies[1].contains("<t:SyncState>QkIx</t:SyncState>")
    );

    // Saved and restored; then a restart of the conversation whose state went bad.
    let saved = sync.sync_states().clone();
    let mut again =
        ConversationSync::with_sync_states(saved.clone()).restart_on_invalid_sync_state(true);
    let r = block_on(again.get_conversation_items(&c, &req)).unwrap();
    assert_eq!(again.restarted(), ["C1"]);
    assert_eq!(
        r.response_messages[0]
            .conversation
            .as_ref()
            .unwrap()
            .conversation_nodes
            .as_ref()
            .unwrap()
            .len(),
        4
    );
    assert_eq!(again.sync_state_of("C1"), Some("QUE5"));
    assert_eq!(again.sync_state_of("C2"), Some("QkIz"));
    let bodies = c.transport().bodies();
    assert!(
        !bodies[3].contains("SyncState")
            && bodies[3].contains(r#"Id="C1""#)
            && !bodies[3].contains(r#"Id="C2""#)
    );

    // Without restart: an error, and nothing remembered.
    let mut strict = ConversationSync::with_sync_states(saved.clone());
    let e = block_on(strict.get_conversation_items(&c, &gci_request(&["C1"]))).unwrap_err();
    assert!(
        matches!(&e, Error::Response { response_code, .. } if response_code == "ErrorInvalidSyncStateData")
    );
    assert_eq!(strict.sync_states(), &saved);
}
