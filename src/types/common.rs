//! Small EWS types shared by requests and responses.

use super::ews_struct;

ews_struct! {
    /// An item identifier ([`ItemIdType`](https://learn.microsoft.com/en-us/exchange/client-developer/web-service-reference/itemid)):
    /// `Id` and optional `ChangeKey`. Also used for `ConversationId`, `PersonaId`,
    /// `ParentFolderId`-like ids and every other `ItemIdType` element.
    element ItemId {
        @ id: "Id" => String,
        @ change_key: "ChangeKey" => Option<String>,
    }
}

impl ItemId {
    /// An id without change key.
    pub fn new(id: impl Into<String>) -> Self {
        ItemId {
            id: id.into(),
            ..Default::default()
        }
    }

    /// An id with a change key.
    pub fn with_change_key(id: impl Into<String>, change_key: impl Into<String>) -> Self {
        ItemId {
            id: id.into(),
            change_key: Some(change_key.into()),
            ..Default::default()
        }
    }
}

ews_struct! {
    /// A folder identifier ([`FolderIdType`](https://learn.microsoft.com/en-us/exchange/client-developer/web-service-reference/folderid)).
    element FolderId {
        @ id: "Id" => String,
        @ change_key: "ChangeKey" => Option<String>,
    }
}

ews_struct! {
    /// A mailbox ([`EmailAddressType`](https://learn.microsoft.com/en-us/exchange/client-developer/web-service-reference/mailbox)):
    /// `Mailbox`, `EmailAddress` of a persona, `Address` of `EmailAddresses`, …
    element EmailAddress {
        name: "Name" => Option<String>,
        email_address: "EmailAddress" => Option<String>,
        routing_type: "RoutingType" => Option<String>,
        mailbox_type: "MailboxType" => Option<String>,
        item_id: "ItemId" => Option<ItemId>,
        original_display_name: "OriginalDisplayName" => Option<String>,
    }
}

ews_struct! {
    /// A single recipient (`From`, `Sender`, `Organizer`, `ReceivedBy`, …): `{ mailbox }`.
    element SingleRecipient {
        mailbox: "Mailbox" => Option<EmailAddress>,
    }
}

ews_struct! {
    /// An item body (`Body`, `UniqueBody`, `NormalizedBody`, `TextBody`).
    element Body {
        @ body_type: "BodyType" => Option<String>,
        @ is_truncated: "IsTruncated" => Option<bool>,
        = value: String,
    }
}

ews_struct! {
    /// The path to a MAPI property (`ExtendedFieldURI`, and `ExtendedProperty`
    /// in the IM requests).
    element ExtendedFieldUri {
        @ distinguished_property_set_id: "DistinguishedPropertySetId" => Option<String>,
        @ property_set_id: "PropertySetId" => Option<String>,
        @ property_tag: "PropertyTag" => Option<String>,
        @ property_name: "PropertyName" => Option<String>,
        @ property_id: "PropertyId" => Option<i32>,
        @ property_type: "PropertyType" => Option<String>,
    }
}

ews_struct! {
    /// An extended MAPI property value: its path and a `Value` or a list of `Values`.
    element ExtendedProperty {
        #[serde(rename = "extendedFieldURI")]
        extended_field_uri: "ExtendedFieldURI" => Option<ExtendedFieldUri>,
        value: "Value" => Option<String>,
        values: "Values" => Option<Vec<String>>,
    }
}

ews_struct! {
    /// `ServerVersionInfo` from the SOAP header: attributes only, all optional.
    element ServerVersionInfo {
        @ major_version: "MajorVersion" => Option<i32>,
        @ minor_version: "MinorVersion" => Option<i32>,
        @ major_build_number: "MajorBuildNumber" => Option<i32>,
        @ minor_build_number: "MinorBuildNumber" => Option<i32>,
        @ version: "Version" => Option<String>,
    }
}
