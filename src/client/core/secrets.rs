//! Keeping credentials out of errors: which headers are secret, and scrubbing
//! transport messages (the one rule set of both clients).

use crate::client::Auth;

/// Whether a header carries a credential: `Authorization`,
/// `Proxy-Authorization`, `Cookie`, and any `X-…` header whose name holds
/// `token` (`X-Auth-Token`, `X-MS-Token`, …). Their values are scrubbed from
/// every error and never shown in debug output.
pub fn is_secret_header(name: &str) -> bool {
    let n = name.to_ascii_lowercase();
    matches!(
        n.as_str(),
        "authorization" | "proxy-authorization" | "cookie"
    ) || (n.starts_with("x-") && find(&n, "token").is_some())
}

/// Every string that must never appear in an error: the credentials of
/// `auth` in every form they are sent or written in, and the values of the
/// secret `headers`; longest first (so a secret inside another is scrubbed
/// as part of it).
pub fn secrets_of<'a>(
    auth: &Auth,
    headers: impl IntoIterator<Item = (&'a str, &'a str)>,
) -> Vec<String> {
    let mut all = auth.secrets();
    for (k, v) in headers {
        if is_secret_header(k) {
            all.push(v.to_owned());
        }
    }
    // Plain loops (no retain/dedup/sort, no iterator adaptors): a handful of
    // strings, and each of those is wasm of its own.
    let mut secrets: Vec<String> = Vec::with_capacity(all.len());
    for slot in &mut all {
        let s = std::mem::take(slot);
        if s.is_empty() || secrets.contains(&s) {
            continue;
        }
        // Longest first: moved down past every shorter one.
        let mut j = secrets.len();
        secrets.push(s);
        while j > 0 && secrets[j - 1].len() < secrets[j].len() {
            secrets.swap(j - 1, j);
            j -= 1;
        }
    }
    secrets
}

/// Replaces the user-info of every `scheme://user:pass@host` in `text` with `***`.
pub fn scrub_url_userinfo(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = find(rest, "://") {
        let (head, tail) = rest.split_at_checked(i + 3).unwrap_or((rest, ""));
        out.push_str(head);
        let end = tail
            .find(|c: char| c == '/' || c == '?' || c == '#' || c.is_whitespace())
            .unwrap_or(tail.len());
        match tail.get(..end).unwrap_or(tail).rfind('@') {
            Some(at) => {
                out.push_str("***");
                rest = tail.get(at..).unwrap_or_default();
            }
            None => rest = tail,
        }
    }
    out.push_str(rest);
    out
}

/// The first byte offset of `needle` in `haystack` (error messages are short:
/// a plain scan keeps the module small).
pub(crate) fn find(haystack: &str, needle: &str) -> Option<usize> {
    let (h, n) = (haystack.as_bytes(), needle.as_bytes());
    if n.is_empty() {
        return None;
    }
    h.windows(n.len()).position(|w| w == n)
}

/// Removes URL user-info and every secret from `text`.
pub fn scrub(text: &str, secrets: &[String]) -> String {
    let mut out = scrub_url_userinfo(text);
    for s in secrets {
        if find(&out, s).is_none() {
            continue;
        }
        let mut next = String::with_capacity(out.len());
        let mut rest = out.as_str();
        while let Some(i) = find(rest, s) {
            next.push_str(rest.get(..i).unwrap_or_default());
            next.push_str("***");
            rest = rest.get(i + s.len()..).unwrap_or_default();
        }
        next.push_str(rest);
        out = next;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_are_longest_first_without_empties_or_repeats() {
        let auth = Auth::basic("me", "pw!");
        let headers = [
            ("X-Auth-Token", "tok"),
            ("Cookie", "pw!"), // the password again: listed once
            ("Proxy-Authorization", ""),
            ("Accept", "text/xml"), // not secret
            ("authorization", "Basic bWU6cHch"),
        ];
        let s = secrets_of(&auth, headers);
        assert_eq!(
            s,
            [
                "Basic bWU6cHch",
                "bWU6cHch",
                "me:pw!",
                "pw%21",
                "pw!",
                "tok"
            ],
            "{s:?}"
        );
        for w in s.windows(2) {
            assert!(w[0].len() >= w[1].len(), "{s:?}");
        }
        // A secret inside a longer one is scrubbed as part of it.
        assert_eq!(
            scrub("h: Basic bWU6cHch, t=tok, a=text/xml", &s),
            "h: ***, t=***, a=text/xml"
        );
        assert!(secrets_of(&Auth::None, []).is_empty());
    }
}
