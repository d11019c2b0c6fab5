//! Helpers shared by `tests/wasm.rs` and `tests/wasm_browser.rs` (a module, not
//! a test target of its own). Results and errors cross the boundary as strings;
//! these read them twice: with the engine's own `JSON.parse` + `Reflect.get`
//! (what the JS wrapper does) and with serde_json.

#![allow(dead_code)] // each test file uses a subset

use js_sys::{Array, Reflect, JSON};
use wasm_bindgen::JsValue;

pub const SOAP_NS: &str = "http://schemas.xmlsoap.org/soap/envelope/";
pub const M_NS: &str = "http://schemas.microsoft.com/exchange/services/2006/messages";
pub const T_NS: &str = "http://schemas.microsoft.com/exchange/services/2006/types";

/// `JSON.parse(text)` in the JS engine.
pub fn js_parse(text: &str) -> JsValue {
    JSON::parse(text).unwrap_or_else(|e| panic!("JSON.parse threw {e:?} on:\n{text}"))
}

/// `serde_json::from_str(text)`.
pub fn rs_parse(text: &str) -> serde_json::Value {
    serde_json::from_str(text).unwrap_or_else(|e| panic!("serde_json: {e} on:\n{text}"))
}

enum Seg<'a> {
    Key(&'a str),
    Index(u32),
}

/// `a.b[0].c` → [Key a, Key b, Index 0, Key c].
fn segments(path: &str) -> Vec<Seg<'_>> {
    let mut out = Vec::new();
    for part in path.split('.').filter(|p| !p.is_empty()) {
        let (key, mut rest) = match part.find('[') {
            Some(i) => (&part[..i], &part[i..]),
            None => (part, ""),
        };
        if !key.is_empty() {
            out.push(Seg::Key(key));
        }
        while let Some(r) = rest.strip_prefix('[') {
            let end = r.find(']').expect("unclosed [ in path");
            out.push(Seg::Index(r[..end].parse().expect("index")));
            rest = &r[end + 1..];
        }
    }
    out
}

/// `Reflect.get` along a path (`responseMessages[0].changes[1].item.subject`).
pub fn js_get(root: &JsValue, path: &str) -> JsValue {
    let mut cur = root.clone();
    for seg in segments(path) {
        assert!(
            cur.is_object(),
            "{path}: cannot read a property of {cur:?} (not an object)"
        );
        let key = match seg {
            Seg::Key(k) => JsValue::from_str(k),
            Seg::Index(i) => JsValue::from(i),
        };
        cur =
            Reflect::get(&cur, &key).unwrap_or_else(|e| panic!("{path}: Reflect.get threw {e:?}"));
    }
    cur
}

pub fn js_str(root: &JsValue, path: &str) -> String {
    let v = js_get(root, path);
    v.as_string()
        .unwrap_or_else(|| panic!("{path}: expected a string, got {v:?}"))
}

pub fn js_num(root: &JsValue, path: &str) -> f64 {
    let v = js_get(root, path);
    v.as_f64()
        .unwrap_or_else(|| panic!("{path}: expected a number, got {v:?}"))
}

pub fn js_bool(root: &JsValue, path: &str) -> bool {
    let v = js_get(root, path);
    v.as_bool()
        .unwrap_or_else(|| panic!("{path}: expected a boolean, got {v:?}"))
}

/// The length of the JS array at `path` (asserting it is an array).
pub fn js_len(root: &JsValue, path: &str) -> u32 {
    let v = js_get(root, path);
    assert!(Array::is_array(&v), "{path}: expected an array, got {v:?}");
    Array::from(&v).length()
}

/// Is `key` an own-or-inherited property of the object at `path`?
pub fn js_has(root: &JsValue, path: &str, key: &str) -> bool {
    Reflect::has(&js_get(root, path), &JsValue::from_str(key)).expect("Reflect.has")
}

/// A successful call: the string result, parsed on both sides.
pub fn ok(what: &str, r: Result<String, JsValue>) -> (JsValue, serde_json::Value) {
    let text = r.unwrap_or_else(|e| panic!("{what}: expected a result, got the error {e:?}"));
    (js_parse(&text), rs_parse(&text))
}

/// A failed call. The thrown value must be a JS *string* holding the JSON of
/// `Error::to_json()`; returns it parsed on both sides, after checking that
/// both agree on `code` and that `message` is a non-empty string.
pub fn thrown(what: &str, r: Result<String, JsValue>) -> (JsValue, serde_json::Value) {
    let err = match r {
        Ok(s) => panic!("{what}: expected an error, got the result {s}"),
        Err(e) => e,
    };
    assert!(
        err.is_string(),
        "{what}: the thrown value must be a string, got {err:?}"
    );
    let text = err.as_string().unwrap();
    let (js, rs) = (js_parse(&text), rs_parse(&text));
    let code = js_str(&js, "code");
    assert!(code.starts_with("ERR_"), "{what}: code {code}");
    assert_eq!(rs["code"], code.as_str(), "{what}: {text}");
    assert!(
        !js_str(&js, "message").is_empty(),
        "{what}: empty message in {text}"
    );
    (js, rs)
}

/// Asserts the error's `code`.
pub fn assert_code(what: &str, js: &JsValue, code: &str) {
    assert_eq!(js_str(js, "code"), code, "{what}");
}

/// A built request: an envelope with the three http:// namespaces, no https://.
pub fn assert_envelope(what: &str, xml: &str) {
    assert!(
        xml.starts_with(r#"<?xml version="1.0" encoding="utf-8"?>"#),
        "{what}: {xml}"
    );
    for ns in [SOAP_NS, M_NS, T_NS] {
        assert!(
            xml.contains(&format!("\"{ns}\"")),
            "{what}: namespace {ns} missing in {xml}"
        );
    }
    assert!(
        !xml.contains("https://"),
        "{what}: https namespace in {xml}"
    );
    assert!(xml.contains("<soap:Body>"), "{what}: {xml}");
    assert!(xml.ends_with("</soap:Envelope>"), "{what}: {xml}");
}

/// Bytes of `text` as UTF-16 with a BOM (little- or big-endian).
pub fn utf16_with_bom(text: &str, little_endian: bool) -> Vec<u8> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut out = if little_endian {
        vec![0xFF, 0xFE]
    } else {
        vec![0xFE, 0xFF]
    };
    for unit in text.encode_utf16() {
        out.extend(if little_endian {
            unit.to_le_bytes()
        } else {
            unit.to_be_bytes()
        });
    }
    out
}
