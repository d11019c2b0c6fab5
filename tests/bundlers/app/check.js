// What every bundled app does, on the page and in a module worker: load the
// WebAssembly module the way the bundler arranged it, build a request, parse
// a response, lay out a thread, and throw a typed error. Returns plain data
// (structured-clonable) for the test to assert on.
import {
  init,
  buildGetConversationItemsRequest,
  parseGetConversationItemsResponse,
  conversationThread,
  EwsError,
} from 'ews-wasm';

// A GetConversationItems response: a root message and one reply, written for
// this test in the shape of the response on Microsoft's GetConversationItems
// reference page (shared/seeds/GetConversationItems-operation.md).
const RESPONSE = `<?xml version="1.0" encoding="utf-8"?>
<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/">
  <s:Body>
    <m:GetConversationItemsResponse xmlns:m="http://schemas.microsoft.com/exchange/services/2006/messages"
        xmlns:t="http://schemas.microsoft.com/exchange/services/2006/types">
      <m:ResponseMessages>
        <m:GetConversationItemsResponseMessage ResponseClass="Success">
          <m:ResponseCode>NoError</m:ResponseCode>
          <m:Conversation>
            <t:ConversationId Id="AAQkADEz" />
            <t:SyncState>AQIAAABNVkUw</t:SyncState>
            <t:ConversationNodes>
              <t:ConversationNode>
                <t:InternetMessageId>root@contoso.com</t:InternetMessageId>
                <t:Items><t:Message><t:ItemId Id="AAMkRoot" ChangeKey="CQAA" /><t:Subject>Budget &amp; plan</t:Subject></t:Message></t:Items>
              </t:ConversationNode>
              <t:ConversationNode>
                <t:InternetMessageId>reply@contoso.com</t:InternetMessageId>
                <t:ParentInternetMessageId>root@contoso.com</t:ParentInternetMessageId>
                <t:Items><t:Message><t:ItemId Id="AAMkReply" ChangeKey="CQAB" /><t:Subject>RE: Budget &amp; plan</t:Subject></t:Message></t:Items>
              </t:ConversationNode>
            </t:ConversationNodes>
          </m:Conversation>
        </m:GetConversationItemsResponseMessage>
      </m:ResponseMessages>
    </m:GetConversationItemsResponse>
  </s:Body>
</s:Envelope>`;

export async function check() {
  await init();
  const request = buildGetConversationItemsRequest({
    itemShape: { baseShape: 'IdOnly', additionalProperties: [{ fieldURI: 'item:Subject' }] },
    conversations: [{ conversationId: { id: 'AAQkADEz' } }],
  });
  const parsed = parseGetConversationItemsResponse(RESPONSE);
  const conversation = parsed.responseMessages[0].conversation;
  const thread = conversationThread(conversation).map(({ depth, node }) => [depth, node.items?.[0]?.subject]);
  let error;
  try {
    buildGetConversationItemsRequest({ itemShape: { baseShape: 'IdOnly' }, conversations: [] });
  } catch (e) {
    error = { isEwsError: e instanceof EwsError, code: e.code, path: e.path };
  }
  return {
    requestHasOperation: /<m:GetConversationItems\b/.test(request),
    requestHasConversationId: request.includes('Id="AAQkADEz"'),
    responseClass: parsed.responseMessages[0].responseClass,
    conversationId: conversation?.conversationId?.id,
    thread,
    error,
  };
}
