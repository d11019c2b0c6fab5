#![cfg(not(target_arch = "wasm32"))]
//! Nested items (ItemAttachment → Message → Attachments → …, ResponseObjects →
//! …) must never exhaust the stack: WebAssembly's is 1 MiB and an overflow kills
//! the instance. These run the parser on a 1 MiB thread, in whatever profile the
//! tests are built with (debug frames are the largest).

use ews_wasm::types::Item;
use ews_wasm::{parse_sync_folder_items_response, SyncChange};

fn envelope(inner: &str) -> String {
    format!(
        r#"<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><m:SyncFolderItemsResponse xmlns:m="http://schemas.microsoft.com/exchange/services/2006/messages" xmlns:t="http://schemas.microsoft.com/exchange/services/2006/types"><m:ResponseMessages><m:SyncFolderItemsResponseMessage ResponseClass="Success"><m:Changes><t:Create>{inner}</t:Create></m:Changes></m:SyncFolderItemsResponseMessage></m:ResponseMessages></m:SyncFolderItemsResponse></s:Body></s:Envelope>"#
    )
}

fn attachment_chain(levels: usize) -> String {
    let mut inner = String::from("<t:Message><t:Subject>deepest</t:Subject></t:Message>");
    for _ in 0..levels {
        inner = format!("<t:Message><t:Attachments><t:ItemAttachment>{inner}</t:ItemAttachment></t:Attachments></t:Message>");
    }
    envelope(&inner)
}

fn response_object_chain(levels: usize) -> String {
    let mut inner = String::from("<t:ReplyToItem><t:Subject>deepest</t:Subject></t:ReplyToItem>");
    for _ in 0..levels {
        inner = format!("<t:Message><t:ResponseObjects>{inner}</t:ResponseObjects></t:Message>");
    }
    envelope(&inner)
}

/// Runs `f` on a thread with WebAssembly's stack size.
fn on_small_stack<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> T {
    std::thread::Builder::new()
        .stack_size(1 << 20)
        .spawn(f)
        .expect("spawn")
        .join()
        .expect("the parser overflowed a 1 MiB stack")
}

/// Follows the first attachment down the chain, counting parsed levels, and
/// returns (levels, whether the chain ends in a kept-verbatim Unknown item).
fn attachment_depth(item: &Item) -> (usize, bool) {
    let mut levels = 0;
    let mut cur = item;
    loop {
        match cur {
            Item::Message(m) => {
                let next = m.item.attachments.as_ref().and_then(|a| a.first());
                match next {
                    Some(ews_wasm::types::Attachment::ItemAttachment(ia)) => match &ia.message {
                        Some(inner) => {
                            levels += 1;
                            cur = inner;
                        }
                        None => {
                            return (
                                levels,
                                ia.unknown_elements
                                    .iter()
                                    .any(|u| u.element_name == "Message"),
                            )
                        }
                    },
                    _ => return (levels, false),
                }
            }
            Item::Unknown(_) => return (levels, true),
            _ => return (levels, false),
        }
    }
}

#[test]
fn deep_attachment_chains_are_bounded() {
    for levels in [1usize, 15, 16, 40, 80] {
        let xml = attachment_chain(levels);
        let parsed = on_small_stack(move || {
            let r = parse_sync_folder_items_response(&xml).map_err(|e| e.code());
            r.map(|resp| {
                let json_len = serde_json::to_string(&resp).map(|s| s.len()).unwrap_or(0);
                (resp, json_len)
            })
        });
        let (resp, json_len) = parsed.unwrap_or_else(|c| panic!("{levels} levels: {c}"));
        assert!(json_len > 0);
        let changes = resp.response_messages[0].changes.as_ref().unwrap();
        let SyncChange::Create { item } = &changes[0] else {
            panic!("not a Create")
        };
        let (depth, verbatim_tail) = attachment_depth(item);
        // 16 items are parsed; the 17th and everything in it is kept verbatim.
        assert_eq!(
            (depth, verbatim_tail),
            (levels.min(16), levels >= 16),
            "{levels} levels"
        );
    }
}

#[test]
fn deep_response_object_chains_are_bounded() {
    for levels in [10usize, 100, 120] {
        let xml = response_object_chain(levels);
        let code = on_small_stack(move || {
            parse_sync_folder_items_response(&xml)
                .map(|_| ())
                .map_err(|e| e.code())
        });
        match code {
            Ok(()) => assert!(
                levels * 2 + 8 < 256,
                "{levels} levels parsed past the depth limit"
            ),
            Err(c) => assert_eq!(c, "ERR_LIMIT", "{levels} levels"),
        }
    }
}

/// A property the model keeps as a generic tree (here `EntityExtractionResult`)
/// nested thousands deep, with `maxDepth` raised to its maximum: the tree is
/// read 32 levels deep and the rest kept as text, on a 1 MiB stack.
#[test]
fn deep_generic_properties_are_bounded_even_with_a_raised_depth_limit() {
    let depth = 20_000;
    let inner = format!("{}x{}", "<t:N>".repeat(depth), "</t:N>".repeat(depth));
    let xml = envelope(&format!(
        "<t:Message><t:EntityExtractionResult>{inner}</t:EntityExtractionResult><t:Subject>after</t:Subject></t:Message>"
    ));
    let limits = ews_wasm::Limits {
        max_depth: ews_wasm::xml::MAX_DEPTH_LIMIT,
        ..Default::default()
    };
    let subject = on_small_stack(move || {
        let r =
            ews_wasm::parse_sync_folder_items_response_with(&xml, &limits).map_err(|e| e.code())?;
        let json = ews_wasm::json::to_json_string(&r);
        assert!(
            json.contains("<t:N>"),
            "the deep rest is kept as source text"
        );
        let SyncChange::Create { item } = &r.response_messages[0].changes.as_ref().unwrap()[0]
        else {
            return Err("not a Create");
        };
        Ok(item.subject().map(str::to_owned))
    });
    assert_eq!(subject, Ok(Some("after".to_owned())));
}

#[test]
fn max_depth_above_the_reader_limit_is_an_invalid_option() {
    let limits = ews_wasm::Limits {
        max_depth: ews_wasm::xml::MAX_DEPTH_LIMIT + 1,
        ..Default::default()
    };
    match ews_wasm::parse_sync_folder_items_response_with(&attachment_chain(1), &limits) {
        Err(ews_wasm::Error::InvalidOptions { path, .. }) => assert_eq!(path, "maxDepth"),
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_value_that_does_not_parse_is_kept_verbatim_not_dropped() {
    let xml = envelope("<t:MeetingRequest><t:Subject>s</t:Subject><t:IsOutOfDate>maybe</t:IsOutOfDate></t:MeetingRequest>");
    let r = parse_sync_folder_items_response(&xml).unwrap();
    let SyncChange::Create {
        item: Item::MeetingRequest(m),
    } = &r.response_messages[0].changes.as_ref().unwrap()[0]
    else {
        panic!("not a MeetingRequest")
    };
    assert_eq!(m.meeting_message.is_out_of_date, None);
    assert_eq!(m.unknown_elements.len(), 1);
    assert_eq!(m.unknown_elements[0].element_name, "IsOutOfDate");
    assert_eq!(
        m.unknown_elements[0].xml,
        "<t:IsOutOfDate>maybe</t:IsOutOfDate>"
    );
}
