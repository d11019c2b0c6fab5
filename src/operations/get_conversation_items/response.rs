//! The GetConversationItems response: conversations as nodes of items, and the
//! thread helper that turns nodes into a reply tree.

use serde::Serialize;

use crate::json_in::json_struct;
use crate::soap::ResponseStatus;
use crate::types::ews_struct;
use crate::types::{Item, ItemId};

crate::operations::wrapped_response! {
    /// A parsed [GetConversationItems response](https://learn.microsoft.com/en-us/exchange/client-developer/web-service-reference/getconversationitemsresponse).
    GetConversationItemsResponse {
        "One message per requested conversation, in request order."
        GetConversationItemsResponseMessage
    }
    GetConversationItems = "GetConversationItems",
    parse_get_conversation_items_response,
    parse_get_conversation_items_response_with
}

ews_struct! {
    /// A [`GetConversationItemsResponseMessage`](https://learn.microsoft.com/en-us/exchange/client-developer/web-service-reference/getconversationitemsresponsemessage).
    element GetConversationItemsResponseMessage {
        .. status: ResponseStatus,
        conversation: "Conversation" => Option<Conversation>,
    }
}

ews_struct! {
    /// A [`Conversation`](https://learn.microsoft.com/en-us/exchange/client-developer/web-service-reference/conversation-conversationresponsetype)
    /// (`ConversationResponseType`).
    element Conversation {
        conversation_id: "ConversationId" => Option<ItemId>,
        sync_state: "SyncState" => Option<String>,
        conversation_nodes: "ConversationNodes" => Option<Vec<ConversationNode>>,
    }
}

ews_struct! {
    /// A [`ConversationNode`](https://learn.microsoft.com/en-us/exchange/client-developer/web-service-reference/conversationnode):
    /// one message of the thread (and its copies in other folders).
    element ConversationNode {
        internet_message_id: "InternetMessageId" => Option<String>,
        parent_internet_message_id: "ParentInternetMessageId" => Option<String>,
        items: "Items" => Option<Vec<Item>>,
    }
}

/// One line of a conversation laid out as a reply tree (see [`Conversation::thread`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ThreadEntry {
    /// Index of the node in `conversation_nodes`.
    pub index: usize,
    /// 0 for a root (a node without parent, or whose parent is not in the
    /// conversation), parent's depth + 1 otherwise.
    pub depth: usize,
    /// Index of the parent node, when it is in the conversation.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub parent_index: Option<usize>,
}

impl crate::json::ToJson for ThreadEntry {
    fn write_json(&self, out: &mut crate::json::JsonOut) {
        out.begin_object();
        out.key("index");
        self.index.write_json(out);
        out.key("depth");
        self.depth.write_json(out);
        if let Some(p) = self.parent_index {
            out.key("parentIndex");
            p.write_json(out);
        }
        out.end_object();
    }
}

impl Conversation {
    /// The nodes laid out as a reply tree, in pre-order: each node is followed by
    /// its replies (and theirs), siblings keep the order the server sent them in
    /// (which follows the request's `SortOrder`). A node whose parent is missing is
    /// kept as a root; a node on a cycle of parents is listed as a root too, so
    /// every node appears exactly once. No recursion: safe on any thread length.
    pub fn thread(&self) -> Vec<ThreadEntry> {
        let nodes = self.conversation_nodes.as_deref().unwrap_or_default();
        thread_of(nodes.iter().map(|n| {
            (
                n.internet_message_id.as_deref(),
                n.parent_internet_message_id.as_deref(),
            )
        }))
    }
}

/// Just the message ids of a conversation's nodes: what [`Conversation::thread`]
/// needs, readable from the JSON of a parsed conversation.
#[derive(Debug, Clone, Default, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ThreadIds {
    /// The nodes' ids, in order.
    #[serde(default)]
    pub conversation_nodes: Vec<NodeIds>,
}

/// The ids of one conversation node.
#[derive(Debug, Clone, Default, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct NodeIds {
    /// `InternetMessageId`.
    #[serde(default)]
    pub internet_message_id: Option<String>,
    /// `ParentInternetMessageId`.
    #[serde(default)]
    pub parent_internet_message_id: Option<String>,
}

impl ThreadIds {
    /// See [`Conversation::thread`].
    pub fn thread(&self) -> Vec<ThreadEntry> {
        thread_of(self.conversation_nodes.iter().map(|n| {
            (
                n.internet_message_id.as_deref(),
                n.parent_internet_message_id.as_deref(),
            )
        }))
    }
}

fn thread_of<'a>(
    nodes: impl Iterator<Item = (Option<&'a str>, Option<&'a str>)>,
) -> Vec<ThreadEntry> {
    {
        let nodes: Vec<(Option<&str>, Option<&str>)> = nodes.collect();
        let n = nodes.len();
        // (id, first node with it), sorted: a binary search per parent lookup
        // (a HashMap would cost more code in the wasm module than it saves).
        let mut by_id: Vec<(&str, usize)> = nodes
            .iter()
            .enumerate()
            .filter_map(|(i, (id, _))| id.map(|id| (id, i)))
            .collect();
        crate::xml::heap_sort(&mut by_id);
        by_id.dedup_by(|later, first| later.0 == first.0);
        let find = |id: &str| {
            by_id
                .binary_search_by(|(k, _)| (*k).cmp(id))
                .ok()
                .and_then(|at| by_id.get(at))
                .map(|(_, i)| *i)
        };
        let parent: Vec<Option<usize>> = nodes
            .iter()
            .enumerate()
            .map(|(i, (_, parent))| parent.and_then(find).filter(|&p| p != i))
            .collect();
        let mut children: Vec<Vec<usize>> = vec![Vec::new(); n];
        let mut roots = Vec::new();
        for (i, p) in parent.iter().enumerate() {
            match p {
                Some(p) => children.get_mut(*p).map(|c| c.push(i)).unwrap_or(()),
                None => roots.push(i),
            }
        }
        let mut out = Vec::with_capacity(n);
        let mut seen = vec![false; n];
        let walk = |start: usize, out: &mut Vec<ThreadEntry>, seen: &mut Vec<bool>| {
            let mut stack = vec![(start, 0usize, None)];
            while let Some((i, depth, parent_index)) = stack.pop() {
                if seen.get(i).copied().unwrap_or(true) {
                    continue;
                }
                if let Some(s) = seen.get_mut(i) {
                    *s = true;
                }
                out.push(ThreadEntry {
                    index: i,
                    depth,
                    parent_index,
                });
                if let Some(kids) = children.get(i) {
                    for &k in kids.iter().rev() {
                        stack.push((k, depth + 1, Some(i)));
                    }
                }
            }
        };
        for &r in &roots {
            walk(r, &mut out, &mut seen);
        }
        // Nodes only reachable through a cycle: list each unseen one as a root.
        for i in 0..n {
            if !seen.get(i).copied().unwrap_or(true) {
                walk(i, &mut out, &mut seen);
                if let Some(e) = out.iter_mut().find(|e| e.index == i) {
                    e.parent_index = None;
                }
            }
        }
        out
    }
}

// A parsed conversation, read back for its thread: every other key is ignored.
json_struct!(ThreadIds, lenient {
    opt conversation_nodes: "conversationNodes",
});

json_struct!(NodeIds, lenient {
    opt internet_message_id: "internetMessageId",
    opt parent_internet_message_id: "parentInternetMessageId",
});

#[cfg(test)]
mod tests {
    use super::*;

    fn node(id: &str, parent: Option<&str>) -> ConversationNode {
        ConversationNode {
            internet_message_id: Some(id.into()),
            parent_internet_message_id: parent.map(Into::into),
            ..Default::default()
        }
    }

    #[test]
    fn thread_is_a_preorder_tree_with_orphans_and_cycles_kept() {
        let conv = Conversation {
            conversation_nodes: Some(vec![
                node("c", Some("a")),
                node("a", None),
                node("b", Some("a")),
                node("d", Some("c")),
                node("x", Some("missing")),
                node("p", Some("q")),
                node("q", Some("p")),
            ]),
            ..Default::default()
        };
        let t: Vec<(usize, usize, Option<usize>)> = conv
            .thread()
            .iter()
            .map(|e| (e.index, e.depth, e.parent_index))
            .collect();
        assert_eq!(
            t,
            vec![
                (1, 0, None),
                (0, 1, Some(1)),
                (3, 2, Some(0)),
                (2, 1, Some(1)),
                (4, 0, None),
                (5, 0, None),
                (6, 1, Some(5)),
            ]
        );
    }

    #[test]
    fn long_chains_do_not_recurse() {
        let nodes: Vec<ConversationNode> = (0..50_000)
            .map(|i| {
                let parent = (i > 0).then(|| format!("m{}", i - 1));
                node(&format!("m{i}"), parent.as_deref())
            })
            .collect();
        let conv = Conversation {
            conversation_nodes: Some(nodes),
            ..Default::default()
        };
        let t = conv.thread();
        assert_eq!(t.len(), 50_000);
        assert_eq!(t.last().map(|e| e.depth), Some(49_999));
    }
}
