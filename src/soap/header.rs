//! The SOAP request headers EWS takes: `RequestServerVersion`, `MailboxCulture`,
//! `ExchangeImpersonation` and `TimeZoneContext`.

use crate::error::Result;
use crate::xml::write::check_non_empty;
use crate::xml::XmlWriter;

// `ExchangeVersion`, `TimeZoneContext` and `RequestHeader` (struct, options
// reader, TypeScript) are generated into src/types/generated.rs from
// model/model.json; `Impersonation` is in src/types/request.rs. What is here is
// their SOAP side: merging, the checks the tables cannot express, writing.
pub use crate::types::{ExchangeVersion, Impersonation, RequestHeader, TimeZoneContext};

impl RequestHeader {
    /// Fills what `self` leaves unset from `defaults` (the client's header).
    pub fn or(&self, defaults: &RequestHeader) -> RequestHeader {
        RequestHeader {
            request_server_version: self
                .request_server_version
                .or(defaults.request_server_version),
            mailbox_culture: self
                .mailbox_culture
                .clone()
                .or_else(|| defaults.mailbox_culture.clone()),
            impersonation: self
                .impersonation
                .clone()
                .or_else(|| defaults.impersonation.clone()),
            time_zone_context: self
                .time_zone_context
                .clone()
                .or_else(|| defaults.time_zone_context.clone()),
        }
    }

    /// Checks every value can be sent.
    pub fn validate(&self) -> Result<()> {
        if let Some(c) = &self.mailbox_culture {
            check_culture(c)?;
        }
        if let Some(i) = &self.impersonation {
            let (path, v) = match i {
                Impersonation::PrincipalName(v) => ("header.impersonation.principalName", v),
                Impersonation::Sid(v) => ("header.impersonation.sid", v),
                Impersonation::PrimarySmtpAddress(v) => {
                    ("header.impersonation.primarySmtpAddress", v)
                }
                Impersonation::SmtpAddress(v) => ("header.impersonation.smtpAddress", v),
            };
            check_non_empty(path, v)?;
        }
        if let Some(tz) = &self.time_zone_context {
            tz.validate_fields("header.timeZoneContext")?;
        }
        Ok(())
    }

    /// Writes the `soap:Header` children.
    pub(crate) fn write(&self, w: &mut XmlWriter, with_culture: bool) {
        let version = self.request_server_version.unwrap_or_default();
        w.empty("t:RequestServerVersion", &[("Version", version.as_str())]);
        if let Some(i) = &self.impersonation {
            let (name, v) = match i {
                Impersonation::PrincipalName(v) => ("t:PrincipalName", v),
                Impersonation::Sid(v) => ("t:SID", v),
                Impersonation::PrimarySmtpAddress(v) => ("t:PrimarySmtpAddress", v),
                Impersonation::SmtpAddress(v) => ("t:SmtpAddress", v),
            };
            w.open("t:ExchangeImpersonation", &[])
                .open("t:ConnectingSID", &[])
                .text_element(name, v)
                .close("t:ConnectingSID")
                .close("t:ExchangeImpersonation");
        }
        if with_culture {
            if let Some(c) = &self.mailbox_culture {
                w.text_element("t:MailboxCulture", c);
            }
        }
        if let Some(tz) = &self.time_zone_context {
            let mut attrs = vec![("Id", tz.id.as_str())];
            if let Some(n) = &tz.name {
                attrs.push(("Name", n.as_str()));
            }
            w.open("t:TimeZoneContext", &[])
                .empty("t:TimeZoneDefinition", &attrs)
                .close("t:TimeZoneContext");
        }
    }
}

/// `xs:language`: `[a-zA-Z]{1,8}(-[a-zA-Z0-9]{1,8})*`.
fn check_culture(c: &str) -> Result<()> {
    let ok = c.split('-').enumerate().all(|(i, part)| {
        (1..=8).contains(&part.len())
            && if i == 0 {
                part.bytes().all(|b| b.is_ascii_alphabetic())
            } else {
                part.bytes().all(|b| b.is_ascii_alphanumeric())
            }
    });
    if ok {
        Ok(())
    } else {
        Err(crate::Error::invalid(
            "header.mailboxCulture",
            "must be a language tag such as en-US",
        ))
    }
}

/// Writes a whole request envelope: declaration, namespaces, headers, and the
/// body element written by `body`.
pub(crate) fn write_envelope(
    header: &RequestHeader,
    with_culture: bool,
    body: &dyn Fn(&mut XmlWriter),
) -> Result<String> {
    header.validate()?;
    let mut w = XmlWriter::with_declaration();
    w.open(
        "soap:Envelope",
        &[
            ("xmlns:soap", crate::ns::SOAP_ENVELOPE),
            ("xmlns:t", crate::ns::TYPES),
            ("xmlns:m", crate::ns::MESSAGES),
        ],
    );
    w.open("soap:Header", &[]);
    header.write(&mut w, with_culture);
    w.close("soap:Header");
    w.open("soap:Body", &[]);
    body(&mut w);
    w.close("soap:Body").close("soap:Envelope");
    Ok(w.finish())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_from_json() {
        let h: RequestHeader = serde_json::from_str(
            r#"{"requestServerVersion":"Exchange2010_SP2","mailboxCulture":"en-US","impersonation":{"primarySmtpAddress":"a@b.c"},"timeZoneContext":{"id":"UTC"}}"#,
        )
        .unwrap();
        assert_eq!(
            h.request_server_version,
            Some(ExchangeVersion::Exchange2010_SP2)
        );
        assert_eq!(
            h.impersonation,
            Some(Impersonation::PrimarySmtpAddress("a@b.c".into()))
        );
        let sid: Impersonation = serde_json::from_str(r#"{"sid":"S-1-5"}"#).unwrap();
        assert_eq!(sid, Impersonation::Sid("S-1-5".into()));
        assert!(serde_json::from_str::<RequestHeader>(
            r#"{"requestServerVersion":"Exchange2099"}"#
        )
        .is_err());
        assert!(serde_json::from_str::<RequestHeader>(r#"{"bogus":1}"#).is_err());
    }

    #[test]
    fn versions_round_trip() {
        for v in ExchangeVersion::ALL {
            let json = serde_json::to_string(&v).unwrap();
            assert_eq!(json, format!("\"{}\"", v.as_str()));
        }
    }

    #[test]
    fn culture_is_checked() {
        assert!(check_culture("en-US").is_ok());
        assert!(check_culture("zh-Hant-TW").is_ok());
        assert!(check_culture("").is_err());
        assert!(check_culture("en_US").is_err());
        assert!(check_culture("<x>").is_err());
    }
}
