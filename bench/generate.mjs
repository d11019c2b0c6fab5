#!/usr/bin/env node
// Deterministic generator of realistic EWS responses for the benchmark.
//
//   node bench/generate.mjs            writes every input to bench/data/ and prints their sizes
//   import { generateAll } from './generate.mjs'   the same inputs, in memory
//
// Every response is a SOAP 1.1 envelope as Exchange Online sends it: one line, the
// http:// EWS namespaces, a ServerVersionInfo header, elements in schema order (each
// generated kind validates against the official schema: see bench/check-data.mjs).
// The content is drawn from a seeded PRNG (mulberry32), so the same seed gives the
// same bytes on every machine and every Node version.

import { Buffer } from 'node:buffer';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const NS = {
  soap: 'http://schemas.xmlsoap.org/soap/envelope/',
  m: 'http://schemas.microsoft.com/exchange/services/2006/messages',
  t: 'http://schemas.microsoft.com/exchange/services/2006/types',
};

// ---------------------------------------------------------------- randomness

/** mulberry32: a tiny, well-mixed 32-bit PRNG; returns floats in [0, 1). */
export function mulberry32(seed) {
  let a = seed >>> 0;
  return function next() {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export class Rng {
  constructor(seed) {
    this.next = mulberry32(seed);
  }
  /** integer in [lo, hi] */
  int(lo, hi) {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }
  chance(p) {
    return this.next() < p;
  }
  pick(arr) {
    return arr[Math.floor(this.next() * arr.length)];
  }
  /** k distinct elements of arr (k clamped to arr.length) */
  sample(arr, k) {
    const n = Math.min(k, arr.length);
    const idx = arr.map((_, i) => i);
    for (let i = 0; i < n; i++) {
      const j = i + Math.floor(this.next() * (idx.length - i));
      [idx[i], idx[j]] = [idx[j], idx[i]];
    }
    return idx.slice(0, n).map((i) => arr[i]);
  }
  bytes(n) {
    const b = Buffer.allocUnsafe(n);
    for (let i = 0; i < n; i++) b[i] = Math.floor(this.next() * 256);
    return b;
  }
  hex(n) {
    return this.bytes(Math.ceil(n / 2)).toString('hex').slice(0, n).toUpperCase();
  }
  guid() {
    const h = this.bytes(16).toString('hex');
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
  }
}

// ---------------------------------------------------------------- XML helpers

export function escapeText(s) {
  return String(s).replace(/[&<>]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : '&gt;'));
}
export function escapeAttr(s) {
  return String(s).replace(/[&<>"]/g, (c) =>
    c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : '&quot;',
  );
}
/** <t:Name>text</t:Name>, or <t:Name/> for an empty string */
const el = (name, text) => {
  const s = escapeText(text);
  return s === '' ? `<${name}/>` : `<${name}>${s}</${name}>`;
};
const isoSeconds = (ms) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

function envelope(server, body) {
  return (
    '<?xml version="1.0" encoding="utf-8"?>' +
    `<s:Envelope xmlns:s="${NS.soap}"><s:Header>` +
    `<h:ServerVersionInfo MajorVersion="${server.major}" MinorVersion="${server.minor}" ` +
    `MajorBuildNumber="${server.build}" MinorBuildNumber="${server.rev}" Version="${server.version}" ` +
    `xmlns:h="${NS.t}" xmlns="${NS.t}" xmlns:xsd="http://www.w3.org/2001/XMLSchema" ` +
    'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"/></s:Header>' +
    '<s:Body xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:xsd="http://www.w3.org/2001/XMLSchema">' +
    body +
    '</s:Body></s:Envelope>'
  );
}
const EXO = { major: 15, minor: 20, build: 8769, rev: 35, version: 'V2018_01_08' };

// ---------------------------------------------------------------- vocabulary

const FIRST = [
  'Anna', 'José', 'Zoë', 'Björn', 'Łukasz', 'Søren', 'Chloé', 'Mei', 'Yūki', 'Ольга', 'Ahmed', 'Priya',
  'Siobhán', 'Dan', 'Tony', 'Fatima', 'Matteo', 'Ingrid', 'Kwame', 'Hiroshi', 'Élodie', 'Raúl', 'Nadia',
  'Oliver', 'Emma', 'Lars', 'Aiko', 'Jürgen', 'Ana', 'Wei', 'Giulia', 'Pierre', 'Noor', 'Sam', 'Kateřina',
];
const LAST = [
  'Smith', 'Müller', 'García', 'Nguyễn', 'Kowalski', 'Øvergaard', 'Dubois', 'Tanaka', 'Иванова', 'Patel',
  "O'Neil", 'Park', 'Johansson', 'Rossi', 'Okafor', 'Schmidt', 'Fernández', 'Lefèvre', 'Chen', 'Haddad',
  'Novák', 'Andersen', 'Kim', 'Brown', 'Żółkiewski', 'Costa', 'Yamamoto', 'Adams', 'Ben-David', 'Walsh',
];
const DOMAINS = ['contoso.com', 'fabrikam.com', 'northwindtraders.com', 'adatum.com', 'litwareinc.com', 'tailspintoys.com'];
const TOPICS = [
  'Daily issue scrub', 'Budget Q3 & forecast', 'Réunion d\'équipe — ordre du jour', 'Déjà vu: café at 10?',
  '日本語の件名テスト', 'Отчёт за неделю', '🎉 Launch party on Friday', 'Build #4521 failed 🚨', 'Lunch? 🍕🍣',
  'x < y when z > 0 (edge case)', 'Ship it 🚀 — final review', '数据 & 报告 📊', 'Ελληνικά: συνάντηση', 'مرحبا بالفريق',
  'Quarterly OKRs <draft>', 'Contract renewal: Fabrikam & Contoso', 'Re-org FAQ', 'Offsite 🏔️ logistics',
  'Customer escalation #88231', 'Hiring loop — Senior SRE', 'Design review: sync engine v2', 'Travel policy update',
  'Invoice 2024-0173 (overdue)', 'Weekly status 📈', 'Ünïcödé sûbjéct with ümlauts', 'Security advisory 🔐 CVE-2024-1234',
  'Pull request #1337: fix "null" handling', 'Happy birthday 🎂!', 'Server migration window 02:00–04:00 UTC',
  'Παρουσίαση & demo', 'Kaffee ☕ und Kuchen', '𝒮𝓅𝑒𝒸𝒾𝒶𝓁 𝓁𝑒𝓉𝓉𝑒𝓇𝓈 test', 'Board deck v7 (FINAL) (2)',
];
const PREFIXES = ['', '', '', 'RE: ', 'RE: ', 'FW: ', 'AW: ', 'Re: ', 'TR: '];
const PREVIEW_WORDS = (
  'Hi all, please find attached the latest numbers & the updated plan. Let me know if x < y still holds ' +
  'before we ship. Merci beaucoup, vielen Dank, 谢谢, спасибо 🙏 — see you at the stand-up. ' +
  'The deadline moved to Thursday; café & croissants provided 🥐. Regards'
).split(' ');
const CATEGORIES = ['Red category', 'Blue category', 'Green category', 'Projekt Ä', 'Follow-up ⏰', 'VIP & partners'];
const LOCATIONS = ['Conference Room 2', 'Salle Éiffel (4th floor)', 'Building 43 / 1234', 'Teams meeting', '東京オフィス 会議室A', 'Café & Lounge'];
const CITIES = [
  ['Seattle', 'WA', 'United States', '98052'], ['München', 'BY', 'Deutschland', '80331'], ['Paris', '', 'France', '75008'],
  ['東京', '', '日本', '100-0005'], ['São Paulo', 'SP', 'Brasil', '01310-100'], ['Kraków', '', 'Polska', '30-001'],
  ['Москва', '', 'Россия', '101000'], ['Dublin', '', 'Ireland', 'D02 X285'],
];
const TITLES = ['Software Engineer', 'Program Manager', 'Directeur financier', 'Head of R&D', 'Vertriebsleiterin', 'Designer', 'CEO', 'Support <Tier 2>'];
const DEPARTMENTS = ['Engineering', 'Finance & Ops', 'Sales', 'Recherche', 'Legal', 'Marketing 📣', 'HR'];
const COMPANIES = ['Contoso Ltd.', 'Fabrikam, Inc.', 'Northwind Traders', 'A. Datum Corporation', 'Litware & Co', 'Tailspin Toys'];

function asciiSlug(s) {
  return s.normalize('NFKD').replace(/[^\x00-\x7f]/g, '').replace(/[^A-Za-z0-9]+/g, '').toLowerCase() || 'user';
}

function makePeople(rng, n) {
  const people = [];
  for (let i = 0; i < n; i++) {
    const first = rng.pick(FIRST);
    const last = rng.pick(LAST);
    const domain = rng.pick(DOMAINS);
    people.push({
      first,
      last,
      name: `${first} ${last}`,
      email: `${asciiSlug(first)}.${asciiSlug(last)}${i}@${domain}`,
      domain,
    });
  }
  return people;
}

// Exchange ids: long base64 strings that share a per-mailbox prefix.
function idFactory(rng) {
  const mailbox = rng.bytes(40);
  const folders = [rng.bytes(22), rng.bytes(22), rng.bytes(22)];
  return {
    itemId: () => Buffer.concat([Buffer.from([0, 0x03, 0x24, 0]), mailbox, Buffer.from([0x46, 0, 0, 0]), rng.pick(folders), rng.bytes(40)]).toString('base64'),
    changeKey: (k = 0x09) => Buffer.concat([Buffer.from([k, 0, 0, 0, 0x16, 0, 0, 0]), rng.bytes(22)]).toString('base64'),
    folderId: (i = 0) => Buffer.concat([Buffer.from([0x01, 0x03, 0x24, 0]), mailbox, Buffer.from([0x2e, 0, 0, 0x03]), folders[i % 3]]).toString('base64'),
    conversationId: () => Buffer.concat([Buffer.from([0, 0x04, 0x24, 0]), mailbox, Buffer.from([0x10, 0]), rng.bytes(16)]).toString('base64'),
    personaId: () => Buffer.concat([Buffer.from([0, 0x04, 0x24, 0]), mailbox.subarray(0, 24), Buffer.from([0x10, 0]), rng.bytes(16)]).toString('base64'),
    syncState: (n) => Buffer.concat([Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 4, 0]), rng.bytes(n)]).toString('base64'), // gzip, as Exchange's
    conversationSyncState: (n) => Buffer.concat([Buffer.from([1, 2, 0, 0, 0]), rng.bytes(n)]).toString('base64'),
    instanceKey: () => Buffer.concat([Buffer.from([1, 0, 0, 0, 0, 0, 1, 1]), rng.bytes(12)]).toString('base64'),
    messageId: (domain) => `<${rng.hex(32)}@${rng.pick(['DM6PR11MB4107', 'AM0PR07MB5521', 'SN6PR04MB4622'])}.${domain === 'contoso.com' ? 'namprd11' : 'eurprd07'}.prod.outlook.com>`,
    uid: () => '040000008200E00074C5B7101A82E00800000000' + rng.hex(16) + '000000000000000010000000' + rng.hex(32),
  };
}

const mailboxXml = (p, type = 'Mailbox') =>
  `<t:Mailbox>${el('t:Name', p.name)}${el('t:EmailAddress', p.email)}<t:RoutingType>SMTP</t:RoutingType><t:MailboxType>${type}</t:MailboxType></t:Mailbox>`;
const itemIdXml = (name, id, ck) => `<${name} Id="${escapeAttr(id)}"${ck ? ` ChangeKey="${escapeAttr(ck)}"` : ''}/>`;

function preview(rng) {
  // consecutive words of the text from a random start, cut where a real preview would be
  const words = [];
  let len = 0;
  let i = rng.int(0, PREVIEW_WORDS.length - 1);
  const target = rng.int(60, 255);
  while (len < target) {
    const w = PREVIEW_WORDS[i++ % PREVIEW_WORDS.length];
    words.push(w);
    len += w.length + 1;
  }
  return words.join(' ');
}

function subject(rng, topic) {
  return rng.pick(PREFIXES) + (topic ?? rng.pick(TOPICS)) + (rng.chance(0.15) ? ` [${rng.int(1000, 99999)}]` : '');
}

// ---------------------------------------------------------------- items

/**
 * One Message or MeetingRequest element in schema order (ItemType, then MessageType,
 * then MeetingMessageType and MeetingRequestMessageType). `shape` is 'default' (the
 * properties a sync client typically asks for) or 'full' (nearly everything
 * SyncFolderItems can return: many recipients, extended properties, flags, preview...).
 */
function itemXml(rng, ctx, { kind, shape, time, topic, parentMessageId, references, messageId, conversationId, participants }) {
  const full = shape === 'full';
  const ids = ctx.ids;
  const pool = participants ?? ctx.people;
  const from = rng.pick(pool);
  const to = rng.sample(pool, full ? rng.int(3, 40) : rng.int(1, 4));
  const cc = rng.sample(pool, full ? rng.int(0, 18) : rng.int(0, 3));
  const subj = subject(rng, topic);
  const isMeeting = kind === 'MeetingRequest';
  const received = time;
  const sent = time - rng.int(1, 120) * 1000;
  const itemId = ids.itemId();
  const hasAttachments = rng.chance(0.2);
  const isRead = rng.chance(0.6);
  const o = [];
  o.push(`<t:${kind}>`);
  o.push(itemIdXml('t:ItemId', itemId, ids.changeKey(isMeeting ? 0x0b : 0x09)));
  o.push(itemIdXml('t:ParentFolderId', ids.folderId(ctx.folder), 'AQAAAA=='));
  o.push(`<t:ItemClass>${isMeeting ? 'IPM.Schedule.Meeting.Request' : 'IPM.Note'}</t:ItemClass>`);
  o.push(el('t:Subject', subj));
  o.push(`<t:Sensitivity>${rng.chance(0.95) ? 'Normal' : rng.pick(['Personal', 'Private', 'Confidential'])}</t:Sensitivity>`);
  o.push(`<t:DateTimeReceived>${isoSeconds(received)}</t:DateTimeReceived>`);
  o.push(`<t:Size>${hasAttachments ? rng.int(40000, 4000000) : rng.int(2500, 60000)}</t:Size>`);
  if (full) {
    const cats = rng.sample(CATEGORIES, rng.int(0, 3));
    o.push(cats.length ? `<t:Categories>${cats.map((c) => el('t:String', c)).join('')}</t:Categories>` : '<t:Categories/>');
  }
  o.push(`<t:Importance>${rng.chance(0.9) ? 'Normal' : rng.pick(['High', 'Low'])}</t:Importance>`);
  if (full && parentMessageId) o.push(el('t:InReplyTo', parentMessageId));
  const fromMe = from === ctx.me;
  o.push(`<t:IsSubmitted>false</t:IsSubmitted><t:IsDraft>false</t:IsDraft><t:IsFromMe>${fromMe}</t:IsFromMe><t:IsResend>false</t:IsResend><t:IsUnmodified>${!full || rng.chance(0.8)}</t:IsUnmodified>`);
  o.push(`<t:DateTimeSent>${isoSeconds(sent)}</t:DateTimeSent><t:DateTimeCreated>${isoSeconds(received + 1000)}</t:DateTimeCreated>`);
  if (full) {
    if (isMeeting) o.push(`<t:ReminderDueBy>${isoSeconds(received + 86400000)}</t:ReminderDueBy>`);
    o.push(`<t:ReminderIsSet>${isMeeting}</t:ReminderIsSet><t:ReminderMinutesBeforeStart>${isMeeting ? 15 : 0}</t:ReminderMinutesBeforeStart>`);
  }
  o.push(el('t:DisplayCc', cc.map((p) => p.name).join('; ')));
  o.push(el('t:DisplayTo', to.map((p) => p.name).join('; ')));
  o.push(`<t:HasAttachments>${hasAttachments}</t:HasAttachments>`);
  if (full) {
    o.push(`<t:ExtendedProperty><t:ExtendedFieldURI PropertyTag="0x1081" PropertyType="Integer"/><t:Value>${rng.pick([-1, 261, 262, 102])}</t:Value></t:ExtendedProperty>`);
    if (rng.chance(0.5)) {
      o.push(`<t:ExtendedProperty><t:ExtendedFieldURI DistinguishedPropertySetId="PublicStrings" PropertyName="X-Tracking &amp; Tags" PropertyType="StringArray"/><t:Values>${rng.sample(CATEGORIES, 2).map((c) => el('t:Value', c)).join('')}</t:Values></t:ExtendedProperty>`);
    }
  }
  o.push(`<t:Culture>${rng.pick(['en-US', 'en-US', 'de-DE', 'fr-FR', 'ja-JP'])}</t:Culture>`);
  if (full) {
    o.push('<t:EffectiveRights><t:CreateAssociated>false</t:CreateAssociated><t:CreateContents>false</t:CreateContents><t:CreateHierarchy>false</t:CreateHierarchy><t:Delete>true</t:Delete><t:Modify>true</t:Modify><t:Read>true</t:Read><t:ViewPrivateItems>true</t:ViewPrivateItems></t:EffectiveRights>');
    o.push(el('t:LastModifiedName', ctx.me.name));
    o.push(`<t:LastModifiedTime>${isoSeconds(received + rng.int(1, 5000) * 1000)}</t:LastModifiedTime>`);
    o.push('<t:IsAssociated>false</t:IsAssociated>');
    o.push(el('t:WebClientReadFormQueryString', `https://outlook.office365.com/owa/?ItemID=${encodeURIComponent(itemId)}&exvsurl=1&viewmodel=${isMeeting ? 'ReadMeetingRequest' : 'ReadMessageItem'}`));
  }
  o.push(itemIdXml('t:ConversationId', conversationId ?? ids.conversationId()));
  if (full) {
    const flagged = rng.chance(0.1);
    o.push(flagged
      ? `<t:Flag><t:FlagStatus>Flagged</t:FlagStatus><t:StartDate>${isoSeconds(received)}</t:StartDate><t:DueDate>${isoSeconds(received + 3 * 86400000)}</t:DueDate></t:Flag>`
      : '<t:Flag><t:FlagStatus>NotFlagged</t:FlagStatus></t:Flag>');
    o.push(`<t:InstanceKey>${ids.instanceKey()}</t:InstanceKey>`);
  }
  if (full || ctx.preview) o.push(el('t:Preview', preview(rng)));
  if (full) o.push(`<t:IconIndex>${isMeeting ? 'AppointmentMeet' : isRead ? rng.pick(['MailRead', 'MailReplied', 'MailForwarded']) : 'MailUnread'}</t:IconIndex>`);
  // MessageType
  if (full) o.push(`<t:Sender>${mailboxXml(from)}</t:Sender>`);
  o.push(`<t:ToRecipients>${to.map((p) => mailboxXml(p)).join('')}</t:ToRecipients>`);
  if (cc.length) o.push(`<t:CcRecipients>${cc.map((p) => mailboxXml(p)).join('')}</t:CcRecipients>`);
  if (full) o.push(`<t:IsReadReceiptRequested>false</t:IsReadReceiptRequested><t:IsDeliveryReceiptRequested>false</t:IsDeliveryReceiptRequested>`);
  o.push(`<t:ConversationIndex>${Buffer.concat([Buffer.from([1]), rng.bytes(21 + 5 * rng.int(0, 6))]).toString('base64')}</t:ConversationIndex>`);
  o.push(el('t:ConversationTopic', topic ?? subj.replace(/^(RE|FW|AW|Re|TR): /, '')));
  o.push(`<t:From>${mailboxXml(from)}</t:From>`);
  o.push(el('t:InternetMessageId', messageId ?? ids.messageId(from.domain)));
  o.push(`<t:IsRead>${isRead}</t:IsRead>`);
  if (full) o.push(`<t:IsResponseRequested>${isMeeting}</t:IsResponseRequested>`);
  if (references) o.push(el('t:References', references));
  else if (full && rng.chance(0.5)) o.push(el('t:References', Array.from({ length: rng.int(1, 8) }, () => ids.messageId(rng.pick(DOMAINS))).join(' ')));
  if (full) {
    if (rng.chance(0.1)) o.push(`<t:ReplyTo>${mailboxXml(rng.pick(pool))}</t:ReplyTo>`);
    o.push(`<t:ReceivedBy>${mailboxXml(ctx.me)}</t:ReceivedBy><t:ReceivedRepresenting>${mailboxXml(ctx.me)}</t:ReceivedRepresenting>`);
  }
  if (isMeeting) {
    const start = received + rng.int(1, 30) * 86400000 + rng.int(8, 17) * 3600000;
    const minutes = rng.pick([30, 60, 60, 90, 120]);
    // MeetingMessageType
    o.push(itemIdXml('t:AssociatedCalendarItemId', ids.itemId(), ids.changeKey(0x0b)));
    o.push(`<t:IsDelegated>false</t:IsDelegated><t:IsOutOfDate>false</t:IsOutOfDate><t:HasBeenProcessed>true</t:HasBeenProcessed><t:ResponseType>NoResponseReceived</t:ResponseType>`);
    o.push(`<t:UID>${ids.uid()}</t:UID><t:DateTimeStamp>${isoSeconds(sent)}</t:DateTimeStamp>`);
    // MeetingRequestMessageType
    o.push(`<t:MeetingRequestType>${rng.pick(['NewMeetingRequest', 'NewMeetingRequest', 'FullUpdate', 'InformationalUpdate'])}</t:MeetingRequestType>`);
    o.push('<t:IntendedFreeBusyStatus>Busy</t:IntendedFreeBusyStatus>');
    o.push(`<t:Start>${isoSeconds(start)}</t:Start><t:End>${isoSeconds(start + minutes * 60000)}</t:End>`);
    o.push('<t:IsAllDayEvent>false</t:IsAllDayEvent><t:LegacyFreeBusyStatus>Tentative</t:LegacyFreeBusyStatus>');
    o.push(el('t:Location', rng.pick(LOCATIONS)));
    o.push(`<t:IsMeeting>true</t:IsMeeting><t:IsCancelled>false</t:IsCancelled><t:IsRecurring>false</t:IsRecurring><t:MeetingRequestWasSent>false</t:MeetingRequestWasSent>`);
    o.push('<t:CalendarItemType>Single</t:CalendarItemType><t:MyResponseType>NoResponseReceived</t:MyResponseType>');
    o.push(`<t:Organizer>${mailboxXml(from)}</t:Organizer>`);
    if (full) {
      o.push(`<t:RequiredAttendees>${to.map((p) => `<t:Attendee>${mailboxXml(p)}<t:ResponseType>Unknown</t:ResponseType></t:Attendee>`).join('')}</t:RequiredAttendees>`);
      if (cc.length) o.push(`<t:OptionalAttendees>${cc.map((p) => `<t:Attendee>${mailboxXml(p)}<t:ResponseType>Unknown</t:ResponseType></t:Attendee>`).join('')}</t:OptionalAttendees>`);
      o.push(`<t:ConflictingMeetingCount>${rng.int(0, 2)}</t:ConflictingMeetingCount><t:AdjacentMeetingCount>${rng.int(0, 3)}</t:AdjacentMeetingCount>`);
    }
    o.push(`<t:Duration>PT${minutes >= 60 ? `${Math.floor(minutes / 60)}H` : ''}${minutes % 60 ? `${minutes % 60}M` : ''}</t:Duration>`);
    o.push(`<t:AppointmentSequenceNumber>${rng.int(0, 3)}</t:AppointmentSequenceNumber><t:AppointmentState>3</t:AppointmentState>`);
    if (full) o.push('<t:ConferenceType>0</t:ConferenceType><t:AllowNewTimeProposal>true</t:AllowNewTimeProposal><t:IsOnlineMeeting>false</t:IsOnlineMeeting>');
  }
  o.push(`</t:${kind}>`);
  return o.join('');
}

function newContext(seed, { people = 400, folder = 0, preview = false } = {}) {
  const rng = new Rng(seed);
  const ids = idFactory(rng);
  const ppl = makePeople(rng, people);
  return { rng, ids, people: ppl, me: ppl[0], folder, preview };
}

// ---------------------------------------------------------------- SyncFolderItems

/**
 * A SyncFolderItems response page with `changes` interleaved Create/Update/Delete/
 * ReadFlagChange changes (Message and MeetingRequest items).
 * Returns { xml, expected: { changes, creates, updates, deletes, readFlagChanges } }.
 */
export function generateSyncFolderItems({ seed = 1, changes = 512, shape = 'default', includesLastItemInRange = false } = {}) {
  const ctx = newContext(seed);
  const { rng, ids } = ctx;
  let time = Date.UTC(2024, 2, 1, 8, 0, 0);
  const counts = { Create: 0, Update: 0, Delete: 0, ReadFlagChange: 0 };
  const parts = [];
  for (let i = 0; i < changes; i++) {
    time += rng.int(5, 900) * 1000;
    const r = rng.next();
    const kind = r < 0.5 ? 'Create' : r < 0.7 ? 'Update' : r < 0.85 ? 'Delete' : 'ReadFlagChange';
    counts[kind]++;
    if (kind === 'Delete') {
      parts.push(`<t:Delete>${itemIdXml('t:ItemId', ids.itemId(), ids.changeKey())}</t:Delete>`);
    } else if (kind === 'ReadFlagChange') {
      parts.push(`<t:ReadFlagChange>${itemIdXml('t:ItemId', ids.itemId(), ids.changeKey())}<t:IsRead>${rng.chance(0.7)}</t:IsRead></t:ReadFlagChange>`);
    } else {
      const itemKind = rng.chance(0.12) ? 'MeetingRequest' : 'Message';
      parts.push(`<t:${kind}>${itemXml(rng, ctx, { kind: itemKind, shape, time })}</t:${kind}>`);
    }
  }
  const body =
    `<m:SyncFolderItemsResponse xmlns:m="${NS.m}" xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:t="${NS.t}">` +
    '<m:ResponseMessages><m:SyncFolderItemsResponseMessage ResponseClass="Success"><m:ResponseCode>NoError</m:ResponseCode>' +
    `<m:SyncState>${ids.syncState(420)}</m:SyncState>` +
    `<m:IncludesLastItemInRange>${includesLastItemInRange}</m:IncludesLastItemInRange>` +
    `<m:Changes>${parts.join('')}</m:Changes>` +
    '</m:SyncFolderItemsResponseMessage></m:ResponseMessages></m:SyncFolderItemsResponse>';
  return {
    xml: envelope(EXO, body),
    expected: { changes, creates: counts.Create, updates: counts.Update, deletes: counts.Delete, readFlagChanges: counts.ReadFlagChange },
  };
}

// ---------------------------------------------------------------- GetConversationItems

/**
 * A GetConversationItems response with `nodes` conversation nodes spread over
 * `conversations` conversations (one response message each). Each conversation is a
 * reply tree: every node but the root names its parent by ParentInternetMessageId.
 * Returns { xml, expected: { conversations, nodes, items, conversationIds } }.
 */
export function generateGetConversationItems({ seed = 2, nodes = 100, conversations = 1 } = {}) {
  const ctx = newContext(seed, { preview: true, folder: 0 });
  const { rng, ids } = ctx;
  // split `nodes` into `conversations` parts of varying size (each >= 1)
  const sizes = [];
  let left = nodes;
  for (let c = 0; c < conversations; c++) {
    const rest = conversations - c - 1;
    const avg = left / (rest + 1);
    const n = rest === 0 ? left : Math.max(1, Math.min(left - rest, Math.round(avg * (0.5 + rng.next()))));
    sizes.push(n);
    left -= n;
  }
  let items = 0;
  const conversationIds = [];
  const messages = [];
  for (const size of sizes) {
    const conversationId = ids.conversationId();
    conversationIds.push(conversationId);
    const topic = rng.pick(TOPICS);
    const participants = rng.sample(ctx.people, rng.int(3, 14));
    let time = Date.UTC(2024, 2, 1, 8, 0, 0) + rng.int(0, 60) * 86400000;
    const msgIds = [];
    const refs = [];
    const nodeXml = [];
    for (let k = 0; k < size; k++) {
      time += rng.int(60, 7200) * 1000;
      const from = rng.pick(participants);
      const messageId = ids.messageId(from.domain);
      // parent: biased towards recent messages, as in real threads
      const parentIdx = k === 0 ? -1 : k - 1 - Math.floor(rng.next() ** 3 * k);
      const parentMessageId = parentIdx >= 0 ? msgIds[parentIdx] : undefined;
      msgIds.push(messageId);
      refs[k] = parentIdx >= 0 ? [...refs[parentIdx], msgIds[parentIdx]].slice(-10) : [];
      const copies = rng.chance(0.15) ? 2 : 1; // the same message in Inbox and Sent Items
      const itemsXml = [];
      for (let c = 0; c < copies; c++) {
        ctx.folder = c;
        const kind = rng.chance(0.05) ? 'MeetingRequest' : 'Message';
        itemsXml.push(itemXml(rng, ctx, {
          kind, shape: 'default', time, topic, parentMessageId, messageId,
          conversationId, participants, references: refs[k].length ? refs[k].join(' ') : undefined,
        }));
        items++;
      }
      nodeXml.push(
        '<t:ConversationNode>' + el('t:InternetMessageId', messageId) +
        (parentMessageId ? el('t:ParentInternetMessageId', parentMessageId) : '') +
        `<t:Items>${itemsXml.join('')}</t:Items></t:ConversationNode>`,
      );
    }
    messages.push(
      '<m:GetConversationItemsResponseMessage ResponseClass="Success"><m:ResponseCode>NoError</m:ResponseCode>' +
      `<m:Conversation>${itemIdXml('t:ConversationId', conversationId)}<t:SyncState>${ids.conversationSyncState(40)}</t:SyncState>` +
      `<t:ConversationNodes>${nodeXml.join('')}</t:ConversationNodes></m:Conversation></m:GetConversationItemsResponseMessage>`,
    );
  }
  const body =
    `<m:GetConversationItemsResponse xmlns:m="${NS.m}" xmlns:t="${NS.t}">` +
    `<m:ResponseMessages>${messages.join('')}</m:ResponseMessages></m:GetConversationItemsResponse>`;
  return { xml: envelope(EXO, body), expected: { conversations, nodes, items, conversationIds } };
}

// ---------------------------------------------------------------- GetImItemList

const attributed = (container, valueName, values) =>
  values.length
    ? `<t:${container}>${values.map(([v, attrs]) => `<t:${valueName}>${v}<t:Attributions>${attrs.map((a) => `<t:Attribution>${a}</t:Attribution>`).join('')}</t:Attributions></t:${valueName}>`).join('')}</t:${container}>`
    : '';
const strAttr = (container, values) => attributed(container, 'StringAttributedValue', values.map(([v, a]) => [el('t:Value', v), a]));
const phoneAttr = (container, values) =>
  attributed(container, 'PhoneNumberAttributedValue', values.map(([num, type, a]) => [`<t:Value>${el('t:Number', num)}<t:Type>${type}</t:Type></t:Value>`, a]));
const emailValue = (p, tag = 't:Value') => `<${tag}>${el('t:Name', p.name)}${el('t:EmailAddress', p.email)}<t:RoutingType>SMTP</t:RoutingType><t:MailboxType>Mailbox</t:MailboxType></${tag}>`;

function phone(rng) {
  return `+${rng.pick(['1 425', '49 89', '33 1', '81 3', '44 20'])} ${rng.int(100, 999)} ${rng.int(1000, 9999)}`;
}

function personaXml(rng, ctx, p) {
  const { ids } = ctx;
  const [city, state, country, zip] = rng.pick(CITIES);
  const company = rng.pick(COMPANIES);
  const title = rng.pick(TITLES);
  const dept = rng.pick(DEPARTMENTS);
  const nSources = rng.int(1, 3);
  const sources = ['0', '1', '2'].slice(0, nSources);
  const some = () => rng.sample(sources, rng.int(1, nSources));
  const all = sources;
  const o = [];
  const lastFirst = `${p.last} ${p.first}`;
  o.push('<t:Persona>');
  o.push(itemIdXml('t:PersonaId', ids.personaId()));
  o.push('<t:PersonaType>Person</t:PersonaType>');
  o.push(`<t:CreationTime>${isoSeconds(Date.UTC(2019, 0, 1) + rng.int(0, 5 * 365) * 86400000 + rng.int(0, 86399) * 1000)}</t:CreationTime>`);
  o.push(el('t:DisplayNameFirstLastSortKey', p.name) + el('t:DisplayNameLastFirstSortKey', lastFirst) + el('t:CompanyNameSortKey', company));
  o.push(el('t:WorkCitySortKey', city));
  o.push(el('t:DisplayNameFirstLastHeader', p.first[0]) + el('t:DisplayNameLastFirstHeader', p.last[0]));
  o.push(el('t:DisplayName', p.name) + el('t:DisplayNameFirstLast', p.name) + el('t:DisplayNameLastFirst', lastFirst));
  o.push(el('t:FileAs', `${p.last}, ${p.first}`) + '<t:FileAsId>LastCommaFirst</t:FileAsId>');
  o.push(el('t:GivenName', p.first) + el('t:Surname', p.last));
  o.push(el('t:Title', title) + el('t:Department', dept) + el('t:CompanyName', company));
  o.push(emailValue(p, 't:EmailAddress'));
  const alt = { ...p, email: `${asciiSlug(p.first)}@${rng.pick(DOMAINS)}` };
  o.push(`<t:EmailAddresses>${emailValue(p, 't:Address')}${rng.chance(0.4) ? emailValue(alt, 't:Address') : ''}</t:EmailAddresses>`);
  const work = phone(rng);
  const mobile = phone(rng);
  o.push(`<t:PhoneNumber>${el('t:Number', work)}<t:Type>Business</t:Type></t:PhoneNumber>`);
  o.push(el('t:ImAddress', `sip:${p.email}`));
  o.push(el('t:WorkCity', city));
  o.push(`<t:RelevanceScore>${rng.chance(0.5) ? 2147483647 : rng.int(1, 5000)}</t:RelevanceScore>`);
  o.push(`<t:FolderIds>${itemIdXml('t:FolderId', ids.folderId(1), 'AQAAAA==')}</t:FolderIds>`);
  const srcNames = ['Outlook', 'Lync Contacts', 'GAL'];
  o.push(`<t:Attributions>${sources.map((s, i) =>
    `<t:Attribution><t:Id>${s}</t:Id>${itemIdXml('t:SourceId', ids.itemId(), ids.changeKey(0x11))}<t:DisplayName>${srcNames[i]}</t:DisplayName>` +
    `<t:IsWritable>${i === 0}</t:IsWritable><t:IsQuickContact>${i === 1}</t:IsQuickContact><t:IsHidden>false</t:IsHidden>` +
    (i < 2 ? itemIdXml('t:FolderId', ids.folderId(i), 'AQAAAA==') : '') + '</t:Attribution>').join('')}</t:Attributions>`);
  o.push(strAttr('DisplayNames', [[p.name, all], ...(rng.chance(0.3) ? [[`${p.first[0]}. ${p.last}`, ['0']]] : [])]));
  o.push(strAttr('FileAses', [[`${p.last}, ${p.first}`, ['0']]]));
  o.push(strAttr('FileAsIds', [['LastCommaFirst', ['0']], ...(nSources > 1 ? [['None', ['1']]] : [])]));
  o.push(strAttr('GivenNames', [[p.first, all]]));
  o.push(strAttr('Surnames', [[p.last, all]]));
  o.push(strAttr('Initials', [[`${p.first[0]}.${p.last[0]}.`, ['0']]]));
  o.push(phoneAttr('BusinessPhoneNumbers', [[work, 'Business', some()]]));
  if (rng.chance(0.5)) o.push(phoneAttr('HomePhones', [[phone(rng), 'Home', ['0']]]));
  o.push(phoneAttr('MobilePhones', [[mobile, 'Mobile', some()]]));
  o.push(attributed('Emails1', 'EmailAddressAttributedValue', [[emailValue(p), all]]));
  if (rng.chance(0.4)) o.push(attributed('Emails2', 'EmailAddressAttributedValue', [[emailValue(alt), ['0']]]));
  o.push(strAttr('BusinessHomePages', [[`https://www.${p.domain}/people/${asciiSlug(p.first)}?ref=gal&lang=en`, ['0']]]));
  o.push(strAttr('OfficeLocations', [[`${rng.int(1, 120)}/${rng.int(1000, 4999)}`, some()]]));
  o.push(strAttr('ImAddresses', [[`sip:${p.email}`, some()]]));
  const addr = (type) =>
    `<t:Value>${el('t:Street', `${rng.int(1, 999)} ${rng.pick(['Main St', 'Hauptstraße', 'Rue de la Paix', '中央通り', 'Rua Augusta'])}`)}` +
    `${el('t:City', city)}${state ? el('t:State', state) : ''}${el('t:Country', country)}${el('t:PostalCode', zip)}<t:Type>${type}</t:Type>` +
    `<t:Latitude>${(rng.next() * 180 - 90).toFixed(6)}</t:Latitude><t:Longitude>${(rng.next() * 360 - 180).toFixed(6)}</t:Longitude>` +
    `${el('t:FormattedAddress', `${city} ${zip}, ${country}`)}<t:LocationSource>Contact</t:LocationSource></t:Value>`;
  o.push(attributed('BusinessAddresses', 'PostalAddressAttributedValue', [[addr('Business'), ['0']]]));
  if (rng.chance(0.3)) o.push(attributed('HomeAddresses', 'PostalAddressAttributedValue', [[addr('Home'), ['0']]]));
  o.push(strAttr('Titles', [[title, some()]]));
  o.push(strAttr('Departments', [[dept, some()]]));
  o.push(strAttr('CompanyNames', [[company, some()]]));
  if (rng.chance(0.5)) o.push(strAttr('Managers', [[rng.pick(ctx.people).name, ['0']]]));
  if (rng.chance(0.2)) o.push(attributed('Children', 'StringArrayAttributedValue', [[`<t:Values>${['Léa', 'Tom 🧸'].map((c) => el('t:Value', c)).join('')}</t:Values>`, ['0']]]));
  if (rng.chance(0.3)) o.push(strAttr('Birthdays', [[`${rng.int(1960, 2000)}-0${rng.int(1, 9)}-1${rng.int(0, 9)}T00:00:00Z`, ['0']]]));
  o.push(attributed('ExtendedProperties', 'ExtendedPropertyAttributedValue', [[
    `<t:Value><t:ExtendedFieldURI PropertyTag="0x3001" PropertyType="String"/>${el('t:Value', p.name)}</t:Value>`, ['0'],
  ]]));
  o.push('</t:Persona>');
  return o.join('');
}

/**
 * A GetImItemList response with a few IM groups and `personas` full personas.
 * Returns { xml, expected: { personas, groups } }.
 */
export function generateGetImItemList({ seed = 3, personas = 50 } = {}) {
  const ctx = newContext(seed, { people: Math.max(personas, 50) });
  const { rng, ids } = ctx;
  const people = ctx.people.slice(0, personas);
  const groupDefs = [
    ['Other Contacts', 'IPM.DistList.MOC.OtherContacts', 0.6],
    ['Favorites', 'IPM.DistList.MOC.Favorites', 0.05],
    ['Tagged', 'IPM.DistList.MOC.Tagged', 0.02],
    ['Équipe produit 🚀', 'IPM.DistList.MOC.UserGroup', 0.15],
    ['R&D <core>', 'IPM.DistList.MOC.UserGroup', 0.1],
  ];
  const groups = groupDefs.map(([name, type, share], gi) => {
    const members = Array.from({ length: Math.max(gi === 2 ? 0 : 1, Math.round(personas * share)) }, () => itemIdXml('t:ItemId', ids.itemId(), 'EQAAAA=='));
    return '<t:ImGroup>' + el('t:DisplayName', name) + `<t:GroupType>${type}</t:GroupType>` +
      itemIdXml('t:ExchangeStoreId', ids.itemId(), 'EgAAAA==') +
      (members.length ? `<t:MemberCorrelationKey>${members.join('')}</t:MemberCorrelationKey>` : '') +
      (gi === 3 ? `<t:ExtendedProperties><t:ExtendedProperty><t:ExtendedFieldURI PropertyTag="0x3001" PropertyType="String"/>${el('t:Value', name)}</t:ExtendedProperty></t:ExtendedProperties>` : '') +
      '</t:ImGroup>';
  });
  const personaXmls = people.map((p) => personaXml(rng, ctx, p));
  const body =
    `<m:GetImItemListResponse ResponseClass="Success" xmlns:m="${NS.m}" xmlns:t="${NS.t}">` +
    '<m:ResponseCode>NoError</m:ResponseCode><m:ImItemList>' +
    `<t:Groups>${groups.join('')}</t:Groups><t:Personas>${personaXmls.join('')}</t:Personas>` +
    '</m:ImItemList></m:GetImItemListResponse>';
  return { xml: envelope(EXO, body), expected: { personas, groups: groups.length } };
}

// ---------------------------------------------------------------- the benchmark's inputs

/** The benchmark inputs, smallest of each kind first. `kind` selects the parsers. */
export const INPUTS = [
  { name: 'sync-512', kind: 'sync', what: 'SyncFolderItems, 512 changes, default shape', make: () => generateSyncFolderItems({ seed: 11, changes: 512, shape: 'default' }) },
  { name: 'sync-512-full', kind: 'sync', what: 'SyncFolderItems, 512 changes, full shape', make: () => generateSyncFolderItems({ seed: 12, changes: 512, shape: 'full' }) },
  { name: 'gci-100', kind: 'gci', what: 'GetConversationItems, 1 conversation, 100 nodes', make: () => generateGetConversationItems({ seed: 21, nodes: 100, conversations: 1 }) },
  { name: 'gci-2000', kind: 'gci', what: 'GetConversationItems, 20 conversations, 2000 nodes', make: () => generateGetConversationItems({ seed: 22, nodes: 2000, conversations: 20 }) },
  { name: 'im-50', kind: 'im', what: 'GetImItemList, 5 groups, 50 full personas', make: () => generateGetImItemList({ seed: 31, personas: 50 }) },
  { name: 'im-1000', kind: 'im', what: 'GetImItemList, 5 groups, 1000 full personas', make: () => generateGetImItemList({ seed: 32, personas: 1000 }) },
];

/** The largest input of each kind: the memory test's inputs. */
export const LARGEST = ['sync-512-full', 'gci-2000', 'im-1000'];

let cache;
/** Every input: [{ name, kind, what, file, xml, bytes, expected }] (generated once per process). */
export function generateAll() {
  if (!cache) {
    cache = INPUTS.map(({ make, ...meta }) => {
      const { xml, expected } = make();
      return { ...meta, file: `${meta.name}.xml`, xml, bytes: Buffer.byteLength(xml), expected };
    });
  }
  return cache;
}

export const DATA_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'data');

/** Writes every input to `dir` (default bench/data/), skipping files that are already identical. */
export function writeAll(dir = DATA_DIR) {
  fs.mkdirSync(dir, { recursive: true });
  const written = [];
  for (const input of generateAll()) {
    const file = path.join(dir, input.file);
    let same = false;
    try {
      same = fs.statSync(file).size === input.bytes && fs.readFileSync(file, 'utf8') === input.xml;
    } catch {}
    if (!same) fs.writeFileSync(file, input.xml);
    written.push({ ...input, path: file });
  }
  return written;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const dir = process.argv[2] ? path.resolve(process.argv[2]) : DATA_DIR;
  for (const input of writeAll(dir)) {
    const counts = Object.entries(input.expected).filter(([, v]) => typeof v === 'number').map(([k, v]) => `${k}=${v}`).join(' ');
    console.log(`${input.name.padEnd(14)} ${(input.bytes / 1024).toFixed(0).padStart(6)} KiB  ${input.what}  (${counts})  ${path.relative(process.cwd(), input.path)}`);
  }
}
