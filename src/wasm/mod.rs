//! The only `#[wasm_bindgen]` code: the JavaScript surface of the pure core.
//!
//! Everything crosses the boundary as strings: options arrive as JSON (the JS
//! wrapper calls `JSON.stringify`), results leave as JSON (the wrapper calls
//! `JSON.parse`, which builds plain objects faster than creating them one
//! property at a time from Rust — see bench/README.md), and errors leave as the
//! JSON of [`Error::to_json`], which the wrapper turns into an `EwsError`.
//! Nothing here can panic on input: every failure is an `Err`.
//!
//! Responses come in through the module's input buffer ([`input_buffer`],
//! then [`parse_input`]): the wrapper encodes a string straight into it with
//! `TextEncoder.encodeInto`, or copies the bytes it was given, so the module
//! holds the input once and at its size (wasm-bindgen's own string passing
//! reserves three bytes per UTF-16 unit once it meets a non-ASCII character,
//! and wasm memory never shrinks). The `parse…Response` functions below are
//! the same readers for Rust callers (and the wasm tests).

#![allow(non_snake_case)] // the exports are named as JavaScript names them

use wasm_bindgen::prelude::*;

#[cfg(feature = "bench-exports")]
mod bench;
// `--cfg ews_no_client_call` leaves the client core's JavaScript face out of
// the module, only so that scripts/size-core.sh can measure what it adds.
#[cfg(not(ews_no_client_call))]
mod client;
#[cfg(feature = "fetch")]
mod fetch;

use crate::error::{Error, Result};
use crate::operations::engine::{parse_json_for_js, ResponseKind};
use crate::operations::get_conversation_items::GetConversationItemsRequest;
use crate::operations::get_im_item_list::GetImItemListRequest;
use crate::operations::get_im_items::GetImItemsRequest;
use crate::operations::sync_folder_items::SyncFolderItemsRequest;
use crate::xml::Limits;

fn fail(e: Error) -> JsValue {
    JsValue::from_str(&e.to_json())
}

fn to_json<T: crate::json::ToJson + ?Sized>(v: &T) -> Result<String> {
    Ok(crate::json::to_json_string(v))
}

fn limits(json: Option<String>) -> Result<Limits> {
    match json.as_deref() {
        None | Some("") | Some("null") | Some("{}") => Ok(Limits::default()),
        Some(s) => crate::types::parse_options::<Limits>(s),
    }
}

fn parse_text(
    xml: &str,
    limits_json: Option<String>,
    kind: ResponseKind,
) -> std::result::Result<String, JsValue> {
    let limits = limits(limits_json).map_err(fail)?;
    parse_json_for_js(kind, xml, &limits)
        .map(|r| r.json)
        .map_err(fail)
}

fn parse_bytes(
    bytes: &[u8],
    limits_json: Option<String>,
    kind: ResponseKind,
) -> std::result::Result<String, JsValue> {
    let limits = limits(limits_json).map_err(fail)?;
    limits.check_size(bytes.len()).map_err(fail)?;
    let text = crate::xml::decode(bytes).map_err(fail)?;
    parse_json_for_js(kind, &text, &limits)
        .map(|r| r.json)
        .map_err(fail)
}

thread_local! {
    /// The response being handed in (see the module docs). It is kept between
    /// calls, so that the next response of a similar size is written over it
    /// instead of into freshly zeroed memory.
    static INPUT: std::cell::RefCell<Vec<u8>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// Makes the input buffer at least `len` bytes long, keeping its first `keep`
/// bytes, and returns its address in the module's memory, where the caller
/// then writes the response. Growing it may move it and grow the memory: take
/// a fresh view of `memory.buffer` after each call.
#[wasm_bindgen(js_name = inputBuffer)]
pub fn input_buffer(keep: usize, len: usize) -> usize {
    INPUT.with(|b| {
        let mut b = b.borrow_mut();
        if b.len() < len {
            if b.capacity() < len {
                // Exactly `len`, no doubling (wasm memory never shrinks); only
                // the first `keep` bytes need to move with it.
                b.truncate(keep);
                let have = b.len();
                b.reserve_exact(len - have);
            }
            b.resize(len, 0);
        }
        b.as_mut_ptr() as usize
    })
}

/// Runs `f` on the first `len` bytes of the input buffer (all of it when it
/// is shorter).
pub(crate) fn with_input<T>(len: usize, f: impl FnOnce(&[u8]) -> T) -> T {
    INPUT.with(|b| {
        let bytes = b.borrow();
        f(bytes.get(..len).unwrap_or(&bytes))
    })
}

/// Parses the first `len` bytes of the input buffer as a response of the
/// operation numbered `kind` (0 GetConversationItems, 1 GetImItems,
/// 2 GetImItemList, 3 SyncFolderItems). The bytes are read as a body is:
/// UTF-8, or UTF-16 with a BOM.
#[wasm_bindgen(js_name = parseInput)]
pub fn parse_input(
    kind: u32,
    len: usize,
    limits_json: Option<String>,
) -> std::result::Result<String, JsValue> {
    let kind = match kind {
        0 => ResponseKind::GetConversationItems,
        1 => ResponseKind::GetImItems,
        2 => ResponseKind::GetImItemList,
        _ => ResponseKind::SyncFolderItems,
    };
    with_input(len, |bytes| parse_bytes(bytes, limits_json, kind))
}

/// The request envelope of one operation from JSON options: one copy of each
/// builder path, shared by the `build…` exports and the client core's
/// `ClientCall`.
#[inline(never)]
pub(crate) fn build(operation: ResponseKind, options_json: &str) -> Result<String> {
    build_from(operation, &crate::json_in::JsonValue::parse(options_json)?)
}

/// [`build`] from options already parsed (the client core's call description
/// holds them).
pub(crate) fn build_from(
    operation: ResponseKind,
    options: &crate::json_in::JsonValue,
) -> Result<String> {
    use crate::json_in::FromJson;
    match operation {
        ResponseKind::GetConversationItems => {
            GetConversationItemsRequest::from_json(options, "")?.to_xml()
        }
        ResponseKind::GetImItems => GetImItemsRequest::from_json(options, "")?.to_xml(),
        ResponseKind::GetImItemList => GetImItemListRequest::from_json(options, "")?.to_xml(),
        ResponseKind::SyncFolderItems => SyncFolderItemsRequest::from_json(options, "")?.to_xml(),
    }
}

macro_rules! js_operation {
    ($build:ident, $parse:ident, $parse_bytes:ident, $kind:expr) => {
        #[doc = concat!("Builds the request envelope from JSON options (`", stringify!($build), "`).")]
        #[wasm_bindgen(js_name = $build)]
        pub fn $build(options_json: &str) -> std::result::Result<String, JsValue> {
            build($kind, options_json).map_err(fail)
        }

        #[doc = concat!("Parses a response envelope to JSON (`", stringify!($parse), "`).")]
        pub fn $parse(
            xml: &str,
            limits_json: Option<String>,
        ) -> std::result::Result<String, JsValue> {
            parse_text(xml, limits_json, $kind)
        }

        #[doc = "The same, from the body's bytes (UTF-8, or UTF-16 with a BOM)."]
        pub fn $parse_bytes(
            bytes: &[u8],
            limits_json: Option<String>,
        ) -> std::result::Result<String, JsValue> {
            parse_bytes(bytes, limits_json, $kind)
        }
    };
}

js_operation!(
    buildGetConversationItemsRequest,
    parseGetConversationItemsResponse,
    parseGetConversationItemsResponseBytes,
    ResponseKind::GetConversationItems
);
js_operation!(
    buildGetImItemsRequest,
    parseGetImItemsResponse,
    parseGetImItemsResponseBytes,
    ResponseKind::GetImItems
);
js_operation!(
    buildGetImItemListRequest,
    parseGetImItemListResponse,
    parseGetImItemListResponseBytes,
    ResponseKind::GetImItemList
);
js_operation!(
    buildSyncFolderItemsRequest,
    parseSyncFolderItemsResponse,
    parseSyncFolderItemsResponseBytes,
    ResponseKind::SyncFolderItems
);

/// Lays a parsed conversation (JSON) out as a reply tree: `[{ index, depth, parentIndex }]`.
///
/// Only the message ids of each node are read back (a small struct), so the
/// item types need no JSON deserialiser in the module.
#[wasm_bindgen(js_name = conversationThread)]
pub fn conversation_thread(conversation_json: &str) -> std::result::Result<String, JsValue> {
    let ids: crate::operations::get_conversation_items::ThreadIds =
        crate::types::parse_options(conversation_json).map_err(fail)?;
    to_json(&ids.thread()).map_err(fail)
}
