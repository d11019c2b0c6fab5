//! A [`Transport`](super::Transport) over the global `fetch` (browsers, Web Workers, Node ≥ 18
//! through wasm-bindgen), with the cargo feature `fetch`.
//!
//! Only the type is here: its `Transport` implementation calls JavaScript, and
//! JavaScript bindings live under `src/wasm` alone (`src/wasm/fetch.rs`).

/// Sends with `fetch` (via gloo-net): `credentials: 'include'` when the
/// client has no credentials of its own (cookies / integrated auth), else
/// `'same-origin'`. Dropping a send (timeout, abort) aborts the fetch.
/// Clock and randomness come from `Date.now()` and `Math.random()`.
#[derive(Debug, Clone, Copy, Default)]
pub struct FetchTransport;

impl FetchTransport {
    /// The transport.
    pub fn new() -> Self {
        FetchTransport
    }
}
