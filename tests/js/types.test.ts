// A strict TypeScript usage of the whole public API, type-checked (never run)
// against pkg-template/index.d.ts: `tsc --noEmit -p tests/js/tsconfig.json`.
// Each `@ts-expect-error` proves a mistake is rejected: if the line compiles,
// tsc fails with "Unused '@ts-expect-error' directive".

import {
  init,
  buildGetConversationItemsRequest,
  buildGetImItemsRequest,
  buildGetImItemListRequest,
  buildSyncFolderItemsRequest,
  parseGetConversationItemsResponse,
  parseGetImItemsResponse,
  parseGetImItemListResponse,
  parseSyncFolderItemsResponse,
  conversationThread,
  EwsError,
  EwsClient,
  outlookTransport,
} from 'ews-wasm';
import type {
  Item,
  SyncChange,
  Attachment,
  Persona,
  ImGroup,
  XmlNode,
  SyncFolderItemsOptions,
  SyncFolderItemsResponseMessage,
  GetConversationItemsOptions,
  RequestHeader,
  Limits,
  EwsErrorCode,
  Transport,
  OutlookMailbox,
  ResponseClass,
} from 'ews-wasm';

declare function post(xml: string): Promise<string>;
declare function postBytes(xml: string): Promise<ArrayBuffer>;
declare const token: string;
declare const mailbox: OutlookMailbox;

const header: RequestHeader = {
  requestServerVersion: 'Exchange2013_SP1',
  mailboxCulture: 'en-US',
  impersonation: { primarySmtpAddress: 'a@b.c' },
  timeZoneContext: { id: 'UTC' },
};

// ---------------------------------------------------------------- builders

const gciOptions: GetConversationItemsOptions = {
  header,
  itemShape: {
    baseShape: 'IdOnly',
    bodyType: 'Text',
    additionalProperties: [
      { fieldURI: 'item:Subject' },
      { extendedFieldURI: { propertyTag: '0x3001', propertyType: 'String' } },
      { extendedFieldURI: { propertyTag: 12289, propertyType: 'String' } },
      { extendedFieldURI: { distinguishedPropertySetId: 'PublicStrings', propertyName: 'x', propertyType: 'Integer' } },
      { indexedFieldURI: { fieldURI: 'contacts:EmailAddress', fieldIndex: 'EmailAddress1' } },
    ],
  },
  foldersToIgnore: [
    { distinguishedFolderId: { id: 'deleteditems' } },
    { folderId: { id: 'AAMk', changeKey: 'CQAA' } },
  ],
  maxItemsToReturn: 50,
  sortOrder: 'TreeOrderDescending',
  mailboxScope: 'PrimaryOnly',
  conversations: [{ conversationId: { id: 'AAQk' }, syncState: 'AQIA' }],
};
const gciXml: string = buildGetConversationItemsRequest(gciOptions);

const imItemsXml: string = buildGetImItemsRequest({
  contactIds: [{ id: 'c1', changeKey: 'k' }],
  groupIds: [{ id: 'g1' }],
  extendedProperties: [{ propertyTag: '0x3001', propertyType: 'String' }],
});
const imListXml: string = buildGetImItemListRequest();
buildGetImItemListRequest({ header: { impersonation: { sid: 'S-1-5-21' } }, extendedProperties: [] });

const sfiOptions: SyncFolderItemsOptions = {
  header: { requestServerVersion: 'Exchange2010_SP2' },
  itemShape: { baseShape: 'Default' },
  syncFolderId: { distinguishedFolderId: { id: 'sentitems', mailbox: { emailAddress: 'x@y.z' } } },
  syncState: 'AEbJ94eMOAAA=',
  ignore: [{ id: 'AAMk', changeKey: 'CQAA' }],
  maxChangesReturned: 100,
  syncScope: 'NormalItems',
};
const sfiXml: string = buildSyncFolderItemsRequest(sfiOptions);
buildSyncFolderItemsRequest({ itemShape: { baseShape: 'IdOnly' }, syncFolderId: { folderId: { id: 'AAMk' } }, maxChangesReturned: 512 });
buildSyncFolderItemsRequest({ itemShape: { baseShape: 'IdOnly' }, syncFolderId: { addressListId: { id: 'guid' } }, maxChangesReturned: 1 });

// Wrong options are rejected at compile time.
buildSyncFolderItemsRequest({
  itemShape: { baseShape: 'Default' },
  syncFolderId: { distinguishedFolderId: { id: 'inbox' } },
  maxChangesReturned: 10,
  // @ts-expect-error unknown option key
  maxChanges: 10,
});
buildSyncFolderItemsRequest({
  // @ts-expect-error wrong enum literal
  itemShape: { baseShape: 'Everything' },
  syncFolderId: { distinguishedFolderId: { id: 'inbox' } },
  maxChangesReturned: 10,
});
buildSyncFolderItemsRequest({
  itemShape: { baseShape: 'Default' },
  // @ts-expect-error not a distinguished folder name
  syncFolderId: { distinguishedFolderId: { id: 'Inbox' } },
  maxChangesReturned: 10,
});
// @ts-expect-error missing required option maxChangesReturned
buildSyncFolderItemsRequest({ itemShape: { baseShape: 'Default' }, syncFolderId: { distinguishedFolderId: { id: 'inbox' } } });
buildSyncFolderItemsRequest({
  itemShape: { baseShape: 'Default' },
  // @ts-expect-error a choice takes exactly one key
  syncFolderId: { folderId: { id: 'a' }, distinguishedFolderId: { id: 'inbox' } },
  maxChangesReturned: 10,
});
buildGetConversationItemsRequest({
  // @ts-expect-error not a field URI of the schema
  itemShape: { baseShape: 'IdOnly', additionalProperties: [{ fieldURI: 'item:Subjekt' }] },
  conversations: [{ conversationId: { id: 'AAQk' } }],
});
// @ts-expect-error conversations is required
buildGetConversationItemsRequest({ itemShape: { baseShape: 'IdOnly' } });
// @ts-expect-error not an Exchange version
const badHeader: RequestHeader = { requestServerVersion: 'Exchange2099' };
// @ts-expect-error impersonation takes one of the four keys
const badImpersonation: RequestHeader = { impersonation: { upn: 'a@b.c' } };
// @ts-expect-error builders take options, not XML
buildGetImItemsRequest('<xml/>');

// ---------------------------------------------------------------- items and changes

function describe(item: Item): string {
  switch (item.kind) {
    case 'Message':
      return `${item.subject ?? ''} from ${item.from?.mailbox?.emailAddress ?? '?'} to ${item.toRecipients?.map((r) => r.emailAddress).join(', ') ?? ''}`;
    case 'CalendarItem':
      return `${item.start ?? ''}..${item.end ?? ''} at ${item.location ?? ''} by ${item.organizer?.mailbox?.name ?? ''} uid ${item.uid ?? ''}`;
    case 'MeetingRequest':
      return `${item.meetingRequestType ?? ''} ${item.start ?? ''} ${item.requiredAttendees?.[0]?.mailbox?.emailAddress ?? ''}`;
    case 'Contact':
      return `${item.displayName ?? ''} ${item.emailAddresses?.find((e) => e.key === 'EmailAddress1')?.value ?? ''}`;
    case 'Task':
      return `${item.percentComplete ?? 0}% ${item.status ?? ''}`;
    case 'Unknown':
      return `<${item.elementName}> ${item.xml.length} bytes`;
    default:
      // Every known kind has the ItemType fields.
      return `${item.kind}: ${item.subject ?? ''} ${item.itemId?.id ?? ''}`;
  }
}

function attachmentNames(item: Item): string[] {
  if (item.kind === 'Unknown') return [];
  return (item.attachments ?? []).map((a: Attachment) => {
    if (a.kind === 'FileAttachment') return `${a.name ?? ''} (${a.size ?? 0} bytes${a.isContactPhoto ? ', photo' : ''})`;
    if (a.kind === 'ItemAttachment') return `${a.name ?? ''}: ${a.message ? describe(a.message) : ''}`;
    if (a.kind === 'ReferenceAttachment') return a.attachLongPathName ?? '';
    return a.elementName;
  });
}

function xmlText(node: XmlNode | undefined): string {
  if (node === undefined) return '';
  if (typeof node === 'string') return node;
  const value = node['value'];
  return typeof value === 'string' ? value : '';
}

declare const someItem: Item;
// @ts-expect-error `start` is only on calendar kinds: narrow first
someItem.start;
// @ts-expect-error `elementName` is only on Unknown
someItem.elementName;

async function sync(): Promise<void> {
  const page = parseSyncFolderItemsResponse(await post(sfiXml), { maxResponseBytes: 1 << 20, maxDepth: 64 });
  const version: number | undefined = page.serverVersionInfo?.majorVersion;
  for (const message of page.responseMessages) {
    const cls: ResponseClass = message.responseClass;
    if (cls === 'Error') {
      const wait: number | undefined = message.backOffMilliseconds ?? (typeof message.messageXml?.['backOffMilliseconds'] === 'number' ? message.messageXml['backOffMilliseconds'] : undefined);
      console.log(message.responseCode, message.messageText, wait, version);
      continue;
    }
    const state: string | undefined = message.syncState;
    const done: boolean = message.includesLastItemInRange ?? false;
    const changes: SyncChange[] = message.changes ?? [];
    for (const change of changes) {
      // @ts-expect-error `item` exists only on Create and Update: narrow first
      change.item;
      switch (change.kind) {
        case 'Create':
        case 'Update':
          console.log(describe(change.item), attachmentNames(change.item));
          if (change.item.kind === 'Message') console.log(change.item.isRead, change.item.body?.value, change.item.body?.bodyType);
          if (change.item.kind !== 'Unknown') console.log(xmlText(change.item.entityExtractionResult), change.item.unknownElements?.[0]?.xml);
          break;
        case 'Delete':
          console.log('deleted', change.itemId.id, change.itemId.changeKey);
          break;
        case 'ReadFlagChange':
          console.log(change.itemId.id, change.isRead ? 'read' : 'unread');
          break;
        case 'Unknown':
          console.log(change.elementName, change.xml);
          break;
        default: {
          const never: never = change;
          return never;
        }
      }
    }
    console.log(state, done);
  }
  // Bytes too.
  parseSyncFolderItemsResponse(await postBytes(sfiXml));
  parseSyncFolderItemsResponse(new Uint8Array(await postBytes(sfiXml)));
}

// ---------------------------------------------------------------- conversations

async function thread(): Promise<void> {
  const response = parseGetConversationItemsResponse(await post(gciXml));
  const conversation = response.responseMessages[0]?.conversation;
  if (!conversation) return;
  console.log(conversation.conversationId?.id, conversation.syncState);
  for (const { depth, index, parentIndex, node } of conversationThread(conversation)) {
    const first: Item | undefined = node.items?.[0];
    const subject = first && first.kind !== 'Unknown' ? first.subject : undefined;
    console.log(' '.repeat(depth), index, parentIndex ?? '-', node.internetMessageId, node.parentInternetMessageId, subject);
  }
}

// ---------------------------------------------------------------- personas

function personaLine(p: Persona): string {
  const name = p.displayNames?.[0]?.value ?? p.displayName ?? '';
  const sources = (p.attributions ?? []).map((a) => `${a.id ?? ''}:${a.displayName ?? ''}${a.isWritable ? '' : ' (ro)'}`);
  const email = p.emails1?.[0]?.value?.emailAddress ?? p.emailAddress?.emailAddress ?? '';
  const phone = p.homePhones?.find((v) => v.attributions?.includes('0'))?.value?.number ?? '';
  const street = p.businessAddresses?.[0]?.value?.street ?? '';
  const ttytdd = p.ttytddPhoneNumbers?.length ?? 0;
  return [name, email, phone, street, ttytdd, ...sources].join(' ');
}

async function people(): Promise<void> {
  const list = parseGetImItemListResponse(await post(imListXml));
  if (list.responseClass !== 'Success') console.log(list.responseCode);
  const groups: ImGroup[] = list.imItemList?.groups ?? [];
  for (const g of groups) console.log(g.displayName, g.groupType, g.memberCorrelationKey?.map((k) => k.id), g.smtpAddress);
  for (const p of list.imItemList?.personas ?? []) console.log(personaLine(p));
  const some = parseGetImItemsResponse(await post(imItemsXml));
  console.log(some.serverVersionInfo?.version, some.imItemList?.personas?.length);
}

// ---------------------------------------------------------------- errors

function report(e: unknown): string {
  if (!(e instanceof EwsError)) throw e;
  const code: EwsErrorCode = e.code;
  switch (code) {
    case 'ERR_INVALID_OPTIONS':
      return `bad option at ${e.path ?? ''}`;
    case 'ERR_MALFORMED_XML':
      return `malformed at byte ${e.position ?? -1}`;
    case 'ERR_NOT_SOAP':
      return `found <${e.found ?? ''}>`;
    case 'ERR_LIMIT':
      return `${e.limitName ?? ''}: ${e.value ?? 0} > ${e.limit ?? 0}`;
    case 'ERR_SOAP_FAULT':
      return `${e.faultCode ?? ''} ${e.faultString ?? ''} ${e.responseCode ?? ''} wait ${e.backOffMilliseconds ?? 0}`;
    case 'ERR_RESPONSE':
      if (e.fullResponse) return `${e.responseCode ?? ''} in ${e.fullResponse.responseMessages.length} messages`;
      return `${e.responseCode ?? ''}: ${e.messageText ?? ''} (${e.response?.responseClass ?? ''})`;
    case 'ERR_HTTP':
      return `HTTP ${e.status ?? 0} ${e.statusText ?? ''}`;
    case 'ERR_NOT_SUPPORTED':
      return `cannot send ${e.operation ?? ''}`;
    case 'ERR_SYNC_STALLED':
      return `stalled at ${e.syncState ?? ''} after ${e.pages ?? 0} pages`;
    case 'ERR_NETWORK':
      return `network (${e.officeErrorName ?? ''} ${e.officeErrorCode ?? ''}) retryable ${String(e.retryable ?? true)}`;
    default:
      return `${e.code}: ${e.message}`;
  }
}

try {
  buildSyncFolderItemsRequest({ itemShape: { baseShape: 'IdOnly' }, syncFolderId: { distinguishedFolderId: { id: 'inbox' } }, maxChangesReturned: 0 });
} catch (e) {
  console.log(report(e));
}
const made = new EwsError('ERR_TIMEOUT', 'timed out', { timeoutMs: 5 });
// @ts-expect-error not an error code
new EwsError('ERR_WHATEVER', 'x');
// @ts-expect-error the code is read-only
made.code = 'ERR_ABORTED';
const asError: Error = made;

// ---------------------------------------------------------------- client

async function client(): Promise<void> {
  await init();
  await init(new URL('https://cdn.example.com/ews_wasm_bg.wasm'));
  await init('/assets/ews_wasm_bg.wasm');
  await init(fetch('/assets/ews_wasm_bg.wasm'));
  await init(new Uint8Array([0, 97, 115, 109]));

  const ews = new EwsClient({
    url: 'https://mail.example.com/EWS/Exchange.asmx',
    auth: { bearer: token },
    header: { requestServerVersion: 'Exchange2013_SP1', impersonation: { smtpAddress: 'a@b.c' } },
    headers: { 'X-AnchorMailbox': 'a@b.c' },
    timeoutMs: 100_000,
    retry: { maxRetries: 3, maxDelayMs: 60_000, onRetry: (r) => console.log(r.operation, r.attempt, r.delayMs, r.code, r.error.responseCode) },
    limits: { maxDepth: 64 },
  });
  console.log(ews.stats.requests, ews.retryPolicy.maxRetries);
  new EwsClient({ url: '/EWS/Exchange.asmx', auth: { basic: { username: 'u', password: 'p' } } });
  new EwsClient({ url: '/EWS/Exchange.asmx' });
  // @ts-expect-error bearer or basic, not both
  new EwsClient({ url: '/EWS/Exchange.asmx', auth: { bearer: 't', basic: { username: 'u', password: 'p' } } });

  const controller = new AbortController();
  const conv = await ews.getConversationItems(gciOptions, { signal: controller.signal, timeoutMs: 5_000, clientRequestId: 'abc' });
  console.log(conv.responseMessages.length);
  const conversations = ews.conversationSync({ syncStates: { AAQk: 'AQIA' }, onInvalidSyncState: 'restart' });
  const again = await conversations.getConversationItems(gciOptions);
  console.log(again.responseMessages[0]?.restarted, conversations.syncStates, conversations.syncStateOf('AAQk'));
  conversations.forget('AAQk');
  const im = await ews.getImItems({ contactIds: [{ id: 'c1' }] });
  const list = await ews.getImItemList();
  console.log(im.imItemList?.personas?.length, list.imItemList?.groups?.length);
  const one: SyncFolderItemsResponseMessage = await ews.syncFolderItems(sfiOptions);
  console.log(one.syncState);

  const pages = ews.syncFolderItemsPages(sfiOptions, {
    signal: controller.signal,
    onInvalidSyncState: 'restart',
    onProgress: (p) => console.log(p.pages, p.changes, p.retries, p.restarts, p.syncState, p.includesLastItemInRange),
  });
  for await (const page of pages) {
    if (page.restarted) console.log('the saved state was refused: starting over');
    for (const change of page.changes ?? []) {
      if (change.kind === 'Delete') console.log(change.itemId.id);
      else if (change.kind === 'ReadFlagChange') console.log(change.isRead);
      else if (change.kind === 'Create') console.log(describe(change.item));
    }
    console.log(page.syncState, page.includesLastItemInRange);
  }

  // A custom transport, and the Outlook add-in one.
  const transport: Transport = async (xml, { signal, headers, operation }) => {
    const res = await fetch(`/ews?op=${operation}`, { method: 'POST', body: xml, headers, signal });
    return { status: res.status, statusText: res.statusText, headers: res.headers, body: await res.arrayBuffer() };
  };
  new EwsClient({ transport, fetch: globalThis.fetch, credentials: 'omit' });
  // @ts-expect-error a transport resolves to the body or the HTTP response, not a number
  new EwsClient({ transport: async () => 42 });
  const viaOutlook = outlookTransport(mailbox, { userContext: 1 });
  const outlook = new EwsClient({ transport: viaOutlook });
  console.log(viaOutlook.supports('SyncFolderItems'));
  try {
    await outlook.syncFolderItems(sfiOptions);
  } catch (e) {
    console.log(report(e));
  }
}

const limits: Limits = { maxDepth: 32 };
// @ts-expect-error not a limit
const badLimits: Limits = { maxBytes: 1 };

export { sync, thread, people, client, limits, asError, badHeader, badImpersonation, badLimits, describe };
