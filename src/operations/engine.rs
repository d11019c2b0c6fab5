//! The four responses read by the table-driven engine ([`crate::types::engine`]):
//! the envelope, `ServerVersionInfo`, Faults and each operation's body, written
//! straight to the JSON the typed parsers' `ToJson` would write, without
//! building the typed response. The WebAssembly exports use this.

use std::ops::Range;

use crate::error::{Error, Result};
use crate::json::JsonOut;
use crate::soap::ResponseStatus;
use crate::soap::{read_envelope_parts, EnvelopePart};
use crate::types::engine::{Captured, Described, TypeDesc, Want, Writer};
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
    /// The operation's name.
    pub fn operation(self) -> &'static str {
        match self {
            ResponseKind::GetConversationItems => "GetConversationItems",
            ResponseKind::GetImItems => "GetImItems",
            ResponseKind::GetImItemList => "GetImItemList",
            ResponseKind::SyncFolderItems => "SyncFolderItems",
        }
    }

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

/// A response read by the engine: its JSON, and what a client needs to know
/// of each response message without reading the JSON again.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct JsonResponse {
    /// The operation.
    pub kind: Option<ResponseKind>,
    /// The whole response as JSON (what the typed response's `ToJson` writes).
    pub json: String,
    /// The response messages, in order (GetImItems/GetImItemList: one, the
    /// whole object).
    pub messages: Vec<MessageFacts>,
}

/// One response message of a [`JsonResponse`].
#[derive(Debug, Clone, Default, PartialEq)]
pub struct MessageFacts {
    /// The byte range of the message's JSON object in [`JsonResponse::json`].
    pub range: Range<usize>,
    /// `ResponseClass`, `ResponseCode`, `MessageText` and the back-off of
    /// `MessageXml` (`message_xml` and `descriptive_link_key` are left empty:
    /// they are in the JSON).
    pub status: ResponseStatus,
    /// SyncFolderItems: `SyncState`.
    pub sync_state: Option<String>,
    /// SyncFolderItems: `IncludesLastItemInRange`.
    pub includes_last_item_in_range: Option<bool>,
    /// SyncFolderItems: the number of changes.
    pub changes: usize,
    /// GetConversationItems: `Conversation/ConversationId/@Id`.
    pub conversation_id: Option<String>,
    /// GetConversationItems: `Conversation/SyncState`.
    pub conversation_sync_state: Option<String>,
}

impl JsonResponse {
    /// Message `i`'s JSON, if there is such a message.
    pub fn message_json(&self, i: usize) -> Option<&str> {
        let range = self.messages.get(i)?.range.clone();
        self.json.get(range)
    }
}

const STATUS: [Want; 4] = [
    (0, "ResponseClass"),
    (0, "ResponseCode"),
    (0, "MessageText"),
    (0, "BackOffMilliseconds"),
];
const SYNC_WANTS: &[Want] = &[
    STATUS[0],
    STATUS[1],
    STATUS[2],
    STATUS[3],
    (0, "SyncState"),
    (0, "IncludesLastItemInRange"),
    (0, "Changes"),
];
const CONVERSATION_WANTS: &[Want] = &[
    STATUS[0],
    STATUS[1],
    STATUS[2],
    STATUS[3],
    (1, "SyncState"),
    (2, "Id"),
];
const IM_WANTS: &[Want] = &STATUS;

fn wants(kind: ResponseKind) -> &'static [Want] {
    match kind {
        ResponseKind::SyncFolderItems => SYNC_WANTS,
        ResponseKind::GetConversationItems => CONVERSATION_WANTS,
        ResponseKind::GetImItems | ResponseKind::GetImItemList => IM_WANTS,
    }
}

/// The facts of one message from its captured values (the first of each).
fn facts(range: Range<usize>, caps: Vec<Captured>) -> MessageFacts {
    let mut f = MessageFacts {
        range,
        ..Default::default()
    };
    let mut class = None;
    let mut back_off = None;
    let mut changes = None;
    for c in caps {
        let slot = match c.want {
            (0, "ResponseClass") => &mut class,
            (0, "ResponseCode") => &mut f.status.response_code,
            (0, "MessageText") => &mut f.status.message_text,
            (0, "BackOffMilliseconds") => &mut back_off,
            (0, "SyncState") => &mut f.sync_state,
            (0, "Changes") => &mut changes,
            (1, "SyncState") => &mut f.conversation_sync_state,
            (2, "Id") => &mut f.conversation_id,
            (0, "IncludesLastItemInRange") => {
                if f.includes_last_item_in_range.is_none() {
                    f.includes_last_item_in_range = crate::xml::ParseValue::parse_value(&c.text);
                }
                continue;
            }
            _ => continue,
        };
        if slot.is_none() {
            *slot = Some(c.text);
        }
    }
    f.status.response_class = class
        .as_deref()
        .and_then(crate::xml::ParseValue::parse_value)
        .unwrap_or_default();
    f.status.back_off_milliseconds = back_off.and_then(|v| v.parse().ok());
    f.changes = changes.and_then(|v| v.parse().ok()).unwrap_or(0);
    f
}

/// Reads a response envelope of `kind` within `limits` and writes its JSON.
/// Same JSON, errors and limits as the operation's typed parser followed by
/// `ToJson`.
pub fn parse_json(kind: ResponseKind, xml: &str, limits: &Limits) -> Result<JsonResponse> {
    parse_json_in(kind, xml, limits, false)
}

/// [`parse_json`] for JavaScript: the same values, with non-ASCII characters
/// in strings written as `\uXXXX` escapes while those add at most 1/16 of the
/// input's size (see [`crate::json::JsonOut::escape_non_ascii`]), so that the
/// JSON of a mostly-ASCII mailbox decodes to a one-byte string in V8.
pub fn parse_json_for_js(kind: ResponseKind, xml: &str, limits: &Limits) -> Result<JsonResponse> {
    parse_json_in(kind, xml, limits, true)
}

fn parse_json_in<'a>(
    kind: ResponseKind,
    xml: &'a str,
    limits: &Limits,
    ascii: bool,
) -> Result<JsonResponse> {
    let element = kind.element();
    // The JSON of every bench input and fixture is 0.5–0.8 times the XML (plus
    // the escapes' budget): room for 7/8 of it spares a regrowth, which would
    // hold the old and the new buffer at once, without reserving much more
    // than is written (wasm memory never shrinks).
    let mut w = Writer::with_capacity(xml.len() - xml.len() / 8 + 256);
    if ascii {
        w.escape_non_ascii(xml.len() / 16);
    }
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
                    read_wrapped(&mut w, r, s, kind, &mut messages)?;
                } else {
                    w.capture(wants(kind));
                    w.fields(r, s, kind.message())?;
                    let caps = w.take_captured();
                    messages.push(facts(0..0, caps));
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
    let mut json = w.finish();
    let mut shift = 0;
    if let Some(v) = version {
        // `serverVersionInfo` comes first whatever the order of Header and Body.
        let mut head = JsonOut::default();
        head.key("serverVersionInfo");
        head.push_raw(&v);
        head.push_raw(",");
        let head = head.finish();
        if json.is_char_boundary(1) {
            json.insert_str(1, &head);
            shift = head.len();
        }
    }
    for m in &mut messages {
        m.range = if kind.wrapped() {
            m.range.start + shift..m.range.end + shift
        } else {
            // The unwrapped message is the whole object.
            0..json.len()
        };
    }
    Ok(JsonResponse {
        kind: Some(kind),
        json,
        messages,
    })
}

/// `…Response/ResponseMessages/*`: the first `ResponseMessages`, each of its
/// children a message.
fn read_wrapped<'a>(
    w: &mut Writer,
    r: &mut XmlReader<'a>,
    s: &Start<'a>,
    kind: ResponseKind,
    messages: &mut Vec<MessageFacts>,
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
                w.capture(wants(kind));
                w.fields(r, &m, kind.message())?;
                let caps = w.take_captured();
                w.out().end_object();
                messages.push(facts(start..w.json().len(), caps));
            }
            w.out().end_array();
        } else {
            r.skip(&c)?;
        }
    }
    if !seen {
        return Err(Error::not_soap(
            kind.element(),
            "the response has no ResponseMessages",
        ));
    }
    Ok(())
}

impl JsonResponse {
    /// Replaces message `i` with message `j` of `other` (same operation): its
    /// JSON is spliced in and the later messages' ranges move. Message `j`'s
    /// facts are moved out of `other` (left at their defaults), not cloned.
    pub fn replace_message(&mut self, i: usize, other: &mut JsonResponse, j: usize) {
        let Some(facts) = other.messages.get_mut(j) else {
            return;
        };
        let Some(new) = other.json.get(facts.range.clone()) else {
            return;
        };
        let Some(old) = self.messages.get(i).map(|m| m.range.clone()) else {
            return;
        };
        // Rebuilt rather than `replace_range`d: its splice machinery is
        // ~1.4 KB of wasm for a step taken once per restarted conversation.
        let (Some(head), Some(tail)) = (self.json.get(..old.start), self.json.get(old.end..))
        else {
            return;
        };
        let mut json = String::with_capacity(head.len() + new.len() + tail.len());
        json.push_str(head);
        json.push_str(new);
        json.push_str(tail);
        self.json = json;
        let end = old.start + new.len();
        for m in self.messages.iter_mut().skip(i + 1) {
            m.range = m.range.start - old.end + end..m.range.end - old.end + end;
        }
        if let Some(slot) = self.messages.get_mut(i) {
            *slot = MessageFacts {
                range: old.start..end,
                ..std::mem::take(facts)
            };
        }
    }
}
