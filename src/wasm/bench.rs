//! Benchmark-only exports (feature `bench-exports`; never in the npm package):
//! the parse and JSON writing of a response inside the module, with nothing
//! handed to JavaScript, so that `npm run bench` can set the module's own
//! speed beside the same code compiled natively (`cargo bench --bench parse`).
//!
//! `benchLoad(bytes)` keeps the input in the module's memory; each
//! `benchRun(kind)` then runs on it what the `parseInput` export runs (the
//! body's bytes decoded to text, then the engine's JSON for JavaScript:
//! [`crate::xml::decode`] and [`parse_json_for_js`], which is also exactly what
//! benches/parse.rs times) and
//! returns the JSON's length in bytes (0 on an error), dropping the JSON
//! inside the module.

use std::cell::RefCell;

use wasm_bindgen::prelude::*;

use crate::operations::engine::{parse_json_for_js, ResponseKind};

thread_local! {
    static INPUT: RefCell<Vec<u8>> = const { RefCell::new(Vec::new()) };
}

/// Keeps `bytes` (a response body) for [`bench_run`].
#[wasm_bindgen(js_name = benchLoad)]
pub fn bench_load(bytes: Vec<u8>) {
    INPUT.with(|i| *i.borrow_mut() = bytes);
}

/// Parses the kept input as `kind` (`sync`, `gci`, `im`, `imItems`) to its
/// JSON; the JSON's length.
#[wasm_bindgen(js_name = benchRun)]
pub fn bench_run(kind: &str) -> usize {
    let kind = match kind {
        "sync" => ResponseKind::SyncFolderItems,
        "gci" => ResponseKind::GetConversationItems,
        "imItems" => ResponseKind::GetImItems,
        _ => ResponseKind::GetImItemList,
    };
    INPUT.with(|i| {
        let bytes = i.borrow();
        let limits = crate::xml::Limits::default();
        let json = limits
            .check_size(bytes.len())
            .and_then(|()| crate::xml::decode(&bytes))
            .and_then(|text| parse_json_for_js(kind, &text, &limits));
        json.map_or(0, |j| j.json.len())
    })
}
