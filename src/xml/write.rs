//! A minimal XML writer for request envelopes: every text and attribute value is
//! escaped so that a real XML parser reads back exactly the string that was given.

use crate::error::{Error, Result};
use crate::xml::read::is_xml_char;

/// Appends XML to a string. Names are written as given (they are constants of the
/// library); values are always escaped.
#[derive(Debug, Default)]
pub struct XmlWriter {
    out: String,
}

impl XmlWriter {
    /// A writer that starts with the XML declaration.
    pub fn with_declaration() -> Self {
        let mut out = String::with_capacity(1024);
        out.push_str("<?xml version=\"1.0\" encoding=\"utf-8\"?>");
        XmlWriter { out }
    }

    /// `<name a="v" …>`
    pub fn open(&mut self, name: &str, attrs: &[(&str, &str)]) -> &mut Self {
        self.tag(name, attrs);
        self.out.push('>');
        self
    }

    /// `<name a="v" …/>`
    pub fn empty(&mut self, name: &str, attrs: &[(&str, &str)]) -> &mut Self {
        self.tag(name, attrs);
        self.out.push_str("/>");
        self
    }

    /// `</name>`
    pub fn close(&mut self, name: &str) -> &mut Self {
        self.out.push_str("</");
        self.out.push_str(name);
        self.out.push('>');
        self
    }

    /// `<name>text</name>` with the text escaped.
    pub fn text_element(&mut self, name: &str, text: &str) -> &mut Self {
        self.open(name, &[]);
        escape_text_into(&mut self.out, text);
        self.close(name)
    }

    /// `<name a="v">text</name>`.
    pub fn text_element_with(
        &mut self,
        name: &str,
        attrs: &[(&str, &str)],
        text: &str,
    ) -> &mut Self {
        self.open(name, attrs);
        escape_text_into(&mut self.out, text);
        self.close(name)
    }

    fn tag(&mut self, name: &str, attrs: &[(&str, &str)]) {
        self.out.push('<');
        self.out.push_str(name);
        for (k, v) in attrs {
            self.out.push(' ');
            self.out.push_str(k);
            self.out.push_str("=\"");
            escape_attr_into(&mut self.out, v);
            self.out.push('"');
        }
    }

    /// The XML written so far.
    pub fn finish(self) -> String {
        self.out
    }
}

/// Escapes character data: `&`, `<`, `>` (so `]]>` cannot occur) and CR (which a
/// parser would otherwise normalise away).
pub fn escape_text_into(out: &mut String, s: &str) {
    let mut last = 0;
    for (i, b) in s.bytes().enumerate() {
        let rep = match b {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'\r' => "&#13;",
            _ => continue,
        };
        out.push_str(s.get(last..i).unwrap_or_default());
        out.push_str(rep);
        last = i + 1;
    }
    out.push_str(s.get(last..).unwrap_or_default());
}

/// Escapes an attribute value: markup characters, both quotes, and TAB/LF/CR as
/// character references (attribute-value normalisation would turn them into spaces).
pub fn escape_attr_into(out: &mut String, s: &str) {
    let mut last = 0;
    for (i, b) in s.bytes().enumerate() {
        let rep = match b {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            b'\'' => "&apos;",
            b'\t' => "&#9;",
            b'\n' => "&#10;",
            b'\r' => "&#13;",
            _ => continue,
        };
        out.push_str(s.get(last..i).unwrap_or_default());
        out.push_str(rep);
        last = i + 1;
    }
    out.push_str(s.get(last..).unwrap_or_default());
}

/// Checks that a user string can be carried by XML 1.0 at all (no NUL or other
/// C0 controls but TAB/LF/CR, no U+FFFE/U+FFFF).
pub fn check_xml_string(path: &str, s: &str) -> Result<()> {
    match s.chars().find(|&c| !is_xml_char(c)) {
        Some(c) => Err(Error::invalid(
            path,
            format!("contains U+{:04X}, which XML 1.0 cannot carry", c as u32),
        )),
        None => Ok(()),
    }
}

/// Checks a `NonEmptyStringType`-like value: non-empty and XML-safe.
pub fn check_non_empty(path: &str, s: &str) -> Result<()> {
    if s.is_empty() {
        return Err(Error::invalid(path, "must not be empty"));
    }
    check_xml_string(path, s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes() {
        let mut w = XmlWriter::default();
        w.text_element_with("a", &[("b", "\"'<&>\t\n\r")], "<&>]]>\r\n");
        assert_eq!(
            w.finish(),
            "<a b=\"&quot;&apos;&lt;&amp;&gt;&#9;&#10;&#13;\">&lt;&amp;&gt;]]&gt;&#13;\n</a>"
        );
    }

    #[test]
    fn refuses_what_xml_cannot_carry() {
        assert!(check_xml_string("x", "ok \u{1F600}\t").is_ok());
        assert_eq!(
            check_xml_string("x", "\u{0}").unwrap_err().code(),
            "ERR_INVALID_OPTIONS"
        );
        assert!(check_xml_string("x", "\u{FFFE}").is_err());
        assert!(check_non_empty("x", "").is_err());
    }
}
