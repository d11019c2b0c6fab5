//! Paging through SyncFolderItems: the SyncState hand-off, the end, stalls
//! and restarts.

use super::{Failed, Messages};
use crate::error::Result;
use crate::operations::engine::JsonResponse;
use crate::operations::sync_folder_items::{
    SyncFolderItemsRequest, SyncFolderItemsResponse, SyncFolderItemsResponseMessage,
};
use crate::soap::RequestHeader;

/// Restarts from an empty SyncState per run, at most.
pub const MAX_RESTARTS: u32 = 3;

/// Where a sync is (the JavaScript `onProgress` argument).
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

/// A SyncFolderItems response as the pager reads it: the typed response (the
/// Rust client) or the engine's JSON (the JavaScript client).
pub trait SyncResponse: Messages {
    /// One message, as a page hands it over.
    type Message;
    /// The number of response messages.
    fn message_count(&self) -> usize;
    /// Message `i`'s `SyncState`.
    fn sync_state_at(&self, i: usize) -> Option<&str>;
    /// Message `i`'s `IncludesLastItemInRange`.
    fn includes_last_at(&self, i: usize) -> Option<bool>;
    /// Message `i`'s number of changes.
    fn changes_at(&self, i: usize) -> usize;
    /// Keeps the first `n` messages.
    fn truncate_messages(&mut self, n: usize);
    /// Takes message `i` out.
    fn take_message(self, i: usize) -> Option<Self::Message>;
}

impl SyncResponse for SyncFolderItemsResponse {
    type Message = SyncFolderItemsResponseMessage;
    fn message_count(&self) -> usize {
        self.response_messages.len()
    }
    fn sync_state_at(&self, i: usize) -> Option<&str> {
        self.response_messages.get(i)?.sync_state.as_deref()
    }
    fn includes_last_at(&self, i: usize) -> Option<bool> {
        self.response_messages.get(i)?.includes_last_item_in_range
    }
    fn changes_at(&self, i: usize) -> usize {
        self.response_messages
            .get(i)
            .and_then(|m| m.changes.as_ref())
            .map_or(0, Vec::len)
    }
    fn truncate_messages(&mut self, n: usize) {
        self.response_messages.truncate(n);
    }
    fn take_message(mut self, i: usize) -> Option<Self::Message> {
        (i < self.response_messages.len()).then(|| self.response_messages.swap_remove(i))
    }
}

/// The engine's response: a page's message is its JSON.
impl SyncResponse for JsonResponse {
    type Message = String;
    fn message_count(&self) -> usize {
        self.messages.len()
    }
    fn sync_state_at(&self, i: usize) -> Option<&str> {
        self.messages.get(i)?.sync_state.as_deref()
    }
    fn includes_last_at(&self, i: usize) -> Option<bool> {
        self.messages.get(i)?.includes_last_item_in_range
    }
    fn changes_at(&self, i: usize) -> usize {
        self.messages.get(i).map_or(0, |m| m.changes)
    }
    fn truncate_messages(&mut self, n: usize) {
        self.messages.truncate(n);
    }
    fn take_message(self, i: usize) -> Option<String> {
        JsonResponse::message_json(&self, i).map(str::to_owned)
    }
}

/// One page.
#[derive(Debug, Clone, PartialEq)]
pub struct SyncPage<M = SyncFolderItemsResponseMessage> {
    /// The response message (always `Success` or `Warning`).
    pub message: M,
    /// This is the first page after a restart from an empty SyncState: every
    /// item of the folder comes again as a Create, and items deleted meanwhile
    /// are not reported, so clear the local copy before applying it.
    pub restarted: bool,
}

const INVALID_SYNC_STATE: &str = "ErrorInvalidSyncStateData";

/// What to do after a page's response.
#[derive(Debug, Clone, PartialEq)]
pub enum PageStep<R: SyncResponse = SyncFolderItemsResponse> {
    /// A page to hand to the user; [`Pager::is_done`] says whether it was the last.
    Page(SyncPage<R::Message>),
    /// The SyncState was rejected and the sync restarts: send
    /// [`Pager::envelope`] again (it now has no SyncState).
    Restart,
    /// The sync fails (the pager does not move: asking again resends the same request).
    Fail(Failed<R>),
}

/// The paging rules of SyncFolderItems, sans I/O: it holds the request and
/// the progress; the driver sends [`Pager::envelope`] (through an
/// [`Exchange`](super::Exchange)) and hands the parsed response to
/// [`Pager::on_response`].
///
/// - Each page's SyncState goes into the next request, until a page has
///   `IncludesLastItemInRange` true.
/// - An Error message is `ERR_RESPONSE`; its `IncludesLastItemInRange` and
///   `SyncState` are never used. `ErrorInvalidSyncStateData` for a SyncState
///   that was sent restarts from an empty one instead when `restart` is on
///   (at most [`MAX_RESTARTS`] times; the next page is `restarted`).
/// - A Success page with `IncludesLastItemInRange` false that returns the
///   SyncState it was sent and no changes, or no SyncState, is
///   `ERR_SYNC_STALLED` (it would loop for ever).
#[derive(Debug, Clone)]
pub struct Pager {
    request: SyncFolderItemsRequest,
    restart: bool,
    restarted: bool,
    progress: SyncProgress,
    done: bool,
}

impl Pager {
    /// A pager from `request.sync_state` (or the start).
    pub fn new(request: SyncFolderItemsRequest, restart_on_invalid_sync_state: bool) -> Self {
        let progress = SyncProgress {
            sync_state: request.sync_state.clone(),
            ..Default::default()
        };
        Pager {
            request,
            restart: restart_on_invalid_sync_state,
            restarted: false,
            progress,
            done: false,
        }
    }

    /// Turns restarts on or off.
    pub fn set_restart(&mut self, restart: bool) {
        self.restart = restart;
    }

    /// The request the next page is asked with.
    pub fn request(&self) -> &SyncFolderItemsRequest {
        &self.request
    }

    /// The envelope of the next page, with `header` (the merged SOAP header).
    pub fn envelope(&self, header: &RequestHeader) -> Result<String> {
        self.request.to_xml_with_header(header)
    }

    /// Progress so far.
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

    /// Counts `n` retries spent on the current page.
    pub fn add_retries(&mut self, n: u64) {
        self.progress.retries += n;
    }

    /// The current page's request failed with `error` instead of a response:
    /// whether the sync restarts from an empty SyncState (the pager is then
    /// ready to send [`Pager::envelope`] again). A server may report
    /// ErrorInvalidSyncStateData as a SOAP Fault rather than as an Error
    /// message (gromox does, docs/servers.md); the rules are those of the message.
    pub fn restarts_after(&mut self, error: &crate::Error) -> bool {
        let invalid = match error {
            crate::Error::SoapFault(f) => {
                f.response_code.as_deref() == Some(INVALID_SYNC_STATE)
                    || f.fault_code.rsplit(':').next() == Some(INVALID_SYNC_STATE)
            }
            _ => false,
        };
        invalid && self.try_restart()
    }

    /// Restarts from an empty SyncState when restarts are on, a SyncState was
    /// sent, and fewer than [`MAX_RESTARTS`] restarts were made.
    fn try_restart(&mut self) -> bool {
        let sent = self
            .request
            .sync_state
            .as_deref()
            .is_some_and(|s| !s.is_empty());
        if !(self.restart && sent && self.progress.restarts < MAX_RESTARTS) {
            return false;
        }
        self.progress.restarts += 1;
        self.request.sync_state = None;
        self.restarted = true;
        true
    }

    /// The parsed response of the current page's request.
    pub fn on_response<R: SyncResponse>(&mut self, mut response: R) -> PageStep<R> {
        if response.message_count() == 0 {
            return PageStep::Fail(Failed::Error(crate::Error::not_soap(
                "ResponseMessages",
                "the SyncFolderItems response has no response message",
            )));
        }
        response.truncate_messages(1);
        let sent = self.request.sync_state.clone();
        let (error, invalid) = match response.status_at(0) {
            Some(s) => (
                s.is_error(),
                s.response_code.as_deref() == Some(INVALID_SYNC_STATE),
            ),
            None => (false, false),
        };
        if error {
            if invalid && self.try_restart() {
                return PageStep::Restart;
            }
            return PageStep::Fail(Failed::Message { response, index: 0 });
        }
        let changes = response.changes_at(0) as u64;
        let last = response.includes_last_at(0) == Some(true);
        let state = response
            .sync_state_at(0)
            .filter(|s| !s.is_empty())
            .map(str::to_owned);
        if !last && (state.is_none() || (state == sent && changes == 0)) {
            let why = if state.is_some() {
                "SyncFolderItems returned the SyncState it was sent, with no changes and IncludesLastItemInRange false"
            } else {
                "SyncFolderItems returned no SyncState with IncludesLastItemInRange false"
            };
            return PageStep::Fail(Failed::Stalled {
                response,
                sync_state: sent.unwrap_or_default(),
                pages: self.progress.pages,
                why,
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
        match response.take_message(0) {
            Some(message) => PageStep::Page(SyncPage { message, restarted }),
            None => PageStep::Fail(Failed::Error(crate::Error::not_soap(
                "ResponseMessages",
                "the SyncFolderItems response has no response message",
            ))),
        }
    }
}
