#![cfg(not(target_arch = "wasm32"))]
//! The engine (tables, JSON written while reading) against the typed parsers
//! followed by `ToJson`: the same JSON, byte for byte, and the same errors
//! (code, fields and message), for every input at hand — the fixtures, the
//! shared real-server captures, the bench inputs (`node bench/generate.mjs`),
//! the fuzz corpora — for each of the four operations, and for mutations of
//! the fixtures (proptest).

use std::path::{Path, PathBuf};

use ews_wasm::json::to_json_string;
use ews_wasm::operations::engine::{parse_json, parse_json_for_js, MessageFacts, ResponseKind};
use ews_wasm::{Limits, Result};
use proptest::prelude::*;

const KINDS: [ResponseKind; 4] = [
    ResponseKind::GetConversationItems,
    ResponseKind::GetImItems,
    ResponseKind::GetImItemList,
    ResponseKind::SyncFolderItems,
];

/// What the client core reads of a message, from the typed response.
fn status_facts(s: &ews_wasm::ResponseStatus) -> MessageFacts {
    MessageFacts {
        status: ews_wasm::ResponseStatus {
            response_class: s.response_class,
            response_code: s.response_code.clone(),
            message_text: s.message_text.clone(),
            back_off_milliseconds: s.back_off_milliseconds,
            ..Default::default()
        },
        ..Default::default()
    }
}

fn typed(kind: ResponseKind, xml: &str, limits: &Limits) -> Result<(String, Vec<MessageFacts>)> {
    Ok(match kind {
        ResponseKind::GetConversationItems => {
            let r = ews_wasm::parse_get_conversation_items_response_with(xml, limits)?;
            let facts = r
                .response_messages
                .iter()
                .map(|m| MessageFacts {
                    conversation_id: m
                        .conversation
                        .as_ref()
                        .and_then(|c| c.conversation_id.as_ref())
                        .map(|i| i.id.clone()),
                    conversation_sync_state: m
                        .conversation
                        .as_ref()
                        .and_then(|c| c.sync_state.clone()),
                    ..status_facts(&m.status)
                })
                .collect();
            (to_json_string(&r), facts)
        }
        ResponseKind::GetImItems | ResponseKind::GetImItemList => {
            let r = if kind == ResponseKind::GetImItems {
                ews_wasm::parse_get_im_items_response_with(xml, limits)?
            } else {
                ews_wasm::parse_get_im_item_list_response_with(xml, limits)?
            };
            let facts = vec![status_facts(&r.message.status)];
            (to_json_string(&r), facts)
        }
        ResponseKind::SyncFolderItems => {
            let r = ews_wasm::parse_sync_folder_items_response_with(xml, limits)?;
            let facts = r
                .response_messages
                .iter()
                .map(|m| MessageFacts {
                    sync_state: m.sync_state.clone(),
                    includes_last_item_in_range: m.includes_last_item_in_range,
                    changes: m.changes.as_ref().map_or(0, Vec::len),
                    ..status_facts(&m.status)
                })
                .collect();
            (to_json_string(&r), facts)
        }
    })
}

/// Compares both ways on one input; returns how many (operation) parses succeeded.
fn compare(name: &str, xml: &str, limits: &Limits) -> usize {
    let mut ok = 0;
    for kind in KINDS {
        let want = typed(kind, xml, limits);
        let got = parse_json(kind, xml, limits);
        match (&want, &got) {
            (Ok((w, facts)), Ok(g)) => {
                let got_facts: Vec<MessageFacts> = g
                    .messages
                    .iter()
                    .map(|m| MessageFacts {
                        range: 0..0,
                        ..m.clone()
                    })
                    .collect();
                assert_eq!(&got_facts, facts, "{name} {kind:?}: message facts differ");
                if *w != g.json {
                    let at = w
                        .bytes()
                        .zip(g.json.bytes())
                        .position(|(a, b)| a != b)
                        .unwrap_or(w.len().min(g.json.len()));
                    let from = at.saturating_sub(200);
                    panic!(
                        "{name} {kind:?}: JSON differs at byte {at}\n typed: {}\nengine: {}",
                        w.get(from..(at + 200).min(w.len())).unwrap_or(""),
                        g.json.get(from..(at + 200).min(g.json.len())).unwrap_or("")
                    );
                }
                // Each message range is a JSON object of the whole.
                for (i, range) in g.messages.iter().enumerate() {
                    let m = g.message_json(i).expect("range");
                    assert!(
                        m.starts_with('{') && m.ends_with('}'),
                        "{name} {kind:?} {range:?}"
                    );
                    let _: serde_json::Value = serde_json::from_str(m).expect("message JSON");
                }
                // The JavaScript form: non-ASCII escaped (within its budget), the
                // same values, the same facts, message by message.
                let js = parse_json_for_js(kind, xml, limits).expect("the JS form reads it too");
                let value = |s: &str| serde_json::from_str::<serde_json::Value>(s).expect("JSON");
                assert_eq!(
                    value(&js.json),
                    value(&g.json),
                    "{name} {kind:?}: JS form differs"
                );
                assert_eq!(js.messages.len(), g.messages.len(), "{name} {kind:?}");
                for (i, (a, b)) in js.messages.iter().zip(&g.messages).enumerate() {
                    let bare = |m: &MessageFacts| MessageFacts {
                        range: 0..0,
                        ..m.clone()
                    };
                    assert_eq!(
                        bare(a),
                        bare(b),
                        "{name} {kind:?} message {i}: facts differ"
                    );
                    let (ja, jb) = (js.message_json(i), g.message_json(i));
                    assert_eq!(ja.map(value), jb.map(value), "{name} {kind:?} message {i}");
                }
                if !xml.is_ascii() && xml.len() > 4096 {
                    // Where the budget (1/16 of the input) suffices, all of it is ASCII.
                    let extra: usize = xml
                        .chars()
                        .filter(|c| !c.is_ascii())
                        .map(|c| 6 * c.len_utf16() - c.len_utf8())
                        .sum();
                    if extra <= xml.len() / 16 {
                        assert!(
                            js.json.is_ascii(),
                            "{name} {kind:?}: non-ASCII left in the JS form"
                        );
                    }
                }
                ok += 1;
            }
            (Err(w), Err(g)) => {
                assert_eq!(w.to_json(), g.to_json(), "{name} {kind:?}: errors differ");
            }
            _ => panic!(
                "{name} {kind:?}: typed {:?} vs engine {:?}",
                want.as_ref().map(|s| s.0.len()).map_err(|e| e.to_json()),
                got.as_ref().map(|r| r.json.len()).map_err(|e| e.to_json())
            ),
        }
    }
    ok
}

fn files_in(dir: &Path, recursive: bool, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            if recursive {
                files_in(&p, true, out);
            }
        } else {
            out.push(p);
        }
    }
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn fixture_files() -> Vec<PathBuf> {
    let mut files = Vec::new();
    files_in(&root().join("tests/fixtures"), true, &mut files);
    files_in(&root().join("../shared/fixtures/real"), true, &mut files);
    files.sort();
    files
}

fn run_files(files: &[PathBuf]) -> (usize, usize) {
    let limits = Limits::default();
    let (mut inputs, mut parsed) = (0, 0);
    for path in files {
        let Ok(bytes) = std::fs::read(path) else {
            continue;
        };
        // The wasm exports decode bytes the same way (UTF-8, or UTF-16 with a BOM).
        let Ok(text) = ews_wasm::xml::decode(&bytes) else {
            continue;
        };
        inputs += 1;
        parsed += compare(&path.display().to_string(), &text, &limits);
    }
    (inputs, parsed)
}

#[test]
fn fixtures_give_the_same_json_and_errors() {
    let files = fixture_files();
    let (inputs, parsed) = run_files(&files);
    eprintln!("fixtures: {inputs} inputs, {parsed} parses compared");
    assert!(
        inputs >= 60 && parsed >= 25,
        "{inputs} inputs, {parsed} parsed"
    );
}

#[test]
fn limits_give_the_same_errors() {
    let files = fixture_files();
    for limits in [
        Limits {
            max_depth: 12,
            ..Limits::default()
        },
        Limits {
            strict: true,
            ..Limits::default()
        },
    ] {
        for path in &files {
            if let Ok(text) = std::fs::read_to_string(path) {
                compare(&path.display().to_string(), &text, &limits);
            }
        }
    }
}

#[test]
fn bench_inputs_give_the_same_json() {
    let mut files = Vec::new();
    files_in(&root().join("bench/data"), false, &mut files);
    files.retain(|p| p.extension().is_some_and(|x| x == "xml"));
    files.sort();
    let (inputs, parsed) = run_files(&files);
    eprintln!("bench inputs: {inputs} inputs, {parsed} parses compared");
}

#[test]
fn fuzz_corpora_give_the_same_json_and_errors() {
    let mut files = Vec::new();
    for dir in [
        "parse_get_conversation_items",
        "parse_get_im_item_list",
        "parse_get_im_items",
        "parse_sync_folder_items",
    ] {
        files_in(&root().join("fuzz/corpus").join(dir), true, &mut files);
    }
    files.sort();
    let (inputs, parsed) = run_files(&files);
    eprintln!("fuzz corpora: {inputs} inputs, {parsed} parses compared");
}

/// Hand-made inputs for the cases the engine must reorder or take back.
#[test]
fn out_of_order_duplicate_and_unreadable_children() {
    let env = |body: &str| {
        format!(
            "<s:Envelope xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\" \
             xmlns:m=\"http://schemas.microsoft.com/exchange/services/2006/messages\" \
             xmlns:t=\"http://schemas.microsoft.com/exchange/services/2006/types\">\
             <s:Body><m:SyncFolderItemsResponse><m:ResponseMessages>\
             <m:SyncFolderItemsResponseMessage ResponseClass=\"Success\">{body}\
             </m:SyncFolderItemsResponseMessage></m:ResponseMessages>\
             </m:SyncFolderItemsResponse></s:Body>\
             <s:Header><h:ServerVersionInfo xmlns:h=\"http://schemas.microsoft.com/exchange/services/2006/types\" MajorVersion=\"15\"/></s:Header>\
             </s:Envelope>"
        )
    };
    let message = "<t:Message><t:ItemId Id=\"a\"/><t:Subject>s</t:Subject></t:Message>";
    #[allow(clippy::useless_format)] // one form for all cases
    let cases = [
        // Children after a later field, a repeated single field, a bad number.
        format!("<m:IncludesLastItemInRange>true</m:IncludesLastItemInRange><m:SyncState>x</m:SyncState><m:ResponseCode>NoError</m:ResponseCode><m:SyncState>y</m:SyncState><m:IncludesLastItemInRange>maybe</m:IncludesLastItemInRange>"),
        // Item fields out of schema order, interleaved list occurrences.
        format!("<m:Changes><t:Create><t:Message><t:Subject>s</t:Subject><t:ExtendedProperty><t:Value>1</t:Value></t:ExtendedProperty><t:ItemId Id=\"a\"/><t:ExtendedProperty><t:Value>2</t:Value></t:ExtendedProperty><t:IsRead>x</t:IsRead><t:Nope/><t:IsRead>true</t:IsRead></t:Message></t:Create></m:Changes>"),
        // Changes: incomplete and extra parts, unknown kinds, read flags in any order.
        format!("<m:Changes><t:Create>{message}<t:ItemId Id=\"b\"/></t:Create><t:Update>{message}<t:X/></t:Update><t:Delete/><t:ReadFlagChange><t:IsRead>1</t:IsRead><t:ItemId Id=\"c\"/></t:ReadFlagChange><t:ReadFlagChange><t:ItemId Id=\"c\"/><t:IsRead>no</t:IsRead></t:ReadFlagChange><t:Move/></m:Changes>"),
        // MessageXml with back-off, twice; an unreadable DescriptiveLinkKey.
        format!("<m:MessageXml><t:Value Name=\"BackOffMilliseconds\">250</t:Value><t:LineNumber>3</t:LineNumber><t:Other a=\"1\" b=\"2\"/></m:MessageXml><m:DescriptiveLinkKey>x</m:DescriptiveLinkKey><m:MessageXml/><m:MessageText>t</m:MessageText>"),
        // Response objects: a part's attribute after earlier parts' children.
        format!("<m:Changes><t:Create><t:Message><t:ResponseObjects><t:ReplyToItem ObjectName=\"o\"><t:Subject>r</t:Subject><t:IsReadReceiptRequested>true</t:IsReadReceiptRequested></t:ReplyToItem></t:ResponseObjects></t:Message></t:Create></m:Changes>"),
        // Lists with an unreadable entry; generic trees.
        format!("<m:Changes><t:Create><t:CalendarItem><t:Categories><t:String>a</t:String></t:Categories><t:ConflictingMeetingCount>no</t:ConflictingMeetingCount><t:Recurrence><t:B>1</t:B><t:A x=\"1\">2</t:A><t:B>3</t:B></t:Recurrence></t:CalendarItem></t:Create></m:Changes>"),
    ];
    for (i, body) in cases.iter().enumerate() {
        let xml = env(body);
        assert_eq!(
            compare(&format!("case {i}"), &xml, &Limits::default()),
            1,
            "case {i} parses as SyncFolderItems only"
        );
    }
}

fn mutate(xml: &str, ops: &[(u8, usize, usize)]) -> String {
    let mut s: Vec<u8> = xml.as_bytes().to_vec();
    for &(op, a, b) in ops {
        if s.is_empty() {
            break;
        }
        let a = a % s.len();
        let b = b % s.len();
        let (lo, hi) = (a.min(b), a.max(b));
        match op % 4 {
            // Swap two spans: reorders elements.
            0 => {
                let len = (hi - lo).min(s.len() - hi).min(400);
                for k in 0..len {
                    s.swap(lo + k, hi + k);
                }
            }
            // Duplicate a span.
            1 => {
                let span: Vec<u8> = s[lo..hi.min(lo + 400)].to_vec();
                s.splice(hi..hi, span);
            }
            // Delete a span.
            2 => {
                s.drain(lo..hi.min(lo + 200));
            }
            // Overwrite a byte with a markup-relevant one.
            _ => s[a] = b"<>/=\"&;tx1 "[b % 11],
        }
    }
    String::from_utf8_lossy(&s).into_owned()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]
    #[test]
    fn mutated_fixtures_give_the_same_results(
        pick in 0usize..1000,
        ops in proptest::collection::vec((0u8..4, 0usize..1_000_000, 0usize..1_000_000), 1..4),
    ) {
        let files: Vec<PathBuf> = fixture_files()
            .into_iter()
            .filter(|p| p.extension().is_some_and(|x| x == "xml"))
            .collect();
        let path = &files[pick % files.len()];
        let xml = std::fs::read_to_string(path).unwrap_or_default();
        let mutated = mutate(&xml, &ops);
        compare(&format!("{} mutated {ops:?}", path.display()), &mutated, &Limits::default());
    }
}

/// Nested items and deep generic trees on WebAssembly's 1 MiB stack (debug
/// frames are the largest): the engine recurses once per typed element, within
/// the same item and tree nesting bounds as the typed parser.
#[test]
fn deep_nesting_fits_a_wasm_sized_stack() {
    fn envelope(inner: &str) -> String {
        format!(
            "<s:Envelope xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\"><s:Body>\
             <m:SyncFolderItemsResponse xmlns:m=\"http://schemas.microsoft.com/exchange/services/2006/messages\" \
             xmlns:t=\"http://schemas.microsoft.com/exchange/services/2006/types\"><m:ResponseMessages>\
             <m:SyncFolderItemsResponseMessage ResponseClass=\"Success\"><m:Changes><t:Create>{inner}</t:Create>\
             </m:Changes></m:SyncFolderItemsResponseMessage></m:ResponseMessages></m:SyncFolderItemsResponse>\
             </s:Body></s:Envelope>"
        )
    }
    let mut attachments = String::from("<t:Message><t:Subject>deepest</t:Subject></t:Message>");
    let mut objects = String::from("<t:ReplyToItem><t:Subject>deepest</t:Subject></t:ReplyToItem>");
    for _ in 0..40 {
        attachments = format!(
            "<t:Message><t:Subject>s</t:Subject><t:Attachments><t:ItemAttachment><t:Name>n</t:Name>{attachments}</t:ItemAttachment></t:Attachments></t:Message>"
        );
        objects = format!("<t:Message><t:ResponseObjects>{objects}</t:ResponseObjects><t:Subject>late</t:Subject></t:Message>");
    }
    let tree = format!(
        "<t:CalendarItem><t:Recurrence>{}x{}</t:Recurrence></t:CalendarItem>",
        "<t:N a=\"1\">".repeat(200),
        "</t:N>".repeat(200)
    );
    let inputs = [envelope(&attachments), envelope(&objects), envelope(&tree)];
    std::thread::Builder::new()
        .stack_size(1 << 20)
        .spawn(move || {
            for (i, xml) in inputs.iter().enumerate() {
                assert_eq!(compare(&format!("deep {i}"), xml, &Limits::default()), 1);
            }
        })
        .expect("spawn")
        .join()
        .expect("the engine overflowed a 1 MiB stack");
}

/// A `MessageXml` entry's `Name` is an attribute value: it may hold a quote, a
/// backslash, non-ASCII text or (outside `strict`) a control character, and
/// becomes a JSON key. The JSON must stay valid, in both forms and in the typed
/// path, in a response message and in a SOAP fault's detail.
#[test]
fn keys_made_from_attribute_values_are_escaped() {
    let name = "Back&quot;Off\\Milli\u{16}é";
    let key = "back\"Off\\Milli\u{16}é";
    for (file, kind) in [
        ("sfi-error-backoff.xml", ResponseKind::SyncFolderItems),
        ("fault-server-busy.xml", ResponseKind::SyncFolderItems),
    ] {
        let xml = std::fs::read_to_string(root().join("tests/fixtures").join(file))
            .expect("fixture")
            .replace("Name=\"BackOffMilliseconds\"", &format!("Name=\"{name}\""));
        assert!(xml.contains(name), "{file}");
        let limits = Limits::default();
        let outcomes = [
            parse_json(kind, &xml, &limits).map(|r| r.json),
            parse_json_for_js(kind, &xml, &limits).map(|r| r.json),
            typed(kind, &xml, &limits).map(|r| r.0),
        ];
        for outcome in outcomes {
            let json = match outcome {
                Ok(json) => json,
                Err(e) => e.to_json(),
            };
            let value: serde_json::Value =
                serde_json::from_str(&json).unwrap_or_else(|e| panic!("{file}: {e}: {json}"));
            assert!(
                value
                    .to_string()
                    .contains(&serde_json::to_string(key).expect("key")),
                "{file}: the key is not in {json}"
            );
        }
    }
}

/// `JsonResponse::replace_message` (ConversationSync's merge after a restart)
/// splices message `j` of the second response into the first: the JSON stays
/// valid, the replaced message is the other's, the messages before and after
/// it are unchanged and their ranges still point at them, and the facts move
/// with the message. Every (i, j) pair, in both JSON forms.
#[test]
fn replace_message_splices_one_message_and_moves_the_later_ranges() {
    let xml = std::fs::read_to_string(root().join("tests/fixtures/gci-multi-conversation.xml"))
        .expect("fixture");
    // The second response is a copy: replacing message i with message j != i
    // changes the spliced length (the three messages differ in size).
    let limits = Limits::default();
    for parse in [parse_json, parse_json_for_js] {
        let original = parse(ResponseKind::GetConversationItems, &xml, &limits).expect("parses");
        let n = original.messages.len();
        assert_eq!(n, 3);
        let value = |json: &str| -> serde_json::Value { serde_json::from_str(json).expect("JSON") };
        let messages_of =
            |r: &ews_wasm::operations::engine::JsonResponse| -> Vec<serde_json::Value> {
                (0..r.messages.len())
                    .map(|k| value(r.message_json(k).expect("message")))
                    .collect()
            };
        let before = messages_of(&original);
        for i in 0..n {
            for j in 0..n {
                let mut first = original.clone();
                let mut other = original.clone();
                let moved = other.messages[j].clone();
                first.replace_message(i, &mut other, j);
                let whole = value(&first.json);
                let listed = whole["responseMessages"]
                    .as_array()
                    .expect("messages")
                    .clone();
                let ranged = messages_of(&first);
                for k in 0..n {
                    let want = if k == i { &before[j] } else { &before[k] };
                    assert_eq!(&listed[k], want, "({i}, {j}): message {k} in the JSON");
                    assert_eq!(&ranged[k], want, "({i}, {j}): message {k} by its range");
                }
                assert_eq!(first.messages[i].status, moved.status, "({i}, {j})");
                assert_eq!(first.messages[i].conversation_id, moved.conversation_id);
                // Out of range on either side: nothing changes.
                let mut unchanged = original.clone();
                unchanged.replace_message(n, &mut other, j);
                unchanged.replace_message(i, &mut original.clone(), n);
                assert_eq!(unchanged.json, original.json);
            }
        }
    }
}
