#![cfg(not(target_arch = "wasm32"))]
//! The npm package's TypeScript declarations (`pkg-template/index.d.ts`) are
//! generated from the Rust types by `ews_wasm::ts::typescript_declarations`.
//!
//! - The committed file must be exactly the generated one; to regenerate it:
//!   `UPDATE_TS=1 cargo test --test typescript`.
//! - No `any` anywhere in it.
//! - Every name the package's entries export is declared.
//! - The JSON the parsers return for every fixture type-checks against the
//!   declared result types under `tsc --strict` (excess-property checks included),
//!   when `node_modules/.bin/tsc` is there (`npm install`).

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

use ews_wasm::json::{to_json_string, ToJson};
use ews_wasm::ts::typescript_declarations;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn dts_path() -> PathBuf {
    root().join("pkg-template/index.d.ts")
}

#[test]
fn committed_declarations_are_the_generated_ones() {
    let generated = typescript_declarations();
    let path = dts_path();
    if std::env::var_os("UPDATE_TS").is_some_and(|v| v == "1") {
        std::fs::write(&path, &generated).expect("write index.d.ts");
        eprintln!("wrote {} ({} bytes)", path.display(), generated.len());
        return;
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    if committed != generated {
        let line = committed
            .lines()
            .zip(generated.lines())
            .position(|(a, b)| a != b)
            .unwrap_or_else(|| committed.lines().count().min(generated.lines().count()));
        panic!(
            "pkg-template/index.d.ts is not the generated file (first difference at line {}).\n\
             Regenerate it with: UPDATE_TS=1 cargo test --test typescript",
            line + 1
        );
    }
}

/// The code of a TypeScript file without its comments and string literals.
fn code_only(ts: &str) -> String {
    let mut out = String::with_capacity(ts.len());
    let mut chars = ts.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '/' if chars.peek() == Some(&'/') => {
                for c in chars.by_ref() {
                    if c == '\n' {
                        out.push('\n');
                        break;
                    }
                }
            }
            '/' if chars.peek() == Some(&'*') => {
                chars.next();
                let mut prev = ' ';
                for c in chars.by_ref() {
                    if prev == '*' && c == '/' {
                        break;
                    }
                    prev = c;
                }
                out.push(' ');
            }
            '\'' | '"' | '`' => {
                let mut escaped = false;
                for d in chars.by_ref() {
                    if escaped {
                        escaped = false;
                    } else if d == '\\' {
                        escaped = true;
                    } else if d == c {
                        break;
                    }
                }
                out.push_str("''");
            }
            other => out.push(other),
        }
    }
    out
}

fn words(code: &str) -> impl Iterator<Item = &str> {
    code.split(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '$'))
        .filter(|w| !w.is_empty())
}

#[test]
fn no_any_in_the_declarations() {
    let generated = typescript_declarations();
    let code = code_only(&generated);
    assert!(
        !words(&code).any(|w| w == "any"),
        "`any` in the generated declarations"
    );
    // The stripping works: a type word in a comment is not code.
    assert!(!words(&code_only("// any\n/* any */ type A = 'any';")).any(|w| w == "any"));
    assert!(words(&code_only("type A = any;")).any(|w| w == "any"));
}

#[test]
fn every_type_is_declared_once() {
    let generated = typescript_declarations();
    let mut seen = BTreeSet::new();
    for line in generated.lines() {
        for kw in [
            "export interface ",
            "export type ",
            "export class ",
            "export function ",
        ] {
            if let Some(rest) = line.strip_prefix(kw) {
                let name: String = rest
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                    .collect();
                assert!(seen.insert(name.clone()), "`{name}` declared twice");
            }
        }
    }
    for name in [
        "Item",
        "SyncChange",
        "Attachment",
        "XmlNode",
        "Persona",
        "SyncFolderItemsOptions",
        "RequestHeader",
        "EwsError",
        "EwsClient",
    ] {
        assert!(seen.contains(name), "`{name}` is not declared");
    }
}

/// The names a JS module exports, following `export * from './x.js'` within pkg-template/.
fn js_exports(file: &Path, out: &mut BTreeSet<String>, depth: usize) {
    let Ok(src) = std::fs::read_to_string(file) else {
        return;
    };
    let code = src
        .lines()
        .filter(|l| !l.trim_start().starts_with("//"))
        .collect::<Vec<_>>()
        .join("\n");
    for (i, _) in code.match_indices("export ") {
        let at_line_start = i == 0 || code.as_bytes().get(i - 1) == Some(&b'\n');
        if !at_line_start {
            continue;
        }
        let rest = code.get(i + "export ".len()..).unwrap_or_default();
        let rest = rest.strip_prefix("async ").unwrap_or(rest);
        if let Some(from) = rest.strip_prefix("* from ") {
            let target: String = from
                .trim_start_matches(['\'', '"'])
                .chars()
                .take_while(|c| *c != '\'' && *c != '"')
                .collect();
            if depth < 8 && target.starts_with("./") {
                let next = file.parent().unwrap_or(Path::new(".")).join(&target);
                js_exports(&next, out, depth + 1);
            }
            continue;
        }
        if let Some(list) = rest.strip_prefix('{') {
            let list = list.split('}').next().unwrap_or_default();
            for item in list.split(',') {
                let name = item.split(" as ").last().unwrap_or_default().trim();
                if !name.is_empty() {
                    out.insert(name.to_owned());
                }
            }
            continue;
        }
        for kw in ["function ", "function* ", "class ", "const ", "let "] {
            if let Some(r) = rest.strip_prefix(kw) {
                let name: String = r
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric() || *c == '_' || *c == '$')
                    .collect();
                out.insert(name);
            }
        }
    }
}

#[test]
fn every_exported_name_is_declared() {
    let dts = typescript_declarations();
    let declared: BTreeSet<String> = dts
        .lines()
        .filter_map(|l| {
            let rest = ["export function ", "export class ", "export const "]
                .iter()
                .find_map(|kw| l.strip_prefix(kw))?;
            Some(
                rest.chars()
                    .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                    .collect(),
            )
        })
        .collect();
    for entry in ["index.js", "node.js"] {
        let mut exported = BTreeSet::new();
        js_exports(&root().join("pkg-template").join(entry), &mut exported, 0);
        assert!(
            exported.contains("buildSyncFolderItemsRequest"),
            "{entry}: exports not found: {exported:?}"
        );
        for name in &exported {
            assert!(
                declared.contains(name),
                "pkg-template/{entry} exports `{name}`, which index.d.ts does not declare"
            );
        }
    }
}

// ---------------------------------------------------------------------------
// The option types against the options reader

/// `(key, optional)` of each property of `export interface NAME` in `dts`.
fn interface_keys(dts: &str, name: &str) -> Vec<(String, bool)> {
    let start = format!("export interface {name} ");
    let body = dts
        .split_once(&start)
        .and_then(|(_, rest)| rest.split_once("\n}"))
        .map(|(body, _)| body)
        .unwrap_or_else(|| panic!("no interface {name}"));
    body.lines()
        .map(str::trim)
        .filter(|l| !l.starts_with("/**") && !l.starts_with('*') && l.ends_with(';'))
        .filter_map(|l| {
            let (key, _) = l.split_once(':')?;
            Some(match key.strip_suffix('?') {
                Some(k) => (k.to_owned(), true),
                None => (key.to_owned(), false),
            })
        })
        .collect()
}

/// For an option type: the declared keys are exactly those of `full`, which
/// the options reader accepts; each key marked optional may be left out, and
/// leaving out a required one fails with its path.
fn check_option_type<T: ews_wasm::json_in::FromJson>(
    dts: &str,
    name: &str,
    full: serde_json::Value,
) {
    let keys = interface_keys(dts, name);
    let obj = full.as_object().expect("an object");
    let declared: BTreeSet<&str> = keys.iter().map(|(k, _)| k.as_str()).collect();
    let given: BTreeSet<&str> = obj.keys().map(String::as_str).collect();
    assert_eq!(
        declared, given,
        "{name}: declared keys vs the test's full value"
    );
    if let Err(e) = ews_wasm::parse_options::<T>(&full.to_string()) {
        panic!("{name}: the reader refuses a value with every declared key: {e}");
    }
    for (key, optional) in &keys {
        let mut without = obj.clone();
        without.remove(key);
        let r = ews_wasm::parse_options::<T>(&serde_json::Value::Object(without).to_string());
        match (optional, r) {
            (true, Ok(_)) => {}
            (false, Err(ews_wasm::Error::InvalidOptions { path, .. })) if path == *key => {}
            (true, Err(e)) => {
                panic!("{name}.{key} is declared optional, but leaving it out fails: {e}")
            }
            (false, r) => {
                panic!(
                    "{name}.{key} is declared required, but leaving it out gives {:?}",
                    r.err()
                )
            }
        }
    }
}

#[test]
fn option_types_match_the_options_reader() {
    use ews_wasm::soap::{RequestHeader, TimeZoneContext};
    use ews_wasm::types::*;
    use ews_wasm::{
        ConversationRequest, GetConversationItemsRequest, GetImItemListRequest, GetImItemsRequest,
        Limits, SyncFolderItemsRequest,
    };
    use serde_json::json;

    let dts = typescript_declarations();
    let id = json!({ "id": "AAMk", "changeKey": "CQAA" });
    let mailbox = json!({ "name": "N", "emailAddress": "a@b.c", "routingType": "SMTP", "mailboxType": "Mailbox" });
    let dfid = json!({ "id": "inbox", "changeKey": "CQAA", "mailbox": mailbox });
    let ext = json!({ "distinguishedPropertySetId": "PublicStrings", "propertySetId": "00020329-0000-0000-C000-000000000046",
        "propertyTag": 12289, "propertyName": "x", "propertyId": 5, "propertyType": "String" });
    let indexed = json!({ "fieldURI": "contacts:EmailAddress", "fieldIndex": "EmailAddress1" });
    let shape = json!({ "baseShape": "IdOnly", "includeMimeContent": true, "bodyType": "Text", "uniqueBodyType": "HTML",
        "normalizedBodyType": "Best", "filterHtmlContent": true, "convertHtmlCodePageToUTF8": true,
        "inlineImageUrlTemplate": "x", "blockExternalImages": true, "addBlankTargetToLinks": true,
        "maximumBodySize": 10, "additionalProperties": [{ "fieldURI": "item:Subject" },
            { "indexedFieldURI": indexed }, { "extendedFieldURI": ext }] });
    let tz = json!({ "id": "UTC", "name": "U" });
    let header = json!({ "requestServerVersion": "Exchange2010_SP2", "mailboxCulture": "en-US",
        "impersonation": { "primarySmtpAddress": "a@b.c" }, "timeZoneContext": tz });
    let conversation = json!({ "conversationId": id, "syncState": "AQIA" });

    check_option_type::<ItemIdRef>(&dts, "ItemIdRef", id.clone());
    check_option_type::<FolderIdRef>(&dts, "FolderIdRef", id.clone());
    check_option_type::<MailboxRef>(&dts, "MailboxRef", mailbox);
    check_option_type::<DistinguishedFolderId>(&dts, "DistinguishedFolderId", dfid.clone());
    check_option_type::<AddressListId>(&dts, "AddressListId", json!({ "id": "x" }));
    check_option_type::<PathToExtendedField>(&dts, "PathToExtendedField", ext);
    check_option_type::<PathToIndexedField>(&dts, "PathToIndexedField", indexed);
    check_option_type::<ItemShape>(&dts, "ItemShape", shape.clone());
    check_option_type::<TimeZoneContext>(&dts, "TimeZoneContext", tz);
    check_option_type::<RequestHeader>(&dts, "RequestHeader", header.clone());
    check_option_type::<ConversationRequest>(&dts, "ConversationRequest", conversation.clone());
    check_option_type::<Limits>(
        &dts,
        "Limits",
        json!({ "maxResponseBytes": 100, "maxDepth": 10, "strict": true }),
    );
    check_option_type::<GetConversationItemsRequest>(
        &dts,
        "GetConversationItemsOptions",
        json!({ "header": header, "itemShape": shape, "foldersToIgnore": [{ "folderId": id }, { "distinguishedFolderId": dfid }],
            "maxItemsToReturn": 5, "sortOrder": "DateOrderAscending", "mailboxScope": "All", "conversations": [conversation] }),
    );
    check_option_type::<GetImItemsRequest>(
        &dts,
        "GetImItemsOptions",
        json!({ "header": header, "contactIds": [id], "groupIds": [id], "extendedProperties": [{ "propertyTag": "0x3001", "propertyType": "String" }] }),
    );
    check_option_type::<GetImItemListRequest>(
        &dts,
        "GetImItemListOptions",
        json!({ "header": header, "extendedProperties": [{ "propertyTag": "0x3001", "propertyType": "String" }] }),
    );
    check_option_type::<SyncFolderItemsRequest>(
        &dts,
        "SyncFolderItemsOptions",
        json!({ "header": header, "itemShape": shape, "syncFolderId": { "addressListId": { "id": "x" } }, "syncState": "s",
            "ignore": [id], "maxChangesReturned": 5, "syncScope": "NormalAndAssociatedItems" }),
    );

    // The one-key choices: each declared key is accepted alone.
    for (key, value) in [
        ("principalName", "p"),
        ("sid", "s"),
        ("primarySmtpAddress", "a"),
        ("smtpAddress", "b"),
    ] {
        assert!(
            dts.contains(&format!("{{ {key}: string;")),
            "Impersonation.{key}"
        );
        let h = json!({ "impersonation": { key: value } }).to_string();
        ews_wasm::parse_options::<RequestHeader>(&h).unwrap_or_else(|e| panic!("{key}: {e}"));
    }
}

// ---------------------------------------------------------------------------
// The parsers' JSON against the declared types

fn fixtures() -> Vec<PathBuf> {
    let dir = root().join("tests/fixtures");
    let mut out = Vec::new();
    for sub in [dir.clone(), dir.join("real"), dir.join("https-envelope")] {
        let Ok(entries) = std::fs::read_dir(&sub) else {
            continue;
        };
        for e in entries.flatten() {
            let p = e.path();
            if p.extension().is_some_and(|x| x == "xml") {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

fn tsc() -> Option<PathBuf> {
    let tsc = root().join("node_modules/.bin/tsc");
    tsc.exists().then_some(tsc)
}

#[test]
fn fixture_results_type_check_against_the_declarations() {
    let mut check = String::from(
        "import type {\n  SyncFolderItemsResponse, GetConversationItemsResponse, GetImItemsResponse,\n  \
         GetImItemListResponse, ThreadEntry,\n} from './index.js';\n\n",
    );
    let mut n = 0;
    let mut add = |check: &mut String, ty: &str, v: &dyn ToJsonDyn| {
        check.push_str(&format!("export const v{n}: {ty} = {};\n", v.json()));
        n += 1;
    };
    for path in fixtures() {
        let xml = std::fs::read_to_string(&path).expect("read fixture");
        if let Ok(r) = ews_wasm::parse_sync_folder_items_response(&xml) {
            add(&mut check, "SyncFolderItemsResponse", &r);
        }
        if let Ok(r) = ews_wasm::parse_get_conversation_items_response(&xml) {
            add(&mut check, "GetConversationItemsResponse", &r);
            for m in &r.response_messages {
                if let Some(c) = &m.conversation {
                    add(&mut check, "ThreadEntry[]", &c.thread());
                }
            }
        }
        if let Ok(r) = ews_wasm::parse_get_im_items_response(&xml) {
            add(&mut check, "GetImItemsResponse", &r);
        }
        if let Ok(r) = ews_wasm::parse_get_im_item_list_response(&xml) {
            add(&mut check, "GetImItemListResponse", &r);
        }
    }
    assert!(n >= 15, "only {n} fixture results");

    let Some(tsc) = tsc() else {
        eprintln!("SKIPPED the tsc check: no node_modules/.bin/tsc (run npm install)");
        return;
    };
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("ts-fixtures");
    std::fs::create_dir_all(&dir).expect("mkdir");
    std::fs::write(dir.join("index.d.ts"), typescript_declarations()).expect("write");
    std::fs::write(dir.join("check.ts"), &check).expect("write");
    let out = Command::new(&tsc)
        .args([
            "--noEmit",
            "--strict",
            "--exactOptionalPropertyTypes",
            "--target",
            "es2022",
            "--lib",
            "es2022,dom",
            "--module",
            "esnext",
            "--moduleResolution",
            "bundler",
        ])
        .arg(dir.join("check.ts"))
        .output()
        .expect("run tsc");
    assert!(
        out.status.success(),
        "the parsers' JSON does not match index.d.ts ({}):\n{}{}",
        dir.join("check.ts").display(),
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

/// Object-safe JSON writing for the fixture loop.
trait ToJsonDyn {
    fn json(&self) -> String;
}

impl<T: ToJson> ToJsonDyn for T {
    fn json(&self) -> String {
        to_json_string(self)
    }
}

#[test]
#[should_panic(expected = "declared required")]
fn option_check_catches_a_wrong_optional_flag() {
    let dts = typescript_declarations().replace("  changeKey?: string;", "  changeKey: string;");
    check_option_type::<ews_wasm::types::ItemIdRef>(
        &dts,
        "ItemIdRef",
        serde_json::json!({ "id": "a", "changeKey": "b" }),
    );
}
