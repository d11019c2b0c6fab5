//! EWS types shared by the operations: ids, mailboxes, items, personas.

mod common;

pub use common::*;
