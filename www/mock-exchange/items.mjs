// Writes mailbox items, IM groups and personas as EWS XML (t: prefix), with
// every child in schema order (ex2018 types.xsd). An item snapshot is a plain
// object whose wire fields are the element names in lowerCamelCase (the
// API.md rule), plus the internal fields kind, folder and version.

import { el, attrs, esc } from './xml.mjs';

/** EWS element name → lowerCamelCase field name (API.md rule). */
export function camel(name) {
  return name.replace(/^[A-Z]+(?=[A-Z][a-z]|$)|^[A-Z]/, (m) => m.toLowerCase());
}

// ---- schema order per item kind --------------------------------------------

const ITEM = ['ItemId', 'ParentFolderId', 'ItemClass', 'Subject', 'Sensitivity', 'DateTimeReceived', 'Size',
  'Categories', 'Importance', 'InReplyTo', 'IsSubmitted', 'IsDraft', 'IsFromMe', 'IsResend', 'IsUnmodified',
  'DateTimeSent', 'DateTimeCreated', 'ReminderDueBy', 'ReminderIsSet', 'ReminderMinutesBeforeStart', 'DisplayCc',
  'DisplayTo', 'HasAttachments', 'ExtendedProperty', 'Culture', 'EffectiveRights', 'LastModifiedName',
  'LastModifiedTime', 'IsAssociated', 'WebClientReadFormQueryString', 'WebClientEditFormQueryString',
  'ConversationId', 'Preview'];
const MESSAGE = ['Sender', 'ToRecipients', 'CcRecipients', 'BccRecipients', 'IsReadReceiptRequested',
  'IsDeliveryReceiptRequested', 'ConversationIndex', 'ConversationTopic', 'From', 'InternetMessageId', 'IsRead',
  'IsResponseRequested', 'References', 'ReplyTo', 'ReceivedBy', 'ReceivedRepresenting'];
const MEETING_MESSAGE = ['AssociatedCalendarItemId', 'IsDelegated', 'IsOutOfDate', 'HasBeenProcessed',
  'ResponseType', 'UID', 'RecurrenceId', 'DateTimeStamp', 'IsOrganizer'];
const MEETING_REQUEST = ['MeetingRequestType', 'IntendedFreeBusyStatus', 'Start', 'End', 'IsAllDayEvent',
  'LegacyFreeBusyStatus', 'Location', 'IsMeeting', 'IsCancelled', 'IsRecurring', 'MeetingRequestWasSent',
  'CalendarItemType', 'MyResponseType', 'Organizer', 'RequiredAttendees', 'OptionalAttendees', 'Duration',
  'TimeZone', 'AppointmentSequenceNumber', 'AppointmentState', 'IsOnlineMeeting'];
const CALENDAR = ['UID', 'DateTimeStamp', 'Start', 'End', 'IsAllDayEvent', 'LegacyFreeBusyStatus', 'Location',
  'IsMeeting', 'IsCancelled', 'IsRecurring', 'MeetingRequestWasSent', 'IsResponseRequested', 'CalendarItemType',
  'MyResponseType', 'Organizer', 'RequiredAttendees', 'OptionalAttendees', 'Duration', 'TimeZone',
  'AppointmentSequenceNumber', 'AppointmentState', 'IsOnlineMeeting', 'IsOrganizer'];
const CONTACT = ['FileAs', 'FileAsMapping', 'DisplayName', 'GivenName', 'Initials', 'CompanyName', 'EmailAddresses',
  'PhoneNumbers', 'ContactSource', 'Department', 'ImAddresses', 'JobTitle', 'Surname'];
const DISTRIBUTION_LIST = ['DisplayName', 'FileAs', 'ContactSource', 'Members'];

export const ITEM_ORDER = {
  Item: ITEM,
  Message: [...ITEM, ...MESSAGE],
  MeetingRequest: [...ITEM, ...MESSAGE, ...MEETING_MESSAGE, ...MEETING_REQUEST],
  CalendarItem: [...ITEM, ...CALENDAR],
  Contact: [...ITEM, ...CONTACT],
  DistributionList: [...ITEM, ...DISTRIBUTION_LIST],
};

/** Element names that only AllProperties (or AdditionalProperties) returns. */
const ALL_ONLY = new Set(['InReplyTo', 'Categories', 'References', 'ReplyTo', 'ReceivedBy', 'ReceivedRepresenting',
  'Preview', 'WebClientEditFormQueryString', 'BccRecipients', 'OptionalAttendees', 'ReminderDueBy']);

// ---- value writers -----------------------------------------------------------

function mailbox(mb) {
  if (!mb) return '';
  return `<t:Mailbox>${el('t:Name', mb.name)}${el('t:EmailAddress', mb.emailAddress)}${el('t:RoutingType', mb.routingType || 'SMTP')}${el('t:MailboxType', mb.mailboxType)}</t:Mailbox>`;
}
function single(name, mb) { return mb ? `<t:${name}>${mailbox(mb)}</t:${name}>` : ''; }
function recipients(name, list) {
  if (!list) return '';
  return list.length ? `<t:${name}>${list.map(mailbox).join('')}</t:${name}>` : `<t:${name}/>`;
}
function attendees(name, list) {
  if (!list || !list.length) return ''; // NonEmptyArrayOfAttendeesType
  return `<t:${name}>${list.map((a) => `<t:Attendee>${mailbox(a.mailbox)}${el('t:ResponseType', a.responseType)}${el('t:LastResponseTime', a.lastResponseTime)}</t:Attendee>`).join('')}</t:${name}>`;
}
function idElement(name, v) { return v ? `<t:${name}${attrs({ Id: v.id, ChangeKey: v.changeKey })}/>` : ''; }

const SPECIAL = {
  ItemId: (s) => `<t:ItemId${attrs({ Id: s.id, ChangeKey: s.changeKey })}/>`,
  ParentFolderId: (s) => idElement('ParentFolderId', s.parentFolderId),
  ConversationId: (s) => idElement('ConversationId', s.conversationId),
  AssociatedCalendarItemId: (s) => idElement('AssociatedCalendarItemId', s.associatedCalendarItemId),
  WebClientReadFormQueryString: (s) => (s.owa === 'calendar'
    ? el('t:WebClientReadFormQueryString', `https://mail.contoso.com/owa/?itemid=${encodeURIComponent(s.id)}&exvsurl=1&path=/calendar/item`)
    : s.owa ? el('t:WebClientReadFormQueryString', `https://mail.contoso.com/owa/?ItemID=${encodeURIComponent(s.id)}&exvsurl=1&viewmodel=ReadMessageItem`) : ''),
  // Preview is derived when written (bulk seeding stays light).
  Preview: (s) => (s.preview !== undefined ? el('t:Preview', s.preview)
    : s.from && s.subject !== undefined ? el('t:Preview', `${s.subject} — ${s.from.name} wrote a few lines about “${s.conversationTopic}” & more…`.slice(0, 255)) : ''),
  Categories: (s) => (s.categories && s.categories.length ? `<t:Categories>${s.categories.map((c) => el('t:String', c)).join('')}</t:Categories>` : ''),
  EffectiveRights: (s) => {
    const r = s.effectiveRights;
    if (!r) return '';
    return `<t:EffectiveRights>${['CreateAssociated', 'CreateContents', 'CreateHierarchy', 'Delete', 'Modify', 'Read'].map((k) => el(`t:${k}`, !!r[camel(k)])).join('')}${el('t:ViewPrivateItems', r.viewPrivateItems)}</t:EffectiveRights>`;
  },
  Sender: (s) => single('Sender', s.sender),
  From: (s) => single('From', s.from),
  ReceivedBy: (s) => single('ReceivedBy', s.receivedBy),
  ReceivedRepresenting: (s) => single('ReceivedRepresenting', s.receivedRepresenting),
  Organizer: (s) => single('Organizer', s.organizer),
  ToRecipients: (s) => recipients('ToRecipients', s.toRecipients),
  CcRecipients: (s) => recipients('CcRecipients', s.ccRecipients),
  BccRecipients: (s) => recipients('BccRecipients', s.bccRecipients),
  ReplyTo: (s) => recipients('ReplyTo', s.replyTo),
  RequiredAttendees: (s) => attendees('RequiredAttendees', s.requiredAttendees),
  OptionalAttendees: (s) => attendees('OptionalAttendees', s.optionalAttendees),
  EmailAddresses: (s) => (s.emailAddresses && s.emailAddresses.length
    ? `<t:EmailAddresses>${s.emailAddresses.map((e) => `<t:Entry${attrs({ Key: e.key, Name: e.name, RoutingType: e.routingType, MailboxType: e.mailboxType })}>${esc(e.value)}</t:Entry>`).join('')}</t:EmailAddresses>` : ''),
  PhoneNumbers: (s) => (s.phoneNumbers && s.phoneNumbers.length
    ? `<t:PhoneNumbers>${s.phoneNumbers.map((e) => `<t:Entry${attrs({ Key: e.key })}>${esc(e.value)}</t:Entry>`).join('')}</t:PhoneNumbers>` : ''),
  ImAddresses: (s) => (s.imAddresses && s.imAddresses.length
    ? `<t:ImAddresses>${s.imAddresses.map((e) => `<t:Entry${attrs({ Key: e.key })}>${esc(e.value)}</t:Entry>`).join('')}</t:ImAddresses>` : ''),
  Members: (s) => (s.members
    ? (s.members.length ? `<t:Members>${s.members.map((m) => `<t:Member${attrs({ Key: m.key })}>${mailbox(m.mailbox)}${el('t:Status', m.status)}</t:Member>`).join('')}</t:Members>` : '<t:Members/>')
    : ''),
};

// ---- item shapes ---------------------------------------------------------------

/** Extended MAPI properties the mock knows how to answer on items, by property tag. */
const ITEM_TAGS = {
  0x0037: { type: 'String', get: (s) => s.subject },            // PR_SUBJECT
  0x0e08: { type: 'Integer', get: (s) => s.size },              // PR_MESSAGE_SIZE
  0x1035: { type: 'String', get: (s) => s.internetMessageId },  // PR_INTERNET_MESSAGE_ID
  0x3001: { type: 'String', get: (s) => s.displayName ?? s.subject }, // PR_DISPLAY_NAME
  0x0e07: { type: 'Integer', get: (s) => (s.isRead === undefined ? undefined : (s.isRead ? 1 : 0)) }, // PR_MESSAGE_FLAGS (read bit)
  0x001a: { type: 'String', get: (s) => s.itemClass },          // PR_MESSAGE_CLASS
};

export function parsePropertyTag(tag) {
  if (tag === undefined) return undefined;
  const t = String(tag).trim();
  const n = /^0x[0-9a-f]{1,4}$/i.test(t) ? parseInt(t.slice(2), 16) : /^[0-9]{1,5}$/.test(t) ? Number(t) : NaN;
  return Number.isFinite(n) && n <= 0xffff ? n : undefined;
}

/**
 * Normalised item shape from a parsed request: { base, names: Set<element>,
 * extended: [{ tag, attrs }] }. `additional` is [{ fieldURI } | { indexedFieldURI }
 * | { extendedFieldURI: attrs }].
 */
export function makeShape(baseShape, additional = []) {
  const names = new Set();
  const extended = [];
  for (const p of additional) {
    if (p.fieldURI) {
      const local = p.fieldURI.includes(':') ? p.fieldURI.slice(p.fieldURI.indexOf(':') + 1) : p.fieldURI;
      names.add(local);
      if (local === 'ItemId' || local === 'Id') names.add('ItemId');
    } else if (p.indexedFieldURI) {
      const f = p.indexedFieldURI.fieldURI || '';
      const local = f.slice(f.indexOf(':') + 1);
      if (local === 'EmailAddress') names.add('EmailAddresses');
      else if (local === 'PhoneNumber') names.add('PhoneNumbers');
      else if (local === 'ImAddress') names.add('ImAddresses');
    } else if (p.extendedFieldURI) {
      extended.push({ tag: parsePropertyTag(p.extendedFieldURI.PropertyTag), attrs: p.extendedFieldURI });
    }
  }
  return { base: baseShape, names, extended };
}

function included(shape, name) {
  if (name === 'ItemId') return true;
  if (shape.names.has(name)) return true;
  if (shape.base === 'IdOnly') return false;
  if (shape.base === 'AllProperties') return true;
  return !ALL_ONLY.has(name); // Default (and PcxPeopleSearch)
}

function extendedProperties(snap, shape) {
  let out = '';
  for (const x of shape.extended) {
    const known = x.tag !== undefined ? ITEM_TAGS[x.tag] : undefined;
    if (!known || known.type !== x.attrs.PropertyType) continue; // unknown properties are simply not returned
    const v = known.get(snap);
    if (v === undefined || v === null) continue;
    out += `<t:ExtendedProperty><t:ExtendedFieldURI${attrs({ PropertyTag: `0x${x.tag.toString(16)}`, PropertyType: x.attrs.PropertyType })}/>${el('t:Value', v)}</t:ExtendedProperty>`;
  }
  return out;
}

/** One item element (`<t:Message>…</t:Message>`) in the requested shape. */
export function writeItem(snap, shape) {
  const order = ITEM_ORDER[snap.kind] || ITEM;
  let out = `<t:${snap.kind}>`;
  for (const name of order) {
    if (name === 'ExtendedProperty') {
      if (shape.extended.length) out += extendedProperties(snap, shape);
      continue;
    }
    if (!included(shape, name)) continue;
    const special = SPECIAL[name];
    if (special) { out += special(snap); continue; }
    out += el(`t:${name}`, snap[camel(name)]);
  }
  return `${out}</t:${snap.kind}>`;
}

// ---- IM groups and personas ------------------------------------------------------

function wantsDisplayName(extendedProps) {
  return (extendedProps || []).filter((p) => parsePropertyTag(p.PropertyTag) === 0x3001 && p.PropertyType === 'String');
}

/** `<t:ImGroup>` (children in ImGroupType order). */
export function writeImGroup(g, extendedProps) {
  let out = `<t:ImGroup>${el('t:DisplayName', g.displayName)}${el('t:GroupType', g.groupType)}`;
  out += `<t:ExchangeStoreId${attrs({ Id: g.exchangeStoreId.id, ChangeKey: g.exchangeStoreId.changeKey })}/>`;
  if (g.memberCorrelationKey.length) {
    out += `<t:MemberCorrelationKey>${g.memberCorrelationKey.map((k) => `<t:ItemId${attrs({ Id: k.id, ChangeKey: k.changeKey })}/>`).join('')}</t:MemberCorrelationKey>`;
  }
  const dn = wantsDisplayName(extendedProps);
  if (dn.length) {
    out += `<t:ExtendedProperties>${dn.map((p) => `<t:ExtendedProperty><t:ExtendedFieldURI${attrs({ PropertyTag: String(p.PropertyTag).trim(), PropertyType: 'String' })}/>${el('t:Value', g.displayName)}</t:ExtendedProperty>`).join('')}</t:ExtendedProperties>`;
  }
  out += el('t:SmtpAddress', g.smtpAddress);
  return `${out}</t:ImGroup>`;
}

function emailAddress(name, e) {
  return `<t:${name}>${el('t:Name', e.name)}${el('t:EmailAddress', e.emailAddress)}${el('t:RoutingType', e.routingType || 'SMTP')}${el('t:MailboxType', e.mailboxType)}</t:${name}>`;
}
function attributions(list) {
  return `<t:Attributions>${list.map((a) => el('t:Attribution', a)).join('')}</t:Attributions>`;
}
function stringValues(name, list) {
  if (!list || !list.length) return '';
  return `<t:${name}>${list.map((v) => `<t:StringAttributedValue>${el('t:Value', v.value)}${attributions(v.attributions)}</t:StringAttributedValue>`).join('')}</t:${name}>`;
}
function phoneValues(name, list) {
  if (!list || !list.length) return '';
  return `<t:${name}>${list.map((v) => `<t:PhoneNumberAttributedValue><t:Value>${el('t:Number', v.value.number)}${el('t:Type', v.value.type)}</t:Value>${attributions(v.attributions)}</t:PhoneNumberAttributedValue>`).join('')}</t:${name}>`;
}
function emailValues(name, list) {
  if (!list || !list.length) return '';
  return `<t:${name}>${list.map((v) => `<t:EmailAddressAttributedValue>${emailAddress('Value', v.value)}${attributions(v.attributions)}</t:EmailAddressAttributedValue>`).join('')}</t:${name}>`;
}

/** `<t:Persona>` with its children in PersonaType order (ex2018). */
export function writePersona(p, extendedProps) {
  let out = `<t:Persona><t:PersonaId${attrs({ Id: p.personaId.id })}/>`;
  out += el('t:PersonaType', p.personaType) + el('t:CreationTime', p.creationTime);
  for (const k of ['DisplayName', 'DisplayNameFirstLast', 'DisplayNameLastFirst', 'FileAs', 'FileAsId', 'GivenName', 'Surname', 'Title', 'Department', 'CompanyName']) {
    out += el(`t:${k}`, p[camel(k)]);
  }
  if (p.emailAddress) out += emailAddress('EmailAddress', p.emailAddress);
  if (p.emailAddresses) out += `<t:EmailAddresses>${p.emailAddresses.map((e) => emailAddress('Address', e)).join('')}</t:EmailAddresses>`;
  if (p.phoneNumber) out += `<t:PhoneNumber>${el('t:Number', p.phoneNumber.number)}${el('t:Type', p.phoneNumber.type)}</t:PhoneNumber>`;
  out += el('t:ImAddress', p.imAddress) + el('t:WorkCity', p.workCity) + el('t:RelevanceScore', p.relevanceScore);
  out += `<t:Attributions>${p.attributions.map((a) => `<t:Attribution>${el('t:Id', a.id)}<t:SourceId${attrs({ Id: a.sourceId.id, ChangeKey: a.sourceId.changeKey })}/>${el('t:DisplayName', a.displayName)}${el('t:IsWritable', a.isWritable)}${el('t:IsQuickContact', a.isQuickContact)}${el('t:IsHidden', a.isHidden)}${a.folderId ? `<t:FolderId${attrs({ Id: a.folderId.id, ChangeKey: a.folderId.changeKey })}/>` : ''}</t:Attribution>`).join('')}</t:Attributions>`;
  out += stringValues('DisplayNames', p.displayNames) + stringValues('FileAses', p.fileAses) + stringValues('FileAsIds', p.fileAsIds);
  out += stringValues('GivenNames', p.givenNames) + stringValues('Surnames', p.surnames);
  out += phoneValues('BusinessPhoneNumbers', p.businessPhoneNumbers) + phoneValues('HomePhones', p.homePhones) + phoneValues('MobilePhones', p.mobilePhones);
  out += emailValues('Emails1', p.emails1) + emailValues('Emails2', p.emails2);
  out += stringValues('OfficeLocations', p.officeLocations) + stringValues('ImAddresses', p.imAddresses);
  out += stringValues('Titles', p.titles) + stringValues('Departments', p.departments) + stringValues('CompanyNames', p.companyNames);
  const dn = wantsDisplayName(extendedProps);
  if (dn.length) {
    out += `<t:ExtendedProperties>${dn.map((x) => `<t:ExtendedPropertyAttributedValue><t:Value><t:ExtendedFieldURI${attrs({ PropertyTag: String(x.PropertyTag).trim(), PropertyType: 'String' })}/>${el('t:Value', p.displayName)}</t:Value>${attributions(['0'])}</t:ExtendedPropertyAttributedValue>`).join('')}</t:ExtendedProperties>`;
  }
  return `${out}</t:Persona>`;
}
