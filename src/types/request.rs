//! Request option types shared by the four operations: item and folder ids,
//! [`ItemShape`], property paths, and [`parse_options`] for options given as JSON.
//!
//! Every type here is plain data with public fields. The serde form is the
//! JavaScript option shape of `API.md` (EWS wire names in lowerCamelCase), and
//! deserialisation refuses unknown keys and unknown enumeration values. What
//! serde cannot check (empty ids, strings XML 1.0 cannot carry, GUIDs, property
//! tags, …) is checked by each request's `validate`, which every builder runs
//! before it writes anything; each error is an [`Error::InvalidOptions`] whose
//! `path` is the JavaScript path of the bad option.

use serde::de::{Deserializer, Visitor};
use serde::{Deserialize, Serialize};

use super::{
    AddressListId, BaseShape, ConversationRequest, DistinguishedFolderId,
    DistinguishedFolderIdName, DistinguishedPropertySet, FolderIdRef, ItemIdRef, ItemShape,
    MailboxRef, MapiPropertyType, PathToExtendedField, PathToIndexedField, DICTIONARY_URIS_GROUPS,
    UNINDEXED_FIELD_URIS_GROUPS,
};
use crate::error::{Error, Result};
use crate::json_in::{choice, invalid_at, path_index, path_key, FromJson, JsonValue};
use crate::xml::write::check_non_empty;
use crate::xml::XmlWriter;

/// Defines an enumeration whose values are the schema's wire strings, with
/// `ALL` (schema order), `as_str`, `from_wire`, and serde and [`FromJson`] by
/// wire value.
macro_rules! wire_enum {
    (@all slice $name:ident [$($variant:ident)*]) => {
        /// Every value, in schema order.
        pub const ALL: &'static [$name] = &[$($name::$variant),*];
    };
    (@all array $name:ident [$($variant:ident)*]) => {
        /// Every value, in schema order.
        pub const ALL: [$name; [$(stringify!($variant)),*].len()] = [$($name::$variant),*];
    };
    (
        $(#[$m:meta])*
        $name:ident [array] {
            $( $(#[$vm:meta])* $variant:ident = $wire:literal, )*
        }
    ) => {
        $crate::types::wire_enum! { @enum array $(#[$m])* $name { $( $(#[$vm])* $variant = $wire, )* } }
    };
    (
        $(#[$m:meta])*
        $name:ident {
            $( $(#[$vm:meta])* $variant:ident = $wire:literal, )*
        }
    ) => {
        $crate::types::wire_enum! { @enum slice $(#[$m])* $name { $( $(#[$vm])* $variant = $wire, )* } }
    };
    (
        @enum $all:ident
        $(#[$m:meta])*
        $name:ident {
            $( $(#[$vm:meta])* $variant:ident = $wire:literal, )*
        }
    ) => {
        $(#[$m])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
        pub enum $name {
            $(
                #[doc = concat!("`", $wire, "`")]
                $(#[$vm])*
                #[serde(rename = $wire)]
                $variant,
            )*
        }

        impl $name {
            $crate::types::wire_enum!(@all $all $name [$($variant)*]);

            /// The wire values, in declaration (schema) order.
            const WIRE_NAMES: &'static [&'static str] = &[$($wire),*];

            /// The wire value.
            pub fn as_str(self) -> &'static str {
                // A table rather than a `match`: the variants are numbered
                // 0, 1, … in the order of `WIRE_NAMES`.
                Self::WIRE_NAMES.get(self as usize).copied().unwrap_or_default()
            }

            /// The value with this wire name, if there is one.
            pub fn from_wire(s: &str) -> Option<Self> {
                match s {
                    $($wire => Some($name::$variant),)*
                    _ => None,
                }
            }
        }

        impl $crate::json_in::FromJson for $name {
            fn from_json(
                v: &$crate::json_in::JsonValue,
                path: &str,
            ) -> $crate::error::Result<Self> {
                // The lookup is one function for every enumeration.
                let i = $crate::json_in::wire_index(v, path, Self::WIRE_NAMES)?;
                Self::ALL
                    .get(i)
                    .copied()
                    .ok_or_else(|| $crate::json_in::expected(v, path, "a known value"))
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl $crate::types::WriteValue for $name {
            fn write_value(&self, w: &mut $crate::xml::XmlWriter, name: &str) {
                w.text_element(name, self.as_str());
            }
        }
    };
}
pub(crate) use wire_enum;

/// Defines an option struct from its generated table (see `generated.rs`):
/// the struct with its serde form, its options reader ([`FromJson`], by
/// `json_struct!`), its TypeScript declaration and `write_fields`, which
/// writes the child elements (`elem` fields) in the table's (schema) order.
///
/// ```text
/// options_struct! {
///     /// Rust docs
///     #[ts_doc = "TypeScript docs"]
///     Name [as "TsName"] in "t:" [derive(Default)] {
///         /// Rust docs
///         #[ts_doc = "TypeScript docs"]
///         #[serde(...)]
///         req|opt attr|elem|none CHECK field: Type [as TsType] => "WireName" "jsName" [each "t:Entry"] [with reader],
///         // `each`: a list written as the element holding one `t:Entry` per
///         // value ([`WriteEntry`]). `in "t:"`: the prefix of the written child elements; `none`: a
///         // field that is no member of the schema type (not written).
///         // CHECK: none | xml_string | non_empty | base64 | non_negative |
///         // positive | nested (each element's own validate, at
///         // `path.jsName[i]` in a list)
///     }
/// }
/// ```
macro_rules! options_struct {
    (@ts $ty:ty) => { $ty };
    (@ts $ty:ty as $ts:ty) => { $ts };
    (@check none, $v:expr, $path:ident, $js:literal) => {};
    (@check xml_string, $v:expr, $path:ident, $js:literal) => {
        $crate::types::TextValue::check_each($v, &$crate::json_in::path_key($path, $js), $crate::xml::write::check_xml_string)?;
    };
    (@check non_empty, $v:expr, $path:ident, $js:literal) => {
        $crate::types::TextValue::check_each($v, &$crate::json_in::path_key($path, $js), $crate::xml::write::check_non_empty)?;
    };
    (@check non_negative, $v:expr, $path:ident, $js:literal) => {
        $crate::types::check_non_negative($v, &$crate::json_in::path_key($path, $js))?;
    };
    (@check base64, $v:expr, $path:ident, $js:literal) => {
        $crate::types::TextValue::check_each($v, &$crate::json_in::path_key($path, $js), $crate::types::check_base64)?;
    };
    (@check positive, $v:expr, $path:ident, $js:literal) => {
        $crate::types::check_positive($v, &$crate::json_in::path_key($path, $js))?;
    };
    (@check nested, $v:expr, $path:ident, $js:literal) => {
        $crate::types::Nested::validate_nested($v, &$crate::json_in::path_key($path, $js))?;
    };
    (@write elem, $v:expr, $w:ident, $prefix:literal $wire:literal each $entry:literal) => {
        $crate::types::write_entries($v, $w, concat!($prefix, $wire), $entry);
    };
    (@write attr, $v:expr, $w:ident, $prefix:literal $wire:literal) => {};
    (@write none, $v:expr, $w:ident, $prefix:literal $wire:literal) => {};
    (@write elem, $v:expr, $w:ident, $prefix:literal $wire:literal) => {
        $crate::types::WriteValue::write_value($v, $w, concat!($prefix, $wire));
    };
    (@ts_name $name:ident) => { stringify!($name) };
    (@ts_name $name:ident as $ts_name:literal) => { $ts_name };
    (
        $(#[doc = $doc:literal])*
        $(#[ts_doc = $ts_doc:literal])+
        $name:ident $(as $ts_name:literal)? in $prefix:literal $([derive($($derive:ident),*)])? {
            $(
                $(#[doc = $fdoc:literal])*
                $(#[ts_doc = $fts_doc:literal])*
                $(#[serde($($serde:tt)*)])*
                $kind:ident $pos:ident $check:ident $field:ident: $ty:ty $(as $ts:ty)?
                    => $wire:literal $js:literal $(each $entry:literal)? $(with $read:path)?,
            )*
        }
    ) => {
        $(#[doc = $doc])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
        $(#[derive($($derive),*)])?
        #[serde(rename_all = "camelCase", deny_unknown_fields)]
        pub struct $name {
            $(
                $(#[doc = $fdoc])*
                $(#[serde($($serde)*)])*
                pub $field: $ty,
            )*
        }

        $crate::json_in::json_struct!($name { $( $kind $field: $js $(with $read)?, )* });

        impl $name {
            /// Checks what serde cannot (the table's `check` of each field), in
            /// schema order; an error's `path` is `path.jsName`.
            #[allow(dead_code, unused_variables)]
            pub(crate) fn validate_fields(&self, path: &str) -> $crate::error::Result<()> {
                $( options_struct!(@check $check, &self.$field, path, $js); )*
                Ok(())
            }

            /// Writes the child elements (`t:` prefixed), in schema order.
            #[allow(dead_code, unused_variables)]
            pub(crate) fn write_fields(&self, w: &mut $crate::xml::XmlWriter) {
                $( options_struct!(@write $pos, &self.$field, w, $prefix $wire $(each $entry)?); )*
            }
        }

        impl $crate::ts_type::TsType for $name {
            fn ts_name() -> String {
                options_struct!(@ts_name $name $(as $ts_name)?).to_owned()
            }
            fn ts_decl(out: &mut $crate::ts_type::TsOut) {
                let name = options_struct!(@ts_name $name $(as $ts_name)?);
                if !out.first::<Self>(name) {
                    return;
                }
                let mut i = $crate::ts_type::TsInterface::with_doc(name, &[$($ts_doc),*]);
                $(
                    debug_assert!(matches!(stringify!($kind), "req" | "opt"));
                    i.field(
                        $js,
                        &<options_struct!(@ts $ty $(as $ts)?) as $crate::ts_type::TsType>::ts_name(),
                        stringify!($kind) == "opt",
                        &[$($fts_doc),*],
                    );
                )*
                out.push(&i.render());
                $( out.add::<options_struct!(@ts $ty $(as $ts)?)>(); )*
            }
        }
    };
}
pub(crate) use options_struct;

/// A value an option struct writes as the element `name` (see
/// `options_struct!`): text for a scalar, nothing for an absent option or an
/// empty list.
pub(crate) trait WriteValue {
    /// Writes the element.
    fn write_value(&self, w: &mut XmlWriter, name: &str);
}

impl WriteValue for bool {
    fn write_value(&self, w: &mut XmlWriter, name: &str) {
        w.text_element(name, bool_str(*self));
    }
}

impl WriteValue for i32 {
    fn write_value(&self, w: &mut XmlWriter, name: &str) {
        w.text_element(name, &self.to_string());
    }
}

impl WriteValue for String {
    fn write_value(&self, w: &mut XmlWriter, name: &str) {
        w.text_element(name, self);
    }
}

impl<T: WriteValue> WriteValue for Option<T> {
    fn write_value(&self, w: &mut XmlWriter, name: &str) {
        if let Some(v) = self {
            v.write_value(w, name);
        }
    }
}

impl WriteValue for MailboxRef {
    fn write_value(&self, w: &mut XmlWriter, name: &str) {
        w.open(name, &[]);
        self.write_fields(w);
        w.close(name);
    }
}

/// A text option (`String`, `Option<String>`) for `options_struct!`'s checks.
pub(crate) trait TextValue {
    /// Runs `check` on the text, if there is one.
    fn check_each(&self, path: &str, check: fn(&str, &str) -> Result<()>) -> Result<()>;
}

impl TextValue for String {
    fn check_each(&self, path: &str, check: fn(&str, &str) -> Result<()>) -> Result<()> {
        check(path, self)
    }
}

impl TextValue for Option<String> {
    fn check_each(&self, path: &str, check: fn(&str, &str) -> Result<()>) -> Result<()> {
        match self {
            Some(s) => check(path, s),
            None => Ok(()),
        }
    }
}

/// `options_struct!`'s `positive` check.
pub(crate) fn check_positive(v: &Option<i32>, path: &str) -> Result<()> {
    match v {
        Some(n) if *n < 1 => Err(Error::invalid(path, "must be at least 1")),
        _ => Ok(()),
    }
}

/// `options_struct!`'s `non_negative` check.
pub(crate) fn check_non_negative(v: &Option<i32>, path: &str) -> Result<()> {
    match v {
        Some(n) if *n < 0 => Err(Error::invalid(path, "must not be negative")),
        _ => Ok(()),
    }
}

/// An option holding option structs, for `options_struct!`'s `nested` check.
pub(crate) trait Nested {
    /// Validates what it holds at `path` (`path[i]` for a list's entries).
    fn validate_nested(&self, path: &str) -> Result<()>;
}

impl Nested for Option<MailboxRef> {
    fn validate_nested(&self, path: &str) -> Result<()> {
        match self {
            Some(m) => m.validate(path),
            None => Ok(()),
        }
    }
}

impl Nested for Vec<PropertyPath> {
    fn validate_nested(&self, path: &str) -> Result<()> {
        self.iter()
            .enumerate()
            .try_for_each(|(i, p)| p.validate(&path_index(path, i)))
    }
}

impl WriteValue for Vec<PropertyPath> {
    fn write_value(&self, w: &mut XmlWriter, name: &str) {
        if !self.is_empty() {
            w.open(name, &[]);
            for p in self {
                p.write(w);
            }
            w.close(name);
        }
    }
}

// The values of the operations' option tables (`SyncFolderItemsRequest`,
// `GetConversationItemsRequest`, `ConversationRequest`, `GetImItemsRequest`,
// `GetImItemListRequest` in generated.rs): their checks and how a list is
// written (the wrapper element is the table's, each entry's element here).

impl Nested for ItemShape {
    fn validate_nested(&self, path: &str) -> Result<()> {
        self.validate(path)
    }
}

impl Nested for ItemIdRef {
    fn validate_nested(&self, path: &str) -> Result<()> {
        self.validate(path)
    }
}

impl Nested for TargetFolderId {
    fn validate_nested(&self, path: &str) -> Result<()> {
        self.validate(path)
    }
}

impl Nested for Vec<ItemIdRef> {
    fn validate_nested(&self, path: &str) -> Result<()> {
        validate_item_ids(path, self)
    }
}

impl Nested for Vec<PathToExtendedField> {
    fn validate_nested(&self, path: &str) -> Result<()> {
        validate_extended_fields(path, self)
    }
}

impl Nested for Vec<BaseFolderId> {
    fn validate_nested(&self, path: &str) -> Result<()> {
        self.iter()
            .enumerate()
            .try_for_each(|(i, f)| f.validate(&path_index(path, i)))
    }
}

impl Nested for Vec<ConversationRequest> {
    fn validate_nested(&self, path: &str) -> Result<()> {
        self.iter()
            .enumerate()
            .try_for_each(|(i, c)| c.validate_fields(&path_index(path, i)))
    }
}

impl WriteValue for ItemShape {
    fn write_value(&self, w: &mut XmlWriter, name: &str) {
        self.write(w, name);
    }
}

impl WriteValue for ItemIdRef {
    fn write_value(&self, w: &mut XmlWriter, name: &str) {
        self.write(w, name);
    }
}

impl WriteValue for TargetFolderId {
    fn write_value(&self, w: &mut XmlWriter, name: &str) {
        w.open(name, &[]);
        self.write(w);
        w.close(name);
    }
}

/// A value written as one entry of a list (`options_struct!`'s `each`).
pub(crate) trait WriteEntry {
    /// Writes the entry as the element `name`.
    fn write_entry(&self, w: &mut XmlWriter, name: &str);
}

impl WriteEntry for ItemIdRef {
    fn write_entry(&self, w: &mut XmlWriter, name: &str) {
        self.write(w, name);
    }
}

impl WriteEntry for PathToExtendedField {
    fn write_entry(&self, w: &mut XmlWriter, name: &str) {
        self.write(w, name);
    }
}

impl WriteEntry for ConversationRequest {
    fn write_entry(&self, w: &mut XmlWriter, name: &str) {
        w.open(name, &[]);
        self.write_fields(w);
        w.close(name);
    }
}

/// `options_struct!`'s `each`: the element `name` holding one `entry` element
/// per value; nothing for an empty list.
pub(crate) fn write_entries<T: WriteEntry>(list: &[T], w: &mut XmlWriter, name: &str, entry: &str) {
    if list.is_empty() {
        return;
    }
    w.open(name, &[]);
    for x in list {
        x.write_entry(w, entry);
    }
    w.close(name);
}

impl WriteValue for Vec<BaseFolderId> {
    fn write_value(&self, w: &mut XmlWriter, name: &str) {
        // A choice: each entry names its own element.
        if !self.is_empty() {
            w.open(name, &[]);
            for f in self {
                f.write(w);
            }
            w.close(name);
        }
    }
}

// ---------------------------------------------------------------------------
// Impersonation (a field of the generated `RequestHeader`)

/// Who to impersonate (`ExchangeImpersonation/ConnectingSID`): exactly one of the four.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub enum Impersonation {
    /// `PrincipalName` (UPN).
    PrincipalName(String),
    /// `SID`.
    #[serde(rename = "sid")]
    Sid(String),
    /// `PrimarySmtpAddress`.
    PrimarySmtpAddress(String),
    /// `SmtpAddress`.
    SmtpAddress(String),
}

impl FromJson for Impersonation {
    fn from_json(v: &JsonValue, path: &str) -> Result<Self> {
        const TAGS: &[&str] = &["principalName", "sid", "primarySmtpAddress", "smtpAddress"];
        choice(v, path, TAGS, |i, v, at| {
            let s = String::from_json(v, at)?;
            Ok(match i {
                0 => Impersonation::PrincipalName(s),
                1 => Impersonation::Sid(s),
                2 => Impersonation::PrimarySmtpAddress(s),
                _ => Impersonation::SmtpAddress(s),
            })
        })
    }
}

// ---------------------------------------------------------------------------
// Paths and checks

/// `xs:boolean` as written.
pub(crate) fn bool_str(b: bool) -> &'static str {
    if b {
        "true"
    } else {
        "false"
    }
}

/// Checks an `xs:base64Binary` value (whitespace allowed, canonical padding).
pub(crate) fn check_base64(path: &str, s: &str) -> Result<()> {
    if is_base64(s) {
        Ok(())
    } else {
        Err(Error::invalid(path, "must be base64 (xs:base64Binary)"))
    }
}

fn is_base64(s: &str) -> bool {
    // One pass, white space skipped: `len` symbols, the last `pad` of them `=`,
    // `last` the final symbol before the padding.
    let (mut len, mut pad, mut last) = (0usize, 0usize, 0u8);
    for b in s.bytes() {
        match b {
            b' ' | b'\t' | b'\n' | b'\r' => continue,
            b'=' => pad += 1,
            _ if pad > 0 => return false,
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'+' | b'/' => last = b,
            _ => return false,
        }
        len += 1;
    }
    // The bits a padded group leaves unused must be zero (the XSD grammar's B04/B16).
    len % 4 == 0
        && match pad {
            0 => true,
            1 => b"AEIMQUYcgkosw048".contains(&last),
            2 => b"AQgw".contains(&last),
            _ => false,
        }
}

/// `PropertyTagType`: `(0x|0X)[0-9A-Fa-f]{1,4}` or an `xs:unsignedShort` in decimal.
fn is_property_tag(s: &str) -> bool {
    match s.strip_prefix("0x").or_else(|| s.strip_prefix("0X")) {
        Some(hex) => (1..=4).contains(&hex.len()) && hex.bytes().all(|b| b.is_ascii_hexdigit()),
        None => !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()) && s.parse::<u16>().is_ok(),
    }
}

/// `GuidType`: `8-4-4-4-12` hexadecimal digits.
fn is_guid(s: &str) -> bool {
    let mut parts = s.split('-');
    [8, 4, 4, 4, 12].iter().all(|&n| {
        parts
            .next()
            .is_some_and(|p| p.len() == n && p.bytes().all(|b| b.is_ascii_hexdigit()))
    }) && parts.next().is_none()
}

/// Validates a list of item ids at `path[i]`.
pub(crate) fn validate_item_ids(path: &str, ids: &[ItemIdRef]) -> Result<()> {
    ids.iter()
        .enumerate()
        .try_for_each(|(i, id)| id.validate(&path_index(path, i)))
}

/// Validates a list of extended property paths at `path[i]`.
pub(crate) fn validate_extended_fields(path: &str, props: &[PathToExtendedField]) -> Result<()> {
    props
        .iter()
        .enumerate()
        .try_for_each(|(i, p)| p.validate(&path_index(path, i)))
}

fn id_attrs<'a>(id: &'a str, change_key: Option<&'a str>) -> Vec<(&'static str, &'a str)> {
    let mut attrs = vec![("Id", id)];
    if let Some(ck) = change_key {
        attrs.push(("ChangeKey", ck));
    }
    attrs
}

// ---------------------------------------------------------------------------
// Item and folder ids

// `ItemIdRef` (struct, options reader, TypeScript) is generated into `generated.rs`.

impl ItemIdRef {
    /// An id without change key.
    pub fn new(id: impl Into<String>) -> Self {
        ItemIdRef {
            id: id.into(),
            change_key: None,
        }
    }

    /// An id with a change key.
    pub fn with_change_key(id: impl Into<String>, change_key: impl Into<String>) -> Self {
        ItemIdRef {
            id: id.into(),
            change_key: Some(change_key.into()),
        }
    }

    pub(crate) fn validate(&self, path: &str) -> Result<()> {
        self.validate_fields(path)
    }

    pub(crate) fn write(&self, w: &mut XmlWriter, name: &str) {
        w.empty(name, &id_attrs(&self.id, self.change_key.as_deref()));
    }
}

impl From<&super::ItemId> for ItemIdRef {
    /// The id of an item a parser returned, for use in a request.
    fn from(id: &super::ItemId) -> Self {
        ItemIdRef {
            id: id.id.clone(),
            change_key: id.change_key.clone(),
        }
    }
}

impl From<super::ItemId> for ItemIdRef {
    fn from(id: super::ItemId) -> Self {
        ItemIdRef {
            id: id.id,
            change_key: id.change_key,
        }
    }
}

// `FolderIdRef` (struct, options reader, TypeScript) is generated into `generated.rs`.

impl FolderIdRef {
    /// A folder id without change key.
    pub fn new(id: impl Into<String>) -> Self {
        FolderIdRef {
            id: id.into(),
            change_key: None,
        }
    }

    /// A folder id with a change key.
    pub fn with_change_key(id: impl Into<String>, change_key: impl Into<String>) -> Self {
        FolderIdRef {
            id: id.into(),
            change_key: Some(change_key.into()),
        }
    }

    pub(crate) fn validate(&self, path: &str) -> Result<()> {
        self.validate_fields(path)
    }

    pub(crate) fn write(&self, w: &mut XmlWriter) {
        w.empty(
            "t:FolderId",
            &id_attrs(&self.id, self.change_key.as_deref()),
        );
    }
}

impl From<&super::FolderId> for FolderIdRef {
    /// The id of a folder a parser returned, for use in a request.
    fn from(id: &super::FolderId) -> Self {
        FolderIdRef {
            id: id.id.clone(),
            change_key: id.change_key.clone(),
        }
    }
}

// `MailboxRef` (struct, options reader, TypeScript) is generated into `generated.rs`.

impl MailboxRef {
    /// A mailbox given by its SMTP address.
    pub fn new(email_address: impl Into<String>) -> Self {
        MailboxRef {
            email_address: email_address.into(),
            ..Default::default()
        }
    }

    pub(crate) fn validate(&self, path: &str) -> Result<()> {
        self.validate_fields(path)
    }
}

// `DistinguishedFolderId` (struct, options reader, TypeScript) is generated into `generated.rs`.

impl DistinguishedFolderId {
    /// The folder of the authenticated (or impersonated) user.
    pub fn new(id: DistinguishedFolderIdName) -> Self {
        DistinguishedFolderId {
            id,
            change_key: None,
            mailbox: None,
        }
    }

    /// The folder in another mailbox (delegate access), given by SMTP address.
    pub fn in_mailbox(id: DistinguishedFolderIdName, email_address: impl Into<String>) -> Self {
        DistinguishedFolderId {
            id,
            change_key: None,
            mailbox: Some(MailboxRef::new(email_address)),
        }
    }

    pub(crate) fn validate(&self, path: &str) -> Result<()> {
        self.validate_fields(path)
    }

    pub(crate) fn write(&self, w: &mut XmlWriter) {
        let attrs = id_attrs(self.id.as_str(), self.change_key.as_deref());
        if self.mailbox.is_some() {
            w.open("t:DistinguishedFolderId", &attrs);
            self.write_fields(w);
            w.close("t:DistinguishedFolderId");
        } else {
            w.empty("t:DistinguishedFolderId", &attrs);
        }
    }
}

impl From<DistinguishedFolderIdName> for DistinguishedFolderId {
    fn from(id: DistinguishedFolderIdName) -> Self {
        DistinguishedFolderId::new(id)
    }
}

// `AddressListId` (struct, options reader, TypeScript) is generated into `generated.rs`.

/// A folder (`BaseFolderIdType`, as in
/// [`FoldersToIgnore`](https://learn.microsoft.com/en-us/exchange/client-developer/web-service-reference/folderstoignore)):
/// JS `{ folderId: { id, changeKey? } }` or `{ distinguishedFolderId: { id, changeKey?, mailbox? } }`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum BaseFolderId {
    /// `FolderId`.
    #[serde(rename = "folderId")]
    FolderId(FolderIdRef),
    /// `DistinguishedFolderId`.
    #[serde(rename = "distinguishedFolderId")]
    DistinguishedFolderId(DistinguishedFolderId),
}

impl BaseFolderId {
    pub(crate) fn validate(&self, path: &str) -> Result<()> {
        match self {
            BaseFolderId::FolderId(f) => f.validate(&path_key(path, "folderId")),
            BaseFolderId::DistinguishedFolderId(d) => {
                d.validate(&path_key(path, "distinguishedFolderId"))
            }
        }
    }

    pub(crate) fn write(&self, w: &mut XmlWriter) {
        match self {
            BaseFolderId::FolderId(f) => f.write(w),
            BaseFolderId::DistinguishedFolderId(d) => d.write(w),
        }
    }
}

impl From<DistinguishedFolderIdName> for BaseFolderId {
    fn from(id: DistinguishedFolderIdName) -> Self {
        BaseFolderId::DistinguishedFolderId(id.into())
    }
}

impl From<DistinguishedFolderId> for BaseFolderId {
    fn from(id: DistinguishedFolderId) -> Self {
        BaseFolderId::DistinguishedFolderId(id)
    }
}

impl From<FolderIdRef> for BaseFolderId {
    fn from(id: FolderIdRef) -> Self {
        BaseFolderId::FolderId(id)
    }
}

/// The folder to work on (`TargetFolderIdType`, as in
/// [`SyncFolderId`](https://learn.microsoft.com/en-us/exchange/client-developer/web-service-reference/syncfolderid)):
/// JS `{ folderId: { id, changeKey? } }`, `{ distinguishedFolderId: { id, changeKey?, mailbox? } }`
/// or `{ addressListId: { id } }`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum TargetFolderId {
    /// `FolderId`.
    #[serde(rename = "folderId")]
    FolderId(FolderIdRef),
    /// `DistinguishedFolderId`.
    #[serde(rename = "distinguishedFolderId")]
    DistinguishedFolderId(DistinguishedFolderId),
    /// `AddressListId`.
    #[serde(rename = "addressListId")]
    AddressListId(AddressListId),
}

impl TargetFolderId {
    pub(crate) fn validate(&self, path: &str) -> Result<()> {
        match self {
            TargetFolderId::FolderId(f) => f.validate(&path_key(path, "folderId")),
            TargetFolderId::DistinguishedFolderId(d) => {
                d.validate(&path_key(path, "distinguishedFolderId"))
            }
            TargetFolderId::AddressListId(a) => a.validate_fields(&path_key(path, "addressListId")),
        }
    }

    pub(crate) fn write(&self, w: &mut XmlWriter) {
        match self {
            TargetFolderId::FolderId(f) => f.write(w),
            TargetFolderId::DistinguishedFolderId(d) => d.write(w),
            TargetFolderId::AddressListId(a) => {
                w.empty("t:AddressListId", &[("Id", a.id.as_str())]);
            }
        }
    }
}

impl Default for TargetFolderId {
    /// The Inbox.
    fn default() -> Self {
        DistinguishedFolderIdName::Inbox.into()
    }
}

impl From<DistinguishedFolderIdName> for TargetFolderId {
    fn from(id: DistinguishedFolderIdName) -> Self {
        TargetFolderId::DistinguishedFolderId(id.into())
    }
}

impl From<DistinguishedFolderId> for TargetFolderId {
    fn from(id: DistinguishedFolderId) -> Self {
        TargetFolderId::DistinguishedFolderId(id)
    }
}

impl From<FolderIdRef> for TargetFolderId {
    fn from(id: FolderIdRef) -> Self {
        TargetFolderId::FolderId(id)
    }
}

// ---------------------------------------------------------------------------
// Item shape and property paths

// `ItemShape` (the struct, its options reader, its TypeScript declaration and
// `write_fields`) is generated from `ItemResponseShapeType` into `generated.rs`.

impl ItemShape {
    /// A shape with only a base shape.
    pub fn new(base_shape: BaseShape) -> Self {
        ItemShape {
            base_shape,
            ..Default::default()
        }
    }

    /// Adds properties to return.
    pub fn with_additional_properties(
        mut self,
        props: impl IntoIterator<Item = PropertyPath>,
    ) -> Self {
        self.additional_properties.extend(props);
        self
    }

    pub(crate) fn validate(&self, path: &str) -> Result<()> {
        self.validate_fields(path)
    }

    /// Writes the element `name` (`m:ItemShape`).
    pub(crate) fn write(&self, w: &mut XmlWriter, name: &str) {
        w.open(name, &[]);
        self.write_fields(w);
        w.close(name);
    }
}

/// One property to return (the schema's `t:Path` substitution group), JS
/// `{ fieldURI: 'item:Subject' }`, `{ extendedFieldURI: {...} }` or
/// `{ indexedFieldURI: { fieldURI, fieldIndex } }`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum PropertyPath {
    /// [`FieldURI`](https://learn.microsoft.com/en-us/exchange/client-developer/web-service-reference/fielduri):
    /// one of [`UNINDEXED_FIELD_URIS`](super::UNINDEXED_FIELD_URIS), e.g. `item:Subject`.
    #[serde(rename = "fieldURI")]
    FieldUri(String),
    /// [`IndexedFieldURI`](https://learn.microsoft.com/en-us/exchange/client-developer/web-service-reference/indexedfielduri).
    #[serde(rename = "indexedFieldURI")]
    IndexedFieldUri(PathToIndexedField),
    /// [`ExtendedFieldURI`](https://learn.microsoft.com/en-us/exchange/client-developer/web-service-reference/extendedfielduri).
    #[serde(rename = "extendedFieldURI")]
    ExtendedFieldUri(PathToExtendedField),
}

impl PropertyPath {
    /// A `FieldURI`, e.g. `PropertyPath::field("item:Subject")`.
    pub fn field(uri: impl Into<String>) -> Self {
        PropertyPath::FieldUri(uri.into())
    }

    pub(crate) fn validate(&self, path: &str) -> Result<()> {
        match self {
            PropertyPath::FieldUri(uri) => {
                if is_in_groups(UNINDEXED_FIELD_URIS_GROUPS, uri) {
                    Ok(())
                } else {
                    Err(invalid_at(
                        path,
                        "fieldURI",
                        "not a field URI of the schema (UnindexedFieldURIType), e.g. item:Subject",
                    ))
                }
            }
            PropertyPath::IndexedFieldUri(p) => p.validate(&path_key(path, "indexedFieldURI")),
            PropertyPath::ExtendedFieldUri(p) => p.validate(&path_key(path, "extendedFieldURI")),
        }
    }

    pub(crate) fn write(&self, w: &mut XmlWriter) {
        match self {
            PropertyPath::FieldUri(uri) => {
                w.empty("t:FieldURI", &[("FieldURI", uri.as_str())]);
            }
            PropertyPath::IndexedFieldUri(p) => {
                w.empty(
                    "t:IndexedFieldURI",
                    &[
                        ("FieldURI", p.field_uri.as_str()),
                        ("FieldIndex", p.field_index.as_str()),
                    ],
                );
            }
            PropertyPath::ExtendedFieldUri(p) => p.write(w, "t:ExtendedFieldURI"),
        }
    }
}

/// Whether `value` is one of the values of a generated `*_GROUPS` string:
/// lines of a prefix (up to and with the first `:`, or empty), a tab, and the
/// rest of each value with that prefix, each followed by a space.
fn is_in_groups(groups: &str, value: &str) -> bool {
    // `get`, not `split_at`: its panic path would pull kilobytes of
    // formatting code into the wasm module.
    let colon = value.find(':').map_or(0, |c| c + 1);
    let (Some(prefix), Some(rest)) = (value.get(..colon), value.get(colon..)) else {
        return false;
    };
    groups
        .split_terminator('\n')
        .filter_map(|line| line.split_once('\t'))
        .filter(|(p, _)| *p == prefix)
        .any(|(_, rests)| rests.split_terminator(' ').any(|r| r == rest))
}

impl From<PathToIndexedField> for PropertyPath {
    fn from(p: PathToIndexedField) -> Self {
        PropertyPath::IndexedFieldUri(p)
    }
}

impl From<PathToExtendedField> for PropertyPath {
    fn from(p: PathToExtendedField) -> Self {
        PropertyPath::ExtendedFieldUri(p)
    }
}

// `PathToIndexedField` (struct, options reader, TypeScript) is generated into `generated.rs`.

impl PathToIndexedField {
    /// An indexed field, e.g. `PathToIndexedField::new("contacts:EmailAddress", "EmailAddress1")`.
    pub fn new(field_uri: impl Into<String>, field_index: impl Into<String>) -> Self {
        PathToIndexedField {
            field_uri: field_uri.into(),
            field_index: field_index.into(),
        }
    }

    pub(crate) fn validate(&self, path: &str) -> Result<()> {
        if !is_in_groups(DICTIONARY_URIS_GROUPS, &self.field_uri) {
            return Err(invalid_at(path, "fieldURI", "not an indexed field URI of the schema (DictionaryURIType), e.g. contacts:EmailAddress"));
        }
        check_non_empty(&path_key(path, "fieldIndex"), &self.field_index)
    }
}

// `PathToExtendedField` (struct, options reader, TypeScript) is generated into `generated.rs`.

impl PathToExtendedField {
    /// A property by tag, e.g. `PathToExtendedField::tag("0x3001", MapiPropertyType::String)`
    /// (`PR_DISPLAY_NAME`).
    pub fn tag(tag: impl Into<String>, property_type: MapiPropertyType) -> Self {
        PathToExtendedField {
            property_tag: Some(tag.into()),
            ..Self::empty(property_type)
        }
    }

    /// A named property in a distinguished property set.
    pub fn named(
        set: DistinguishedPropertySet,
        name: impl Into<String>,
        property_type: MapiPropertyType,
    ) -> Self {
        PathToExtendedField {
            distinguished_property_set_id: Some(set),
            property_name: Some(name.into()),
            ..Self::empty(property_type)
        }
    }

    /// A numbered property in a distinguished property set.
    pub fn numbered(
        set: DistinguishedPropertySet,
        id: i32,
        property_type: MapiPropertyType,
    ) -> Self {
        PathToExtendedField {
            distinguished_property_set_id: Some(set),
            property_id: Some(id),
            ..Self::empty(property_type)
        }
    }

    /// A named property in the property set with this GUID.
    pub fn named_in_set(
        set_guid: impl Into<String>,
        name: impl Into<String>,
        property_type: MapiPropertyType,
    ) -> Self {
        PathToExtendedField {
            property_set_id: Some(set_guid.into()),
            property_name: Some(name.into()),
            ..Self::empty(property_type)
        }
    }

    /// A numbered property in the property set with this GUID.
    pub fn numbered_in_set(
        set_guid: impl Into<String>,
        id: i32,
        property_type: MapiPropertyType,
    ) -> Self {
        PathToExtendedField {
            property_set_id: Some(set_guid.into()),
            property_id: Some(id),
            ..Self::empty(property_type)
        }
    }

    fn empty(property_type: MapiPropertyType) -> Self {
        PathToExtendedField {
            distinguished_property_set_id: None,
            property_set_id: None,
            property_tag: None,
            property_name: None,
            property_id: None,
            property_type,
        }
    }

    pub(crate) fn validate(&self, path: &str) -> Result<()> {
        const HOW: &str = "must name a property: propertyTag, or distinguishedPropertySetId or \
                           propertySetId with propertyName or propertyId";
        if let Some(tag) = &self.property_tag {
            if !is_property_tag(tag) {
                return Err(invalid_at(
                    path,
                    "propertyTag",
                    "must be 0x followed by 1 to 4 hex digits, or a number from 0 to 65535",
                ));
            }
            let others = [
                (
                    self.distinguished_property_set_id.is_some(),
                    "distinguishedPropertySetId",
                ),
                (self.property_set_id.is_some(), "propertySetId"),
                (self.property_name.is_some(), "propertyName"),
                (self.property_id.is_some(), "propertyId"),
            ];
            return match others.iter().find(|(given, _)| *given) {
                Some((_, key)) => Err(invalid_at(path, key, "cannot be combined with propertyTag")),
                None => Ok(()),
            };
        }
        match (&self.distinguished_property_set_id, &self.property_set_id) {
            (Some(_), Some(_)) => {
                return Err(invalid_at(
                    path,
                    "propertySetId",
                    "give distinguishedPropertySetId or propertySetId, not both",
                ))
            }
            (None, None) => return Err(Error::invalid(path, HOW)),
            (None, Some(guid)) if !is_guid(guid) => {
                return Err(invalid_at(
                    path,
                    "propertySetId",
                    "must be a GUID such as 00020329-0000-0000-C000-000000000046",
                ))
            }
            _ => {}
        }
        match (&self.property_name, self.property_id) {
            (Some(_), Some(_)) => Err(invalid_at(
                path,
                "propertyId",
                "give propertyName or propertyId, not both",
            )),
            (None, None) => Err(Error::invalid(path, HOW)),
            (Some(name), None) => check_non_empty(&path_key(path, "propertyName"), name),
            (None, Some(_)) => Ok(()),
        }
    }

    /// Writes the element `name` (`t:ExtendedFieldURI` or `t:ExtendedProperty`).
    pub(crate) fn write(&self, w: &mut XmlWriter, name: &str) {
        let id = self.property_id.map(|i| i.to_string());
        let mut attrs: Vec<(&str, &str)> = Vec::with_capacity(3);
        if let Some(s) = self.distinguished_property_set_id {
            attrs.push(("DistinguishedPropertySetId", s.as_str()));
        }
        if let Some(s) = &self.property_set_id {
            attrs.push(("PropertySetId", s));
        }
        if let Some(s) = &self.property_tag {
            attrs.push(("PropertyTag", s));
        }
        if let Some(s) = &self.property_name {
            attrs.push(("PropertyName", s));
        }
        if let Some(s) = &id {
            attrs.push(("PropertyId", s));
        }
        attrs.push(("PropertyType", self.property_type.as_str()));
        w.empty(name, &attrs);
    }
}

/// `propertyTag` may be given as a string (`"0x3001"`) or a number (`12289`).
pub(super) fn de_property_tag<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    struct TagVisitor;
    impl Visitor<'_> for TagVisitor {
        type Value = Option<String>;
        fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("a property tag such as \"0x3001\", or a number from 0 to 65535")
        }
        fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Self::Value, E> {
            Ok(Some(v.to_owned()))
        }
        fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<Self::Value, E> {
            Ok(Some(v.to_string()))
        }
        fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<Self::Value, E> {
            Ok(Some(v.to_string()))
        }
        fn visit_unit<E: serde::de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_none<E: serde::de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }
    }
    d.deserialize_any(TagVisitor)
}

// ---------------------------------------------------------------------------
// Enumerations: `BaseShape`, `BodyType`, `MailboxType`, `MapiPropertyType`,
// `DistinguishedPropertySet` and `DistinguishedFolderIdName` are generated from
// the schema into `generated.rs` (`npm run generate`).

// `wire_enum!` does not derive `Default`, so `#[default]` is not available.
#[allow(clippy::derivable_impls)]
impl Default for BaseShape {
    fn default() -> Self {
        BaseShape::IdOnly
    }
}

// ---------------------------------------------------------------------------
// Options from JSON

/// Parses builder options from JSON (what the JavaScript layer receives), refusing
/// unknown keys and unknown enumeration values.
///
/// Every failure is an [`Error::InvalidOptions`] whose `path` is the JavaScript
/// path of the offending option: `conversations[0].conversationId.id`,
/// `syncFolderId.distinguishedFolderId.id`, and for a missing or unknown key the
/// key itself (`itemShape.additionalProperties[1].extendedFieldURI.propertyType`).
/// A document that is not JSON at all fails with the path where reading stopped
/// (`""` at the top). See [`crate::json_in`]: this does not use serde, and
/// accepts exactly what the types' serde derives accept.
pub fn parse_options<T: FromJson>(json: &str) -> Result<T> {
    crate::json_in::from_json_str(json)
}

impl FromJson for BaseFolderId {
    fn from_json(v: &JsonValue, path: &str) -> Result<Self> {
        choice(
            v,
            path,
            &["folderId", "distinguishedFolderId"],
            |i, v, at| {
                Ok(match i {
                    0 => BaseFolderId::FolderId(FromJson::from_json(v, at)?),
                    _ => BaseFolderId::DistinguishedFolderId(FromJson::from_json(v, at)?),
                })
            },
        )
    }
}

impl FromJson for TargetFolderId {
    fn from_json(v: &JsonValue, path: &str) -> Result<Self> {
        const TAGS: &[&str] = &["folderId", "distinguishedFolderId", "addressListId"];
        choice(v, path, TAGS, |i, v, at| {
            Ok(match i {
                0 => TargetFolderId::FolderId(FromJson::from_json(v, at)?),
                1 => TargetFolderId::DistinguishedFolderId(FromJson::from_json(v, at)?),
                _ => TargetFolderId::AddressListId(FromJson::from_json(v, at)?),
            })
        })
    }
}

impl FromJson for PropertyPath {
    fn from_json(v: &JsonValue, path: &str) -> Result<Self> {
        const TAGS: &[&str] = &["fieldURI", "indexedFieldURI", "extendedFieldURI"];
        choice(v, path, TAGS, |i, v, at| {
            Ok(match i {
                0 => PropertyPath::FieldUri(FromJson::from_json(v, at)?),
                1 => PropertyPath::IndexedFieldUri(FromJson::from_json(v, at)?),
                _ => PropertyPath::ExtendedFieldUri(FromJson::from_json(v, at)?),
            })
        })
    }
}

/// `propertyTag` may be given as a string (`"0x3001"`) or an integer (`12289`),
/// as [`de_property_tag`] reads it.
pub(super) fn property_tag_from_json(v: &JsonValue, path: &str) -> Result<Option<String>> {
    match v {
        JsonValue::Null => Ok(None),
        JsonValue::String(s) => Ok(Some(s.clone())),
        // An integer as JSON writes it (no leading zero, no `-0`) is already
        // its decimal form: kept as written once it fits `u64` or `i64`.
        _ => match crate::json_in::integer_text(v) {
            Some(n) if n.parse::<u64>().is_ok() || n.parse::<i64>().is_ok() => {
                Ok(Some(n.to_owned()))
            }
            _ => Err(Error::invalid(
                path,
                "expected a property tag such as \"0x3001\", or a number from 0 to 65535",
            )),
        },
    }
}

// The `FieldURI` and `IndexedFieldURI/@FieldURI` values (`UNINDEXED_FIELD_URIS`,
// `DICTIONARY_URIS`) are generated from the schema into `generated.rs`.

#[cfg(test)]
mod tests {
    use super::*;
    use crate::types::{BodyType, MailboxType};

    fn err_path<T: std::fmt::Debug>(r: Result<T>) -> String {
        match r {
            Err(Error::InvalidOptions { path, .. }) => path,
            other => panic!("expected InvalidOptions, got {other:?}"),
        }
    }

    #[test]
    fn base64() {
        for ok in ["", "AQID", "AQIDBA==", "AQIDBAU=", "AQ ID\nBA==", "+/+/"] {
            assert!(is_base64(ok), "{ok:?}");
        }
        for bad in [
            "A", "AQI", "AQIDB===", "AQ=D", "AQIDBB==", "AQIDBAV=", "é123", "AQI!",
        ] {
            assert!(!is_base64(bad), "{bad:?}");
        }
    }

    #[test]
    fn property_tags_and_guids() {
        for ok in ["0x3001", "0X1a", "0xFFFF", "0x0", "0", "65535", "00012"] {
            assert!(is_property_tag(ok), "{ok:?}");
        }
        for bad in [
            "", "0x", "0x12345", "0xG1", "65536", "-1", " 12", "x3001", "+12",
        ] {
            assert!(!is_property_tag(bad), "{bad:?}");
        }
        assert!(is_guid("00020329-0000-0000-C000-000000000046"));
        assert!(is_guid("0002032a-0000-0000-c000-000000000046"));
        for bad in [
            "",
            "{00020329-0000-0000-C000-000000000046}",
            "00020329-0000-0000-C000-00000000004",
            "00020329-0000-0000-C000-0000000000466",
            "00020329-0000-0000-C000-000000000046-",
            "0002032G-0000-0000-C000-000000000046",
            "000203290000-0000-C000-000000000046",
        ] {
            assert!(!is_guid(bad), "{bad:?}");
        }
    }

    #[test]
    fn extended_field_combinations() {
        use DistinguishedPropertySet::PublicStrings;
        use MapiPropertyType::String as Str;
        let guid = "00020329-0000-0000-C000-000000000046";
        let ok = [
            PathToExtendedField::tag("0x3001", Str),
            PathToExtendedField::named(PublicStrings, "x", Str),
            PathToExtendedField::numbered(PublicStrings, 0x8005, Str),
            PathToExtendedField::named_in_set(guid, "x", Str),
            PathToExtendedField::numbered_in_set(guid, -1, Str),
        ];
        for p in &ok {
            p.validate("p").unwrap();
        }
        let cases: Vec<(PathToExtendedField, &str)> = vec![
            (PathToExtendedField::tag("0x30011", Str), "p.propertyTag"),
            (
                PathToExtendedField {
                    property_name: Some("x".into()),
                    ..PathToExtendedField::tag("0x3001", Str)
                },
                "p.propertyName",
            ),
            (
                PathToExtendedField {
                    distinguished_property_set_id: Some(PublicStrings),
                    ..PathToExtendedField::tag("1", Str)
                },
                "p.distinguishedPropertySetId",
            ),
            (
                PathToExtendedField {
                    property_set_id: Some(guid.into()),
                    ..PathToExtendedField::named(PublicStrings, "x", Str)
                },
                "p.propertySetId",
            ),
            (
                PathToExtendedField {
                    property_id: Some(1),
                    ..PathToExtendedField::named(PublicStrings, "x", Str)
                },
                "p.propertyId",
            ),
            (
                PathToExtendedField::named_in_set("nope", "x", Str),
                "p.propertySetId",
            ),
            (
                PathToExtendedField::named(PublicStrings, "", Str),
                "p.propertyName",
            ),
            (PathToExtendedField::empty(Str), "p"),
            (
                PathToExtendedField {
                    property_name: Some("x".into()),
                    ..PathToExtendedField::empty(Str)
                },
                "p",
            ),
            (
                PathToExtendedField {
                    distinguished_property_set_id: Some(PublicStrings),
                    ..PathToExtendedField::empty(Str)
                },
                "p",
            ),
        ];
        for (p, path) in cases {
            assert_eq!(err_path(p.validate("p")), path, "{p:?}");
        }
    }

    #[test]
    fn base64_check_agrees_with_collecting_the_symbols_first() {
        // The check as it was written before the one-pass version.
        fn is_base64_by_collecting(s: &str) -> bool {
            let data: Vec<u8> = s
                .bytes()
                .filter(|b| !matches!(b, b' ' | b'\t' | b'\n' | b'\r'))
                .collect();
            if data.len() % 4 != 0 {
                return false;
            }
            let pad = data.iter().rev().take_while(|&&b| b == b'=').count();
            let body = data.get(..data.len() - pad).unwrap_or_default();
            let is_b64 = |b: &u8| b.is_ascii_alphanumeric() || *b == b'+' || *b == b'/';
            if pad > 2 || !body.iter().all(is_b64) {
                return false;
            }
            // The bits a padded group leaves unused must be zero (the XSD grammar's B04/B16).
            match (pad, body.last()) {
                (1, Some(b)) => b"AEIMQUYcgkosw048".contains(b),
                (2, Some(b)) => b"AQgw".contains(b),
                (0, _) => true,
                _ => false,
            }
        }
        let alphabet = b"AQgwEZ+/=  \n9-";
        let mut x = 0x9e37_79b9_7f4a_7c15_u64;
        for _ in 0..20_000 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            let len = (x % 13) as usize;
            let s: String = (0..len)
                .map(|i| alphabet[((x >> (4 * i)) % alphabet.len() as u64) as usize] as char)
                .collect();
            assert_eq!(is_base64(&s), is_base64_by_collecting(&s), "{s:?}");
        }
        for s in [
            "",
            "AA==",
            "AQ==",
            "AB==",
            "AAA=",
            "AAE=",
            "AAAA",
            "A===",
            "=AAA",
            "AA=A",
            " A A = = ",
        ] {
            assert_eq!(is_base64(s), is_base64_by_collecting(s), "{s:?}");
        }
    }

    #[test]
    fn property_tag_numbers_read_as_serde_reads_them() {
        #[derive(Deserialize)]
        struct Tag {
            #[serde(deserialize_with = "de_property_tag")]
            t: Option<String>,
        }
        for text in [
            "12289",
            "0",
            "65535",
            "-5",
            "70000",
            "18446744073709551615",
            "18446744073709551616",
            "-9223372036854775808",
            "-9223372036854775809",
            "1.0",
            "1e3",
            "-0",
            "null",
            "true",
            "\"0x3001\"",
            "[]",
        ] {
            let ours = crate::json_in::JsonValue::parse(text)
                .and_then(|v| property_tag_from_json(&v, "p"))
                .ok();
            let serde = serde_json::from_str::<Tag>(&format!("{{\"t\":{text}}}"))
                .ok()
                .map(|t| t.t);
            assert_eq!(ours, serde, "{text}");
        }
    }

    #[test]
    fn wire_enum_names_follow_the_variants() {
        // `as_str` indexes `WIRE_NAMES` by the variant's number: each value
        // must come back as itself, through `from_wire`, the options reader
        // and serde (which is derived from the `#[serde(rename)]` of each variant).
        fn check<T>(all: &[T], as_str: fn(T) -> &'static str, from_wire: fn(&str) -> Option<T>)
        where
            T: Copy + PartialEq + std::fmt::Debug + Serialize + FromJson,
        {
            assert!(!all.is_empty());
            for &x in all {
                let wire = as_str(x);
                assert!(!wire.is_empty(), "{x:?}");
                assert_eq!(from_wire(wire), Some(x));
                assert_eq!(serde_json::to_value(x).unwrap(), serde_json::json!(wire));
                assert_eq!(
                    T::from_json(&JsonValue::String(wire.into()), "p").unwrap(),
                    x
                );
            }
        }
        use crate::soap::ExchangeVersion;
        use crate::types::{
            BodyType, ConversationNodeSortOrder, MailboxSearchLocation, MailboxType,
            SyncFolderItemsScope,
        };
        check(BaseShape::ALL, BaseShape::as_str, BaseShape::from_wire);
        check(BodyType::ALL, BodyType::as_str, BodyType::from_wire);
        check(
            MailboxType::ALL,
            MailboxType::as_str,
            MailboxType::from_wire,
        );
        check(
            MapiPropertyType::ALL,
            MapiPropertyType::as_str,
            MapiPropertyType::from_wire,
        );
        check(
            DistinguishedPropertySet::ALL,
            DistinguishedPropertySet::as_str,
            DistinguishedPropertySet::from_wire,
        );
        check(
            DistinguishedFolderIdName::ALL,
            DistinguishedFolderIdName::as_str,
            DistinguishedFolderIdName::from_wire,
        );
        check(
            ConversationNodeSortOrder::ALL,
            ConversationNodeSortOrder::as_str,
            ConversationNodeSortOrder::from_wire,
        );
        check(
            MailboxSearchLocation::ALL,
            MailboxSearchLocation::as_str,
            MailboxSearchLocation::from_wire,
        );
        check(
            SyncFolderItemsScope::ALL,
            SyncFolderItemsScope::as_str,
            SyncFolderItemsScope::from_wire,
        );
        check(
            &ExchangeVersion::ALL,
            ExchangeVersion::as_str,
            ExchangeVersion::from_wire,
        );
    }

    #[test]
    fn field_uris() {
        use crate::types::{DICTIONARY_URIS, UNINDEXED_FIELD_URIS};
        assert_eq!(UNINDEXED_FIELD_URIS.len(), 510);
        assert_eq!(DICTIONARY_URIS.len(), 10);
        // The strings the checks search hold the same values.
        let expand = |groups: &'static str| {
            let mut all: Vec<String> = groups
                .split_terminator('\n')
                .flat_map(|line| {
                    let (prefix, rests) = line.split_once('\t').unwrap();
                    rests
                        .split_terminator(' ')
                        .map(move |r| format!("{prefix}{r}"))
                })
                .collect();
            all.sort();
            all
        };
        let sorted = |list: &[&str]| {
            let mut v: Vec<String> = list.iter().map(|s| s.to_string()).collect();
            v.sort();
            v
        };
        assert_eq!(
            expand(UNINDEXED_FIELD_URIS_GROUPS),
            sorted(UNINDEXED_FIELD_URIS)
        );
        assert_eq!(expand(DICTIONARY_URIS_GROUPS), sorted(DICTIONARY_URIS));
        for bad in [
            "",
            "item:",
            "item",
            ":Subject",
            "item:Subject ",
            "item:Subject Size",
            "tem:Subject",
            "item:Subjec",
            " item:Subject",
        ] {
            assert!(!is_in_groups(UNINDEXED_FIELD_URIS_GROUPS, bad), "{bad:?}");
        }
        assert!(is_in_groups(
            DICTIONARY_URIS_GROUPS,
            "contacts:PhysicalAddress:City"
        ));
        assert!(!is_in_groups(
            DICTIONARY_URIS_GROUPS,
            "contacts:PhysicalAddress"
        ));
        for uri in UNINDEXED_FIELD_URIS {
            PropertyPath::field(*uri).validate("a").unwrap();
        }
        PropertyPath::field("item:Subject").validate("a").unwrap();
        assert_eq!(
            err_path(PropertyPath::field("item:subject").validate("a")),
            "a.fieldURI"
        );
        assert_eq!(
            err_path(PathToIndexedField::new("item:Subject", "x").validate("a")),
            "a.fieldURI"
        );
        assert_eq!(
            err_path(PathToIndexedField::new("contacts:EmailAddress", "").validate("a")),
            "a.fieldIndex"
        );
    }

    #[test]
    fn enums_use_wire_names() {
        assert_eq!(DistinguishedFolderIdName::ALL.len(), 71);
        assert_eq!(MapiPropertyType::ALL.len(), 27);
        assert_eq!(DistinguishedPropertySet::ALL.len(), 10);
        for v in DistinguishedFolderIdName::ALL {
            let json = serde_json::to_string(v).unwrap();
            assert_eq!(json, format!("\"{}\"", v.as_str()));
            assert_eq!(DistinguishedFolderIdName::from_wire(v.as_str()), Some(*v));
        }
        assert_eq!(BodyType::Html.as_str(), "HTML");
        assert_eq!(MapiPropertyType::Clsid.as_str(), "CLSID");
        assert_eq!(BaseShape::default(), BaseShape::IdOnly);
    }

    #[test]
    fn json_paths() {
        let p = |json: &str| err_path(parse_options::<ItemShape>(json));
        assert_eq!(p(r#"{"baseShape":"Nope"}"#), "baseShape");
        assert_eq!(p(r#"{"baseShape":"IdOnly","bogus":1}"#), "bogus");
        assert_eq!(p(r#"{}"#), "baseShape");
        assert_eq!(
            p(r#"{"baseShape":"IdOnly","maximumBodySize":"1"}"#),
            "maximumBodySize"
        );
        assert_eq!(
            p(
                r#"{"baseShape":"IdOnly","additionalProperties":[{"fieldURI":"item:Subject"},{"extendedFieldURI":{"propertyTag":"0x1"}}]}"#
            ),
            "additionalProperties[1].extendedFieldURI.propertyType"
        );
        assert_eq!(
            p(
                r#"{"baseShape":"IdOnly","additionalProperties":[{"extendedFieldURI":{"propertyTag":"0x1","propertyType":"String","x":1}}]}"#
            ),
            "additionalProperties[0].extendedFieldURI.x"
        );
        assert_eq!(
            p(r#"{"baseShape":"IdOnly","additionalProperties":[{"fieldUri":"item:Subject"}]}"#),
            "additionalProperties[0]"
        );
        assert_eq!(p(r#""x""#), "");
        assert_eq!(p(r#"{"baseShape":"IdOnly"} x"#), "");
        let s: ItemShape = parse_options(
            r#"{"baseShape":"Default","convertHtmlCodePageToUTF8":true,
                "additionalProperties":[{"extendedFieldURI":{"propertyTag":12289,"propertyType":"String"}},
                                        {"indexedFieldURI":{"fieldURI":"contacts:EmailAddress","fieldIndex":"EmailAddress1"}}]}"#,
        )
        .unwrap();
        assert_eq!(s.convert_html_code_page_to_utf8, Some(true));
        assert_eq!(
            s.additional_properties[0],
            PropertyPath::ExtendedFieldUri(PathToExtendedField::tag(
                "12289",
                MapiPropertyType::String
            ))
        );
        let json = serde_json::to_string(&s).unwrap();
        assert!(
            json.contains(r#""convertHtmlCodePageToUTF8":true"#),
            "{json}"
        );
        assert!(json.contains(r#"{"indexedFieldURI":{"fieldURI":"contacts:EmailAddress","fieldIndex":"EmailAddress1"}}"#), "{json}");
    }

    #[test]
    fn folder_ids_from_json() {
        let f: TargetFolderId = parse_options(
            r#"{"distinguishedFolderId":{"id":"sentitems","mailbox":{"emailAddress":"x@y.z","mailboxType":"Mailbox"}}}"#,
        )
        .unwrap();
        assert_eq!(
            f,
            TargetFolderId::DistinguishedFolderId(DistinguishedFolderId {
                id: DistinguishedFolderIdName::SentItems,
                change_key: None,
                mailbox: Some(MailboxRef {
                    mailbox_type: Some(MailboxType::Mailbox),
                    ..MailboxRef::new("x@y.z")
                }),
            })
        );
        assert_eq!(
            err_path(parse_options::<TargetFolderId>(
                r#"{"distinguishedFolderId":{"id":"sent"}}"#
            )),
            "distinguishedFolderId.id"
        );
        let m = MailboxRef::new("");
        assert_eq!(err_path(m.validate("m")), "m.emailAddress");
    }
}

crate::ts_type::ts_string_list! {
    /// `FieldURI` (`UnindexedFieldURIType`): a property of the schema, e.g. `item:Subject`.
    UnindexedFieldUri = "UnindexedFieldURI": super::UNINDEXED_FIELD_URIS,
    /// `IndexedFieldURI/@FieldURI` (`DictionaryURIType`), e.g. `contacts:EmailAddress`.
    DictionaryUri = "DictionaryURI": super::DICTIONARY_URIS,
}
