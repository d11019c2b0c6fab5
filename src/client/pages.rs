//! Paging through SyncFolderItems: the driver of [`core::Pager`](super::core::Pager).

use super::core::{PageStep, Pager, SyncPage, SyncProgress};
use super::{CallOptions, ClientRequest, EwsClient, Transport};
use crate::error::Result;
use crate::operations::sync_folder_items::SyncFolderItemsRequest;

/// Pages of SyncFolderItems ([`EwsClient::sync_folder_items_pages`]).
///
/// Each call of [`next_page`](Self::next_page) sends the request with the
/// SyncState of the previous page and returns the page, until one has
/// `IncludesLastItemInRange` true; then `Ok(None)`. The rules are the core's
/// ([`Pager`]):
/// - an Error message is [`Error::Response`](crate::Error::Response); its
///   `IncludesLastItemInRange` and `SyncState` are never used.
///   `ErrorInvalidSyncStateData` restarts from an empty SyncState instead
///   when [`restart_on_invalid_sync_state`](Self::restart_on_invalid_sync_state)
///   is on (at most 3 times; the next page has [`SyncPage::restarted`]);
/// - a Success page with `IncludesLastItemInRange` false that returns the
///   SyncState it was sent and no changes, or no SyncState, is the error
///   [`Error::SyncStalled`](crate::Error::SyncStalled) (`ERR_SYNC_STALLED`;
///   it would loop for ever);
/// - after an error, calling `next_page` again resends the same request: save
///   [`sync_state`](Self::sync_state) after applying each page and a later
///   run resumes from there.
#[derive(Debug)]
pub struct SyncFolderItemsPages<'c, T: Transport> {
    client: &'c EwsClient<T>,
    pager: Pager,
    call: CallOptions,
}

impl<'c, T: Transport> SyncFolderItemsPages<'c, T> {
    pub(crate) fn new(client: &'c EwsClient<T>, request: SyncFolderItemsRequest) -> Self {
        SyncFolderItemsPages {
            client,
            pager: Pager::new(request, false),
            call: CallOptions::default(),
        }
    }

    /// Restart from an empty SyncState on ErrorInvalidSyncStateData (default: off, an error).
    pub fn restart_on_invalid_sync_state(mut self, restart: bool) -> Self {
        self.pager.set_restart(restart);
        self
    }

    /// Per-call options (abort signal, timeout, headers) for every page.
    pub fn with_call_options(mut self, call: CallOptions) -> Self {
        self.call = call;
        self
    }

    /// Pages, changes, retries and the latest SyncState so far.
    pub fn progress(&self) -> &SyncProgress {
        self.pager.progress()
    }

    /// The SyncState the next request sends (after the last page: the one to save).
    pub fn sync_state(&self) -> Option<&str> {
        self.pager.sync_state()
    }

    /// Whether the last page has been returned.
    pub fn is_done(&self) -> bool {
        self.pager.is_done()
    }

    /// The next page, or `None` after the one with `IncludesLastItemInRange`.
    pub async fn next_page(&mut self) -> Result<Option<SyncPage>> {
        if self.pager.is_done() {
            return Ok(None);
        }
        loop {
            let (result, retries) = self.client.execute(self.pager.request(), &self.call).await;
            self.pager.add_retries(u64::from(retries));
            let response = match result {
                Ok(response) => response,
                Err(f) => {
                    let error = f.into_error();
                    if self.pager.restarts_after(&error) {
                        continue;
                    }
                    return Err(error);
                }
            };
            match self.pager.on_response(response) {
                PageStep::Page(page) => return Ok(Some(page)),
                PageStep::Restart => continue,
                PageStep::Fail(f) => return Err(f.into_error()),
            }
        }
    }
}

// The pager's request is a SyncFolderItemsRequest: sent like any other.
const _: fn() = || {
    fn is_request<R: ClientRequest>() {}
    is_request::<SyncFolderItemsRequest>();
};
