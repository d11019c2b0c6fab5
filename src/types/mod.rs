//! EWS types shared by the operations: ids, mailboxes, items, personas.

mod common;
pub mod engine;
mod model;
pub(crate) use model::ews_struct;

pub use common::*;
mod items;
pub use items::*;
mod persona;
pub use persona::*;
mod request;
pub use request::*;
