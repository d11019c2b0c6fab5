//! Reading a SOAP response: the envelope, `ServerVersionInfo`, Faults, and the
//! fields every EWS response message shares.

use serde::ser::SerializeMap;
use serde::{Deserialize, Serialize, Serializer};

use crate::error::{Error, Result, SoapFault};
use crate::types::ServerVersionInfo;
use crate::xml::{js_name, FromXml, Limits, Ns, RawElement, Start, XmlReader};

/// Reads an envelope whose body must hold the element `expected` (local name, in
/// an EWS namespace); `body` parses that element. A Fault becomes
/// [`Error::SoapFault`]; anything else [`Error::NotSoap`] — but only for a
/// well-formed document: before either is returned the rest of the document is
/// checked, and a document that is not well-formed is [`Error::MalformedXml`].
pub fn read_envelope<'a, T>(
    src: &'a str,
    limits: &Limits,
    expected: &str,
    body: impl FnOnce(&mut XmlReader<'a>, &Start<'a>) -> Result<T>,
) -> Result<(Option<ServerVersionInfo>, T)> {
    // The envelope is read by one non-generic function (it would otherwise be
    // compiled once per response type, some kilobytes of wasm each); the body
    // parser is called through `dyn` and leaves its result here.
    let mut body = Some(body);
    let mut result = None;
    let mut version = None;
    let mut parse = |r: &mut XmlReader<'a>, s: &Start<'a>, part: EnvelopePart| -> Result<()> {
        match part {
            EnvelopePart::ServerVersionInfo => version = ServerVersionInfo::from_xml(r, s)?,
            EnvelopePart::Response => {
                let parse = body
                    .take()
                    .ok_or_else(|| Error::not_soap("Body", "two bodies"))?;
                result = Some(parse(r, s)?);
            }
        }
        Ok(())
    };
    read_envelope_parts(src, limits, expected, &mut parse)?;
    result
        .map(|v| (version, v))
        .ok_or_else(|| Error::not_soap("Envelope", "the SOAP envelope has no Body"))
}

/// Which part of the envelope [`read_envelope_parts`] hands over.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EnvelopePart {
    /// The first `ServerVersionInfo` of the header.
    ServerVersionInfo,
    /// The response element in the body (read once).
    Response,
}

/// [`read_envelope`] without a result type: `on` reads the parts (each must
/// consume its element), with the same errors and checks.
pub fn read_envelope_parts<'a>(
    src: &'a str,
    limits: &Limits,
    expected: &str,
    on: &mut dyn FnMut(&mut XmlReader<'a>, &Start<'a>, EnvelopePart) -> Result<()>,
) -> Result<()> {
    let mut r = XmlReader::new(src, limits)?;
    match read_envelope_in(&mut r, expected, on) {
        Err(e @ (Error::NotSoap { .. } | Error::SoapFault(_))) => Err(r.check_rest(e)),
        other => other,
    }
}

/// The envelope around `body`: returns its ServerVersionInfo once `body` has read the response element.
fn read_envelope_in<'a>(
    r: &mut XmlReader<'a>,
    expected: &str,
    on: &mut dyn FnMut(&mut XmlReader<'a>, &Start<'a>, EnvelopePart) -> Result<()>,
) -> Result<()> {
    let root = r.root()?;
    if root.local() != "Envelope" || root.ns() != Ns::Soap {
        // `{uri}local`, so that an Envelope in an unexpected namespace says why.
        return Err(Error::not_soap(
            r.expanded_name(&root),
            format!(
                "expected a SOAP Envelope ({{{}}}Envelope) as the document element",
                crate::ns::SOAP_ENVELOPE
            ),
        ));
    }
    let mut version = false;
    let mut read = false;
    while let Some(part) = r.next_child(&root)? {
        match (part.local(), part.ns()) {
            ("Header", Ns::Soap) => {
                while let Some(h) = r.next_child(&part)? {
                    if h.local() == "ServerVersionInfo" && !version {
                        version = true;
                        on(r, &h, EnvelopePart::ServerVersionInfo)?;
                    } else {
                        r.skip(&h)?;
                    }
                }
            }
            ("Body", Ns::Soap) if !read => {
                let Some(first) = r.next_child(&part)? else {
                    return Err(Error::not_soap("Body", "the SOAP Body is empty"));
                };
                if first.local() == "Fault" && first.ns() == Ns::Soap {
                    let fault = read_fault(r, &first)?;
                    return Err(Error::SoapFault(Box::new(fault)));
                }
                if first.local() != expected || !matches!(first.ns(), Ns::Ews(_)) {
                    return Err(Error::not_soap(
                        first.local(),
                        format!("expected {expected} in the SOAP Body"),
                    ));
                }
                on(r, &first, EnvelopePart::Response)?;
                read = true;
                // Anything after the response element is ignored.
                while let Some(rest) = r.next_child(&part)? {
                    r.skip(&rest)?;
                }
            }
            _ => r.skip(&part)?,
        }
    }
    r.finish()?;
    if !read {
        return Err(Error::not_soap("Envelope", "the SOAP envelope has no Body"));
    }
    Ok(())
}

/// Reads a SOAP 1.1 (or 1.2) Fault.
fn read_fault<'a>(r: &mut XmlReader<'a>, fault: &Start<'a>) -> Result<SoapFault> {
    let mut f = SoapFault::default();
    while let Some(c) = r.next_child(fault)? {
        match c.local() {
            "faultcode" => f.fault_code = r.text(&c)?.trim().to_owned(),
            "faultstring" => f.fault_string = r.text(&c)?,
            "faultactor" | "Role" => f.fault_actor = Some(r.text(&c)?),
            // SOAP 1.2
            "Code" => {
                while let Some(v) = r.next_child(&c)? {
                    if v.local() == "Value" && f.fault_code.is_empty() {
                        f.fault_code = r.text(&v)?.trim().to_owned();
                    } else {
                        r.skip(&v)?;
                    }
                }
            }
            "Reason" => {
                while let Some(t) = r.next_child(&c)? {
                    let text = r.text(&t)?;
                    if f.fault_string.is_empty() {
                        f.fault_string = text;
                    }
                }
            }
            "detail" | "Detail" => read_fault_detail(r, &c, &mut f)?,
            _ => r.skip(&c)?,
        }
    }
    if f.response_code.is_none() {
        // `a:ErrorServerBusy` without a detail still says which error it is.
        let local = f.fault_code.rsplit(':').next().unwrap_or_default();
        if local.starts_with("Error") {
            f.response_code = Some(local.to_owned());
        }
    }
    Ok(f)
}

fn read_fault_detail<'a>(
    r: &mut XmlReader<'a>,
    detail: &Start<'a>,
    f: &mut SoapFault,
) -> Result<()> {
    while let Some(d) = r.next_child(detail)? {
        match d.local() {
            "ResponseCode" => f.response_code = Some(r.text(&d)?.trim().to_owned()),
            "Message" => f.message = Some(r.text(&d)?),
            "MessageXml" => {
                if let Some(mx) = MessageXml::from_xml(r, &d)? {
                    if f.back_off_milliseconds.is_none() {
                        f.back_off_milliseconds = mx.back_off_milliseconds();
                    }
                    f.detail.extend(mx.entries);
                }
            }
            other => {
                let name = other.to_owned();
                let text = r.text(&d)?;
                f.detail.push((name, text));
            }
        }
    }
    Ok(())
}

/// `MessageXml`: extra facts about an error, as `(name, value)` pairs in
/// document order. `<t:Value Name="BackOffMilliseconds">5000</t:Value>` becomes
/// `("BackOffMilliseconds", "5000")`; any other element its local name and text
/// (or, when it has no text, its attribute values).
///
/// In JSON it is an object keyed by the JS form of each name
/// (`backOffMilliseconds`), with the values of the numeric entries EWS defines
/// (`BackOffMilliseconds`, `LineNumber`, `LinePosition`) as numbers.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
pub struct MessageXml {
    /// The entries, in document order.
    pub entries: Vec<(String, String)>,
}

impl MessageXml {
    /// The value of an entry by wire name.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.entries
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    /// `BackOffMilliseconds`, the wait a throttled server asks for.
    pub fn back_off_milliseconds(&self) -> Option<u64> {
        self.get("BackOffMilliseconds")?.trim().parse().ok()
    }
}

const NUMERIC_MESSAGE_XML: [&str; 3] = ["BackOffMilliseconds", "LineNumber", "LinePosition"];

impl Serialize for MessageXml {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(self.entries.len()))?;
        for (k, v) in &self.entries {
            let key = js_name(k);
            match NUMERIC_MESSAGE_XML
                .contains(&k.as_str())
                .then(|| v.trim().parse::<i64>().ok())
                .flatten()
            {
                Some(n) => map.serialize_entry(&key, &n)?,
                None => map.serialize_entry(&key, v)?,
            }
        }
        map.end()
    }
}

impl crate::json::ToJson for MessageXml {
    fn write_json(&self, out: &mut crate::json::JsonOut) {
        out.begin_object();
        for (k, v) in &self.entries {
            out.text_key(k);
            match NUMERIC_MESSAGE_XML
                .contains(&k.as_str())
                .then(|| v.trim().parse::<i64>().ok())
                .flatten()
            {
                Some(n) => out.int(n),
                None => out.string(v),
            }
        }
        out.end_object();
    }
}

impl FromXml for MessageXml {
    fn from_xml<'a>(r: &mut XmlReader<'a>, s: &Start<'a>) -> Result<Option<Self>> {
        let mut entries = Vec::new();
        while let Some(c) = r.next_child(s)? {
            entries.push(message_xml_entry(r, &c)?);
        }
        Ok(Some(MessageXml { entries }))
    }
}

/// One entry of `MessageXml`: its name and value (see [`MessageXml`]).
fn message_xml_entry<'a>(r: &mut XmlReader<'a>, c: &Start<'a>) -> Result<(String, String)> {
    let name = if c.local() == "Value" {
        c.attr("Name")?.unwrap_or_else(|| "Value".to_owned())
    } else {
        c.local().to_owned()
    };
    let mut attrs = String::new();
    c.for_each_attr(&mut |_, v| {
        if !attrs.is_empty() {
            attrs.push(' ');
        }
        attrs.push_str(&v);
    })?;
    let text = r.text(c)?;
    let value = if text.trim().is_empty() && !attrs.is_empty() && c.local() != "Value" {
        attrs
    } else {
        text
    };
    Ok((name, value))
}

/// `ResponseClassType`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum ResponseClass {
    /// The request succeeded.
    Success,
    /// The request succeeded in part; the message says what went wrong.
    Warning,
    /// The request failed. Also what a message without a valid
    /// `ResponseClass` is taken to be, so that it is never mistaken for success.
    #[default]
    Error,
}

impl crate::xml::ParseValue for ResponseClass {
    fn parse_value(s: &str) -> Option<Self> {
        match s.trim() {
            "Success" => Some(Self::Success),
            "Warning" => Some(Self::Warning),
            "Error" => Some(Self::Error),
            _ => None,
        }
    }
}

impl crate::xml::AttrSlot for ResponseClass {
    fn set_attr(&mut self, v: &str) -> bool {
        match <Self as crate::xml::ParseValue>::parse_value(v) {
            Some(c) => {
                *self = c;
                true
            }
            None => false,
        }
    }
}

impl crate::xml::Absent for ResponseClass {
    fn is_absent(&self) -> bool {
        false
    }
}

/// The fields every response message shares (`ResponseMessageType`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct ResponseStatus {
    /// `@ResponseClass`: Success, Warning or Error.
    pub response_class: ResponseClass,
    /// `ResponseCode` (`NoError`, `ErrorServerBusy`, …; one of 500+ values, kept as text).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub response_code: Option<String>,
    /// `MessageText`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub message_text: Option<String>,
    /// `DescriptiveLinkKey`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub descriptive_link_key: Option<i32>,
    /// `MessageXml`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub message_xml: Option<MessageXml>,
    /// `MessageXml`'s `BackOffMilliseconds`, as a number, when present.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub back_off_milliseconds: Option<u64>,
}

impl crate::json::JsonFields for ResponseStatus {
    fn write_fields(&self, out: &mut crate::json::JsonOut) {
        use crate::json::ToJson;
        out.key("responseClass");
        out.string(match self.response_class {
            ResponseClass::Success => "Success",
            ResponseClass::Warning => "Warning",
            ResponseClass::Error => "Error",
        });
        if let Some(v) = &self.response_code {
            out.key("responseCode");
            v.write_json(out);
        }
        if let Some(v) = &self.message_text {
            out.key("messageText");
            v.write_json(out);
        }
        if let Some(v) = &self.descriptive_link_key {
            out.key("descriptiveLinkKey");
            v.write_json(out);
        }
        if let Some(v) = &self.message_xml {
            out.key("messageXml");
            v.write_json(out);
        }
        if let Some(v) = &self.back_off_milliseconds {
            out.key("backOffMilliseconds");
            v.write_json(out);
        }
    }
}

impl ResponseStatus {
    /// Whether `ResponseClass` is `Error`.
    pub fn is_error(&self) -> bool {
        self.response_class == ResponseClass::Error
    }
}

impl crate::xml::Fields for ResponseStatus {
    fn attr(&mut self, name: &str, value: &str) -> bool {
        name == "ResponseClass" && crate::xml::AttrSlot::set_attr(&mut self.response_class, value)
    }

    fn child<'a>(
        &mut self,
        r: &mut XmlReader<'a>,
        c: &Start<'a>,
        unknown: &mut Vec<RawElement>,
    ) -> Result<bool> {
        match c.local() {
            "ResponseCode" => crate::xml::read_into(&mut self.response_code, unknown, r, c)?,
            "MessageText" => crate::xml::read_into(&mut self.message_text, unknown, r, c)?,
            "DescriptiveLinkKey" => {
                crate::xml::read_into(&mut self.descriptive_link_key, unknown, r, c)?
            }
            "MessageXml" => {
                crate::xml::read_into(&mut self.message_xml, unknown, r, c)?;
                self.back_off_milliseconds = self
                    .message_xml
                    .as_ref()
                    .and_then(MessageXml::back_off_milliseconds);
            }
            _ => return Ok(false),
        }
        Ok(true)
    }
}

// ---------------------------------------------------------------------------
// The engine's tables for the status fields (`types::engine`)

const RESPONSE_CLASS: crate::types::engine::EnumDesc = crate::types::engine::EnumDesc {
    values: &["Success", "Warning", "Error"],
    default: "Error",
};

impl crate::types::engine::AttrType for ResponseClass {
    const KIND: crate::types::engine::Scalar = crate::types::engine::Scalar::Enum(&RESPONSE_CLASS);
    const REQUIRED: bool = true;
}

impl crate::types::engine::ValueDesc for MessageXml {
    const KIND: crate::types::engine::Kind = crate::types::engine::Kind::Custom(write_message_xml);
}

/// `MessageXml` written as it is read, followed (inside the same field, as
/// nothing comes between them) by `backOffMilliseconds` from its first
/// `BackOffMilliseconds` entry, as [`ResponseStatus`] derives it.
fn write_message_xml<'a>(
    w: &mut crate::types::engine::Writer,
    r: &mut XmlReader<'a>,
    s: &Start<'a>,
) -> Result<bool> {
    use crate::json::ToJson;
    w.out().begin_object();
    let mut back_off: Option<Option<u64>> = None;
    while let Some(c) = r.next_child(s)? {
        let (name, value) = message_xml_entry(r, &c)?;
        let out = w.out();
        out.text_key(&name);
        match NUMERIC_MESSAGE_XML
            .contains(&name.as_str())
            .then(|| value.trim().parse::<i64>().ok())
            .flatten()
        {
            Some(n) => out.int(n),
            None => out.string(&value),
        }
        if back_off.is_none() && name == "BackOffMilliseconds" {
            back_off = Some(value.trim().parse().ok());
        }
    }
    let out = w.out();
    out.end_object();
    if let Some(Some(ms)) = back_off {
        out.key("backOffMilliseconds");
        ms.write_json(out);
        w.note("BackOffMilliseconds", || ms.to_string());
    }
    Ok(true)
}

impl crate::types::engine::Described for ResponseStatus {
    const DESC: &'static crate::types::engine::TypeDesc = {
        use crate::types::engine as e;
        const ATTRS: &[e::AttrDesc] = &[e::AttrDesc {
            wire: "ResponseClass",
            kind: <ResponseClass as e::AttrType>::KIND,
            required: true,
        }];
        // `backOffMilliseconds` is written with `MessageXml` (see `write_message_xml`).
        const CHILDREN: &[e::ChildDesc] = &[
            e::ChildDesc {
                wire: "ResponseCode",
                many: false,
                kind: <String as e::ValueDesc>::KIND,
            },
            e::ChildDesc {
                wire: "MessageText",
                many: false,
                kind: <String as e::ValueDesc>::KIND,
            },
            e::ChildDesc {
                wire: "DescriptiveLinkKey",
                many: false,
                kind: <i32 as e::ValueDesc>::KIND,
            },
            e::ChildDesc {
                wire: "MessageXml",
                many: false,
                kind: <MessageXml as e::ValueDesc>::KIND,
            },
        ];
        const D: e::TypeDesc = e::TypeDesc {
            #[cfg(test)]
            name: "ResponseStatus",
            attrs: ATTRS,
            text: None,
            parts: &[],
            children: CHILDREN,
            unknown: false,
            slots: e::TypeDesc::count(ATTRS.len(), false, &[], CHILDREN.len()),
        };
        &D
    };
}
