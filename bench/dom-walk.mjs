// The "@xmldom/xmldom + DOM walk" peer: what a user writes by hand without a typed
// library. It parses with xmldom, then walks the DOM and extracts the fields a sync
// client, a conversation view or a contact list needs into plain objects
// (strings, numbers and booleans converted; elements matched by local name, so the
// prefixes do not matter).

import { DOMParser } from '@xmldom/xmldom';

const ELEMENT = 1;

function firstChild(node, name) {
  for (let c = node?.firstChild; c; c = c.nextSibling) if (c.nodeType === ELEMENT && c.localName === name) return c;
  return null;
}
function children(node, name) {
  const out = [];
  for (let c = node?.firstChild; c; c = c.nextSibling) if (c.nodeType === ELEMENT && (!name || c.localName === name)) out.push(c);
  return out;
}
function path(node, ...names) {
  let n = node;
  for (const name of names) n = firstChild(n, name);
  return n;
}
const text = (node) => (node ? node.textContent : undefined);
const textOf = (node, name) => text(firstChild(node, name));
const boolOf = (node, name) => {
  const t = textOf(node, name);
  return t === undefined ? undefined : t === 'true';
};
const intOf = (node, name) => {
  const t = textOf(node, name);
  return t === undefined ? undefined : Number(t);
};
const itemId = (node) => (node ? { id: node.getAttribute('Id'), changeKey: node.getAttribute('ChangeKey') || undefined } : undefined);
const mailbox = (node) => (node ? { name: textOf(node, 'Name'), emailAddress: textOf(node, 'EmailAddress'), routingType: textOf(node, 'RoutingType') } : undefined);
const recipients = (node) => (node ? children(node, 'Mailbox').map(mailbox) : undefined);

function document(xml) {
  return new DOMParser().parseFromString(xml, 'text/xml');
}
function body(doc) {
  return firstChild(doc.documentElement, 'Body');
}

/** the fields of an item a mail client shows and syncs */
export function item(node) {
  const r = {
    kind: node.localName,
    itemId: itemId(firstChild(node, 'ItemId')),
    parentFolderId: itemId(firstChild(node, 'ParentFolderId')),
    itemClass: textOf(node, 'ItemClass'),
    subject: textOf(node, 'Subject'),
    dateTimeReceived: textOf(node, 'DateTimeReceived'),
    dateTimeSent: textOf(node, 'DateTimeSent'),
    size: intOf(node, 'Size'),
    importance: textOf(node, 'Importance'),
    hasAttachments: boolOf(node, 'HasAttachments'),
    conversationId: itemId(firstChild(node, 'ConversationId')),
    preview: textOf(node, 'Preview'),
    from: mailbox(path(node, 'From', 'Mailbox')),
    toRecipients: recipients(firstChild(node, 'ToRecipients')),
    ccRecipients: recipients(firstChild(node, 'CcRecipients')),
    internetMessageId: textOf(node, 'InternetMessageId'),
    isRead: boolOf(node, 'IsRead'),
  };
  if (r.kind === 'MeetingRequest') {
    r.start = textOf(node, 'Start');
    r.end = textOf(node, 'End');
    r.location = textOf(node, 'Location');
    r.organizer = mailbox(path(node, 'Organizer', 'Mailbox'));
  }
  return r;
}

function responseHead(msg) {
  return { responseClass: msg.getAttribute('ResponseClass'), responseCode: textOf(msg, 'ResponseCode') };
}

export function syncFolderItems(xml) {
  const doc = document(xml);
  const messages = children(path(body(doc), 'SyncFolderItemsResponse', 'ResponseMessages'));
  return {
    responseMessages: messages.map((msg) => ({
      ...responseHead(msg),
      syncState: textOf(msg, 'SyncState'),
      includesLastItemInRange: boolOf(msg, 'IncludesLastItemInRange'),
      changes: children(firstChild(msg, 'Changes')).map((change) => {
        const kind = change.localName;
        if (kind === 'Create' || kind === 'Update') {
          const el = children(change)[0];
          return { kind, item: item(el) };
        }
        if (kind === 'ReadFlagChange') return { kind, itemId: itemId(firstChild(change, 'ItemId')), isRead: boolOf(change, 'IsRead') };
        return { kind, itemId: itemId(firstChild(change, 'ItemId')) };
      }),
    })),
  };
}

export function getConversationItems(xml) {
  const doc = document(xml);
  const messages = children(path(body(doc), 'GetConversationItemsResponse', 'ResponseMessages'));
  return {
    responseMessages: messages.map((msg) => {
      const conv = firstChild(msg, 'Conversation');
      return {
        ...responseHead(msg),
        conversation: conv && {
          conversationId: itemId(firstChild(conv, 'ConversationId')),
          syncState: textOf(conv, 'SyncState'),
          conversationNodes: children(firstChild(conv, 'ConversationNodes'), 'ConversationNode').map((n) => ({
            internetMessageId: textOf(n, 'InternetMessageId'),
            parentInternetMessageId: textOf(n, 'ParentInternetMessageId'),
            items: children(firstChild(n, 'Items')).map(item),
          })),
        },
      };
    }),
  };
}

const lowerFirst = (s) => s.replace(/^[A-Z]+(?=[A-Z][a-z]|$)|^[A-Z]/, (m) => m.toLowerCase());

/** a leaf's text, or an object of its element children's texts (one level, as most hand-written code does) */
function valueOf(node) {
  const kids = children(node);
  if (kids.length === 0) return node.textContent;
  const o = {};
  for (const k of kids) o[lowerFirst(k.localName)] = children(k).length ? valueOf(k) : k.textContent;
  return o;
}

export function persona(node) {
  const p = {
    personaId: itemId(firstChild(node, 'PersonaId')),
    personaType: textOf(node, 'PersonaType'),
    creationTime: textOf(node, 'CreationTime'),
    displayName: textOf(node, 'DisplayName'),
    givenName: textOf(node, 'GivenName'),
    surname: textOf(node, 'Surname'),
    title: textOf(node, 'Title'),
    department: textOf(node, 'Department'),
    companyName: textOf(node, 'CompanyName'),
    emailAddress: mailbox(firstChild(node, 'EmailAddress')),
    emailAddresses: children(firstChild(node, 'EmailAddresses')).map(mailbox),
    imAddress: textOf(node, 'ImAddress'),
    relevanceScore: intOf(node, 'RelevanceScore'),
    attributions: children(firstChild(node, 'Attributions'), 'Attribution').map((a) => ({
      id: textOf(a, 'Id'),
      sourceId: itemId(firstChild(a, 'SourceId')),
      displayName: textOf(a, 'DisplayName'),
      isWritable: boolOf(a, 'IsWritable'),
      isQuickContact: boolOf(a, 'IsQuickContact'),
      isHidden: boolOf(a, 'IsHidden'),
      folderId: itemId(firstChild(a, 'FolderId')),
    })),
  };
  // every attributed array (DisplayNames, Emails1, HomePhones, BusinessAddresses, ...)
  for (const c of children(node)) {
    const values = children(c);
    if (values.length && values[0].localName.endsWith('AttributedValue')) {
      p[lowerFirst(c.localName)] = values.map((v) => {
        const value = firstChild(v, 'Value') ?? firstChild(v, 'Values');
        return {
          value: value.localName === 'Values' ? children(value).map((x) => x.textContent) : valueOf(value),
          attributions: children(firstChild(v, 'Attributions')).map((x) => x.textContent),
        };
      });
    }
  }
  return p;
}

export function getImItemList(xml) {
  const doc = document(xml);
  const resp = firstChild(body(doc), 'GetImItemListResponse');
  const list = firstChild(resp, 'ImItemList');
  return {
    ...responseHead(resp),
    imItemList: {
      groups: children(firstChild(list, 'Groups'), 'ImGroup').map((g) => ({
        displayName: textOf(g, 'DisplayName'),
        groupType: textOf(g, 'GroupType'),
        exchangeStoreId: itemId(firstChild(g, 'ExchangeStoreId')),
        memberCorrelationKey: children(firstChild(g, 'MemberCorrelationKey')).map(itemId),
      })),
      personas: children(firstChild(list, 'Personas'), 'Persona').map(persona),
    },
  };
}
