//! `ConversationSync`'s bookkeeping, sans I/O: which SyncState goes with
//! which conversation, what to ask again after ErrorInvalidSyncStateData, and
//! what to remember from a response.

use super::{check, Failed, Messages};
use crate::operations::engine::JsonResponse;
use crate::operations::get_conversation_items::{
    GetConversationItemsRequest, GetConversationItemsResponse,
};

/// A GetConversationItems response as the bookkeeping reads it: the typed
/// response (the Rust client) or the engine's JSON (the JavaScript client).
pub trait ConversationResponse: Messages {
    /// The number of response messages.
    fn message_count(&self) -> usize;
    /// Message `i`'s conversation: `ConversationId/@Id` and `SyncState`.
    fn conversation_at(&self, i: usize) -> (Option<&str>, Option<&str>);
    /// Replaces message `i` with message `j` of `other` (which may give it
    /// up: `other` is dropped afterwards).
    fn replace_message(&mut self, i: usize, other: &mut Self, j: usize);
}

impl ConversationResponse for GetConversationItemsResponse {
    fn message_count(&self) -> usize {
        self.response_messages.len()
    }
    fn conversation_at(&self, i: usize) -> (Option<&str>, Option<&str>) {
        match self
            .response_messages
            .get(i)
            .and_then(|m| m.conversation.as_ref())
        {
            Some(c) => (
                c.conversation_id.as_ref().map(|id| id.id.as_str()),
                c.sync_state.as_deref(),
            ),
            None => (None, None),
        }
    }
    fn replace_message(&mut self, i: usize, other: &mut Self, j: usize) {
        if let (Some(slot), Some(m)) = (
            self.response_messages.get_mut(i),
            other.response_messages.get(j),
        ) {
            *slot = m.clone();
        }
    }
}

impl ConversationResponse for JsonResponse {
    fn message_count(&self) -> usize {
        self.messages.len()
    }
    fn conversation_at(&self, i: usize) -> (Option<&str>, Option<&str>) {
        match self.messages.get(i) {
            Some(m) => (
                m.conversation_id.as_deref(),
                m.conversation_sync_state.as_deref(),
            ),
            None => (None, None),
        }
    }
    fn replace_message(&mut self, i: usize, other: &mut Self, j: usize) {
        JsonResponse::replace_message(self, i, other, j);
    }
}

/// Conversation id → SyncState, and the restart rule.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ConversationStates {
    /// The remembered states, conversation id → SyncState (each id once).
    pub states: Vec<(String, String)>,
    /// Ask again without a state on ErrorInvalidSyncStateData.
    pub restart: bool,
}

/// One `getConversationItems` call of the helper, between its requests.
#[derive(Debug, Clone)]
pub struct ConversationCall<R = GetConversationItemsResponse> {
    /// What is sent now (the conversations asked again, after a restart).
    request: GetConversationItemsRequest,
    /// The conversations of the first request (remembered states filled in).
    conversations: Vec<crate::operations::get_conversation_items::ConversationRequest>,
    sent: Vec<bool>,
    redo: Vec<usize>,
    first: Option<R>,
}

/// What to do after a response.
#[derive(Debug, Clone, PartialEq)]
pub enum ConversationStep<R = GetConversationItemsResponse> {
    /// Send [`ConversationCall::request`] again: it now holds the
    /// conversations to ask again without a state.
    Again,
    /// The response (restarted messages merged in), and the indexes of the
    /// conversations (messages) that were restarted.
    Done(R, Vec<usize>),
    /// `ERR_RESPONSE` (nothing is remembered).
    Fail(Failed<R>),
}

impl ConversationStates {
    /// The remembered state of a conversation.
    pub fn get(&self, id: &str) -> Option<&str> {
        self.states
            .iter()
            .find(|(k, _)| k == id)
            .map(|(_, v)| v.as_str())
    }

    /// Starts a call: fills in the remembered state of every conversation
    /// that has none in `request`. Send [`ConversationCall::request`].
    pub fn begin<R>(&self, mut request: GetConversationItemsRequest) -> ConversationCall<R> {
        let mut sent = Vec::with_capacity(request.conversations.len());
        for c in &mut request.conversations {
            let remembered = if c.sync_state.is_none() {
                self.get(&c.conversation_id.id).map(str::to_owned)
            } else {
                None
            };
            sent.push(remembered.is_some());
            if remembered.is_some() {
                c.sync_state = remembered;
            }
        }
        ConversationCall {
            conversations: request.conversations.clone(),
            request,
            sent,
            redo: Vec::new(),
            first: None,
        }
    }

    /// The response to the last request of `call`.
    pub fn on_response<R: ConversationResponse>(
        &mut self,
        call: &mut ConversationCall<R>,
        mut response: R,
    ) -> ConversationStep<R> {
        let mut restarted = Vec::new();
        let response = match call.first.take() {
            None => {
                // Plain loops rather than iterator chains: each `collect`
                // was ~0.6 KB of wasm.
                let mut again = Vec::new();
                for i in 0..response.message_count() {
                    let invalid_state = response.status_at(i).is_some_and(|s| {
                        s.is_error()
                            && s.response_code.as_deref() == Some("ErrorInvalidSyncStateData")
                    });
                    if !(self.restart && invalid_state && call.sent.get(i) == Some(&true)) {
                        continue;
                    }
                    if let Some(c) = call.conversations.get(i) {
                        let mut c = c.clone();
                        c.sync_state = None;
                        again.push(c);
                        call.redo.push(i);
                    }
                }
                if !call.redo.is_empty() {
                    call.request.conversations = again;
                    call.first = Some(response);
                    return ConversationStep::Again;
                }
                response
            }
            Some(mut first) => {
                for j in 0..response.message_count() {
                    let Some(&i) = call.redo.get(j) else { continue };
                    if !response.status_at(j).is_some_and(|s| s.is_error()) {
                        restarted.push(i);
                    }
                    first.replace_message(i, &mut response, j);
                }
                first
            }
        };
        let response = match check(response) {
            Ok(r) => r,
            Err(f) => return ConversationStep::Fail(f),
        };
        for i in 0..response.message_count() {
            let (conversation_id, state) = response.conversation_at(i);
            let Some(state) = state else {
                continue;
            };
            let id = call
                .conversations
                .get(i)
                .map(|c| c.conversation_id.id.as_str())
                .or(conversation_id);
            if let (Some(id), false) = (id, state.is_empty()) {
                match self.states.iter_mut().find(|(k, _)| k == id) {
                    Some(slot) => slot.1 = state.to_owned(),
                    None => self.states.push((id.to_owned(), state.to_owned())),
                }
            }
        }
        ConversationStep::Done(response, restarted)
    }
}

impl<R> ConversationCall<R> {
    /// The request to send now.
    pub fn request(&self) -> &GetConversationItemsRequest {
        &self.request
    }

    /// The id of conversation `i` of the call.
    pub fn conversation_id(&self, i: usize) -> Option<&str> {
        self.conversations
            .get(i)
            .map(|c| c.conversation_id.id.as_str())
    }
}
