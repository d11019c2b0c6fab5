//! The namespace URIs, once.
//!
//! Requests always use the `http://` EWS namespaces. Responses are read leniently:
//! Microsoft's reference pages print the EWS namespaces as `https://…`, and code
//! copied from them reaches servers and proxies that echo it, so the reader accepts
//! both spellings (see [`is_ews`]).

/// SOAP 1.1 envelope namespace (what Exchange speaks).
pub const SOAP_ENVELOPE: &str = "http://schemas.xmlsoap.org/soap/envelope/";
/// The same with `https://`, as Microsoft's EWS how-to pages print it since
/// 2020 (accepted when reading, never written).
pub const SOAP_ENVELOPE_HTTPS: &str = "https://schemas.xmlsoap.org/soap/envelope/";
/// SOAP 1.2 envelope namespace (accepted when reading, never written).
pub const SOAP12_ENVELOPE: &str = "http://www.w3.org/2003/05/soap-envelope";
/// EWS messages namespace (`m:`).
pub const MESSAGES: &str = "http://schemas.microsoft.com/exchange/services/2006/messages";
/// EWS types namespace (`t:`).
pub const TYPES: &str = "http://schemas.microsoft.com/exchange/services/2006/types";
/// EWS errors namespace (`e:`, used in SOAP fault details).
pub const ERRORS: &str = "http://schemas.microsoft.com/exchange/services/2006/errors";

/// Which EWS namespace a URI names, accepting `http://` and `https://`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ews {
    /// `…/2006/messages`
    Messages,
    /// `…/2006/types`
    Types,
    /// `…/2006/errors`
    Errors,
}

/// Classifies an EWS namespace URI, accepting the `https://` variants.
pub fn is_ews(uri: &str) -> Option<Ews> {
    let rest = uri
        .strip_prefix("http://")
        .or_else(|| uri.strip_prefix("https://"))?;
    match rest.strip_prefix("schemas.microsoft.com/exchange/services/2006/")? {
        "messages" => Some(Ews::Messages),
        "types" => Some(Ews::Types),
        "errors" => Some(Ews::Errors),
        _ => None,
    }
}

/// Whether a URI is a SOAP envelope namespace when reading: SOAP 1.1 (with
/// `http://` or `https://`) or SOAP 1.2.
pub fn is_soap_envelope(uri: &str) -> bool {
    uri == SOAP_ENVELOPE || uri == SOAP_ENVELOPE_HTTPS || uri == SOAP12_ENVELOPE
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_schemes_are_ews() {
        assert_eq!(is_ews(MESSAGES), Some(Ews::Messages));
        assert_eq!(
            is_ews("https://schemas.microsoft.com/exchange/services/2006/types"),
            Some(Ews::Types)
        );
        assert_eq!(is_ews(ERRORS), Some(Ews::Errors));
        assert_eq!(is_ews("http://example.com/types"), None);
        assert_eq!(
            is_ews("ftp://schemas.microsoft.com/exchange/services/2006/types"),
            None
        );
        assert!(is_soap_envelope(SOAP_ENVELOPE));
        assert!(is_soap_envelope(SOAP_ENVELOPE_HTTPS));
        assert!(is_soap_envelope(SOAP12_ENVELOPE));
        assert!(!is_soap_envelope(
            "https://www.w3.org/2003/05/soap-envelope/"
        ));
        assert!(!is_soap_envelope(MESSAGES));
    }
}
