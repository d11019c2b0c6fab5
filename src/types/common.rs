//! Small EWS types shared by requests and responses: what is written by hand
//! around the generated tables (`ItemId`, `FolderId`, `EmailAddress`, `Body`,
//! … are declared in `generated.rs`).

use super::ItemId;

impl ItemId {
    /// An id without change key.
    pub fn new(id: impl Into<String>) -> Self {
        ItemId {
            id: id.into(),
            ..Default::default()
        }
    }

    /// An id with a change key.
    pub fn with_change_key(id: impl Into<String>, change_key: impl Into<String>) -> Self {
        ItemId {
            id: id.into(),
            change_key: Some(change_key.into()),
            ..Default::default()
        }
    }
}
