//! # ews-wasm
//!
//! Typed request builders, lossless response parsers and a client for four
//! Exchange Web Services operations —
//! [GetConversationItems](https://learn.microsoft.com/en-us/exchange/client-developer/web-service-reference/getconversationitems-operation),
//! [GetImItems](https://learn.microsoft.com/en-us/exchange/client-developer/web-service-reference/getimitems-operation),
//! [GetImItemList](https://learn.microsoft.com/en-us/exchange/client-developer/web-service-reference/getimitemlist-operation) and
//! [SyncFolderItems](https://learn.microsoft.com/en-us/exchange/client-developer/web-service-reference/syncfolderitems-operation) —
//! as a pure Rust library that also compiles to WebAssembly for JavaScript.
//!
//! The README follows; its Rust example is compiled and run as a doctest.
#![doc = include_str!("../README.md")]

// The module graph runs one way. Each module below uses only modules on lower
// lines, and modules on one line do not use each other; this crate root may
// re-export from any of them. tests/module_graph.rs reads this table and fails
// on any `crate::`/`$crate::`/`super::` path against it (outside
// `#[cfg(test)]` code), and on JavaScript bindings outside src/wasm.
//
// BEGIN module graph
//   wasm            | wasm-bindgen exports, and FetchTransport's JS side (wasm32 only)
//   client ts       | the Rust client | the index.d.ts generator (native tooling)
//   operations      | the four operations: request builders, response parsers
//   soap            | envelopes: request headers, response reading, ResponseStatus
//   types           | the model: EWS types, ews_struct!, request types
//   json_in ts_type | the options reader (FromJson) | the TypeScript form (TsType)
//   json xml        | the JSON writer | the XML reader and writer
//   error ns        | the error type | the namespace URIs
// END module graph

pub mod client;
pub mod error;
pub mod json;
pub mod json_in;
pub mod ns;
pub mod operations;
pub mod soap;
#[doc(hidden)]
pub mod ts;
mod ts_type;
pub mod xml;

pub use error::{Error, Result, SoapFault};
pub use xml::{Limits, RawElement};
pub mod types;

pub use operations::get_conversation_items::{
    build_get_conversation_items_request, ConversationNodeSortOrder, ConversationRequest,
    GetConversationItemsRequest, MailboxSearchLocation,
};
pub use operations::get_conversation_items::{
    parse_get_conversation_items_response, parse_get_conversation_items_response_with,
    Conversation, ConversationNode, GetConversationItems, GetConversationItemsResponse,
    GetConversationItemsResponseMessage, ThreadEntry,
};
pub use operations::get_im_item_list::{build_get_im_item_list_request, GetImItemListRequest};
pub use operations::get_im_item_list::{
    parse_get_im_item_list_response, parse_get_im_item_list_response_with, GetImItemList,
    GetImItemListResponse,
};
pub use operations::get_im_items::{build_get_im_items_request, GetImItemsRequest};
pub use operations::get_im_items::{
    parse_get_im_items_response, parse_get_im_items_response_with, GetImItems, GetImItemsResponse,
    ImItemsResponseMessage,
};
pub use operations::sync_folder_items::{
    build_sync_folder_items_request, SyncFolderItemsRequest, SyncFolderItemsScope,
};
pub use operations::sync_folder_items::{
    parse_sync_folder_items_response, parse_sync_folder_items_response_with, SyncChange,
    SyncFolderItems, SyncFolderItemsResponse, SyncFolderItemsResponseMessage,
};
pub use operations::Operation;
pub use soap::{
    ExchangeVersion, Impersonation, MessageXml, RequestHeader, ResponseClass, ResponseStatus,
};
pub use types::parse_options;

#[cfg(target_arch = "wasm32")]
pub mod wasm;
