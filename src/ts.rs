//! TypeScript declarations of the JavaScript API, generated from the Rust types.
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
    ConversationNodeSortOrder, ConversationRequest, GetConversationItemsRequest,
    GetConversationItemsResponse, MailboxSearchLocation, ThreadEntry,
};
use crate::operations::get_im_item_list::GetImItemListRequest;
use crate::operations::get_im_items::{GetImItemsRequest, GetImItemsResponse};
use crate::operations::sync_folder_items::{
    SyncChange, SyncFolderItemsRequest, SyncFolderItemsResponse, SyncFolderItemsScope,
};
use crate::soap::{
    ExchangeVersion, Impersonation, MessageXml, RequestHeader, ResponseClass, ResponseStatus,
    TimeZoneContext,
};
use crate::types::{
    AddressListId, Attachment, BaseFolderId, BaseShape, BodyType, DistinguishedFolderId,
    DistinguishedFolderIdName, DistinguishedPropertySet, FileAttachment, FolderIdRef, GenericItem,
    Item, ItemAttachment, ItemId, ItemIdRef, ItemShape, MailboxType, MapiPropertyType,
    PathToExtendedField, PathToIndexedField, PropertyPath, ReferenceAttachment, ServerVersionInfo,
    TargetFolderId, XmlNode, DICTIONARY_URIS, UNINDEXED_FIELD_URIS,
};
use crate::types::{
    CalendarItem, Contact, DistributionList, MeetingCancellation, MeetingMessage, MeetingRequest,
    MeetingResponse, Message, Network, Person, PostItem, ResponseObject, RoleMember,
    SharingMessage, Task,
};
use crate::xml::{js_name, Limits, RawElement};

/// The hand-written part of `index.d.ts`: the functions, `init`, `EwsError`,
/// `EwsClient` and `outlookTransport`, which refer to the generated types.
const API: &str = include_str!("ts_api.d.ts");

/// A Rust type that has a TypeScript form (the JSON the JavaScript API returns
/// or takes).
pub trait TsType {
    /// Whether a field of this type may be absent (`Option`, and `Vec`, whose
    /// empty value is left out).
    const OPTIONAL: bool = false;

    /// The type where a field uses it: `string`, `ItemId`, `Attendee[]`.
    fn ts_name() -> String;

    /// Adds the declaration of this type, then those of the types it refers to,
    /// each once. Nothing for built-in types.
    fn ts_decl(_out: &mut TsOut) {}
}

/// The declarations written so far.
#[derive(Debug, Default)]
pub struct TsOut {
    declared: Vec<(String, &'static str)>,
    text: String,
}

impl TsOut {
    /// Claims the name `name` for `T`: `true` the first time (the caller then
    /// writes the declaration), `false` once declared.
    ///
    /// # Panics
    /// When two different Rust types claim one TypeScript name (a bug in the
    /// generator, found by `tests/typescript.rs`).
    pub fn first<T: ?Sized>(&mut self, name: &str) -> bool {
        let rust = std::any::type_name::<T>();
        if let Some((_, other)) = self.declared.iter().find(|(n, _)| n == name) {
            assert_eq!(
                *other, rust,
                "two Rust types are declared as the TypeScript type `{name}`"
            );
            return false;
        }
        self.declared.push((name.to_owned(), rust));
        true
    }

    /// Appends one declaration (separated from the previous one by a blank line).
    pub fn push(&mut self, decl: &str) {
        if !self.text.is_empty() {
            self.text.push('\n');
        }
        self.text.push_str(decl.trim_end());
        self.text.push('\n');
    }

    /// Declares `T` (and what it refers to) unless already done.
    pub fn add<T: TsType + ?Sized>(&mut self) {
        T::ts_decl(self);
    }

    /// The names declared, in order.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.declared.iter().map(|(n, _)| n.as_str())
    }

    /// The declarations.
    pub fn finish(self) -> String {
        self.text
    }
}

// ---------------------------------------------------------------------------
// Rendering

/// A JSDoc comment of `lines` at `indent` (nothing when there are none).
fn jsdoc(lines: &[String], indent: &str) -> String {
    let lines: Vec<String> = lines.iter().map(|l| l.replace("*/", "*\\/")).collect();
    match lines.as_slice() {
        [] => String::new(),
        [one] => format!("{indent}/** {one} */\n"),
        many => {
            let mut s = format!("{indent}/**\n");
            for l in many {
                if l.is_empty() {
                    s.push_str(&format!("{indent} *\n"));
                } else {
                    s.push_str(&format!("{indent} * {l}\n"));
                }
            }
            s.push_str(&format!("{indent} */\n"));
            s
        }
    }
}

/// Doc text split into lines, without the leading space of `///` and without
/// blank lines at either end.
fn doc_text_lines(docs: &[&str]) -> Vec<String> {
    let mut lines: Vec<String> = docs
        .iter()
        .flat_map(|d| d.split('\n'))
        .map(|l| l.strip_prefix(' ').unwrap_or(l).trim_end().to_owned())
        .collect();
    while lines.first().is_some_and(String::is_empty) {
        lines.remove(0);
    }
    while lines.last().is_some_and(String::is_empty) {
        lines.pop();
    }
    lines
}

/// The doc text of stringified attributes (`doc = r" An item …"`,
/// `doc = concat!("…", "…")`); other attributes are skipped.
pub fn doc_of_attributes(metas: &[&str]) -> Vec<String> {
    let docs: Vec<String> = metas.iter().filter_map(|m| doc_attribute(m)).collect();
    let refs: Vec<&str> = docs.iter().map(String::as_str).collect();
    doc_text_lines(&refs)
        .into_iter()
        .map(|l| rust_names_to_js(&l))
        .collect()
}

/// Rust field names quoted in docs (`` `sync_state` ``) in their JS form (`` `syncState` ``).
fn rust_names_to_js(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    for (i, part) in line.split('`').enumerate() {
        if i > 0 {
            out.push('`');
        }
        let snake = i % 2 == 1
            && part.contains('_')
            && part.starts_with(|c: char| c.is_ascii_lowercase())
            && part
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
        if snake {
            let mut upper = false;
            for c in part.chars() {
                if c == '_' {
                    upper = true;
                } else if upper {
                    out.push(c.to_ascii_uppercase());
                    upper = false;
                } else {
                    out.push(c);
                }
            }
        } else {
            out.push_str(part);
        }
    }
    out
}

/// The text of one stringified `doc = …` attribute made of string literals.
fn doc_attribute(meta: &str) -> Option<String> {
    let rest = meta
        .strip_prefix("doc")?
        .trim_start()
        .strip_prefix('=')?
        .trim();
    let mut rest = match rest.strip_prefix("concat!") {
        Some(r) => r
            .trim_start()
            .strip_prefix('(')?
            .trim_end()
            .strip_suffix(')')?,
        None => rest,
    };
    let mut out = String::new();
    loop {
        rest = rest.trim_start();
        if rest.is_empty() {
            return Some(out);
        }
        let (text, after) = string_literal(rest)?;
        out.push_str(&text);
        rest = after.trim_start();
        rest = rest.strip_prefix(',').unwrap_or(rest);
    }
}

/// Reads one Rust string literal (raw or not) at the start of `s`.
fn string_literal(s: &str) -> Option<(String, &str)> {
    if let Some(raw) = s.strip_prefix('r') {
        let hashes = raw.len() - raw.trim_start_matches('#').len();
        let body = raw.get(hashes..)?.strip_prefix('"')?;
        let close = format!("\"{}", "#".repeat(hashes));
        let end = body.find(&close)?;
        return Some((body.get(..end)?.to_owned(), body.get(end + close.len()..)?));
    }
    let body = s.strip_prefix('"')?;
    let mut out = String::new();
    let mut chars = body.char_indices();
    while let Some((i, c)) = chars.next() {
        match c {
            '"' => return Some((out, body.get(i + 1..)?)),
            '\\' => {
                let (_, e) = chars.next()?;
                match e {
                    'n' => out.push('\n'),
                    't' => out.push('\t'),
                    'r' => out.push('\r'),
                    '0' => out.push('\0'),
                    '\n' => {
                        // A line continuation: skip the next line's indentation.
                        let rest = chars.as_str();
                        let skip = rest.len() - rest.trim_start().len();
                        for _ in 0..rest.get(..skip)?.chars().count() {
                            chars.next();
                        }
                    }
                    'u' => {
                        let rest = chars.as_str().strip_prefix('{')?;
                        let end = rest.find('}')?;
                        let code = u32::from_str_radix(rest.get(..end)?, 16).ok()?;
                        out.push(char::from_u32(code)?);
                        for _ in 0..end + 2 {
                            chars.next();
                        }
                    }
                    other => out.push(other),
                }
            }
            other => out.push(other),
        }
    }
    None
}

/// A string literal type: `'IdOnly'`.
fn literal(s: &str) -> String {
    format!("'{}'", s.replace('\\', "\\\\").replace('\'', "\\'"))
}

/// `T[]`, parenthesised when `T` is a union or intersection.
fn array_of(t: &str) -> String {
    if t.contains(' ') {
        format!("({t})[]")
    } else {
        format!("{t}[]")
    }
}

/// `export type Name = a | b;`, one member per line when long.
fn union_decl(name: &str, doc: &[String], members: &[String]) -> String {
    let one_line = format!("export type {name} = {};", members.join(" | "));
    let body = if one_line.len() <= 100 {
        one_line
    } else {
        let mut s = format!("export type {name} =");
        for m in members {
            s.push_str("\n  | ");
            s.push_str(m);
        }
        s.push(';');
        s
    };
    format!("{}{body}\n", jsdoc(doc, ""))
}

/// An `interface` declaration being put together.
#[derive(Debug)]
pub struct TsInterface {
    name: String,
    doc: Vec<String>,
    extends: Vec<String>,
    body: String,
}

impl TsInterface {
    /// An empty interface documented by stringified attributes (see [`doc_of_attributes`]).
    pub fn new(name: &str, metas: &[&str]) -> Self {
        TsInterface {
            name: name.to_owned(),
            doc: doc_of_attributes(metas),
            extends: Vec::new(),
            body: String::new(),
        }
    }

    /// An empty interface documented by doc lines.
    pub fn with_doc(name: &str, docs: &[&str]) -> Self {
        TsInterface {
            name: name.to_owned(),
            doc: doc_text_lines(docs),
            extends: Vec::new(),
            body: String::new(),
        }
    }

    /// Adds a base interface (a flattened part).
    pub fn extends(&mut self, parent: String) {
        self.extends.push(parent);
    }

    /// Adds a property.
    pub fn field(&mut self, key: &str, ty: &str, optional: bool, doc: &[&str]) {
        self.body.push_str(&jsdoc(&doc_text_lines(doc), "  "));
        let q = if optional { "?" } else { "" };
        self.body.push_str(&format!("  {key}{q}: {ty};\n"));
    }

    /// Adds the property of the attribute `wire` (key by the API's rule).
    pub fn attr<T: TsType>(&mut self, wire: &str) {
        let doc = format!("Attribute `{wire}`.");
        self.field(&js_name(wire), &T::ts_name(), T::OPTIONAL, &[&doc]);
    }

    /// Adds the property holding the element's text content.
    pub fn text<T: TsType>(&mut self, key: &str) {
        self.field(
            key,
            &T::ts_name(),
            T::OPTIONAL,
            &["The element's text content."],
        );
    }

    /// Adds the property of the child element `wire` (key by the API's rule).
    pub fn child<T: TsType>(&mut self, wire: &str) {
        let doc = format!("`{wire}`");
        self.field(&js_name(wire), &T::ts_name(), T::OPTIONAL, &[&doc]);
    }

    /// Adds `unknownElements?: RawElement[]`.
    pub fn unknown_elements(&mut self) {
        self.field(
            "unknownElements",
            "RawElement[]",
            true,
            &["Child elements the model does not know, kept verbatim (nothing is dropped)."],
        );
    }

    /// The declaration.
    pub fn render(&self) -> String {
        let extends = if self.extends.is_empty() {
            String::new()
        } else {
            format!(" extends {}", self.extends.join(", "))
        };
        let body = if self.body.is_empty() {
            "}".to_owned()
        } else {
            format!("\n{}}}", self.body)
        };
        format!(
            "{}export interface {}{extends} {{{body}\n",
            jsdoc(&self.doc, ""),
            self.name
        )
    }
}

// ---------------------------------------------------------------------------
// Built-in and container types

macro_rules! ts_builtin {
    ($($t:ty => $ts:literal,)*) => {$(
        impl TsType for $t {
            fn ts_name() -> String {
                $ts.to_owned()
            }
        }
    )*};
}

ts_builtin! {
    String => "string",
    bool => "boolean",
    i32 => "number",
    i64 => "number",
    u32 => "number",
    u64 => "number",
    usize => "number",
    f64 => "number",
}

impl<T: TsType> TsType for Option<T> {
    const OPTIONAL: bool = true;
    fn ts_name() -> String {
        T::ts_name()
    }
    fn ts_decl(out: &mut TsOut) {
        T::ts_decl(out);
    }
}

impl<T: TsType> TsType for Vec<T> {
    const OPTIONAL: bool = true;
    fn ts_name() -> String {
        array_of(&T::ts_name())
    }
    fn ts_decl(out: &mut TsOut) {
        T::ts_decl(out);
    }
}

impl<T: TsType> TsType for Box<T> {
    const OPTIONAL: bool = T::OPTIONAL;
    fn ts_name() -> String {
        T::ts_name()
    }
    fn ts_decl(out: &mut TsOut) {
        T::ts_decl(out);
    }
}

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

/// A string constrained to a list of values, declared as their union.
macro_rules! ts_string_list {
    ($( $(#[doc = $doc:literal])* $marker:ident = $name:literal: $values:expr, )*) => {$(
        $(#[doc = $doc])*
        #[derive(Debug)]
        pub struct $marker;

        impl TsType for $marker {
            fn ts_name() -> String {
                $name.to_owned()
            }
            fn ts_decl(out: &mut TsOut) {
                if out.first::<Self>($name) {
                    let members: Vec<String> = $values.iter().map(|v| literal(v)).collect();
                    out.push(&union_decl($name, &doc_text_lines(&[$($doc),*]), &members));
                }
            }
        }
    )*};
}

ts_string_list! {
    /// `FieldURI` (`UnindexedFieldURIType`): a property of the schema, e.g. `item:Subject`.
    UnindexedFieldUri = "UnindexedFieldURI": UNINDEXED_FIELD_URIS,
    /// `IndexedFieldURI/@FieldURI` (`DictionaryURIType`), e.g. `contacts:EmailAddress`.
    DictionaryUri = "DictionaryURI": DICTIONARY_URIS,
}

/// `propertyTag`, which may be given as a string (`'0x3001'`) or a number (`12289`).
#[derive(Debug)]
pub struct StringOrNumber;

impl TsType for StringOrNumber {
    fn ts_name() -> String {
        "string | number".to_owned()
    }
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

ts_object! {
    /// `TimeZoneContext/TimeZoneDefinition`, by id.
    TimeZoneContext {
        /// Windows time zone id, e.g. `UTC` or `Pacific Standard Time`.
        id: String => req "id",
        /// Display name.
        name: Option<String> => opt "name",
    }

    /// The SOAP headers of a request (the `header` option of every builder).
    RequestHeader {
        /// `RequestServerVersion/@Version`; default `'Exchange2013'`.
        request_server_version: Option<ExchangeVersion> => opt "requestServerVersion",
        /// `MailboxCulture`, e.g. `'en-US'` (written only for the operations that take it).
        mailbox_culture: Option<String> => opt "mailboxCulture",
        /// `ExchangeImpersonation`.
        impersonation: Option<Impersonation> => opt "impersonation",
        /// `TimeZoneContext`.
        time_zone_context: Option<TimeZoneContext> => opt "timeZoneContext",
    }

    /// One conversation to get (`ConversationRequestType`).
    ConversationRequest {
        /// `ConversationId`.
        conversation_id: ItemIdRef => req "conversationId",
        /// `SyncState` from an earlier response for this conversation (base64):
        /// only newer items are returned.
        sync_state: Option<String> => opt "syncState",
    }

    /// The options of `buildGetConversationItemsRequest` and `EwsClient.getConversationItems`.
    GetConversationItemsRequest as "GetConversationItemsOptions" {
        /// The SOAP headers (default: `RequestServerVersion` `Exchange2013`).
        header: Option<RequestHeader> => opt "header",
        /// `ItemShape`.
        item_shape: ItemShape => req "itemShape",
        /// `FoldersToIgnore`.
        folders_to_ignore: Vec<BaseFolderId> => opt "foldersToIgnore",
        /// `MaxItemsToReturn` (at least 1).
        max_items_to_return: Option<i32> => opt "maxItemsToReturn",
        /// `SortOrder`.
        sort_order: Option<ConversationNodeSortOrder> => opt "sortOrder",
        /// `MailboxScope`.
        mailbox_scope: Option<MailboxSearchLocation> => opt "mailboxScope",
        /// `Conversations` (at least one).
        conversations: Vec<ConversationRequest> => req "conversations",
    }

    /// The options of `buildGetImItemsRequest` and `EwsClient.getImItems`.
    GetImItemsRequest as "GetImItemsOptions" {
        /// The SOAP headers (default: `RequestServerVersion` `Exchange2013`).
        header: Option<RequestHeader> => opt "header",
        /// `ContactIds`: personas to get.
        contact_ids: Vec<ItemIdRef> => opt "contactIds",
        /// `GroupIds`: IM groups to get.
        group_ids: Vec<ItemIdRef> => opt "groupIds",
        /// `ExtendedProperties` to return.
        extended_properties: Vec<PathToExtendedField> => opt "extendedProperties",
    }

    /// The options of `buildGetImItemListRequest` and `EwsClient.getImItemList`.
    GetImItemListRequest as "GetImItemListOptions" {
        /// The SOAP headers (default: `RequestServerVersion` `Exchange2013`).
        header: Option<RequestHeader> => opt "header",
        /// `ExtendedProperties` to return.
        extended_properties: Vec<PathToExtendedField> => opt "extendedProperties",
    }

    /// The options of `buildSyncFolderItemsRequest` and `EwsClient.syncFolderItems`.
    SyncFolderItemsRequest as "SyncFolderItemsOptions" {
        /// The SOAP headers (default: `RequestServerVersion` `Exchange2013`).
        header: Option<RequestHeader> => opt "header",
        /// `ItemShape`.
        item_shape: ItemShape => req "itemShape",
        /// `SyncFolderId`.
        sync_folder_id: TargetFolderId => req "syncFolderId",
        /// `SyncState`: absent on the first request, then the previous page's state.
        sync_state: Option<String> => opt "syncState",
        /// `Ignore`: items whose changes to leave out.
        ignore: Vec<ItemIdRef> => opt "ignore",
        /// `MaxChangesReturned`: 1 to 512.
        max_changes_returned: i32 => req "maxChangesReturned",
        /// `SyncScope`.
        sync_scope: Option<SyncFolderItemsScope> => opt "syncScope",
    }
}

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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn doc_attributes_are_read() {
        assert_eq!(
            doc_of_attributes(&[
                "doc = r#\" An \"id\" \\ here.\"#",
                "doc = r\"\"",
                "doc = r\" Second.\"",
                "serde(default)",
                "doc = concat!(\"`\", \"X\", \"`: a \\\"value\\\"\\n and \\u{e9}.\")",
            ]),
            vec![
                "An \"id\" \\ here.".to_owned(),
                String::new(),
                "Second.".to_owned(),
                "`X`: a \"value\"".to_owned(),
                "and é.".to_owned(),
            ]
        );
        assert_eq!(doc_attribute("doc = concat!(\"a\", stringify!(b))"), None);
        assert_eq!(
            rust_names_to_js("`sync_state` and `ItemId` or `a_b_1`, not sync_state"),
            "`syncState` and `ItemId` or `aB1`, not sync_state"
        );
    }

    #[test]
    fn interfaces_render() {
        let mut i = TsInterface::new("A", &["doc = r\" One.\""]);
        i.extends("B".into());
        i.child::<Option<Vec<String>>>("FieldURI");
        i.attr::<String>("UID");
        assert_eq!(
            i.render(),
            "/** One. */\nexport interface A extends B {\n  /** `FieldURI` */\n  fieldURI?: string[];\n  /** Attribute `UID`. */\n  uid: string;\n}\n"
        );
        assert_eq!(
            TsInterface::new("E", &[]).render(),
            "export interface E {}\n"
        );
    }

    #[test]
    #[should_panic(expected = "two Rust types")]
    fn one_name_one_type() {
        let mut out = TsOut::default();
        assert!(out.first::<u8>("X"));
        assert!(!out.first::<u8>("X"));
        out.first::<u16>("X");
    }
}
