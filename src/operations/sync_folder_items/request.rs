//! The SyncFolderItems request and its builder.

use crate::error::{Error, Result};
use crate::soap::{write_envelope, RequestHeader};
use crate::types::{ItemShape, TargetFolderId};
use crate::xml::XmlWriter;

// The struct, its options reader, TypeScript declaration, field checks and
// element order are one generated table (src/types/generated.rs, from
// model/model.json and messages.xsd); the operation's own code is here.
pub use crate::types::{SyncFolderItemsRequest, SyncFolderItemsScope};

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
        write_envelope(header, true, &|w| self.write_body(w))
    }

    fn validate_body(&self) -> Result<()> {
        // The table's checks, in schema order; then the range the schema's
        // `MaxSyncChangesReturnedType` sets.
        self.validate_fields("")?;
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
        self.write_fields(w);
        w.close("m:SyncFolderItems");
    }
}

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
