//! Per-conversation SyncState for GetConversationItems: the driver of
//! [`core::conversations`](super::core::conversations).

use std::collections::BTreeMap;

use super::core::conversations::{ConversationStates, ConversationStep};
use super::{CallOptions, EwsClient, Transport};
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
    core: ConversationStates,
    /// The same states, sorted, for [`sync_states`](Self::sync_states).
    states: BTreeMap<String, String>,
    restarted: Vec<String>,
}

impl ConversationSync {
    /// No remembered states.
    pub fn new() -> Self {
        Self::default()
    }

    /// Starts from saved states (conversation id → SyncState).
    pub fn with_sync_states(states: impl IntoIterator<Item = (String, String)>) -> Self {
        let states: BTreeMap<String, String> = states.into_iter().collect();
        ConversationSync {
            core: ConversationStates {
                states: states.clone().into_iter().collect(),
                restart: false,
            },
            states,
            ..Default::default()
        }
    }

    /// Ask again without a state on ErrorInvalidSyncStateData (default: off).
    pub fn restart_on_invalid_sync_state(mut self, restart: bool) -> Self {
        self.core.restart = restart;
        self
    }

    /// Conversation id → SyncState.
    pub fn sync_states(&self) -> &BTreeMap<String, String> {
        &self.states
    }

    /// The remembered state of one conversation.
    pub fn sync_state_of(&self, conversation_id: &str) -> Option<&str> {
        self.core.get(conversation_id)
    }

    /// Forgets a conversation (its next request gets all its items).
    pub fn forget(&mut self, conversation_id: &str) {
        self.core.states.retain(|(k, _)| k != conversation_id);
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
        let mut state = self.core.begin(request.clone());
        loop {
            let response = client
                .execute(state.request(), call)
                .await
                .0
                .map_err(|f| f.into_error())?;
            let step = self.core.on_response(&mut state, response);
            self.states = self.core.states.iter().cloned().collect();
            match step {
                ConversationStep::Again => continue,
                ConversationStep::Done(response, restarted) => {
                    self.restarted = restarted
                        .iter()
                        .filter_map(|&i| state.conversation_id(i))
                        .map(str::to_owned)
                        .collect();
                    return Ok(response);
                }
                ConversationStep::Fail(f) => return Err(f.into_error()),
            }
        }
    }
}
