//! The SyncFolderItems request and its builder.

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::soap::{write_envelope, RequestHeader};
use crate::types::{validate_item_ids, wire_enum, ItemIdRef, ItemShape, TargetFolderId};
use crate::xml::write::check_xml_string;
use crate::xml::XmlWriter;

wire_enum! {
    /// Which items to synchronise:
    /// [`SyncScope`](https://learn.microsoft.com/en-us/exchange/client-developer/web-service-reference/syncscope)
    /// (`SyncFolderItemsScopeType`).
    SyncFolderItemsScope {
        NormalItems = "NormalItems",
        NormalAndAssociatedItems = "NormalAndAssociatedItems",
    }
}

/// A [SyncFolderItems](https://learn.microsoft.com/en-us/exchange/client-developer/web-service-reference/syncfolderitems-operation)
/// request: one page of the item changes in a folder since `syncState`.
///
/// JS options (`buildSyncFolderItemsRequest(opts)`):
/// `{ header?, itemShape, syncFolderId, syncState?, ignore?: [{ id, changeKey? }],
/// maxChangesReturned, syncScope? }` with `maxChangesReturned` from 1 to 512
/// (required in JS; [`SyncFolderItemsRequest::new`] uses 512).
///
/// `syncState` is an `xs:string` here (any string XML can carry, even empty);
/// an empty `ignore` is left out.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SyncFolderItemsRequest {
    /// The SOAP headers (default: `RequestServerVersion` `Exchange2013`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub header: Option<RequestHeader>,
    /// [`ItemShape`](https://learn.microsoft.com/en-us/exchange/client-developer/web-service-reference/itemshape).
    pub item_shape: ItemShape,
    /// [`SyncFolderId`](https://learn.microsoft.com/en-us/exchange/client-developer/web-service-reference/syncfolderid).
    pub sync_folder_id: TargetFolderId,
    /// [`SyncState`](https://learn.microsoft.com/en-us/exchange/client-developer/web-service-reference/syncstate-ex15websvcsotherref):
    /// absent on the first request, then the previous page's state.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sync_state: Option<String>,
    /// [`Ignore`](https://learn.microsoft.com/en-us/exchange/client-developer/web-service-reference/ignore):
    /// items whose changes to leave out.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub ignore: Vec<ItemIdRef>,
    /// [`MaxChangesReturned`](https://learn.microsoft.com/en-us/exchange/client-developer/web-service-reference/maxchangesreturned):
    /// 1 to 512.
    pub max_changes_returned: i32,
    /// [`SyncScope`](https://learn.microsoft.com/en-us/exchange/client-developer/web-service-reference/syncscope).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sync_scope: Option<SyncFolderItemsScope>,
}

impl Default for SyncFolderItemsRequest {
    /// The first page of the Inbox: `IdOnly` items, up to 512 changes.
    fn default() -> Self {
        SyncFolderItemsRequest::new(TargetFolderId::default())
    }
}

impl SyncFolderItemsRequest {
    /// The operation name.
    pub const OPERATION: &'static str = "SyncFolderItems";

    /// The largest page the schema allows.
    pub const MAX_CHANGES: i32 = 512;

    /// The first page of `folder`: `IdOnly` items, up to 512 changes.
    pub fn new(folder: impl Into<TargetFolderId>) -> Self {
        SyncFolderItemsRequest {
            header: None,
            item_shape: ItemShape::default(),
            sync_folder_id: folder.into(),
            sync_state: None,
            ignore: Vec::new(),
            max_changes_returned: Self::MAX_CHANGES,
            sync_scope: None,
        }
    }

    /// Continues from the sync state of an earlier page.
    pub fn with_sync_state(mut self, sync_state: impl Into<String>) -> Self {
        self.sync_state = Some(sync_state.into());
        self
    }

    /// Checks every option (header included) without building anything.
    pub fn validate(&self) -> Result<()> {
        self.validate_body()?;
        match &self.header {
            Some(h) => h.validate(),
            None => Ok(()),
        }
    }

    /// Builds the SOAP envelope.
    pub fn to_xml(&self) -> Result<String> {
        self.to_xml_with_header(self.header.as_ref().unwrap_or(&RequestHeader::default()))
    }

    /// Builds the SOAP envelope with `header` instead of `self.header` (the client
    /// passes `self.header` merged with its defaults, see [`RequestHeader::or`]).
    pub fn to_xml_with_header(&self, header: &RequestHeader) -> Result<String> {
        self.validate_body()?;
        write_envelope(header, true, |w| self.write_body(w))
    }

    fn validate_body(&self) -> Result<()> {
        self.item_shape.validate("itemShape")?;
        self.sync_folder_id.validate("syncFolderId")?;
        if let Some(s) = &self.sync_state {
            check_xml_string("syncState", s)?;
        }
        validate_item_ids("ignore", &self.ignore)?;
        if !(1..=Self::MAX_CHANGES).contains(&self.max_changes_returned) {
            return Err(Error::invalid(
                "maxChangesReturned",
                "must be from 1 to 512",
            ));
        }
        Ok(())
    }

    fn write_body(&self, w: &mut XmlWriter) {
        w.open("m:SyncFolderItems", &[]);
        self.item_shape.write(w, "m:ItemShape");
        w.open("m:SyncFolderId", &[]);
        self.sync_folder_id.write(w);
        w.close("m:SyncFolderId");
        if let Some(s) = &self.sync_state {
            w.text_element("m:SyncState", s);
        }
        if !self.ignore.is_empty() {
            w.open("m:Ignore", &[]);
            for id in &self.ignore {
                id.write(w, "t:ItemId");
            }
            w.close("m:Ignore");
        }
        w.text_element(
            "m:MaxChangesReturned",
            &self.max_changes_returned.to_string(),
        );
        if let Some(s) = self.sync_scope {
            w.text_element("m:SyncScope", s.as_str());
        }
        w.close("m:SyncFolderItems");
    }
}

crate::json_in::json_struct!(SyncFolderItemsRequest {
    opt header: "header",
    req item_shape: "itemShape",
    req sync_folder_id: "syncFolderId",
    opt sync_state: "syncState",
    opt ignore: "ignore",
    req max_changes_returned: "maxChangesReturned",
    opt sync_scope: "syncScope",
});

/// Builds a SyncFolderItems request envelope (JS `buildSyncFolderItemsRequest`).
pub fn build_sync_folder_items_request(opts: &SyncFolderItemsRequest) -> Result<String> {
    opts.to_xml()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::types::{parse_options, DistinguishedFolderIdName};

    #[test]
    fn new_defaults_to_a_full_page() {
        let r = SyncFolderItemsRequest::new(DistinguishedFolderIdName::Inbox);
        assert_eq!(r.max_changes_returned, 512);
        let xml = r.to_xml().unwrap();
        assert!(xml.contains(
            "<m:SyncFolderItems><m:ItemShape><t:BaseShape>IdOnly</t:BaseShape></m:ItemShape>\
             <m:SyncFolderId><t:DistinguishedFolderId Id=\"inbox\"/></m:SyncFolderId>\
             <m:MaxChangesReturned>512</m:MaxChangesReturned></m:SyncFolderItems>"
        ));
    }

    #[test]
    fn default_is_a_valid_request() {
        let r = SyncFolderItemsRequest::default();
        assert_eq!(
            r,
            SyncFolderItemsRequest::new(DistinguishedFolderIdName::Inbox)
        );
        r.validate().unwrap();
    }

    #[test]
    fn max_changes_is_bounded() {
        for (n, ok) in [
            (0, false),
            (1, true),
            (512, true),
            (513, false),
            (-1, false),
        ] {
            let mut r = SyncFolderItemsRequest::new(DistinguishedFolderIdName::Inbox);
            r.max_changes_returned = n;
            match r.to_xml() {
                Ok(_) => assert!(ok, "{n}"),
                Err(Error::InvalidOptions { path, .. }) => {
                    assert!(!ok, "{n}");
                    assert_eq!(path, "maxChangesReturned");
                }
                Err(e) => panic!("{e:?}"),
            }
        }
    }

    #[test]
    fn max_changes_is_required_in_json() {
        let e = parse_options::<SyncFolderItemsRequest>(
            r#"{"itemShape":{"baseShape":"Default"},"syncFolderId":{"distinguishedFolderId":{"id":"inbox"}}}"#,
        )
        .unwrap_err();
        assert!(
            matches!(&e, Error::InvalidOptions { path, .. } if path == "maxChangesReturned"),
            "{e:?}"
        );
    }
}
