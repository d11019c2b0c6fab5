// The GetConversationItems options the task pane sends. A small item shape
// and a cap on the number of messages keep request and response well under
// the 1 MB that makeEwsRequestAsync carries.

/** @typedef {import('ews-wasm').GetConversationItemsOptions} GetConversationItemsOptions */

/**
 * @param {string} conversationId `Office.context.mailbox.item.conversationId`
 * @param {number} maxItems at most this many messages (the newest)
 * @returns {GetConversationItemsOptions}
 */
export function conversationRequest(conversationId, maxItems) {
  return {
    itemShape: {
      baseShape: 'IdOnly',
      additionalProperties: [
        { fieldURI: 'item:Subject' },
        { fieldURI: 'message:From' },
        { fieldURI: 'item:DateTimeReceived' },
        { fieldURI: 'message:IsRead' },
        { fieldURI: 'item:Preview' },
      ],
    },
    // what the person deleted or has not sent yet is not part of the thread
    foldersToIgnore: [{ distinguishedFolderId: { id: 'deleteditems' } }, { distinguishedFolderId: { id: 'drafts' } }],
    maxItemsToReturn: maxItems,
    sortOrder: 'TreeOrderAscending',
    conversations: [{ conversationId: { id: conversationId } }],
  };
}
