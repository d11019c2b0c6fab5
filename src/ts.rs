//! TypeScript declarations of the JavaScript API, generated from the Rust types.
//!
//! The machinery ([`TsType`], [`TsOut`], [`TsInterface`]) lives in `ts_type`,
//! below the model, and is re-exported here; this module sits at the top of the
//! module graph (it names the operations' types) and is native tooling.
//!
//! Every result struct made by `ews_struct!` implements [`TsType`]: the macro
//! writes it from the same table as the parser and the JSON writer, so the
//! declarations cannot drift from what the parsers return. The option types, the
//! `kind` unions and the few result types written by hand implement it below,
//! each with a compile-time check that it names every field (with its type) or
//! every variant of its Rust type; the string unions of the enumerations are
//! taken from their `ALL`/`as_str`. [`typescript_declarations`] joins them with
//! the hand-written functions and classes of `src/ts_api.d.ts` into the npm
//! package's `pkg-template/index.d.ts`; `tests/typescript.rs` fails when the
//! committed file is not exactly that, and rewrites it with
//! `UPDATE_TS=1 cargo test --test typescript`.
//!
//! Nothing here is reachable from the WebAssembly exports, so none of it ends
//! up in the module.

use crate::operations::get_conversation_items::{
    ConversationNodeSortOrder, GetConversationItemsRequest, GetConversationItemsResponse,
    MailboxSearchLocation, ThreadEntry,
};
use crate::operations::get_im_item_list::GetImItemListRequest;
use crate::operations::get_im_items::{GetImItemsRequest, GetImItemsResponse};
use crate::operations::sync_folder_items::{
    SyncChange, SyncFolderItemsRequest, SyncFolderItemsResponse, SyncFolderItemsScope,
};
use crate::soap::{ExchangeVersion, Impersonation, MessageXml, ResponseClass, ResponseStatus};
pub use crate::ts_type::{doc_of_attributes, TsInterface, TsOut, TsType};
use crate::ts_type::{doc_text_lines, literal, union_decl};
use crate::types::{
    AddressListId, Attachment, BaseFolderId, BaseShape, BodyType, DistinguishedFolderId,
    DistinguishedFolderIdName, DistinguishedPropertySet, FileAttachment, FolderIdRef, GenericItem,
    Item, ItemAttachment, ItemId, MailboxType, MapiPropertyType, PathToExtendedField,
    PathToIndexedField, PropertyPath, ReferenceAttachment, ServerVersionInfo, TargetFolderId,
    UnindexedFieldUri, XmlNode,
};
use crate::types::{
    CalendarItem, Contact, DistributionList, MeetingCancellation, MeetingMessage, MeetingRequest,
    MeetingResponse, Message, Network, Person, PostItem, ResponseObject, RoleMember,
    SharingMessage, Task,
};
use crate::xml::{Limits, RawElement};

/// The hand-written part of `index.d.ts`: the functions, `init`, `EwsError`,
/// `EwsClient` and `outlookTransport`, which refer to the generated types.
const API: &str = include_str!("ts_api.d.ts");

/// A type declared by a fixed text.
macro_rules! ts_fixed {
    ($($t:ty => $name:literal: $decl:literal,)*) => {$(
        impl TsType for $t {
            fn ts_name() -> String {
                $name.to_owned()
            }
            fn ts_decl(out: &mut TsOut) {
                if out.first::<Self>($name) {
                    out.push($decl);
                }
            }
        }
    )*};
}

ts_fixed! {
    XmlNode => "XmlNode": "/**
 * An element the model keeps as a plain tree: a leaf without attributes is its
 * text; anything else an object of its attributes and children by JS name (a
 * repeated child becomes an array), with non-blank text under `value`.
 */
export type XmlNode = string | { [key: string]: XmlNode | XmlNode[] };",
    MessageXml => "MessageXml": "/**
 * `MessageXml`: extra facts about an error, keyed by the JS form of each name
 * (`backOffMilliseconds`); `BackOffMilliseconds`, `LineNumber` and
 * `LinePosition` are numbers, everything else text.
 */
export interface MessageXml {
  [name: string]: string | number;
}",
}

// ---------------------------------------------------------------------------
// Objects written by hand (results and options)

/// Picks the type whose TypeScript form a field has: the Rust type, or the one after `as`.
macro_rules! ts_of {
    ($ty:ty) => {
        $ty
    };
    ($ty:ty as $ts:ty) => {
        $ts
    };
}

/// The TypeScript name: the Rust name, or the literal after `as`.
macro_rules! ts_name_of {
    ($name:ident) => {
        stringify!($name)
    };
    ($name:ident as $ts:literal) => {
        $ts
    };
}

/// An object type: `Rust as "TsName" { .. part: Part, field: Type [as TsType] => req|opt "key", }`.
/// The expansion checks at compile time that every field of the struct is
/// listed, with its type.
macro_rules! ts_object {
    ($(
        $(#[doc = $doc:literal])*
        $name:ident $(as $ts_name:literal)? {
            $( .. $pfield:ident: $pty:ty, )*
            $(
                $(#[doc = $fdoc:literal])*
                $field:ident: $ty:ty $(as $ts:ty)? => $req:ident $key:literal,
            )*
        }
    )*) => {$(
        impl TsType for $name {
            fn ts_name() -> String {
                ts_name_of!($name $(as $ts_name)?).to_owned()
            }
            fn ts_decl(out: &mut TsOut) {
                // Every field, and its type (a field added to the struct fails here).
                let _check = |v: &$name| {
                    let $name { $($pfield: _,)* $($field: _,)* } = v;
                    $( let _: &$pty = &v.$pfield; )*
                    $( let _: &$ty = &v.$field; )*
                };
                let name = ts_name_of!($name $(as $ts_name)?);
                if !out.first::<Self>(name) {
                    return;
                }
                let mut i = TsInterface::with_doc(name, &[$($doc),*]);
                $( i.extends(<$pty as TsType>::ts_name()); )*
                $(
                    debug_assert!(matches!(stringify!($req), "req" | "opt"));
                    i.field(
                        $key,
                        &<ts_of!($ty $(as $ts)?) as TsType>::ts_name(),
                        stringify!($req) == "opt",
                        &[$($fdoc),*],
                    );
                )*
                out.push(&i.render());
                $( out.add::<$pty>(); )*
                $( out.add::<ts_of!($ty $(as $ts)?)>(); )*
            }
        }
    )*};
}

/// A one-key choice object (serde's externally tagged enum):
/// `{ folderId: … } | { distinguishedFolderId: … }`, each member refusing the
/// other members' keys.
macro_rules! ts_choice {
    ($(
        $(#[doc = $doc:literal])*
        $name:ident {
            $( $variant:ident($ty:ty $(as $ts:ty)?) => $key:literal, )*
        }
    )*) => {$(
        impl TsType for $name {
            fn ts_name() -> String {
                stringify!($name).to_owned()
            }
            fn ts_decl(out: &mut TsOut) {
                // Every variant, and its type.
                let _check = |v: &$name| match v {
                    $( $name::$variant(x) => { let _: &$ty = x; } )*
                };
                if !out.first::<Self>(stringify!($name)) {
                    return;
                }
                let keys: &[&str] = &[$($key),*];
                let types: Vec<String> = vec![$( <ts_of!($ty $(as $ts)?) as TsType>::ts_name() ),*];
                let members: Vec<String> = keys
                    .iter()
                    .zip(&types)
                    .map(|(key, ty)| {
                        let others: String = keys
                            .iter()
                            .filter(|k| *k != key)
                            .map(|k| format!("; {k}?: never"))
                            .collect();
                        format!("{{ {key}: {ty}{others} }}")
                    })
                    .collect();
                out.push(&union_decl(stringify!($name), &doc_text_lines(&[$($doc),*]), &members));
                $( out.add::<ts_of!($ty $(as $ts)?)>(); )*
            }
        }
    )*};
}

/// An enumeration of wire strings (`ALL` and `as_str`): a union of string literals.
macro_rules! ts_wire_enum {
    ($( $(#[doc = $doc:literal])* $name:ident, )*) => {$(
        impl TsType for $name {
            fn ts_name() -> String {
                stringify!($name).to_owned()
            }
            fn ts_decl(out: &mut TsOut) {
                if out.first::<Self>(stringify!($name)) {
                    let members: Vec<String> = $name::ALL.iter().map(|v| literal(v.as_str())).collect();
                    out.push(&union_decl(stringify!($name), &doc_text_lines(&[$($doc),*]), &members));
                }
            }
        }
    )*};
}

/// A union discriminated by `kind` (the element name) over boxed structs, with
/// an `Unknown(RawElement)` variant: `({ kind: 'Message' } & Message) | …`.
macro_rules! ts_kind_union {
    ($(
        $(#[doc = $doc:literal])*
        $name:ident { $( $variant:ident($ty:ty) $(= $vdoc:literal)?, )* }
    )*) => {$(
        impl TsType for $name {
            fn ts_name() -> String {
                stringify!($name).to_owned()
            }
            fn ts_decl(out: &mut TsOut) {
                // Every variant, and its type.
                let _check = |v: &$name| match v {
                    $( $name::$variant(x) => { let _: &Box<$ty> = x; } )*
                    $name::Unknown(x) => { let _: &RawElement = x; }
                };
                if !out.first::<Self>(stringify!($name)) {
                    return;
                }
                let mut members: Vec<String> = vec![$(
                    format!("({{ kind: {} }} & {})", literal(stringify!($variant)), <$ty as TsType>::ts_name()),
                )*];
                members.push("({ kind: 'Unknown' } & RawElement)".to_owned());
                out.push(&union_decl(stringify!($name), &doc_text_lines(&[$($doc),*]), &members));
                $( out.add::<$ty>(); )*
                out.add::<RawElement>();
            }
        }
    )*};
}

impl TsType for ResponseClass {
    fn ts_name() -> String {
        "ResponseClass".to_owned()
    }
    fn ts_decl(out: &mut TsOut) {
        let wire = |c: ResponseClass| match c {
            ResponseClass::Success => "Success",
            ResponseClass::Warning => "Warning",
            ResponseClass::Error => "Error",
        };
        if out.first::<Self>("ResponseClass") {
            let members: Vec<String> = [
                ResponseClass::Success,
                ResponseClass::Warning,
                ResponseClass::Error,
            ]
            .into_iter()
            .map(|c| literal(wire(c)))
            .collect();
            out.push(&union_decl(
                "ResponseClass",
                &[
                    "`ResponseClass`: Warning and Error messages are returned as data, not thrown."
                        .to_owned(),
                ],
                &members,
            ));
        }
    }
}

impl TsType for SyncChange {
    fn ts_name() -> String {
        "SyncChange".to_owned()
    }
    fn ts_decl(out: &mut TsOut) {
        // Every variant, and the types of its fields.
        let _check = |c: &SyncChange| match c {
            SyncChange::Create { item } | SyncChange::Update { item } => {
                let _: &Item = item;
            }
            SyncChange::Delete { item_id } => {
                let _: &ItemId = item_id;
            }
            SyncChange::ReadFlagChange { item_id, is_read } => {
                let _: (&ItemId, &bool) = (item_id, is_read);
            }
            SyncChange::Unknown(raw) => {
                let _: &RawElement = raw;
            }
        };
        if !out.first::<Self>("SyncChange") {
            return;
        }
        let (item, item_id, boolean) = (Item::ts_name(), ItemId::ts_name(), bool::ts_name());
        let members = [
            format!("{{ kind: 'Create'; item: {item} }}"),
            format!("{{ kind: 'Update'; item: {item} }}"),
            format!("{{ kind: 'Delete'; itemId: {item_id} }}"),
            format!("{{ kind: 'ReadFlagChange'; itemId: {item_id}; isRead: {boolean} }}"),
            "({ kind: 'Unknown' } & RawElement)".to_owned(),
        ];
        out.push(&union_decl(
            "SyncChange",
            &doc_text_lines(&[
                "One change of a sync page, discriminated by `kind`, in document order. A\n\
                 change the schema does not have (or one missing its required parts) is\n\
                 kept verbatim as `Unknown`.",
            ]),
            &members,
        ));
        out.add::<Item>();
        out.add::<ItemId>();
        out.add::<RawElement>();
    }
}

// The item kinds are the generated list (src/types/generated.rs).
crate::types::with_item_kinds!(ts_kind_union! {
    /// An item of any kind, discriminated by `kind` (the element name). An item
    /// kind the schema does not have is kept verbatim as `Unknown`.
    Item
});

ts_kind_union! {
    /// One entry of `attachments`, discriminated by `kind` (the element name).
    Attachment {
        FileAttachment(FileAttachment),
        ItemAttachment(ItemAttachment),
        ReferenceAttachment(ReferenceAttachment),
    }
}

ts_object! {
    /// An element the model does not know, kept verbatim so that nothing is lost.
    RawElement {
        /// The element's local name (no prefix).
        element_name: String => req "elementName",
        /// The element's exact source text, from `<` to the end of its end tag.
        /// Namespace prefixes declared on its ancestors are not re-declared in it.
        xml: String => req "xml",
    }

    /// The fields every response message shares (`ResponseMessageType`).
    ResponseStatus {
        /// `@ResponseClass`. A message without a valid one is taken to be an `Error`.
        response_class: ResponseClass => req "responseClass",
        /// `ResponseCode`: `NoError`, `ErrorServerBusy`, … (one of 500+ values).
        response_code: Option<String> => opt "responseCode",
        /// `MessageText`.
        message_text: Option<String> => opt "messageText",
        /// `DescriptiveLinkKey`.
        descriptive_link_key: Option<i32> => opt "descriptiveLinkKey",
        /// `MessageXml`.
        message_xml: Option<MessageXml> => opt "messageXml",
        /// `MessageXml`'s `BackOffMilliseconds` (how long a throttled server asks
        /// you to wait), as a number, when present.
        back_off_milliseconds: Option<u64> => opt "backOffMilliseconds",
    }

    /// A parsed SyncFolderItems response.
    SyncFolderItemsResponse {
        /// `ServerVersionInfo` from the SOAP header, when present.
        server_version_info: Option<ServerVersionInfo> => opt "serverVersionInfo",
        /// One message per request (EWS sends one).
        response_messages: Vec<crate::operations::sync_folder_items::SyncFolderItemsResponseMessage> => req "responseMessages",
    }

    /// A parsed GetConversationItems response.
    GetConversationItemsResponse {
        /// `ServerVersionInfo` from the SOAP header, when present.
        server_version_info: Option<ServerVersionInfo> => opt "serverVersionInfo",
        /// One message per requested conversation, in request order.
        response_messages: Vec<crate::operations::get_conversation_items::GetConversationItemsResponseMessage> => req "responseMessages",
    }

    /// A parsed GetImItems (or GetImItemList) response: these have no
    /// `ResponseMessages` wrapper on the wire, and the result follows the wire.
    GetImItemsResponse {
        .. message: crate::operations::get_im_items::ImItemsResponseMessage,
        /// `ServerVersionInfo` from the SOAP header, when present.
        server_version_info: Option<ServerVersionInfo> => opt "serverVersionInfo",
    }

    /// One line of a conversation laid out as a reply tree (see `conversationThread`).
    ThreadEntry {
        /// Index of the node in `conversationNodes`.
        index: usize => req "index",
        /// 0 for a root (a node without parent, or whose parent is not in the
        /// conversation), the parent's depth + 1 otherwise.
        depth: usize => req "depth",
        /// Index of the parent node, when it is in the conversation.
        parent_index: Option<usize> => opt "parentIndex",
    }

    /// Resource limits applied while reading a response. The defaults are safe
    /// for any real Exchange response and bound what a hostile one can cost.
    Limits {
        /// Largest accepted response, in bytes (UTF-8). Default 64 MiB.
        max_response_bytes: u64 => opt "maxResponseBytes",
        /// Deepest accepted element nesting. Default 256 (real responses stay under 30).
        max_depth: u32 => opt "maxDepth",
        /// Refuse what XML 1.0 forbids but real Exchange servers write. Default
        /// `false`: a character reference to a C0 control (other than tab, LF, CR)
        /// or to U+FFFE / U+FFFF is read as that character, one to U+0000, a
        /// surrogate or beyond U+10FFFF as U+FFFD, and such characters written
        /// raw in text or attribute values as themselves (a raw NUL is always
        /// refused). `true` makes each of these `ERR_MALFORMED_XML`.
        strict: bool => opt "strict",
    }
}

// ---------------------------------------------------------------------------
// Options

ts_wire_enum! {
    /// `BaseShape`: which set of properties to return.
    BaseShape,
    /// The body format to return (`BodyType`, `UniqueBodyType`, `NormalizedBodyType`).
    BodyType,
    /// `MailboxType`.
    MailboxType,
    /// `@PropertyType` of an extended property (`MapiPropertyTypeType`).
    MapiPropertyType,
    /// `@DistinguishedPropertySetId` of an extended property.
    DistinguishedPropertySet,
    /// The `id` of a well-known folder (`DistinguishedFolderIdNameType`).
    DistinguishedFolderIdName,
    /// The order of the conversation nodes in the response (`SortOrder`).
    ConversationNodeSortOrder,
    /// Which mailboxes to search (`MailboxScope`).
    MailboxSearchLocation,
    /// Which items to synchronise (`SyncScope`).
    SyncFolderItemsScope,
    /// `RequestServerVersion/@Version`.
    ExchangeVersion,
}

ts_choice! {
    /// A folder (`BaseFolderIdType`): by id, or a well-known folder.
    BaseFolderId {
        FolderId(FolderIdRef) => "folderId",
        DistinguishedFolderId(DistinguishedFolderId) => "distinguishedFolderId",
    }

    /// The folder to work on (`TargetFolderIdType`): by id, a well-known folder,
    /// or an address list.
    TargetFolderId {
        FolderId(FolderIdRef) => "folderId",
        DistinguishedFolderId(DistinguishedFolderId) => "distinguishedFolderId",
        AddressListId(AddressListId) => "addressListId",
    }

    /// One property to return (the schema's `Path` substitution group).
    PropertyPath {
        FieldUri(String as UnindexedFieldUri) => "fieldURI",
        IndexedFieldUri(PathToIndexedField) => "indexedFieldURI",
        ExtendedFieldUri(PathToExtendedField) => "extendedFieldURI",
    }

    /// Who to impersonate (`ExchangeImpersonation/ConnectingSID`): exactly one of the four.
    Impersonation {
        PrincipalName(String) => "principalName",
        Sid(String) => "sid",
        PrimarySmtpAddress(String) => "primarySmtpAddress",
        SmtpAddress(String) => "smtpAddress",
    }
}

// `TimeZoneContext`, `RequestHeader`, `ConversationRequest` and the four
// operations' options (`GetConversationItemsOptions`, …) implement `TsType`
// through their generated `options_struct!` tables (src/types/generated.rs).

// ---------------------------------------------------------------------------
// The file

/// The first lines of `index.d.ts`.
pub const HEADER: &str = "\
// TypeScript declarations of ews-wasm.
//
// GENERATED FILE, do not edit. The types are generated from the Rust types
// (src/ts.rs and the ews_struct! tables under src/), the functions and classes
// come from src/ts_api.d.ts. To regenerate after changing either:
//   UPDATE_TS=1 cargo test --test typescript
";

/// The whole of `index.d.ts`: [`HEADER`], the hand-written API, then every
/// option and result type it refers to, once each, in a stable order.
pub fn typescript_declarations() -> String {
    let mut options = TsOut::default();
    options.add::<GetConversationItemsRequest>();
    options.add::<GetImItemsRequest>();
    options.add::<GetImItemListRequest>();
    options.add::<SyncFolderItemsRequest>();
    options.add::<Limits>();

    // Types are declared once per file: the options' names are taken already.
    let mut results = TsOut {
        declared: options.declared.clone(),
        text: String::new(),
    };
    results.add::<SyncFolderItemsResponse>();
    results.add::<GetConversationItemsResponse>();
    results.add::<GetImItemsResponse>();
    results.push(
        "/** A parsed GetImItemList response: the same shape as GetImItems'. */\n\
         export type GetImItemListResponse = GetImItemsResponse;",
    );
    results.add::<ThreadEntry>();

    let mut s = String::from(HEADER);
    s.push('\n');
    s.push_str(API.trim_end());
    s.push_str(
        "\n\n// ---------------------------------------------------------------------------\n",
    );
    s.push_str("// Options (generated)\n\n");
    s.push_str(&options.finish());
    s.push_str(
        "\n// ---------------------------------------------------------------------------\n",
    );
    s.push_str("// Results (generated)\n\n");
    s.push_str(&results.finish());
    s
}
