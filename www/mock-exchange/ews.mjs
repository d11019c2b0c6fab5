// The EWS SOAP layer: reads a request envelope, checks it the way Exchange
// does (well-formed, SOAP envelope, RequestServerVersion, the schema rules
// that matter), runs the operation against the mailbox, and writes the
// response envelope or SOAP fault. No HTTP here (see server.mjs).

import { parseXml, XmlError, child, children, childText, el, attrs, esc } from './xml.mjs';
import { writeItem, writeImGroup, writePersona, makeShape } from './items.mjs';
import { DISTINGUISHED_FOLDER_NAMES } from './mailbox.mjs';

export const NS_SOAP = 'http://schemas.xmlsoap.org/soap/envelope/';
export const NS_M = 'http://schemas.microsoft.com/exchange/services/2006/messages';
export const NS_T = 'http://schemas.microsoft.com/exchange/services/2006/types';
export const NS_E = 'http://schemas.microsoft.com/exchange/services/2006/errors';

export const OPERATIONS = ['GetConversationItems', 'GetImItems', 'GetImItemList', 'SyncFolderItems'];

export const EXCHANGE_VERSIONS = new Set(['Exchange2007', 'Exchange2007_SP1', 'Exchange2009', 'Exchange2010',
  'Exchange2010_SP1', 'Exchange2010_SP2', 'Exchange2012', 'Exchange2013', 'Exchange2013_SP1', 'Exchange2015',
  'Exchange2016', 'V2015_10_05', 'V2016_01_06', 'V2016_04_13', 'V2016_07_13', 'V2016_10_10', 'V2017_01_07',
  'V2017_04_14', 'V2017_07_11', 'V2017_10_09', 'V2018_01_08']);

const BASE_SHAPES = new Set(['IdOnly', 'Default', 'AllProperties', 'PcxPeopleSearch']);
const SORT_ORDERS = new Set(['TreeOrderAscending', 'TreeOrderDescending', 'DateOrderAscending', 'DateOrderDescending']);
const MAILBOX_SCOPES = new Set(['PrimaryOnly', 'ArchiveOnly', 'All']);
const SYNC_SCOPES = new Set(['NormalItems', 'NormalAndAssociatedItems']);
const MAPI_TYPES = new Set(('ApplicationTime ApplicationTimeArray Binary BinaryArray Boolean CLSID CLSIDArray Currency ' +
  'CurrencyArray Double DoubleArray Error Float FloatArray Integer IntegerArray Long LongArray Null Object ObjectArray ' +
  'Short ShortArray SystemTime SystemTimeArray String StringArray').split(' '));

export const SERVER_VERSION = { MajorVersion: 15, MinorVersion: 20, MajorBuildNumber: 8769, MinorBuildNumber: 35, Version: 'V2018_01_08' };

const MESSAGES = {
  ErrorInvalidSyncStateData: 'Synchronization state data is corrupt or otherwise invalid.',
  ErrorItemNotFound: 'The specified object was not found in the store.',
  ErrorFolderNotFound: 'The specified folder could not be found in the store.',
  ErrorInvalidIdMalformed: 'Id is malformed.',
  ErrorServerBusy: 'The server cannot service this request right now. Try again later.',
  ErrorIncorrectSchemaVersion: 'The request is valid but does not specify the correct server version in the RequestServerVersion SOAP header.  Ensure that the RequestServerVersion SOAP header is set with the correct RequestServerVersionValue.',
  ErrorInternalServerError: 'An internal server error occurred. The operation failed.',
  ErrorInvalidRequest: 'The request is invalid.',
};

/** A request problem that Exchange answers with a SOAP fault (HTTP 500). */
export class SoapFault extends Error {
  constructor(code, message, { messageXml, line, position } = {}) {
    super(message);
    this.code = code;
    this.messageXml = messageXml;
    this.line = line;
    this.position = position;
  }
}

function schemaError(violation, node) {
  return new SoapFault('ErrorSchemaValidation', `The request failed schema validation: ${violation}`, { messageXml: { Violation: violation } });
}

// ---- envelopes -----------------------------------------------------------------

export function envelope(body) {
  return '<?xml version="1.0" encoding="utf-8"?>' +
    `<s:Envelope xmlns:s="${NS_SOAP}"><s:Header><h:ServerVersionInfo${attrs(SERVER_VERSION)} xmlns:h="${NS_T}" ` +
    'xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"/></s:Header>' +
    `<s:Body>${body}</s:Body></s:Envelope>`;
}

function responseRoot(name, inner, rootAttrs = '') {
  return `<m:${name}${rootAttrs} xmlns:m="${NS_M}" xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:t="${NS_T}">${inner}</m:${name}>`;
}

/** A SOAP 1.1 fault as Exchange writes it (faultcode in the types namespace, detail in the errors namespace). */
export function faultEnvelope(code, message, { messageXml, backOffMilliseconds } = {}) {
  let detail = `<e:ResponseCode xmlns:e="${NS_E}">${esc(code)}</e:ResponseCode><e:Message xmlns:e="${NS_E}">${esc(message)}</e:Message>`;
  if (backOffMilliseconds !== undefined) {
    detail += `<t:MessageXml xmlns:t="${NS_T}"><t:Value Name="BackOffMilliseconds">${Number(backOffMilliseconds)}</t:Value></t:MessageXml>`;
  } else if (messageXml) {
    detail += `<t:MessageXml xmlns:t="${NS_T}">${Object.entries(messageXml).map(([k, v]) => el(`t:${k}`, v)).join('')}</t:MessageXml>`;
  }
  return '<?xml version="1.0" encoding="utf-8"?>' +
    `<s:Envelope xmlns:s="${NS_SOAP}"><s:Body><s:Fault>` +
    `<faultcode xmlns:a="${NS_T}">a:${esc(code)}</faultcode>` +
    `<faultstring xml:lang="en-US">${esc(message)}</faultstring>` +
    `<detail>${detail}</detail></s:Fault></s:Body></s:Envelope>`;
}

function errorParts(code, { messageText, backOffMilliseconds } = {}) {
  let out = el('m:MessageText', messageText ?? MESSAGES[code] ?? code) + el('m:ResponseCode', code) + el('m:DescriptiveLinkKey', 0);
  if (backOffMilliseconds !== undefined) out += `<m:MessageXml><t:Value Name="BackOffMilliseconds">${Number(backOffMilliseconds)}</t:Value></m:MessageXml>`;
  return out;
}

// ---- request inspection -------------------------------------------------------------

/**
 * Reads the envelope. Returns { operation, body, header } or throws SoapFault.
 * `header` = { requestServerVersion, impersonation, mailboxCulture, timeZone }.
 */
export function inspectRequest(text) {
  let root;
  try {
    root = parseXml(text);
  } catch (e) {
    if (e instanceof XmlError) {
      const before = text.slice(0, Math.max(0, e.position));
      const line = before.split('\n').length;
      const col = before.length - before.lastIndexOf('\n');
      throw new SoapFault('ErrorSchemaValidation', `The request failed schema validation: ${e.message}`,
        { messageXml: { LineNumber: line, LinePosition: col, Violation: e.message } });
    }
    throw e;
  }
  if (root.name !== 'Envelope') throw schemaError(`The root element must be a SOAP Envelope, not '${root.qname}'.`);
  const headerNode = child(root, 'Header');
  const body = child(root, 'Body');
  if (!body) throw schemaError("The element 'Envelope' has no 'Body' child.");
  const elements = body.children;
  if (elements.length !== 1) throw schemaError(`The SOAP Body must hold exactly one element (found ${elements.length}).`);
  const opNode = elements[0];
  const header = { requestServerVersion: undefined, impersonation: undefined, mailboxCulture: undefined, timeZone: undefined };
  const rsv = child(headerNode, 'RequestServerVersion');
  if (rsv) header.requestServerVersion = rsv.attrs.Version;
  const imp = child(headerNode, 'ExchangeImpersonation');
  if (imp) {
    const sid = child(imp, 'ConnectingSID');
    const which = sid && sid.children[0];
    header.impersonation = which ? { [which.name.replace(/^SID$/, 'sid').replace(/^[A-Z]/, (c) => c.toLowerCase())]: which.text.trim() } : {};
  }
  header.mailboxCulture = childText(headerNode, 'MailboxCulture');
  const tz = child(child(headerNode, 'TimeZoneContext'), 'TimeZoneDefinition');
  if (tz) header.timeZone = tz.attrs.Id;
  return { operation: opNode.name, body: opNode, header };
}

/** Checks the RequestServerVersion header; throws the ErrorIncorrectSchemaVersion fault. */
export function checkVersion(header) {
  const v = header.requestServerVersion;
  if (v === undefined || !EXCHANGE_VERSIONS.has(v.trim())) {
    throw new SoapFault('ErrorIncorrectSchemaVersion', MESSAGES.ErrorIncorrectSchemaVersion);
  }
}

// ---- shared request parts ---------------------------------------------------------------

function parseItemShape(node, elementName = 'ItemShape') {
  if (!node) throw schemaError(`The element '${elementName}' is missing.`);
  const base = childText(node, 'BaseShape');
  if (!BASE_SHAPES.has(base)) throw schemaError(`The 'BaseShape' element is invalid - The value '${base ?? ''}' is invalid according to its datatype 'DefaultShapeNamesType'.`);
  const additional = [];
  for (const p of children(child(node, 'AdditionalProperties'))) {
    if (p.name === 'FieldURI') additional.push({ fieldURI: p.attrs.FieldURI || '' });
    else if (p.name === 'IndexedFieldURI') additional.push({ indexedFieldURI: { fieldURI: p.attrs.FieldURI, fieldIndex: p.attrs.FieldIndex } });
    else if (p.name === 'ExtendedFieldURI') {
      if (!MAPI_TYPES.has(p.attrs.PropertyType)) throw schemaError("The 'PropertyType' attribute is invalid.");
      additional.push({ extendedFieldURI: p.attrs });
    } else throw schemaError(`The element 'AdditionalProperties' has invalid child element '${p.name}'.`);
  }
  return makeShape(base, additional);
}

function parseExtendedProperties(node) {
  const out = [];
  for (const p of children(node)) {
    if (p.name !== 'ExtendedProperty') throw schemaError(`The element 'ExtendedProperties' has invalid child element '${p.name}'. List of possible elements expected: 'ExtendedProperty'.`);
    if (!MAPI_TYPES.has(p.attrs.PropertyType)) throw schemaError("The required attribute 'PropertyType' is missing or invalid.");
    out.push(p.attrs);
  }
  return out;
}

function resolveFolder(mailbox, node) {
  // node: FolderId | DistinguishedFolderId | AddressListId | ...
  if (node.name === 'DistinguishedFolderId') {
    const id = node.attrs.Id;
    if (!DISTINGUISHED_FOLDER_NAMES.has(id)) throw schemaError(`The 'Id' attribute is invalid - The value '${id ?? ''}' is invalid according to its datatype 'DistinguishedFolderIdNameType'.`);
    const f = mailbox.folders.get(id);
    return f ? { folder: f } : { error: 'ErrorFolderNotFound' };
  }
  if (node.name === 'FolderId') {
    const id = node.attrs.Id;
    if (id === undefined) throw schemaError("The required attribute 'Id' is missing.");
    const f = mailbox.folderById.get(id);
    if (f) return { folder: f };
    return { error: /^[A-Za-z0-9+/=_-]{16,}$/.test(id) ? 'ErrorFolderNotFound' : 'ErrorInvalidIdMalformed' };
  }
  return { error: 'ErrorFolderNotFound' };
}

function parseIntStrict(text, name, lo, hi, type) {
  if (text === undefined || !/^[+-]?\d{1,10}$/.test(text) || Number(text) < lo || Number(text) > hi) {
    throw schemaError(`The '${name}' element is invalid - The value '${text ?? ''}' is invalid according to its datatype '${type}'.`);
  }
  return Number(text);
}

// ---- operations ----------------------------------------------------------------------

function syncFolderItems(mailbox, op) {
  const shape = parseItemShape(child(op, 'ItemShape'));
  const sfid = child(op, 'SyncFolderId');
  if (!sfid || !sfid.children.length) throw schemaError("The element 'SyncFolderItems' has incomplete content. List of possible elements expected: 'SyncFolderId'.");
  const syncState = childText(op, 'SyncState') || undefined;
  const ignore = new Set(children(child(op, 'Ignore'), 'ItemId').map((n) => n.attrs.Id));
  const max = parseIntStrict(childText(op, 'MaxChangesReturned'), 'MaxChangesReturned', 1, 512, 'MaxSyncChangesReturnedType');
  const scope = childText(op, 'SyncScope') ?? 'NormalItems';
  if (!SYNC_SCOPES.has(scope)) throw schemaError(`The 'SyncScope' element is invalid - The value '${scope}' is invalid according to its datatype 'SyncFolderItemsScopeType'.`);

  const wrap = (msg) => responseRoot('SyncFolderItemsResponse', `<m:ResponseMessages>${msg}</m:ResponseMessages>`);
  const error = (code) => wrap(`<m:SyncFolderItemsResponseMessage ResponseClass="Error">${errorParts(code)}<m:SyncState/><m:IncludesLastItemInRange>true</m:IncludesLastItemInRange></m:SyncFolderItemsResponseMessage>`);
  const r = resolveFolder(mailbox, sfid.children[0]);
  if (r.error) return { body: error(r.error), responseCode: r.error };
  const page = mailbox.syncFolderItems(r.folder, { syncState, maxChanges: max, ignore, scope });
  if (page.error) return { body: error(page.error), responseCode: page.error };
  let changes = '';
  for (const c of page.changes) {
    if (c.type === 'Create' || c.type === 'Update') changes += `<t:${c.type}>${writeItem(c.snap, shape)}</t:${c.type}>`;
    else if (c.type === 'Delete') changes += `<t:Delete><t:ItemId${attrs({ Id: c.id })}/></t:Delete>`;
    else changes += `<t:ReadFlagChange><t:ItemId${attrs({ Id: c.id })}/>${el('t:IsRead', c.isRead)}</t:ReadFlagChange>`;
  }
  const msg = '<m:SyncFolderItemsResponseMessage ResponseClass="Success"><m:ResponseCode>NoError</m:ResponseCode>' +
    `${el('m:SyncState', page.syncState)}${el('m:IncludesLastItemInRange', page.includesLastItemInRange)}` +
    `${changes ? `<m:Changes>${changes}</m:Changes>` : '<m:Changes/>'}</m:SyncFolderItemsResponseMessage>`;
  return { body: wrap(msg), responseCode: 'NoError', changes: page.changes.length };
}

function getConversationItems(mailbox, op) {
  const shape = parseItemShape(child(op, 'ItemShape'));
  const ignoreFolders = new Set();
  for (const f of children(child(op, 'FoldersToIgnore'))) {
    if (f.name !== 'FolderId' && f.name !== 'DistinguishedFolderId') throw schemaError(`The element 'FoldersToIgnore' has invalid child element '${f.name}'.`);
    const r = resolveFolder(mailbox, f);
    if (r.folder) ignoreFolders.add(r.folder.name);
  }
  const maxText = childText(op, 'MaxItemsToReturn');
  const max = maxText === undefined ? Infinity : parseIntStrict(maxText, 'MaxItemsToReturn', -2147483648, 2147483647, 'int');
  const sortOrder = childText(op, 'SortOrder') ?? 'TreeOrderDescending';
  if (!SORT_ORDERS.has(sortOrder)) throw schemaError(`The 'SortOrder' element is invalid - The value '${sortOrder}' is invalid according to its datatype 'ConversationNodeSortOrder'.`);
  const scope = childText(op, 'MailboxScope');
  if (scope !== undefined && !MAILBOX_SCOPES.has(scope)) throw schemaError(`The 'MailboxScope' element is invalid - The value '${scope}' is invalid according to its datatype 'MailboxSearchLocationType'.`);
  const convs = child(op, 'Conversations');
  if (!convs) throw schemaError("The element 'GetConversationItems' has incomplete content. List of possible elements expected: 'Conversations'.");
  const requests = children(convs).map((c) => {
    if (c.name !== 'Conversation') throw schemaError(`The element 'Conversations' has invalid child element '${c.name}'.`);
    const cid = child(c, 'ConversationId');
    if (!cid || cid.attrs.Id === undefined) throw schemaError("The element 'Conversation' has incomplete content. List of possible elements expected: 'ConversationId'.");
    return { id: cid.attrs.Id, syncState: childText(c, 'SyncState') || undefined };
  });
  let msgs = '';
  const codes = [];
  for (const rq of requests) {
    const r = scope === 'ArchiveOnly' ? { error: 'ErrorItemNotFound' } : mailbox.conversationNodes(rq.id, { ignoreFolders, syncState: rq.syncState });
    if (r.error) {
      codes.push(r.error);
      msgs += `<m:GetConversationItemsResponseMessage ResponseClass="Error">${errorParts(r.error)}</m:GetConversationItemsResponseMessage>`;
      continue;
    }
    codes.push('NoError');
    let nodes = r.nodes;
    if (sortOrder.startsWith('Date')) {
      nodes = nodes.slice().sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
    }
    if (sortOrder.endsWith('Descending')) nodes = nodes.slice().reverse();
    let budget = max >= 1 ? max : Infinity;
    let xml = '';
    for (const n of nodes) {
      if (budget <= 0) break;
      const items = n.items.slice(0, budget);
      budget -= items.length;
      xml += `<t:ConversationNode>${el('t:InternetMessageId', n.internetMessageId)}${el('t:ParentInternetMessageId', n.parentInternetMessageId)}` +
        `<t:Items>${items.map((s) => writeItem(s, shape)).join('')}</t:Items></t:ConversationNode>`;
    }
    msgs += '<m:GetConversationItemsResponseMessage ResponseClass="Success"><m:ResponseCode>NoError</m:ResponseCode>' +
      `<m:Conversation><t:ConversationId${attrs({ Id: rq.id })}/>${el('t:SyncState', r.syncState)}` +
      `${xml ? `<t:ConversationNodes>${xml}</t:ConversationNodes>` : '<t:ConversationNodes/>'}</m:Conversation></m:GetConversationItemsResponseMessage>`;
  }
  if (!requests.length) {
    codes.push('ErrorInvalidRequest');
    msgs = `<m:GetConversationItemsResponseMessage ResponseClass="Error">${errorParts('ErrorInvalidRequest', { messageText: 'The request is invalid: it names no Conversation.' })}</m:GetConversationItemsResponseMessage>`;
  }
  return { body: responseRoot('GetConversationItemsResponse', `<m:ResponseMessages>${msgs}</m:ResponseMessages>`), responseCode: codes.join(',') };
}

function imResponse(name, groups, personas, extendedProps) {
  const g = groups.map((x) => writeImGroup(x, extendedProps)).join('');
  const p = personas.map((x) => writePersona(x, extendedProps)).join('');
  return responseRoot(name, '<m:ResponseCode>NoError</m:ResponseCode>' +
    `<m:ImItemList>${g ? `<t:Groups>${g}</t:Groups>` : '<t:Groups/>'}${p ? `<t:Personas>${p}</t:Personas>` : '<t:Personas/>'}</m:ImItemList>`,
  ' ResponseClass="Success"');
}

function getImItemList(mailbox, op) {
  const ext = parseExtendedProperties(child(op, 'ExtendedProperties'));
  return { body: imResponse('GetImItemListResponse', mailbox.groups, mailbox.personas, ext), responseCode: 'NoError' };
}

function getImItems(mailbox, op) {
  const ids = (name) => children(child(op, name)).map((n) => {
    if (n.attrs.Id === undefined) throw schemaError(`The required attribute 'Id' is missing in '${name}'.`);
    return n.attrs.Id;
  });
  const contactIds = ids('ContactIds');
  const groupIds = ids('GroupIds');
  const ext = parseExtendedProperties(child(op, 'ExtendedProperties'));
  const personas = [];
  for (const id of contactIds) {
    const p = mailbox.personas.find((x) => x.personaId.id === id || x._contactIds.includes(id));
    if (p && !personas.includes(p)) personas.push(p); // unknown ids are ignored, as Exchange does
  }
  const groups = [];
  for (const id of groupIds) {
    const g = mailbox.groups.find((x) => x.exchangeStoreId.id === id);
    if (g && !groups.includes(g)) groups.push(g);
  }
  return { body: imResponse('GetImItemsResponse', groups, personas, ext), responseCode: 'NoError' };
}

const HANDLERS = { SyncFolderItems: syncFolderItems, GetConversationItems: getConversationItems, GetImItemList: getImItemList, GetImItems: getImItems };

/**
 * Runs one request. Returns { status, xml, operation, header, responseCode }.
 * Never throws for bad input: malformed or invalid requests become faults.
 */
export function executeRequest(mailbox, inspected) {
  const { operation, body, header } = inspected;
  try {
    checkVersion(header);
    const h = HANDLERS[operation];
    if (!h) throw new SoapFault('ErrorInvalidRequest', `The request is invalid: the mock Exchange server does not implement the '${operation}' operation.`);
    const r = h(mailbox, body);
    return { status: 200, xml: envelope(r.body), responseCode: r.responseCode, changes: r.changes };
  } catch (e) {
    if (e instanceof SoapFault) return { status: 500, xml: faultEnvelope(e.code, e.message, { messageXml: e.messageXml }), responseCode: e.code };
    return { status: 500, xml: faultEnvelope('ErrorInternalServerError', `${MESSAGES.ErrorInternalServerError} ${e && e.message ? e.message : ''}`.trim()), responseCode: 'ErrorInternalServerError', internalError: e };
  }
}

/** The 'busy' fault as an HTTP 200 response message of the operation (as Exchange Online throttling does). */
export function busyResponse(operation, backOffMilliseconds) {
  const text = `${MESSAGES.ErrorServerBusy}, This operation exceeds the throttling budget for policy part 'ConcurrentSyncCalls', policy value '5',  Budget type: 'Ews'.  Suggested backoff time ${backOffMilliseconds} ms.`;
  const parts = errorParts('ErrorServerBusy', { messageText: text, backOffMilliseconds });
  switch (operation) {
    case 'SyncFolderItems':
      return envelope(responseRoot('SyncFolderItemsResponse', `<m:ResponseMessages><m:SyncFolderItemsResponseMessage ResponseClass="Error">${parts}<m:SyncState/><m:IncludesLastItemInRange>true</m:IncludesLastItemInRange></m:SyncFolderItemsResponseMessage></m:ResponseMessages>`));
    case 'GetConversationItems':
      return envelope(responseRoot('GetConversationItemsResponse', `<m:ResponseMessages><m:GetConversationItemsResponseMessage ResponseClass="Error">${parts}</m:GetConversationItemsResponseMessage></m:ResponseMessages>`));
    case 'GetImItems':
    case 'GetImItemList':
      return envelope(responseRoot(`${operation}Response`, parts, ' ResponseClass="Error"'));
    default:
      return undefined;
  }
}

export function busyFault(backOffMilliseconds) {
  return faultEnvelope('ErrorServerBusy', MESSAGES.ErrorServerBusy, { backOffMilliseconds });
}

export function internalFault() {
  return faultEnvelope('ErrorInternalServerError', MESSAGES.ErrorInternalServerError);
}
