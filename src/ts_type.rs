//! The TypeScript form of the JSON the API returns and takes: the [`TsType`]
//! trait, the declaration buffer [`TsOut`] and the renderer [`TsInterface`].
//!
//! These are primitives: `ews_struct!` (in `types`) implements [`TsType`] for
//! every struct it makes, from the same table as the parser and the JSON
//! writer; `ts` (at the top of the module graph) implements it for the types
//! written by hand and joins everything into `index.d.ts`.
//!
//! Nothing here is reachable from the WebAssembly exports, so none of it ends
//! up in the module.

use crate::xml::js_name;

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
    pub(crate) declared: Vec<(String, &'static str)>,
    pub(crate) text: String,
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
pub(crate) fn doc_text_lines(docs: &[&str]) -> Vec<String> {
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
pub(crate) fn literal(s: &str) -> String {
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
pub(crate) fn union_decl(name: &str, doc: &[String], members: &[String]) -> String {
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

    pub(crate) fn with_doc(name: &str, docs: &[&str]) -> Self {
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

/// A string constrained to a list of values, declared as their union: a
/// marker type per list (the lists themselves live with the model).
macro_rules! ts_string_list {
    ($( $(#[doc = $doc:literal])* $marker:ident = $name:literal: $values:expr, )*) => {$(
        $(#[doc = $doc])*
        #[derive(Debug)]
        pub struct $marker;

        impl $crate::ts_type::TsType for $marker {
            fn ts_name() -> String {
                $name.to_owned()
            }
            fn ts_decl(out: &mut $crate::ts_type::TsOut) {
                if out.first::<Self>($name) {
                    let members: Vec<String> =
                        $values.iter().map(|v| $crate::ts_type::literal(v)).collect();
                    out.push(&$crate::ts_type::union_decl(
                        $name,
                        &$crate::ts_type::doc_text_lines(&[$($doc),*]),
                        &members,
                    ));
                }
            }
        }
    )*};
}
pub(crate) use ts_string_list;

/// `propertyTag`, which may be given as a string (`'0x3001'`) or a number (`12289`).
#[derive(Debug)]
pub struct StringOrNumber;

impl TsType for StringOrNumber {
    fn ts_name() -> String {
        "string | number".to_owned()
    }
}
