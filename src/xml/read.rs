//! A small pull cursor over the crate's own tokenizer ([`super::tokenize`]) that
//! the parsers are written on.
//!
//! Invariants:
//! - the input is a `&str` with any BOM removed; no DTD is ever processed (a
//!   `<!DOCTYPE` is refused), entities other than the five predefined ones and
//!   character references are errors, so nothing can expand;
//! - every element is opened by [`XmlReader::next_child`] (or [`XmlReader::root`])
//!   and must be consumed completely by the caller (parse it, [`XmlReader::text`],
//!   [`XmlReader::skip`] or [`XmlReader::capture`]) before the next sibling is read;
//! - nesting is bounded by [`Limits::max_depth`], checked on every start tag, so no
//!   input can exhaust the stack or grow memory without bound.

use std::borrow::Cow;

use serde::{Deserialize, Serialize};

use super::tokenize::{
    colon, find1, find2, find4, malformed, normalize_eols, AttrError, DupCheck, Resolved, Tag, Tok,
    Tokenizer,
};
use crate::error::{Error, Result};

/// Resource limits applied while reading a response. The defaults are safe for
/// any real Exchange response and bound what a hostile one can cost.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default, deny_unknown_fields)]
pub struct Limits {
    /// Largest accepted response, in bytes (UTF-8). Default 64 MiB.
    pub max_response_bytes: u64,
    /// Deepest accepted element nesting. Default 256 (real responses stay under 30).
    pub max_depth: u32,
    /// Refuse what XML 1.0 forbids but real Exchange servers write (default
    /// `false`). By default a character reference to a C0 control character
    /// (other than tab, LF and CR) or to U+FFFE / U+FFFF is read as the
    /// character it names, and one to U+0000, to a surrogate or beyond U+10FFFF
    /// as U+FFFD; such characters written raw in text or attribute values are
    /// read as themselves (a raw NUL is always refused). With `strict`, each of
    /// these is [`Error::MalformedXml`], as an XML 1.0 parser must report it.
    pub strict: bool,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_response_bytes: 64 * 1024 * 1024,
            max_depth: 256,
            strict: false,
        }
    }
}

impl Limits {
    /// Checks the input size against [`Limits::max_response_bytes`].
    pub fn check_size(&self, len: usize) -> Result<()> {
        let len = len as u64;
        if len > self.max_response_bytes {
            return Err(Error::Limit {
                name: "maxResponseBytes",
                limit: self.max_response_bytes,
                value: len,
            });
        }
        Ok(())
    }
}

/// An element the model does not know, kept verbatim so that nothing is lost.
///
/// `xml` is the element's exact source text, from `<` to the end of its end tag.
/// Namespace prefixes declared on its ancestors are not re-declared in it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RawElement {
    /// The element's local name (no prefix).
    pub element_name: String,
    /// The element's source text.
    pub xml: String,
}

/// The namespace an element resolved to, reduced to what the parsers need.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ns {
    /// SOAP 1.1 or 1.2 envelope.
    Soap,
    /// An EWS namespace (`http://` or `https://`).
    Ews(crate::ns::Ews),
    /// Any other namespace.
    Other,
    /// No namespace (unprefixed, no default).
    None,
    /// Not resolved: elements below the envelope's first three levels, which
    /// the parsers match by local name (any prefix or namespace is accepted).
    NotResolved,
}

/// An opened element: its start tag and where it is in the source.
#[derive(Debug)]
pub struct Start<'a> {
    tag: Tag<'a>,
    empty: bool,
    pos: usize,
    ns: Ns,
    strict: bool,
}

impl<'a> Start<'a> {
    /// Local name (without prefix).
    #[inline(always)]
    pub fn local(&self) -> &str {
        self.tag.local()
    }

    /// The local name's bytes (cheaper than [`Start::local`] where bytes do).
    #[inline(always)]
    pub fn local_bytes(&self) -> &[u8] {
        self.tag.local_bytes()
    }

    /// The element's namespace, as resolved when it was read.
    pub fn ns(&self) -> Ns {
        self.ns
    }

    /// Whether this is an empty-element tag (`<a/>`).
    pub fn is_empty(&self) -> bool {
        self.empty
    }

    /// Byte offset of the start tag's `<`.
    pub fn position(&self) -> usize {
        self.pos
    }

    /// Calls `f` with the local name and normalised value of every attribute
    /// (namespace declarations excluded).
    pub fn for_each_attr(&self, f: &mut dyn FnMut(&str, Cow<'_, str>)) -> Result<()> {
        for attr in self.tag.attrs() {
            let (key, raw) = attr.map_err(|e| bad_attributes(&self.tag, self.pos, e))?;
            if key == "xmlns" || key.starts_with("xmlns:") {
                continue;
            }
            let local = match colon(key) {
                Some(i) => key.get(i + 1..).unwrap_or(""),
                None => key,
            };
            let value = attr_value(raw, self.pos, self.strict)?;
            f(local, value);
        }
        Ok(())
    }

    /// The value of the attribute with this local name, if present.
    pub fn attr(&self, name: &str) -> Result<Option<String>> {
        let mut found = None;
        self.for_each_attr(&mut |k, v| {
            if found.is_none() && k == name {
                found = Some(v.into_owned());
            }
        })?;
        Ok(found)
    }
}

/// The error for an attribute list of the tag at `pos` that does not follow
/// the syntax (`name="value"` or `name='value'`).
fn bad_attributes(tag: &Tag<'_>, pos: usize, e: AttrError<'_>) -> Error {
    malformed(
        pos,
        format!(
            "in <{}>, the attribute `{}` (byte {} of the tag) {}",
            tag.name(),
            e.key,
            1 + tag.name().len() + e.offset,
            e.what
        ),
    )
}

/// The error for a namespace prefix that is not declared (tag at `pos`).
#[cold]
fn undeclared(prefix: &str, pos: usize) -> Error {
    malformed(
        pos,
        format!("the namespace prefix `{prefix}` is not declared"),
    )
}

/// Whether `c` is a character XML 1.0 allows in a document.
pub fn is_xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

/// The offset of the first byte of a character XML forbids anywhere in a
/// document: C0 controls but tab, LF and CR, and U+FFFE / U+FFFF
/// (`EF BF BE` / `EF BF BF` in UTF-8). Surrogates cannot occur in a `&str`.
fn first_forbidden_byte(b: &[u8]) -> Option<usize> {
    // Eight bytes at a time: a word with no byte below 0x20 and no 0xEF (the
    // lead byte of U+FFFE/U+FFFF) is skipped with a few instructions; only
    // words with a candidate are looked at byte by byte.
    const LO: u64 = 0x0101_0101_0101_0101;
    const HI: u64 = 0x8080_8080_8080_8080;
    let mut i = 0;
    while let Some(w) = b.get(i..).and_then(|r| r.first_chunk::<8>()) {
        let x = u64::from_le_bytes(*w);
        let below_space = x.wrapping_sub(LO * 0x20) & !x & HI;
        let y = x ^ (LO * 0xEF);
        let is_ef = y.wrapping_sub(LO) & !y & HI;
        if below_space | is_ef != 0 {
            if let Some(j) = exact_forbidden(b, i, i + 8) {
                return Some(j);
            }
        }
        i += 8;
    }
    exact_forbidden(b, i, b.len())
}

/// The exact test over `b[from..to]` (a U+FFFE/U+FFFF sequence may run past `to`).
fn exact_forbidden(b: &[u8], from: usize, to: usize) -> Option<usize> {
    (from..to).find(|&i| {
        let c = b.get(i).copied().unwrap_or(b' ');
        (c < 0x20 && !matches!(c, b'\t' | b'\n' | b'\r'))
            || (c == 0xEF
                && matches!(b.get(i + 1), Some(0xBF))
                && matches!(b.get(i + 2), Some(0xBE | 0xBF)))
    })
}

/// The error for the character XML forbids at byte `i` of `s`, reported at
/// `position` in the document.
fn forbidden_char(s: &str, i: usize, position: u64) -> Error {
    let c = s.get(i..).and_then(|s| s.chars().next()).unwrap_or('\0');
    Error::MalformedXml {
        position,
        message: format!("character U+{:04X} is not allowed in XML", c as u32),
    }
}

/// Well-formedness of a start tag's attributes, whether or not anything reads
/// them: syntax, no duplicates, no `<` in a value, only the predefined entities
/// and valid character references, and (`names_clean` false: the document has
/// raw characters XML forbids, let through in values) no such character in a name.
fn check_attributes<'a>(
    tag: &Tag<'a>,
    pos: usize,
    strict: bool,
    names_clean: bool,
    dups: &mut DupCheck<'a>,
) -> Result<()> {
    if !names_clean {
        let name = tag.name();
        if let Some(i) = first_forbidden_byte(name.as_bytes()) {
            return Err(forbidden_char(name, i, (pos + 1 + i) as u64));
        }
    }
    if !tag.has_attrs() {
        return Ok(());
    }
    dups.clear();
    for attr in tag.attrs() {
        let (key, raw) = attr.map_err(|e| bad_attributes(tag, pos, e))?;
        if dups.seen(key) {
            return Err(malformed(
                pos,
                format!("the attribute `{key}` is written twice"),
            ));
        }
        if !names_clean {
            if let Some(i) = first_forbidden_byte(key.as_bytes()) {
                return Err(forbidden_char(key, i, pos as u64));
            }
        }
        let b = raw.as_bytes();
        if let Some(i) = find2(b, 0, b'<', b'&') {
            if find1(b, i, b'<').is_some() {
                return Err(malformed(pos, "`<` is not allowed in an attribute value"));
            }
            attr_value(raw, pos, strict)?;
        }
    }
    if let Some(key) = dups.finish() {
        return Err(malformed(
            pos,
            format!("the attribute `{key}` is written twice"),
        ));
    }
    Ok(())
}

/// An attribute value as XML 1.0 normalises it (§3.3.3): tab, LF, CR and CR LF
/// become one space each, and references are resolved ([`resolve_ref`]).
/// Borrowed when there is nothing to change. Linear in the value.
fn attr_value(raw: &str, pos: usize, strict: bool) -> Result<Cow<'_, str>> {
    // Byte scans: all four are ASCII, so a match is always a char boundary.
    let special = |s: &str| find4(s.as_bytes(), 0, b'&', b'\t', b'\n', b'\r');
    if special(raw).is_none() {
        return Ok(Cow::Borrowed(raw));
    }
    let mut out = String::with_capacity(raw.len());
    let mut rest = raw;
    while let Some(i) = special(rest) {
        let (before, tail) = rest.split_at_checked(i).unwrap_or((rest, ""));
        out.push_str(before);
        let mut chars = tail.chars();
        match chars.next() {
            Some('&') => {
                let after = chars.as_str();
                let Some(end) = after.find(';') else {
                    return Err(malformed(
                        pos,
                        "an `&` without its `;` in an attribute value",
                    ));
                };
                let (name, semi) = after.split_at_checked(end).unwrap_or((after, ""));
                out.push(resolve_ref(name, pos, strict)?);
                rest = semi.get(1..).unwrap_or_default();
            }
            Some('\r') => {
                out.push(' ');
                let after = chars.as_str();
                rest = after.strip_prefix('\n').unwrap_or(after);
            }
            _ => {
                out.push(' ');
                rest = chars.as_str();
            }
        }
    }
    out.push_str(rest);
    Ok(Cow::Owned(out))
}

/// The pull cursor. See the module documentation for its rules.
pub struct XmlReader<'a> {
    reader: Tokenizer<'a>,
    src: &'a str,
    /// Reused by [`check_attributes`].
    dups: DupCheck<'a>,
    depth: u32,
    max_depth: u32,
    item_depth: u32,
    node_depth: u32,
    /// Whether the document element has been opened.
    root_seen: bool,
    /// Whether the rest of the document has been read by [`XmlReader::scan_rest`].
    scanned: bool,
    /// [`Limits::strict`].
    strict: bool,
    /// Whether the document is free of raw characters XML forbids (always, with
    /// `strict`); when not, names are checked for them tag by tag.
    names_clean: bool,
}

/// How many items may nest inside each other (an item in an `ItemAttachment` or
/// in `ResponseObjects` of an item, …) before deeper ones are kept verbatim
/// instead of parsed. Real responses nest two or three; the cap keeps the
/// parser's stack use bounded whatever the input.
pub const MAX_ITEM_NESTING: u32 = 16;

/// How deep a property the model does not type in detail ([`crate::types::XmlNode`])
/// is read as a tree; deeper content is kept as its source text. Keeps the
/// recursion bounded even when a caller raises [`Limits::max_depth`].
pub const MAX_NODE_NESTING: u32 = 32;

/// The largest [`Limits::max_depth`] accepted (the XML reader's own limit).
pub const MAX_DEPTH_LIMIT: u32 = 65_535;

impl<'a> XmlReader<'a> {
    /// Prepares to read `src` (a BOM is skipped) within `limits`.
    pub fn new(src: &'a str, limits: &Limits) -> Result<Self> {
        if limits.max_depth > MAX_DEPTH_LIMIT {
            return Err(Error::invalid(
                "maxDepth",
                format!("must be at most {MAX_DEPTH_LIMIT}"),
            ));
        }
        limits.check_size(src.len())?;
        let src = src.strip_prefix('\u{feff}').unwrap_or(src);
        // A cheap pass for characters XML forbids (NUL, other C0 controls,
        // U+FFFE, U+FFFF), which the tokenizer does not look for. With
        // `strict` any of them is refused. Otherwise they are let through in
        // text and attribute values (where servers write them) and refused in
        // names, tag by tag; a raw NUL is refused everywhere: it means the body
        // is not text (binary, or UTF-16 without its BOM), not an odd character.
        let forbidden = first_forbidden_byte(src.as_bytes());
        if let Some(i) = forbidden {
            let nul = if limits.strict {
                Some(i)
            } else {
                src.bytes().skip(i).position(|b| b == 0).map(|j| i + j)
            };
            if let Some(at) = nul {
                return Err(forbidden_char(src, at, at as u64));
            }
        }
        // A second BOM is skipped too, without counting it in positions
        // (as the reader has always done).
        let tokens = src.strip_prefix('\u{feff}').unwrap_or(src);
        Ok(XmlReader {
            reader: Tokenizer::new(tokens),
            src,
            dups: DupCheck::default(),
            depth: 0,
            max_depth: limits.max_depth,
            item_depth: 0,
            node_depth: 0,
            root_seen: false,
            scanned: false,
            strict: limits.strict,
            names_clean: forbidden.is_none(),
        })
    }

    /// Enters an item; `false` when items already nest [`MAX_ITEM_NESTING`] deep
    /// (the caller then keeps this one verbatim). Pair with [`XmlReader::leave_item`].
    pub fn enter_item(&mut self) -> bool {
        if self.item_depth >= MAX_ITEM_NESTING {
            return false;
        }
        self.item_depth += 1;
        true
    }

    /// Enters a generic node; `false` past [`MAX_NODE_NESTING`]. Pair with
    /// [`XmlReader::leave_node`].
    pub fn enter_node(&mut self) -> bool {
        if self.node_depth >= MAX_NODE_NESTING {
            return false;
        }
        self.node_depth += 1;
        true
    }

    /// Leaves a node entered with [`XmlReader::enter_node`].
    pub fn leave_node(&mut self) {
        self.node_depth = self.node_depth.saturating_sub(1);
    }

    /// Leaves an item entered with [`XmlReader::enter_item`].
    pub fn leave_item(&mut self) {
        self.item_depth = self.item_depth.saturating_sub(1);
    }

    /// The source being read (BOM removed).
    pub fn source(&self) -> &'a str {
        self.src
    }

    fn position(&self) -> usize {
        self.reader.position()
    }

    /// Reads one event, keeping depth and limits.
    fn event(&mut self) -> Result<(usize, Tok<'a>)> {
        self.event_inline()
    }

    /// [`XmlReader::event`], inline in the loop every element goes through
    /// ([`XmlReader::next_child`]): the token then needs no copy through memory.
    #[inline(always)]
    fn event_inline(&mut self) -> Result<(usize, Tok<'a>)> {
        let pos = self.position();
        let event = self.reader.next()?;
        match &event {
            Tok::Start(tag) => {
                if !self.names_clean || tag.has_attrs() {
                    check_attributes(tag, pos, self.strict, self.names_clean, &mut self.dups)?;
                }
                self.check_prefix(tag, pos)?;
                self.depth += 1;
                if self.depth > self.max_depth {
                    return Err(Error::Limit {
                        name: "maxDepth",
                        limit: u64::from(self.max_depth),
                        value: u64::from(self.depth),
                    });
                }
            }
            Tok::Empty(tag) => {
                if !self.names_clean || tag.has_attrs() {
                    check_attributes(tag, pos, self.strict, self.names_clean, &mut self.dups)?;
                }
                self.check_prefix(tag, pos)?;
            }
            Tok::End => self.depth = self.depth.saturating_sub(1),
            Tok::DocType => {
                if self.root_seen {
                    return Err(malformed(
                        pos,
                        "a document type declaration after the document element",
                    ));
                }
                // Refused, never processed. A document that is not even well-formed
                // (an HTML page) is reported as such; nothing in the DTD is used.
                self.scan_rest(true)?;
                return Err(Error::not_soap(
                    "!DOCTYPE",
                    "a SOAP message must not contain a document type declaration",
                ));
            }
            _ => {}
        }
        Ok((pos, event))
    }

    fn open(&self, tag: Tag<'a>, empty: bool, pos: usize) -> Start<'a> {
        // Only the envelope's top levels (Envelope, Header/Body, their children)
        // are matched by namespace URI; deeper elements by local name only, so
        // classifying them would be wasted work. (That every prefix is bound is
        // checked for every tag in `event`.)
        let ns = if self.depth > 3 {
            Ns::NotResolved
        } else {
            match self.reader.resolve_element(&tag) {
                Resolved::Bound(uri) => {
                    if crate::ns::is_soap_envelope(uri) {
                        Ns::Soap
                    } else if let Some(e) = crate::ns::is_ews(uri) {
                        Ns::Ews(e)
                    } else {
                        Ns::Other
                    }
                }
                Resolved::Unbound => Ns::None,
                Resolved::Unknown(_) => Ns::Other,
            }
        };
        Start {
            tag,
            empty,
            pos,
            ns,
            strict: self.strict,
        }
    }

    /// The name of `elem` (opened last) with its namespace: `{uri}local`, or
    /// just `local` when it is in no namespace.
    pub fn expanded_name(&self, elem: &Start<'_>) -> String {
        match self.reader.resolve_element(&elem.tag) {
            Resolved::Bound(ns) => format!("{{{ns}}}{}", elem.local()),
            Resolved::Unbound | Resolved::Unknown(_) => elem.local().to_owned(),
        }
    }

    /// Namespace well-formedness: a prefixed element or attribute name must use
    /// a declared prefix (`xml:` is always declared; `xmlns:` declares).
    #[inline(always)]
    fn check_prefix(&mut self, tag: &Tag<'a>, pos: usize) -> Result<()> {
        if let Some(prefix) = self.reader.undeclared_prefix(tag) {
            return Err(undeclared(prefix, pos));
        }
        if !tag.has_attrs() {
            return Ok(());
        }
        self.check_attribute_prefixes(tag, pos)
    }

    /// The attribute half of [`XmlReader::check_prefix`].
    fn check_attribute_prefixes(&mut self, tag: &Tag<'a>, pos: usize) -> Result<()> {
        let attrs = tag.attrs_raw().as_bytes();
        if find1(attrs, 0, b':').is_some() {
            for (key, _) in tag.attrs().flatten() {
                if colon(key).is_none() || key.starts_with("xmlns:") || key.starts_with("xml:") {
                    continue;
                }
                if let Resolved::Unknown(prefix) = self.reader.resolve_attribute(key) {
                    return Err(undeclared(prefix, pos));
                }
            }
        }
        Ok(())
    }

    /// Reads up to the document element and opens it.
    pub fn root(&mut self) -> Result<Start<'a>> {
        loop {
            let (pos, event) = self.event()?;
            match event {
                Tok::Start(tag) => {
                    self.root_seen = true;
                    return Ok(self.open(tag, false, pos));
                }
                Tok::Empty(tag) => {
                    self.root_seen = true;
                    return Ok(self.open(tag, true, pos));
                }
                Tok::Text(t) => {
                    if let Some(off) = t.bytes().position(|c| !c.is_ascii_whitespace()) {
                        return Err(malformed(
                            pos + off,
                            "text before the document element: this is not XML",
                        ));
                    }
                }
                Tok::Ref(_) | Tok::CData(_) => {
                    return Err(malformed(
                        pos,
                        "content before the document element: this is not XML",
                    ))
                }
                Tok::Eof => return Err(malformed(pos, "empty document: no element")),
                Tok::End => return Err(malformed(pos, "end tag before any start tag")),
                Tok::Decl | Tok::Comment | Tok::Pi | Tok::DocType => {}
            }
        }
    }

    /// Opens the next child element of `parent`, or returns `None` at its end tag.
    /// Text and comments between children are skipped.
    pub fn next_child(&mut self, parent: &Start<'a>) -> Result<Option<Start<'a>>> {
        if parent.empty {
            return Ok(None);
        }
        loop {
            let (pos, event) = self.event_inline()?;
            match event {
                Tok::Start(tag) => return Ok(Some(self.open(tag, false, pos))),
                Tok::Empty(tag) => return Ok(Some(self.open(tag, true, pos))),
                Tok::End => return Ok(None),
                Tok::Eof => return Err(self.unexpected_eof(parent)),
                Tok::Text(_)
                | Tok::CData(_)
                | Tok::Ref(_)
                | Tok::Comment
                | Tok::Pi
                | Tok::Decl
                | Tok::DocType => {}
            }
        }
    }

    fn unexpected_eof(&self, open: &Start<'_>) -> Error {
        malformed(
            self.position(),
            format!(
                "the document ends inside <{}> (opened at byte {}): truncated?",
                open.local(),
                open.pos
            ),
        )
    }

    /// Reads the text content of `elem` up to its end tag (entities and
    /// character references resolved, CDATA included, line ends normalised).
    /// Child elements inside it, which the schema does not allow, are skipped.
    pub fn text(&mut self, elem: &Start<'a>) -> Result<String> {
        self.text_cow(elem).map(Cow::into_owned)
    }

    /// [`XmlReader::text`], borrowed from the document when the content is one
    /// run of text with nothing to decode (no reference, no CR, no CDATA after it).
    pub fn text_cow(&mut self, elem: &Start<'a>) -> Result<Cow<'a, str>> {
        if elem.empty {
            return Ok(Cow::Borrowed(""));
        }
        // The text so far: `borrowed` while it is one run without a CR
        // (nearly always), then `owned`. No `Cow` work per event: at
        // `opt-level = "z"` each deref or drop of one is a call.
        let mut borrowed: &'a str = "";
        let mut owned: Option<String> = None;
        loop {
            let (pos, event) = self.event()?;
            match event {
                Tok::Text(t) => {
                    // Text is a slice of the document, which `new` checked once.
                    if owned.is_none() && borrowed.is_empty() && !self.reader.text_has_cr() {
                        borrowed = t;
                    } else {
                        let buf = owned.get_or_insert_with(|| borrowed.to_owned());
                        buf.push_str(&normalize_eols(t));
                    }
                }
                Tok::CData(c) => {
                    let buf = owned.get_or_insert_with(|| borrowed.to_owned());
                    buf.push_str(&normalize_eols(c));
                }
                Tok::Ref(r) => {
                    let c = resolve_ref(r, pos, self.strict)?;
                    owned.get_or_insert_with(|| borrowed.to_owned()).push(c);
                }
                Tok::Start(tag) => {
                    let child = self.open(tag, false, pos);
                    self.skip(&child)?;
                }
                Tok::End => {
                    return Ok(match owned {
                        Some(o) => Cow::Owned(o),
                        None => Cow::Borrowed(borrowed),
                    })
                }
                Tok::Eof => return Err(self.unexpected_eof(elem)),
                Tok::Empty(_) | Tok::Comment | Tok::Pi | Tok::Decl | Tok::DocType => {}
            }
        }
    }

    /// Reads mixed content: returns the text directly inside `elem` and hands
    /// every child element to `on_child`, which must consume it.
    pub fn mixed(
        &mut self,
        elem: &Start<'a>,
        mut on_child: impl FnMut(&mut Self, &Start<'a>) -> Result<()>,
    ) -> Result<String> {
        if elem.empty {
            return Ok(String::new());
        }
        let mut out = String::new();
        loop {
            let (pos, event) = self.event()?;
            match event {
                Tok::Text(t) => {
                    // Text is a slice of the document, which `new` checked once.
                    let s = normalize_eols(t);
                    out.push_str(&s);
                }
                Tok::CData(c) => {
                    let s = normalize_eols(c);
                    out.push_str(&s);
                }
                Tok::Ref(r) => out.push(resolve_ref(r, pos, self.strict)?),
                Tok::Start(tag) => {
                    let child = self.open(tag, false, pos);
                    on_child(self, &child)?;
                }
                Tok::Empty(tag) => {
                    let child = self.open(tag, true, pos);
                    on_child(self, &child)?;
                }
                Tok::End => return Ok(out),
                Tok::Eof => return Err(self.unexpected_eof(elem)),
                Tok::Comment | Tok::Pi | Tok::Decl | Tok::DocType => {}
            }
        }
    }

    /// Consumes `elem` and everything in it.
    pub fn skip(&mut self, elem: &Start<'a>) -> Result<()> {
        if elem.empty {
            return Ok(());
        }
        let target = self.depth.saturating_sub(1);
        loop {
            let (pos, event) = self.event()?;
            match event {
                Tok::End if self.depth == target => return Ok(()),
                Tok::Eof => return Err(self.unexpected_eof(elem)),
                Tok::Ref(r) => {
                    // Validate references even in skipped content: an undefined
                    // entity is a well-formedness error wherever it stands.
                    resolve_ref(r, pos, self.strict)?;
                }
                _ => {}
            }
        }
    }

    /// Consumes `elem` and returns it verbatim.
    pub fn capture(&mut self, elem: &Start<'a>) -> Result<RawElement> {
        self.skip(elem)?;
        Ok(self.raw_since(elem))
    }

    /// The source text of `elem`, which the caller has just consumed completely.
    pub fn raw_since(&self, elem: &Start<'_>) -> RawElement {
        let end = self.position();
        RawElement {
            element_name: elem.local().to_owned(),
            xml: self.src.get(elem.pos..end).unwrap_or_default().to_owned(),
        }
    }

    /// Called with the error a parser is about to return because the document is
    /// not what it expected (not SOAP, a Fault): reads the rest of the document
    /// without building anything and returns the well-formedness error instead,
    /// if there is one. So a truncated or broken document is always
    /// [`Error::MalformedXml`], whatever the parser stopped at first.
    pub fn check_rest(&mut self, err: Error) -> Error {
        match self.scan_rest(false) {
            Err(e @ (Error::MalformedXml { .. } | Error::Limit { .. })) => e,
            _ => err,
        }
    }

    /// Reads to the end of the document, checking only well-formedness: tags
    /// balance, attributes, references, nothing but comments, processing
    /// instructions and white space around the document element. Uses no stack
    /// per nesting level and builds nothing; [`Limits::max_depth`] still applies
    /// (a document nested deeper cannot be checked). With `dtd`, references to
    /// named entities are let through unread (a DTD may declare them; they are
    /// never expanded either way).
    fn scan_rest(&mut self, dtd: bool) -> Result<()> {
        if std::mem::replace(&mut self.scanned, true) {
            return Ok(());
        }
        let mut depth = u64::from(self.depth);
        loop {
            let pos = self.position();
            let event = self.reader.next()?;
            let outside = depth == 0;
            match event {
                Tok::Start(_) | Tok::Empty(_) if outside && self.root_seen => {
                    return Err(malformed(pos, "content after the document element"))
                }
                Tok::Start(tag) => {
                    check_attributes(&tag, pos, self.strict, self.names_clean, &mut self.dups)?;
                    depth += 1;
                    self.root_seen = true;
                    if depth > u64::from(self.max_depth) {
                        return Err(Error::Limit {
                            name: "maxDepth",
                            limit: u64::from(self.max_depth),
                            value: depth,
                        });
                    }
                }
                Tok::Empty(tag) => {
                    check_attributes(&tag, pos, self.strict, self.names_clean, &mut self.dups)?;
                    self.root_seen = true;
                }
                Tok::End if outside => return Err(malformed(pos, "an end tag without start tag")),
                Tok::End => depth -= 1,
                Tok::Text(t) if outside => {
                    if let Some(off) = t.bytes().position(|c| !c.is_ascii_whitespace()) {
                        return Err(malformed(pos + off, "text outside the document element"));
                    }
                }
                Tok::CData(_) | Tok::Ref(_) if outside => {
                    return Err(malformed(pos, "content outside the document element"))
                }
                Tok::Ref(r) => {
                    if !dtd || r.starts_with('#') {
                        resolve_ref(r, pos, self.strict)?;
                    }
                }
                Tok::DocType => {
                    return Err(malformed(
                        pos,
                        "a second or misplaced document type declaration",
                    ))
                }
                Tok::Eof if depth > 0 => {
                    return Err(malformed(
                        pos,
                        "the document ends inside an element: truncated?",
                    ))
                }
                Tok::Eof if !self.root_seen => return Err(malformed(pos, "no document element")),
                Tok::Eof => return Ok(()),
                Tok::Text(_) | Tok::CData(_) | Tok::Comment | Tok::Pi | Tok::Decl => {}
            }
        }
    }

    /// After the document element has been consumed: only comments, processing
    /// instructions and white space may follow.
    pub fn finish(&mut self) -> Result<()> {
        loop {
            let (pos, event) = self.event()?;
            match event {
                Tok::Eof => return Ok(()),
                Tok::Comment | Tok::Pi => {}
                Tok::Text(t) if t.bytes().all(|c| c.is_ascii_whitespace()) => {}
                _ => return Err(malformed(pos, "content after the document element")),
            }
        }
    }
}

/// Resolves the reference `&name;` (`name` without `&` and `;`) to a character.
///
/// Only the five predefined entities exist: there is no DTD, so nothing else can
/// be defined, let alone expanded. A character reference (`#N`, `#xN`) to a
/// character XML allows is that character. One to a character XML forbids is
/// an error with `strict`; otherwise (as the EWS Managed API's reader, .NET's
/// `XmlTextReader` with `Normalization = false`, reads what Exchange writes) a C0
/// control or U+FFFE / U+FFFF is the character itself, and U+0000, a surrogate
/// or a number beyond U+10FFFF is U+FFFD. A reference that is not a number
/// (`&#;`, `&#x;`, `&#12a;`) is always an error.
fn resolve_ref(name: &str, pos: usize, strict: bool) -> Result<char> {
    match name {
        "lt" => return Ok('<'),
        "gt" => return Ok('>'),
        "amp" => return Ok('&'),
        "apos" => return Ok('\''),
        "quot" => return Ok('"'),
        _ => {}
    }
    let Some(number) = name.strip_prefix('#') else {
        return Err(malformed(
            pos,
            format!("undefined entity &{name}; (DTD entities are never expanded)"),
        ));
    };
    let (digits, radix) = match number.strip_prefix('x') {
        Some(hex) => (hex, 16),
        None => (number, 10),
    };
    let invalid = || malformed(pos, format!("invalid character reference &{name};"));
    if digits.is_empty() {
        return Err(invalid());
    }
    let mut code: u32 = 0;
    for b in digits.bytes() {
        let d = char::from(b).to_digit(radix).ok_or_else(invalid)?;
        // Saturates: anything past U+10FFFF is equally out of range.
        code = code.saturating_mul(radix).saturating_add(d);
    }
    match char::from_u32(code) {
        Some(c) if is_xml_char(c) => Ok(c),
        _ if strict => Err(malformed(
            pos,
            format!("character reference &{name}; to a character XML does not allow"),
        )),
        Some(c) if c != '\0' => Ok(c),
        _ => Ok(char::REPLACEMENT_CHARACTER),
    }
}

/// Converts an EWS wire name to the JavaScript name used in results and options:
/// a leading run of capitals is lowered as one word (`UID` → `uid`,
/// `TTYTDDPhoneNumbers` → `ttytddPhoneNumbers`), the rest stays (`FieldURI` → `fieldURI`).
pub fn js_name(wire: &str) -> String {
    let bytes = wire.as_bytes();
    let upper = bytes.iter().take_while(|b| b.is_ascii_uppercase()).count();
    // Mirrors `name.replace(/^[A-Z]+(?=[A-Z][a-z]|$)|^[A-Z]/, m => m.toLowerCase())`.
    let lower_len = if upper == 0 {
        0
    } else if upper == bytes.len() {
        upper
    } else if upper > 1 && bytes.get(upper).is_some_and(|b| b.is_ascii_lowercase()) {
        upper - 1
    } else {
        1
    };
    let mut out = String::with_capacity(wire.len());
    for (i, c) in wire.chars().enumerate() {
        if i < lower_len {
            out.push(c.to_ascii_lowercase());
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reader(src: &str) -> XmlReader<'_> {
        XmlReader::new(src, &Limits::default()).unwrap()
    }

    #[test]
    fn js_names_follow_the_contract() {
        for (wire, js) in [
            ("ItemId", "itemId"),
            ("ChangeKey", "changeKey"),
            ("IncludesLastItemInRange", "includesLastItemInRange"),
            ("UID", "uid"),
            ("SID", "sid"),
            ("MSExchangeCertificate", "msExchangeCertificate"),
            ("TTYTDDPhoneNumbers", "ttytddPhoneNumbers"),
            ("FieldURI", "fieldURI"),
            ("ExtendedFieldURI", "extendedFieldURI"),
            ("BackOffMilliseconds", "backOffMilliseconds"),
            ("Emails1", "emails1"),
            ("already", "already"),
            ("AB1", "aB1"),
            ("ABc", "aBc"),
            ("", ""),
        ] {
            assert_eq!(js_name(wire), js, "{wire}");
        }
    }

    #[test]
    fn text_resolves_references_and_cdata() {
        let mut r = reader("<a>x &amp; &lt;y&gt; &#x1F600;&#65;<![CDATA[<z>]]>\r\nq</a>");
        let root = r.root().unwrap();
        assert_eq!(r.text(&root).unwrap(), "x & <y> \u{1F600}A<z>\nq");
        r.finish().unwrap();
    }

    #[test]
    fn undefined_entities_are_errors() {
        let mut r = reader("<a>&lol;</a>");
        let root = r.root().unwrap();
        assert_eq!(r.text(&root).unwrap_err().code(), "ERR_MALFORMED_XML");
    }

    #[test]
    fn doctype_is_refused() {
        let mut r = reader("<!DOCTYPE a [<!ENTITY x 'y'>]><a>&x;</a>");
        assert_eq!(r.root().unwrap_err().code(), "ERR_NOT_SOAP");
    }

    #[test]
    fn depth_is_limited() {
        let deep = "<a>".repeat(300) + &"</a>".repeat(300);
        let mut r = reader(&deep);
        let root = r.root().unwrap();
        let err = r.skip(&root).unwrap_err();
        assert!(
            matches!(
                err,
                Error::Limit {
                    name: "maxDepth",
                    ..
                }
            ),
            "{err:?}"
        );
    }

    #[test]
    fn truncation_is_malformed() {
        let mut r = reader("<a><b>text");
        let root = r.root().unwrap();
        let b = r.next_child(&root).unwrap().unwrap();
        assert_eq!(r.text(&b).unwrap_err().code(), "ERR_MALFORMED_XML");
    }

    #[test]
    fn capture_keeps_source() {
        let src = "<a xmlns:t=\"urn:t\"><t:x y=\"1\"><z/>t</t:x><w/></a>";
        let mut r = reader(src);
        let root = r.root().unwrap();
        let x = r.next_child(&root).unwrap().unwrap();
        let raw = r.capture(&x).unwrap();
        assert_eq!(raw.element_name, "x");
        assert_eq!(raw.xml, "<t:x y=\"1\"><z/>t</t:x>");
        let w = r.next_child(&root).unwrap().unwrap();
        assert_eq!(r.capture(&w).unwrap().xml, "<w/>");
        assert!(r.next_child(&root).unwrap().is_none());
    }

    #[test]
    fn control_characters_are_refused_when_strict() {
        let strict = Limits {
            strict: true,
            ..Limits::default()
        };
        for limits in [&Limits::default(), &strict] {
            let err = XmlReader::new("<a>\0</a>", limits).err().unwrap();
            assert!(matches!(err, Error::MalformedXml { position: 3, .. }));
        }
        let mut r = XmlReader::new("<a>&#1;</a>", &strict).unwrap();
        let root = r.root().unwrap();
        assert_eq!(r.text(&root).unwrap_err().code(), "ERR_MALFORMED_XML");
        assert!(XmlReader::new("<a>\u{1}</a>", &strict).is_err());
    }

    #[test]
    fn forbidden_references_are_read_by_default() {
        let mut r = reader("<a b=\"&#x13;&#0;\">&#1;&#xD800;&#xFFFF;&#x110000;&#9;</a>");
        let root = r.root().unwrap();
        assert_eq!(root.attr("b").unwrap().as_deref(), Some("\u{13}\u{FFFD}"));
        assert_eq!(r.text(&root).unwrap(), "\u{1}\u{FFFD}\u{FFFF}\u{FFFD}\t");
        r.finish().unwrap();
        // Raw ones in text and attribute values are read as themselves.
        let mut r = reader("<a b=\"x\u{2}\">\u{1b}[1m</a>");
        let root = r.root().unwrap();
        assert_eq!(root.attr("b").unwrap().as_deref(), Some("x\u{2}"));
        assert_eq!(r.text(&root).unwrap(), "\u{1b}[1m");
    }

    #[test]
    fn attribute_values_are_normalised() {
        let mut r = reader("<a b=\"1\t2\n3\r\n4\r5 &amp;&lt;&#x41;&#10;\" c=\"plain\"/>");
        let root = r.root().unwrap();
        assert_eq!(root.attr("b").unwrap().as_deref(), Some("1 2 3 4 5 &<A\n"));
        assert_eq!(root.attr("c").unwrap().as_deref(), Some("plain"));
        for bad in ["<a b=\"&amp\"/>", "<a b=\"&nope;\"/>", "<a b=\"&#;\"/>"] {
            let mut r = reader(bad);
            assert_eq!(r.root().unwrap_err().code(), "ERR_MALFORMED_XML", "{bad}");
        }
    }

    #[test]
    fn too_many_namespace_declarations_are_a_limit() {
        let decls: String = (0..200)
            .map(|i| format!(" xmlns:p{i}=\"urn:{i}\""))
            .collect();
        let xml = format!("<a{decls}/>");
        let mut r = reader(&xml);
        assert_eq!(r.root().unwrap_err().code(), "ERR_LIMIT");
    }

    #[test]
    fn size_is_limited() {
        let limits = Limits {
            max_response_bytes: 4,
            ..Limits::default()
        };
        let err = XmlReader::new("<a></a>", &limits).err().unwrap();
        assert!(matches!(
            err,
            Error::Limit {
                name: "maxResponseBytes",
                limit: 4,
                value: 7
            }
        ));
    }

    #[test]
    fn undeclared_prefixes_are_malformed_at_any_depth() {
        let deep = "<a xmlns:t=\"urn:t\"><t:b><t:c><t:d><t:e><u:f/></t:e></t:d></t:c></t:b></a>";
        let mut r = reader(deep);
        let root = r.root().unwrap();
        let err = r.skip(&root).unwrap_err();
        assert!(
            matches!(err, Error::MalformedXml { position: 39, .. }),
            "{err:?}"
        );
        let mut r =
            reader("<a xmlns:t=\"urn:t\"><t:b><t:c><t:d><t:e><t:f/></t:e></t:d></t:c></t:b></a>");
        let root = r.root().unwrap();
        assert!(r.skip(&root).is_ok());
    }

    #[test]
    fn mismatched_end_tag_is_malformed() {
        let mut r = reader("<a><b></c></a>");
        let root = r.root().unwrap();
        assert_eq!(r.skip(&root).unwrap_err().code(), "ERR_MALFORMED_XML");
    }
}
