//! The client's decisions, without I/O: a sans-IO core that both clients
//! drive (the Rust [`EwsClient`](super::EwsClient) over a
//! [`Transport`](super::Transport), and the JavaScript `EwsClient` over
//! `fetch` through `src/wasm`).
//!
//! It never sends, sleeps, reads a clock or draws a random number: the driver
//! sends the envelope, tells the core what came back ([`Exchange::on_reply`]:
//! status, the two headers that matter, the body bytes; or
//! [`Exchange::on_failure`]: network, timeout, abort, refusal) together with
//! the time and a jitter draw, and does what the answer says:
//! [`Step::Done`], [`Step::Wait`] then send again, or [`Step::Fail`].
//! Above one exchange, [`Pager`] pages SyncFolderItems (SyncState hand-off,
//! `IncludesLastItemInRange`, stall, restart) and [`conversations`] keeps the
//! per-conversation SyncStates of `ConversationSync`.
//!
//! Everything a client decides lives here: which failures are retried
//! ([`RetryPolicy`]), how long to wait (`BackOffMilliseconds`, `Retry-After`,
//! back-off with jitter), HTTP status → outcome, Error messages → `ERR_RESPONSE`,
//! paging, and scrubbing secrets out of transport messages ([`secrets`]).

pub mod conversations;
mod paging;
pub(crate) mod retry;
pub mod secrets;

pub use paging::{PageStep, Pager, SyncPage, SyncProgress, SyncResponse, MAX_RESTARTS};
pub use retry::{parse_http_date, parse_retry_after, RetryPolicy};

use crate::error::{Error, Result};
use crate::operations::engine::{JsonResponse, ResponseKind};
use crate::operations::get_conversation_items::GetConversationItemsResponse;
use crate::operations::get_im_items::GetImItemsResponse;
use crate::operations::sync_folder_items::SyncFolderItemsResponse;
use crate::soap::ResponseStatus;
use crate::xml::Limits;

/// What came back for one attempt: the parts of an HTTP response the core reads.
#[derive(Debug, Clone, Copy)]
pub struct Reply<'a> {
    /// HTTP status (a transport without HTTP, like Outlook's, says 200).
    pub status: u16,
    /// HTTP status text (may be empty).
    pub status_text: &'a str,
    /// The `Content-Type` header.
    pub content_type: Option<&'a str>,
    /// The `Retry-After` header.
    pub retry_after: Option<&'a str>,
    /// The body: UTF-8 (or UTF-16 with a BOM) bytes.
    pub body: &'a [u8],
}

/// How an attempt ended without a response.
#[derive(Debug, Clone, PartialEq)]
pub enum Failure {
    /// The request could not be sent or the connection failed; the message
    /// is scrubbed before it is kept.
    Network(String),
    /// No response within the per-attempt timeout (ms).
    Timeout(u64),
    /// The caller aborted.
    Aborted,
    /// The transport failed in a way that is not retried (it refused the
    /// operation, or said so): this error is the outcome.
    Other(Error),
}

/// A retry the core decided on (the JavaScript `onRetry` argument).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RetryEvent {
    /// The operation.
    pub operation: &'static str,
    /// Which retry this is (1 for the first).
    pub attempt: u32,
    /// The wait before it.
    pub delay_ms: u64,
    /// The code of the error that caused it.
    pub code: &'static str,
    /// The HTTP status, for `ERR_HTTP` and `ERR_SOAP_FAULT`.
    pub status: Option<u16>,
    /// The EWS response code, for `ERR_SOAP_FAULT` and `ERR_RESPONSE`.
    pub response_code: Option<String>,
}

/// Why a call failed. `Message` and `Stalled` keep the parsed response, so
/// that each driver can write the `response` field in its own form (serde
/// JSON values in Rust, the parser's JSON in JavaScript).
#[derive(Debug, Clone, PartialEq)]
pub enum Failed<R> {
    /// Any other error.
    Error(Error),
    /// `ERR_RESPONSE`: message `index` of `response` has `ResponseClass="Error"`.
    Message {
        /// The parsed response.
        response: R,
        /// Which of its messages.
        index: usize,
    },
    /// `ERR_SYNC_STALLED`: the (only) message of `response` did not advance.
    Stalled {
        /// The parsed response.
        response: R,
        /// The SyncState that stopped advancing (empty when none).
        sync_state: String,
        /// Pages received before this one.
        pages: u64,
        /// What the server did.
        why: &'static str,
    },
}

impl<R: Messages> Failed<R> {
    /// The error code.
    pub fn code(&self) -> &'static str {
        match self {
            Failed::Error(e) => e.code(),
            Failed::Message { .. } => "ERR_RESPONSE",
            Failed::Stalled { .. } => "ERR_SYNC_STALLED",
        }
    }

    /// The status of the Error message, for `Message`.
    pub fn status(&self) -> Option<&ResponseStatus> {
        match self {
            Failed::Message { response, index } => response.status_at(*index),
            _ => None,
        }
    }

    /// The error, with `response` (and `full_response`) as serde JSON values.
    pub fn into_error(self) -> Error {
        match self {
            Failed::Error(e) => e,
            Failed::Message { response, index } => {
                let status = response.status_at(index).cloned().unwrap_or_default();
                Error::Response {
                    operation: response.operation().into(),
                    response_code: status
                        .response_code
                        .clone()
                        .unwrap_or_else(|| "ErrorUnknown".into()),
                    message_text: status.message_text.clone(),
                    back_off_milliseconds: status.back_off_milliseconds,
                    response: Box::new(response.message_value(index)),
                    full_response: response.full_value().map(Box::new),
                }
            }
            Failed::Stalled {
                response,
                sync_state,
                pages,
                why,
            } => Error::SyncStalled {
                response: Box::new(response.message_value(0)),
                sync_state,
                pages,
                message: why.into(),
            },
        }
    }
}

/// What the driver does next.
#[derive(Debug, Clone, PartialEq)]
pub enum Step<R> {
    /// The parsed response (Error messages other than ErrorServerBusy are in
    /// it as data; [`check`] turns them into `ERR_RESPONSE`).
    Done(R),
    /// Wait `delay_ms` (ending at once with `ERR_ABORTED` if the caller
    /// aborts), then send the same envelope again.
    Wait {
        /// The wait.
        delay_ms: u64,
        /// What to report.
        event: RetryEvent,
        /// The error that caused the retry (for the JavaScript `onRetry`).
        error: Failed<R>,
    },
    /// Give up with this error.
    Fail(Failed<R>),
}

/// A parsed response: the response messages it holds.
pub trait Messages: Sized {
    /// The operation.
    fn operation(&self) -> &'static str;
    /// The status of message `i`.
    fn status_at(&self, i: usize) -> Option<&ResponseStatus>;
    /// Message `i` as a serde JSON value (Rust errors).
    fn message_value(&self, i: usize) -> serde_json::Value;
    /// The whole response as a serde JSON value, when `ERR_RESPONSE` carries
    /// it (`full_response`: GetConversationItems).
    fn full_value(&self) -> Option<serde_json::Value>;
    /// Message `i` in the parser's JSON (JavaScript errors).
    fn message_json(&self, i: usize) -> String;
    /// The whole response in the parser's JSON, when `ERR_RESPONSE` carries it.
    fn full_json(&self) -> Option<String>;
}

fn serde_value<S: serde::Serialize>(v: &S) -> serde_json::Value {
    serde_json::to_value(v).unwrap_or(serde_json::Value::Null)
}

macro_rules! wrapped_messages {
    ($response:ty, $op:literal, $full:literal) => {
        impl Messages for $response {
            fn operation(&self) -> &'static str {
                $op
            }
            fn status_at(&self, i: usize) -> Option<&ResponseStatus> {
                self.response_messages.get(i).map(|m| &m.status)
            }
            fn message_value(&self, i: usize) -> serde_json::Value {
                self.response_messages
                    .get(i)
                    .map_or(serde_json::Value::Null, serde_value)
            }
            fn full_value(&self) -> Option<serde_json::Value> {
                $full.then(|| serde_value(self))
            }
            fn message_json(&self, i: usize) -> String {
                self.response_messages
                    .get(i)
                    .map_or_else(|| "null".into(), crate::json::to_json_string)
            }
            fn full_json(&self) -> Option<String> {
                $full.then(|| crate::json::to_json_string(self))
            }
        }
    };
}
wrapped_messages!(SyncFolderItemsResponse, "SyncFolderItems", false);
wrapped_messages!(GetConversationItemsResponse, "GetConversationItems", true);

impl Messages for GetImItemsResponse {
    fn operation(&self) -> &'static str {
        "GetImItems"
    }
    fn status_at(&self, i: usize) -> Option<&ResponseStatus> {
        (i == 0).then_some(&self.message.status)
    }
    fn message_value(&self, _: usize) -> serde_json::Value {
        serde_value(self)
    }
    fn full_value(&self) -> Option<serde_json::Value> {
        None
    }
    fn message_json(&self, _: usize) -> String {
        crate::json::to_json_string(self)
    }
    fn full_json(&self) -> Option<String> {
        None
    }
}

/// The engine's response (the JavaScript client's): the facts of each message
/// were captured while its JSON was written.
impl Messages for JsonResponse {
    fn operation(&self) -> &'static str {
        self.kind.map_or("SyncFolderItems", ResponseKind::operation)
    }
    fn status_at(&self, i: usize) -> Option<&ResponseStatus> {
        self.messages.get(i).map(|m| &m.status)
    }
    fn message_value(&self, i: usize) -> serde_json::Value {
        serde_json::from_str(&Messages::message_json(self, i)).unwrap_or(serde_json::Value::Null)
    }
    fn full_value(&self) -> Option<serde_json::Value> {
        self.full_json()
            .map(|j| serde_json::from_str(&j).unwrap_or(serde_json::Value::Null))
    }
    fn message_json(&self, i: usize) -> String {
        JsonResponse::message_json(self, i)
            .unwrap_or("null")
            .to_owned()
    }
    fn full_json(&self) -> Option<String> {
        (self.kind == Some(ResponseKind::GetConversationItems)).then(|| self.json.clone())
    }
}

/// A GetImItemList response (the same type as GetImItems', named for errors).
#[derive(Debug, Clone, PartialEq)]
pub struct ImResponse(pub GetImItemsResponse);

impl Messages for ImResponse {
    fn operation(&self) -> &'static str {
        "GetImItemList"
    }
    fn status_at(&self, i: usize) -> Option<&ResponseStatus> {
        self.0.status_at(i)
    }
    fn message_value(&self, i: usize) -> serde_json::Value {
        self.0.message_value(i)
    }
    fn full_value(&self) -> Option<serde_json::Value> {
        None
    }
    fn message_json(&self, i: usize) -> String {
        self.0.message_json(i)
    }
    fn full_json(&self) -> Option<String> {
        None
    }
}

/// The first message with `ResponseClass="Error"` (and `code`, when given).
pub fn error_message<R: Messages>(response: &R, code: Option<&str>) -> Option<usize> {
    (0..)
        .map_while(|i| response.status_at(i).map(|s| (i, s)))
        .find(|(_, s)| s.is_error() && code.is_none_or(|c| s.response_code.as_deref() == Some(c)))
        .map(|(i, _)| i)
}

/// A response of the three operations that return it whole: `ERR_RESPONSE`
/// when any message is an Error.
pub fn check<R: Messages>(response: R) -> std::result::Result<R, Failed<R>> {
    match error_message(&response, None) {
        Some(index) => Err(Failed::Message { response, index }),
        None => Ok(response),
    }
}

/// The retries of one envelope: feed it each attempt's outcome.
#[derive(Debug, Clone)]
pub struct Exchange {
    operation: &'static str,
    policy: RetryPolicy,
    retries: u32,
}

impl Exchange {
    /// A fresh exchange for `operation` under `policy`.
    pub fn new(operation: &'static str, policy: RetryPolicy) -> Self {
        Exchange {
            operation,
            policy,
            retries: 0,
        }
    }

    /// The operation.
    pub fn operation(&self) -> &'static str {
        self.operation
    }

    /// The policy.
    pub fn policy(&self) -> RetryPolicy {
        self.policy
    }

    /// Retries decided so far.
    pub fn retries(&self) -> u32 {
        self.retries
    }

    /// Starts over for the next envelope (a page, a restart); returns the
    /// retries this one spent.
    pub fn reset(&mut self) -> u32 {
        std::mem::take(&mut self.retries)
    }

    /// An attempt got `reply`. `parse` reads the body text (the operation's
    /// parser), `now_unix_ms` dates `Retry-After` (`None`: no clock), and
    /// `jitter` (uniform in `[0, 1)`, from the driver) draws the back-off.
    pub fn on_reply<R: Messages>(
        &mut self,
        reply: &Reply<'_>,
        limits: &Limits,
        parse: fn(&str, &Limits) -> Result<R>,
        now_unix_ms: Option<u64>,
        jitter: f64,
    ) -> Step<R> {
        match interpret(reply, limits, parse, now_unix_ms) {
            Ok(response) => match error_message(&response, Some("ErrorServerBusy")) {
                None => Step::Done(response),
                Some(index) => self.retry_or_fail(Failed::Message { response, index }, jitter),
            },
            Err(e) => self.retry_or_fail(Failed::Error(e), jitter),
        }
    }

    /// An attempt ended without a response. Network messages are scrubbed of
    /// URL user-info and of `secrets`.
    #[inline] // a driver that never reports `Failure::Other` (the wasm one) loses those arms
    pub fn on_failure<R: Messages>(
        &mut self,
        failure: Failure,
        secrets: &[String],
        jitter: f64,
    ) -> Step<R> {
        let error = match failure {
            Failure::Network(message) => Error::Network {
                message: secrets::scrub(&message, secrets),
                operation: Some(self.operation.into()),
            },
            Failure::Timeout(timeout_ms) => Error::Timeout { timeout_ms },
            Failure::Aborted => return Step::Fail(Failed::Error(Error::Aborted)),
            Failure::Other(Error::Network { message, operation }) => {
                // A transport's own network error that it says not to retry.
                return Step::Fail(Failed::Error(Error::Network {
                    message: secrets::scrub(&message, secrets),
                    operation: operation.or_else(|| Some(self.operation.into())),
                }));
            }
            Failure::Other(e) => return Step::Fail(Failed::Error(e)),
        };
        self.retry_or_fail(Failed::Error(error), jitter)
    }

    fn retry_or_fail<R: Messages>(&mut self, failed: Failed<R>, jitter: f64) -> Step<R> {
        let (retryable, server_ms, status, response_code) = match &failed {
            Failed::Error(e) => (
                e.is_retryable(),
                retry::server_wait_ms(e),
                match e {
                    Error::Http { status, .. } => Some(*status),
                    Error::SoapFault(f) => f.http_status,
                    _ => None,
                },
                match e {
                    Error::SoapFault(f) => f.response_code.clone(),
                    _ => None,
                },
            ),
            Failed::Message { .. } => {
                let s = failed.status();
                (
                    s.and_then(|s| s.response_code.as_deref()) == Some("ErrorServerBusy"),
                    s.and_then(|s| s.back_off_milliseconds),
                    None,
                    s.and_then(|s| s.response_code.clone()),
                )
            }
            Failed::Stalled { .. } => (false, None, None, None),
        };
        if !retryable || self.retries >= self.policy.max_retries {
            return Step::Fail(failed);
        }
        let delay_ms = self.policy.wait_ms(server_ms, self.retries, jitter);
        self.retries += 1;
        Step::Wait {
            delay_ms,
            event: RetryEvent {
                operation: self.operation,
                attempt: self.retries,
                delay_ms,
                code: failed.code(),
                status,
                response_code,
            },
            error: failed,
        }
    }
}

/// HTTP status → outcome:
/// - 2xx: the body is parsed (a SOAP Fault in it is `ERR_SOAP_FAULT`);
/// - 401 / 403 / 407: `ERR_HTTP`, the body (a login page) is not read;
/// - other statuses: a SOAP Fault body (with 500, or an XML content type) is
///   `ERR_SOAP_FAULT` (with `status`), a parsable response is the response,
///   anything else `ERR_HTTP` with `Retry-After`.
pub fn interpret<R>(
    reply: &Reply<'_>,
    limits: &Limits,
    parse: fn(&str, &Limits) -> Result<R>,
    now_unix_ms: Option<u64>,
) -> Result<R> {
    let status = reply.status;
    let read = || -> Result<R> {
        limits.check_size(reply.body.len())?;
        let text = crate::xml::decode(reply.body)?;
        parse(&text, limits)
    };
    if (200..300).contains(&status) {
        return read().map_err(|e| with_status(e, status));
    }
    if !matches!(status, 401 | 403 | 407) {
        let xml_type = reply
            .content_type
            .is_some_and(|t| secrets::find(&t.to_ascii_lowercase(), "xml").is_some());
        if status == 500 || xml_type {
            match read() {
                Ok(parsed) => return Ok(parsed),
                Err(e @ Error::SoapFault(_)) => return Err(with_status(e, status)),
                Err(_) => {}
            }
        }
    }
    Err(Error::Http {
        status,
        status_text: reply.status_text.to_owned(),
        retry_after_ms: reply
            .retry_after
            .and_then(|v| parse_retry_after(v, now_unix_ms)),
    })
}

fn with_status(e: Error, status: u16) -> Error {
    match e {
        Error::SoapFault(mut f) => {
            f.http_status = Some(status);
            Error::SoapFault(f)
        }
        other => other,
    }
}

/// `ERR_SYNC_STALLED` / `ERR_RESPONSE` in the JSON the JavaScript `EwsError`
/// carries, with `response` in the parser's JSON (the same fields as
/// [`Error::to_json`] writes for the Rust forms).
pub fn failed_json<R: Messages>(failed: &Failed<R>) -> String {
    use crate::json::{JsonOut, ToJson};
    let mut out = JsonOut::with_capacity(256);
    out.begin_object();
    let (code, message) = match failed {
        Failed::Error(e) => return e.to_json(),
        Failed::Message { response, index } => {
            let status = response.status_at(*index);
            let code = status
                .and_then(|s| s.response_code.as_deref())
                .unwrap_or("ErrorUnknown");
            let text = status.and_then(|s| s.message_text.as_deref());
            let message = format!(
                "{} failed: {code}{}{}",
                response.operation(),
                if text.is_some() { ": " } else { "" },
                text.unwrap_or("")
            );
            out.key("operation");
            out.string(response.operation());
            out.key("responseCode");
            out.string(code);
            if let Some(t) = text {
                out.key("messageText");
                out.string(t);
            }
            if let Some(b) = status.and_then(|s| s.back_off_milliseconds) {
                out.key("backOffMilliseconds");
                b.write_json(&mut out);
            }
            match response.full_json() {
                // The message is inside the whole response: written once, and
                // `responseIndex` says which (JavaScript then points `response` at it).
                Some(full) => {
                    out.key("fullResponse");
                    out.raw(&full);
                    out.key("responseIndex");
                    index.write_json(&mut out);
                }
                None => {
                    out.key("response");
                    out.raw(&response.message_json(*index));
                }
            }
            ("ERR_RESPONSE", message)
        }
        Failed::Stalled {
            response,
            sync_state,
            pages,
            why,
        } => {
            out.key("syncState");
            out.string(sync_state);
            out.key("pages");
            pages.write_json(&mut out);
            out.key("response");
            out.raw(&response.message_json(0));
            (
                "ERR_SYNC_STALLED",
                format!("the sync is not advancing after {pages} pages: {why}"),
            )
        }
    };
    out.key("code");
    out.string(code);
    out.key("message");
    out.string(&message);
    out.end_object();
    out.finish()
}
