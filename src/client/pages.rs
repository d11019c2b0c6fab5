//! Paging through SyncFolderItems.

use std::sync::atomic::{AtomicU64, Ordering};

use super::{response_error, to_json, CallOptions, EwsClient, Transport};
use crate::error::{Error, Result};
use crate::operations::sync_folder_items::{
    SyncFolderItemsRequest, SyncFolderItemsResponseMessage,
};

const MAX_RESTARTS: u32 = 3;

/// Where a [`SyncFolderItemsPages`] is (the JavaScript `onProgress` argument).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SyncProgress {
    /// Pages returned so far.
    pub pages: u64,
    /// Changes in those pages.
    pub changes: u64,
    /// Retries spent on them.
    pub retries: u64,
    /// Restarts from an empty SyncState after ErrorInvalidSyncStateData.
    pub restarts: u32,
    /// The latest SyncState (the one the next request sends).
    pub sync_state: Option<String>,
    /// Whether the last page had `IncludesLastItemInRange` true.
    pub includes_last_item_in_range: bool,
}

/// One page.
#[derive(Debug, Clone, PartialEq)]
pub struct SyncPage {
    /// The response message (always `Success` or `Warning`).
    pub message: SyncFolderItemsResponseMessage,
    /// This is the first page after a restart from an empty SyncState: every
    /// item of the folder comes again as a Create, and items deleted meanwhile
    /// are not reported, so clear the local copy before applying it.
    pub restarted: bool,
}

/// Pages of SyncFolderItems ([`EwsClient::sync_folder_items_pages`]).
///
/// Each call of [`next_page`](Self::next_page) sends the request with the
/// SyncState of the previous page and returns the page, until one has
/// `IncludesLastItemInRange` true; then `Ok(None)`. Rules:
/// - an Error message is [`Error::Response`]; its `IncludesLastItemInRange`
///   and `SyncState` are never used. `ErrorInvalidSyncStateData` restarts from
///   an empty SyncState instead when
///   [`restart_on_invalid_sync_state`](Self::restart_on_invalid_sync_state)
///   is on (at most 3 times; the next page has [`SyncPage::restarted`]);
/// - a Success page with `IncludesLastItemInRange` false that returns the
///   SyncState it was sent and no changes, or no SyncState, is the error
///   [`Error::SyncStalled`] (`ERR_SYNC_STALLED`; it would loop for ever);
/// - after an error, calling `next_page` again resends the same request: save
///   [`sync_state`](Self::sync_state) after applying each page and a later
///   run resumes from there.
#[derive(Debug)]
pub struct SyncFolderItemsPages<'c, T: Transport> {
    client: &'c EwsClient<T>,
    request: SyncFolderItemsRequest,
    call: CallOptions,
    restart: bool,
    restarted: bool,
    progress: SyncProgress,
    done: bool,
}

impl<'c, T: Transport> SyncFolderItemsPages<'c, T> {
    pub(crate) fn new(client: &'c EwsClient<T>, request: SyncFolderItemsRequest) -> Self {
        let progress = SyncProgress {
            sync_state: request.sync_state.clone(),
            ..Default::default()
        };
        SyncFolderItemsPages {
            client,
            request,
            call: CallOptions::default(),
            restart: false,
            restarted: false,
            progress,
            done: false,
        }
    }

    /// Restart from an empty SyncState on ErrorInvalidSyncStateData (default: off, an error).
    pub fn restart_on_invalid_sync_state(mut self, restart: bool) -> Self {
        self.restart = restart;
        self
    }

    /// Per-call options (abort signal, timeout, headers) for every page.
    pub fn with_call_options(mut self, call: CallOptions) -> Self {
        self.call = call;
        self
    }

    /// Pages, changes, retries and the latest SyncState so far.
    pub fn progress(&self) -> &SyncProgress {
        &self.progress
    }

    /// The SyncState the next request sends (after the last page: the one to save).
    pub fn sync_state(&self) -> Option<&str> {
        self.request.sync_state.as_deref()
    }

    /// Whether the last page has been returned.
    pub fn is_done(&self) -> bool {
        self.done
    }

    /// The next page, or `None` after the one with `IncludesLastItemInRange`.
    pub async fn next_page(&mut self) -> Result<Option<SyncPage>> {
        if self.done {
            return Ok(None);
        }
        loop {
            let retries = AtomicU64::new(0);
            let result = self
                .client
                .sync_message(&self.request, &self.call, &retries)
                .await;
            self.progress.retries += retries.load(Ordering::Relaxed);
            let message = result?;
            let sent = self.request.sync_state.clone();
            if message.status.is_error() {
                let invalid =
                    message.status.response_code.as_deref() == Some("ErrorInvalidSyncStateData");
                if invalid
                    && self.restart
                    && sent.as_deref().is_some_and(|s| !s.is_empty())
                    && self.progress.restarts < MAX_RESTARTS
                {
                    self.progress.restarts += 1;
                    self.request.sync_state = None;
                    self.restarted = true;
                    continue;
                }
                return Err(response_error(&message.status, to_json(&message), None));
            }
            let changes = message.changes.as_ref().map_or(0, Vec::len) as u64;
            let last = message.includes_last_item_in_range == Some(true);
            let state = message.sync_state.clone().filter(|s| !s.is_empty());
            if !last && (state.is_none() || (state == sent && changes == 0)) {
                return Err(Error::SyncStalled {
                    sync_state: sent.clone().unwrap_or_default(),
                    pages: self.progress.pages,
                    message: if state.is_some() {
                        "SyncFolderItems returned the SyncState it was sent, with no changes and IncludesLastItemInRange false".into()
                    } else {
                        "SyncFolderItems returned no SyncState with IncludesLastItemInRange false"
                            .into()
                    },
                });
            }
            self.progress.pages += 1;
            self.progress.changes += changes;
            self.progress.includes_last_item_in_range = last;
            if state.is_some() {
                self.progress.sync_state = state.clone();
                self.request.sync_state = state;
            }
            self.done = last;
            let restarted = std::mem::take(&mut self.restarted);
            return Ok(Some(SyncPage { message, restarted }));
        }
    }
}
