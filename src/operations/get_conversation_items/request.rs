//! The GetConversationItems request and its builder.

use crate::error::{Error, Result};
use crate::soap::{write_envelope, RequestHeader};
use crate::types::{ItemIdRef, ItemShape};
use crate::xml::XmlWriter;

// The structs, their options readers, TypeScript declarations, field checks
// and element order are generated tables (src/types/generated.rs, from
// model/model.json and the schema); the operation's own code is here.
pub use crate::types::{
    ConversationNodeSortOrder, ConversationRequest, GetConversationItemsRequest,
    MailboxSearchLocation,
};

impl ConversationRequest {
    /// A conversation by id, without sync state.
    pub fn new(conversation_id: impl Into<String>) -> Self {
        ConversationRequest {
            conversation_id: ItemIdRef::new(conversation_id),
            sync_state: None,
        }
    }

    /// Sets the sync state from an earlier response.
    pub fn with_sync_state(mut self, sync_state: impl Into<String>) -> Self {
        self.sync_state = Some(sync_state.into());
        self
    }
}

impl GetConversationItemsRequest {
    /// The operation name.
    pub const OPERATION: &'static str = "GetConversationItems";

    /// A request for these conversations in this shape; everything else unset.
    pub fn new(
        item_shape: ItemShape,
        conversations: impl IntoIterator<Item = ConversationRequest>,
    ) -> Self {
        GetConversationItemsRequest {
            item_shape,
            conversations: conversations.into_iter().collect(),
            ..Default::default()
        }
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
        write_envelope(header, false, &|w| self.write_body(w))
    }

    fn validate_body(&self) -> Result<()> {
        // The table's checks, in schema order (`conversations[i]` included);
        // an empty `conversations` has none of its own, so refusing it after
        // them keeps the order of the errors.
        self.validate_fields("")?;
        if self.conversations.is_empty() {
            return Err(Error::invalid(
                "conversations",
                "must name at least one conversation",
            ));
        }
        Ok(())
    }

    fn write_body(&self, w: &mut XmlWriter) {
        w.open("m:GetConversationItems", &[]);
        self.write_fields(w);
        w.close("m:GetConversationItems");
    }
}

/// Builds a GetConversationItems request envelope (JS `buildGetConversationItemsRequest`).
pub fn build_get_conversation_items_request(opts: &GetConversationItemsRequest) -> Result<String> {
    opts.to_xml()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::types::{parse_options, DistinguishedFolderIdName, PropertyPath};

    fn request() -> GetConversationItemsRequest {
        GetConversationItemsRequest::new(
            ItemShape::new(crate::types::BaseShape::IdOnly)
                .with_additional_properties([PropertyPath::field("item:Subject")]),
            [ConversationRequest::new("AAQk=")],
        )
    }

    #[test]
    fn writes_schema_order_and_no_culture() {
        let mut r = request();
        r.folders_to_ignore = vec![DistinguishedFolderIdName::DeletedItems.into()];
        r.max_items_to_return = Some(10);
        r.sort_order = Some(ConversationNodeSortOrder::TreeOrderDescending);
        r.mailbox_scope = Some(MailboxSearchLocation::All);
        r.header = Some(RequestHeader {
            mailbox_culture: Some("en-US".into()),
            ..Default::default()
        });
        let xml = r.to_xml().unwrap();
        assert!(!xml.contains("MailboxCulture"), "{xml}");
        let order = [
            "<m:ItemShape>",
            "<m:FoldersToIgnore>",
            "<m:MaxItemsToReturn>10<",
            "<m:SortOrder>TreeOrderDescending<",
            "<m:MailboxScope>All<",
            "<m:Conversations><t:Conversation><t:ConversationId Id=\"AAQk=\"/>",
        ];
        let pos: Vec<usize> = order.iter().map(|s| xml.find(s).unwrap()).collect();
        assert!(pos.windows(2).all(|w| w[0] < w[1]), "{xml}");
    }

    #[test]
    fn refuses_bad_options() {
        let path = |r: GetConversationItemsRequest| match r.to_xml().unwrap_err() {
            Error::InvalidOptions { path, .. } => path,
            e => panic!("{e:?}"),
        };
        let mut r = request();
        r.conversations.clear();
        assert_eq!(path(r), "conversations");
        let mut r = request();
        r.max_items_to_return = Some(0);
        assert_eq!(path(r), "maxItemsToReturn");
        let mut r = request();
        r.conversations[0].sync_state = Some("not base64!".into());
        assert_eq!(path(r), "conversations[0].syncState");
    }

    #[test]
    fn json_round_trip() {
        let r: GetConversationItemsRequest = parse_options(
            r#"{"itemShape":{"baseShape":"IdOnly"},"sortOrder":"DateOrderAscending",
                "conversations":[{"conversationId":{"id":"x"},"syncState":"AQID"}]}"#,
        )
        .unwrap();
        assert_eq!(
            r.sort_order,
            Some(ConversationNodeSortOrder::DateOrderAscending)
        );
        let json = serde_json::to_string(&r).unwrap();
        assert_eq!(
            json,
            r#"{"itemShape":{"baseShape":"IdOnly"},"sortOrder":"DateOrderAscending","conversations":[{"conversationId":{"id":"x"},"syncState":"AQID"}]}"#
        );
    }
}
