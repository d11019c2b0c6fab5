//! Per-conversation SyncState for GetConversationItems.

use std::collections::BTreeMap;
use std::sync::atomic::AtomicU64;

use super::{CallOptions, Checked, EwsClient, Transport};
use crate::error::Result;
use crate::operations::get_conversation_items::{
    GetConversationItemsRequest, GetConversationItemsResponse,
};

/// Remembers the SyncState of each conversation and sends it with the next
/// request for that conversation, so that GetConversationItems returns only
/// the nodes that changed (the JavaScript `client.conversationSync()`).
///
/// [`get_conversation_items`](Self::get_conversation_items) fills in the
/// remembered state of every conversation that has none in the request; after
/// a response without Error messages it remembers each conversation's new
/// state (keyed by the requested conversation id). On an Error message it
/// returns [`Error::Response`](crate::Error::Response) and remembers nothing.
/// With [`restart_on_invalid_sync_state`](Self::restart_on_invalid_sync_state),
/// a conversation answered with ErrorInvalidSyncStateData for a state it sent
/// is asked again without a state (listed in [`restarted`](Self::restarted)).
/// [`sync_states`](Self::sync_states) is plain data to save.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ConversationSync {
    states: BTreeMap<String, String>,
    restart: bool,
    restarted: Vec<String>,
}

impl ConversationSync {
    /// No remembered states.
    pub fn new() -> Self {
        Self::default()
    }

    /// Starts from saved states (conversation id → SyncState).
    pub fn with_sync_states(states: impl IntoIterator<Item = (String, String)>) -> Self {
        ConversationSync {
            states: states.into_iter().collect(),
            ..Default::default()
        }
    }

    /// Ask again without a state on ErrorInvalidSyncStateData (default: off).
    pub fn restart_on_invalid_sync_state(mut self, restart: bool) -> Self {
        self.restart = restart;
        self
    }

    /// Conversation id → SyncState.
    pub fn sync_states(&self) -> &BTreeMap<String, String> {
        &self.states
    }

    /// The remembered state of one conversation.
    pub fn sync_state_of(&self, conversation_id: &str) -> Option<&str> {
        self.states.get(conversation_id).map(String::as_str)
    }

    /// Forgets a conversation (its next request gets all its items).
    pub fn forget(&mut self, conversation_id: &str) {
        self.states.remove(conversation_id);
    }

    /// The conversations the last call restarted.
    pub fn restarted(&self) -> &[String] {
        &self.restarted
    }

    /// GetConversationItems with the remembered states.
    pub async fn get_conversation_items<T: Transport>(
        &mut self,
        client: &EwsClient<T>,
        request: &GetConversationItemsRequest,
    ) -> Result<GetConversationItemsResponse> {
        self.get_conversation_items_with(client, request, &CallOptions::default())
            .await
    }

    /// [`ConversationSync::get_conversation_items`] with [`CallOptions`].
    pub async fn get_conversation_items_with<T: Transport>(
        &mut self,
        client: &EwsClient<T>,
        request: &GetConversationItemsRequest,
        call: &CallOptions,
    ) -> Result<GetConversationItemsResponse> {
        self.restarted.clear();
        let mut request = request.clone();
        let mut sent = Vec::with_capacity(request.conversations.len());
        for c in &mut request.conversations {
            let remembered = if c.sync_state.is_none() {
                self.states.get(&c.conversation_id.id).cloned()
            } else {
                None
            };
            if remembered.is_some() {
                c.sync_state = remembered;
                sent.push(true);
            } else {
                sent.push(false);
            }
        }
        let mut response = client.execute(&request, call, &AtomicU64::new(0)).await?;
        if self.restart {
            let redo: Vec<usize> = response
                .response_messages
                .iter()
                .enumerate()
                .filter(|(i, m)| {
                    m.status.is_error()
                        && m.status.response_code.as_deref() == Some("ErrorInvalidSyncStateData")
                        && sent.get(*i) == Some(&true)
                })
                .map(|(i, _)| i)
                .collect();
            if !redo.is_empty() {
                let mut again = request.clone();
                again.conversations = redo
                    .iter()
                    .map(|&i| {
                        let mut c = request.conversations[i].clone();
                        c.sync_state = None;
                        c
                    })
                    .collect();
                let fresh = client.execute(&again, call, &AtomicU64::new(0)).await?;
                for (j, m) in fresh.response_messages.into_iter().enumerate() {
                    if let Some(&i) = redo.get(j) {
                        if !m.status.is_error() {
                            self.restarted
                                .push(request.conversations[i].conversation_id.id.clone());
                        }
                        response.response_messages[i] = m;
                    }
                }
            }
        }
        if let Some(e) = response.error_message(None) {
            self.restarted.clear();
            return Err(e);
        }
        for (i, m) in response.response_messages.iter().enumerate() {
            let Some(conversation) = &m.conversation else {
                continue;
            };
            let id = request
                .conversations
                .get(i)
                .map(|c| c.conversation_id.id.clone())
                .or_else(|| conversation.conversation_id.as_ref().map(|c| c.id.clone()));
            if let (Some(id), Some(state)) = (id, &conversation.sync_state) {
                if !state.is_empty() {
                    self.states.insert(id, state.clone());
                }
            }
        }
        Ok(response)
    }
}
