//! The SOAP request headers EWS takes: `RequestServerVersion`, `MailboxCulture`,
//! `ExchangeImpersonation` and `TimeZoneContext`.

use serde::{Deserialize, Serialize};

use crate::error::Result;
use crate::json_in::{choice, json_struct, wire_value, FromJson, JsonValue};
use crate::xml::write::{check_non_empty, check_xml_string};
use crate::xml::XmlWriter;

/// `ExchangeVersionType`: every value of the 2018 schema.
#[allow(missing_docs, non_camel_case_types)]
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum ExchangeVersion {
    Exchange2007,
    Exchange2007_SP1,
    Exchange2009,
    Exchange2010,
    Exchange2010_SP1,
    Exchange2010_SP2,
    Exchange2012,
    #[default]
    Exchange2013,
    Exchange2013_SP1,
    Exchange2015,
    Exchange2016,
    V2015_10_05,
    V2016_01_06,
    V2016_04_13,
    V2016_07_13,
    V2016_10_10,
    V2017_01_07,
    V2017_04_14,
    V2017_07_11,
    V2017_10_09,
    V2018_01_08,
}

impl ExchangeVersion {
    /// Every value, in schema order.
    pub const ALL: [ExchangeVersion; 21] = [
        Self::Exchange2007,
        Self::Exchange2007_SP1,
        Self::Exchange2009,
        Self::Exchange2010,
        Self::Exchange2010_SP1,
        Self::Exchange2010_SP2,
        Self::Exchange2012,
        Self::Exchange2013,
        Self::Exchange2013_SP1,
        Self::Exchange2015,
        Self::Exchange2016,
        Self::V2015_10_05,
        Self::V2016_01_06,
        Self::V2016_04_13,
        Self::V2016_07_13,
        Self::V2016_10_10,
        Self::V2017_01_07,
        Self::V2017_04_14,
        Self::V2017_07_11,
        Self::V2017_10_09,
        Self::V2018_01_08,
    ];

    /// The wire value.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Exchange2007 => "Exchange2007",
            Self::Exchange2007_SP1 => "Exchange2007_SP1",
            Self::Exchange2009 => "Exchange2009",
            Self::Exchange2010 => "Exchange2010",
            Self::Exchange2010_SP1 => "Exchange2010_SP1",
            Self::Exchange2010_SP2 => "Exchange2010_SP2",
            Self::Exchange2012 => "Exchange2012",
            Self::Exchange2013 => "Exchange2013",
            Self::Exchange2013_SP1 => "Exchange2013_SP1",
            Self::Exchange2015 => "Exchange2015",
            Self::Exchange2016 => "Exchange2016",
            Self::V2015_10_05 => "V2015_10_05",
            Self::V2016_01_06 => "V2016_01_06",
            Self::V2016_04_13 => "V2016_04_13",
            Self::V2016_07_13 => "V2016_07_13",
            Self::V2016_10_10 => "V2016_10_10",
            Self::V2017_01_07 => "V2017_01_07",
            Self::V2017_04_14 => "V2017_04_14",
            Self::V2017_07_11 => "V2017_07_11",
            Self::V2017_10_09 => "V2017_10_09",
            Self::V2018_01_08 => "V2018_01_08",
        }
    }
}

/// Who to impersonate (`ExchangeImpersonation/ConnectingSID`): exactly one of the four.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub enum Impersonation {
    /// `PrincipalName` (UPN).
    PrincipalName(String),
    /// `SID`.
    #[serde(rename = "sid")]
    Sid(String),
    /// `PrimarySmtpAddress`.
    PrimarySmtpAddress(String),
    /// `SmtpAddress`.
    SmtpAddress(String),
}

/// `TimeZoneContext/TimeZoneDefinition` by id (and optional name).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct TimeZoneContext {
    /// Windows time zone id, e.g. `UTC` or `Pacific Standard Time`.
    pub id: String,
    /// Optional display name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
}

/// The `header` option of every builder (JS: `{ requestServerVersion, mailboxCulture, impersonation, timeZoneContext }`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct RequestHeader {
    /// `RequestServerVersion/@Version`; default `Exchange2013`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub request_server_version: Option<ExchangeVersion>,
    /// `MailboxCulture` (written only for the operations that take it: not GetConversationItems).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mailbox_culture: Option<String>,
    /// `ExchangeImpersonation`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub impersonation: Option<Impersonation>,
    /// `TimeZoneContext`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub time_zone_context: Option<TimeZoneContext>,
}

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
            check_xml_string("header.timeZoneContext.id", &tz.id)?;
            if let Some(n) = &tz.name {
                check_xml_string("header.timeZoneContext.name", n)?;
            }
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
    body: impl FnOnce(&mut XmlWriter),
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

// ---------------------------------------------------------------------------
// The headers from the JavaScript options (`header`)

json_struct!(RequestHeader {
    opt request_server_version: "requestServerVersion",
    opt mailbox_culture: "mailboxCulture",
    opt impersonation: "impersonation",
    opt time_zone_context: "timeZoneContext",
});

json_struct!(TimeZoneContext {
    req id: "id",
    opt name: "name",
});

impl FromJson for ExchangeVersion {
    fn from_json(v: &JsonValue, path: &str) -> Result<Self> {
        wire_value(v, path, &ExchangeVersion::ALL, ExchangeVersion::as_str)
    }
}

impl FromJson for Impersonation {
    fn from_json(v: &JsonValue, path: &str) -> Result<Self> {
        const TAGS: &[&str] = &["principalName", "sid", "primarySmtpAddress", "smtpAddress"];
        choice(v, path, TAGS, |i, v, at| {
            let s = String::from_json(v, at)?;
            Ok(match i {
                0 => Impersonation::PrincipalName(s),
                1 => Impersonation::Sid(s),
                2 => Impersonation::PrimarySmtpAddress(s),
                _ => Impersonation::SmtpAddress(s),
            })
        })
    }
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
