//! The module graph runs one way (issue 12): each top-level module may use only
//! the modules on lower lines of the table in `src/lib.rs` (between
//! `BEGIN module graph` and `END module graph`), and modules on one line do not
//! use each other (`json` and `xml`, for one). JavaScript bindings (the
//! wasm-bindgen, js-sys, web-sys and gloo-net crates) are named only under
//! `src/wasm`.
//!
//! What counts as a use, in every `src/**/*.rs` but `src/lib.rs` (the crate root
//! may re-export from anywhere):
//! - every path that starts at `crate::`, `$crate::` or enough `super::` to
//!   leave the top-level module: in `use` (and so `pub use`: a re-export is a
//!   dependency like any other), in code, in macro bodies (`$crate::` counts
//!   for the module that defines the macro, since every caller depends on it)
//!   and in string literals (serde's `skip_serializing_if = "crate::…"`);
//!   `use crate::{a::X, b::Y}` counts each branch; `crate::Name` for a
//!   re-export at the crate root counts as the module it comes from;
//! - not comments (intra-doc links compile nothing), and not `#[cfg(test)]`
//!   items: unit tests may cross-check a module against any other.
//!
//! Native only; `cargo test --test module_graph`.

#![cfg(not(target_arch = "wasm32"))]

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

/// The crates through which Rust reaches JavaScript.
const JS_BINDINGS: &[&str] = &[
    "wasm_bindgen",
    "wasm_bindgen_futures",
    "js_sys",
    "web_sys",
    "gloo_net",
];

/// The top-level module that may name [`JS_BINDINGS`].
const JS_MODULE: &str = "wasm";

#[derive(Debug, Clone, PartialEq, Eq)]
struct Violation {
    file: String,
    line: usize,
    message: String,
}

impl std::fmt::Display for Violation {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}: {}", self.file, self.line, self.message)
    }
}

// ---------------------------------------------------------------------------
// Lexing: comments blanked, string and char literals set aside

/// The source with comments and the contents of string and char literals
/// replaced by spaces (newlines kept, so offsets and lines stay), and the
/// byte ranges of the string literals' contents.
struct Lexed {
    code: Vec<u8>,
    strings: Vec<(usize, usize)>,
}

fn is_ident(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_' || b >= 0x80
}

fn blank(code: &mut [u8], from: usize, to: usize) {
    let to = to.min(code.len());
    for b in &mut code[from.min(to)..to] {
        if *b != b'\n' {
            *b = b' ';
        }
    }
}

fn lex(src: &str) -> Lexed {
    let s = src.as_bytes();
    let mut code = s.to_vec();
    let mut strings = Vec::new();
    let mut i = 0;
    while i < s.len() {
        let b = s[i];
        let prev_ident = i > 0 && is_ident(s[i - 1]);
        if b == b'/' && s.get(i + 1) == Some(&b'/') {
            let end = s[i..]
                .iter()
                .position(|&c| c == b'\n')
                .map_or(s.len(), |p| i + p);
            blank(&mut code, i, end);
            i = end;
        } else if b == b'/' && s.get(i + 1) == Some(&b'*') {
            let mut depth = 0;
            let mut j = i;
            while j < s.len() {
                if s[j] == b'/' && s.get(j + 1) == Some(&b'*') {
                    depth += 1;
                    j += 2;
                } else if s[j] == b'*' && s.get(j + 1) == Some(&b'/') {
                    depth -= 1;
                    j += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    j += 1;
                }
            }
            blank(&mut code, i, j);
            i = j;
        } else if !prev_ident && (b == b'r' || (b == b'b' && s.get(i + 1) == Some(&b'r'))) {
            // A raw string `r#"…"#` / `br"…"`, or an identifier starting with r/b.
            let r = if b == b'r' { i } else { i + 1 };
            let hashes = s[r + 1..].iter().take_while(|&&c| c == b'#').count();
            if s.get(r + 1 + hashes) == Some(&b'"') {
                let start = r + 2 + hashes;
                let mut close = vec![b'"'];
                close.extend(std::iter::repeat_n(b'#', hashes));
                let end = s[start..]
                    .windows(close.len())
                    .position(|w| w == close.as_slice())
                    .map_or(s.len(), |p| start + p);
                strings.push((start, end));
                blank(&mut code, start, end);
                i = (end + close.len()).min(s.len());
            } else {
                while i < s.len() && is_ident(s[i]) {
                    i += 1;
                }
            }
        } else if b == b'"' {
            let start = i + 1;
            let mut j = start;
            while j < s.len() && s[j] != b'"' {
                j += if s[j] == b'\\' { 2 } else { 1 };
            }
            let end = j.min(s.len());
            strings.push((start, end));
            blank(&mut code, start, end);
            i = end + 1;
        } else if b == b'\'' {
            // A char literal (`'{'`, `'\''`, `'é'`) or a lifetime / label (`'a`).
            if s.get(i + 1) == Some(&b'\\') {
                let mut j = i + 3;
                while j < s.len() && s[j] != b'\'' {
                    j += 1;
                }
                blank(&mut code, i + 1, j);
                i = j + 1;
            } else {
                let len = src[i + 1..].chars().next().map_or(1, char::len_utf8);
                if s.get(i + 1 + len) == Some(&b'\'') {
                    blank(&mut code, i + 1, i + 1 + len);
                    i += len + 2;
                } else {
                    i += 1;
                }
            }
        } else if is_ident(b) {
            while i < s.len() && is_ident(s[i]) {
                i += 1;
            }
        } else {
            i += 1;
        }
    }
    Lexed { code, strings }
}

/// The offset just past the bracket matching the one at `open`.
fn matching(code: &[u8], open: usize) -> usize {
    let mut depth = 0usize;
    for (j, &c) in code.iter().enumerate().skip(open) {
        match c {
            b'(' | b'[' | b'{' => depth += 1,
            b')' | b']' | b'}' => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    return j + 1;
                }
            }
            _ => {}
        }
    }
    code.len()
}

fn skip_ws(code: &[u8], mut i: usize) -> usize {
    while i < code.len() && code[i].is_ascii_whitespace() {
        i += 1;
    }
    i
}

/// Blanks every item under `#[cfg(test)]` (up to its `;` or its closing `}`),
/// and drops the string literals inside it.
fn drop_test_items(lexed: &mut Lexed) {
    let mut i = 0;
    while i < lexed.code.len() {
        if lexed.code[i] != b'#' || lexed.code.get(i + 1) != Some(&b'[') {
            i += 1;
            continue;
        }
        let attr_end = matching(&lexed.code, i + 1);
        let attr: String = String::from_utf8_lossy(&lexed.code[i + 2..attr_end - 1])
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect();
        if attr != "cfg(test)" {
            i = attr_end;
            continue;
        }
        // Other attributes of the same item, then the item itself.
        let mut j = skip_ws(&lexed.code, attr_end);
        while lexed.code.get(j) == Some(&b'#') {
            j = skip_ws(&lexed.code, matching(&lexed.code, j + 1));
        }
        let mut end = lexed.code.len();
        while j < lexed.code.len() {
            match lexed.code[j] {
                b';' => {
                    end = j + 1;
                    break;
                }
                b'{' => {
                    end = matching(&lexed.code, j);
                    break;
                }
                b'(' | b'[' => j = matching(&lexed.code, j),
                _ => j += 1,
            }
        }
        blank(&mut lexed.code, i, end);
        lexed.strings.retain(|&(s, _)| s < i || s >= end);
        i = end;
    }
}

// ---------------------------------------------------------------------------
// Paths and use trees

/// One path written in the source: where, how it starts, and what follows.
#[derive(Debug)]
struct Written {
    at: usize,
    /// `None` for `crate` / `$crate`, `Some(n)` for `n` leading `super`s.
    supers: Option<usize>,
    /// The first segment after `crate::` / the `super`s, one per branch of a
    /// `{…}` group (empty when nothing follows).
    heads: Vec<String>,
    text: String,
}

fn ident_at(code: &[u8], i: usize) -> Option<(String, usize)> {
    let len = code[i..].iter().take_while(|&&c| is_ident(c)).count();
    (len > 0).then(|| {
        (
            String::from_utf8_lossy(&code[i..i + len]).into_owned(),
            i + len,
        )
    })
}

fn double_colon(code: &[u8], i: usize) -> Option<usize> {
    let j = skip_ws(code, i);
    (code.get(j) == Some(&b':') && code.get(j + 1) == Some(&b':')).then(|| skip_ws(code, j + 2))
}

/// The first segment of each branch of the use-tree group `{…}` at `open`.
fn group_heads(code: &[u8], open: usize) -> Vec<String> {
    let close = matching(code, open) - 1;
    let mut heads = Vec::new();
    let mut branch_start = true;
    let mut j = open + 1;
    while j < close {
        let c = code[j];
        if c == b'{' {
            // A nested group with no prefix (`{{a, b}}`): its branches count.
            if branch_start {
                heads.extend(group_heads(code, j));
            }
            j = matching(code, j);
            branch_start = false;
        } else if c == b',' {
            branch_start = true;
            j += 1;
        } else if is_ident(c) {
            let (word, end) = ident_at(code, j).unwrap_or_default();
            if branch_start {
                heads.push(word);
            }
            branch_start = false;
            j = end;
        } else {
            j += 1;
        }
    }
    heads
}

/// Every `crate::…`, `$crate::…` and `super::…` path in `code[from..to]`.
fn paths(code: &[u8], from: usize, to: usize) -> Vec<Written> {
    let mut out = Vec::new();
    let mut i = from;
    while i < to {
        if !is_ident(code[i]) {
            i += 1;
            continue;
        }
        let (word, end) = ident_at(code, i).unwrap_or_default();
        let starts_path =
            (i == 0 || !is_ident(code[i - 1])) && (word == "crate" || word == "super");
        if !starts_path {
            i = end;
            continue;
        }
        let mut supers = (word == "super").then_some(1);
        let mut j = end;
        let mut heads = Vec::new();
        let mut any = false;
        // The leading `super`s, the first segment (or group), then the rest of
        // the path for the message.
        while let Some(k) = double_colon(code, j) {
            any = true;
            if code.get(k) == Some(&b'{') {
                if heads.is_empty() {
                    heads = group_heads(code, k);
                }
                j = matching(code, k);
                break;
            }
            match ident_at(code, k) {
                Some((seg, e)) if seg == "super" && heads.is_empty() && supers.is_some() => {
                    supers = supers.map(|n| n + 1);
                    j = e;
                }
                Some((seg, e)) => {
                    if heads.is_empty() {
                        heads.push(seg);
                    }
                    j = e;
                }
                None => break,
            }
        }
        if any {
            let text =
                String::from_utf8_lossy(&code[i - usize::from(i > 0 && code[i - 1] == b'$')..j])
                    .split_whitespace()
                    .collect();
            out.push(Written {
                at: i,
                supers,
                heads,
                text,
            });
        }
        i = j.max(end);
    }
    out
}

/// The leaf names a `use` tree brings in, each with its path's first segment
/// (`a::b::{C, D as E}` gives `C → a`, `E → a`).
fn use_leaves(tree: &str) -> Vec<(String, String)> {
    /// Reads one branch; returns the token that ended it (`,`, `}`, or none).
    fn walk(
        tokens: &[String],
        i: &mut usize,
        first: Option<&str>,
        out: &mut Vec<(String, String)>,
    ) -> Option<String> {
        let mut first = first.map(str::to_owned);
        let mut last: Option<String> = None;
        let mut ended_by = None;
        while *i < tokens.len() {
            let t = tokens[*i].clone();
            *i += 1;
            match t.as_str() {
                "::" => {}
                "{" => {
                    while walk(tokens, i, first.as_deref(), out).as_deref() == Some(",") {}
                    last = None;
                }
                "," | "}" => {
                    ended_by = Some(t);
                    break;
                }
                "as" => {
                    if let (Some(alias), Some(f)) = (tokens.get(*i), &first) {
                        out.push((alias.clone(), f.clone()));
                    }
                    *i += 1;
                    last = None;
                }
                "*" => last = None,
                word => {
                    if first.is_none() {
                        first = Some(word.to_owned());
                    }
                    last = Some(word.to_owned());
                }
            }
        }
        if let (Some(l), Some(f)) = (last, first) {
            out.push((l, f));
        }
        ended_by
    }
    let mut tokens = Vec::new();
    let b = tree.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if is_ident(b[i]) {
            let (w, e) = ident_at(b, i).unwrap_or_default();
            tokens.push(w);
            i = e;
        } else if b[i] == b':' && b.get(i + 1) == Some(&b':') {
            tokens.push("::".into());
            i += 2;
        } else if b"{},*".contains(&b[i]) {
            tokens.push((b[i] as char).to_string());
            i += 1;
        } else {
            i += 1;
        }
    }
    let mut out = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        walk(&tokens, &mut i, None, &mut out);
    }
    out
}

// ---------------------------------------------------------------------------
// The crate root: the table, the modules, the re-exports

struct Root {
    /// Rank of each top-level module: higher lines of the table rank higher.
    rank: BTreeMap<String, usize>,
    /// `mod` declarations of the crate root.
    modules: Vec<String>,
    /// Names re-exported at the crate root, with the module they come from.
    reexports: BTreeMap<String, String>,
}

fn read_root(lib: &str) -> Result<Root, String> {
    let mut rows: Vec<Vec<String>> = Vec::new();
    let mut inside = false;
    for line in lib.lines() {
        let t = line.trim();
        if t == "// BEGIN module graph" {
            inside = true;
        } else if t == "// END module graph" {
            inside = false;
        } else if inside {
            let body = t.strip_prefix("//").ok_or("a table line without `//`")?;
            let names = body.split('|').next().unwrap_or_default();
            let row: Vec<String> = names.split_whitespace().map(str::to_owned).collect();
            if !row.is_empty() {
                rows.push(row);
            }
        }
    }
    if rows.is_empty() {
        return Err("src/lib.rs has no `BEGIN module graph` … `END module graph` table".into());
    }
    let mut rank = BTreeMap::new();
    let height = rows.len();
    for (i, row) in rows.iter().enumerate() {
        for m in row {
            if rank.insert(m.clone(), height - i).is_some() {
                return Err(format!("`{m}` is in the module graph twice"));
            }
        }
    }

    let lexed = lex(lib);
    let code = String::from_utf8_lossy(&lexed.code).into_owned();
    let mut modules = Vec::new();
    let mut reexports = BTreeMap::new();
    for stmt in code.split(';') {
        let words: Vec<&str> = stmt.split_whitespace().collect();
        // `[#[attr]] [pub] mod name` and `[pub] use tree`, attributes stripped.
        let start = words
            .iter()
            .position(|w| *w == "mod" || *w == "use")
            .unwrap_or(words.len());
        match words.get(start) {
            Some(&"mod") => {
                if let Some(name) = words.get(start + 1) {
                    modules.push((*name).to_owned());
                }
            }
            Some(&"use") if words.get(start.wrapping_sub(1)) == Some(&"pub") => {
                let tree = words[start + 1..].join(" ");
                let tree = tree.strip_prefix("crate::").unwrap_or(&tree);
                let tree = tree.strip_prefix("self::").unwrap_or(tree);
                for (name, first) in use_leaves(tree) {
                    reexports.insert(name, first);
                }
            }
            _ => {}
        }
    }
    Ok(Root {
        rank,
        modules,
        reexports,
    })
}

// ---------------------------------------------------------------------------
// The check

/// The module path of a source file: `src/types/items.rs` → `types::items`,
/// `src/types/mod.rs` → `types`, `src/json.rs` → `json`.
fn module_path(file: &str) -> Vec<String> {
    let rel = file.strip_prefix("src/").unwrap_or(file);
    let rel = rel.strip_suffix(".rs").unwrap_or(rel);
    let mut parts: Vec<String> = rel.split('/').map(str::to_owned).collect();
    if parts.last().is_some_and(|p| p == "mod") {
        parts.pop();
    }
    parts
}

/// Inline `mod name { … }` blocks left after the tests are dropped.
fn inline_modules(code: &[u8]) -> Vec<(usize, usize, String)> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < code.len() {
        match ident_at(code, i) {
            Some((w, e)) if w == "mod" && (i == 0 || !is_ident(code[i - 1])) => {
                let j = skip_ws(code, e);
                if let Some((name, e2)) = ident_at(code, j) {
                    let k = skip_ws(code, e2);
                    if code.get(k) == Some(&b'{') {
                        out.push((k, matching(code, k), name));
                    }
                }
                i = e;
            }
            Some((_, e)) => i = e,
            None => i += 1,
        }
    }
    out
}

fn line_of(src: &str, at: usize) -> usize {
    src.as_bytes()[..at].iter().filter(|&&c| c == b'\n').count() + 1
}

/// Checks the crate: `lib` is `src/lib.rs`, `files` every other source file as
/// (path from the crate root, text).
fn check(lib: &str, files: &[(String, String)]) -> Vec<Violation> {
    let root = match read_root(lib) {
        Ok(r) => r,
        Err(message) => {
            return vec![Violation {
                file: "src/lib.rs".into(),
                line: 1,
                message,
            }]
        }
    };
    let mut out = Vec::new();
    for m in &root.modules {
        if !root.rank.contains_key(m) {
            out.push(Violation {
                file: "src/lib.rs".into(),
                line: 1,
                message: format!("module `{m}` is not in the module graph table"),
            });
        }
    }
    for m in root.rank.keys() {
        if !root.modules.contains(m) {
            out.push(Violation {
                file: "src/lib.rs".into(),
                line: 1,
                message: format!(
                    "the module graph names `{m}`, which the crate root does not declare"
                ),
            });
        }
    }

    for (file, src) in files {
        let path = module_path(file);
        let Some(top) = path.first().cloned() else {
            continue;
        };
        let mut lexed = lex(src);
        drop_test_items(&mut lexed);
        let inline = inline_modules(&lexed.code);

        let mut written = paths(&lexed.code, 0, lexed.code.len());
        let original = src.as_bytes();
        for &(s, e) in &lexed.strings {
            written.extend(
                paths(original, s, e)
                    .into_iter()
                    .filter(|w| w.supers.is_none()),
            );
        }
        written.sort_by_key(|w| w.at);

        for w in written {
            // The module the path starts from.
            let base: Vec<String> = match w.supers {
                None => Vec::new(),
                Some(n) => {
                    let mut here = path.clone();
                    here.extend(
                        inline
                            .iter()
                            .filter(|(s, e, _)| *s < w.at && w.at < *e)
                            .map(|(_, _, n)| n.clone()),
                    );
                    here.truncate(here.len().saturating_sub(n));
                    here
                }
            };
            let targets: Vec<Result<String, String>> = if let Some(first) = base.first() {
                vec![Ok(first.clone())]
            } else {
                w.heads
                    .iter()
                    .filter(|h| *h != "self")
                    .map(|h| {
                        if root.modules.contains(h) {
                            Ok(h.clone())
                        } else if let Some(m) = root.reexports.get(h) {
                            Ok(m.clone())
                        } else {
                            Err(h.clone())
                        }
                    })
                    .collect()
            };
            for t in targets {
                let message = match t {
                    Err(name) => format!(
                        "`{}`: `{name}` is neither a module nor a re-export of the crate root",
                        w.text
                    ),
                    Ok(m) if m == top => continue,
                    Ok(m) => {
                        let (Some(&from), Some(&to)) = (root.rank.get(&top), root.rank.get(&m))
                        else {
                            continue; // reported above: a module missing from the table
                        };
                        if to < from {
                            continue;
                        }
                        let why = if to == from {
                            "on the same line as"
                        } else {
                            "above"
                        };
                        format!(
                            "`{top}` uses `{m}` (`{}`), but `{m}` is {why} `{top}` in the module graph of src/lib.rs",
                            w.text
                        )
                    }
                };
                out.push(Violation {
                    file: file.clone(),
                    line: line_of(src, w.at),
                    message,
                });
            }
        }

        if top != JS_MODULE {
            let code = &lexed.code;
            let mut i = 0;
            while i < code.len() {
                match ident_at(code, i) {
                    Some((word, e)) => {
                        if JS_BINDINGS.contains(&word.as_str())
                            && (i == 0 || !is_ident(code[i - 1]))
                        {
                            out.push(Violation {
                                file: file.clone(),
                                line: line_of(src, i),
                                message: format!(
                                    "`{word}` outside src/{JS_MODULE}: JavaScript bindings live only there"
                                ),
                            });
                        }
                        i = e;
                    }
                    None => i += 1,
                }
            }
        }
    }
    out
}

fn sources(dir: &Path, out: &mut Vec<(String, String)>) {
    let mut entries: Vec<_> = fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(Result::ok)
        .map(|e| e.path())
        .collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            sources(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            let rel = p
                .strip_prefix(env!("CARGO_MANIFEST_DIR"))
                .unwrap_or(&p)
                .to_string_lossy()
                .replace('\\', "/");
            let text = fs::read_to_string(&p).unwrap_or_else(|e| panic!("{rel}: {e}"));
            out.push((rel, text));
        }
    }
}

fn crate_sources() -> (String, Vec<(String, String)>) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let lib = fs::read_to_string(root.join("src/lib.rs")).expect("src/lib.rs");
    let mut files = Vec::new();
    sources(&root.join("src"), &mut files);
    files.retain(|(f, _)| f != "src/lib.rs");
    (lib, files)
}

#[test]
fn every_use_runs_down_the_module_graph() {
    let (lib, files) = crate_sources();
    assert!(files.len() > 30, "{} source files found", files.len());
    let violations = check(&lib, &files);
    assert!(
        violations.is_empty(),
        "{} use(s) against the module graph:\n{}",
        violations.len(),
        violations
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join("\n")
    );
}

#[test]
fn the_table_keeps_the_issues_order() {
    let (lib, _) = crate_sources();
    let root = read_root(&lib).expect("the table");
    let r = |m: &str| {
        *root
            .rank
            .get(m)
            .unwrap_or_else(|| panic!("{m} not in the table"))
    };
    // wasm → client → operations → model → xml / json primitives → error.
    assert!(r("wasm") > r("client"));
    assert!(r("client") > r("operations"));
    assert!(r("operations") > r("soap"));
    assert!(r("soap") > r("types"));
    assert!(r("types") > r("json_in"));
    assert!(r("types") > r("ts_type"));
    assert!(r("json_in") > r("xml"));
    assert_eq!(r("json"), r("xml"), "json and xml stay independent");
    assert!(r("xml") > r("error"));
    assert_eq!(
        root.rank.values().min(),
        Some(&r("error")),
        "error is at the bottom"
    );
    assert_eq!(
        root.rank.values().max(),
        Some(&r("wasm")),
        "wasm is at the top"
    );
}

// ---------------------------------------------------------------------------
// The checker itself, on made-up crates

const LIB: &str = "\
// BEGIN module graph
//   wasm        | top
//   client      | …
//   types       | model
//   json xml    | primitives
//   error       | bottom
// END module graph
pub mod client;
pub mod error;
pub mod json;
pub mod types;
pub mod xml;
#[cfg(target_arch = \"wasm32\")]
pub mod wasm;
pub use error::{Error, Result as EwsResult};
pub use types::items::{Item, Persona};
";

fn run(files: &[(&str, &str)]) -> Vec<String> {
    let files: Vec<(String, String)> = files
        .iter()
        .map(|(f, t)| ((*f).to_owned(), (*t).to_owned()))
        .collect();
    check(LIB, &files).iter().map(ToString::to_string).collect()
}

#[test]
fn checker_accepts_uses_down_the_graph() {
    let v = run(&[
        ("src/error.rs", "pub enum Error {}\n"),
        (
            "src/json.rs",
            "use crate::error::Error;\nfn f() -> crate::EwsResult<()> { Ok(()) }\n",
        ),
        (
            "src/types/items.rs",
            "use super::super::json::X;\nuse super::Other;\nuse crate::{json::A, xml::B, Error};\n\
             macro_rules! m { () => { $crate::json::write(); $crate::types::x() } }\n",
        ),
        (
            "src/wasm/mod.rs",
            "use wasm_bindgen::prelude::*;\nuse crate::client::Client;\n#[wasm_bindgen] pub fn f() {}\n",
        ),
        // Comments, tests and lookalikes are not uses.
        (
            "src/error.rs",
            "// crate::client::x\n/* crate::wasm /* nested */ crate::types */\n/// [`crate::json`]\n\
             pub(crate) fn f<'a>(x: &'a str) -> char { let _ = '{'; '}' }\n\
             #[cfg(test)]\nmod tests { use crate::client::C; fn t() { crate::json::f(); } }\n\
             #[cfg(test)]\nuse crate::types::Item;\n",
        ),
    ]);
    assert_eq!(v, Vec::<String>::new());
}

#[test]
fn checker_names_file_line_and_edge() {
    let v = run(&[(
        "src/error.rs",
        "pub enum Error {}\n\nimpl Error {\n    fn j(&self) { use crate::json::JsonOut; }\n}\n",
    )]);
    assert_eq!(v.len(), 1, "{v:?}");
    assert!(
        v[0].starts_with("src/error.rs:4: `error` uses `json` (`crate::json::JsonOut`)"),
        "{v:?}"
    );
    assert!(v[0].contains("above"), "{v:?}");
}

#[test]
fn checker_refuses_same_line_and_upward_edges_in_every_form() {
    let cases: &[(&str, &str, &str)] = &[
        // json and xml are on one line: neither may use the other.
        (
            "src/json.rs",
            "use crate::xml::RawElement;",
            "`json` uses `xml`",
        ),
        (
            "src/xml/mod.rs",
            "impl crate::json::ToJson for X {}",
            "`xml` uses `json`",
        ),
        // A macro body's `$crate::` counts for the module defining the macro.
        (
            "src/xml/mod.rs",
            "macro_rules! m { () => { impl $crate::types::T for X {} } }",
            "`xml` uses `types` (`$crate::types::T`)",
        ),
        // Groups, root re-exports (with `as`), `super::` out of the module.
        (
            "src/json.rs",
            "use crate::{error::E, client::C};",
            "`json` uses `client`",
        ),
        (
            "src/error.rs",
            "fn f(_: crate::Item) {}",
            "`error` uses `types`",
        ),
        (
            "src/types/items.rs",
            "use super::super::client::C;",
            "`types` uses `client`",
        ),
        ("src/json.rs", "use super::types::T;", "`json` uses `types`"),
        // A re-export is a use.
        (
            "src/types/mod.rs",
            "pub use crate::client::Client;",
            "`types` uses `client`",
        ),
        // Paths in strings (serde attributes).
        (
            "src/xml/mod.rs",
            "#[serde(skip_serializing_if = \"crate::types::Absent::is_absent\")] struct S;",
            "`xml` uses `types`",
        ),
        // Spaces inside the path.
        ("src/json.rs", "use crate :: xml :: X;", "`json` uses `xml`"),
        // A test attribute on something else does not hide the next item.
        (
            "src/json.rs",
            "#[cfg(not(test))]\nuse crate::xml::X;",
            "`json` uses `xml`",
        ),
        // Unknown names at the root.
        (
            "src/json.rs",
            "use crate::Nowhere;",
            "`Nowhere` is neither a module nor a re-export",
        ),
        // JavaScript bindings outside src/wasm.
        (
            "src/client/fetch.rs",
            "use wasm_bindgen::JsValue;",
            "`wasm_bindgen` outside src/wasm",
        ),
        (
            "src/client/mod.rs",
            "#[wasm_bindgen]\npub fn f() {}",
            "`wasm_bindgen` outside src/wasm",
        ),
        (
            "src/client/mod.rs",
            "fn f() { js_sys::Date::now(); }",
            "`js_sys` outside src/wasm",
        ),
    ];
    for (file, text, want) in cases {
        let v = run(&[(file, text)]);
        assert!(
            v.len() == 1 && v[0].contains(want),
            "{file}: {text:?}: want one violation with {want:?}, got {v:?}"
        );
    }
}

#[test]
fn checker_wants_every_module_in_the_table() {
    let lib = LIB.replace("pub mod xml;", "pub mod xml;\npub mod extra;");
    let v = check(&lib, &[]);
    assert_eq!(v.len(), 1, "{v:?}");
    assert!(
        v[0].message.contains("`extra` is not in the module graph"),
        "{v:?}"
    );

    let lib = LIB.replace("pub mod json;\n", "");
    let v = check(&lib, &[]);
    assert_eq!(v.len(), 1, "{v:?}");
    assert!(v[0].message.contains("names `json`"), "{v:?}");

    let v = check("pub mod a;\n", &[]);
    assert_eq!(v.len(), 1, "{v:?}");
    assert!(v[0].message.contains("no `BEGIN module graph`"), "{v:?}");
}
