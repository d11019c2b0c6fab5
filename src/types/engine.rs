//! The table-driven response engine: reads an element with [`XmlReader`] and
//! writes its JSON while it reads, driven by the static [`TypeDesc`] tables that
//! `ews_struct!` emits next to each struct. No intermediate struct is built.
//!
//! The JSON is the same, byte for byte, as parsing into the typed structs
//! (`FromXml`) and writing them with `ToJson` (tests/engine.rs compares the two
//! on every fixture, bench input and fuzz corpus file):
//!
//! - keys come in the struct's order: attributes, text, flattened parts (each
//!   in the same order), children in table order, `unknownElements` last. For
//!   schema-ordered input that is document order and the JSON is written
//!   straight through. Each field's output is a *segment* of the buffer; when a
//!   field comes out of order (or a list field's occurrences are interleaved
//!   with other fields) the element's segments are put in order once, at its
//!   end tag (a sort of the segments and one copy of the element's bytes);
//! - a child whose value cannot be stored (a number that does not parse, a
//!   second occurrence of a single field, a list with an entry that does not
//!   parse) is taken back out of the buffer and kept verbatim in
//!   `unknownElements`, in document order with the unknown children;
//! - absent optional fields and empty lists are left out; required attributes
//!   (`String`, enumerations with a default) and text are always written.
//!
//! The limits are the reader's own and the typed parser's: item nesting
//! ([`crate::xml::MAX_ITEM_NESTING`]), generic trees
//! ([`crate::xml::MAX_NODE_NESTING`]); the recursion is one frame group per
//! element of a typed field, bounded by the types' nesting.

use std::borrow::Cow;

use crate::error::Result;
use crate::json::{JsonOut, ToJson};
use crate::xml::{FromXml, ParseValue, RawElement, Start, XmlReader};

use super::XmlNode;

/// A value read from text: an attribute value or a simple element's content.
#[derive(Clone, Copy)]
pub enum Scalar {
    /// Any text, written as a JSON string.
    Str,
    /// `true`/`false`/`1`/`0` (white space around allowed).
    Bool,
    /// A 32-bit signed integer.
    I32,
    /// A 64-bit signed integer.
    I64,
    /// A 32-bit unsigned integer.
    U32,
    /// A 64-bit unsigned integer.
    U64,
    /// A finite double.
    F64,
    /// One of a fixed set of names (compared after trimming), written as a string.
    Enum(&'static EnumDesc),
}

/// An enumeration read from text.
pub struct EnumDesc {
    /// The values.
    pub values: &'static [&'static str],
    /// What a required attribute holds when absent or invalid.
    pub default: &'static str,
}

/// One attribute of a type.
pub struct AttrDesc {
    /// The local name on the wire (the JSON key is its JS form).
    pub wire: &'static str,
    /// How the value is read.
    pub kind: Scalar,
    /// Written even when absent (with the type's default).
    pub required: bool,
}

/// Writes one element's value (the key is already written); `false` when the
/// content cannot be stored (the caller takes the output back and keeps the
/// element verbatim).
pub type CustomFn = for<'a> fn(&mut Writer, &mut XmlReader<'a>, &Start<'a>) -> Result<bool>;

/// How one element is read and written.
#[derive(Clone, Copy)]
pub enum Kind {
    /// Text content.
    Scalar(Scalar),
    /// A struct made by `ews_struct!` (its table).
    Struct(DescFn),
    /// A list container: every child element is one entry of this kind; one
    /// entry not understood makes the whole list not understood.
    List(&'static Kind),
    /// A generic tree ([`XmlNode`]).
    Node,
    /// One of several types chosen by element name (`{ kind, ... }` in JSON).
    Choice(&'static ChoiceDesc),
    /// A hand-written reader (SyncFolderItems changes, `MessageXml`).
    Custom(CustomFn),
}

/// A type's table, as a function (so that tables can refer to each other in cycles).
pub type DescFn = fn() -> &'static TypeDesc;

/// A choice of types by element name: `Item`, `Attachment`.
pub struct ChoiceDesc {
    /// Element name (also the `kind` written) and the type's table.
    pub variants: &'static [(&'static str, DescFn)],
    /// Whether entering one counts towards [`crate::xml::MAX_ITEM_NESTING`].
    pub items: bool,
}

/// One child element field of a type.
pub struct ChildDesc {
    /// The local name on the wire (the JSON key is its JS form).
    pub wire: &'static str,
    /// Every occurrence is kept (`Vec<T>`) rather than the first (`Option<T>`).
    pub many: bool,
    /// The value of one occurrence.
    pub kind: Kind,
}

/// The table of one type: what `ews_struct!` declares, in declaration order.
pub struct TypeDesc {
    /// The Rust type's name (for the table checks of the unit tests only:
    /// kept out of the wasm module).
    #[cfg(test)]
    pub name: &'static str,
    /// Attributes.
    pub attrs: &'static [AttrDesc],
    /// The JSON key of the text content, for simple-content types.
    pub text: Option<&'static str>,
    /// Flattened parts (base types).
    pub parts: &'static [&'static TypeDesc],
    /// Child elements.
    pub children: &'static [ChildDesc],
    /// Whether unknown children are kept in `unknownElements` (an element
    /// type rather than a part).
    pub unknown: bool,
    /// Number of output slots: attributes, text, the parts' slots, children.
    pub slots: u32,
}

impl TypeDesc {
    /// The slot count of a type with these fields.
    pub const fn count(attrs: usize, text: bool, parts: &[&TypeDesc], children: usize) -> u32 {
        let mut n = attrs + children + text as usize;
        let mut i = 0;
        while i < parts.len() {
            n += parts[i].slots as usize;
            i += 1;
        }
        n as u32
    }

    fn own_text(&self) -> u32 {
        u32::from(self.text.is_some())
    }

    /// The first slot of the own children, for a type whose slots start at `offset`.
    fn children_base(&self, offset: u32) -> u32 {
        offset + self.slots - self.children.len() as u32
    }
}

/// A type with a table.
pub trait Described {
    /// The table.
    const DESC: &'static TypeDesc;
    /// The table (as a function, so that tables can refer to each other in cycles).
    fn desc() -> &'static TypeDesc {
        Self::DESC
    }
}

/// A type that one element's content is read as.
pub trait ValueDesc {
    /// How.
    const KIND: Kind;
}

/// A child field type: `Option<T>` (the first occurrence) or `Vec<T>` (all).
pub trait SlotDesc {
    /// Whether every occurrence is kept.
    const MANY: bool;
    /// How one occurrence is read.
    const KIND: Kind;
}

/// An attribute field type.
pub trait AttrType {
    /// How the value is read.
    const KIND: Scalar;
    /// Written even when absent.
    const REQUIRED: bool;
}

/// A text field type (only `String`).
pub trait TextType {}
impl TextType for String {}

macro_rules! scalar_desc {
    ($($t:ty => $k:ident),*) => {$(
        impl ValueDesc for $t {
            const KIND: Kind = Kind::Scalar(Scalar::$k);
        }
        impl AttrType for Option<$t> {
            const KIND: Scalar = Scalar::$k;
            const REQUIRED: bool = false;
        }
    )*};
}
scalar_desc!(String => Str, bool => Bool, i32 => I32, i64 => I64, u32 => U32, u64 => U64, f64 => F64);

impl AttrType for String {
    const KIND: Scalar = Scalar::Str;
    const REQUIRED: bool = true;
}

impl<T: ValueDesc> ValueDesc for Vec<T> {
    const KIND: Kind = Kind::List(&T::KIND);
}

impl<T: ValueDesc> ValueDesc for Box<T> {
    const KIND: Kind = T::KIND;
}

impl ValueDesc for XmlNode {
    const KIND: Kind = Kind::Node;
}

impl<T: ValueDesc> SlotDesc for Option<T> {
    const MANY: bool = false;
    const KIND: Kind = T::KIND;
}

impl<T: ValueDesc> SlotDesc for Vec<T> {
    const MANY: bool = true;
    const KIND: Kind = T::KIND;
}

/// One field's output: `[start, end)` of the buffer, for slot `key`. `start`
/// is at the separating comma, if any. `inner` (list fields only, else 0) is
/// where the array's entries begin. The live segments' starts grow strictly
/// (each holds its key), so the derived order (`key`, then `start`) sorts them
/// by key keeping document order among a key's segments.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct Seg {
    key: u32,
    start: usize,
    inner: usize,
    end: usize,
}

/// One table of children in an element's flattened view, from slot `base`.
#[derive(Clone, Copy)]
struct Group {
    children: &'static [ChildDesc],
    base: u32,
}

/// The child tables of `desc` (slots from `offset`) in slot order: the
/// parts' (recursively), then its own.
fn push_groups(groups: &mut Vec<Group>, desc: &'static TypeDesc, offset: u32) {
    let mut o = offset + desc.attrs.len() as u32 + desc.own_text();
    for part in desc.parts {
        push_groups(groups, part, o);
        o += part.slots;
    }
    if !desc.children.is_empty() {
        groups.push(Group {
            children: desc.children,
            base: desc.children_base(offset),
        });
    }
}

/// The state of the element being written.
struct Elem {
    /// Its first segment and first `filled` word.
    seg_base: usize,
    bit_base: usize,
    /// One past the key of the last segment.
    next: u32,
    /// A segment came out of key order: sort at the end.
    disorder: bool,
    /// The last segment is a list field's array, still open.
    open: bool,
    /// Children kept verbatim, in document order.
    unknown: Vec<RawElement>,
}

/// The JSON writer the engine drives (with its reusable work space).
#[derive(Default)]
pub struct Writer {
    out: JsonOut,
    segs: Vec<Seg>,
    filled: Vec<u64>,
    scratch: JsonOut,
    attrs: Vec<(u32, usize, usize)>,
    /// The child tables of the elements being read (see [`push_groups`]).
    groups: Vec<Group>,
    /// Depth of [`Writer::fields`] calls.
    depth: u32,
    /// What to capture, and from which depth (see [`Writer::capture`]).
    wants: &'static [Want],
    cap_depth: u32,
    /// One past the deepest level wanted (0: nothing is captured).
    cap_levels: u32,
    /// The child being written is wanted: its value is captured.
    pending: Option<Want>,
    caps: Vec<Captured>,
}

/// A value to capture while writing: the attribute or child `wire` of an
/// element `level` levels below the captured element (0: its own).
pub type Want = (u32, &'static str);

/// A captured value: its text (for a list, the number of entries).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Captured {
    /// What was wanted.
    pub want: Want,
    /// The text, or a list's length in decimal.
    pub text: String,
}

impl Writer {
    /// A writer whose buffer has room for `cap` bytes.
    pub fn with_capacity(cap: usize) -> Self {
        Writer {
            out: JsonOut::with_capacity(cap),
            ..Default::default()
        }
    }

    /// Writes non-ASCII characters as `\uXXXX` escapes while they add at most
    /// `budget` bytes to the output and as many to attribute values (see
    /// [`JsonOut::escape_non_ascii`]).
    pub fn escape_non_ascii(&mut self, budget: usize) {
        self.out.escape_non_ascii(budget);
        self.scratch.escape_non_ascii(budget);
    }

    /// The output buffer.
    pub fn out(&mut self) -> &mut JsonOut {
        &mut self.out
    }

    /// The JSON written so far.
    pub fn json(&self) -> &str {
        self.out.as_str()
    }

    /// The JSON written.
    pub fn finish(self) -> String {
        self.out.finish()
    }

    /// Captures the values listed in `wants` of the element the next
    /// [`Writer::fields`] call writes (and of its descendants, by level):
    /// only values that stay in the output (the first of a single field, not
    /// one taken back to `unknownElements`). Read them with [`Writer::take_captured`].
    pub fn capture(&mut self, wants: &'static [Want]) {
        self.wants = wants;
        self.cap_depth = self.depth + 1;
        self.cap_levels = wants.iter().map(|w| w.0 + 1).max().unwrap_or(0);
        self.caps.clear();
    }

    /// The values captured since [`Writer::capture`], in document order; capture stops.
    pub fn take_captured(&mut self) -> Vec<Captured> {
        self.wants = &[];
        self.cap_levels = 0;
        std::mem::take(&mut self.caps)
    }

    /// Whether `wire` at the current depth is wanted. (The common answer,
    /// "nothing is captured at this depth", without a call: this runs for
    /// every child.)
    #[inline(always)]
    fn wanted(&self, wire: &'static str) -> Option<Want> {
        let level = self.depth.wrapping_sub(self.cap_depth);
        if level >= self.cap_levels {
            return None;
        }
        self.wanted_at(level, wire)
    }

    fn wanted_at(&self, level: u32, wire: &'static str) -> Option<Want> {
        self.wants
            .iter()
            .find(|w| w.0 == level && w.1 == wire)
            .copied()
    }

    /// Records a value of the element being written, if wanted (custom readers).
    pub fn note(&mut self, wire: &'static str, text: impl FnOnce() -> String) {
        if let Some(want) = self.wanted(wire) {
            self.caps.push(Captured { want, text: text() });
        }
    }

    /// Writes one element's value of kind `kind` (a key, if any, is already
    /// written). `Ok(false)`: the content cannot be stored; what was written
    /// for it must be taken back by the caller.
    pub fn value<'a>(&mut self, r: &mut XmlReader<'a>, c: &Start<'a>, kind: Kind) -> Result<bool> {
        let pending = self.pending.take();
        match kind {
            Kind::Scalar(sc) => {
                // The `Cow` taken apart by value: neither a `Deref` nor a
                // drop of it (each a call at `opt-level = "z"`) for the
                // borrowed text that nearly every field is.
                let ok = match r.text_cow(c)? {
                    Cow::Borrowed(b) => self.scalar(sc, b, pending),
                    Cow::Owned(o) => self.scalar(sc, &o, pending),
                };
                Ok(ok)
            }
            Kind::Struct(desc) => {
                self.out.begin_object();
                self.fields(r, c, desc())?;
                self.out.end_object();
                Ok(true)
            }
            Kind::List(entry) => {
                self.out.begin_array();
                let mut ok = true;
                let mut n = 0;
                while let Some(e) = r.next_child(c)? {
                    ok &= self.value(r, &e, *entry)?;
                    n += 1;
                }
                self.out.end_array();
                if let Some(want) = pending.filter(|_| ok) {
                    self.caps.push(Captured {
                        want,
                        text: n.to_string(),
                    });
                }
                Ok(ok)
            }
            Kind::Node => Ok(match XmlNode::from_xml(r, c)? {
                Some(node) => {
                    node.write_json(&mut self.out);
                    true
                }
                None => false,
            }),
            Kind::Choice(choice) => {
                self.choice(r, c, choice)?;
                Ok(true)
            }
            Kind::Custom(f) => f(self, r, c),
        }
    }

    /// A scalar field's value from its text, captured if `pending`; `false`
    /// (nothing written) when it does not parse.
    #[inline(always)]
    fn scalar(&mut self, sc: Scalar, text: &str, pending: Option<Want>) -> bool {
        let ok = write_scalar(&mut self.out, sc, text);
        if let Some(want) = pending {
            if ok {
                self.caps.push(Captured {
                    want,
                    text: text.to_owned(),
                });
            }
        }
        ok
    }

    /// `{ "kind": "Unknown", "elementName", "xml" }`.
    pub fn unknown_kind(&mut self, raw: &RawElement) {
        self.out.begin_object();
        self.out.key("kind");
        self.out.string("Unknown");
        crate::json::JsonFields::write_fields(raw, &mut self.out);
        self.out.end_object();
    }

    fn choice<'a>(
        &mut self,
        r: &mut XmlReader<'a>,
        c: &Start<'a>,
        choice: &'static ChoiceDesc,
    ) -> Result<()> {
        let name = c.local();
        let found = choice
            .variants
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(n, d)| (*n, *d));
        match found {
            Some((kind, desc)) if !choice.items || r.enter_item() => {
                self.out.begin_object();
                self.out.key("kind");
                self.out.string(kind);
                let read = self.fields(r, c, desc());
                if choice.items {
                    r.leave_item();
                }
                read?;
                self.out.end_object();
            }
            _ => {
                let raw = r.capture(c)?;
                self.unknown_kind(&raw);
            }
        }
        Ok(())
    }

    /// Writes the fields of element `s` of type `desc` into the object that is
    /// open, `unknownElements` included.
    pub fn fields<'a>(
        &mut self,
        r: &mut XmlReader<'a>,
        s: &Start<'a>,
        desc: &'static TypeDesc,
    ) -> Result<()> {
        let mut st = Elem {
            seg_base: self.segs.len(),
            bit_base: self.filled.len(),
            next: 0,
            disorder: false,
            open: false,
            unknown: Vec::new(),
        };
        let words = (desc.slots as usize).div_ceil(64);
        self.filled.resize(st.bit_base + words, 0);
        self.pending = None;
        self.depth += 1;
        let read = self.read_fields(r, s, desc, &mut st);
        self.depth -= 1;
        if read.is_ok() {
            self.close_open(&mut st);
            if st.disorder {
                self.put_in_order(st.seg_base);
            }
        }
        self.segs.truncate(st.seg_base);
        self.filled.truncate(st.bit_base);
        read?;
        if desc.unknown && !st.unknown.is_empty() {
            self.out.key("unknownElements");
            st.unknown.write_json(&mut self.out);
        }
        Ok(())
    }

    fn read_fields<'a>(
        &mut self,
        r: &mut XmlReader<'a>,
        s: &Start<'a>,
        desc: &'static TypeDesc,
        st: &mut Elem,
    ) -> Result<()> {
        self.collect_attrs(s, desc)?;
        self.write_attrs(desc, 0, st);
        if let Some(key) = desc.text {
            let text = r.text_cow(s)?;
            self.begin_seg(st, desc.attrs.len() as u32);
            self.out.key(key);
            self.out.string(&text);
            self.end_seg();
        }
        let mut offset = desc.attrs.len() as u32 + desc.own_text();
        for part in desc.parts {
            self.write_part_defaults(part, offset, st);
            offset += part.slots;
        }
        if desc.text.is_some() {
            return Ok(());
        }
        let base = self.groups.len();
        push_groups(&mut self.groups, desc, 0);
        let read = self.read_children(r, s, base, st);
        self.groups.truncate(base);
        read
    }

    fn read_children<'a>(
        &mut self,
        r: &mut XmlReader<'a>,
        s: &Start<'a>,
        base: usize,
        st: &mut Elem,
    ) -> Result<()> {
        // Where the last child was found: schema-ordered input finds the next
        // one a step or two further on.
        let mut cursor = (base, 0);
        while let Some(c) = r.next_child(s)? {
            match self.lookup(base, &mut cursor, c.local_bytes()) {
                Some((key, child)) => self.child(r, &c, key, child, st)?,
                None => st.unknown.push(r.capture(&c)?),
            }
        }
        Ok(())
    }

    /// The slot and entry of child `name` among the element's groups (from
    /// `base`), searched from `cursor` on and around. Child names are unique
    /// in each type's flattened view (a test checks every table), so where the
    /// search starts does not change what it finds.
    fn lookup(
        &self,
        base: usize,
        cursor: &mut (usize, usize),
        name: &[u8],
    ) -> Option<(u32, &'static ChildDesc)> {
        // Plain loops, length and first byte before the whole name: this
        // runs for every child.
        let groups = self.groups.get(base..)?;
        let n = groups.len();
        let (g0, i0) = (cursor.0.saturating_sub(base), cursor.1);
        let (len, first) = (name.len(), name.first().copied());
        let mut step = 0;
        while step <= n {
            let g = (g0 + step) % n.max(1);
            let group = groups.get(g)?;
            let count = group.children.len();
            let (mut i, to) = if step == 0 {
                (i0, count)
            } else if step == n {
                (0, i0.min(count))
            } else {
                (0, count)
            };
            while i < to {
                if let Some(c) = group.children.get(i) {
                    let w = c.wire.as_bytes();
                    if w.len() == len
                        && w.first().copied() == first
                        && same(c.wire.as_bytes(), name)
                    {
                        *cursor = (base + g, i + 1);
                        return Some((group.base + i as u32, c));
                    }
                }
                i += 1;
            }
            step += 1;
        }
        None
    }

    fn child<'a>(
        &mut self,
        r: &mut XmlReader<'a>,
        c: &Start<'a>,
        key: u32,
        child: &'static ChildDesc,
        st: &mut Elem,
    ) -> Result<()> {
        let mark = self.out.len();
        let caps = self.caps.len();
        if child.many {
            let appending = st.open && self.segs.last().is_some_and(|s| s.key == key);
            if !appending {
                self.begin_seg(st, key);
                self.out.wire_key(child.wire);
                self.out.begin_array();
                if let Some(seg) = self.segs.last_mut() {
                    seg.inner = self.out.len();
                }
            }
            if self.value(r, c, child.kind)? {
                st.open = true;
            } else {
                self.out.truncate(mark);
                self.caps.truncate(caps);
                if !appending {
                    self.segs.pop();
                }
                st.unknown.push(r.raw_since(c));
            }
            return Ok(());
        }
        let word = st.bit_base + (key / 64) as usize;
        let bit = 1u64 << (key % 64);
        if self.filled.get(word).is_some_and(|w| w & bit != 0) {
            // A second value for a single field: read (for its errors), kept verbatim.
            self.value(r, c, child.kind)?;
            self.out.truncate(mark);
            self.caps.truncate(caps);
            st.unknown.push(r.raw_since(c));
            return Ok(());
        }
        self.begin_seg(st, key);
        self.out.wire_key(child.wire);
        self.pending = self.wanted(child.wire);
        if self.value(r, c, child.kind)? {
            self.end_seg();
            if let Some(w) = self.filled.get_mut(word) {
                *w |= bit;
            }
        } else {
            self.out.truncate(mark);
            self.caps.truncate(caps);
            self.segs.pop();
            st.unknown.push(r.raw_since(c));
        }
        Ok(())
    }

    #[inline(always)]
    fn close_open(&mut self, st: &mut Elem) {
        if st.open {
            self.close_array(st);
        }
    }

    fn close_array(&mut self, st: &mut Elem) {
        self.out.end_array();
        let end = self.out.len();
        if let Some(seg) = self.segs.last_mut() {
            seg.end = end;
        }
        st.open = false;
    }

    #[inline(always)]
    fn begin_seg(&mut self, st: &mut Elem, key: u32) {
        self.close_open(st);
        if key < st.next {
            st.disorder = true;
        }
        st.next = key + 1;
        let start = self.out.len();
        self.segs.push(Seg {
            key,
            start,
            inner: 0,
            end: start,
        });
    }

    #[inline(always)]
    fn end_seg(&mut self) {
        let end = self.out.len();
        if let Some(seg) = self.segs.last_mut() {
            seg.end = end;
        }
    }

    /// Puts the element's segments (from `seg_base`) in key order, merging a
    /// list field's arrays. One sort of the segments and one copy of the bytes.
    fn put_in_order(&mut self, seg_base: usize) {
        let Some(segs) = self.segs.get_mut(seg_base..) else {
            return;
        };
        let Some(region) = segs.first().map(|s| s.start) else {
            return;
        };
        // By (key, start): a stable sort by key, for a heap sort's few bytes of code.
        crate::xml::heap_sort(segs);
        let text = self.out.as_str();
        let part = |from: usize, to: usize| text.get(from..to).unwrap_or_default();
        let strip = |s: &'_ str| -> usize { usize::from(s.starts_with(',')) };
        let mut buf = String::with_capacity(text.len().saturating_sub(region));
        if text.get(region..).is_some_and(|t| t.starts_with(',')) {
            buf.push(',');
        }
        let mut i = 0;
        let mut first = true;
        while let Some(seg) = segs.get(i) {
            if !first {
                buf.push(',');
            }
            first = false;
            if seg.inner == 0 {
                let body = part(seg.start, seg.end);
                buf.push_str(body.get(strip(body)..).unwrap_or_default());
                i += 1;
                continue;
            }
            let head = part(seg.start, seg.inner);
            buf.push_str(head.get(strip(head)..).unwrap_or_default());
            let mut first_entry = true;
            while let Some(same) = segs.get(i).filter(|s| s.key == seg.key) {
                if !first_entry {
                    buf.push(',');
                }
                first_entry = false;
                buf.push_str(part(same.inner, same.end.saturating_sub(1)));
                i += 1;
            }
            buf.push(']');
        }
        self.out.replace_tail(region, &buf);
    }

    /// Reads the start tag's attributes into `self.attrs` (slot, value JSON in
    /// `self.scratch`), later ones replacing earlier ones as the typed setters do.
    fn collect_attrs(&mut self, s: &Start<'_>, desc: &'static TypeDesc) -> Result<()> {
        self.attrs.clear();
        self.scratch.truncate(0);
        let level = Some(self.depth.wrapping_sub(self.cap_depth)).filter(|l| *l < self.cap_levels);
        let wants = self.wants;
        let (attrs, scratch, caps) = (&mut self.attrs, &mut self.scratch, &mut self.caps);
        let tail = caps.len();
        s.for_each_attr(&mut |name, value| {
            let Some((key, a)) = find_attr(desc, 0, name) else {
                return;
            };
            let start = scratch.len();
            let ok = write_scalar(scratch, a.kind, &value);
            if !ok && matches!(a.kind, Scalar::Enum(_)) {
                // An invalid enumeration value leaves the field as it was.
                return;
            }
            for e in attrs.iter_mut().filter(|e| e.0 == key) {
                e.0 = u32::MAX;
            }
            let want = level.and_then(|l| wants.iter().find(|w| w.0 == l && w.1 == a.wire));
            if let (Some(want), Some(mine)) = (want, caps.get_mut(tail..)) {
                // A later attribute of the same slot replaces (or clears) it.
                if let Some(c) = mine.iter_mut().find(|c| c.want == *want) {
                    c.want = (u32::MAX, "");
                }
            }
            if ok {
                attrs.push((key, start, scratch.len()));
                if let Some(want) = want {
                    caps.push(Captured {
                        want: *want,
                        text: value.clone().into_owned(),
                    });
                }
            }
        })?;
        if let Some(mine) = self.caps.get(tail..) {
            if mine.iter().any(|c| c.want.0 == u32::MAX) {
                self.caps.retain(|c| c.want.0 != u32::MAX);
            }
        }
        Ok(())
    }

    /// Writes the attributes of `desc` (own ones only) at slot `offset`.
    fn write_attrs(&mut self, desc: &'static TypeDesc, offset: u32, st: &mut Elem) {
        for (i, a) in desc.attrs.iter().enumerate() {
            let key = offset + i as u32;
            let found = self.attrs.iter().find(|e| e.0 == key).copied();
            match found {
                Some((_, from, to)) => {
                    self.begin_seg(st, key);
                    self.out.wire_key(a.wire);
                    let v = self.scratch.as_str().get(from..to).unwrap_or_default();
                    self.out.push_raw(v.strip_prefix(',').unwrap_or(v));
                    self.end_seg();
                }
                None if a.required => {
                    self.begin_seg(st, key);
                    self.out.wire_key(a.wire);
                    match a.kind {
                        Scalar::Enum(e) => self.out.string(e.default),
                        _ => self.out.string(""),
                    }
                    self.end_seg();
                }
                None => {}
            }
        }
    }

    /// A flattened part's attributes and (never read) text, at slot `offset`.
    fn write_part_defaults(&mut self, part: &'static TypeDesc, offset: u32, st: &mut Elem) {
        if part.attrs.is_empty() && part.text.is_none() && part.parts.is_empty() {
            return;
        }
        self.write_attrs(part, offset, st);
        if let Some(key) = part.text {
            self.begin_seg(st, offset + part.attrs.len() as u32);
            self.out.key(key);
            self.out.string("");
            self.end_seg();
        }
        let mut o = offset + part.attrs.len() as u32 + part.own_text();
        for p in part.parts {
            self.write_part_defaults(p, o, st);
            o += p.slots;
        }
    }
}

/// Writes a scalar parsed from `text`; `false` (nothing written) when it does
/// not parse.
fn write_scalar(out: &mut JsonOut, kind: Scalar, text: &str) -> bool {
    fn put<T: ParseValue + ToJson>(out: &mut JsonOut, text: &str) -> bool {
        match T::parse_value(text) {
            Some(v) => {
                v.write_json(out);
                true
            }
            None => false,
        }
    }
    match kind {
        Scalar::Str => {
            out.string(text);
            true
        }
        Scalar::Bool => put::<bool>(out, text),
        Scalar::I32 => put::<i32>(out, text),
        Scalar::I64 => put::<i64>(out, text),
        Scalar::U32 => put::<u32>(out, text),
        Scalar::U64 => put::<u64>(out, text),
        Scalar::F64 => put::<f64>(out, text),
        Scalar::Enum(e) => {
            // A plain loop, length and first byte before the whole value.
            let b = text.as_bytes();
            // (`trim` only when an end may be white space: a control, space or
            // a non-ASCII byte.)
            let padded = |c: Option<&u8>| c.is_some_and(|&c| c <= b' ' || c >= 0x80);
            let v = if padded(b.first()) || padded(b.last()) {
                text.trim()
            } else {
                text
            };
            let (len, first) = (v.len(), v.as_bytes().first().copied());
            let mut i = 0;
            while let Some(x) = e.values.get(i) {
                if x.len() == len
                    && x.as_bytes().first().copied() == first
                    && same(x.as_bytes(), v.as_bytes())
                {
                    out.string(x);
                    return true;
                }
                i += 1;
            }
            false
        }
    }
}

/// `a == b` for names and enumeration values (short): a plain loop rather
/// than a call to `memcmp`.
#[inline(always)]
fn same(a: &[u8], b: &[u8]) -> bool {
    crate::xml::short_eq(a, b)
}

/// The slot and table entry of child `name` of `desc` (slots from `offset`):
/// own children first, then the parts', as the typed parser looks them up.
#[cfg(test)]
fn find_child(
    desc: &'static TypeDesc,
    offset: u32,
    name: &str,
) -> Option<(u32, &'static ChildDesc)> {
    let base = desc.children_base(offset);
    if let Some((i, c)) = desc
        .children
        .iter()
        .enumerate()
        .find(|(_, c)| c.wire == name)
    {
        return Some((base + i as u32, c));
    }
    let mut o = offset + desc.attrs.len() as u32 + desc.own_text();
    for part in desc.parts {
        if let Some(found) = find_child(part, o, name) {
            return Some(found);
        }
        o += part.slots;
    }
    None
}

/// The slot and table entry of attribute `name` (own first, then the parts').
fn find_attr(desc: &'static TypeDesc, offset: u32, name: &str) -> Option<(u32, &'static AttrDesc)> {
    let mut i = 0;
    while let Some(a) = desc.attrs.get(i) {
        if same(a.wire.as_bytes(), name.as_bytes()) {
            return Some((offset + i as u32, a));
        }
        i += 1;
    }
    let mut o = offset + desc.attrs.len() as u32 + desc.own_text();
    for part in desc.parts {
        if let Some(found) = find_attr(part, o, name) {
            return Some(found);
        }
        o += part.slots;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every table reachable from the four response messages.
    fn all_tables() -> Vec<&'static TypeDesc> {
        fn visit_kind(kind: Kind, out: &mut Vec<&'static TypeDesc>) {
            match kind {
                Kind::Struct(d) => visit(d(), out),
                Kind::List(k) => visit_kind(*k, out),
                Kind::Choice(c) => {
                    for (_, d) in c.variants {
                        visit(d(), out);
                    }
                }
                Kind::Scalar(_) | Kind::Node | Kind::Custom(_) => {}
            }
        }
        fn visit(d: &'static TypeDesc, out: &mut Vec<&'static TypeDesc>) {
            if out.iter().any(|x| std::ptr::eq(*x, d)) {
                return;
            }
            out.push(d);
            for p in d.parts {
                visit(p, out);
            }
            for c in d.children {
                visit_kind(c.kind, out);
            }
        }
        let mut out = Vec::new();
        for d in [
            crate::operations::sync_folder_items::SyncFolderItemsResponseMessage::DESC,
            crate::operations::get_conversation_items::GetConversationItemsResponseMessage::DESC,
            crate::operations::get_im_items::ImItemsResponseMessage::DESC,
        ] {
            visit(d, &mut out);
        }
        visit_kind(<crate::types::Item as ValueDesc>::KIND, &mut out);
        out
    }

    #[test]
    fn child_names_are_unique_in_every_flattened_view() {
        let tables = all_tables();
        assert!(tables.len() > 40, "{}", tables.len());
        for d in tables {
            let mut groups = Vec::new();
            push_groups(&mut groups, d, 0);
            let mut names: Vec<&str> = groups
                .iter()
                .flat_map(|g| g.children.iter().map(|c| c.wire))
                .collect();
            // The cursor search finds the same slot as the typed lookup order.
            for g in &groups {
                for (i, c) in g.children.iter().enumerate() {
                    let found = find_child(d, 0, c.wire).map(|(k, _)| k);
                    assert_eq!(found, Some(g.base + i as u32), "{}.{}", d.name, c.wire);
                }
            }
            let n = names.len();
            names.sort_unstable();
            names.dedup();
            assert_eq!(names.len(), n, "{} has a child name twice", d.name);
            let slots: u32 = groups.iter().map(|g| g.children.len() as u32).sum();
            assert!(slots <= d.slots, "{}", d.name);
        }
    }
}
