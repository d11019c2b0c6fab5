//! EWS types shared by the operations: ids, mailboxes, items, personas.
//!
//! The field tables of the response types (items, their parts, personas, ids,
//! bodies, …) and the list of item kinds are generated from the official
//! schema and `model/model.json` into `generated.rs` by `npm run generate`;
//! the other files hold what is written by hand around them.

mod common;
pub mod engine;
mod model;
pub(crate) use model::ews_struct;
mod generated;
pub(crate) use generated::with_item_kinds;
pub use generated::*;
mod items;
pub use items::*;
mod request;
pub use request::*;
