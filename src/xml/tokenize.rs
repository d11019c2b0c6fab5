//! The tokenizer under [`super::XmlReader`]: one pass over the input bytes that
//! cuts it into start tags, end tags, text runs, references, CDATA sections and
//! the markup that is skipped (comments, processing instructions, a document type
//! declaration), and keeps the namespace declarations in scope.
//!
//! What it checks, and where it reports it, is what the reader has always
//! reported (the positions are part of [`crate::Error::MalformedXml`]): a markup
//! error at the `<` that opens it, an unterminated reference at its `&`, a
//! document type declaration without a name at its `>`. An end tag must match the
//! open start tag (as written, prefix included); a start tag ends at the first
//! `>` outside quotes. Attributes are cut by [`Attrs`], which the reader uses for
//! its own checks (duplicates, values, prefixes).
//!
//! Every scan moves forward: each byte of the input is looked at a bounded number
//! of times, so the whole document costs time linear in its length. Nothing here
//! recurses; the stack of open elements is a `Vec` the reader bounds by
//! [`super::Limits::max_depth`]. No slice is indexed directly: every access is a
//! `get`, so no input can make it panic.

use crate::error::{Error, Result};

/// The namespace the prefix `xml` is always bound to.
const XML_NS: &str = "http://www.w3.org/XML/1998/namespace";
/// The namespace of `xmlns` declarations, which no prefix may be bound to.
const XMLNS_NS: &str = "http://www.w3.org/2000/xmlns/";
/// At most this many namespace declarations in scope: bounds the cost of
/// resolving a prefix. One more is `Error::Limit { name: "namespaceBindings" }`.
pub(crate) const MAX_NAMESPACE_BINDINGS: usize = 128;
/// Deepest nesting the namespace scopes can count (elements and empty elements).
const MAX_SCOPES: u32 = u16::MAX as u32;

pub(crate) fn malformed(position: usize, message: impl Into<String>) -> Error {
    Error::MalformedXml {
        position: position as u64,
        message: message.into(),
    }
}

/// XML white space (what separates names and attributes).
#[inline(always)]
pub(crate) fn is_ws(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\r' | b'\n')
}

// ---------------------------------------------------------------------------
// Byte scans, eight bytes at a time (wasm has 64-bit integer operations).

const LO: u64 = 0x0101_0101_0101_0101;
const HI: u64 = 0x8080_8080_8080_8080;

/// The high bit of every byte of `x` that equals `n`. Bits above the first match
/// may be wrong (a borrow), so only the lowest set bit may be relied on.
#[inline(always)]
fn eq_bytes(x: u64, n: u8) -> u64 {
    let y = x ^ (LO * u64::from(n));
    y.wrapping_sub(LO) & !y & HI
}

/// The first index `>= from` whose byte `hit` accepts; `mask` flags such bytes
/// in a little-endian word (its lowest flag must be exact, see [`eq_bytes`]).
#[inline(always)]
fn scan(
    h: &[u8],
    from: usize,
    mask: impl Fn(u64) -> u64,
    hit: impl Fn(u8) -> bool,
) -> Option<usize> {
    // A plain index loop (no iterator adaptors: at `opt-level = "z"` they stay
    // calls). `first_chunk` is a length check and one load.
    let mut i = from;
    while let Some(w) = h.get(i..).and_then(|r| r.first_chunk::<8>()) {
        let m = mask(u64::from_le_bytes(*w));
        if m != 0 {
            return Some(i + (m.trailing_zeros() / 8) as usize);
        }
        i += 8;
    }
    while let Some(&b) = h.get(i) {
        if hit(b) {
            return Some(i);
        }
        i += 1;
    }
    None
}

/// The end of a text run from `from`: the first `<` or `&` (or the end of
/// `h`), and whether a CR comes before it (then its line ends need
/// [`normalize_eols`]; without one the text is used as it is, unscanned).
#[inline(always)]
fn scan_text(h: &[u8], from: usize) -> (usize, bool) {
    let mut i = from;
    let mut cr = false;
    while let Some(w) = h.get(i..).and_then(|r| r.first_chunk::<8>()) {
        let x = u64::from_le_bytes(*w);
        let m = eq_bytes(x, b'<') | eq_bytes(x, b'&');
        // The lowest flag of each mask is exact (see `eq_bytes`).
        let c = eq_bytes(x, b'\r');
        if m != 0 {
            let k = m.trailing_zeros();
            cr |= c != 0 && c.trailing_zeros() < k;
            return (i + (k / 8) as usize, cr);
        }
        cr |= c != 0;
        i += 8;
    }
    while let Some(&b) = h.get(i) {
        if b == b'<' || b == b'&' {
            return (i, cr);
        }
        cr |= b == b'\r';
        i += 1;
    }
    (h.len(), cr)
}

/// The first `a` at or after `from`.
pub(crate) fn find1(h: &[u8], from: usize, a: u8) -> Option<usize> {
    scan(h, from, |x| eq_bytes(x, a), |b| b == a)
}

/// The first `a` or `b` at or after `from`.
pub(crate) fn find2(h: &[u8], from: usize, a: u8, b: u8) -> Option<usize> {
    scan(
        h,
        from,
        |x| eq_bytes(x, a) | eq_bytes(x, b),
        |c| c == a || c == b,
    )
}

/// The first `a`, `b` or `c` at or after `from`.
pub(crate) fn find3(h: &[u8], from: usize, a: u8, b: u8, c: u8) -> Option<usize> {
    scan(
        h,
        from,
        |x| eq_bytes(x, a) | eq_bytes(x, b) | eq_bytes(x, c),
        |d| d == a || d == b || d == c,
    )
}

/// The first `a`, `b`, `c` or `d` at or after `from`.
pub(crate) fn find4(h: &[u8], from: usize, a: u8, b: u8, c: u8, d: u8) -> Option<usize> {
    scan(
        h,
        from,
        |x| eq_bytes(x, a) | eq_bytes(x, b) | eq_bytes(x, c) | eq_bytes(x, d),
        |e| e == a || e == b || e == c || e == d,
    )
}

/// Whether `xmlns` occurs in `raw`. Eight bytes at a time, a word counting
/// only when it has an `x` followed by `m` (or an `x` in its last byte):
/// attribute values (long base64 ids) have many an `x`, but rarely `xm`.
fn has_xmlns(raw: &[u8]) -> bool {
    // (A fn, not a closure: at `opt-level = "z"` a closure stays a call.)
    #[inline(always)]
    fn at(raw: &[u8], k: usize) -> bool {
        matches!(raw.get(k), Some(b'x'))
            && raw.get(k..).and_then(|r| r.first_chunk::<5>()) == Some(b"xmlns")
    }
    let mut i = 0;
    while let Some(w) = raw.get(i..).and_then(|r| r.first_chunk::<8>()) {
        let x = u64::from_le_bytes(*w);
        // The flags of `eq_bytes` may be wrong only by being set: no
        // occurrence is missed, a false candidate is checked and passed over.
        let pair = eq_bytes(x, b'x') & ((eq_bytes(x, b'm') >> 8) | (HI << 56));
        if pair != 0 {
            let mut k = i;
            while k < i + 8 {
                if at(raw, k) {
                    return true;
                }
                k += 1;
            }
        }
        i += 8;
    }
    while i < raw.len() {
        if at(raw, i) {
            return true;
        }
        i += 1;
    }
    false
}

/// Whether `b[a..a + len]` and `b[c..c + len]` are the same bytes (eight at
/// a time, then one by one: end tags are compared with their start tag's
/// name here, and a call to `memcmp` costs more than such a short compare).
#[inline(always)]
fn same_bytes(b: &[u8], a: usize, c: usize, len: usize) -> bool {
    let word = |at: usize| b.get(at..).and_then(|r| r.first_chunk::<8>());
    let mut k = 0;
    while k + 8 <= len {
        match (word(a + k), word(c + k)) {
            (Some(x), Some(y)) if x == y => k += 8,
            _ => return false,
        }
    }
    while k < len {
        match (b.get(a + k), b.get(c + k)) {
            (Some(&x), Some(&y)) if x == y => k += 1,
            _ => return false,
        }
    }
    true
}

/// `a == b` for short strings (prefixes, names): a plain loop, no `memcmp` call.
#[inline(always)]
pub(crate) fn short_eq(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    let mut i = 0;
    while let (Some(x), Some(y)) = (a.get(i), b.get(i)) {
        if x != y {
            return false;
        }
        i += 1;
    }
    true
}

/// Whether `b[..end]` ends with `suffix` (false when `end` is out of range).
fn ends_with_at(b: &[u8], end: usize, suffix: &[u8]) -> bool {
    b.get(..end).is_some_and(|s| s.ends_with(suffix))
}

/// `s[from..to]`, or `""` when that is not a slice of `s` (never, for the
/// offsets this module computes: they are all at ASCII bytes).
#[inline(always)]
fn sub(s: &str, from: usize, to: usize) -> &str {
    s.get(from..to).unwrap_or_default()
}

/// Line ends as XML 1.0 normalises them (§2.11): CR LF and a lone CR become LF.
/// Borrowed when there is no CR.
pub(crate) fn normalize_eols(s: &str) -> std::borrow::Cow<'_, str> {
    let b = s.as_bytes();
    let Some(first) = find1(b, 0, b'\r') else {
        return std::borrow::Cow::Borrowed(s);
    };
    let mut out = String::with_capacity(s.len());
    let mut from = 0;
    let mut cr = Some(first);
    while let Some(i) = cr {
        out.push_str(sub(s, from, i));
        out.push('\n');
        from = if matches!(b.get(i + 1), Some(b'\n')) {
            i + 2
        } else {
            i + 1
        };
        cr = find1(b, from, b'\r');
    }
    out.push_str(s.get(from..).unwrap_or_default());
    std::borrow::Cow::Owned(out)
}

// ---------------------------------------------------------------------------
// Tags and attributes

/// A start tag or empty-element tag: what stands between `<` and `>` (or `/>`).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Tag<'a> {
    content: &'a str,
    name_len: usize,
    /// Where the local name starts: after the first `:` of the name, or 0.
    local_at: usize,
}

/// The offset of the first `:` in `s`, if any (a byte scan: names are short).
pub(crate) fn colon(s: &str) -> Option<usize> {
    s.bytes().position(|b| b == b':')
}

impl<'a> Tag<'a> {
    fn new(content: &'a str) -> Self {
        let b = content.as_bytes();
        let mut name_len = b.len();
        let mut local_at = 0;
        let mut i = 0;
        while let Some(&c) = b.get(i) {
            if is_ws(c) {
                name_len = i;
                break;
            }
            if c == b':' && local_at == 0 {
                local_at = i + 1;
            }
            i += 1;
        }
        Tag {
            content,
            name_len,
            local_at,
        }
    }

    /// The qualified name, as written (the first word).
    #[inline(always)]
    pub(crate) fn name(&self) -> &'a str {
        sub(self.content, 0, self.name_len)
    }

    /// The name's prefix (before its first `:`), if it has one.
    #[inline(always)]
    pub(crate) fn prefix(&self) -> Option<&'a str> {
        // No `Option::map` (a call at `opt-level = "z"`).
        if self.local_at == 0 {
            None
        } else {
            Some(sub(self.content, 0, self.local_at - 1))
        }
    }

    /// The local name's bytes (no `&str` sliced: no char-boundary checks).
    #[inline(always)]
    pub(crate) fn local_bytes(&self) -> &'a [u8] {
        self.content
            .as_bytes()
            .get(self.local_at..self.name_len)
            .unwrap_or_default()
    }

    /// The local name (after the prefix).
    #[inline(always)]
    pub(crate) fn local(&self) -> &'a str {
        sub(self.content, self.local_at, self.name_len)
    }

    /// Whether anything follows the name (attributes, white space).
    #[inline(always)]
    pub(crate) fn has_attrs(&self) -> bool {
        self.name_len < self.content.len()
    }

    /// Everything after the name.
    #[inline(always)]
    pub(crate) fn attrs_raw(&self) -> &'a str {
        // Most tags are a bare name: no slicing (and no char-boundary check) then.
        if self.name_len >= self.content.len() {
            return "";
        }
        self.content.get(self.name_len..).unwrap_or_default()
    }

    /// The attributes, in order: `(qualified name, raw value)` each, or an
    /// [`AttrError`] at the first syntax error (after which there are no more).
    pub(crate) fn attrs(&self) -> Attrs<'a> {
        Attrs {
            s: self.attrs_raw(),
            i: 0,
            done: false,
        }
    }
}

/// The first index at or after `j` that is not white space.
#[inline(always)]
fn skip_ws(b: &[u8], mut j: usize) -> usize {
    while let Some(&c) = b.get(j) {
        if !is_ws(c) {
            break;
        }
        j += 1;
    }
    j
}

/// Cuts an attribute list: `name="value"` or `name='value'`, white space around
/// the `=` and between attributes optional, a name running to `=` or white space.
pub(crate) struct Attrs<'a> {
    s: &'a str,
    i: usize,
    done: bool,
}

impl<'a> Iterator for Attrs<'a> {
    type Item = std::result::Result<(&'a str, &'a str), AttrError<'a>>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.done {
            return None;
        }
        let b = self.s.as_bytes();
        let start = skip_ws(b, self.i);
        if start >= b.len() {
            self.done = true;
            return None;
        }
        // The name: at least one byte, up to `=` or white space.
        let mut j = start + 1;
        while b.get(j).is_some_and(|&c| c != b'=' && !is_ws(c)) {
            j += 1;
        }
        let key_end = j;
        let eq = skip_ws(b, j);
        let key = sub(self.s, start, key_end);
        let fail = |what| {
            Some(Err(AttrError {
                key,
                what,
                offset: start,
            }))
        };
        if !matches!(b.get(eq), Some(b'=')) {
            self.done = true;
            return fail("is not followed by `=`");
        }
        let open = skip_ws(b, eq + 1);
        let quote = match b.get(open) {
            Some(&q @ (b'"' | b'\'')) => q,
            _ => {
                self.done = true;
                return fail("has no value in quotes after its `=`");
            }
        };
        let Some(close) = find1(b, open + 1, quote) else {
            self.done = true;
            return fail("has a value without its closing quote");
        };
        self.i = close + 1;
        Some(Ok((key, sub(self.s, open + 1, close))))
    }
}

/// An attribute list that does not follow the syntax: which attribute, what is
/// wrong with it, and where it starts (an offset in the text after the tag name).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct AttrError<'a> {
    pub(crate) key: &'a str,
    pub(crate) what: &'static str,
    pub(crate) offset: usize,
}

/// Finds duplicate attribute names in linear time: a few are compared pairwise,
/// more go through a small open-addressing hash table (rebuilt per tag, reused).
/// The hash is fixed, so names can be written to collide: when a probe runs
/// longer than any chance collision makes it, the check stops hashing and
/// [`DupCheck::finish`] sorts the names instead, so such a tag costs
/// O(n log n), never O(n²).
#[derive(Default)]
pub(crate) struct DupCheck<'a> {
    keys: Vec<&'a str>,
    table: Vec<u32>,
    /// Hashing gave up (a crafted collision): duplicates are found by `finish`.
    sorting: bool,
}

impl<'a> DupCheck<'a> {
    const PAIRWISE: usize = 8;

    /// Probes past which the names are taken to be crafted to collide.
    const MAX_PROBES: usize = 64;

    pub(crate) fn clear(&mut self) {
        self.keys.clear();
        self.table.clear();
        self.sorting = false;
    }

    /// After the last [`DupCheck::seen`]: the first name (in document order)
    /// written a second time, when hashing gave up; `None` otherwise (then
    /// `seen` has already said).
    pub(crate) fn finish(&self) -> Option<&'a str> {
        if !self.sorting {
            return None;
        }
        let mut by_name: Vec<(&str, usize)> =
            self.keys.iter().enumerate().map(|(i, k)| (*k, i)).collect();
        super::heap_sort(&mut by_name);
        // In each run of one name, the second member is its first repetition;
        // the earliest of those is what an in-order check reports.
        let mut first: Option<(usize, &'a str)> = None;
        for pair in by_name.windows(2) {
            if let [(a, _), (b, j)] = pair {
                if a == b && first.is_none_or(|(f, _)| *j < f) {
                    first = self.keys.get(*j).map(|k| (*j, *k));
                }
            }
        }
        first.map(|(_, k)| k)
    }

    fn hash(key: &str) -> usize {
        // FNV-1a, then a final mix so that the low bits depend on every byte.
        let mut h: u64 = 0xcbf2_9ce4_8422_2325;
        for b in key.bytes() {
            h = (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3);
        }
        h ^= h >> 29;
        h = h.wrapping_mul(0xbf58_476d_1ce4_e5b9);
        (h ^ (h >> 32)) as usize
    }

    /// Inserts slot `idx` (a key already in `keys`) into the table:
    /// `Some(true)` when an equal key was there, `None` when the probe ran
    /// past [`DupCheck::MAX_PROBES`].
    fn insert(table: &mut [u32], keys: &[&str], idx: usize) -> Option<bool> {
        let key = keys.get(idx)?;
        let mask = table.len().wrapping_sub(1);
        let mut slot = Self::hash(key) & mask;
        for _ in 0..Self::MAX_PROBES {
            match table.get(slot).copied() {
                Some(0) => {
                    if let Some(s) = table.get_mut(slot) {
                        *s = idx as u32 + 1;
                    }
                    return Some(false);
                }
                Some(other) => {
                    if keys.get((other as usize).wrapping_sub(1)) == Some(key) {
                        return Some(true);
                    }
                }
                None => return Some(false),
            }
            slot = (slot + 1) & mask;
        }
        None
    }

    /// Adds `key`; `true` if it was added before (since the last `clear`).
    pub(crate) fn seen(&mut self, key: &'a str) -> bool {
        if self.keys.len() < Self::PAIRWISE {
            if self.keys.contains(&key) {
                return true;
            }
            self.keys.push(key);
            return false;
        }
        self.keys.push(key);
        if self.sorting {
            return false;
        }
        let n = self.keys.len();
        if self.table.len() < 2 * n {
            // Grow (power of two, at least twice the keys) and re-insert all.
            let size = (4 * n).next_power_of_two();
            self.table.clear();
            self.table.resize(size, 0);
            for i in 0..n - 1 {
                if Self::insert(&mut self.table, &self.keys, i).is_none() {
                    self.sorting = true;
                    return false;
                }
            }
        }
        match Self::insert(&mut self.table, &self.keys, n - 1) {
            Some(seen) => seen,
            None => {
                self.sorting = true;
                false
            }
        }
    }
}

// ---------------------------------------------------------------------------
// Namespace scopes

struct Binding<'a> {
    /// `""` for a default namespace declaration (`xmlns`, and `xmlns:` alike).
    prefix: &'a str,
    /// As written (not unescaped); `""` undeclares.
    uri: &'a str,
    level: u32,
}

/// What a prefix resolves to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Resolved<'a> {
    /// A namespace.
    Bound(&'a str),
    /// No namespace (no prefix, and no default namespace in scope).
    Unbound,
    /// A prefix that is not declared.
    Unknown(&'a str),
}

/// The namespace declarations in scope.
#[derive(Default)]
struct Scopes<'a> {
    bindings: Vec<Binding<'a>>,
    level: u32,
    /// Element prefixes known to be declared by `bindings` as they are (a
    /// document uses one or two prefixes throughout); emptied when they change.
    known: [Option<&'a str>; 2],
}

impl<'a> Scopes<'a> {
    /// Opens the scope of `tag` (at `pos`) with its declarations. Reads them as
    /// the attribute syntax allows, up to its first error (which the reader
    /// reports when it checks the attributes).
    #[inline(always)]
    fn push(&mut self, tag: &Tag<'a>, pos: usize) -> Result<()> {
        if self.level >= MAX_SCOPES {
            return Err(self.too_deep(pos));
        }
        self.level += 1;
        // A bare name (most tags) declares nothing: no call then.
        if tag.name_len >= tag.content.len() {
            return Ok(());
        }
        self.declare(tag, pos)
    }

    #[cold]
    fn too_deep(&self, pos: usize) -> Error {
        malformed(pos, format!("elements nest deeper than {MAX_SCOPES}"))
    }

    /// The declarations among the attributes of `tag` (its scope is open).
    fn declare(&mut self, tag: &Tag<'a>, pos: usize) -> Result<()> {
        // Most tags declare nothing: look for `xmlns` before cutting attributes.
        if !has_xmlns(tag.attrs_raw().as_bytes()) {
            return Ok(());
        }
        for attr in tag.attrs() {
            let Ok((key, value)) = attr else { break };
            let Some(rest) = key.strip_prefix("xmlns") else {
                continue;
            };
            let prefix = match rest.strip_prefix(':') {
                Some(p) => p,
                None if rest.is_empty() => "",
                None => continue,
            };
            match prefix {
                "xml" if value == XML_NS => continue,
                "xml" => {
                    return Err(malformed(
                        pos,
                        format!("the prefix `xml` cannot be bound to `{value}`"),
                    ))
                }
                "xmlns" => return Err(malformed(pos, "the prefix `xmlns` cannot be declared")),
                _ if !prefix.is_empty() && (value == XML_NS || value == XMLNS_NS) => {
                    return Err(malformed(
                        pos,
                        format!("the prefix `{prefix}` cannot be bound to `{value}`"),
                    ))
                }
                _ => {}
            }
            if self.bindings.len() >= MAX_NAMESPACE_BINDINGS {
                return Err(Error::Limit {
                    name: "namespaceBindings",
                    limit: MAX_NAMESPACE_BINDINGS as u64,
                    value: MAX_NAMESPACE_BINDINGS as u64 + 1,
                });
            }
            self.known = [None; 2];
            self.bindings.push(Binding {
                prefix,
                uri: value,
                level: self.level,
            });
        }
        Ok(())
    }

    /// Closes the innermost scope. (Inline: it runs after every end tag,
    /// and nearly always has no declaration to drop.)
    #[inline(always)]
    fn pop(&mut self) {
        self.level = self.level.saturating_sub(1);
        if let Some(b) = self.bindings.last() {
            if b.level > self.level {
                self.drop_bindings();
            }
        }
    }

    /// The declarations of scopes that [`Scopes::pop`] closed.
    fn drop_bindings(&mut self) {
        while self.bindings.last().is_some_and(|b| b.level > self.level) {
            self.bindings.pop();
            self.known = [None; 2];
        }
    }

    /// Resolves a name's prefix (`use_default`: for an element, whose
    /// unprefixed name is in the default namespace).
    fn resolve(&self, prefix: Option<&'a str>, use_default: bool) -> Resolved<'a> {
        match prefix {
            None if !use_default => Resolved::Unbound,
            None => match self.bindings.iter().rev().find(|b| b.prefix.is_empty()) {
                Some(b) if !b.uri.is_empty() => Resolved::Bound(b.uri),
                _ => Resolved::Unbound,
            },
            Some(prefix) => {
                if prefix.is_empty() {
                    return Resolved::Unknown(prefix);
                }
                match self.bindings.iter().rev().find(|b| b.prefix == prefix) {
                    Some(b) if !b.uri.is_empty() => Resolved::Bound(b.uri),
                    Some(_) => Resolved::Unknown(prefix),
                    None if prefix == "xml" => Resolved::Bound(XML_NS),
                    None if prefix == "xmlns" => Resolved::Bound(XMLNS_NS),
                    None => Resolved::Unknown(prefix),
                }
            }
        }
    }
}

// ---------------------------------------------------------------------------
// The tokenizer

/// One piece of the document.
#[derive(Debug)]
pub(crate) enum Tok<'a> {
    /// A start tag.
    Start(Tag<'a>),
    /// An empty-element tag (`<a/>`).
    Empty(Tag<'a>),
    /// An end tag (it matched the open start tag).
    End,
    /// Character data up to the next `<` or `&` (never empty; line ends as written).
    Text(&'a str),
    /// A reference: what stands between `&` and `;`.
    Ref(&'a str),
    /// A CDATA section's content.
    CData(&'a str),
    /// A comment.
    Comment,
    /// A processing instruction.
    Pi,
    /// An XML declaration (`<?xml ...?>`).
    Decl,
    /// A document type declaration (with a name; never read further).
    DocType,
    /// The end of the input.
    Eof,
}

/// See the module documentation.
pub(crate) struct Tokenizer<'a> {
    src: &'a str,
    pos: usize,
    done: bool,
    /// The open start tags' names: `(start, end)` offsets in `src`, and
    /// whether the name has a quote in it (then its end tag takes the general way).
    /// The first `depth` entries are the open ones; the rest are kept to be
    /// overwritten, so that opening an element is no `Vec::push` call.
    open: Vec<(usize, usize, bool)>,
    depth: usize,
    /// The last text run has a CR in it (see [`Tokenizer::text_has_cr`]).
    text_cr: bool,
    scopes: Scopes<'a>,
    /// The last token closed an element (an end tag, an empty-element tag):
    /// its scope is closed when the next token is read.
    pending_pop: bool,
}

impl<'a> Tokenizer<'a> {
    pub(crate) fn new(src: &'a str) -> Self {
        Tokenizer {
            src,
            pos: 0,
            done: false,
            open: Vec::new(),
            depth: 0,
            text_cr: false,
            scopes: Scopes::default(),
            pending_pop: false,
        }
    }

    /// The offset of the next byte to read.
    #[inline]
    pub(crate) fn position(&self) -> usize {
        self.pos
    }

    /// Whether the text run just read ([`Tok::Text`]) has a CR in it: without
    /// one its line ends need no normalising.
    #[inline(always)]
    pub(crate) fn text_has_cr(&self) -> bool {
        self.text_cr
    }

    /// Resolves an element name's prefix in the current scope.
    #[inline]
    pub(crate) fn resolve_element(&self, tag: &Tag<'a>) -> Resolved<'a> {
        self.scopes.resolve(tag.prefix(), true)
    }

    /// The prefix of the element name, if it has one that is not declared.
    #[inline(always)]
    pub(crate) fn undeclared_prefix(&mut self, tag: &Tag<'a>) -> Option<&'a str> {
        // Bytes compared, no `&str` sliced and no closures (each a call at
        // `opt-level = "z"`): this runs for every tag.
        if tag.local_at == 0 {
            return None;
        }
        let prefix = tag.content.as_bytes().get(..tag.local_at - 1)?;
        let [a, b] = self.scopes.known;
        if let Some(k) = a {
            if short_eq(k.as_bytes(), prefix) {
                return None;
            }
        }
        if let Some(k) = b {
            if short_eq(k.as_bytes(), prefix) {
                return None;
            }
        }
        self.learn_prefix(tag.prefix()?)
    }

    /// [`Tokenizer::undeclared_prefix`] for a prefix not known to be declared.
    fn learn_prefix(&mut self, prefix: &'a str) -> Option<&'a str> {
        match self.scopes.resolve(Some(prefix), true) {
            Resolved::Unknown(p) => Some(p),
            _ => {
                let [first, _] = self.scopes.known;
                self.scopes.known = [Some(prefix), first];
                None
            }
        }
    }

    /// Resolves an attribute name's prefix in the current scope.
    pub(crate) fn resolve_attribute(&self, qname: &'a str) -> Resolved<'a> {
        let prefix = colon(qname).map(|i| sub(qname, 0, i));
        self.scopes.resolve(prefix, false)
    }

    /// Reads the next token; a start or empty-element tag opens its namespace scope.
    /// Inline (its callers are the reader's event loop and its rest-of-document
    /// scan): the token then needs no copy through memory.
    #[inline(always)]
    pub(crate) fn next(&mut self) -> Result<Tok<'a>> {
        if std::mem::take(&mut self.pending_pop) {
            self.scopes.pop();
        }
        if self.done {
            return Ok(Tok::Eof);
        }
        let b = self.src.as_bytes();
        let at = self.pos;
        match b.get(at) {
            None => {
                self.done = true;
                Ok(Tok::Eof)
            }
            Some(b'<') => {
                let tok = self.markup(at)?;
                match &tok {
                    Tok::Start(tag) => self.scopes.push(tag, at)?,
                    Tok::Empty(tag) => {
                        self.scopes.push(tag, at)?;
                        self.pending_pop = true;
                    }
                    Tok::End => self.pending_pop = true,
                    _ => {}
                }
                Ok(tok)
            }
            Some(b'&') => match find3(b, at + 1, b';', b'&', b'<') {
                Some(end) if matches!(b.get(end), Some(b';')) => {
                    self.pos = end + 1;
                    Ok(Tok::Ref(sub(self.src, at + 1, end)))
                }
                _ => Err(malformed(at, "an `&` without its `;`")),
            },
            Some(_) => {
                let (end, cr) = scan_text(b, at);
                self.pos = end;
                self.text_cr = cr;
                Ok(Tok::Text(sub(self.src, at, end)))
            }
        }
    }

    /// Opens an element (see [`Tokenizer::open`]).
    #[inline(always)]
    fn open_push(&mut self, e: (usize, usize, bool)) {
        match self.open.get_mut(self.depth) {
            Some(slot) => *slot = e,
            None => self.open.push(e),
        }
        self.depth += 1;
    }

    /// The innermost open element.
    #[inline(always)]
    fn open_last(&self) -> Option<&(usize, usize, bool)> {
        self.open.get(self.depth.checked_sub(1)?)
    }

    /// Closes the innermost open element.
    fn open_pop(&mut self) -> Option<(usize, usize, bool)> {
        let e = self.open_last().copied()?;
        self.depth -= 1;
        Some(e)
    }

    /// The markup opened by the `<` at `at`.
    fn markup(&mut self, at: usize) -> Result<Tok<'a>> {
        let b = self.src.as_bytes();
        match b.get(at + 1) {
            None => Err(malformed(at, "the document ends after `<`")),
            Some(b'!') => self.bang(at),
            Some(b'/') => {
                // The common case first: `</` + the open element's name + `>`
                // (a name with a quote in it takes the general way: quotes
                // matter when the end of a tag is looked for).
                if let Some(&(s, e, false)) = self.open_last() {
                    let len = e - s;
                    if matches!(b.get(at + 2 + len), Some(b'>')) && same_bytes(b, s, at + 2, len) {
                        self.depth -= 1;
                        self.pos = at + 3 + len;
                        return Ok(Tok::End);
                    }
                }
                let end = self.tag_end(at)?;
                // Trailing white space is not part of the name (all white space is).
                let raw = b.get(at + 2..end).unwrap_or_default();
                let len = raw
                    .iter()
                    .rposition(|&c| !is_ws(c))
                    .map_or(raw.len(), |p| p + 1);
                let name = raw.get(..len).unwrap_or_default();
                match self.open_pop() {
                    Some((s, e, _)) if b.get(s..e) == Some(name) => Ok(Tok::End),
                    Some((s, e, _)) => Err(malformed(
                        at,
                        format!(
                            "the end tag </{}> does not match <{}>",
                            sub(self.src, at + 2, at + 2 + len),
                            sub(self.src, s, e)
                        ),
                    )),
                    None => Err(malformed(
                        at,
                        format!(
                            "the end tag </{}> has no start tag",
                            sub(self.src, at + 2, at + 2 + len)
                        ),
                    )),
                }
            }
            Some(b'?') => {
                // Up to the first `?>` (the `?` may be the one after `<`).
                let mut from = at + 2;
                let end = loop {
                    match find1(b, from, b'>') {
                        Some(i) if matches!(b.get(i - 1), Some(b'?')) => break i,
                        Some(i) => from = i + 1,
                        None => {
                            let decl = b.get(at + 2..at + 5) == Some(b"xml")
                                && b.get(at + 5).is_none_or(|&c| is_ws(c) || c == b'?');
                            return Err(malformed(
                                at,
                                if decl {
                                    "an XML declaration without its `?>`"
                                } else {
                                    "a processing instruction without its `?>`"
                                },
                            ));
                        }
                    }
                };
                self.pos = end + 1;
                if end - at < 3 {
                    return Err(malformed(at, "`<?>` is not a processing instruction"));
                }
                let content = &b.get(at + 2..end - 1).unwrap_or_default();
                let decl = content.starts_with(b"xml") && content.get(3).is_none_or(|&c| is_ws(c));
                Ok(if decl { Tok::Decl } else { Tok::Pi })
            }
            Some(_) => {
                // The common case first: a tag that is just a name (no white
                // space, no quote before its `>`), cut in one pass.
                let mut i = at + 1;
                let mut colon = 0;
                // The next byte that may end the name: `>`, a quote, `:`, or
                // one below `!` (white space among them), eight at a time.
                while let Some(j) = scan(
                    b,
                    i,
                    |x| {
                        eq_bytes(x, b'>')
                            | eq_bytes(x, b'"')
                            | eq_bytes(x, b'\'')
                            | eq_bytes(x, b':')
                            | (x.wrapping_sub(LO * 0x21) & !x & HI)
                    },
                    |c| matches!(c, b'>' | b'"' | b'\'' | b':') || c < 0x21,
                ) {
                    match b.get(j) {
                        Some(b'>') => {
                            self.pos = j + 1;
                            let empty = j > at + 1 && matches!(b.get(j - 1), Some(b'/'));
                            let end = if empty { j - 1 } else { j };
                            let content = sub(self.src, at + 1, end);
                            let tag = Tag {
                                content,
                                name_len: content.len(),
                                local_at: colon,
                            };
                            if empty {
                                return Ok(Tok::Empty(tag));
                            }
                            self.open_push((at + 1, end, false));
                            return Ok(Tok::Start(tag));
                        }
                        Some(b':') if colon == 0 => colon = j - at,
                        Some(&c) if c == b'"' || c == b'\'' || is_ws(c) => break,
                        _ => {}
                    }
                    i = j + 1;
                }
                let end = self.tag_end(at)?;
                if end > at + 1 && matches!(b.get(end - 1), Some(b'/')) {
                    return Ok(Tok::Empty(Tag::new(sub(self.src, at + 1, end - 1))));
                }
                let tag = Tag::new(sub(self.src, at + 1, end));
                let quoted = find2(tag.name().as_bytes(), 0, b'"', b'\'').is_some();
                self.open_push((at + 1, at + 1 + tag.name_len, quoted));
                Ok(Tok::Start(tag))
            }
        }
    }

    /// The `>` that ends the tag opened at `at` (the first outside quotes); moves past it.
    fn tag_end(&mut self, at: usize) -> Result<usize> {
        let b = self.src.as_bytes();
        let mut from = at;
        loop {
            let Some(i) = find3(b, from, b'>', b'"', b'\'') else {
                return Err(malformed(at, "the document ends inside a tag"));
            };
            match b.get(i) {
                Some(&q @ (b'"' | b'\'')) => match find1(b, i + 1, q) {
                    Some(close) => from = close + 1,
                    None => {
                        return Err(malformed(
                            at,
                            "the document ends inside a quoted attribute value",
                        ))
                    }
                },
                _ => {
                    self.pos = i + 1;
                    return Ok(i);
                }
            }
        }
    }

    /// `<!`: a comment, a CDATA section or a document type declaration.
    fn bang(&mut self, at: usize) -> Result<Tok<'a>> {
        let b = self.src.as_bytes();
        match b.get(at + 2) {
            Some(b'-') => {
                // The first `-->` at least six bytes after `<` (so `<!-->` is not one).
                let mut from = at;
                let end = loop {
                    match find1(b, from, b'>') {
                        Some(i) if i - at > 5 && ends_with_at(b, i, b"--") => break i,
                        Some(i) => from = i + 1,
                        None => return Err(malformed(at, "a comment without its `-->`")),
                    }
                };
                self.pos = end + 1;
                if b.get(at..at + 4) != Some(b"<!--") {
                    return Err(malformed(at, "`<!-` that does not open a comment"));
                }
                Ok(Tok::Comment)
            }
            Some(b'[') => {
                let mut from = at;
                let end = loop {
                    match find1(b, from, b'>') {
                        Some(i) if ends_with_at(b, i, b"]]") => break i,
                        Some(i) => from = i + 1,
                        None => return Err(malformed(at, "a CDATA section without its `]]>`")),
                    }
                };
                self.pos = end + 1;
                if b.get(at..at + 9) != Some(b"<![CDATA[") {
                    return Err(malformed(at, "`<![` that does not open a CDATA section"));
                }
                Ok(Tok::CData(sub(self.src, at + 9, end - 2)))
            }
            Some(b'D' | b'd') => {
                let Some(end) = doctype_end(b, at) else {
                    return Err(malformed(at, "a document type declaration without its `>`"));
                };
                self.pos = end + 1;
                let opens = b
                    .get(at..at + 9)
                    .is_some_and(|s| s.eq_ignore_ascii_case(b"<!DOCTYPE"));
                if !opens {
                    return Err(malformed(at, "`<!D` that does not open `<!DOCTYPE`"));
                }
                let named = b
                    .get(at + 9..end)
                    .is_some_and(|s| s.iter().any(|&c| !is_ws(c)));
                if !named {
                    return Err(malformed(end, "a document type declaration without a name"));
                }
                Ok(Tok::DocType)
            }
            _ => Err(malformed(
                at,
                "`<!` that opens no comment, CDATA section or document type declaration",
            )),
        }
    }
}

/// The `>` that ends the document type declaration opened at `at`: outside
/// quoted literals, after the internal subset (`[...]`) if there is one; in the
/// subset, declarations, comments and processing instructions are stepped over
/// whole, so a `]` or `>` inside them ends nothing.
fn doctype_end(b: &[u8], at: usize) -> Option<usize> {
    let mut i = at;
    // Before the internal subset.
    loop {
        let k = find4(b, i, b'"', b'\'', b'[', b'>')?;
        match b.get(k)? {
            b'>' => return Some(k),
            b'[' => {
                i = k + 1;
                break;
            }
            &q => i = find1(b, k + 1, q)? + 1,
        }
    }
    // Inside the internal subset.
    loop {
        let k = find2(b, i, b']', b'<')?;
        if matches!(b.get(k), Some(b']')) {
            return find1(b, k + 1, b'>');
        }
        let markup = b.get(k + 1..)?;
        let after = k + 1;
        i = if markup.starts_with(b"?") {
            // A processing instruction: to its `?>` (`i` stays on the `>`).
            let mut from = after + 1;
            loop {
                let r = find1(b, from, b'>')?;
                if r > after + 1 && matches!(b.get(r - 1), Some(b'?')) {
                    break r;
                }
                from = r + 1;
            }
        } else if markup.starts_with(b"!--") {
            // A comment: past its `-->`.
            let start = after + 3;
            let mut from = start;
            loop {
                let r = find1(b, from, b'>')?;
                if r >= start + 2 && ends_with_at(b, r, b"--") {
                    break r + 1;
                }
                from = r + 1;
            }
        } else if markup.starts_with(b"!ELEMENT") {
            find1(b, after + 8, b'>')? + 1
        } else if let Some(skip) = [&b"!ENTITY"[..], b"!ATTLIST", b"!NOTATION"]
            .iter()
            .find(|p| markup.starts_with(p))
            .map(|p| p.len())
        {
            // Quotes matter: to the first `>` outside them (`i` stays on it).
            let mut from = after + skip;
            loop {
                let r = find3(b, from, b'>', b'"', b'\'')?;
                match b.get(r)? {
                    b'>' => break r,
                    &q => from = find1(b, r + 1, q)? + 1,
                }
            }
        } else {
            find1(b, after, b'>')? + 1
        };
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn xmlns_is_found_anywhere() {
        for (raw, want) in [
            ("", false),
            ("xmlns", true),
            (" a=\"1\" xmlns:t=\"u\"", true),
            (
                " Id=\"AAMkAKzWvwxqWBPuxz6lSxmupJxm\" ChangeKey=\"EQAAAA==\"",
                false,
            ),
            ("1234567xmlns", true),
            ("123456xmlns", true),
            ("12345678xmln", false),
            ("xxxxxxxxxmlns", true),
            ("xmxmxmxmxmxmxmlnx", false),
        ] {
            assert_eq!(has_xmlns(raw.as_bytes()), want, "{raw:?}");
            let brute = raw.as_bytes().windows(5).any(|w| w == b"xmlns");
            assert_eq!(brute, want, "{raw:?}");
        }
        // Strings of the letters that matter, at every length and offset.
        let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
        for _ in 0..20_000 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            let len = (x % 40) as usize;
            let raw: Vec<u8> = (0..len)
                .map(|k| b"xmlns"[((x >> (k % 20 * 3)) % 5) as usize])
                .collect();
            let brute = raw.windows(5).any(|w| w == b"xmlns");
            assert_eq!(
                has_xmlns(&raw),
                brute,
                "{:?}",
                String::from_utf8_lossy(&raw)
            );
        }
    }

    #[test]
    fn scans_find_the_first_match() {
        let s = b"0123456789abcdef<ghij&klmnopqrstuvwxyz";
        for from in 0..s.len() {
            let want = s
                .iter()
                .enumerate()
                .skip(from)
                .find(|(_, &c)| c == b'<' || c == b'&')
                .map(|(i, _)| i);
            assert_eq!(find2(s, from, b'<', b'&'), want, "from {from}");
        }
        assert_eq!(find1(b"", 0, b'a'), None);
        assert_eq!(find1(b"abc", 9, b'a'), None);
        // A byte one above the needle right after a match must not hide it.
        assert_eq!(find1(b"\x01\x00aaaaaaa", 0, 0), Some(1));
        assert_eq!(find1(b"aaaaaaa\x3c\x3d", 0, b'='), Some(8));
    }

    #[test]
    fn line_ends_are_normalised() {
        assert_eq!(normalize_eols("a\r\nb\rc\n\rd\r"), "a\nb\nc\n\nd\n");
        assert!(matches!(
            normalize_eols("plain"),
            std::borrow::Cow::Borrowed(_)
        ));
    }

    #[test]
    fn attributes_are_cut() {
        let tag = Tag::new("a b=\"1\" c = '2'd=\"3\"");
        let got: Vec<_> = tag.attrs().collect();
        assert_eq!(got, vec![Ok(("b", "1")), Ok(("c", "2")), Ok(("d", "3"))]);
        for bad in ["a b", "a b=", "a b=1", "a b=\"1", "a =\"1\""] {
            assert!(Tag::new(bad).attrs().any(|a| a.is_err()), "{bad}");
        }
    }

    #[test]
    fn duplicates_are_found_among_many() {
        let keys: Vec<String> = (0..500).map(|i| format!("k{i}")).collect();
        let mut d = DupCheck::default();
        for k in &keys {
            assert!(!d.seen(k));
        }
        assert!(d.seen("k250"));
        assert!(d.seen("k3"));
        d.clear();
        assert!(!d.seen("k3"));
    }

    /// Distinct names whose hashes share their low 12 bits: in any table of
    /// up to 4096 slots they all probe from one slot.
    fn colliding_names(n: usize) -> Vec<String> {
        (0u64..)
            .map(|i| format!("a{i:x}"))
            .filter(|k| DupCheck::hash(k) & 0xfff == 0)
            .take(n)
            .collect()
    }

    #[test]
    fn names_written_to_collide_are_sorted_not_probed() {
        let keys = colliding_names(200);
        let mut d = DupCheck::default();
        for k in &keys {
            assert!(!d.seen(k));
        }
        assert!(d.sorting, "the probes should have given up");
        assert_eq!(d.finish(), None);
        // Two repetitions: the earlier one in document order is reported.
        assert!(!d.seen(&keys[150]));
        assert!(!d.seen(&keys[20]));
        assert_eq!(d.finish(), Some(keys[150].as_str()));
        d.clear();
        assert!(!d.sorting);
        assert!(!d.seen(&keys[3]));
        assert!(d.seen(&keys[3]));
    }

    #[test]
    fn a_tag_of_colliding_names_reads_and_its_repetition_is_refused() {
        let keys = colliding_names(200);
        let attrs: String = keys.iter().map(|k| format!(" {k}=\"1\"")).collect();
        let ok = format!("<r{attrs}/>");
        let mut r = crate::xml::XmlReader::new(&ok, &crate::xml::Limits::default()).unwrap();
        assert!(r.root().is_ok());
        let bad = format!("<r{attrs} {}=\"2\"/>", keys[7]);
        let mut r = crate::xml::XmlReader::new(&bad, &crate::xml::Limits::default()).unwrap();
        assert!(matches!(
            r.root(),
            Err(Error::MalformedXml { position: 0, .. })
        ));
    }

    fn tokens(src: &str) -> Vec<String> {
        let mut t = Tokenizer::new(src);
        let mut out = Vec::new();
        loop {
            match t.next().unwrap() {
                Tok::Eof => return out,
                tok => out.push(format!("{tok:?}").split('(').next().unwrap().to_owned()),
            }
        }
    }

    /// The position of the first error, with every token before it read.
    fn error_at(src: &str) -> u64 {
        let mut t = Tokenizer::new(src);
        loop {
            match t.next() {
                Ok(Tok::Eof) => panic!("no error in {src:?}"),
                Ok(_) => {}
                Err(Error::MalformedXml { position, .. }) => return position,
                Err(e) => panic!("{src:?}: {e:?}"),
            }
        }
    }

    #[test]
    fn cuts_every_kind_of_token() {
        let src = "<?xml version='1.0'?><?pi x?><!--c--><a x='1'>t&lt;<![CDATA[<c>]]><b/></a> ";
        assert_eq!(
            tokens(src),
            ["Decl", "Pi", "Comment", "Start", "Text", "Ref", "CData", "Empty", "End", "Text"]
        );
        let mut t = Tokenizer::new("<a>x&amp;y</a>");
        assert!(matches!(t.next().unwrap(), Tok::Start(tag) if tag.name() == "a"));
        assert!(matches!(t.next().unwrap(), Tok::Text("x")));
        assert!(matches!(t.next().unwrap(), Tok::Ref("amp")));
        assert!(matches!(t.next().unwrap(), Tok::Text("y")));
        assert!(matches!(t.next().unwrap(), Tok::End));
        assert!(matches!(t.next().unwrap(), Tok::Eof));
        assert!(matches!(t.next().unwrap(), Tok::Eof));
    }

    #[test]
    fn errors_are_reported_where_the_construct_starts() {
        // markup at its `<`, a reference at its `&`
        assert_eq!(error_at("<a>x &amp y</a>"), 5);
        assert_eq!(error_at("<a>x &amp<b/></a>"), 5);
        assert_eq!(error_at("<a><b></c></a>"), 6);
        assert_eq!(error_at("<a></a></a>"), 7);
        assert_eq!(error_at("<a>\n<b x='>"), 4);
        assert_eq!(error_at("<a>text<"), 7);
        assert_eq!(error_at("<a><?>"), 3);
        assert_eq!(error_at("<a><?pi"), 3);
        assert_eq!(error_at("<a><!x>"), 3);
        assert_eq!(error_at("<a><!-->"), 3);
        assert_eq!(error_at("<a><!-x-->"), 3);
        assert_eq!(error_at("<a><![CDATA[x"), 3);
        assert_eq!(error_at("<a><![CDAT[x]]>"), 3);
        assert_eq!(error_at("<!DOCTYPE x"), 0);
        assert_eq!(error_at("<!DOCTYP x>"), 0);
        // a document type declaration without a name: at its `>`
        assert_eq!(error_at("<!DOCTYPE  >"), 11);
        // an end tag's trailing white space is not part of its name; all of it is
        assert!(tokens("<a></a \n>").contains(&"End".to_owned()));
        assert_eq!(error_at("<></ >"), 2);
    }

    #[test]
    fn namespace_declarations_are_checked_and_bounded() {
        assert_eq!(error_at("<x><a xmlns:xml='urn:x'/></x>"), 3);
        assert_eq!(error_at("<x><a xmlns:xmlns='urn:x'/></x>"), 3);
        assert_eq!(
            error_at("<x><a xmlns:p='http://www.w3.org/2000/xmlns/'/></x>"),
            3
        );
        let decls: String = (0..=MAX_NAMESPACE_BINDINGS)
            .map(|i| format!(" xmlns:p{i}='urn:{i}'"))
            .collect();
        let src = format!("<a{decls}/>");
        let mut t = Tokenizer::new(&src);
        assert!(matches!(
            t.next(),
            Err(Error::Limit {
                name: "namespaceBindings",
                ..
            })
        ));
        // Scopes close with their element.
        let mut t = Tokenizer::new("<a xmlns:p='urn:p'><b xmlns:q='urn:q'/><c/></a><d/>");
        let mut resolved = Vec::new();
        while let Ok(tok) = t.next() {
            match tok {
                Tok::Start(tag) | Tok::Empty(tag) => resolved.push((
                    tag.name(),
                    t.resolve_attribute("p:x"),
                    t.resolve_attribute("q:x"),
                )),
                Tok::Eof => break,
                _ => {}
            }
        }
        let (p, q) = (Resolved::Bound("urn:p"), Resolved::Bound("urn:q"));
        assert_eq!(
            resolved,
            [
                ("a", p, Resolved::Unknown("q")),
                ("b", p, q),
                ("c", p, Resolved::Unknown("q")),
                ("d", Resolved::Unknown("p"), Resolved::Unknown("q")),
            ]
        );
    }

    #[test]
    fn doctype_ends_after_its_subset() {
        let s = b"<!DOCTYPE a [<!ENTITY x \"]>\"> <!-- ]> --> <?p ]> ?>]><a/>";
        let end = doctype_end(s, 0).unwrap();
        assert_eq!(&s[end - 1..], b"]><a/>");
        assert_eq!(doctype_end(b"<!DOCTYPE a 'x>'>", 0), Some(16));
        assert_eq!(doctype_end(b"<!DOCTYPE a [", 0), None);
    }
}
