//! Turning response bytes into text: UTF-8 (with or without BOM), or UTF-16 with
//! a BOM. Anything else is [`Error::MalformedXml`] at the first bad byte.

use std::borrow::Cow;

use crate::error::{Error, Result};

/// Decodes a response body. Invalid UTF-8 is an error (never replaced).
pub fn decode(bytes: &[u8]) -> Result<Cow<'_, str>> {
    match bytes {
        [0xFF, 0xFE, rest @ ..] => utf16(rest, u16::from_le_bytes).map(Cow::Owned),
        [0xFE, 0xFF, rest @ ..] => utf16(rest, u16::from_be_bytes).map(Cow::Owned),
        _ => std::str::from_utf8(bytes)
            .map(Cow::Borrowed)
            .map_err(|e| Error::MalformedXml {
                position: e.valid_up_to() as u64,
                message: "the body is not valid UTF-8".into(),
            }),
    }
}

fn utf16(bytes: &[u8], from: fn([u8; 2]) -> u16) -> Result<String> {
    if bytes.len() % 2 != 0 {
        return Err(Error::MalformedXml {
            position: bytes.len() as u64 + 1,
            message: "UTF-16 body with an odd number of bytes".into(),
        });
    }
    let units = bytes.chunks_exact(2).map(|c| from([c[0], c[1]]));
    let mut out = String::with_capacity(bytes.len() / 2);
    for (i, ch) in char::decode_utf16(units).enumerate() {
        match ch {
            Ok(c) => out.push(c),
            Err(_) => {
                return Err(Error::MalformedXml {
                    position: 2 + 2 * i as u64,
                    message: "the body is not valid UTF-16 (unpaired surrogate)".into(),
                })
            }
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_utf8_and_utf16() {
        assert_eq!(decode(b"<a/>").unwrap(), "<a/>");
        let le: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain("<a>é</a>".encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        assert_eq!(decode(&le).unwrap(), "<a>é</a>");
        let be: Vec<u8> = [0xFE, 0xFF]
            .into_iter()
            .chain("<a/>".encode_utf16().flat_map(u16::to_be_bytes))
            .collect();
        assert_eq!(decode(&be).unwrap(), "<a/>");
    }

    #[test]
    fn refuses_invalid_bytes() {
        assert!(matches!(
            decode(b"<a>\xff</a>"),
            Err(Error::MalformedXml { position: 3, .. })
        ));
        assert!(decode(&[0xFF, 0xFE, 0x00]).is_err());
        assert!(decode(&[0xFF, 0xFE, 0x00, 0xD8, 0x41, 0x00]).is_err());
    }
}
