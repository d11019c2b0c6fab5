//! The GetConversationItems request and its builder.

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::json_in::{path_index, path_key};
use crate::soap::{write_envelope, RequestHeader};
use crate::types::check_base64;
use crate::types::{wire_enum, BaseFolderId, ItemIdRef, ItemShape};
use crate::xml::XmlWriter;

wire_enum! {
    /// The order of the conversation nodes in the response:
    /// [`SortOrder`](https://learn.microsoft.com/en-us/exchange/client-developer/web-service-reference/sortorder-conversationnodesortorder)
    /// (`ConversationNodeSortOrder`).
    ConversationNodeSortOrder {
        TreeOrderAscending = "TreeOrderAscending",
        TreeOrderDescending = "TreeOrderDescending",
        DateOrderAscending = "DateOrderAscending",
        DateOrderDescending = "DateOrderDescending",
    }
}

wire_enum! {
    /// Which mailboxes to search:
    /// [`MailboxScope`](https://learn.microsoft.com/en-us/exchange/client-developer/web-service-reference/mailboxscope)
    /// (`MailboxSearchLocationType`).
    MailboxSearchLocation {
        PrimaryOnly = "PrimaryOnly",
        ArchiveOnly = "ArchiveOnly",
        All = "All",
    }
}

/// One conversation to get:
/// [`Conversation`](https://learn.microsoft.com/en-us/exchange/client-developer/web-service-reference/conversation-conversationrequesttype)
/// (`ConversationRequestType`), JS `{ conversationId: { id, changeKey? }, syncState? }`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ConversationRequest {
    /// [`ConversationId`](https://learn.microsoft.com/en-us/exchange/client-developer/web-service-reference/conversationid).
    pub conversation_id: ItemIdRef,
    /// [`SyncState`](https://learn.microsoft.com/en-us/exchange/client-developer/web-service-reference/syncstate-base64binary)
    /// from an earlier response for this conversation: only newer items are
    /// returned. It is `xs:base64Binary` here and must be base64.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sync_state: Option<String>,
}

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

/// A [GetConversationItems](https://learn.microsoft.com/en-us/exchange/client-developer/web-service-reference/getconversationitems-operation)
/// request: the items of one or more conversations, organised in nodes.
///
/// JS options (`buildGetConversationItemsRequest(opts)`):
/// `{ header?, itemShape, foldersToIgnore?, maxItemsToReturn?, sortOrder?, mailboxScope?,
/// conversations: [{ conversationId: { id, changeKey? }, syncState? }] }`.
///
/// Rules checked before anything is written: `conversations` must not be empty;
/// `maxItemsToReturn` is at least 1; each `syncState` is base64; ids are
/// non-empty; every string can be carried by XML 1.0. An empty `foldersToIgnore`
/// is left out. `header.mailboxCulture` is validated but not written: the
/// operation does not take that header (Services.wsdl).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct GetConversationItemsRequest {
    /// The SOAP headers (default: `RequestServerVersion` `Exchange2013`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub header: Option<RequestHeader>,
    /// [`ItemShape`](https://learn.microsoft.com/en-us/exchange/client-developer/web-service-reference/itemshape).
    pub item_shape: ItemShape,
    /// [`FoldersToIgnore`](https://learn.microsoft.com/en-us/exchange/client-developer/web-service-reference/folderstoignore).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub folders_to_ignore: Vec<BaseFolderId>,
    /// [`MaxItemsToReturn`](https://learn.microsoft.com/en-us/exchange/client-developer/web-service-reference/maxitemstoreturn)
    /// (at least 1).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_items_to_return: Option<i32>,
    /// [`SortOrder`](https://learn.microsoft.com/en-us/exchange/client-developer/web-service-reference/sortorder-conversationnodesortorder).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sort_order: Option<ConversationNodeSortOrder>,
    /// [`MailboxScope`](https://learn.microsoft.com/en-us/exchange/client-developer/web-service-reference/mailboxscope).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mailbox_scope: Option<MailboxSearchLocation>,
    /// [`Conversations`](https://learn.microsoft.com/en-us/exchange/client-developer/web-service-reference/conversations-ex15websvcsotherref)
    /// (at least one).
    pub conversations: Vec<ConversationRequest>,
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
        write_envelope(header, false, |w| self.write_body(w))
    }

    fn validate_body(&self) -> Result<()> {
        self.item_shape.validate("itemShape")?;
        for (i, f) in self.folders_to_ignore.iter().enumerate() {
            f.validate(&path_index("foldersToIgnore", i))?;
        }
        if let Some(n) = self.max_items_to_return {
            if n < 1 {
                return Err(Error::invalid("maxItemsToReturn", "must be at least 1"));
            }
        }
        if self.conversations.is_empty() {
            return Err(Error::invalid(
                "conversations",
                "must name at least one conversation",
            ));
        }
        for (i, c) in self.conversations.iter().enumerate() {
            let path = path_index("conversations", i);
            c.conversation_id
                .validate(&path_key(&path, "conversationId"))?;
            if let Some(s) = &c.sync_state {
                check_base64(&path_key(&path, "syncState"), s)?;
            }
        }
        Ok(())
    }

    fn write_body(&self, w: &mut XmlWriter) {
        w.open("m:GetConversationItems", &[]);
        self.item_shape.write(w, "m:ItemShape");
        if !self.folders_to_ignore.is_empty() {
            w.open("m:FoldersToIgnore", &[]);
            for f in &self.folders_to_ignore {
                f.write(w);
            }
            w.close("m:FoldersToIgnore");
        }
        if let Some(n) = self.max_items_to_return {
            w.text_element("m:MaxItemsToReturn", &n.to_string());
        }
        if let Some(s) = self.sort_order {
            w.text_element("m:SortOrder", s.as_str());
        }
        if let Some(s) = self.mailbox_scope {
            w.text_element("m:MailboxScope", s.as_str());
        }
        w.open("m:Conversations", &[]);
        for c in &self.conversations {
            w.open("t:Conversation", &[]);
            c.conversation_id.write(w, "t:ConversationId");
            if let Some(s) = &c.sync_state {
                w.text_element("t:SyncState", s);
            }
            w.close("t:Conversation");
        }
        w.close("m:Conversations");
        w.close("m:GetConversationItems");
    }
}

crate::json_in::json_struct!(ConversationRequest {
    req conversation_id: "conversationId",
    opt sync_state: "syncState",
});

crate::json_in::json_struct!(GetConversationItemsRequest {
    opt header: "header",
    req item_shape: "itemShape",
    opt folders_to_ignore: "foldersToIgnore",
    opt max_items_to_return: "maxItemsToReturn",
    opt sort_order: "sortOrder",
    opt mailbox_scope: "mailboxScope",
    req conversations: "conversations",
});

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
