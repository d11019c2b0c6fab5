//! XML reading and writing primitives: the reader, the writer, and the traits
//! and loops the model's parsers are made of (the `ews_struct!` macro that
//! generates them lives with the model, in `types`).

pub(crate) mod decode;
mod float;
pub(crate) mod read;
pub(crate) mod tokenize;
pub(crate) mod write;

pub use decode::decode;
pub use float::parse_f64;
pub use read::{
    is_xml_char, js_name, Limits, Ns, RawElement, Start, XmlReader, MAX_DEPTH_LIMIT,
    MAX_ITEM_NESTING, MAX_NODE_NESTING,
};
pub(crate) use tokenize::short_eq;
pub use write::XmlWriter;

use std::borrow::Cow;

use crate::error::Result;

/// A value read from one element.
pub trait FromXml: Sized {
    /// Reads the already opened element `s` completely.
    ///
    /// `Ok(None)` means the content is well-formed but not understood (e.g. `maybe`
    /// where a boolean belongs); the caller then keeps the element verbatim.
    fn from_xml<'a>(r: &mut XmlReader<'a>, s: &Start<'a>) -> Result<Option<Self>>;
}

/// A scalar that can be read from text (element content or attribute value).
pub trait ParseValue: Sized {
    /// Parses the text; `None` when it is not a valid value of the type.
    fn parse_value(s: &str) -> Option<Self>;
}

impl ParseValue for String {
    fn parse_value(s: &str) -> Option<Self> {
        Some(s.to_owned())
    }
}

impl ParseValue for bool {
    fn parse_value(s: &str) -> Option<Self> {
        // The values as servers write them, before any trimming (a call).
        if tokenize::short_eq(s.as_bytes(), b"true") {
            return Some(true);
        }
        if tokenize::short_eq(s.as_bytes(), b"false") {
            return Some(false);
        }
        match s.trim_matches(|c: char| c.is_ascii_whitespace()) {
            "true" | "1" => Some(true),
            "false" | "0" => Some(false),
            _ => None,
        }
    }
}

macro_rules! parse_number {
    ($($t:ty),*) => {$(
        impl ParseValue for $t {
            fn parse_value(s: &str) -> Option<Self> {
                s.trim_matches(|c: char| c.is_ascii_whitespace()).parse().ok()
            }
        }
    )*};
}
parse_number!(i32, i64, u32, u64);

impl ParseValue for f64 {
    fn parse_value(s: &str) -> Option<Self> {
        // JSON cannot carry INF or NaN: such values are kept verbatim instead.
        let v = parse_f64(s.trim_matches(|c: char| c.is_ascii_whitespace()))?;
        v.is_finite().then_some(v)
    }
}

macro_rules! scalar_from_xml {
    ($($t:ty),*) => {$(
        impl FromXml for $t {
            fn from_xml<'a>(r: &mut XmlReader<'a>, s: &Start<'a>) -> Result<Option<Self>> {
                let text = r.text_cow(s)?;
                Ok(<$t as ParseValue>::parse_value(&text))
            }
        }
    )*};
}
scalar_from_xml!(bool, i32, i64, u32, u64, f64);

impl FromXml for String {
    fn from_xml<'a>(r: &mut XmlReader<'a>, s: &Start<'a>) -> Result<Option<Self>> {
        r.text(s).map(Some)
    }
}

/// A list container: every child element is one entry.
impl<T: FromXml> FromXml for Vec<T> {
    fn from_xml<'a>(r: &mut XmlReader<'a>, s: &Start<'a>) -> Result<Option<Self>> {
        let mut out = Vec::new();
        let understood = read_list(r, s, &mut |r, c| {
            Ok(match T::from_xml(r, c)? {
                Some(v) => {
                    out.push(v);
                    true
                }
                None => false,
            })
        })?;
        // One entry not understood: keep the whole list verbatim rather than drop it.
        Ok(understood.then_some(out))
    }
}

/// The loop of every list container, once: `entry` reads one child and says
/// whether it understood it.
fn read_list<'a>(
    r: &mut XmlReader<'a>,
    s: &Start<'a>,
    entry: &mut dyn FnMut(&mut XmlReader<'a>, &Start<'a>) -> Result<bool>,
) -> Result<bool> {
    let mut understood = true;
    while let Some(child) = r.next_child(s)? {
        understood &= entry(r, &child)?;
    }
    Ok(understood)
}

/// A field that is filled from child elements: `Option<T>` takes one, `Vec<T>`
/// takes every occurrence.
pub trait Slot {
    /// What one element holds.
    type Value: FromXml;
    /// Stores a value; `false` when the slot is already full (the caller keeps
    /// the extra element verbatim).
    fn put(&mut self, v: Self::Value) -> bool;
}

impl<T: FromXml> Slot for Option<T> {
    type Value = T;
    fn put(&mut self, v: T) -> bool {
        if self.is_some() {
            return false;
        }
        *self = Some(v);
        true
    }
}

impl<T: FromXml> Slot for Vec<T> {
    type Value = T;
    fn put(&mut self, v: T) -> bool {
        self.push(v);
        true
    }
}

/// A field that is filled from an attribute value.
pub trait AttrSlot {
    /// Stores the value; `false` when it does not parse.
    fn set_attr(&mut self, v: &str) -> bool;
}

impl<T: ParseValue> AttrSlot for Option<T> {
    fn set_attr(&mut self, v: &str) -> bool {
        *self = T::parse_value(v);
        self.is_some()
    }
}

impl AttrSlot for String {
    fn set_attr(&mut self, v: &str) -> bool {
        v.clone_into(self);
        true
    }
}

/// Used by serde to leave absent fields out of the output.
pub trait Absent {
    /// Whether the field has nothing to say.
    fn is_absent(&self) -> bool;
}

impl<T> Absent for Option<T> {
    fn is_absent(&self) -> bool {
        self.is_none()
    }
}

impl<T> Absent for Vec<T> {
    fn is_absent(&self) -> bool {
        self.is_empty()
    }
}

impl Absent for String {
    fn is_absent(&self) -> bool {
        false
    }
}

/// The parsing half of a struct made by `ews_struct!`.
pub trait Fields: Default {
    /// Whether the element has simple content (text) rather than children.
    const HAS_TEXT: bool = false;
    /// Offers an attribute; returns whether a field took it.
    fn attr(&mut self, name: &str, value: &str) -> bool;
    /// Offers a child element; returns whether a field read it (if not, it is
    /// untouched). A value a field cannot store goes to `unknown`, verbatim.
    fn child<'a>(
        &mut self,
        r: &mut XmlReader<'a>,
        c: &Start<'a>,
        unknown: &mut Vec<RawElement>,
    ) -> Result<bool>;
    /// Receives the text content when [`Fields::HAS_TEXT`].
    fn set_text(&mut self, _text: String) {}
}

/// Reads one child element into a field of `T` (one entry of a struct's table).
pub type ChildReader<T> = for<'a, 'b> fn(
    &'b mut T,
    &'b mut XmlReader<'a>,
    &'b Start<'a>,
    &'b mut Vec<RawElement>,
) -> Result<()>;

/// Finds a field's reader by element name. Length and first byte are compared
/// before the whole name, so most entries are passed over without a `memcmp`.
#[inline]
pub fn find_child<T>(table: &[(&str, ChildReader<T>)], name: &str) -> Option<ChildReader<T>> {
    let first = name.as_bytes().first().copied();
    table
        .iter()
        .find(|(n, _)| {
            n.len() == name.len() && n.as_bytes().first().copied() == first && *n == name
        })
        .map(|(_, read)| *read)
}

/// Reads one child into a slot, keeping it verbatim when it cannot be stored.
///
/// Never inlined: it is called from one match arm per schema field (about a
/// thousand), and one shared copy per field type keeps the module small.
#[inline(never)]
pub fn read_into<'a, S: Slot>(
    slot: &mut S,
    unknown: &mut Vec<RawElement>,
    r: &mut XmlReader<'a>,
    c: &Start<'a>,
) -> Result<()> {
    match S::Value::from_xml(r, c)? {
        Some(v) => {
            if !slot.put(v) {
                unknown.push(r.raw_since(c));
            }
        }
        None => unknown.push(r.raw_since(c)),
    }
    Ok(())
}

/// Reads a whole element into a `Fields` value, sending what no field reads to `unknown`.
///
/// The value is built on the heap: item structs are several kilobytes and items
/// nest (attachments, response objects), so building them in stack frames would
/// let a deep document exhaust the stack (fatal in WebAssembly).
pub fn read_fields<'a, T: Fields>(
    r: &mut XmlReader<'a>,
    s: &Start<'a>,
    unknown: impl FnOnce(&mut T) -> &mut Vec<RawElement>,
) -> Result<Box<T>> {
    let mut v: Box<T> = Box::default();
    let mut extra = Vec::new();
    read_element_dyn(r, s, &mut *v, &mut extra)?;
    if !extra.is_empty() {
        unknown(&mut *v).append(&mut extra);
    }
    Ok(v)
}

/// Object-safe view of [`Fields`], so that the element loop exists once in the
/// module rather than once per struct.
trait DynFields {
    fn has_text(&self) -> bool;
    fn attr_dyn(&mut self, name: &str, value: &str) -> bool;
    fn child_dyn<'a>(
        &mut self,
        r: &mut XmlReader<'a>,
        c: &Start<'a>,
        unknown: &mut Vec<RawElement>,
    ) -> Result<bool>;
    fn set_text_dyn(&mut self, text: String);
}

impl<T: Fields> DynFields for T {
    fn has_text(&self) -> bool {
        T::HAS_TEXT
    }
    fn attr_dyn(&mut self, name: &str, value: &str) -> bool {
        self.attr(name, value)
    }
    fn child_dyn<'a>(
        &mut self,
        r: &mut XmlReader<'a>,
        c: &Start<'a>,
        unknown: &mut Vec<RawElement>,
    ) -> Result<bool> {
        self.child(r, c, unknown)
    }
    fn set_text_dyn(&mut self, text: String) {
        self.set_text(text)
    }
}

fn read_element_dyn<'a>(
    r: &mut XmlReader<'a>,
    s: &Start<'a>,
    v: &mut dyn DynFields,
    extra: &mut Vec<RawElement>,
) -> Result<()> {
    // Attributes no field takes (xsi:type, …) or whose value does not parse are ignored.
    s.for_each_attr(&mut |k, val: Cow<'_, str>| {
        v.attr_dyn(k, &val);
    })?;
    if v.has_text() {
        let text = r.text(s)?;
        v.set_text_dyn(text);
        return Ok(());
    }
    while let Some(c) = r.next_child(s)? {
        if !v.child_dyn(r, &c, extra)? {
            extra.push(r.capture(&c)?);
        }
    }
    Ok(())
}

/// Sorts in place in O(n log n) time and O(1) space: a heap sort, a few dozen
/// bytes of wasm for its one element type where the standard library's sorts
/// cost kilobytes.
pub(crate) fn heap_sort<T: Ord + Copy>(v: &mut [T]) {
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
