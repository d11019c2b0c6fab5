//! The SyncFolderItems response: pages of item changes in document order.

use serde::{Deserialize, Serialize};

use crate::error::Result;
use crate::soap::ResponseStatus;
use crate::types::ews_struct;
use crate::types::{Item, ItemId};
use crate::xml::{FromXml, ParseValue, RawElement, Start, XmlReader};

crate::operations::wrapped_response! {
    /// A parsed [SyncFolderItems response](https://learn.microsoft.com/en-us/exchange/client-developer/web-service-reference/syncfolderitemsresponse).
    SyncFolderItemsResponse {
        "One message per request (EWS sends one)."
        SyncFolderItemsResponseMessage
    }
    SyncFolderItems = "SyncFolderItems",
    parse_sync_folder_items_response,
    parse_sync_folder_items_response_with
}

ews_struct! {
    /// A [`SyncFolderItemsResponseMessage`](https://learn.microsoft.com/en-us/exchange/client-developer/web-service-reference/syncfolderitemsresponsemessage).
    ///
    /// On an Error message, `sync_state` and `includes_last_item_in_range` are what
    /// the server wrote (often an empty state and `true`): never trust them there.
    element SyncFolderItemsResponseMessage {
        .. status: ResponseStatus,
        sync_state: "SyncState" => Option<String>,
        includes_last_item_in_range: "IncludesLastItemInRange" => Option<bool>,
        changes: "Changes" => Option<Vec<SyncChange>>,
    }
}

/// One change of a sync page, discriminated by `kind`; pages keep document order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all_fields = "camelCase")]
pub enum SyncChange {
    /// `Create`: an item appeared (or was first seen).
    Create {
        /// The item, in the requested shape.
        item: Item,
    },
    /// `Update`: an item changed.
    Update {
        /// The item, in the requested shape.
        item: Item,
    },
    /// `Delete`: an item is gone.
    Delete {
        /// Its id.
        item_id: ItemId,
    },
    /// `ReadFlagChange`: only the read flag changed.
    ReadFlagChange {
        /// Its id.
        item_id: ItemId,
        /// The new read state.
        is_read: bool,
    },
    /// A change the schema does not have (or one missing its required parts), verbatim.
    Unknown(RawElement),
}

impl SyncChange {
    /// The id of the item the change is about, when it has one.
    pub fn item_id(&self) -> Option<&ItemId> {
        match self {
            SyncChange::Create { item } | SyncChange::Update { item } => item.item_id(),
            SyncChange::Delete { item_id } | SyncChange::ReadFlagChange { item_id, .. } => {
                Some(item_id)
            }
            SyncChange::Unknown(_) => None,
        }
    }
}

impl crate::json::ToJson for SyncChange {
    fn write_json(&self, out: &mut crate::json::JsonOut) {
        use crate::json::JsonFields;
        out.begin_object();
        out.key("kind");
        match self {
            SyncChange::Create { item } | SyncChange::Update { item } => {
                out.string(if matches!(self, SyncChange::Create { .. }) {
                    "Create"
                } else {
                    "Update"
                });
                out.key("item");
                item.write_json(out);
            }
            SyncChange::Delete { item_id } => {
                out.string("Delete");
                out.key("itemId");
                item_id.write_json(out);
            }
            SyncChange::ReadFlagChange { item_id, is_read } => {
                out.string("ReadFlagChange");
                out.key("itemId");
                item_id.write_json(out);
                out.key("isRead");
                is_read.write_json(out);
            }
            SyncChange::Unknown(raw) => {
                out.string("Unknown");
                raw.write_fields(out);
            }
        }
        out.end_object();
    }
}

impl FromXml for SyncChange {
    fn from_xml<'a>(r: &mut XmlReader<'a>, s: &Start<'a>) -> Result<Option<Self>> {
        let kind = s.local();
        if !matches!(kind, "Create" | "Update" | "Delete" | "ReadFlagChange") {
            return Ok(Some(SyncChange::Unknown(r.capture(s)?)));
        }
        let mut item = None;
        let mut item_id = None;
        let mut is_read = None;
        let mut complete = true;
        while let Some(c) = r.next_child(s)? {
            match (kind, c.local()) {
                ("Create" | "Update", _) if item.is_none() => item = Item::from_xml(r, &c)?,
                (_, "ItemId") if item_id.is_none() => item_id = ItemId::from_xml(r, &c)?,
                ("ReadFlagChange", "IsRead") if is_read.is_none() => {
                    is_read = bool::parse_value(&r.text(&c)?);
                    complete &= is_read.is_some();
                }
                _ => {
                    r.skip(&c)?;
                    complete = false;
                }
            }
        }
        let change = match (kind, item, item_id, is_read) {
            ("Create", Some(item), ..) if complete => SyncChange::Create { item },
            ("Update", Some(item), ..) if complete => SyncChange::Update { item },
            ("Delete", _, Some(item_id), _) if complete => SyncChange::Delete { item_id },
            ("ReadFlagChange", _, Some(item_id), Some(is_read)) if complete => {
                SyncChange::ReadFlagChange { item_id, is_read }
            }
            _ => SyncChange::Unknown(r.raw_since(s)),
        };
        Ok(Some(change))
    }
}

impl crate::types::engine::ValueDesc for SyncChange {
    const KIND: crate::types::engine::Kind = crate::types::engine::Kind::Custom(write_sync_change);
}

/// A change written as it is read, with the rules of [`SyncChange::from_xml`]:
/// a change that lacks a required part, or has a part it should not, is
/// taken back and written as `Unknown`, verbatim.
fn write_sync_change<'a>(
    w: &mut crate::types::engine::Writer,
    r: &mut XmlReader<'a>,
    s: &Start<'a>,
) -> Result<bool> {
    use crate::types::engine::ValueDesc;
    let kind = s.local();
    if !matches!(kind, "Create" | "Update" | "Delete" | "ReadFlagChange") {
        let raw = r.capture(s)?;
        w.unknown_kind(&raw);
        return Ok(true);
    }
    let start = w.out().len();
    w.out().begin_object();
    w.out().key("kind");
    w.out().string(kind);
    let with_item = matches!(kind, "Create" | "Update");
    let mut item = false;
    let mut item_id = false;
    let mut is_read = None;
    let mut complete = true;
    while let Some(c) = r.next_child(s)? {
        if with_item && !item {
            w.out().key("item");
            w.value(r, &c, Item::KIND)?;
            item = true;
        } else if c.local() == "ItemId" && !item_id {
            if with_item {
                // Read (for its errors) but not part of a Create or Update.
                let mark = w.out().len();
                w.value(r, &c, ItemId::KIND)?;
                w.out().truncate(mark);
            } else {
                w.out().key("itemId");
                w.value(r, &c, ItemId::KIND)?;
            }
            item_id = true;
        } else if kind == "ReadFlagChange" && c.local() == "IsRead" && is_read.is_none() {
            is_read = bool::parse_value(&r.text(&c)?);
            complete &= is_read.is_some();
        } else {
            r.skip(&c)?;
            complete = false;
        }
    }
    let whole = complete
        && match kind {
            "Create" | "Update" => item,
            "Delete" => item_id,
            _ => item_id && is_read.is_some(),
        };
    if whole {
        if let Some(v) = is_read {
            w.out().key("isRead");
            crate::json::ToJson::write_json(&v, w.out());
        }
        w.out().end_object();
    } else {
        w.out().truncate(start);
        let raw = r.raw_since(s);
        w.unknown_kind(&raw);
    }
    Ok(true)
}
