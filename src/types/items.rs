//! Items: every kind the schema allows in `ConversationNode/Items` and in
//! `SyncFolderItems` `Create`/`Update`, with the schema's properties typed.
//!
//! The field tables below follow the Exchange 2018 schema (`types.xsd`) element
//! by element, in schema order, and were generated from it. A property whose type
//! the library does not model in detail is an [`XmlNode`] (a plain tree of its
//! content); an element the schema does not have is kept verbatim in
//! `unknown_elements`; an item kind the schema does not have is [`Item::Unknown`].

use serde::ser::SerializeMap;
use serde::{Deserialize, Serialize, Serializer};

use crate::error::Result;
use crate::types::{
    ews_struct, Body, EmailAddress, ExtendedProperty, FolderId, ItemId, SingleRecipient,
};
use crate::xml::{js_name, FromXml, RawElement, Start, XmlReader};

/// Any element, as a plain tree: attributes, text and children by local name.
///
/// In JSON a leaf without attributes is its text; anything else is an object of
/// its attributes and children by JS name (a repeated child becomes an array),
/// with non-blank text under `value`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct XmlNode {
    /// Attributes by local name (namespace declarations excluded).
    pub attributes: Vec<(String, String)>,
    /// Character data directly inside the element.
    pub text: String,
    /// Child elements by local name, in document order.
    pub children: Vec<(String, XmlNode)>,
}

impl XmlNode {
    /// The first child with this local name.
    pub fn child(&self, name: &str) -> Option<&XmlNode> {
        self.children
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, c)| c)
    }

    /// The value of an attribute by local name.
    pub fn attribute(&self, name: &str) -> Option<&str> {
        self.attributes
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
}

impl FromXml for XmlNode {
    fn from_xml<'a>(r: &mut XmlReader<'a>, s: &Start<'a>) -> Result<Option<Self>> {
        if !r.enter_node() {
            // Deeper than any schema type nests: keep the rest as its source text,
            // so the recursion (and its stack use) stays bounded whatever maxDepth is.
            let raw = r.capture(s)?;
            return Ok(Some(XmlNode {
                text: raw.xml,
                ..Default::default()
            }));
        }
        let node = Self::read_node(r, s);
        r.leave_node();
        node.map(Some)
    }
}

impl XmlNode {
    /// The children grouped by name, each group in document order and the
    /// groups in the order of their first member. Linear for any real input
    /// and O(n log n) at worst, whatever the names (a scan of the earlier
    /// siblings for each child, as 0.1.0 did, is quadratic on a wide element).
    fn grouped_children(&self) -> Vec<(&str, Vec<&XmlNode>)> {
        self.group_by_hash().unwrap_or_else(|| self.group_by_sort())
    }

    /// Grouping through an open-addressing table of the names (FNV-1a,
    /// linear probing). `None` when a probe runs longer than any chance
    /// collision makes it, as names written to collide would: the caller then
    /// sorts instead, so such names cost O(n log n), never O(n²).
    fn group_by_hash(&self) -> Option<Vec<(&str, Vec<&XmlNode>)>> {
        const EMPTY: usize = usize::MAX;
        const MAX_PROBES: usize = 48;
        let size = (2 * self.children.len()).next_power_of_two().max(8);
        let mask = size - 1;
        let mut table = vec![EMPTY; size];
        let mut groups: Vec<(&str, Vec<&XmlNode>)> = Vec::new();
        for (name, child) in &self.children {
            let hash = name.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
                (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
            });
            let mut slot = hash as usize & mask;
            let mut probes = 0;
            loop {
                let entry = table.get_mut(slot)?;
                if *entry == EMPTY {
                    *entry = groups.len();
                    groups.push((name, vec![child]));
                    break;
                }
                let group = groups.get_mut(*entry)?;
                if group.0 == name {
                    group.1.push(child);
                    break;
                }
                probes += 1;
                if probes > MAX_PROBES {
                    return None;
                }
                slot = (slot + 1) & mask;
            }
        }
        Some(groups)
    }

    /// The same grouping by sorting (name, index) pairs: O(n log n) always.
    fn group_by_sort(&self) -> Vec<(&str, Vec<&XmlNode>)> {
        let mut by_name: Vec<(&str, usize)> = self
            .children
            .iter()
            .enumerate()
            .map(|(i, (name, _))| (name.as_str(), i))
            .collect();
        heap_sort(&mut by_name);
        // Runs of one name, members in document order (the index breaks ties);
        // each group is then emitted at the position of its first member.
        let mut groups: Vec<(&str, Vec<&XmlNode>)> = Vec::new();
        let mut starts_group: Vec<Option<usize>> = vec![None; by_name.len()];
        for &(name, i) in &by_name {
            let Some((_, child)) = self.children.get(i) else {
                continue;
            };
            match groups.last_mut() {
                Some((last, members)) if *last == name => members.push(child),
                _ => {
                    if let Some(slot) = starts_group.get_mut(i) {
                        *slot = Some(groups.len());
                    }
                    groups.push((name, vec![child]));
                }
            }
        }
        let mut slots: Vec<Option<(&str, Vec<&XmlNode>)>> = groups.into_iter().map(Some).collect();
        starts_group
            .into_iter()
            .flatten()
            .filter_map(|g| slots.get_mut(g).and_then(Option::take))
            .collect()
    }

    fn read_node<'a>(r: &mut XmlReader<'a>, s: &Start<'a>) -> Result<Self> {
        let mut node = XmlNode::default();
        s.for_each_attr(&mut |k, v| node.attributes.push((k.to_owned(), v.into_owned())))?;
        let mut children = Vec::new();
        node.text = r.mixed(s, |r, c| {
            if let Some(child) = XmlNode::from_xml(r, c)? {
                children.push((c.local().to_owned(), child));
            }
            Ok(())
        })?;
        node.children = children;
        Ok(node)
    }
}

/// Sorts in place in O(n log n) time and O(1) space: a heap sort, a few dozen
/// bytes of wasm for its one element type where the standard library's sorts
/// cost kilobytes.
fn heap_sort<T: Ord + Copy>(v: &mut [T]) {
    fn sift_down<T: Ord + Copy>(v: &mut [T], mut root: usize, end: usize) {
        loop {
            let mut child = 2 * root + 1;
            if child >= end {
                return;
            }
            if child + 1 < end && v.get(child) < v.get(child + 1) {
                child += 1;
            }
            if v.get(root) >= v.get(child) {
                return;
            }
            v.swap(root, child);
            root = child;
        }
    }
    let n = v.len();
    for root in (0..n / 2).rev() {
        sift_down(v, root, n);
    }
    for end in (1..n).rev() {
        v.swap(0, end);
        sift_down(v, 0, end);
    }
}

impl Serialize for XmlNode {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        if self.attributes.is_empty() && self.children.is_empty() {
            return s.serialize_str(&self.text);
        }
        let mut map = s.serialize_map(None)?;
        for (k, v) in &self.attributes {
            map.serialize_entry(&js_name(k), v)?;
        }
        for (name, same) in self.grouped_children() {
            match same.as_slice() {
                [one] => map.serialize_entry(&js_name(name), one)?,
                _ => map.serialize_entry(&js_name(name), &same)?,
            }
        }
        if !self.text.trim().is_empty() {
            map.serialize_entry("value", &self.text)?;
        }
        map.end()
    }
}

impl crate::json::ToJson for XmlNode {
    fn write_json(&self, out: &mut crate::json::JsonOut) {
        if self.attributes.is_empty() && self.children.is_empty() {
            out.string(&self.text);
            return;
        }
        out.begin_object();
        for (k, v) in &self.attributes {
            out.wire_key(k);
            out.string(v);
        }
        for (name, same) in self.grouped_children() {
            out.wire_key(name);
            match same.as_slice() {
                [one] => one.write_json(out),
                _ => {
                    out.begin_array();
                    for c in same {
                        c.write_json(out);
                    }
                    out.end_array();
                }
            }
        }
        if !self.text.trim().is_empty() {
            out.key("value");
            out.string(&self.text);
        }
        out.end_object();
    }
}

impl<'de> Deserialize<'de> for XmlNode {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        fn from_value(v: serde_json::Value) -> XmlNode {
            match v {
                serde_json::Value::Object(map) => {
                    let mut node = XmlNode::default();
                    for (k, v) in map {
                        match v {
                            serde_json::Value::Array(items) => {
                                for item in items {
                                    node.children.push((k.clone(), from_value(item)));
                                }
                            }
                            serde_json::Value::String(s) if k == "value" => node.text = s,
                            other => node.children.push((k, from_value(other))),
                        }
                    }
                    node
                }
                serde_json::Value::String(s) => XmlNode {
                    text: s,
                    ..Default::default()
                },
                other => XmlNode {
                    text: other.to_string(),
                    ..Default::default()
                },
            }
        }
        serde_json::Value::deserialize(d).map(from_value)
    }
}

ews_struct! {
    /// `MimeContent`: the item's MIME, base64, with its character set.
    element MimeContent {
        @ character_set: "CharacterSet" => Option<String>,
        = value: String,
    }
}

ews_struct! {
    /// A retention tag (`PolicyTag`, `ArchiveTag`): a GUID and whether it was set explicitly.
    element RetentionTag {
        @ is_explicit: "IsExplicit" => Option<bool>,
        = value: String,
    }
}

ews_struct! {
    /// One `InternetMessageHeader`.
    element InternetMessageHeader {
        @ header_name: "HeaderName" => String,
        = value: String,
    }
}

ews_struct! {
    /// `EffectiveRights`: what the caller may do with the item.
    element EffectiveRights {
        create_associated: "CreateAssociated" => Option<bool>,
        create_contents: "CreateContents" => Option<bool>,
        create_hierarchy: "CreateHierarchy" => Option<bool>,
        delete: "Delete" => Option<bool>,
        modify: "Modify" => Option<bool>,
        read: "Read" => Option<bool>,
        view_private_items: "ViewPrivateItems" => Option<bool>,
    }
}

ews_struct! {
    /// `Flag`: follow-up status and dates.
    element Flag {
        flag_status: "FlagStatus" => Option<String>,
        start_date: "StartDate" => Option<String>,
        due_date: "DueDate" => Option<String>,
        complete_date: "CompleteDate" => Option<String>,
    }
}

ews_struct! {
    /// An `Attendee` of a meeting.
    element Attendee {
        mailbox: "Mailbox" => Option<EmailAddress>,
        response_type: "ResponseType" => Option<String>,
        last_response_time: "LastResponseTime" => Option<String>,
        proposed_start: "ProposedStart" => Option<String>,
        proposed_end: "ProposedEnd" => Option<String>,
    }
}

ews_struct! {
    /// A keyed entry of a contact's `EmailAddresses`, `PhoneNumbers` or `ImAddresses`.
    element DictionaryEntry {
        @ key: "Key" => String,
        @ name: "Name" => Option<String>,
        @ routing_type: "RoutingType" => Option<String>,
        @ mailbox_type: "MailboxType" => Option<String>,
        = value: String,
    }
}

ews_struct! {
    /// A keyed entry of a contact's `PhysicalAddresses`.
    element PhysicalAddress {
        @ key: "Key" => String,
        street: "Street" => Option<String>,
        city: "City" => Option<String>,
        state: "State" => Option<String>,
        country_or_region: "CountryOrRegion" => Option<String>,
        postal_code: "PostalCode" => Option<String>,
    }
}

ews_struct! {
    /// A contact's `CompleteName`.
    element CompleteName {
        title: "Title" => Option<String>,
        first_name: "FirstName" => Option<String>,
        middle_name: "MiddleName" => Option<String>,
        last_name: "LastName" => Option<String>,
        suffix: "Suffix" => Option<String>,
        initials: "Initials" => Option<String>,
        full_name: "FullName" => Option<String>,
        nickname: "Nickname" => Option<String>,
        yomi_first_name: "YomiFirstName" => Option<String>,
        yomi_last_name: "YomiLastName" => Option<String>,
    }
}

ews_struct! {
    /// A distribution list `Member`.
    element Member {
        @ key: "Key" => Option<String>,
        mailbox: "Mailbox" => Option<EmailAddress>,
        status: "Status" => Option<String>,
    }
}

ews_struct! {
    /// A recurrence pattern (`WeeklyRecurrence`, `RelativeMonthlyRecurrence`,
    /// `DailyRegeneration`, …): the fields of every pattern type, each kind using
    /// the ones its schema type has.
    element RecurrencePattern {
        interval: "Interval" => Option<i32>,
        /// Space-separated day names (`Monday Wednesday`), or `Day`/`Weekday`/`WeekendDay`.
        days_of_week: "DaysOfWeek" => Option<String>,
        day_of_week_index: "DayOfWeekIndex" => Option<String>,
        month: "Month" => Option<String>,
        day_of_month: "DayOfMonth" => Option<i32>,
        first_day_of_week: "FirstDayOfWeek" => Option<String>,
    }
}

ews_struct! {
    /// A recurrence range (`NoEndRecurrence`, `EndDateRecurrence`, `NumberedRecurrence`).
    element RecurrenceRange {
        start_date: "StartDate" => Option<String>,
        end_date: "EndDate" => Option<String>,
        number_of_occurrences: "NumberOfOccurrences" => Option<i32>,
    }
}

ews_struct! {
    /// `Recurrence` (`RecurrenceType`, and `TaskRecurrenceType` with its
    /// regeneration patterns): one pattern and one range, under their element names.
    element Recurrence {
        relative_yearly_recurrence: "RelativeYearlyRecurrence" => Option<RecurrencePattern>,
        absolute_yearly_recurrence: "AbsoluteYearlyRecurrence" => Option<RecurrencePattern>,
        relative_monthly_recurrence: "RelativeMonthlyRecurrence" => Option<RecurrencePattern>,
        absolute_monthly_recurrence: "AbsoluteMonthlyRecurrence" => Option<RecurrencePattern>,
        weekly_recurrence: "WeeklyRecurrence" => Option<RecurrencePattern>,
        daily_recurrence: "DailyRecurrence" => Option<RecurrencePattern>,
        daily_regeneration: "DailyRegeneration" => Option<RecurrencePattern>,
        weekly_regeneration: "WeeklyRegeneration" => Option<RecurrencePattern>,
        monthly_regeneration: "MonthlyRegeneration" => Option<RecurrencePattern>,
        yearly_regeneration: "YearlyRegeneration" => Option<RecurrencePattern>,
        no_end_recurrence: "NoEndRecurrence" => Option<RecurrenceRange>,
        end_date_recurrence: "EndDateRecurrence" => Option<RecurrenceRange>,
        numbered_recurrence: "NumberedRecurrence" => Option<RecurrenceRange>,
    }
}

ews_struct! {
    /// An occurrence of a recurring series (`FirstOccurrence`, `LastOccurrence`,
    /// an entry of `ModifiedOccurrences`).
    element Occurrence {
        item_id: "ItemId" => Option<ItemId>,
        start: "Start" => Option<String>,
        end: "End" => Option<String>,
        original_start: "OriginalStart" => Option<String>,
    }
}

ews_struct! {
    /// An entry of `DeletedOccurrences`.
    element DeletedOccurrence {
        start: "Start" => Option<String>,
    }
}

ews_struct! {
    /// The properties every attachment kind shares (`AttachmentType`).
    fields AttachmentFields {
        attachment_id: "AttachmentId" => Option<XmlNode>,
        name: "Name" => Option<String>,
        content_type: "ContentType" => Option<String>,
        content_id: "ContentId" => Option<String>,
        content_location: "ContentLocation" => Option<String>,
        attachment_original_url: "AttachmentOriginalUrl" => Option<String>,
        size: "Size" => Option<i32>,
        last_modified_time: "LastModifiedTime" => Option<String>,
        is_inline: "IsInline" => Option<bool>,
    }
}

ews_struct! {
    /// A `FileAttachment`.
    element FileAttachment {
        .. attachment: AttachmentFields,
        is_contact_photo: "IsContactPhoto" => Option<bool>,
        content: "Content" => Option<String>,
    }
}

ews_struct! {
    /// An `ItemAttachment`: an attachment that is itself an item.
    element ItemAttachment {
        .. attachment: AttachmentFields,
        item: "Item" => Option<Item>,
        message: "Message" => Option<Item>,
        sharing_message: "SharingMessage" => Option<Item>,
        calendar_item: "CalendarItem" => Option<Item>,
        contact: "Contact" => Option<Item>,
        meeting_message: "MeetingMessage" => Option<Item>,
        meeting_request: "MeetingRequest" => Option<Item>,
        meeting_response: "MeetingResponse" => Option<Item>,
        meeting_cancellation: "MeetingCancellation" => Option<Item>,
        task: "Task" => Option<Item>,
        post_item: "PostItem" => Option<Item>,
        role_member: "RoleMember" => Option<Item>,
        network: "Network" => Option<Item>,
        person: "Person" => Option<Item>,
    }
}

ews_struct! {
    /// A `ReferenceAttachment` (a link to a file in the cloud).
    element ReferenceAttachment {
        .. attachment: AttachmentFields,
        attach_long_path_name: "AttachLongPathName" => Option<String>,
        provider_type: "ProviderType" => Option<String>,
        provider_endpoint_url: "ProviderEndpointUrl" => Option<String>,
        attachment_thumbnail_url: "AttachmentThumbnailUrl" => Option<String>,
        attachment_preview_url: "AttachmentPreviewUrl" => Option<String>,
        permission_type: "PermissionType" => Option<i32>,
        original_permission_type: "OriginalPermissionType" => Option<i32>,
        attachment_is_folder: "AttachmentIsFolder" => Option<bool>,
    }
}

/// Declares an enum of element kinds (`{ kind: 'FileAttachment', … }` in JSON):
/// each variant is read from the element of its name, anything else is kept
/// verbatim as `Unknown`. `$enter`/`$leave` run around each known kind (items
/// use them to bound their nesting).
macro_rules! kind_enum {
    (
        $(#[$m:meta])*
        $name:ident [$enter:expr, $leave:expr, $items:literal] { $($variant:ident($ty:ty) = $doc:literal,)* }
    ) => {
        $(#[$m])*
        #[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
        #[serde(tag = "kind")]
        pub enum $name {
            $( #[doc = $doc] $variant(Box<$ty>), )*
            /// A kind the schema does not have, verbatim: `{ kind: 'Unknown', elementName, xml }`.
            Unknown(RawElement),
        }

        impl $name {
            /// The element name (`Unknown` for a kind the schema does not have).
            pub fn kind(&self) -> &'static str {
                match self {
                    $( $name::$variant(_) => stringify!($variant), )*
                    $name::Unknown(_) => "Unknown",
                }
            }
        }

        impl crate::json::ToJson for $name {
            fn write_json(&self, out: &mut crate::json::JsonOut) {
                use crate::json::JsonFields;
                out.begin_object();
                out.key("kind");
                out.string(self.kind());
                match self {
                    $( $name::$variant(v) => v.write_fields(out), )*
                    $name::Unknown(raw) => raw.write_fields(out),
                }
                out.end_object();
            }
        }

        // The engine's table: one type per element name.
        impl crate::types::engine::ValueDesc for $name {
            const KIND: crate::types::engine::Kind = crate::types::engine::Kind::Choice(
                &crate::types::engine::ChoiceDesc {
                    variants: &[$(
                        (stringify!($variant), <$ty as crate::types::engine::Described>::desc),
                    )*],
                    items: $items,
                },
            );
        }

        impl FromXml for $name {
            fn from_xml<'a>(r: &mut XmlReader<'a>, s: &Start<'a>) -> Result<Option<Self>> {
                let known = matches!(s.local(), $( stringify!($variant) )|*);
                let enter: fn(&mut XmlReader<'a>) -> bool = $enter;
                if !known || !enter(r) {
                    return Ok(Some($name::Unknown(r.capture(s)?)));
                }
                let read = (|| -> Result<$name> {
                    Ok(match s.local() {
                        $( stringify!($variant) => match <Box<$ty>>::from_xml(r, s)? {
                            Some(v) => $name::$variant(v),
                            None => $name::Unknown(r.raw_since(s)),
                        }, )*
                        _ => $name::Unknown(r.capture(s)?),
                    })
                })();
                let leave: fn(&mut XmlReader<'a>) = $leave;
                leave(r);
                read.map(Some)
            }
        }
    };
}

kind_enum! {
    /// One entry of `Attachments`, discriminated by `kind` (the element name).
    Attachment [|_| true, |_| (), false] {
        FileAttachment(FileAttachment) = "`FileAttachment`.",
        ItemAttachment(ItemAttachment) = "`ItemAttachment`.",
        ReferenceAttachment(ReferenceAttachment) = "`ReferenceAttachment`.",
    }
}

ews_struct! {
    /// The children of `ItemType`.
    fields ItemFields {
        mime_content: "MimeContent" => Option<MimeContent>,
        item_id: "ItemId" => Option<ItemId>,
        parent_folder_id: "ParentFolderId" => Option<FolderId>,
        item_class: "ItemClass" => Option<String>,
        subject: "Subject" => Option<String>,
        sensitivity: "Sensitivity" => Option<String>,
        body: "Body" => Option<Body>,
        attachments: "Attachments" => Option<Vec<Attachment>>,
        date_time_received: "DateTimeReceived" => Option<String>,
        size: "Size" => Option<i32>,
        categories: "Categories" => Option<Vec<String>>,
        importance: "Importance" => Option<String>,
        in_reply_to: "InReplyTo" => Option<String>,
        is_submitted: "IsSubmitted" => Option<bool>,
        is_draft: "IsDraft" => Option<bool>,
        is_from_me: "IsFromMe" => Option<bool>,
        is_resend: "IsResend" => Option<bool>,
        is_unmodified: "IsUnmodified" => Option<bool>,
        internet_message_headers: "InternetMessageHeaders" => Option<Vec<InternetMessageHeader>>,
        date_time_sent: "DateTimeSent" => Option<String>,
        date_time_created: "DateTimeCreated" => Option<String>,
        response_objects: "ResponseObjects" => Option<Vec<Item>>,
        reminder_due_by: "ReminderDueBy" => Option<String>,
        reminder_is_set: "ReminderIsSet" => Option<bool>,
        reminder_next_time: "ReminderNextTime" => Option<String>,
        reminder_minutes_before_start: "ReminderMinutesBeforeStart" => Option<i32>,
        display_cc: "DisplayCc" => Option<String>,
        display_to: "DisplayTo" => Option<String>,
        display_bcc: "DisplayBcc" => Option<String>,
        has_attachments: "HasAttachments" => Option<bool>,
        extended_property: "ExtendedProperty" => Vec<ExtendedProperty>,
        culture: "Culture" => Option<String>,
        effective_rights: "EffectiveRights" => Option<EffectiveRights>,
        last_modified_name: "LastModifiedName" => Option<String>,
        last_modified_time: "LastModifiedTime" => Option<String>,
        is_associated: "IsAssociated" => Option<bool>,
        web_client_read_form_query_string: "WebClientReadFormQueryString" => Option<String>,
        web_client_edit_form_query_string: "WebClientEditFormQueryString" => Option<String>,
        conversation_id: "ConversationId" => Option<ItemId>,
        unique_body: "UniqueBody" => Option<Body>,
        flag: "Flag" => Option<Flag>,
        store_entry_id: "StoreEntryId" => Option<String>,
        instance_key: "InstanceKey" => Option<String>,
        normalized_body: "NormalizedBody" => Option<Body>,
        entity_extraction_result: "EntityExtractionResult" => Option<XmlNode>,
        policy_tag: "PolicyTag" => Option<RetentionTag>,
        archive_tag: "ArchiveTag" => Option<RetentionTag>,
        retention_date: "RetentionDate" => Option<String>,
        preview: "Preview" => Option<String>,
        rights_management_license_data: "RightsManagementLicenseData" => Option<XmlNode>,
        predicted_action_reasons: "PredictedActionReasons" => Option<Vec<XmlNode>>,
        is_clutter: "IsClutter" => Option<bool>,
        block_status: "BlockStatus" => Option<bool>,
        has_blocked_images: "HasBlockedImages" => Option<bool>,
        text_body: "TextBody" => Option<Body>,
        icon_index: "IconIndex" => Option<String>,
        search_key: "SearchKey" => Option<String>,
        /// `xs:long`, kept as its text: a JavaScript number cannot hold every 64-bit value.
        sort_key: "SortKey" => Option<String>,
        hashtags: "Hashtags" => Option<Vec<String>>,
        mentions: "Mentions" => Option<Vec<EmailAddress>>,
        mentioned_me: "MentionedMe" => Option<bool>,
        mentions_preview: "MentionsPreview" => Option<XmlNode>,
        mentions_ex: "MentionsEx" => Option<Vec<XmlNode>>,
        applied_hashtags: "AppliedHashtags" => Option<Vec<XmlNode>>,
        applied_hashtags_preview: "AppliedHashtagsPreview" => Option<XmlNode>,
        likes: "Likes" => Option<Vec<XmlNode>>,
        likes_preview: "LikesPreview" => Option<XmlNode>,
        pending_social_activity_tag_ids: "PendingSocialActivityTagIds" => Option<Vec<String>>,
        at_all_mention: "AtAllMention" => Option<bool>,
        can_delete: "CanDelete" => Option<bool>,
        inference_classification: "InferenceClassification" => Option<String>,
    }
}

ews_struct! {
    /// The children of `MessageType`.
    fields MessageFields {
        sender: "Sender" => Option<SingleRecipient>,
        to_recipients: "ToRecipients" => Option<Vec<EmailAddress>>,
        cc_recipients: "CcRecipients" => Option<Vec<EmailAddress>>,
        bcc_recipients: "BccRecipients" => Option<Vec<EmailAddress>>,
        is_read_receipt_requested: "IsReadReceiptRequested" => Option<bool>,
        is_delivery_receipt_requested: "IsDeliveryReceiptRequested" => Option<bool>,
        conversation_index: "ConversationIndex" => Option<String>,
        conversation_topic: "ConversationTopic" => Option<String>,
        from: "From" => Option<SingleRecipient>,
        internet_message_id: "InternetMessageId" => Option<String>,
        is_read: "IsRead" => Option<bool>,
        is_response_requested: "IsResponseRequested" => Option<bool>,
        references: "References" => Option<String>,
        reply_to: "ReplyTo" => Option<Vec<EmailAddress>>,
        received_by: "ReceivedBy" => Option<SingleRecipient>,
        received_representing: "ReceivedRepresenting" => Option<SingleRecipient>,
        approval_request_data: "ApprovalRequestData" => Option<XmlNode>,
        voting_information: "VotingInformation" => Option<XmlNode>,
        reminder_message_data: "ReminderMessageData" => Option<XmlNode>,
        message_safety: "MessageSafety" => Option<XmlNode>,
        #[serde(rename = "senderSMTPAddress")]
        sender_smtp_address: "SenderSMTPAddress" => Option<String>,
        mailbox_guids: "MailboxGuids" => Option<Vec<String>>,
        published_calendar_item_ics: "PublishedCalendarItemIcs" => Option<String>,
        published_calendar_item_name: "PublishedCalendarItemName" => Option<String>,
    }
}

ews_struct! {
    /// The children of `MeetingMessageType`.
    fields MeetingMessageFields {
        associated_calendar_item_id: "AssociatedCalendarItemId" => Option<ItemId>,
        is_delegated: "IsDelegated" => Option<bool>,
        is_out_of_date: "IsOutOfDate" => Option<bool>,
        has_been_processed: "HasBeenProcessed" => Option<bool>,
        response_type: "ResponseType" => Option<String>,
        uid: "UID" => Option<String>,
        recurrence_id: "RecurrenceId" => Option<String>,
        date_time_stamp: "DateTimeStamp" => Option<String>,
        is_organizer: "IsOrganizer" => Option<bool>,
    }
}

ews_struct! {
    /// The children of `MeetingRequestMessageType`.
    fields MeetingRequestFields {
        meeting_request_type: "MeetingRequestType" => Option<String>,
        intended_free_busy_status: "IntendedFreeBusyStatus" => Option<String>,
        start: "Start" => Option<String>,
        end: "End" => Option<String>,
        original_start: "OriginalStart" => Option<String>,
        is_all_day_event: "IsAllDayEvent" => Option<bool>,
        legacy_free_busy_status: "LegacyFreeBusyStatus" => Option<String>,
        location: "Location" => Option<String>,
        when: "When" => Option<String>,
        is_meeting: "IsMeeting" => Option<bool>,
        is_cancelled: "IsCancelled" => Option<bool>,
        is_recurring: "IsRecurring" => Option<bool>,
        meeting_request_was_sent: "MeetingRequestWasSent" => Option<bool>,
        calendar_item_type: "CalendarItemType" => Option<String>,
        my_response_type: "MyResponseType" => Option<String>,
        organizer: "Organizer" => Option<SingleRecipient>,
        required_attendees: "RequiredAttendees" => Option<Vec<Attendee>>,
        optional_attendees: "OptionalAttendees" => Option<Vec<Attendee>>,
        resources: "Resources" => Option<Vec<Attendee>>,
        conflicting_meeting_count: "ConflictingMeetingCount" => Option<i32>,
        adjacent_meeting_count: "AdjacentMeetingCount" => Option<i32>,
        conflicting_meetings: "ConflictingMeetings" => Option<Vec<Item>>,
        adjacent_meetings: "AdjacentMeetings" => Option<Vec<Item>>,
        duration: "Duration" => Option<String>,
        time_zone: "TimeZone" => Option<String>,
        appointment_reply_time: "AppointmentReplyTime" => Option<String>,
        appointment_sequence_number: "AppointmentSequenceNumber" => Option<i32>,
        appointment_state: "AppointmentState" => Option<i32>,
        recurrence: "Recurrence" => Option<Recurrence>,
        first_occurrence: "FirstOccurrence" => Option<Occurrence>,
        last_occurrence: "LastOccurrence" => Option<Occurrence>,
        modified_occurrences: "ModifiedOccurrences" => Option<Vec<Occurrence>>,
        deleted_occurrences: "DeletedOccurrences" => Option<Vec<DeletedOccurrence>>,
        meeting_time_zone: "MeetingTimeZone" => Option<XmlNode>,
        start_time_zone: "StartTimeZone" => Option<XmlNode>,
        end_time_zone: "EndTimeZone" => Option<XmlNode>,
        conference_type: "ConferenceType" => Option<i32>,
        allow_new_time_proposal: "AllowNewTimeProposal" => Option<bool>,
        is_online_meeting: "IsOnlineMeeting" => Option<bool>,
        meeting_workspace_url: "MeetingWorkspaceUrl" => Option<String>,
        net_show_url: "NetShowUrl" => Option<String>,
        enhanced_location: "EnhancedLocation" => Option<XmlNode>,
        change_highlights: "ChangeHighlights" => Option<XmlNode>,
        start_wall_clock: "StartWallClock" => Option<String>,
        end_wall_clock: "EndWallClock" => Option<String>,
        start_time_zone_id: "StartTimeZoneId" => Option<String>,
        end_time_zone_id: "EndTimeZoneId" => Option<String>,
        do_not_forward_meeting: "DoNotForwardMeeting" => Option<bool>,
    }
}

ews_struct! {
    /// The children of `MeetingResponseMessageType`.
    fields MeetingResponseFields {
        start: "Start" => Option<String>,
        end: "End" => Option<String>,
        location: "Location" => Option<String>,
        recurrence: "Recurrence" => Option<Recurrence>,
        calendar_item_type: "CalendarItemType" => Option<String>,
        proposed_start: "ProposedStart" => Option<String>,
        proposed_end: "ProposedEnd" => Option<String>,
        enhanced_location: "EnhancedLocation" => Option<XmlNode>,
    }
}

ews_struct! {
    /// The children of `MeetingCancellationMessageType`.
    fields MeetingCancellationFields {
        start: "Start" => Option<String>,
        end: "End" => Option<String>,
        location: "Location" => Option<String>,
        recurrence: "Recurrence" => Option<Recurrence>,
        calendar_item_type: "CalendarItemType" => Option<String>,
        enhanced_location: "EnhancedLocation" => Option<XmlNode>,
        do_not_forward_meeting: "DoNotForwardMeeting" => Option<bool>,
    }
}

ews_struct! {
    /// The children of `CalendarItemType`.
    fields CalendarItemFields {
        uid: "UID" => Option<String>,
        recurrence_id: "RecurrenceId" => Option<String>,
        date_time_stamp: "DateTimeStamp" => Option<String>,
        start: "Start" => Option<String>,
        end: "End" => Option<String>,
        original_start: "OriginalStart" => Option<String>,
        is_all_day_event: "IsAllDayEvent" => Option<bool>,
        legacy_free_busy_status: "LegacyFreeBusyStatus" => Option<String>,
        location: "Location" => Option<String>,
        when: "When" => Option<String>,
        is_meeting: "IsMeeting" => Option<bool>,
        is_cancelled: "IsCancelled" => Option<bool>,
        is_recurring: "IsRecurring" => Option<bool>,
        meeting_request_was_sent: "MeetingRequestWasSent" => Option<bool>,
        is_response_requested: "IsResponseRequested" => Option<bool>,
        calendar_item_type: "CalendarItemType" => Option<String>,
        my_response_type: "MyResponseType" => Option<String>,
        organizer: "Organizer" => Option<SingleRecipient>,
        required_attendees: "RequiredAttendees" => Option<Vec<Attendee>>,
        optional_attendees: "OptionalAttendees" => Option<Vec<Attendee>>,
        resources: "Resources" => Option<Vec<Attendee>>,
        inbox_reminders: "InboxReminders" => Option<Vec<XmlNode>>,
        conflicting_meeting_count: "ConflictingMeetingCount" => Option<i32>,
        adjacent_meeting_count: "AdjacentMeetingCount" => Option<i32>,
        conflicting_meetings: "ConflictingMeetings" => Option<Vec<Item>>,
        adjacent_meetings: "AdjacentMeetings" => Option<Vec<Item>>,
        duration: "Duration" => Option<String>,
        time_zone: "TimeZone" => Option<String>,
        appointment_reply_time: "AppointmentReplyTime" => Option<String>,
        appointment_sequence_number: "AppointmentSequenceNumber" => Option<i32>,
        appointment_state: "AppointmentState" => Option<i32>,
        recurrence: "Recurrence" => Option<Recurrence>,
        first_occurrence: "FirstOccurrence" => Option<Occurrence>,
        last_occurrence: "LastOccurrence" => Option<Occurrence>,
        modified_occurrences: "ModifiedOccurrences" => Option<Vec<Occurrence>>,
        deleted_occurrences: "DeletedOccurrences" => Option<Vec<DeletedOccurrence>>,
        meeting_time_zone: "MeetingTimeZone" => Option<XmlNode>,
        start_time_zone: "StartTimeZone" => Option<XmlNode>,
        end_time_zone: "EndTimeZone" => Option<XmlNode>,
        conference_type: "ConferenceType" => Option<i32>,
        allow_new_time_proposal: "AllowNewTimeProposal" => Option<bool>,
        is_online_meeting: "IsOnlineMeeting" => Option<bool>,
        meeting_workspace_url: "MeetingWorkspaceUrl" => Option<String>,
        net_show_url: "NetShowUrl" => Option<String>,
        enhanced_location: "EnhancedLocation" => Option<XmlNode>,
        start_wall_clock: "StartWallClock" => Option<String>,
        end_wall_clock: "EndWallClock" => Option<String>,
        start_time_zone_id: "StartTimeZoneId" => Option<String>,
        end_time_zone_id: "EndTimeZoneId" => Option<String>,
        intended_free_busy_status: "IntendedFreeBusyStatus" => Option<String>,
        join_online_meeting_url: "JoinOnlineMeetingUrl" => Option<String>,
        online_meeting_settings: "OnlineMeetingSettings" => Option<XmlNode>,
        is_organizer: "IsOrganizer" => Option<bool>,
        calendar_activity_data: "CalendarActivityData" => Option<XmlNode>,
        do_not_forward_meeting: "DoNotForwardMeeting" => Option<bool>,
    }
}

ews_struct! {
    /// The children of `ContactItemType`.
    fields ContactFields {
        file_as: "FileAs" => Option<String>,
        file_as_mapping: "FileAsMapping" => Option<String>,
        display_name: "DisplayName" => Option<String>,
        given_name: "GivenName" => Option<String>,
        initials: "Initials" => Option<String>,
        middle_name: "MiddleName" => Option<String>,
        nickname: "Nickname" => Option<String>,
        complete_name: "CompleteName" => Option<CompleteName>,
        company_name: "CompanyName" => Option<String>,
        email_addresses: "EmailAddresses" => Option<Vec<DictionaryEntry>>,
        abch_email_addresses: "AbchEmailAddresses" => Option<Vec<XmlNode>>,
        physical_addresses: "PhysicalAddresses" => Option<Vec<PhysicalAddress>>,
        phone_numbers: "PhoneNumbers" => Option<Vec<DictionaryEntry>>,
        assistant_name: "AssistantName" => Option<String>,
        birthday: "Birthday" => Option<String>,
        business_home_page: "BusinessHomePage" => Option<String>,
        children: "Children" => Option<Vec<String>>,
        companies: "Companies" => Option<Vec<String>>,
        contact_source: "ContactSource" => Option<String>,
        department: "Department" => Option<String>,
        generation: "Generation" => Option<String>,
        im_addresses: "ImAddresses" => Option<Vec<DictionaryEntry>>,
        job_title: "JobTitle" => Option<String>,
        manager: "Manager" => Option<String>,
        mileage: "Mileage" => Option<String>,
        office_location: "OfficeLocation" => Option<String>,
        postal_address_index: "PostalAddressIndex" => Option<String>,
        profession: "Profession" => Option<String>,
        spouse_name: "SpouseName" => Option<String>,
        surname: "Surname" => Option<String>,
        wedding_anniversary: "WeddingAnniversary" => Option<String>,
        has_picture: "HasPicture" => Option<bool>,
        phonetic_full_name: "PhoneticFullName" => Option<String>,
        phonetic_first_name: "PhoneticFirstName" => Option<String>,
        phonetic_last_name: "PhoneticLastName" => Option<String>,
        alias: "Alias" => Option<String>,
        notes: "Notes" => Option<String>,
        photo: "Photo" => Option<String>,
        #[serde(rename = "userSMIMECertificate")]
        user_smime_certificate: "UserSMIMECertificate" => Option<Vec<String>>,
        ms_exchange_certificate: "MSExchangeCertificate" => Option<Vec<String>>,
        directory_id: "DirectoryId" => Option<String>,
        manager_mailbox: "ManagerMailbox" => Option<SingleRecipient>,
        direct_reports: "DirectReports" => Option<Vec<EmailAddress>>,
        account_name: "AccountName" => Option<String>,
        is_auto_update_disabled: "IsAutoUpdateDisabled" => Option<bool>,
        is_messenger_enabled: "IsMessengerEnabled" => Option<bool>,
        comment: "Comment" => Option<String>,
        contact_short_id: "ContactShortId" => Option<i32>,
        contact_type: "ContactType" => Option<String>,
        gender: "Gender" => Option<String>,
        is_hidden: "IsHidden" => Option<bool>,
        object_id: "ObjectId" => Option<String>,
        /// `xs:long`, kept as its text: a JavaScript number cannot hold every 64-bit value.
        passport_id: "PassportId" => Option<String>,
        is_private: "IsPrivate" => Option<bool>,
        source_id: "SourceId" => Option<String>,
        trust_level: "TrustLevel" => Option<i32>,
        created_by: "CreatedBy" => Option<String>,
        urls: "Urls" => Option<Vec<XmlNode>>,
        /// `xs:long`, kept as its text: a JavaScript number cannot hold every 64-bit value.
        cid: "Cid" => Option<String>,
        skype_auth_certificate: "SkypeAuthCertificate" => Option<String>,
        skype_context: "SkypeContext" => Option<String>,
        skype_id: "SkypeId" => Option<String>,
        skype_relationship: "SkypeRelationship" => Option<String>,
        yomi_nickname: "YomiNickname" => Option<String>,
        xbox_live_tag: "XboxLiveTag" => Option<String>,
        invite_free: "InviteFree" => Option<bool>,
        hide_presence_and_profile: "HidePresenceAndProfile" => Option<bool>,
        is_pending_outbound: "IsPendingOutbound" => Option<bool>,
        support_group_feeds: "SupportGroupFeeds" => Option<bool>,
        user_tile_hash: "UserTileHash" => Option<String>,
        unified_inbox: "UnifiedInbox" => Option<bool>,
        mris: "Mris" => Option<Vec<String>>,
        wlid: "Wlid" => Option<String>,
        abch_contact_id: "AbchContactId" => Option<String>,
        not_in_birthday_calendar: "NotInBirthdayCalendar" => Option<bool>,
        shell_contact_type: "ShellContactType" => Option<String>,
        im_mri: "ImMri" => Option<String>,
        presence_trust_level: "PresenceTrustLevel" => Option<i32>,
        other_mri: "OtherMri" => Option<String>,
        profile_last_changed: "ProfileLastChanged" => Option<String>,
        #[serde(rename = "mobileIMEnabled")]
        mobile_im_enabled: "MobileIMEnabled" => Option<bool>,
        partner_network_profile_photo_url: "PartnerNetworkProfilePhotoUrl" => Option<String>,
        partner_network_thumbnail_photo_url: "PartnerNetworkThumbnailPhotoUrl" => Option<String>,
        person_id: "PersonId" => Option<String>,
        conversation_guid: "ConversationGuid" => Option<String>,
    }
}

ews_struct! {
    /// The children of `DistributionListType`.
    fields DistributionListFields {
        display_name: "DisplayName" => Option<String>,
        file_as: "FileAs" => Option<String>,
        contact_source: "ContactSource" => Option<String>,
        members: "Members" => Option<Vec<Member>>,
    }
}

ews_struct! {
    /// The children of `TaskType`.
    fields TaskFields {
        actual_work: "ActualWork" => Option<i32>,
        assigned_time: "AssignedTime" => Option<String>,
        billing_information: "BillingInformation" => Option<String>,
        change_count: "ChangeCount" => Option<i32>,
        companies: "Companies" => Option<Vec<String>>,
        complete_date: "CompleteDate" => Option<String>,
        contacts: "Contacts" => Option<Vec<String>>,
        delegation_state: "DelegationState" => Option<String>,
        delegator: "Delegator" => Option<String>,
        due_date: "DueDate" => Option<String>,
        is_assignment_editable: "IsAssignmentEditable" => Option<i32>,
        is_complete: "IsComplete" => Option<bool>,
        is_recurring: "IsRecurring" => Option<bool>,
        is_team_task: "IsTeamTask" => Option<bool>,
        mileage: "Mileage" => Option<String>,
        owner: "Owner" => Option<String>,
        percent_complete: "PercentComplete" => Option<f64>,
        recurrence: "Recurrence" => Option<Recurrence>,
        start_date: "StartDate" => Option<String>,
        status: "Status" => Option<String>,
        status_description: "StatusDescription" => Option<String>,
        total_work: "TotalWork" => Option<i32>,
    }
}

ews_struct! {
    /// The children of `PostItemType`.
    fields PostItemFields {
        conversation_index: "ConversationIndex" => Option<String>,
        conversation_topic: "ConversationTopic" => Option<String>,
        from: "From" => Option<SingleRecipient>,
        internet_message_id: "InternetMessageId" => Option<String>,
        is_read: "IsRead" => Option<bool>,
        posted_time: "PostedTime" => Option<String>,
        references: "References" => Option<String>,
        sender: "Sender" => Option<SingleRecipient>,
    }
}

ews_struct! {
    /// The children of `SharingMessageType`.
    fields SharingMessageFields {
        sharing_message_action: "SharingMessageAction" => Option<XmlNode>,
        sharing_message_actions: "SharingMessageActions" => Option<Vec<XmlNode>>,
    }
}

ews_struct! {
    /// The children of `RoleMemberItemType`.
    fields RoleMemberFields {
        display_name: "DisplayName" => Option<String>,
        type_: "Type" => Option<String>,
        member_id: "MemberId" => Option<String>,
    }
}

ews_struct! {
    /// The children of `NetworkItemType`.
    fields NetworkFields {
        domain_id: "DomainId" => Option<i32>,
        domain_tag: "DomainTag" => Option<String>,
        user_tile_url: "UserTileUrl" => Option<String>,
        profile_url: "ProfileUrl" => Option<String>,
        settings: "Settings" => Option<i32>,
        is_default: "IsDefault" => Option<bool>,
        auto_link_error: "AutoLinkError" => Option<String>,
        auto_link_success: "AutoLinkSuccess" => Option<String>,
        user_email: "UserEmail" => Option<String>,
        client_publish_secret: "ClientPublishSecret" => Option<String>,
        client_token: "ClientToken" => Option<String>,
        client_token2: "ClientToken2" => Option<String>,
        contact_sync_error: "ContactSyncError" => Option<String>,
        contact_sync_success: "ContactSyncSuccess" => Option<String>,
        error_offers: "ErrorOffers" => Option<i32>,
        first_auth_error_dates: "FirstAuthErrorDates" => Option<String>,
        last_version_saved: "LastVersionSaved" => Option<i32>,
        last_welcome_contact: "LastWelcomeContact" => Option<String>,
        offers: "Offers" => Option<i32>,
        psa_last_changed: "PsaLastChanged" => Option<String>,
        refresh_token2: "RefreshToken2" => Option<String>,
        refresh_token_expiry2: "RefreshTokenExpiry2" => Option<String>,
        session_handle: "SessionHandle" => Option<String>,
        rejected_offers: "RejectedOffers" => Option<i32>,
        sync_enabled: "SyncEnabled" => Option<bool>,
        token_refresh_last_attempted: "TokenRefreshLastAttempted" => Option<String>,
        token_refresh_last_completed: "TokenRefreshLastCompleted" => Option<String>,
        psa_state: "PsaState" => Option<String>,
        #[serde(rename = "sourceEntryID")]
        source_entry_id: "SourceEntryID" => Option<String>,
        account_name: "AccountName" => Option<String>,
        last_sync: "LastSync" => Option<String>,
    }
}

ews_struct! {
    /// The children of `AbchPersonItemType`.
    fields PersonFields {
        anti_link_info: "AntiLinkInfo" => Option<String>,
        person_id: "PersonId" => Option<String>,
        contact_handles: "ContactHandles" => Option<Vec<XmlNode>>,
        contact_categories: "ContactCategories" => Option<Vec<String>>,
        relevance_order1: "RelevanceOrder1" => Option<String>,
        relevance_order2: "RelevanceOrder2" => Option<String>,
        trust_level: "TrustLevel" => Option<i32>,
        favorite_order: "FavoriteOrder" => Option<i32>,
        exchange_person_id_guid: "ExchangePersonIdGuid" => Option<String>,
    }
}

ews_struct! {
    /// The children of the response-object types (`ReplyToItem`, `AcceptItem`, …)
    /// beyond `MessageType`'s.
    fields ResponseObjectFields {
        @ object_name: "ObjectName" => Option<String>,
        reference_item_id: "ReferenceItemId" => Option<ItemId>,
        new_body_content: "NewBodyContent" => Option<Body>,
        proposed_start: "ProposedStart" => Option<String>,
        proposed_end: "ProposedEnd" => Option<String>,
    }
}

ews_struct! {
    /// `Item` (`ItemType`): an item of no more specific kind.
    element GenericItem {
        .. item: ItemFields,
    }
}

ews_struct! {
    /// `Message` (`MessageType`).
    element Message {
        .. item: ItemFields,
        .. message: MessageFields,
    }
}

ews_struct! {
    /// `SharingMessage` (`SharingMessageType`, Exchange 2016+).
    element SharingMessage {
        .. item: ItemFields,
        .. message: MessageFields,
        .. sharing_message: SharingMessageFields,
    }
}

ews_struct! {
    /// `CalendarItem` (`CalendarItemType`).
    element CalendarItem {
        .. item: ItemFields,
        .. calendar_item: CalendarItemFields,
    }
}

ews_struct! {
    /// `Contact` (`ContactItemType`).
    element Contact {
        .. item: ItemFields,
        .. contact: ContactFields,
    }
}

ews_struct! {
    /// `DistributionList` (`DistributionListType`).
    element DistributionList {
        .. item: ItemFields,
        .. distribution_list: DistributionListFields,
    }
}

ews_struct! {
    /// `MeetingMessage` (`MeetingMessageType`).
    element MeetingMessage {
        .. item: ItemFields,
        .. message: MessageFields,
        .. meeting_message: MeetingMessageFields,
    }
}

ews_struct! {
    /// `MeetingRequest` (`MeetingRequestMessageType`).
    element MeetingRequest {
        .. item: ItemFields,
        .. message: MessageFields,
        .. meeting_message: MeetingMessageFields,
        .. meeting_request: MeetingRequestFields,
    }
}

ews_struct! {
    /// `MeetingResponse` (`MeetingResponseMessageType`).
    element MeetingResponse {
        .. item: ItemFields,
        .. message: MessageFields,
        .. meeting_message: MeetingMessageFields,
        .. meeting_response: MeetingResponseFields,
    }
}

ews_struct! {
    /// `MeetingCancellation` (`MeetingCancellationMessageType`).
    element MeetingCancellation {
        .. item: ItemFields,
        .. message: MessageFields,
        .. meeting_message: MeetingMessageFields,
        .. meeting_cancellation: MeetingCancellationFields,
    }
}

ews_struct! {
    /// `Task` (`TaskType`).
    element Task {
        .. item: ItemFields,
        .. task: TaskFields,
    }
}

ews_struct! {
    /// `PostItem` (`PostItemType`).
    element PostItem {
        .. item: ItemFields,
        .. post_item: PostItemFields,
    }
}

ews_struct! {
    /// `RoleMember` (`RoleMemberItemType`, Exchange 2016+).
    element RoleMember {
        .. item: ItemFields,
        .. role_member: RoleMemberFields,
    }
}

ews_struct! {
    /// `Network` (`NetworkItemType`, Exchange 2016+).
    element Network {
        .. item: ItemFields,
        .. network: NetworkFields,
    }
}

ews_struct! {
    /// `Person` (`AbchPersonItemType`, Exchange 2016+).
    element Person {
        .. item: ItemFields,
        .. person: PersonFields,
    }
}

ews_struct! {
    /// A response object (`ReplyToItem`, `ForwardItem`, `AcceptItem`, …): what the
    /// user may do with an item, as listed in its `ResponseObjects`.
    element ResponseObject {
        .. item: ItemFields,
        .. message: MessageFields,
        .. response_object: ResponseObjectFields,
    }
}

kind_enum! {
    /// An item of any kind, discriminated by `kind` (the element name):
    /// `{ kind: 'Message', itemId, subject, … }` in JSON. Items nest at most
    /// [`crate::xml::MAX_ITEM_NESTING`] deep; deeper ones are kept as `Unknown`.
    Item [XmlReader::enter_item, XmlReader::leave_item, true] {
        Item(GenericItem) = "`Item`.",
            Message(Message) = "`Message`.",
            SharingMessage(SharingMessage) = "`SharingMessage`.",
            CalendarItem(CalendarItem) = "`CalendarItem`.",
            Contact(Contact) = "`Contact`.",
            DistributionList(DistributionList) = "`DistributionList`.",
            MeetingMessage(MeetingMessage) = "`MeetingMessage`.",
            MeetingRequest(MeetingRequest) = "`MeetingRequest`.",
            MeetingResponse(MeetingResponse) = "`MeetingResponse`.",
            MeetingCancellation(MeetingCancellation) = "`MeetingCancellation`.",
            Task(Task) = "`Task`.",
            PostItem(PostItem) = "`PostItem`.",
            RoleMember(RoleMember) = "`RoleMember`.",
            Network(Network) = "`Network`.",
            Person(Person) = "`Person`.",
            ReplyToItem(ResponseObject) = "`ReplyToItem` (response object).",
            ForwardItem(ResponseObject) = "`ForwardItem` (response object).",
            ReplyAllToItem(ResponseObject) = "`ReplyAllToItem` (response object).",
            AcceptItem(ResponseObject) = "`AcceptItem` (response object).",
            TentativelyAcceptItem(ResponseObject) = "`TentativelyAcceptItem` (response object).",
            DeclineItem(ResponseObject) = "`DeclineItem` (response object).",
            CancelCalendarItem(ResponseObject) = "`CancelCalendarItem` (response object).",
            RemoveItem(ResponseObject) = "`RemoveItem` (response object).",
            SuppressReadReceipt(ResponseObject) = "`SuppressReadReceipt` (response object).",
            PostReplyItem(ResponseObject) = "`PostReplyItem` (response object).",
            AcceptSharingInvitation(ResponseObject) = "`AcceptSharingInvitation` (response object).",
    }
}

impl Item {
    /// The `ItemType` properties every known kind has.
    pub fn fields(&self) -> Option<&ItemFields> {
        match self {
            Item::Item(v) => Some(&v.item),
            Item::Message(v) => Some(&v.item),
            Item::SharingMessage(v) => Some(&v.item),
            Item::CalendarItem(v) => Some(&v.item),
            Item::Contact(v) => Some(&v.item),
            Item::DistributionList(v) => Some(&v.item),
            Item::MeetingMessage(v) => Some(&v.item),
            Item::MeetingRequest(v) => Some(&v.item),
            Item::MeetingResponse(v) => Some(&v.item),
            Item::MeetingCancellation(v) => Some(&v.item),
            Item::Task(v) => Some(&v.item),
            Item::PostItem(v) => Some(&v.item),
            Item::RoleMember(v) => Some(&v.item),
            Item::Network(v) => Some(&v.item),
            Item::Person(v) => Some(&v.item),
            Item::ReplyToItem(v) => Some(&v.item),
            Item::ForwardItem(v) => Some(&v.item),
            Item::ReplyAllToItem(v) => Some(&v.item),
            Item::AcceptItem(v) => Some(&v.item),
            Item::TentativelyAcceptItem(v) => Some(&v.item),
            Item::DeclineItem(v) => Some(&v.item),
            Item::CancelCalendarItem(v) => Some(&v.item),
            Item::RemoveItem(v) => Some(&v.item),
            Item::SuppressReadReceipt(v) => Some(&v.item),
            Item::PostReplyItem(v) => Some(&v.item),
            Item::AcceptSharingInvitation(v) => Some(&v.item),
            Item::Unknown(_) => None,
        }
    }
}

impl Item {
    /// `ItemId`, when the item has one.
    pub fn item_id(&self) -> Option<&ItemId> {
        self.fields()?.item_id.as_ref()
    }

    /// `Subject`, when present.
    pub fn subject(&self) -> Option<&str> {
        self.fields()?.subject.as_deref()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn leaf(text: &str) -> XmlNode {
        XmlNode {
            text: text.into(),
            ..Default::default()
        }
    }

    #[test]
    fn children_group_by_name_in_order_of_first_appearance() {
        let node = XmlNode {
            attributes: vec![("Id".into(), "1".into())],
            text: String::new(),
            children: ["B", "A", "B", "C", "A", "B"]
                .iter()
                .enumerate()
                .map(|(i, n)| (n.to_string(), leaf(&i.to_string())))
                .collect(),
        };
        let json = crate::json::to_json_string(&node);
        assert_eq!(
            json,
            r#"{"id":"1","b":["0","2","5"],"a":["1","4"],"c":"3"}"#
        );
        assert_eq!(serde_json::to_string(&node).unwrap(), json);
    }

    #[test]
    fn both_groupings_agree() {
        // Pseudo-random names from a small alphabet: many repeats, interleaved.
        let mut x = 0x2545_f491_4f6c_dd1d_u64;
        let children = (0..5000)
            .map(|i| {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                (format!("N{}", x % 300), leaf(&i.to_string()))
            })
            .collect();
        let node = XmlNode {
            children,
            ..Default::default()
        };
        let by_hash = node.group_by_hash().expect("no long probe on these names");
        assert_eq!(by_hash.len(), 300);
        assert_eq!(by_hash, node.group_by_sort());
    }

    #[test]
    fn heap_sort_sorts() {
        let mut v: Vec<(u32, usize)> = (0..1000).map(|i| ((i * 7919) % 101, i as usize)).collect();
        let mut expected = v.clone();
        expected.sort();
        heap_sort(&mut v);
        assert_eq!(v, expected);
        let mut empty: [u8; 0] = [];
        heap_sort(&mut empty);
        let mut one = [3];
        heap_sort(&mut one);
        assert_eq!(one, [3]);
    }
}
