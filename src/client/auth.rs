//! Credentials, and keeping them out of errors and debug output.

use std::fmt;

use crate::error::{Error, Result};

/// How the client authenticates.
#[derive(Clone, Default, PartialEq, Eq)]
pub enum Auth {
    /// No `Authorization` header: cookies or integrated auth (a browser
    /// transport sends credentials, [`HttpRequest::include_credentials`](super::HttpRequest::include_credentials)).
    #[default]
    None,
    /// `Authorization: Bearer <token>` (OAuth).
    Bearer(String),
    /// `Authorization: Basic base64(username:password)`.
    Basic {
        /// User name (no `:`).
        username: String,
        /// Password.
        password: String,
    },
}

impl fmt::Debug for Auth {
    /// Never shows a token or password.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Auth::None => f.write_str("None"),
            Auth::Bearer(_) => f.write_str("Bearer(<redacted>)"),
            Auth::Basic { username, .. } => f
                .debug_struct("Basic")
                .field("username", username)
                .field("password", &"<redacted>")
                .finish(),
        }
    }
}

impl Auth {
    /// Bearer token auth.
    pub fn bearer(token: impl Into<String>) -> Self {
        Auth::Bearer(token.into())
    }

    /// Basic auth.
    pub fn basic(username: impl Into<String>, password: impl Into<String>) -> Self {
        Auth::Basic {
            username: username.into(),
            password: password.into(),
        }
    }

    pub(crate) fn validate(&self) -> Result<()> {
        match self {
            Auth::None => Ok(()),
            Auth::Bearer(t) => {
                if t.trim().is_empty() || t.contains(['\r', '\n', '\0']) {
                    Err(Error::invalid(
                        "auth.bearer",
                        "the bearer token must be non-empty and on one line",
                    ))
                } else {
                    Ok(())
                }
            }
            Auth::Basic { username, .. } => {
                if username.is_empty() || username.contains(':') {
                    Err(Error::invalid(
                        "auth.basic.username",
                        "the user name must be non-empty and without `:`",
                    ))
                } else {
                    Ok(())
                }
            }
        }
    }

    /// The `Authorization` header value.
    pub(crate) fn header_value(&self) -> Option<String> {
        match self {
            Auth::None => None,
            Auth::Bearer(t) => Some(format!("Bearer {t}")),
            Auth::Basic { username, password } => Some(format!(
                "Basic {}",
                base64(format!("{username}:{password}").as_bytes())
            )),
        }
    }

    /// Every string that must never be shown.
    pub(crate) fn secrets(&self) -> Vec<String> {
        match self {
            Auth::None => Vec::new(),
            Auth::Bearer(t) => vec![format!("Bearer {t}"), t.clone()],
            Auth::Basic { username, password } => {
                let pair = format!("{username}:{password}");
                vec![
                    base64(pair.as_bytes()),
                    pair,
                    percent_encode(password),
                    password.clone(),
                ]
            }
        }
    }
}

/// Standard base64 with padding.
pub(crate) fn base64(bytes: &[u8]) -> String {
    const A: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            chunk.get(1).copied().unwrap_or(0),
            chunk.get(2).copied().unwrap_or(0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        out.push(A[(n >> 18) as usize & 63] as char);
        out.push(A[(n >> 12) as usize & 63] as char);
        out.push(if chunk.len() > 1 {
            A[(n >> 6) as usize & 63] as char
        } else {
            '='
        });
        out.push(if chunk.len() > 2 {
            A[n as usize & 63] as char
        } else {
            '='
        });
    }
    out
}

fn percent_encode(s: &str) -> String {
    let mut out = String::new();
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
            out.push(b as char);
        } else {
            const HEX: &[u8; 16] = b"0123456789ABCDEF";
            out.push('%');
            out.push(HEX[usize::from(b >> 4)] as char);
            out.push(HEX[usize::from(b & 15)] as char);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_matches_rfc4648() {
        for (i, o) in [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg=="),
            ("fooba", "Zm9vYmE="),
            ("foobar", "Zm9vYmFy"),
        ] {
            assert_eq!(base64(i.as_bytes()), o);
        }
    }

    #[test]
    fn scrubs_userinfo_and_secrets() {
        use crate::client::core::secrets::{scrub, scrub_url_userinfo};
        assert_eq!(
            scrub_url_userinfo("GET https://u:p@h/x?y=http://a@b then ftp://c"),
            "GET https://***@h/x?y=http://***@b then ftp://c"
        );
        let secrets = Auth::basic("me", "pw!").secrets();
        assert_eq!(
            scrub("x pw! bWU6cHch me:pw! pw%21", &secrets),
            "x *** *** *** ***"
        );
        assert_eq!(format!("{:?}", Auth::bearer("tok")), "Bearer(<redacted>)");
    }
}
