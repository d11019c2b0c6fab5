//! One error type for the whole library, with a stable [`Error::code`] per variant.
//!
//! The codes are the public contract (`ERR_*`, see the README and `API.md`): the
//! JavaScript layer throws an `EwsError` carrying the code and the variant's fields.
//! Users and tests match on codes, never on message text.

use serde::Serialize;

/// Everything that can go wrong in ews-wasm.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A builder or client got options it cannot send.
    #[error("invalid option `{path}`: {message}")]
    InvalidOptions {
        /// Dotted path of the bad option, e.g. `conversations[0].conversationId.id`.
        path: String,
        /// What is wrong with it.
        message: String,
    },
    /// The text is not well-formed XML (truncated, binary, an HTML error page, …).
    #[error("malformed XML at byte {position}: {message}")]
    MalformedXml {
        /// Byte offset in the input where the problem was found.
        position: u64,
        /// What the XML reader found.
        message: String,
    },
    /// Well-formed XML, but not a SOAP envelope holding the expected response.
    #[error("not the expected SOAP response: {message} (found `{found}`)")]
    NotSoap {
        /// The name of the element (or construct) that was found instead.
        found: String,
        /// What was expected.
        message: String,
    },
    /// A configured limit was exceeded (response bytes, nesting depth, …).
    #[error("limit `{name}` exceeded: {value} > {limit}")]
    Limit {
        /// Which limit (`maxResponseBytes`, `maxDepth`, …).
        name: &'static str,
        /// The configured limit.
        limit: u64,
        /// The value that exceeded it (for streams: the first value seen past it).
        value: u64,
    },
    /// The SOAP body is a Fault.
    #[error("SOAP fault {}: {}", .0.fault_code, .0.fault_string)]
    SoapFault(Box<SoapFault>),
    /// (client) A response message had `ResponseClass="Error"`.
    #[error("{operation} failed: {response_code}{}{}", if .message_text.is_some() { ": " } else { "" }, .message_text.as_deref().unwrap_or(""))]
    Response {
        /// The operation (`SyncFolderItems`, …).
        operation: String,
        /// The message's `ResponseCode` (e.g. `ErrorItemNotFound`).
        response_code: String,
        /// The message's `MessageText`, when present.
        message_text: Option<String>,
        /// `BackOffMilliseconds` from the message's `MessageXml`, when present.
        back_off_milliseconds: Option<u64>,
        /// The parsed response message that is an Error, as the parser returned
        /// it (JSON form). For GetImItems and GetImItemList, whose response is
        /// its own message, that is the whole response.
        response: Box<serde_json::Value>,
        /// GetConversationItems only: the whole parsed response, so that the
        /// conversations that did succeed are not lost. `None` otherwise.
        full_response: Option<Box<serde_json::Value>>,
    },
    /// (client) A SyncFolderItems page returned the SyncState it was sent, with
    /// no changes and `IncludesLastItemInRange` false (or no SyncState at all):
    /// paging on would never end.
    #[error("the sync is not advancing after {pages} pages: {message}")]
    SyncStalled {
        /// The response message that did not advance (JSON form).
        response: Box<serde_json::Value>,
        /// The SyncState that stopped advancing (empty when none was returned).
        sync_state: String,
        /// Pages received before this one.
        pages: u64,
        /// What the server did.
        message: String,
    },
    /// (client) A non-2xx HTTP status without a SOAP body.
    #[error("HTTP {status} {status_text}")]
    Http {
        /// HTTP status code.
        status: u16,
        /// HTTP status text.
        status_text: String,
        /// `Retry-After` in milliseconds, when the server sent one.
        retry_after_ms: Option<u64>,
    },
    /// (client) The request could not be sent or the connection failed.
    #[error("{}network error: {message}", .operation.as_deref().map(|o| format!("{o}: ")).unwrap_or_default())]
    Network {
        /// The operation that was being sent, when known (the client fills it in).
        operation: Option<String>,
        /// What the transport reported (never contains credentials).
        message: String,
    },
    /// (client) The request took longer than the configured timeout.
    #[error("timed out after {timeout_ms} ms")]
    Timeout {
        /// The configured timeout.
        timeout_ms: u64,
    },
    /// (client) The caller aborted the request.
    #[error("aborted by the caller")]
    Aborted,
    /// (client) The transport cannot carry that operation.
    #[error("the transport does not support {operation}")]
    NotSupported {
        /// The operation name, e.g. `SyncFolderItems`.
        operation: String,
    },
}

/// A SOAP Fault, as Exchange sends it (HTTP 500).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SoapFault {
    /// `faultcode`, as written (e.g. `a:ErrorServerBusy`).
    pub fault_code: String,
    /// `faultstring`.
    pub fault_string: String,
    /// `faultactor`, when present.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fault_actor: Option<String>,
    /// `detail/ResponseCode` (errors namespace), when present.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub response_code: Option<String>,
    /// `detail/Message`, when present.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
    /// `BackOffMilliseconds` from the detail's `MessageXml`, when present.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub back_off_milliseconds: Option<u64>,
    /// (client) The HTTP status the fault came with (Exchange sends 500), when
    /// it came over HTTP.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub http_status: Option<u16>,
    /// Every other `detail` child (and `MessageXml` value) as `(name, text)`.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub detail: Vec<(String, String)>,
}

impl Error {
    /// The stable machine-readable code of this error (`ERR_…`).
    pub fn code(&self) -> &'static str {
        match self {
            Error::InvalidOptions { .. } => "ERR_INVALID_OPTIONS",
            Error::MalformedXml { .. } => "ERR_MALFORMED_XML",
            Error::NotSoap { .. } => "ERR_NOT_SOAP",
            Error::Limit { .. } => "ERR_LIMIT",
            Error::SoapFault(_) => "ERR_SOAP_FAULT",
            Error::Response { .. } => "ERR_RESPONSE",
            Error::SyncStalled { .. } => "ERR_SYNC_STALLED",
            Error::Http { .. } => "ERR_HTTP",
            Error::Network { .. } => "ERR_NETWORK",
            Error::Timeout { .. } => "ERR_TIMEOUT",
            Error::Aborted => "ERR_ABORTED",
            Error::NotSupported { .. } => "ERR_NOT_SUPPORTED",
        }
    }

    /// Shorthand for [`Error::InvalidOptions`].
    pub fn invalid(path: impl Into<String>, message: impl Into<String>) -> Self {
        Error::InvalidOptions {
            path: path.into(),
            message: message.into(),
        }
    }

    /// Shorthand for [`Error::NotSoap`].
    pub fn not_soap(found: impl Into<String>, message: impl Into<String>) -> Self {
        Error::NotSoap {
            found: found.into(),
            message: message.into(),
        }
    }

    /// Whether a client should retry the request that produced this error
    /// (server busy, throttled, unavailable, or the network failed).
    pub fn is_retryable(&self) -> bool {
        match self {
            Error::SoapFault(f) => {
                f.response_code.as_deref() == Some("ErrorServerBusy")
                    || f.fault_code == "ErrorServerBusy"
                    || f.fault_code.ends_with(":ErrorServerBusy")
            }
            Error::Response { response_code, .. } => response_code == "ErrorServerBusy",
            Error::Http { status, .. } => matches!(status, 429 | 502 | 503 | 504),
            Error::Network { .. } | Error::Timeout { .. } => true,
            _ => false,
        }
    }
}

/// The library's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_stable() {
        assert_eq!(Error::invalid("a", "b").code(), "ERR_INVALID_OPTIONS");
        assert_eq!(
            Error::MalformedXml {
                position: 1,
                message: String::new()
            }
            .code(),
            "ERR_MALFORMED_XML"
        );
        assert_eq!(Error::not_soap("html", "x").code(), "ERR_NOT_SOAP");
        assert_eq!(
            Error::Limit {
                name: "maxDepth",
                limit: 1,
                value: 2
            }
            .code(),
            "ERR_LIMIT"
        );
        assert_eq!(Error::SoapFault(Box::default()).code(), "ERR_SOAP_FAULT");
        assert_eq!(Error::Aborted.code(), "ERR_ABORTED");
        assert_eq!(Error::Timeout { timeout_ms: 5 }.code(), "ERR_TIMEOUT");
        assert_eq!(
            Error::NotSupported {
                operation: "SyncFolderItems".into()
            }
            .code(),
            "ERR_NOT_SUPPORTED"
        );
        assert_eq!(
            Error::Network {
                message: String::new(),
                operation: None,
            }
            .code(),
            "ERR_NETWORK"
        );
        assert_eq!(
            Error::Http {
                status: 401,
                status_text: String::new(),
                retry_after_ms: None
            }
            .code(),
            "ERR_HTTP"
        );
    }

    #[test]
    fn retryable() {
        let busy = SoapFault {
            fault_code: "a:ErrorServerBusy".into(),
            ..Default::default()
        };
        assert!(Error::SoapFault(Box::new(busy)).is_retryable());
        assert!(!Error::SoapFault(Box::default()).is_retryable());
        let http = |status| Error::Http {
            status,
            status_text: String::new(),
            retry_after_ms: None,
        };
        assert!(http(503).is_retryable());
        assert!(http(429).is_retryable());
        assert!(!http(401).is_retryable());
    }
}
