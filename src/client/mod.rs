//! An async EWS client over a [`Transport`]: the four operations, retries
//! through throttling and flaky networks, and paging for SyncFolderItems.
//!
//! It is pure Rust and runtime-agnostic: the [`Transport`] POSTs the SOAP text
//! and provides `sleep`, so it runs on any executor (tokio, async-std, a
//! browser's event loop through `wasm-bindgen-futures`, or a `block_on`). With
//! the cargo feature `fetch` (wasm32 only) `FetchTransport` sends with the
//! browser's / worker's `fetch`.
//!
//! ```no_run
//! # async fn demo<T: ews_wasm::client::Transport>(transport: T) -> ews_wasm::Result<()> {
//! use ews_wasm::client::{Auth, ClientOptions, EwsClient};
//! use ews_wasm::types::DistinguishedFolderIdName;
//! use ews_wasm::SyncFolderItemsRequest;
//!
//! let client = EwsClient::new(
//!     transport,
//!     ClientOptions::new("https://mail.example.com/EWS/Exchange.asmx").with_auth(Auth::bearer("token")),
//! )?;
//! let mut pages = client.sync_folder_items_pages(SyncFolderItemsRequest::new(DistinguishedFolderIdName::Inbox));
//! while let Some(page) = pages.next_page().await? {
//!     for change in page.message.changes.as_deref().unwrap_or_default() {
//!         // apply the change to the local copy
//!         # let _ = change;
//!     }
//!     // save page.message.sync_state: a later sync resumes from it
//! }
//! # Ok(()) }
//! ```
//!
//! Rules (the same as the JavaScript `EwsClient`):
//! - HTTP 2xx: the body is parsed; a SOAP Fault in it is [`Error::SoapFault`].
//! - HTTP 401 / 403 / 407: [`Error::Http`], the body is not read.
//! - Other non-2xx: a SOAP Fault body (HTTP 500, or an XML content type) is
//!   [`Error::SoapFault`]; anything else [`Error::Http`] with `Retry-After`.
//! - ErrorServerBusy (fault or Error message), HTTP 429/502/503/504,
//!   network errors and timed-out attempts are retried up to [`RetryPolicy::max_retries`] times
//!   after [`RetryPolicy::delay_ms`]; the wait ends early with
//!   [`Error::Aborted`] when the caller aborts.
//! - An Error message (other than a retried ErrorServerBusy) is
//!   [`Error::Response`] with that parsed message as JSON in `response` (for
//!   GetImItems and GetImItemList, the response is the message), and for
//!   GetConversationItems the whole response in `full_response`.
//! - `timeout_ms` bounds each attempt: an attempt that times out is
//!   retried like a network error, and [`Error::Timeout`] is returned when
//!   the retries run out. (The four operations are read-only, so resending is
//!   safe.) Bound the whole call with an [`AbortSignal`] instead.
//! - Credentials are never put in an error: transport messages are scrubbed
//!   of URL user-info and of the configured secrets.

mod auth;
mod conversation;
pub mod core;
#[cfg(all(feature = "fetch", target_arch = "wasm32"))]
mod fetch;
mod pages;
mod transport;

use std::sync::atomic::{AtomicU64, Ordering};

pub use self::core::{
    parse_http_date, parse_retry_after, RetryEvent, RetryPolicy, SyncPage, SyncProgress,
};
pub use auth::Auth;
pub use conversation::ConversationSync;
#[cfg(all(feature = "fetch", target_arch = "wasm32"))]
pub use fetch::FetchTransport;
pub use pages::SyncFolderItemsPages;
pub use transport::{AbortController, AbortSignal, Aborted, HttpRequest, HttpResponse, Transport};

use self::core::{check, Exchange, Failed, Failure, ImResponse, Messages, Reply, Step};
use crate::error::{Error, Result};
use crate::operations::get_conversation_items::{
    GetConversationItems, GetConversationItemsRequest, GetConversationItemsResponse,
};
use crate::operations::get_im_item_list::{GetImItemList, GetImItemListRequest};
use crate::operations::get_im_items::{GetImItems, GetImItemsRequest, GetImItemsResponse};
use crate::operations::sync_folder_items::{
    SyncFolderItems, SyncFolderItemsRequest, SyncFolderItemsResponse,
    SyncFolderItemsResponseMessage,
};
use crate::operations::Operation;
use crate::soap::RequestHeader;
use crate::xml::Limits;

/// Whether `e` is the "SyncState stopped advancing" error ([`Error::SyncStalled`]).
pub fn is_sync_stalled(e: &Error) -> bool {
    matches!(e, Error::SyncStalled { .. })
}

/// How the client talks to Exchange.
#[derive(Debug, Clone, PartialEq)]
pub struct ClientOptions {
    /// The EWS URL, e.g. `https://mail.example.com/EWS/Exchange.asmx`.
    pub url: String,
    /// Credentials (default [`Auth::None`]: cookies / integrated auth).
    pub auth: Auth,
    /// SOAP header defaults for every call; each request's own `header`
    /// fields win ([`RequestHeader::or`]).
    pub header: RequestHeader,
    /// Extra HTTP headers (`X-AnchorMailbox`, …). A `client-request-id` here
    /// replaces the one generated per call.
    pub headers: Vec<(String, String)>,
    /// Per-attempt timeout in ms (default 100 000; `None`: none).
    pub timeout_ms: Option<u64>,
    /// Retries (default: 3 retries, waits of at most 60 s).
    pub retry: RetryPolicy,
    /// Parser limits for responses.
    pub limits: Limits,
}

impl Default for ClientOptions {
    fn default() -> Self {
        ClientOptions {
            url: String::new(),
            auth: Auth::None,
            header: RequestHeader::default(),
            headers: Vec::new(),
            timeout_ms: Some(100_000),
            retry: RetryPolicy::default(),
            limits: Limits::default(),
        }
    }
}

impl ClientOptions {
    /// Options for `url`, everything else default.
    pub fn new(url: impl Into<String>) -> Self {
        ClientOptions {
            url: url.into(),
            ..Default::default()
        }
    }
    /// Sets the credentials.
    pub fn with_auth(mut self, auth: Auth) -> Self {
        self.auth = auth;
        self
    }
    /// Sets the SOAP header defaults.
    pub fn with_header(mut self, header: RequestHeader) -> Self {
        self.header = header;
        self
    }
    /// Adds an HTTP header.
    pub fn with_http_header(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.headers.push((name.into(), value.into()));
        self
    }
    /// Sets the per-attempt timeout.
    pub fn with_timeout_ms(mut self, timeout_ms: Option<u64>) -> Self {
        self.timeout_ms = timeout_ms;
        self
    }
    /// Sets the retry policy.
    pub fn with_retry(mut self, retry: RetryPolicy) -> Self {
        self.retry = retry;
        self
    }
}

/// Per-call options.
#[derive(Debug, Clone, Default)]
pub struct CallOptions {
    /// Aborts the call ([`Error::Aborted`]), also during back-off waits.
    pub signal: Option<AbortSignal>,
    /// Overrides [`ClientOptions::timeout_ms`] for this call.
    pub timeout_ms: Option<u64>,
    /// Extra HTTP headers for this call.
    pub headers: Vec<(String, String)>,
    /// The `client-request-id` (default: a random UUID per call, the same for its retries).
    pub client_request_id: Option<String>,
}

impl CallOptions {
    /// Options with an abort signal.
    pub fn with_signal(signal: AbortSignal) -> Self {
        CallOptions {
            signal: Some(signal),
            ..Default::default()
        }
    }
}

/// Counters since the client was made.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ClientStats {
    /// Requests handed to the transport (retries included).
    pub requests: u64,
    /// Retries.
    pub retries: u64,
}

/// A client for the four operations. See the [module docs](self).
pub struct EwsClient<T: Transport> {
    transport: T,
    options: ClientOptions,
    authorization: Option<String>,
    secrets: Vec<String>,
    requests: AtomicU64,
    retries: AtomicU64,
}

impl<T: Transport> std::fmt::Debug for EwsClient<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("EwsClient")
            .field(
                "url",
                &self::core::secrets::scrub_url_userinfo(&self.options.url),
            )
            .field("auth", &self.options.auth)
            .field("stats", &self.stats())
            .finish_non_exhaustive()
    }
}

/// A request of one of the four operations (header merging, building, parsing).
pub(crate) trait ClientRequest {
    /// The operation name.
    const OPERATION: &'static str;
    /// The parsed response.
    type Parsed: Messages;
    fn own_header(&self) -> Option<&RequestHeader>;
    fn build(&self, header: &RequestHeader) -> Result<String>;
    fn parse(xml: &str, limits: &Limits) -> Result<Self::Parsed>;
}

macro_rules! client_request {
    ($req:ty, $op:ty, $parsed:ty, $wrap:expr) => {
        impl ClientRequest for $req {
            const OPERATION: &'static str = <$op as Operation>::NAME;
            type Parsed = $parsed;
            fn own_header(&self) -> Option<&RequestHeader> {
                self.header.as_ref()
            }
            fn build(&self, header: &RequestHeader) -> Result<String> {
                self.to_xml_with_header(header)
            }
            fn parse(xml: &str, limits: &Limits) -> Result<$parsed> {
                <$op as Operation>::parse_response(xml, limits).map($wrap)
            }
        }
    };
}
client_request!(
    GetConversationItemsRequest,
    GetConversationItems,
    GetConversationItemsResponse,
    |r| r
);
client_request!(GetImItemsRequest, GetImItems, GetImItemsResponse, |r| r);
client_request!(GetImItemListRequest, GetImItemList, ImResponse, ImResponse);
client_request!(
    SyncFolderItemsRequest,
    SyncFolderItems,
    SyncFolderItemsResponse,
    |r| r
);

fn check_headers(headers: &[(String, String)], path: &str) -> Result<()> {
    for (k, v) in headers {
        let token = !k.is_empty()
            && k.bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"!#$%&'*+.^_`|~-".contains(&b));
        if !token {
            return Err(Error::invalid(
                format!("{path}.{k}"),
                "not a valid HTTP header name",
            ));
        }
        if v.contains(['\r', '\n', '\0']) {
            return Err(Error::invalid(
                format!("{path}.{k}"),
                "header values must be on one line",
            ));
        }
    }
    Ok(())
}

fn uuid_v4(a: u64, b: u64) -> String {
    let mut bytes = [0u8; 16];
    bytes[..8].copy_from_slice(&a.to_be_bytes());
    bytes[8..].copy_from_slice(&b.to_be_bytes());
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    let h: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
    format!(
        "{}-{}-{}-{}-{}",
        &h[..8],
        &h[8..12],
        &h[12..16],
        &h[16..20],
        &h[20..]
    )
}

impl<T: Transport> EwsClient<T> {
    /// A client sending through `transport`. Fails with
    /// [`Error::InvalidOptions`] on an empty URL, bad credentials or headers.
    pub fn new(transport: T, options: ClientOptions) -> Result<Self> {
        if options.url.trim().is_empty() {
            return Err(Error::invalid("url", "the EWS URL is required"));
        }
        if self::core::secrets::scrub_url_userinfo(&options.url) != options.url {
            return Err(Error::invalid(
                "url",
                "the URL must not contain credentials: use Auth::Basic",
            ));
        }
        options.auth.validate()?;
        options.header.validate()?;
        check_headers(&options.headers, "headers")?;
        if options.timeout_ms == Some(0) {
            return Err(Error::invalid(
                "timeoutMs",
                "must be at least 1 ms (None: no timeout)",
            ));
        }
        let authorization = options.auth.header_value();
        let secrets = self::core::secrets::secrets_of(
            &options.auth,
            options
                .headers
                .iter()
                .map(|(k, v)| (k.as_str(), v.as_str())),
        );
        Ok(EwsClient {
            transport,
            options,
            authorization,
            secrets,
            requests: AtomicU64::new(0),
            retries: AtomicU64::new(0),
        })
    }

    /// The transport.
    pub fn transport(&self) -> &T {
        &self.transport
    }

    /// The options.
    pub fn options(&self) -> &ClientOptions {
        &self.options
    }

    /// Requests and retries so far.
    pub fn stats(&self) -> ClientStats {
        ClientStats {
            requests: self.requests.load(Ordering::Relaxed),
            retries: self.retries.load(Ordering::Relaxed),
        }
    }

    /// GetConversationItems → the parsed response; [`Error::Response`] (with the
    /// Error message as `response` and the whole response as
    /// `full_response`) when any message is an Error.
    pub async fn get_conversation_items(
        &self,
        request: &GetConversationItemsRequest,
    ) -> Result<GetConversationItemsResponse> {
        self.get_conversation_items_with(request, &CallOptions::default())
            .await
    }

    /// [`EwsClient::get_conversation_items`] with [`CallOptions`].
    pub async fn get_conversation_items_with(
        &self,
        request: &GetConversationItemsRequest,
        call: &CallOptions,
    ) -> Result<GetConversationItemsResponse> {
        self.execute_checked(request, call).await
    }

    /// GetImItems → the parsed response; [`Error::Response`] on an Error.
    pub async fn get_im_items(&self, request: &GetImItemsRequest) -> Result<GetImItemsResponse> {
        self.get_im_items_with(request, &CallOptions::default())
            .await
    }

    /// [`EwsClient::get_im_items`] with [`CallOptions`].
    pub async fn get_im_items_with(
        &self,
        request: &GetImItemsRequest,
        call: &CallOptions,
    ) -> Result<GetImItemsResponse> {
        self.execute_checked(request, call).await
    }

    /// GetImItemList → the parsed response; [`Error::Response`] on an Error.
    pub async fn get_im_item_list(
        &self,
        request: &GetImItemListRequest,
    ) -> Result<GetImItemsResponse> {
        self.get_im_item_list_with(request, &CallOptions::default())
            .await
    }

    /// [`EwsClient::get_im_item_list`] with [`CallOptions`].
    pub async fn get_im_item_list_with(
        &self,
        request: &GetImItemListRequest,
        call: &CallOptions,
    ) -> Result<GetImItemsResponse> {
        self.execute_checked(request, call).await.map(|r| r.0)
    }

    /// One SyncFolderItems page → its response message; [`Error::Response`]
    /// (with the message as `response`) when it is an Error.
    pub async fn sync_folder_items(
        &self,
        request: &SyncFolderItemsRequest,
    ) -> Result<SyncFolderItemsResponseMessage> {
        self.sync_folder_items_with(request, &CallOptions::default())
            .await
    }

    /// [`EwsClient::sync_folder_items`] with [`CallOptions`].
    pub async fn sync_folder_items_with(
        &self,
        request: &SyncFolderItemsRequest,
        call: &CallOptions,
    ) -> Result<SyncFolderItemsResponseMessage> {
        let mut r = self.execute_checked(request, call).await?;
        if r.response_messages.is_empty() {
            return Err(Error::not_soap(
                "ResponseMessages",
                "the SyncFolderItems response has no response message",
            ));
        }
        Ok(r.response_messages.swap_remove(0))
    }

    /// Pages of SyncFolderItems from `request.sync_state` (or the start) until
    /// `IncludesLastItemInRange`; see [`SyncFolderItemsPages`].
    pub fn sync_folder_items_pages(
        &self,
        request: SyncFolderItemsRequest,
    ) -> SyncFolderItemsPages<'_, T> {
        SyncFolderItemsPages::new(self, request)
    }

    /// One operation with retries; any Error message is [`Error::Response`].
    async fn execute_checked<R: ClientRequest>(
        &self,
        request: &R,
        call: &CallOptions,
    ) -> Result<R::Parsed> {
        let (result, _) = self.execute(request, call).await;
        result.and_then(check).map_err(Failed::into_error)
    }

    /// The envelope of `request` with the SOAP header defaults merged in,
    /// after checking the call options.
    pub(crate) fn envelope<R: ClientRequest>(
        &self,
        request: &R,
        call: &CallOptions,
    ) -> Result<String> {
        let header = self.header_for(request.own_header());
        header.validate()?;
        check_call(call)?;
        request.build(&header)
    }

    /// The SOAP header of a request: its own fields over the client's defaults.
    pub(crate) fn header_for(&self, own: Option<&RequestHeader>) -> RequestHeader {
        match own {
            Some(h) => h.or(&self.options.header),
            None => self.options.header.clone(),
        }
    }

    /// Builds, sends with retries, parses; returns the retries spent too.
    /// Error messages other than ErrorServerBusy are in the response as data.
    pub(crate) async fn execute<R: ClientRequest>(
        &self,
        request: &R,
        call: &CallOptions,
    ) -> (std::result::Result<R::Parsed, Failed<R::Parsed>>, u32) {
        match self.envelope(request, call) {
            Ok(xml) => self.exchange(R::OPERATION, xml, call, R::parse).await,
            Err(e) => (Err(Failed::Error(e)), 0),
        }
    }

    /// Drives one [`Exchange`]: sends `xml` until the core says done or fail,
    /// under the timeout and the caller's signal, waiting as it says.
    pub(crate) async fn exchange<P: Messages>(
        &self,
        operation: &'static str,
        xml: String,
        call: &CallOptions,
        parse: fn(&str, &Limits) -> Result<P>,
    ) -> (std::result::Result<P, Failed<P>>, u32) {
        let http = self.http_request(operation, xml, call);
        let signal = call.signal.as_ref();
        let aborted = || signal.is_some_and(AbortSignal::is_aborted);
        let timeout = call.timeout_ms.or(self.options.timeout_ms);
        let mut exchange = Exchange::new(operation, self.options.retry);
        // The call's own secret headers are secrets too (the same set the
        // JavaScript client gives its core: every header an attempt sends).
        let call_secrets;
        let secrets = if call
            .headers
            .iter()
            .any(|(k, _)| self::core::secrets::is_secret_header(k))
        {
            let all = self.options.headers.iter().chain(&call.headers);
            call_secrets = self::core::secrets::secrets_of(
                &self.options.auth,
                all.map(|(k, v)| (k.as_str(), v.as_str())),
            );
            &call_secrets
        } else {
            &self.secrets
        };
        loop {
            if aborted() {
                return (Err(Failed::Error(Error::Aborted)), exchange.retries());
            }
            self.requests.fetch_add(1, Ordering::Relaxed);
            let outcome = self.attempt(http.clone(), timeout, signal).await;
            let jitter = (self.transport.random_u64() >> 11) as f64 / (1u64 << 53) as f64;
            let step = match outcome {
                Ok(r) => exchange.on_reply(
                    &Reply {
                        status: r.status,
                        status_text: &r.status_text,
                        content_type: r.header("content-type"),
                        retry_after: r.header("retry-after"),
                        body: &r.body,
                    },
                    &self.options.limits,
                    parse,
                    self.transport.now_unix_ms(),
                    jitter,
                ),
                Err(failure) => exchange.on_failure(failure, secrets, jitter),
            };
            let delay = match step {
                Step::Done(r) => return (Ok(r), exchange.retries()),
                Step::Fail(_) | Step::Wait { .. } if aborted() => {
                    return (Err(Failed::Error(Error::Aborted)), exchange.retries())
                }
                Step::Fail(f) => return (Err(f), exchange.retries()),
                Step::Wait {
                    delay_ms, event, ..
                } => {
                    self.transport.on_retry(&event);
                    delay_ms
                }
            };
            self.retries.fetch_add(1, Ordering::Relaxed);
            let wait = async {
                self.transport.sleep(delay).await;
                Ok(())
            };
            let waited = match signal {
                Some(s) => {
                    transport::race(wait, async {
                        s.aborted().await;
                        Err(Error::Aborted)
                    })
                    .await
                }
                None => wait.await,
            };
            if let Err(e) = waited {
                return (Err(Failed::Error(e)), exchange.retries());
            }
        }
    }

    fn http_request(
        &self,
        operation: &'static str,
        body: String,
        call: &CallOptions,
    ) -> HttpRequest {
        let mut headers: Vec<(String, String)> = vec![
            ("Content-Type".into(), "text/xml; charset=utf-8".into()),
            ("Accept".into(), "text/xml".into()),
        ];
        for (k, v) in self.options.headers.iter().chain(&call.headers) {
            headers.retain(|(h, _)| !h.eq_ignore_ascii_case(k));
            headers.push((k.clone(), v.clone()));
        }
        let has =
            |hs: &[(String, String)], n: &str| hs.iter().any(|(k, _)| k.eq_ignore_ascii_case(n));
        if let Some(id) = &call.client_request_id {
            headers.retain(|(h, _)| !h.eq_ignore_ascii_case("client-request-id"));
            headers.push(("client-request-id".into(), id.clone()));
        } else if !has(&headers, "client-request-id") {
            let id = uuid_v4(self.transport.random_u64(), self.transport.random_u64());
            headers.push(("client-request-id".into(), id));
        }
        if !has(&headers, "return-client-request-id") {
            headers.push(("return-client-request-id".into(), "true".into()));
        }
        if let Some(a) = &self.authorization {
            if !has(&headers, "authorization") {
                headers.push(("Authorization".into(), a.clone()));
            }
        }
        HttpRequest {
            url: self.options.url.clone(),
            operation,
            headers,
            body,
            include_credentials: self.authorization.is_none(),
        }
    }

    /// One attempt under the timeout and the abort signal.
    async fn attempt(
        &self,
        request: HttpRequest,
        timeout: Option<u64>,
        signal: Option<&AbortSignal>,
    ) -> std::result::Result<HttpResponse, Failure> {
        let send = async { self.transport.send(request).await.map_err(failure_of) };
        let timed = async {
            match timeout {
                Some(ms) => {
                    self.transport.sleep(ms).await;
                    Err(Failure::Timeout(ms))
                }
                None => std::future::pending().await,
            }
        };
        let aborted = async {
            match signal {
                Some(s) => {
                    s.aborted().await;
                    Err(Failure::Aborted)
                }
                None => std::future::pending().await,
            }
        };
        transport::race(transport::race(send, timed), aborted).await
    }
}

/// A transport's error as the core's failure kind.
fn failure_of(e: Error) -> Failure {
    match e {
        Error::Network { message, .. } => Failure::Network(message),
        Error::Timeout { timeout_ms } => Failure::Timeout(timeout_ms),
        Error::Aborted => Failure::Aborted,
        other => Failure::Other(other),
    }
}

/// Per-call options that cannot be sent.
fn check_call(call: &CallOptions) -> Result<()> {
    check_headers(&call.headers, "headers")?;
    if let Some(id) = &call.client_request_id {
        if id.contains(['\r', '\n', '\0']) {
            return Err(Error::invalid("clientRequestId", "must be on one line"));
        }
    }
    if call.timeout_ms == Some(0) {
        return Err(Error::invalid("timeoutMs", "must be at least 1 ms"));
    }
    Ok(())
}
