//! A small JSON writer for parse results, generated alongside the parsers by
//! `ews_struct!`.
//!
//! It produces exactly what the types' serde `Serialize` produces (a test checks
//! that on every fixture), but without serde's per-type generic code: in the
//! WebAssembly module that code was the largest single cost. Keys are written
//! from the EWS wire names with the API's camelCase rule as they are copied.
//!
//! It also writes [`Error::to_json`], the error as JavaScript's `EwsError`
//! carries it. It knows nothing of XML: the JSON form of
//! [`RawElement`](crate::xml::RawElement) is written where the model meets both
//! (`types`).

use crate::error::Error;

/// A value that can write itself as JSON.
pub trait ToJson {
    /// Appends the JSON of `self`.
    fn write_json(&self, out: &mut JsonOut);
}

/// A struct whose fields can be written into an already opened object (so that
/// flattened parts and tagged enums share one object).
pub trait JsonFields {
    /// Appends `"key":value` pairs (with separating commas).
    fn write_fields(&self, out: &mut JsonOut);
}

/// The output buffer.
#[derive(Debug, Default)]
pub struct JsonOut {
    buf: String,
    /// Bytes that `\uXXXX` escapes of non-ASCII characters may still add (see
    /// [`JsonOut::escape_non_ascii`]); 0: non-ASCII text is written as it is.
    ascii_budget: usize,
}

impl JsonOut {
    /// An empty buffer with room for `cap` bytes.
    pub fn with_capacity(cap: usize) -> Self {
        JsonOut {
            buf: String::with_capacity(cap),
            ascii_budget: 0,
        }
    }

    /// From now on, writes non-ASCII characters in strings as `\uXXXX` escapes
    /// (a pair for those beyond U+FFFF) for as long as the escapes add at most
    /// `budget` bytes in all, then as they are. The JSON means the same either
    /// way; what changes is the text JavaScript decodes: all-ASCII JSON becomes a
    /// one-byte string in V8 (half the memory of a two-byte one, and faster to
    /// decode and to `JSON.parse`), while the budget keeps text that is mostly
    /// non-ASCII (where escapes would triple its size) from growing much.
    pub fn escape_non_ascii(&mut self, budget: usize) {
        self.ascii_budget = budget;
    }

    /// What [`JsonOut::escape_non_ascii`] may still add.
    pub fn ascii_budget(&self) -> usize {
        self.ascii_budget
    }

    /// Appends `s`. Every append goes through `ews-wasm-hot`, compiled for
    /// speed even in the size-optimised wasm module (see `crates/hot`).
    #[inline(always)]
    fn put(&mut self, s: &str) {
        ews_wasm_hot::push_str(&mut self.buf, s);
    }

    /// Appends `c` (see [`JsonOut::put`]).
    #[inline(always)]
    fn put_char(&mut self, c: char) {
        ews_wasm_hot::push(&mut self.buf, c);
    }

    /// The JSON written.
    pub fn finish(self) -> String {
        self.buf
    }

    fn sep(&mut self) {
        if self.needs_comma() {
            self.put_char(',');
        }
    }

    #[inline(always)]
    fn needs_comma(&self) -> bool {
        !matches!(self.buf.as_bytes().last(), None | Some(b'{' | b'[' | b':'))
    }

    /// `comma` where a separator is due, else `bare` (the same without its
    /// leading `,`): the separator and what opens a value in one append.
    fn lead(&mut self, comma: &'static str, bare: &'static str) {
        let s = if self.needs_comma() { comma } else { bare };
        self.put(s);
    }

    /// Bytes written so far.
    pub fn len(&self) -> usize {
        self.buf.len()
    }

    /// Whether nothing has been written.
    pub fn is_empty(&self) -> bool {
        self.buf.is_empty()
    }

    /// The JSON written so far.
    pub fn as_str(&self) -> &str {
        &self.buf
    }

    /// Drops everything after byte `len` (a length returned by [`JsonOut::len`]).
    pub fn truncate(&mut self, len: usize) {
        if self.buf.is_char_boundary(len) {
            self.buf.truncate(len);
        }
    }

    /// Appends already formed JSON text as it is (no separator).
    pub fn push_raw(&mut self, json: &str) {
        self.put(json);
    }

    /// Replaces everything from byte `from` with `json`.
    pub fn replace_tail(&mut self, from: usize, json: &str) {
        self.truncate(from);
        self.put(json);
    }

    /// `{`
    pub fn begin_object(&mut self) {
        self.lead(",{", "{");
    }

    /// `}`
    pub fn end_object(&mut self) {
        self.put_char('}');
    }

    /// `[`
    pub fn begin_array(&mut self) {
        self.lead(",[", "[");
    }

    /// `]`
    pub fn end_array(&mut self) {
        self.put_char(']');
    }

    /// A key given in its JavaScript form.
    pub fn key(&mut self, js: &str) {
        self.lead(",\"", "\"");
        self.escaped_body(js);
        self.put("\":");
    }

    /// A key given as an EWS wire name: written with the API's rule
    /// (`UID` → `uid`, `FieldURI` → `fieldURI`, `ItemId` → `itemId`).
    pub fn wire_key(&mut self, wire: &str) {
        self.lead(",\"", "\"");
        let lower = lowered_prefix(wire.as_bytes());
        // The name in one append, then its leading capitals lowered in place.
        let start = self.buf.len();
        self.put(wire);
        if let Some(head) = self.buf.get_mut(start..start + lower) {
            head.make_ascii_lowercase();
        }
        self.put("\":");
    }

    /// A key made from text read off the wire rather than from a table (a
    /// `MessageXml` entry's `Name`, the names of an element kept verbatim): the
    /// same rule as [`JsonOut::wire_key`], escaped as a string is, since such
    /// text may hold a quote, a backslash or a control character (attribute
    /// values may, outside `strict`).
    pub fn text_key(&mut self, name: &str) {
        let ascii = self.ascii_budget > 0;
        if !name
            .bytes()
            .any(|b| b < 0x20 || b == b'"' || b == b'\\' || (ascii && b >= 0x80))
        {
            return self.wire_key(name);
        }
        let mut key = name.to_owned();
        if let Some(head) = key.get_mut(..lowered_prefix(name.as_bytes())) {
            head.make_ascii_lowercase();
        }
        self.lead(",\"", "\"");
        self.escaped_body(&key);
        self.put("\":");
    }

    /// A string value, escaped.
    pub fn string(&mut self, s: &str) {
        self.lead(",\"", "\"");
        self.escaped_body(s);
        self.put_char('"');
    }

    /// `s` escaped, without the quotes around it.
    fn escaped_body(&mut self, s: &str) {
        const LO: u64 = 0x0101_0101_0101_0101;
        const HI: u64 = 0x8080_8080_8080_8080;
        let bytes = s.as_bytes();
        let mut last = 0;
        let mut i = 0;
        while i < bytes.len() {
            // Non-ASCII bytes stop the word scan only while they are escaped.
            let high = if self.ascii_budget > 0 { HI } else { 0 };
            // Skip eight plain bytes at a time (no `"`, `\\` or control character).
            if let Some(w) = bytes.get(i..).and_then(|r| r.first_chunk::<8>()) {
                let x = u64::from_le_bytes(*w);
                let q = x ^ (LO * u64::from(b'"'));
                let bs = x ^ (LO * u64::from(b'\\'));
                let special = (x.wrapping_sub(LO * 0x20) & !x)
                    | (q.wrapping_sub(LO) & !q)
                    | (bs.wrapping_sub(LO) & !bs)
                    | (x & high);
                if special & HI == 0 {
                    i += 8;
                    continue;
                }
            }
            let b = bytes.get(i).copied().unwrap_or(b' ');
            if b >= 0x80 {
                if high != 0 {
                    if let Some(c) = s.get(i..).and_then(|t| t.chars().next()) {
                        let width = c.len_utf8();
                        let extra = 6 * c.len_utf16() - width;
                        if extra <= self.ascii_budget {
                            self.ascii_budget -= extra;
                            self.buf.push_str(s.get(last..i).unwrap_or_default());
                            let mut units = [0u16; 2];
                            for &u in c.encode_utf16(&mut units).iter() {
                                self.unicode_escape(u);
                            }
                            i += width;
                            last = i;
                            continue;
                        }
                        // Over budget: the rest goes out as it is.
                        self.ascii_budget = 0;
                    }
                }
                i += 1;
                continue;
            }
            let esc: &str = match b {
                b'"' => "\\\"",
                b'\\' => "\\\\",
                b'\n' => "\\n",
                b'\r' => "\\r",
                b'\t' => "\\t",
                0x08 => "\\b",
                0x0c => "\\f",
                0..=0x1f => "",
                _ => {
                    i += 1;
                    continue;
                }
            };
            self.buf.push_str(s.get(last..i).unwrap_or_default());
            if esc.is_empty() {
                self.unicode_escape(u16::from(b));
            } else {
                self.buf.push_str(esc);
            }
            i += 1;
            last = i;
        }
        self.buf.push_str(s.get(last..).unwrap_or_default());
    }

    /// `\uXXXX` (lower-case hex, as serde_json writes control characters).
    fn unicode_escape(&mut self, u: u16) {
        const HEX: &[u8; 16] = b"0123456789abcdef";
        let hex = |shift: u16| HEX[usize::from((u >> shift) & 15)];
        let esc = [b'\\', b'u', hex(12), hex(8), hex(4), hex(0)];
        // Six ASCII bytes: always valid UTF-8.
        self.put(std::str::from_utf8(&esc).unwrap_or_default());
    }

    /// A raw token (number, `true`, `null`).
    pub fn raw(&mut self, token: &str) {
        self.sep();
        self.put(token);
    }

    /// An integer.
    pub fn int(&mut self, v: i64) {
        self.sep();
        if v < 0 {
            self.put_char('-');
        }
        let mut n = v.unsigned_abs();
        let mut digits = [0u8; 20];
        let mut i = digits.len();
        loop {
            i -= 1;
            if let Some(d) = digits.get_mut(i) {
                *d = b'0' + (n % 10) as u8;
            }
            n /= 10;
            if n == 0 || i == 0 {
                break;
            }
        }
        for &d in digits.get(i..).unwrap_or_default() {
            self.put_char(char::from(d));
        }
    }
}

/// How many leading bytes of a wire name the API's camelCase rule lowers:
/// none for `itemId`, all for `UID`, all but the last of a run of capitals
/// followed by a lower-case letter (`TTYTDDPhoneNumbers` → `ttytddPhoneNumbers`),
/// else the first.
fn lowered_prefix(bytes: &[u8]) -> usize {
    let mut upper = 0;
    while bytes.get(upper).is_some_and(u8::is_ascii_uppercase) {
        upper += 1;
    }
    if upper == 0 {
        0
    } else if upper == bytes.len() {
        upper
    } else if upper > 1 && bytes.get(upper).is_some_and(|b| b.is_ascii_lowercase()) {
        upper - 1
    } else {
        1
    }
}

impl ToJson for String {
    fn write_json(&self, out: &mut JsonOut) {
        out.string(self);
    }
}

impl ToJson for bool {
    fn write_json(&self, out: &mut JsonOut) {
        out.raw(if *self { "true" } else { "false" });
    }
}

macro_rules! int_to_json {
    ($($t:ty),*) => {$(
        impl ToJson for $t {
            fn write_json(&self, out: &mut JsonOut) {
                out.int(i64::from(*self));
            }
        }
    )*};
}
int_to_json!(i32, i64, u32);

impl ToJson for u64 {
    fn write_json(&self, out: &mut JsonOut) {
        match i64::try_from(*self) {
            Ok(v) => out.int(v),
            Err(_) => out.raw(&self.to_string()),
        }
    }
}

impl ToJson for usize {
    fn write_json(&self, out: &mut JsonOut) {
        (*self as u64).write_json(out);
    }
}

impl ToJson for f64 {
    fn write_json(&self, out: &mut JsonOut) {
        if self.is_finite() {
            // The shortest round-trip form, as serde_json writes it (`1e+21`).
            let mut buf = ryu::Buffer::new();
            let s = buf.format_finite(*self);
            match s.split_once('e') {
                Some((m, e)) if !e.starts_with('-') => {
                    out.raw(m);
                    out.put("e+");
                    out.put(e);
                }
                _ => out.raw(s),
            }
        } else {
            out.raw("null");
        }
    }
}

impl<T: ToJson> ToJson for Option<T> {
    fn write_json(&self, out: &mut JsonOut) {
        match self {
            Some(v) => v.write_json(out),
            None => out.raw("null"),
        }
    }
}

impl<T: ToJson + ?Sized> ToJson for Box<T> {
    fn write_json(&self, out: &mut JsonOut) {
        (**self).write_json(out);
    }
}

impl<T: ToJson> ToJson for Vec<T> {
    fn write_json(&self, out: &mut JsonOut) {
        out.begin_array();
        for v in self {
            v.write_json(out);
        }
        out.end_array();
    }
}

impl<A: ToJson, B: ToJson> ToJson for (A, B) {
    fn write_json(&self, out: &mut JsonOut) {
        out.begin_array();
        self.0.write_json(out);
        self.1.write_json(out);
        out.end_array();
    }
}

/// The same text as `serde_json::to_string` (keys in the map's order), without
/// bringing serde_json's serializer into the wasm module.
impl ToJson for serde_json::Value {
    fn write_json(&self, out: &mut JsonOut) {
        use serde_json::Value as V;
        match self {
            V::Null => out.raw("null"),
            V::Bool(b) => out.raw(if *b { "true" } else { "false" }),
            V::Number(n) => match (n.as_u64(), n.as_i64()) {
                (Some(u), _) => u.write_json(out),
                (None, Some(i)) => i.write_json(out),
                _ => n.as_f64().unwrap_or(f64::NAN).write_json(out),
            },
            V::String(s) => out.string(s),
            V::Array(items) => {
                out.begin_array();
                for v in items {
                    v.write_json(out);
                }
                out.end_array();
            }
            V::Object(members) => {
                out.begin_object();
                for (k, v) in members {
                    out.key(k);
                    v.write_json(out);
                }
                out.end_object();
            }
        }
    }
}

// ---------------------------------------------------------------------------
// The error's JSON form (here rather than in `error`, which uses nothing above it)

impl Error {
    /// The error as a JSON object: `code`, `message` and the variant's fields in
    /// camelCase (what the JavaScript `EwsError` carries). Credentials never
    /// reach an error, so nothing here can leak them.
    pub fn to_json(&self) -> String {
        let mut out = JsonOut::with_capacity(256);
        out.begin_object();
        out.key("code");
        out.string(self.code());
        out.key("message");
        out.string(&self.to_string());
        fn put<T: ToJson + ?Sized>(out: &mut JsonOut, key: &str, v: &T) {
            out.key(key);
            v.write_json(out);
        }
        fn put_opt<T: ToJson>(out: &mut JsonOut, key: &str, v: &Option<T>) {
            if let Some(v) = v {
                put(out, key, v);
            }
        }
        match self {
            Error::InvalidOptions { path, .. } => put(&mut out, "path", path),
            Error::MalformedXml { position, .. } => put(&mut out, "position", position),
            Error::NotSoap { found, .. } => put(&mut out, "found", found),
            Error::Limit { name, limit, value } => {
                out.key("limitName");
                out.string(name);
                put(&mut out, "limit", limit);
                put(&mut out, "value", value);
            }
            Error::SoapFault(f) => {
                put(&mut out, "faultCode", &f.fault_code);
                put(&mut out, "faultString", &f.fault_string);
                put_opt(&mut out, "faultActor", &f.fault_actor);
                put_opt(&mut out, "responseCode", &f.response_code);
                put_opt(&mut out, "detailMessage", &f.message);
                put_opt(&mut out, "backOffMilliseconds", &f.back_off_milliseconds);
                if let Some(st) = f.http_status {
                    put(&mut out, "status", &u32::from(st));
                }
                if !f.detail.is_empty() {
                    out.key("detail");
                    out.begin_object();
                    for (k, v) in &f.detail {
                        out.text_key(k);
                        out.string(v);
                    }
                    out.end_object();
                }
            }
            Error::Response {
                operation,
                response_code,
                message_text,
                back_off_milliseconds,
                response,
                full_response,
            } => {
                put(&mut out, "operation", operation);
                put(&mut out, "responseCode", response_code);
                put_opt(&mut out, "messageText", message_text);
                put_opt(&mut out, "backOffMilliseconds", back_off_milliseconds);
                put(&mut out, "response", &**response);
                if let Some(full) = full_response {
                    put(&mut out, "fullResponse", &**full);
                }
            }
            Error::Http {
                status,
                status_text,
                retry_after_ms,
            } => {
                put(&mut out, "status", &u32::from(*status));
                put(&mut out, "statusText", status_text);
                put_opt(&mut out, "retryAfterMs", retry_after_ms);
            }
            Error::SyncStalled {
                sync_state,
                pages,
                response,
                ..
            } => {
                put(&mut out, "syncState", sync_state);
                put(&mut out, "pages", pages);
                put(&mut out, "response", &**response);
            }
            Error::Timeout { timeout_ms } => put(&mut out, "timeoutMs", timeout_ms),
            Error::NotSupported { operation } => put(&mut out, "operation", operation),
            Error::Network { operation, .. } => put_opt(&mut out, "operation", operation),
            Error::Aborted => {}
        }
        out.end_object();
        out.finish()
    }
}

/// Writes any [`ToJson`] value to a string.
pub fn to_json_string<T: ToJson + ?Sized>(v: &T) -> String {
    let mut out = JsonOut::with_capacity(4096);
    v.write_json(&mut out);
    out.finish()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::SoapFault;

    #[test]
    fn values_match_serde_json() {
        let v: serde_json::Value = serde_json::from_str(
            r#"{"z":[1,-2,18446744073709551615,-9223372036854775808,1.5,1e21,1e-7,0.0,-0.0],
                "a":{"s":"q\"\\\n\u0001é😀","t":true,"f":false,"n":null,"e":{},"l":[]},
                "m":[[],[{}],"x"]}"#,
        )
        .unwrap();
        for v in [
            v.clone(),
            v["z"].clone(),
            v["a"]["s"].clone(),
            serde_json::Value::Null,
        ] {
            assert_eq!(to_json_string(&v), serde_json::to_string(&v).unwrap());
        }
    }

    /// The strings written with `escape_non_ascii(budget)`.
    fn ascii_json(budget: usize, strings: &[&str]) -> (String, usize) {
        let mut out = JsonOut::default();
        out.escape_non_ascii(budget);
        out.begin_array();
        for s in strings {
            out.string(s);
        }
        out.end_array();
        let left = out.ascii_budget();
        (out.finish(), left)
    }

    #[test]
    fn non_ascii_escapes_mean_the_same_strings() {
        let strings = [
            "plain",
            "é, ß and 敬具 between ASCII",
            "😀 beyond U+FFFF, \"quoted\"\n",
            "\u{80}\u{7ff}\u{800}\u{ffff}\u{10000}\u{10ffff}",
            "",
        ];
        let (json, left) = ascii_json(usize::MAX, &strings);
        assert!(json.is_ascii(), "{json}");
        assert!(
            json.contains(r"\u00e9")
                && json.contains(r"\ud83d\ude00")
                && json.contains(r"\udbff\udfff")
        );
        // The same values as the plain JSON.
        let plain: Vec<serde_json::Value> = strings.iter().map(|s| (*s).into()).collect();
        let read: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert_eq!(read, serde_json::Value::Array(plain));
        // é and ß (2 bytes → 6), 敬具 (3 → 6 each), 😀 (4 → 12), then the six of
        // the fourth string.
        let spent = (4 + 4 + 3 + 3) + 8 + (4 + 4 + 3 + 3 + 8 + 8);
        assert_eq!(usize::MAX - left, spent);
    }

    #[test]
    fn text_keys_follow_the_rule_and_are_escaped() {
        let key = |name: &str, budget: usize| {
            let mut out = JsonOut::default();
            out.escape_non_ascii(budget);
            out.begin_object();
            out.text_key(name);
            out.raw("1");
            out.end_object();
            out.finish()
        };
        // Plain names: exactly what wire_key writes.
        for name in ["BackOffMilliseconds", "UID", "TTYTDDPhoneNumbers", "x", ""] {
            let mut out = JsonOut::default();
            out.begin_object();
            out.wire_key(name);
            out.raw("1");
            out.end_object();
            assert_eq!(key(name, 0), out.finish(), "{name}");
        }
        assert_eq!(key("A\"B\\C\u{16}", 0), r#"{"a\"B\\C\u0016":1}"#);
        assert_eq!(key("ÉtatX", 0), r#"{"ÉtatX":1}"#);
        assert_eq!(key("ÉtatX", 100), r#"{"\u00c9tatX":1}"#);
    }

    #[test]
    fn the_escape_budget_is_kept() {
        // Room for é and one 敬 (4 + 3 bytes): 具 and what follows are written as they are.
        let (json, left) = ascii_json(8, &["é敬具", "ü"]);
        assert_eq!(json, "[\"\\u00e9\\u656c具\",\"ü\"]");
        assert_eq!(left, 0);
        // No budget: the plain JSON, byte for byte.
        let (json, _) = ascii_json(0, &["é敬具😀"]);
        assert_eq!(json, "[\"é敬具😀\"]");
        // Long ASCII runs around the characters (the word-at-a-time scan).
        let long = format!(
            "{}é{}\u{1}{}",
            "a".repeat(21),
            "b".repeat(13),
            "c".repeat(9)
        );
        let (json, _) = ascii_json(100, &[&long]);
        let read: String = serde_json::from_str::<Vec<String>>(&json)
            .unwrap()
            .remove(0);
        assert_eq!(read, long);
        assert!(json.is_ascii());
    }

    #[test]
    fn scalars_match_serde_json() {
        for s in [
            "",
            "a\"b\\c\n\r\t\u{8}\u{c}\u{1}\u{1f}",
            "é😀</script>\u{2028}",
        ] {
            assert_eq!(
                to_json_string(&s.to_owned()),
                serde_json::to_string(s).unwrap()
            );
        }
        for v in [0i64, -1, 42, i64::MIN, i64::MAX] {
            assert_eq!(to_json_string(&v), serde_json::to_string(&v).unwrap());
        }
        assert_eq!(
            to_json_string(&u64::MAX),
            serde_json::to_string(&u64::MAX).unwrap()
        );
        for v in [
            0.0f64,
            -0.0,
            1.5,
            6.4541,
            1e21,
            1e-7,
            123456789.125,
            f64::MAX,
        ] {
            assert_eq!(
                to_json_string(&v),
                serde_json::to_string(&v).unwrap(),
                "{v}"
            );
        }
        assert_eq!(to_json_string(&vec![Some(true), None]), "[true,null]");
    }

    #[test]
    fn json_form_carries_the_fields() {
        let v: serde_json::Value =
            serde_json::from_str(&Error::invalid("a.b[0]", "bad").to_json()).unwrap();
        assert_eq!(v["code"], "ERR_INVALID_OPTIONS");
        assert_eq!(v["path"], "a.b[0]");
        let fault = SoapFault {
            fault_code: "a:ErrorServerBusy".into(),
            fault_string: "busy".into(),
            response_code: Some("ErrorServerBusy".into()),
            back_off_milliseconds: Some(5000),
            detail: vec![("LineNumber".into(), "1".into())],
            ..Default::default()
        };
        let v: serde_json::Value =
            serde_json::from_str(&Error::SoapFault(Box::new(fault)).to_json()).unwrap();
        assert_eq!(v["faultCode"], "a:ErrorServerBusy");
        assert_eq!(v["backOffMilliseconds"], 5000);
        assert_eq!(v["responseCode"], "ErrorServerBusy");
        assert_eq!(v["detail"]["lineNumber"], "1");
        assert!(v.get("faultActor").is_none());
        let v: serde_json::Value = serde_json::from_str(
            &Error::Limit {
                name: "maxDepth",
                limit: 256,
                value: 257,
            }
            .to_json(),
        )
        .unwrap();
        assert_eq!(
            (v["limit"].as_u64(), v["value"].as_u64()),
            (Some(256), Some(257))
        );
    }

    #[test]
    fn wire_keys_follow_the_rule() {
        for wire in [
            "ItemId",
            "UID",
            "FieldURI",
            "TTYTDDPhoneNumbers",
            "MSExchangeCertificate",
            "AB1",
            "x",
        ] {
            let mut out = JsonOut::default();
            out.begin_object();
            out.wire_key(wire);
            out.raw("1");
            out.end_object();
            assert_eq!(
                out.finish(),
                format!("{{\"{}\":1}}", crate::xml::js_name(wire))
            );
        }
    }
}
