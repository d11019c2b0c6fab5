//! Benchmark-only exports (feature `bench-exports`; never in the npm package):
//! the parse and JSON writing of a response inside the module, with nothing
//! handed to JavaScript, so that `npm run bench` can set the module's own
//! speed beside the same code compiled natively (`cargo bench --bench parse`).
//!
//! `benchLoad(bytes)` keeps the input in the module's memory; each
//! `benchRun(kind)` then runs the same code as the
//! `parse…ResponseBytes` export on it and returns the JSON's length in bytes
//! (0 on an error), dropping the JSON inside the module.

use std::cell::RefCell;

use wasm_bindgen::prelude::*;

thread_local! {
    static INPUT: RefCell<Vec<u8>> = const { RefCell::new(Vec::new()) };
}

/// Keeps `bytes` (a response body) for [`bench_run`].
#[wasm_bindgen(js_name = benchLoad)]
pub fn bench_load(bytes: Vec<u8>) {
    INPUT.with(|i| *i.borrow_mut() = bytes);
}

/// Parses the kept input as `kind` (`sync`, `gci`, `im`, `imItems`) to its
/// JSON, as the `parse…ResponseBytes` export does; the JSON's length.
#[wasm_bindgen(js_name = benchRun)]
pub fn bench_run(kind: &str) -> usize {
    INPUT.with(|i| {
        let bytes = i.borrow();
        let json = match kind {
            "sync" => super::parseSyncFolderItemsResponseBytes(&bytes, None),
            "gci" => super::parseGetConversationItemsResponseBytes(&bytes, None),
            "imItems" => super::parseGetImItemsResponseBytes(&bytes, None),
            _ => super::parseGetImItemListResponseBytes(&bytes, None),
        };
        json.map_or(0, |j| j.len())
    })
}
