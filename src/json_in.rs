//! Options from JSON without serde: a small JSON reader ([`JsonValue::parse`])
//! and [`FromJson`], which turns a [`JsonValue`] into an options type and gives
//! every error the JavaScript path of the bad option.
//!
//! This is what [`crate::types::parse_options`] (and so every builder called
//! from JavaScript) uses. It replaces `serde_json` deserialisation, which, once
//! monomorphised for the forty-odd options types, was the largest removable part
//! of the WebAssembly module. It accepts exactly what the serde derives of those
//! types accept (they remain, for Rust users) and builds the same values:
//!
//! - objects refuse unknown keys (error at the key) and duplicate keys (at the
//!   second one), and report a missing required key at the key's path, after
//!   every present key was read (members are read in document order, so the
//!   first bad one is the one reported);
//! - `null` is an absent optional value (`Option`); a list given as `null` is
//!   refused, as serde does;
//! - integers must be written as integers (`1.0`, `1e2` and `-0` are numbers
//!   with a fraction for `serde_json`, and refused) and fit the field's type;
//! - one-key choice objects (`{ folderId: … }`) refuse an unknown or missing
//!   key at the object's path, and a second key at the first key's path;
//! - a document that is not JSON fails at the path where reading stopped (`""`
//!   for trailing characters). Containers nest at most 127 deep, as with
//!   `serde_json`.
//!
//! Nothing here panics on any input.

use crate::error::{Error, Result};
use crate::xml::Limits;

/// Containers (arrays and objects) may nest this many levels, no deeper
/// (`serde_json` refuses the 128th level too).
pub const MAX_NESTING: usize = 127;

/// A parsed JSON value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum JsonValue {
    /// `null`.
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// A number, as written (it follows the JSON grammar), so that integers
    /// convert exactly.
    Number(String),
    /// A string, unescaped.
    String(String),
    /// An array.
    Array(Vec<JsonValue>),
    /// An object's members, in document order (a repeated key is kept twice).
    Object(Vec<(String, JsonValue)>),
}

impl JsonValue {
    /// Parses one JSON document (surrounding whitespace allowed).
    ///
    /// A syntax error is an [`Error::InvalidOptions`] whose path is where
    /// reading stopped: the member or element being read (`a.b[2]`), or `""`.
    pub fn parse(json: &str) -> Result<JsonValue> {
        let mut r = Reader { src: json, pos: 0 };
        r.ws();
        let done = r.value(0).and_then(|v| {
            r.ws();
            if r.pos < json.len() {
                Err(Syntax::new("trailing characters after the JSON value"))
            } else {
                Ok(v)
            }
        });
        done.map_err(|e| {
            let mut path = String::new();
            for seg in e.trail.iter().rev() {
                path = match seg {
                    Seg::Key(k) => path_key(&path, k),
                    Seg::Index(i) => path_index(&path, *i),
                };
            }
            Error::invalid(path, format!("invalid JSON: {}", e.message))
        })
    }

    /// What kind of value this is, for messages (`"a string"`).
    pub fn kind(&self) -> &'static str {
        match self {
            JsonValue::Null => "null",
            JsonValue::Bool(_) => "a boolean",
            JsonValue::Number(_) => "a number",
            JsonValue::String(_) => "a string",
            JsonValue::Array(_) => "an array",
            JsonValue::Object(_) => "an object",
        }
    }
}

// ---------------------------------------------------------------------------
// The reader

/// One step of the path to where a syntax error was found.
enum Seg {
    Key(String),
    Index(usize),
}

/// A syntax error and the path to it, innermost step first.
struct Syntax {
    message: &'static str,
    trail: Vec<Seg>,
}

impl Syntax {
    fn new(message: &'static str) -> Self {
        Syntax {
            message,
            trail: Vec::new(),
        }
    }

    fn within(mut self, seg: Seg) -> Self {
        self.trail.push(seg);
        self
    }
}

type Parsed<T> = std::result::Result<T, Syntax>;

struct Reader<'a> {
    src: &'a str,
    pos: usize,
}

impl Reader<'_> {
    fn peek(&self) -> Option<u8> {
        self.src.as_bytes().get(self.pos).copied()
    }

    fn eat(&mut self, b: u8) -> bool {
        let hit = self.peek() == Some(b);
        if hit {
            self.pos += 1;
        }
        hit
    }

    fn ws(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.pos += 1;
        }
    }

    /// Skips ASCII digits; whether there was at least one.
    fn digits(&mut self) -> bool {
        let start = self.pos;
        while matches!(self.peek(), Some(b'0'..=b'9')) {
            self.pos += 1;
        }
        self.pos > start
    }

    /// A value at `depth` containers deep.
    fn value(&mut self, depth: usize) -> Parsed<JsonValue> {
        match self.peek() {
            None => Err(Syntax::new("unexpected end of input")),
            Some(b'{') => self.object(depth + 1),
            Some(b'[') => self.array(depth + 1),
            Some(b'"') => self.string().map(JsonValue::String),
            Some(b't') => self.word("true", JsonValue::Bool(true)),
            Some(b'f') => self.word("false", JsonValue::Bool(false)),
            Some(b'n') => self.word("null", JsonValue::Null),
            Some(b'-' | b'0'..=b'9') => self.number(),
            Some(_) => Err(Syntax::new("expected a value")),
        }
    }

    fn word(&mut self, word: &str, v: JsonValue) -> Parsed<JsonValue> {
        if self
            .src
            .get(self.pos..)
            .is_some_and(|s| s.starts_with(word))
        {
            self.pos += word.len();
            Ok(v)
        } else {
            Err(Syntax::new("expected a value"))
        }
    }

    fn number(&mut self) -> Parsed<JsonValue> {
        const BAD: &str = "invalid number";
        let start = self.pos;
        self.eat(b'-');
        if !self.eat(b'0') && !self.digits() {
            return Err(Syntax::new(BAD));
        }
        if self.eat(b'.') && !self.digits() {
            return Err(Syntax::new(BAD));
        }
        if self.eat(b'e') || self.eat(b'E') {
            if !self.eat(b'+') {
                self.eat(b'-');
            }
            if !self.digits() {
                return Err(Syntax::new(BAD));
            }
        }
        if matches!(self.peek(), Some(b'0'..=b'9')) {
            return Err(Syntax::new(BAD)); // a leading zero: `01`
        }
        match self.src.get(start..self.pos) {
            Some(text) => Ok(JsonValue::Number(text.to_owned())),
            None => Err(Syntax::new(BAD)),
        }
    }

    /// A string; `pos` is at its opening quote.
    fn string(&mut self) -> Parsed<String> {
        self.pos += 1;
        let mut out = String::new();
        loop {
            let start = self.pos;
            while let Some(b) = self.peek() {
                if b == b'"' || b == b'\\' || b < 0x20 {
                    break;
                }
                self.pos += 1;
            }
            // Stops only at ASCII bytes or the end, so always a char boundary.
            out.push_str(self.src.get(start..self.pos).unwrap_or_default());
            match self.peek() {
                Some(b'"') => {
                    self.pos += 1;
                    return Ok(out);
                }
                Some(b'\\') => {
                    self.pos += 1;
                    out.push(self.escape()?);
                }
                Some(_) => {
                    return Err(Syntax::new(
                        "control character in a string (it must be escaped)",
                    ))
                }
                None => return Err(Syntax::new("unexpected end of input in a string")),
            }
        }
    }

    /// The character of an escape; `pos` is after its backslash.
    fn escape(&mut self) -> Parsed<char> {
        let c = match self.peek() {
            Some(b'"') => '"',
            Some(b'\\') => '\\',
            Some(b'/') => '/',
            Some(b'b') => '\u{8}',
            Some(b'f') => '\u{c}',
            Some(b'n') => '\n',
            Some(b'r') => '\r',
            Some(b't') => '\t',
            Some(b'u') => {
                self.pos += 1;
                return self.unicode_escape();
            }
            _ => return Err(Syntax::new("invalid escape in a string")),
        };
        self.pos += 1;
        Ok(c)
    }

    /// `\uXXXX`, or a surrogate pair `\uD83D\uDE00`; `pos` is after the `u`.
    fn unicode_escape(&mut self) -> Parsed<char> {
        const LONE: &str = "unpaired surrogate in a \\u escape";
        let hi = self.hex4()?;
        let code = match hi {
            0xD800..=0xDBFF => {
                if !(self.eat(b'\\') && self.eat(b'u')) {
                    return Err(Syntax::new(LONE));
                }
                let lo = self.hex4()?;
                if !(0xDC00..=0xDFFF).contains(&lo) {
                    return Err(Syntax::new(LONE));
                }
                0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00)
            }
            0xDC00..=0xDFFF => return Err(Syntax::new(LONE)),
            c => c,
        };
        char::from_u32(code).ok_or_else(|| Syntax::new(LONE))
    }

    fn hex4(&mut self) -> Parsed<u32> {
        let hex = self
            .src
            .get(self.pos..self.pos + 4)
            .filter(|h| h.bytes().all(|b| b.is_ascii_hexdigit()))
            .ok_or_else(|| Syntax::new("a \\u escape needs four hex digits"))?;
        let code = u32::from_str_radix(hex, 16).map_err(|_| Syntax::new("invalid \\u escape"))?;
        self.pos += 4;
        Ok(code)
    }

    fn enter(depth: usize) -> Parsed<()> {
        if depth > MAX_NESTING {
            Err(Syntax::new("nested more than 127 levels deep"))
        } else {
            Ok(())
        }
    }

    /// An object; `pos` is at its `{`.
    fn object(&mut self, depth: usize) -> Parsed<JsonValue> {
        Self::enter(depth)?;
        self.pos += 1;
        let mut members = Vec::new();
        self.ws();
        if self.eat(b'}') {
            return Ok(JsonValue::Object(members));
        }
        loop {
            self.ws();
            if self.peek() != Some(b'"') {
                return Err(Syntax::new("expected a key (a string)"));
            }
            let key = self.string()?;
            self.ws();
            if !self.eat(b':') {
                return Err(Syntax::new("expected `:`").within(Seg::Key(key)));
            }
            self.ws();
            let value = match self.value(depth) {
                Ok(v) => v,
                Err(e) => return Err(e.within(Seg::Key(key))),
            };
            self.ws();
            let more = self.eat(b',');
            if !more && !self.eat(b'}') {
                return Err(Syntax::new("expected `,` or `}`").within(Seg::Key(key)));
            }
            members.push((key, value));
            if !more {
                return Ok(JsonValue::Object(members));
            }
        }
    }

    /// An array; `pos` is at its `[`.
    fn array(&mut self, depth: usize) -> Parsed<JsonValue> {
        Self::enter(depth)?;
        self.pos += 1;
        let mut items = Vec::new();
        self.ws();
        if self.eat(b']') {
            return Ok(JsonValue::Array(items));
        }
        loop {
            let i = items.len();
            self.ws();
            let item = self.value(depth).map_err(|e| e.within(Seg::Index(i)))?;
            self.ws();
            let more = self.eat(b',');
            if !more && !self.eat(b']') {
                return Err(Syntax::new("expected `,` or `]`").within(Seg::Index(i)));
            }
            items.push(item);
            if !more {
                return Ok(JsonValue::Array(items));
            }
        }
    }
}

// ---------------------------------------------------------------------------
// Conversion

/// The path of an error: `path.key` (just `key` at the root).
pub(crate) fn path_key(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_owned()
    } else {
        format!("{path}.{key}")
    }
}

/// An [`Error::InvalidOptions`] at `path.key`: one function for the many
/// checks that report a fixed message at a member's path.
pub(crate) fn invalid_at(path: &str, key: &str, message: &'static str) -> Error {
    Error::invalid(path_key(path, key), message)
}

/// `path[i]`.
pub(crate) fn path_index(path: &str, i: usize) -> String {
    format!("{path}[{i}]")
}

/// A type that can be read from a [`JsonValue`] of the JavaScript options shape.
pub trait FromJson: Sized {
    /// Reads `v`, found at `path` (`""` at the root); every error is an
    /// [`Error::InvalidOptions`] at the path of the bad value.
    fn from_json(v: &JsonValue, path: &str) -> Result<Self>;
}

/// Parses `json` and reads a `T` from it.
pub fn from_json_str<T: FromJson>(json: &str) -> Result<T> {
    T::from_json(&JsonValue::parse(json)?, "")
}

/// The error for a value of the wrong kind.
pub(crate) fn expected(v: &JsonValue, path: &str, what: &str) -> Error {
    Error::invalid(path, format!("expected {what}, found {}", v.kind()))
}

impl FromJson for String {
    fn from_json(v: &JsonValue, path: &str) -> Result<Self> {
        match v {
            JsonValue::String(s) => Ok(s.clone()),
            _ => Err(expected(v, path, "a string")),
        }
    }
}

impl FromJson for bool {
    fn from_json(v: &JsonValue, path: &str) -> Result<Self> {
        match v {
            JsonValue::Bool(b) => Ok(*b),
            _ => Err(expected(v, path, "true or false")),
        }
    }
}

impl FromJson for f64 {
    fn from_json(v: &JsonValue, path: &str) -> Result<Self> {
        match v {
            JsonValue::Number(n) => crate::xml::parse_f64(n)
                .filter(|x: &f64| x.is_finite())
                .ok_or_else(|| Error::invalid(path, "number out of range")),
            _ => Err(expected(v, path, "a number")),
        }
    }
}

/// The text of an integer: a number without fraction or exponent, and not `-0`
/// (which `serde_json` reads as a float).
pub(crate) fn integer_text(v: &JsonValue) -> Option<&str> {
    match v {
        JsonValue::Number(n)
            if !n.contains(['.', 'e', 'E'])
                && !n
                    .strip_prefix('-')
                    .is_some_and(|d| d.bytes().all(|b| b == b'0')) =>
        {
            Some(n)
        }
        _ => None,
    }
}

/// The error for a value that is not an integer of the field's type, whose
/// `range` is written `MIN to MAX`.
fn not_an_integer(v: &JsonValue, path: &str, range: &str) -> Error {
    Error::invalid(
        path,
        format!("expected an integer from {range}, found {}", v.kind()),
    )
}

// The ranges are written out (one message text per type, no number
// formatting); a test checks them against `MIN` and `MAX`.
macro_rules! integers {
    ($($t:ty: $range:literal),*) => {$(
        impl FromJson for $t {
            fn from_json(v: &JsonValue, path: &str) -> Result<Self> {
                integer_text(v)
                    .and_then(|n| n.parse().ok())
                    .ok_or_else(|| not_an_integer(v, path, $range))
            }
        }
    )*};
}
integers!(
    i32: "-2147483648 to 2147483647",
    u32: "0 to 4294967295",
    i64: "-9223372036854775808 to 9223372036854775807",
    u64: "0 to 18446744073709551615"
);

impl<T: FromJson> FromJson for Option<T> {
    /// `null` is `None`, as an absent key is.
    fn from_json(v: &JsonValue, path: &str) -> Result<Self> {
        match v {
            JsonValue::Null => Ok(None),
            _ => T::from_json(v, path).map(Some),
        }
    }
}

impl<T: FromJson> FromJson for Vec<T> {
    fn from_json(v: &JsonValue, path: &str) -> Result<Self> {
        let mut out = Vec::new();
        read_array(v, path, &mut |x, at| {
            out.push(T::from_json(x, at)?);
            Ok(())
        })?;
        Ok(out)
    }
}

/// Reads the elements of the array `v` at `path` in order (`read` gets each
/// with its path, `path[i]`); one function for every list type.
fn read_array(
    v: &JsonValue,
    path: &str,
    read: &mut dyn FnMut(&JsonValue, &str) -> Result<()>,
) -> Result<()> {
    match v {
        JsonValue::Array(items) => {
            for (i, x) in items.iter().enumerate() {
                read(x, &path_index(path, i))?;
            }
            Ok(())
        }
        _ => Err(expected(v, path, "an array")),
    }
}

/// The members of an object at `path`.
pub(crate) fn members<'a>(v: &'a JsonValue, path: &str) -> Result<&'a [(String, JsonValue)]> {
    match v {
        JsonValue::Object(m) => Ok(m),
        _ => Err(expected(v, path, "an object")),
    }
}

/// The error for a key an object does not take.
pub(crate) fn unknown_key(path: &str, key: &str) -> Error {
    invalid_at(path, key, "unknown option")
}

/// Reads an enumeration given by its wire value: the index of the value in
/// `names`; an unknown value is refused at `path`, listing the known ones.
pub(crate) fn wire_index(v: &JsonValue, path: &str, names: &[&str]) -> Result<usize> {
    let JsonValue::String(s) = v else {
        return Err(expected(v, path, "a string"));
    };
    names.iter().position(|n| n == s).ok_or_else(|| {
        Error::invalid(
            path,
            format!("unknown value `{s}`, expected one of: {}", names.join(", ")),
        )
    })
}

/// Reads a one-key choice object (an externally tagged enum) such as
/// `{ folderId: {...} }`: `read` gets the index of the key in `tags`, its value
/// and its path. No key, or a key not in `tags`, is an error at `path`; a
/// second key, at the first key's path (once the first value was read).
pub(crate) fn choice<T>(
    v: &JsonValue,
    path: &str,
    tags: &[&str],
    read: impl FnOnce(usize, &JsonValue, &str) -> Result<T>,
) -> Result<T> {
    let (i, value, at) = choice_key(v, path, tags)?;
    let out = read(i, value, &at)?;
    if let JsonValue::Object(m) = v {
        if m.len() > 1 {
            return Err(Error::invalid(at, "only one key may be given"));
        }
    }
    Ok(out)
}

/// The key of a one-key choice object (see [`choice`]): its index in `tags`,
/// its value and its path.
fn choice_key<'v>(
    v: &'v JsonValue,
    path: &str,
    tags: &[&str],
) -> Result<(usize, &'v JsonValue, String)> {
    let found = match v {
        JsonValue::Object(m) => m
            .first()
            .and_then(|(key, value)| Some((tags.iter().position(|t| t == key)?, key, value))),
        _ => None,
    };
    match found {
        Some((i, key, value)) => Ok((i, value, path_key(path, key))),
        None => Err(Error::invalid(
            path,
            format!(
                "expected an object with one of the keys {}",
                tags.join(", ")
            ),
        )),
    }
}

/// Reads the members of the object `v` at `path` in document order, for a
/// struct whose JS keys are `keys` (`required[i]` says whether `keys[i]` must
/// be given): `read` gets the index of each member's key, its value and its
/// path. A key given twice is refused at the second one (once the first value
/// was read), an unknown key at the key (unless `lenient`: it is ignored), and
/// then the first missing required key, in table order.
///
/// One function for every options struct: `json_struct!` adds only the
/// per-field stores (see there), so the reader costs little wasm per struct.
pub(crate) fn read_object(
    v: &JsonValue,
    path: &str,
    keys: &[(&str, bool)],
    lenient: bool,
    read: &mut dyn FnMut(usize, &JsonValue, &str) -> Result<()>,
) -> Result<()> {
    let mut seen: u64 = 0;
    for (key, value) in members(v, path)? {
        let Some(i) = keys.iter().position(|(k, _)| k == key) else {
            if lenient {
                continue;
            }
            return Err(unknown_key(path, key));
        };
        let at = path_key(path, key);
        let bit = 1u64 << (i % 64);
        if seen & bit != 0 {
            return Err(Error::invalid(at, "given twice"));
        }
        seen |= bit;
        read(i, value, &at)?;
    }
    for (i, (key, required)) in keys.iter().enumerate() {
        if *required && seen & (1u64 << (i % 64)) == 0 {
            return Err(invalid_at(path, key, "required"));
        }
    }
    Ok(())
}

/// Stores a member's value read by `FromJson` in its field slot.
pub(crate) fn set<T: FromJson>(slot: &mut Option<T>, v: &JsonValue, path: &str) -> Result<()> {
    *slot = Some(T::from_json(v, path)?);
    Ok(())
}

/// Implements [`FromJson`] for a struct read from a JS object: each field is
/// `req` (missing is an error) or `opt` (missing is the default) with its JS key,
/// and optionally `with` a function reading it instead of `FromJson`. Unknown
/// keys are refused, unless the struct is marked `lenient` (they are ignored).
///
/// The walk over the members is [`read_object`]'s; what each struct adds is one
/// store per field and one `match` that moves the values into the struct.
macro_rules! json_struct {
    ($ty:path $(, $lenient:ident)? {
        $( $kind:ident $field:ident : $key:literal $(with $read:path)? ),* $(,)?
    }) => {
        impl $crate::json_in::FromJson for $ty {
            fn from_json(
                v: &$crate::json_in::JsonValue,
                path: &str,
            ) -> $crate::error::Result<Self> {
                const KEYS: &[(&str, bool)] = &[$( ($key, $crate::json_in::json_struct!(@required $kind)), )*];
                const _: () = assert!(KEYS.len() <= 64);
                $( let mut $field = None; )*
                $crate::json_in::read_object(
                    v,
                    path,
                    KEYS,
                    $crate::json_in::json_struct!(@lenient $($lenient)?),
                    &mut |i, value, at| {
                        let mut n = 0usize;
                        $(
                            if i == n {
                                return $crate::json_in::json_struct!(@set $field, value, at $(, $read)?);
                            }
                            n += 1;
                        )*
                        let _ = n;
                        Ok(())
                    },
                )?;
                // `read_object` refused a missing required key, so the `_` arm
                // is never taken.
                #[allow(unreachable_patterns)]
                match ($($field,)*) {
                    ($( $crate::json_in::json_struct!(@pattern $kind $field), )*) => Ok(Self {
                        $( $field: $crate::json_in::json_struct!(@value $kind $field), )*
                    }),
                    _ => Err($crate::error::Error::invalid(path, "required")),
                }
            }
        }
    };
    (@required req) => { true };
    (@required opt) => { false };
    (@lenient) => { false };
    (@lenient lenient) => { true };
    (@pattern req $field:ident) => { Some($field) };
    (@pattern opt $field:ident) => { $field };
    (@value req $field:ident) => { $field };
    (@value opt $field:ident) => { $field.unwrap_or_default() };
    (@set $slot:ident, $v:ident, $at:ident) => {
        $crate::json_in::set(&mut $slot, $v, $at)
    };
    (@set $slot:ident, $v:ident, $at:ident, $read:path) => {{
        $slot = Some($read($v, $at)?);
        Ok(())
    }};
}
pub(crate) use json_struct;

// ---------------------------------------------------------------------------
// Types defined in `xml`

impl FromJson for Limits {
    /// `{ maxResponseBytes?, maxDepth?, strict? }`; what is missing keeps its default.
    fn from_json(v: &JsonValue, path: &str) -> Result<Self> {
        const KEYS: &[(&str, bool)] = &[
            ("maxResponseBytes", false),
            ("maxDepth", false),
            ("strict", false),
        ];
        let mut l = Limits::default();
        read_object(v, path, KEYS, false, &mut |i, value, at| {
            match i {
                0 => l.max_response_bytes = FromJson::from_json(value, at)?,
                1 => l.max_depth = FromJson::from_json(value, at)?,
                _ => l.strict = FromJson::from_json(value, at)?,
            }
            Ok(())
        })?;
        Ok(l)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::operations::get_conversation_items::ThreadIds;
    use crate::soap::{ExchangeVersion, Impersonation, RequestHeader, TimeZoneContext};

    fn err(json: &str) -> (String, String) {
        match JsonValue::parse(json) {
            Err(Error::InvalidOptions { path, message }) => (path, message),
            other => panic!("{json:?}: expected an error, got {other:?}"),
        }
    }

    fn path(json: &str) -> String {
        err(json).0
    }

    fn s(v: &str) -> JsonValue {
        JsonValue::String(v.into())
    }

    fn n(v: &str) -> JsonValue {
        JsonValue::Number(v.into())
    }

    #[test]
    fn values() {
        use JsonValue::*;
        assert_eq!(JsonValue::parse(" null ").unwrap(), Null);
        assert_eq!(JsonValue::parse("true").unwrap(), Bool(true));
        assert_eq!(JsonValue::parse("\tfalse\r\n").unwrap(), Bool(false));
        assert_eq!(JsonValue::parse("[]").unwrap(), Array(vec![]));
        assert_eq!(JsonValue::parse("{ }").unwrap(), Object(vec![]));
        assert_eq!(
            JsonValue::parse(r#"{"a":[1,{"b":null}],"a":"x"}"#).unwrap(),
            Object(vec![
                (
                    "a".into(),
                    Array(vec![n("1"), Object(vec![("b".into(), Null)])])
                ),
                ("a".into(), s("x")),
            ])
        );
    }

    #[test]
    fn numbers() {
        for ok in [
            "0", "-0", "1", "-12", "1.5", "-0.0", "1e5", "1E+5", "1e-05", "12.50e3",
        ] {
            assert_eq!(JsonValue::parse(ok).unwrap(), n(ok), "{ok}");
        }
        for bad in [
            "01", "-", "+1", "1.", ".5", "1e", "1e+", "--1", "0x10", "-a", "1.e3", "NaN",
            "Infinity",
        ] {
            assert_eq!(path(bad), "", "{bad}");
        }
        assert_eq!(path("[1,02]"), "[1]");
    }

    #[test]
    fn strings_and_escapes() {
        let cases = [
            (r#""""#, ""),
            (r#""abc""#, "abc"),
            (r#""\"\\\/\b\f\n\r\t""#, "\"\\/\u{8}\u{c}\n\r\t"),
            (r#""\u0041\u00e9\u20AC""#, "Aé€"),
            (r#""\uD83D\uDE00""#, "😀"),
            (r#""x\ud83d\ude00y""#, "x😀y"),
            ("\"é😀 raw\"", "é😀 raw"),
            (r#""\u0000""#, "\0"),
        ];
        for (json, want) in cases {
            assert_eq!(JsonValue::parse(json).unwrap(), s(want), "{json}");
        }
        for bad in [
            r#""abc"#,
            r#""\"#,
            r#""\x""#,
            r#""\u12""#,
            r#""\u12G4""#,
            r#""\u+123""#,
            r#""\uD83D""#,
            r#""\uD83Dx""#,
            r#""\uD83D\u0041""#,
            r#""\uDE00""#,
            r#""\uD83D\uD83D""#,
            "\"a\nb\"",
            "\"a\tb\"",
            "\"\u{1f}\"",
        ] {
            assert_eq!(path(bad), "", "{bad}");
        }
        // An escape cut inside a multi-byte character is refused, not a panic.
        assert_eq!(path("\"\\uéé\""), "");
        // A bad key is reported at the object.
        assert_eq!(path(r#"{"a":{"b\q":1}}"#), "a");
    }

    #[test]
    fn syntax_error_paths() {
        let cases = [
            ("", ""),
            ("   ", ""),
            ("x", ""),
            ("nul", ""),
            ("truex", ""),
            ("{} x", ""),
            ("{},", ""),
            ("[] []", ""),
            ("{", ""),
            ("{,}", ""),
            (r#"{"a":1,}"#, ""),
            (r#"{"a"}"#, "a"),
            (r#"{"a" 1}"#, "a"),
            (r#"{"a":}"#, "a"),
            (r#"{"a":"#, "a"),
            (r#"{"a":1 "b":2}"#, "a"),
            (r#"{"a":{"b":[1,2,{"c":tru}]}}"#, "a.b[2].c"),
            (r#"{"a":[1 2]}"#, "a[0]"),
            (r#"{"a":[1,]}"#, "a[1]"),
            (r#"{"a":[1,"#, "a[1]"),
            ("[", "[0]"),
            ("[[[", "[0][0][0]"),
            (r#"{1:2}"#, ""),
            (r#"{'a':1}"#, ""),
        ];
        for (json, want) in cases {
            let (path, message) = err(json);
            assert_eq!(path, want, "{json}: {message}");
            assert!(message.starts_with("invalid JSON: "), "{message}");
        }
    }

    #[test]
    fn nesting_limit() {
        let nested = |n: usize| format!("{}{}", "[".repeat(n), "]".repeat(n));
        assert!(JsonValue::parse(&nested(MAX_NESTING)).is_ok());
        let (path, message) = err(&nested(MAX_NESTING + 1));
        assert_eq!(path, "[0]".repeat(MAX_NESTING));
        assert!(message.contains("nested"), "{message}");
        // serde_json draws the line at the same depth.
        assert!(serde_json::from_str::<serde_json::Value>(&nested(MAX_NESTING)).is_ok());
        assert!(serde_json::from_str::<serde_json::Value>(&nested(MAX_NESTING + 1)).is_err());
        let objects = |n: usize| format!("{}1{}", r#"{"a":"#.repeat(n), "}".repeat(n));
        assert!(JsonValue::parse(&objects(MAX_NESTING)).is_ok());
        assert!(JsonValue::parse(&objects(MAX_NESTING + 1)).is_err());
        // Far deeper input is refused without exhausting the stack.
        assert!(JsonValue::parse(&"[".repeat(1_000_000)).is_err());
        assert!(JsonValue::parse(&r#"{"a":"#.repeat(200_000)).is_err());
    }

    #[test]
    fn no_panic_on_any_prefix_or_byte() {
        let doc = r#"{"a":[1,-2.5e+3,"x\u00e9\uD83D\uDE00y",true,false,null,{"b":{}}],"c":"é"}"#;
        assert!(JsonValue::parse(doc).is_ok());
        for i in 0..=doc.len() {
            if let Some(prefix) = doc.get(..i) {
                let _ = JsonValue::parse(prefix);
                for extra in ["x", "\"", "\\", "{", "[", ",", ":", "é", "\u{0}"] {
                    let _ =
                        JsonValue::parse(&format!("{prefix}{extra}{}", doc.get(i..).unwrap_or("")));
                }
            }
        }
    }

    fn conv<T: FromJson>(json: &str) -> Result<T> {
        from_json_str(json)
    }

    fn conv_path<T: FromJson + std::fmt::Debug>(json: &str) -> String {
        match conv::<T>(json) {
            Err(Error::InvalidOptions { path, .. }) => path,
            other => panic!("{json}: expected InvalidOptions, got {other:?}"),
        }
    }

    #[test]
    fn integer_ranges_are_the_types_ranges() {
        fn range<T: FromJson + std::fmt::Debug>(
            min: impl std::fmt::Display,
            max: impl std::fmt::Display,
        ) {
            let (_, message) = match T::from_json(&JsonValue::Bool(true), "p") {
                Err(Error::InvalidOptions { path, message }) => (path, message),
                other => panic!("{other:?}"),
            };
            assert_eq!(
                message,
                format!("expected an integer from {min} to {max}, found a boolean")
            );
        }
        range::<i32>(i32::MIN, i32::MAX);
        range::<u32>(u32::MIN, u32::MAX);
        range::<i64>(i64::MIN, i64::MAX);
        range::<u64>(u64::MIN, u64::MAX);
    }

    #[test]
    fn scalars() {
        assert_eq!(conv::<String>(r#""a\"b""#).unwrap(), "a\"b");
        assert_eq!(conv_path::<String>("1"), "");
        assert!(conv::<bool>("true").unwrap());
        assert_eq!(conv_path::<bool>("\"true\""), "");
        assert_eq!(conv::<f64>("-1.5e2").unwrap(), -150.0);
        assert_eq!(conv::<f64>("3").unwrap(), 3.0);
        assert_eq!(conv_path::<f64>("1e999"), "");
        assert_eq!(conv_path::<f64>("\"1\""), "");
        assert_eq!(conv::<i32>("-2147483648").unwrap(), i32::MIN);
        assert_eq!(conv::<i32>("2147483647").unwrap(), i32::MAX);
        assert_eq!(conv::<u64>("18446744073709551615").unwrap(), u64::MAX);
        assert_eq!(conv::<i64>("-9223372036854775808").unwrap(), i64::MIN);
        assert_eq!(conv::<u32>("0").unwrap(), 0);
        for bad in [
            "2147483648",
            "-2147483649",
            "1.0",
            "1e2",
            "-0",
            "-0.0",
            "\"1\"",
            "true",
            "null",
            "[]",
            "99999999999999999999999",
        ] {
            assert_eq!(conv_path::<i32>(bad), "", "{bad}");
        }
        assert_eq!(conv_path::<u64>("-1"), "");
        assert_eq!(conv_path::<u64>("18446744073709551616"), "");
        assert_eq!(conv_path::<u32>("4294967296"), "");
    }

    #[test]
    fn options_and_lists() {
        assert_eq!(conv::<Option<i32>>("null").unwrap(), None);
        assert_eq!(conv::<Option<i32>>("5").unwrap(), Some(5));
        assert_eq!(
            conv::<Vec<Option<String>>>(r#"["a",null]"#).unwrap(),
            vec![Some("a".into()), None]
        );
        assert_eq!(conv_path::<Vec<String>>(r#"["a","b",3]"#), "[2]");
        assert_eq!(conv_path::<Vec<String>>("null"), "");
        assert_eq!(conv_path::<Vec<String>>("{}"), "");
        assert_eq!(
            conv::<Vec<Vec<u32>>>("[[],[1,2]]").unwrap(),
            vec![vec![], vec![1, 2]]
        );
        assert_eq!(conv_path::<Vec<Vec<u32>>>("[[],[1,-2]]"), "[1][1]");
    }

    #[test]
    fn structs() {
        let tz: TimeZoneContext = conv(r#"{"id":"UTC","name":null}"#).unwrap();
        assert_eq!(
            tz,
            TimeZoneContext {
                id: "UTC".into(),
                name: None
            }
        );
        // Members are read in document order: the first problem is reported.
        assert_eq!(conv_path::<TimeZoneContext>(r#"{"x":1,"id":2}"#), "x");
        assert_eq!(conv_path::<TimeZoneContext>(r#"{"id":2,"x":1}"#), "id");
        // Missing keys come after every present one was read.
        assert_eq!(conv_path::<TimeZoneContext>(r#"{"name":"n"}"#), "id");
        assert_eq!(conv_path::<TimeZoneContext>(r#"{"name":1}"#), "name");
        assert_eq!(conv_path::<TimeZoneContext>(r#"{"id":null}"#), "id");
        assert_eq!(conv_path::<TimeZoneContext>(r#"{"id":"a","id":"b"}"#), "id");
        assert_eq!(conv_path::<TimeZoneContext>(r#"[]"#), "");
        let h: RequestHeader = conv(
            r#"{"requestServerVersion":"V2017_10_09","impersonation":{"sid":"S-1"},"timeZoneContext":{"id":"UTC"}}"#,
        )
        .unwrap();
        assert_eq!(h.request_server_version, Some(ExchangeVersion::V2017_10_09));
        assert_eq!(h.impersonation, Some(Impersonation::Sid("S-1".into())));
        assert_eq!(
            conv_path::<RequestHeader>(r#"{"timeZoneContext":{"id":"UTC","x":1}}"#),
            "timeZoneContext.x"
        );
        assert_eq!(
            conv_path::<RequestHeader>(r#"{"requestServerVersion":"exchange2013"}"#),
            "requestServerVersion"
        );
        match conv::<RequestHeader>(r#"{"requestServerVersion":"Exchange2099"}"#) {
            Err(Error::InvalidOptions { message, .. }) => {
                assert!(message.contains("Exchange2099"), "{message}");
                assert!(message.contains("Exchange2013_SP1"), "{message}");
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn choices() {
        for (json, want) in [
            (
                r#"{"principalName":"p"}"#,
                Impersonation::PrincipalName("p".into()),
            ),
            (r#"{"sid":"s"}"#, Impersonation::Sid("s".into())),
            (
                r#"{"primarySmtpAddress":"a"}"#,
                Impersonation::PrimarySmtpAddress("a".into()),
            ),
            (
                r#"{"smtpAddress":"b"}"#,
                Impersonation::SmtpAddress("b".into()),
            ),
        ] {
            assert_eq!(conv::<Impersonation>(json).unwrap(), want, "{json}");
        }
        assert_eq!(conv_path::<Impersonation>("{}"), "");
        let h = |imp: &str| conv_path::<RequestHeader>(&format!(r#"{{"impersonation":{imp}}}"#));
        assert_eq!(h("{}"), "impersonation");
        assert_eq!(h(r#"{"upn":"x"}"#), "impersonation");
        assert_eq!(h(r#""sid""#), "impersonation");
        assert_eq!(h("[]"), "impersonation");
        assert_eq!(h(r#"{"sid":1}"#), "impersonation.sid");
        assert_eq!(h(r#"{"sid":"a","upn":"b"}"#), "impersonation.sid");
        assert_eq!(h(r#"{"sid":"a","sid":"b"}"#), "impersonation.sid");
        assert_eq!(h(r#"{"sid":null}"#), "impersonation.sid");
        assert_eq!(
            conv::<RequestHeader>(r#"{"impersonation":null}"#).unwrap(),
            RequestHeader::default()
        );
    }

    #[test]
    fn limits() {
        assert_eq!(conv::<Limits>("{}").unwrap(), Limits::default());
        assert_eq!(
            conv::<Limits>(r#"{"maxDepth":10}"#).unwrap(),
            Limits {
                max_depth: 10,
                ..Limits::default()
            }
        );
        assert_eq!(
            conv::<Limits>(r#"{"maxResponseBytes":18446744073709551615,"maxDepth":0}"#).unwrap(),
            Limits {
                max_response_bytes: u64::MAX,
                max_depth: 0,
                strict: false,
            }
        );
        assert!(conv::<Limits>(r#"{"strict":true}"#).unwrap().strict);
        assert_eq!(conv_path::<Limits>(r#"{"strict":1}"#), "strict");
        assert_eq!(conv_path::<Limits>(r#"{"maxDepth":-1}"#), "maxDepth");
        assert_eq!(conv_path::<Limits>(r#"{"maxDepth":null}"#), "maxDepth");
        assert_eq!(conv_path::<Limits>(r#"{"maxdepth":1}"#), "maxdepth");
        assert_eq!(
            conv_path::<Limits>(r#"{"maxDepth":1,"maxDepth":2}"#),
            "maxDepth"
        );
        assert_eq!(conv_path::<Limits>("null"), "");
    }

    #[test]
    fn thread_ids_ignore_other_keys() {
        let t: ThreadIds = conv(
            r#"{"conversationId":{"id":"x"},"conversationNodes":[
                {"internetMessageId":"a","items":[{"kind":"Message","subject":"s"}]},
                {"internetMessageId":"b","parentInternetMessageId":"a","bogus":[1,2]}]}"#,
        )
        .unwrap();
        let ids: Vec<_> = t
            .conversation_nodes
            .iter()
            .map(|n| {
                (
                    n.internet_message_id.as_deref(),
                    n.parent_internet_message_id.as_deref(),
                )
            })
            .collect();
        assert_eq!(ids, [(Some("a"), None), (Some("b"), Some("a"))]);
        assert!(conv::<ThreadIds>("{}")
            .unwrap()
            .conversation_nodes
            .is_empty());
        assert_eq!(
            conv_path::<ThreadIds>(r#"{"conversationNodes":[{"internetMessageId":1}]}"#),
            "conversationNodes[0].internetMessageId"
        );
        assert_eq!(
            conv_path::<ThreadIds>(r#"{"conversationNodes":null}"#),
            "conversationNodes"
        );
        assert_eq!(
            conv_path::<ThreadIds>(r#"{"conversationNodes":[],"conversationNodes":[]}"#),
            "conversationNodes"
        );
    }

    // -----------------------------------------------------------------------
    // Against serde_json: the reader accepts the same documents, and the
    // options types read the same values as their serde derives.

    /// A tiny deterministic generator (xorshift), so that no dependency is needed.
    struct Rng(u64);

    impl Rng {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            self.0
        }

        fn below(&mut self, n: usize) -> usize {
            (self.next() % n as u64) as usize
        }
    }

    fn random_value(rng: &mut Rng, depth: usize) -> serde_json::Value {
        use serde_json::{json, Value};
        const CHARS: &[char] = &[
            'a',
            'Z',
            ' ',
            '"',
            '\\',
            '/',
            '\n',
            '\t',
            '\u{0}',
            '\u{1f}',
            '\u{7f}',
            'é',
            '€',
            '\u{fffd}',
            '\u{ffff}',
            '😀',
            '\u{10ffff}',
        ];
        match rng.below(if depth > 4 { 4 } else { 7 }) {
            0 => Value::Null,
            1 => Value::Bool(rng.below(2) == 0),
            2 => match rng.below(4) {
                0 => json!(rng.next()),
                1 => json!(-(rng.below(1 << 20) as i64)),
                2 => json!((rng.below(1 << 20) as f64) / 64.0 - 1000.0),
                _ => json!(rng.next() as f64 * 1e-30),
            },
            3 => Value::String(
                (0..rng.below(6))
                    .map(|_| CHARS[rng.below(CHARS.len())])
                    .collect(),
            ),
            4 | 5 => Value::Array(
                (0..rng.below(4))
                    .map(|_| random_value(rng, depth + 1))
                    .collect(),
            ),
            _ => Value::Object(
                (0..rng.below(4))
                    .map(|i| {
                        (
                            format!("k{i}{}", CHARS[rng.below(CHARS.len())]),
                            random_value(rng, depth + 1),
                        )
                    })
                    .collect(),
            ),
        }
    }

    /// Our value as a `serde_json::Value` (numbers through serde_json's reader).
    fn to_serde(v: &JsonValue) -> serde_json::Value {
        use serde_json::Value;
        match v {
            JsonValue::Null => Value::Null,
            JsonValue::Bool(b) => Value::Bool(*b),
            JsonValue::Number(n) => serde_json::from_str(n).unwrap(),
            JsonValue::String(s) => Value::String(s.clone()),
            JsonValue::Array(a) => Value::Array(a.iter().map(to_serde).collect()),
            JsonValue::Object(o) => {
                Value::Object(o.iter().map(|(k, v)| (k.clone(), to_serde(v))).collect())
            }
        }
    }

    #[test]
    fn reads_what_serde_json_writes_and_refuses_what_it_refuses() {
        let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
        for _ in 0..2000 {
            let v = random_value(&mut rng, 0);
            for text in [
                serde_json::to_string(&v).unwrap(),
                serde_json::to_string_pretty(&v).unwrap(),
            ] {
                let ours = JsonValue::parse(&text).unwrap_or_else(|e| panic!("{text}: {e:?}"));
                // (Compared with serde_json's reading of the text: without its
                // `float_roundtrip` feature it may read a float 1 ulp off.)
                let theirs: serde_json::Value = serde_json::from_str(&text).unwrap();
                assert_eq!(to_serde(&ours), theirs, "{text}");
                // Mangled copies: accepted exactly when serde_json accepts them.
                let chars: Vec<char> = text.chars().collect();
                for _ in 0..4 {
                    let mut m = chars.clone();
                    let at = rng.below(m.len() + 1);
                    match rng.below(3) {
                        0 if at < m.len() => {
                            m.remove(at);
                        }
                        _ => m.insert(
                            at,
                            ['{', '}', '[', ']', ':', ',', '"', '\\', 'x', ' ', 'u'][rng.below(11)],
                        ),
                    }
                    let m: String = m.into_iter().collect();
                    let theirs = serde_json::from_str::<serde_json::Value>(&m);
                    let ours = JsonValue::parse(&m);
                    assert_eq!(ours.is_ok(), theirs.is_ok(), "{m:?}: {ours:?} / {theirs:?}");
                    if let (Ok(ours), Ok(theirs)) = (ours, theirs) {
                        assert_eq!(to_serde(&ours), theirs, "{m:?}");
                    }
                }
            }
        }
    }

    /// Every value of `doc` replaced by each of `replacements`, every key dropped,
    /// and an unknown key added to every object.
    fn mutations(doc: &serde_json::Value) -> Vec<(serde_json::Value, bool)> {
        use serde_json::{json, Value};
        fn walk(v: &Value, at: &mut Vec<Value>, out: &mut Vec<Vec<Value>>) {
            out.push(at.clone());
            match v {
                Value::Object(o) => o.iter().for_each(|(k, x)| {
                    at.push(json!(k));
                    walk(x, at, out);
                    at.pop();
                }),
                Value::Array(a) => a.iter().enumerate().for_each(|(i, x)| {
                    at.push(json!(i));
                    walk(x, at, out);
                    at.pop();
                }),
                _ => {}
            }
        }
        fn get<'a>(v: &'a mut Value, path: &[Value]) -> &'a mut Value {
            path.iter().fold(v, |v, step| match step {
                Value::String(k) => &mut v[k.as_str()],
                _ => &mut v[step.as_u64().unwrap() as usize],
            })
        }
        let replacements = [
            json!(null),
            json!(true),
            json!(0),
            json!(-1),
            json!(1.5),
            json!(70000),
            json!(4_294_967_296u64),
            json!(""),
            json!("x"),
            json!("IdOnly"),
            json!("inbox"),
            json!("String"),
            json!([]),
            json!([{}]),
            json!({}),
            json!({ "bogus": 1 }),
            json!({ "id": "x" }),
            json!({ "fieldURI": "item:Subject" }),
        ];
        let mut paths = Vec::new();
        walk(doc, &mut Vec::new(), &mut paths);
        let mut out = vec![(doc.clone(), false)];
        for path in &paths {
            for r in &replacements {
                let mut d = doc.clone();
                *get(&mut d, path) = r.clone();
                out.push((d, r.is_array()));
            }
            let mut d = doc.clone();
            if let Value::Object(o) = get(&mut d, path) {
                let keys: Vec<String> = o.keys().cloned().collect();
                o.insert("bogus".into(), json!(1));
                out.push((d, false));
                for k in keys {
                    let mut d = doc.clone();
                    if let Value::Object(o) = get(&mut d, path) {
                        o.remove(&k);
                    }
                    out.push((d, false));
                }
            }
        }
        out
    }

    /// `parse_options` and serde agree on every mutation of `doc`: both refuse
    /// it, or both read the same value. The one difference: serde also reads a
    /// struct from an array of its fields in order (`header: []`), which is not
    /// an options shape and is refused here.
    fn agrees_with_serde<T>(doc: serde_json::Value)
    where
        T: FromJson + serde::de::DeserializeOwned + PartialEq + std::fmt::Debug,
    {
        let mut compared = 0;
        for (d, replaced_by_array) in mutations(&doc) {
            let json = d.to_string();
            let theirs = serde_json::from_str::<T>(&json);
            let ours = crate::types::parse_options::<T>(&json);
            match (&ours, &theirs) {
                (Ok(a), Ok(b)) => assert_eq!(a, b, "{json}"),
                (Err(Error::InvalidOptions { .. }), Err(_)) => {}
                (Err(Error::InvalidOptions { .. }), Ok(_)) if replaced_by_array => {}
                _ => panic!("{json}: ours {ours:?}, serde {theirs:?}"),
            }
            compared += 1;
        }
        assert!(compared > 50, "{compared}");
    }

    #[test]
    fn options_read_as_serde_reads_them() {
        use crate::{
            GetConversationItemsRequest, GetImItemListRequest, GetImItemsRequest,
            SyncFolderItemsRequest,
        };
        use serde_json::json;
        const GUID: &str = "00020329-0000-0000-C000-000000000046";
        let header = json!({ "requestServerVersion": "Exchange2010_SP2", "mailboxCulture": "en-US",
            "impersonation": { "primarySmtpAddress": "a@b.c" }, "timeZoneContext": { "id": "UTC", "name": "U" } });
        let shape = json!({ "baseShape": "IdOnly", "includeMimeContent": true, "bodyType": "Text",
            "uniqueBodyType": "HTML", "normalizedBodyType": "Best", "filterHtmlContent": false,
            "convertHtmlCodePageToUTF8": true, "inlineImageUrlTemplate": "t", "blockExternalImages": true,
            "addBlankTargetToLinks": false, "maximumBodySize": 10,
            "additionalProperties": [{ "fieldURI": "item:Subject" },
                { "extendedFieldURI": { "propertyTag": "0x3001", "propertyType": "String" } },
                { "extendedFieldURI": { "propertyTag": 12289, "propertyType": "String" } },
                { "extendedFieldURI": { "distinguishedPropertySetId": "Common", "propertyId": 5, "propertyType": "Integer" } },
                { "extendedFieldURI": { "propertySetId": GUID, "propertyName": "n", "propertyType": "String" } },
                { "indexedFieldURI": { "fieldURI": "contacts:EmailAddress", "fieldIndex": "EmailAddress1" } }] });
        agrees_with_serde::<GetConversationItemsRequest>(json!({
            "header": header, "itemShape": shape,
            "foldersToIgnore": [{ "distinguishedFolderId": { "id": "deleteditems", "changeKey": "k",
                "mailbox": { "name": "n", "emailAddress": "x@y.z", "routingType": "SMTP", "mailboxType": "Mailbox" } } },
                { "folderId": { "id": "AAMk", "changeKey": "AQAA" } }],
            "maxItemsToReturn": 50, "sortOrder": "TreeOrderDescending", "mailboxScope": "PrimaryOnly",
            "conversations": [{ "conversationId": { "id": "AAQk", "changeKey": "c" }, "syncState": "AQIA" }] }));
        for folder in [
            json!({ "distinguishedFolderId": { "id": "sentitems", "mailbox": { "emailAddress": "x@y.z" } } }),
            json!({ "folderId": { "id": "f" } }),
            json!({ "addressListId": { "id": "a" } }),
        ] {
            agrees_with_serde::<SyncFolderItemsRequest>(json!({
                "header": { "impersonation": { "sid": "S-1" } }, "itemShape": { "baseShape": "Default" },
                "syncFolderId": folder, "syncState": "AEbJ94eMOAAA=", "ignore": [{ "id": "i", "changeKey": "k" }],
                "maxChangesReturned": 100, "syncScope": "NormalItems" }));
        }
        agrees_with_serde::<GetImItemsRequest>(json!({
            "header": { "impersonation": { "principalName": "p" } },
            "contactIds": [{ "id": "c", "changeKey": "k" }], "groupIds": [{ "id": "g" }],
            "extendedProperties": [{ "propertyTag": 12289, "propertyType": "String" },
                { "propertySetId": GUID, "propertyId": -3, "propertyType": "Binary" }] }));
        agrees_with_serde::<GetImItemListRequest>(json!({
            "header": { "impersonation": { "smtpAddress": "s" }, "requestServerVersion": "V2018_01_08" },
            "extendedProperties": [{ "propertyTag": "0x3001", "propertyType": "String" }] }));
        agrees_with_serde::<Limits>(json!({ "maxResponseBytes": 1000, "maxDepth": 10 }));
    }
}
