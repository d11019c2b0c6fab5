//! `ConversationSync`'s bookkeeping, sans I/O: which SyncState goes with
//! which conversation, what to ask again after ErrorInvalidSyncStateData, and
//! what to remember from a response.

use super::{check, Failed};
use crate::operations::get_conversation_items::{
    GetConversationItemsRequest, GetConversationItemsResponse,
};

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
pub struct ConversationCall {
    /// What is sent now (the conversations asked again, after a restart).
    request: GetConversationItemsRequest,
    /// The conversations of the first request (remembered states filled in).
    conversations: Vec<crate::operations::get_conversation_items::ConversationRequest>,
    sent: Vec<bool>,
    redo: Vec<usize>,
    first: Option<GetConversationItemsResponse>,
}

/// What to do after a response.
#[derive(Debug, Clone, PartialEq)]
pub enum ConversationStep {
    /// Send [`ConversationCall::request`] again: it now holds the
    /// conversations to ask again without a state.
    Again,
    /// The response (restarted messages merged in), and the indexes of the
    /// conversations (messages) that were restarted.
    Done(GetConversationItemsResponse, Vec<usize>),
    /// `ERR_RESPONSE` (nothing is remembered).
    Fail(Failed<GetConversationItemsResponse>),
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
    pub fn begin(&self, mut request: GetConversationItemsRequest) -> ConversationCall {
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
    pub fn on_response(
        &mut self,
        call: &mut ConversationCall,
        response: GetConversationItemsResponse,
    ) -> ConversationStep {
        let mut restarted = Vec::new();
        let response = match call.first.take() {
            None => {
                if self.restart {
                    call.redo = response
                        .response_messages
                        .iter()
                        .enumerate()
                        .filter(|(i, m)| {
                            m.status.is_error()
                                && m.status.response_code.as_deref()
                                    == Some("ErrorInvalidSyncStateData")
                                && call.sent.get(*i) == Some(&true)
                        })
                        .map(|(i, _)| i)
                        .collect();
                }
                if !call.redo.is_empty() {
                    call.request.conversations = call
                        .redo
                        .iter()
                        .filter_map(|&i| call.conversations.get(i).cloned())
                        .map(|mut c| {
                            c.sync_state = None;
                            c
                        })
                        .collect();
                    call.first = Some(response);
                    return ConversationStep::Again;
                }
                response
            }
            Some(mut first) => {
                for (j, m) in response.response_messages.into_iter().enumerate() {
                    let Some(&i) = call.redo.get(j) else { continue };
                    if !m.status.is_error() {
                        restarted.push(i);
                    }
                    if let Some(slot) = first.response_messages.get_mut(i) {
                        *slot = m;
                    }
                }
                first
            }
        };
        let response = match check(response) {
            Ok(r) => r,
            Err(f) => return ConversationStep::Fail(f),
        };
        for (i, m) in response.response_messages.iter().enumerate() {
            let Some(conversation) = &m.conversation else {
                continue;
            };
            let id = call
                .conversations
                .get(i)
                .map(|c| c.conversation_id.id.clone())
                .or_else(|| conversation.conversation_id.as_ref().map(|c| c.id.clone()));
            if let (Some(id), Some(state)) = (id, &conversation.sync_state) {
                if !state.is_empty() {
                    match self.states.iter_mut().find(|(k, _)| *k == id) {
                        Some(slot) => slot.1 = state.clone(),
                        None => self.states.push((id, state.clone())),
                    }
                }
            }
        }
        ConversationStep::Done(response, restarted)
    }
}

impl ConversationCall {
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
