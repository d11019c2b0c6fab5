//! The few byte-level primitives on ews-wasm's hot paths, in a crate of their
//! own so that the release profile can compile them at `opt-level = 3`
//! (`[profile.release.package.ews-wasm-hot]` in the main `Cargo.toml`) while
//! the rest of the WebAssembly module is compiled for size (`opt-level =
//! "z"`).
//!
//! Why it pays: at `opt-level = "z"` the standard library's small generic
//! helpers stay calls. Appending to a `String` is a call to
//! `Vec::append_elements`, which calls `Vec::reserve`, then copies; that pair
//! was about a sixth of the engine's time inside wasm. Here the same append
//! is one function with the capacity check inline. Rust has no stable
//! per-function optimisation level; a per-package one survives LTO, since
//! LLVM keeps each function's own size/speed attributes.
//!
//! Natively everything is built at `opt-level = 3` anyway, so this changes
//! nothing there (the functions are inlined as before).

#![forbid(unsafe_code)]
#![warn(missing_docs)]

/// `buf.push_str(s)`.
pub fn push_str(buf: &mut String, s: &str) {
    buf.push_str(s);
}

/// `buf.push(c)`.
pub fn push(buf: &mut String, c: char) {
    buf.push(c);
}
