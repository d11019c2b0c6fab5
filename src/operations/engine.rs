//! The four responses read by the table-driven engine ([`crate::types::engine`]):
//! the envelope, `ServerVersionInfo`, Faults and each operation's body, written
//! straight to the JSON the typed parsers' `ToJson` would write, without
//! building the typed response. The WebAssembly exports use this.

use std::ops::Range;

use crate::error::{Error, Result};
use crate::json::JsonOut;
use crate::soap::{read_envelope_parts, EnvelopePart};
use crate::types::engine::{Described, TypeDesc, Writer};
use crate::types::ServerVersionInfo;
use crate::xml::{Limits, Start, XmlReader};

use super::get_conversation_items::GetConversationItemsResponseMessage;
use super::get_im_items::ImItemsResponseMessage;
use super::sync_folder_items::SyncFolderItemsResponseMessage;

/// One of the four operations, for [`parse_json`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ResponseKind {
    /// GetConversationItems.
    GetConversationItems,
    /// GetImItems.
    GetImItems,
    /// GetImItemList.
    GetImItemList,
    /// SyncFolderItems.
    SyncFolderItems,
}

impl ResponseKind {
    /// The response element in the SOAP body.
    pub fn element(self) -> &'static str {
        match self {
            ResponseKind::GetConversationItems => "GetConversationItemsResponse",
            ResponseKind::GetImItems => "GetImItemsResponse",
            ResponseKind::GetImItemList => "GetImItemListResponse",
            ResponseKind::SyncFolderItems => "SyncFolderItemsResponse",
        }
    }

    /// The table of one response message.
    fn message(self) -> &'static TypeDesc {
        match self {
            ResponseKind::GetConversationItems => GetConversationItemsResponseMessage::DESC,
            ResponseKind::GetImItems | ResponseKind::GetImItemList => ImItemsResponseMessage::DESC,
            ResponseKind::SyncFolderItems => SyncFolderItemsResponseMessage::DESC,
        }
    }

    /// Whether the messages are wrapped in `ResponseMessages`.
    fn wrapped(self) -> bool {
        !matches!(self, ResponseKind::GetImItems | ResponseKind::GetImItemList)
    }
}

/// A response read by the engine: its JSON, and where each response message's
/// JSON object is in it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct JsonResponse {
    /// The whole response as JSON (what the typed response's `ToJson` writes).
    pub json: String,
    /// The byte range of each response message's JSON object in `json` (for
    /// GetImItems/GetImItemList, which have one unwrapped message: the whole
    /// object).
    pub messages: Vec<Range<usize>>,
}

impl JsonResponse {
    /// Message `i`'s JSON, if there is such a message.
    pub fn message_json(&self, i: usize) -> Option<&str> {
        let range = self.messages.get(i)?;
        self.json.get(range.clone())
    }
}

/// Reads a response envelope of `kind` within `limits` and writes its JSON.
/// Same JSON, errors and limits as the operation's typed parser followed by
/// `ToJson`.
pub fn parse_json<'a>(kind: ResponseKind, xml: &'a str, limits: &Limits) -> Result<JsonResponse> {
    let element = kind.element();
    let mut w = Writer::with_capacity(xml.len() + xml.len() / 4);
    let mut version: Option<String> = None;
    let mut messages = Vec::new();
    let mut read = false;
    w.out().begin_object();
    let mut on = |r: &mut XmlReader<'a>, s: &Start<'a>, part: EnvelopePart| -> Result<()> {
        match part {
            EnvelopePart::ServerVersionInfo => {
                let mut v = Writer::default();
                v.out().begin_object();
                v.fields(r, s, ServerVersionInfo::DESC)?;
                v.out().end_object();
                version = Some(v.finish());
            }
            EnvelopePart::Response if read => {
                return Err(Error::not_soap("Body", "two bodies"));
            }
            EnvelopePart::Response => {
                read = true;
                if kind.wrapped() {
                    read_wrapped(&mut w, r, s, kind.message(), element, &mut messages)?;
                } else {
                    let start = w.json().len();
                    w.fields(r, s, kind.message())?;
                    messages.push(start..w.json().len());
                }
            }
        }
        Ok(())
    };
    read_envelope_parts(xml, limits, element, &mut on)?;
    if !read {
        return Err(Error::not_soap("Envelope", "the SOAP envelope has no Body"));
    }
    w.out().end_object();
    let mut out: JsonOut = JsonOut::default();
    if let Some(v) = version {
        // `serverVersionInfo` comes first whatever the order of Header and Body.
        out.key("serverVersionInfo");
        out.push_raw(&v);
    }
    let mut json = w.finish();
    let head = out.finish();
    if !head.is_empty() {
        let comma = json.len() > 2;
        let insert = if comma { format!("{head},") } else { head };
        if json.is_char_boundary(1) {
            json.insert_str(1, &insert);
        }
        let shift = insert.len();
        if !kind.wrapped() {
            // The unwrapped message is the whole object.
            messages = std::iter::once(0..json.len()).collect();
        } else {
            for m in &mut messages {
                *m = m.start + shift..m.end + shift;
            }
        }
    } else if !kind.wrapped() {
        messages = std::iter::once(0..json.len()).collect();
    }
    Ok(JsonResponse { json, messages })
}

/// `…Response/ResponseMessages/*`: the first `ResponseMessages`, each of its
/// children a message.
fn read_wrapped<'a>(
    w: &mut Writer,
    r: &mut XmlReader<'a>,
    s: &Start<'a>,
    message: &'static TypeDesc,
    element: &str,
    ranges: &mut Vec<Range<usize>>,
) -> Result<()> {
    let mut seen = false;
    while let Some(c) = r.next_child(s)? {
        if c.local() == "ResponseMessages" && !seen {
            seen = true;
            w.out().key("responseMessages");
            w.out().begin_array();
            while let Some(m) = r.next_child(&c)? {
                w.out().begin_object();
                let start = w.json().len() - 1;
                w.fields(r, &m, message)?;
                w.out().end_object();
                ranges.push(start..w.json().len());
            }
            w.out().end_array();
        } else {
            r.skip(&c)?;
        }
    }
    if !seen {
        return Err(Error::not_soap(
            element,
            "the response has no ResponseMessages",
        ));
    }
    Ok(())
}
