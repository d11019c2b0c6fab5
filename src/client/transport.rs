//! What the client needs from the outside world: a [`Transport`] that POSTs the
//! SOAP text and waits, and an [`AbortSignal`] the caller can fire.

use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll, Waker};

use crate::error::Result;

/// One EWS request, as the client hands it to a [`Transport`]: a POST of
/// `body` (`text/xml; charset=utf-8`) to `url` with `headers`.
#[derive(Clone, PartialEq, Eq)]
pub struct HttpRequest {
    /// The EWS URL (`https://host/EWS/Exchange.asmx`).
    pub url: String,
    /// The operation (`SyncFolderItems`, …), so a transport can refuse one.
    pub operation: &'static str,
    /// Every header to send, `Content-Type`, `client-request-id` and
    /// `Authorization` (when the client has credentials) included.
    pub headers: Vec<(String, String)>,
    /// The SOAP envelope.
    pub body: String,
    /// No credentials were configured: a browser transport should send
    /// cookies / integrated auth (`credentials: 'include'`).
    pub include_credentials: bool,
}

impl HttpRequest {
    /// The first header named `name` (ASCII case-insensitive).
    pub fn header(&self, name: &str) -> Option<&str> {
        find_header(&self.headers, name)
    }
}

impl fmt::Debug for HttpRequest {
    /// Shows everything but the value of credential headers.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let headers: Vec<(&str, &str)> = self
            .headers
            .iter()
            .map(|(k, v)| {
                if is_secret_header(k) {
                    (k.as_str(), "<redacted>")
                } else {
                    (k.as_str(), v.as_str())
                }
            })
            .collect();
        f.debug_struct("HttpRequest")
            .field("url", &super::core::secrets::scrub_url_userinfo(&self.url))
            .field("operation", &self.operation)
            .field("headers", &headers)
            .field("body", &self.body)
            .field("include_credentials", &self.include_credentials)
            .finish()
    }
}

pub(crate) use super::core::secrets::is_secret_header;

/// What came back: status, headers and the body bytes (UTF-8, or UTF-16 with
/// a BOM: the parser decodes them).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct HttpResponse {
    /// HTTP status code.
    pub status: u16,
    /// HTTP status text (may be empty, as over HTTP/2).
    pub status_text: String,
    /// Response headers (`Retry-After` and `Content-Type` are the ones read).
    pub headers: Vec<(String, String)>,
    /// The body, as received.
    pub body: Vec<u8>,
}

impl HttpResponse {
    /// A response with `status` and a text `body` and no headers.
    pub fn new(status: u16, body: impl Into<String>) -> Self {
        Self::from_bytes(status, body.into().into_bytes())
    }

    /// A response with `status` and the body `bytes` and no headers.
    pub fn from_bytes(status: u16, bytes: impl Into<Vec<u8>>) -> Self {
        HttpResponse {
            status,
            status_text: String::new(),
            headers: Vec::new(),
            body: bytes.into(),
        }
    }

    /// `200 OK` with `body`.
    pub fn ok(body: impl Into<String>) -> Self {
        let mut r = Self::new(200, body);
        r.status_text = "OK".into();
        r
    }

    /// Adds a header.
    pub fn with_header(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.headers.push((name.into(), value.into()));
        self
    }

    /// The first header named `name` (ASCII case-insensitive).
    pub fn header(&self, name: &str) -> Option<&str> {
        find_header(&self.headers, name)
    }
}

fn find_header<'a>(headers: &'a [(String, String)], name: &str) -> Option<&'a str> {
    headers
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case(name))
        .map(|(_, v)| v.as_str())
}

/// Carries requests to Exchange, and waits: everything the client needs from
/// a runtime, so that it runs on any executor (or in a browser).
///
/// `send` resolves to the HTTP response whatever its status (the client maps
/// statuses to errors); it fails only when no response came:
/// [`Error::Network`](crate::Error::Network) (retried; the client scrubs
/// its message of credentials and fills in `operation`), or
/// [`Error::NotSupported`](crate::Error::NotSupported) for an operation the
/// transport refuses. The client races `send` against its timeout and the
/// caller's [`AbortSignal`], and drops it when either wins: a transport that
/// can cancel its I/O should do so on drop.
pub trait Transport {
    /// Sends one request.
    fn send(&self, request: HttpRequest) -> impl Future<Output = Result<HttpResponse>>;

    /// Resolves after `ms` milliseconds (timeouts and back-off waits).
    fn sleep(&self, ms: u64) -> impl Future<Output = ()>;

    /// The current time in milliseconds since the Unix epoch, for `Retry-After`
    /// dates; `None` when there is no clock (then such a header is ignored and
    /// exponential back-off is used). Default: the system clock, except on
    /// `wasm32-unknown-unknown`, which has none.
    fn now_unix_ms(&self) -> Option<u64> {
        default_now_unix_ms()
    }

    /// 64 random bits, for back-off jitter and `client-request-id`s. Default:
    /// std's per-process random hash keys and a counter (not cryptographic;
    /// on `wasm32-unknown-unknown` a fixed sequence: browser transports
    /// should override it).
    fn random_u64(&self) -> u64 {
        default_random_u64()
    }

    /// Told of each retry before its wait (the JavaScript `retry.onRetry`):
    /// what failed, and how long the client waits. Default: nothing.
    fn on_retry(&self, event: &super::core::RetryEvent) {
        let _ = event;
    }
}

impl<T: Transport + ?Sized> Transport for &T {
    fn send(&self, request: HttpRequest) -> impl Future<Output = Result<HttpResponse>> {
        (**self).send(request)
    }
    fn sleep(&self, ms: u64) -> impl Future<Output = ()> {
        (**self).sleep(ms)
    }
    fn now_unix_ms(&self) -> Option<u64> {
        (**self).now_unix_ms()
    }
    fn random_u64(&self) -> u64 {
        (**self).random_u64()
    }
    fn on_retry(&self, event: &super::core::RetryEvent) {
        (**self).on_retry(event)
    }
}

fn default_now_unix_ms() -> Option<u64> {
    #[cfg(not(all(target_arch = "wasm32", target_os = "unknown")))]
    {
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .ok()
            .map(|d| d.as_millis() as u64)
    }
    #[cfg(all(target_arch = "wasm32", target_os = "unknown"))]
    {
        None
    }
}

fn default_random_u64() -> u64 {
    use std::hash::BuildHasher;
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    std::collections::hash_map::RandomState::new().hash_one(n)
}

/// Fires an [`AbortSignal`] (like the DOM's `AbortController`).
#[derive(Debug, Clone, Default)]
pub struct AbortController {
    signal: AbortSignal,
}

impl AbortController {
    /// A controller with a fresh signal.
    pub fn new() -> Self {
        Self::default()
    }

    /// The signal to give to calls (clones share the state).
    pub fn signal(&self) -> AbortSignal {
        self.signal.clone()
    }

    /// Aborts: every call holding the signal ends with
    /// [`Error::Aborted`](crate::Error::Aborted) as soon as its task is polled
    /// (in-flight sends and back-off waits are cut short). Idempotent; may be
    /// called from any thread.
    pub fn abort(&self) {
        let inner = &self.signal.0;
        inner.aborted.store(true, Ordering::SeqCst);
        let wakers = std::mem::take(&mut *inner.wakers.lock().unwrap_or_else(|e| e.into_inner()));
        for w in wakers {
            w.wake();
        }
    }
}

/// The caller's side of an [`AbortController`]: pass it in
/// [`CallOptions::signal`](super::CallOptions::signal).
#[derive(Clone, Default)]
pub struct AbortSignal(Arc<AbortInner>);

#[derive(Default)]
struct AbortInner {
    aborted: AtomicBool,
    wakers: Mutex<Vec<Waker>>,
}

impl fmt::Debug for AbortSignal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("AbortSignal")
            .field("aborted", &self.is_aborted())
            .finish()
    }
}

impl AbortSignal {
    /// Whether the controller has aborted.
    pub fn is_aborted(&self) -> bool {
        self.0.aborted.load(Ordering::SeqCst)
    }

    /// Resolves when the controller aborts.
    pub fn aborted(&self) -> Aborted {
        Aborted(self.clone())
    }
}

/// The future of [`AbortSignal::aborted`].
#[derive(Debug)]
pub struct Aborted(AbortSignal);

impl Future for Aborted {
    type Output = ();
    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        let inner = &(self.0).0;
        if inner.aborted.load(Ordering::SeqCst) {
            return Poll::Ready(());
        }
        let mut wakers = inner.wakers.lock().unwrap_or_else(|e| e.into_inner());
        // Checked again under the lock: abort() takes the list under it.
        if inner.aborted.load(Ordering::SeqCst) {
            return Poll::Ready(());
        }
        // One entry per task: polls from the same task replace nothing.
        if !wakers.iter().any(|w| w.will_wake(cx.waker())) {
            wakers.push(cx.waker().clone());
        }
        Poll::Pending
    }
}

/// Polls `a` then `b`; the first to finish wins and the other is dropped.
pub(crate) async fn race<O>(a: impl Future<Output = O>, b: impl Future<Output = O>) -> O {
    let mut a = std::pin::pin!(a);
    let mut b = std::pin::pin!(b);
    std::future::poll_fn(move |cx| {
        if let Poll::Ready(v) = a.as_mut().poll(cx) {
            return Poll::Ready(v);
        }
        b.as_mut().poll(cx)
    })
    .await
}
