//! # ews-wasm
//!
//! Typed request builders, lossless response parsers and a client for four
//! Exchange Web Services operations —
//! [GetConversationItems](https://learn.microsoft.com/en-us/exchange/client-developer/web-service-reference/getconversationitems-operation),
//! [GetImItems](https://learn.microsoft.com/en-us/exchange/client-developer/web-service-reference/getimitems-operation),
//! [GetImItemList](https://learn.microsoft.com/en-us/exchange/client-developer/web-service-reference/getimitemlist-operation) and
//! [SyncFolderItems](https://learn.microsoft.com/en-us/exchange/client-developer/web-service-reference/syncfolderitems-operation) —
//! as a pure Rust library that also compiles to WebAssembly for JavaScript.

pub mod error;
pub mod ns;
pub mod soap;
pub mod xml;

pub use error::{Error, Result, SoapFault};
pub use xml::{Limits, RawElement};
pub mod types;
