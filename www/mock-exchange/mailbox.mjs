// The stateful mailbox behind the mock Exchange server: folders, items with
// their full change history, conversations, IM groups and personas, all
// generated from a seeded PRNG. Every change appends an event to the folder's
// change log; SyncFolderItems answers from that log, and the opaque SyncState
// tokens are HMAC-signed positions in it.
//
// Sync model. A token holds { p, c, t }: the client knows every item as it was
// at change number p, plus the changes of the range (p, t] up to cursor c (as
// they were at t). While c < t the range (p, t] is pinned, so paging is
// consistent even when the mailbox changes between pages; once a page reaches
// t the next request starts the range (t, now]. A change is computed from the
// item's state at p and at t, which gives Exchange's collapsing for free:
// create+update → Create, create+delete → nothing, update+update → Update,
// update+delete → Delete, created-then-read → Create with the current IsRead,
// and ReadFlagChange only for items that existed at p.

import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { Rng } from './prng.mjs';

export const DISTINGUISHED_FOLDER_NAMES = new Set(('calendar contacts deleteditems drafts inbox journal notes outbox ' +
  'sentitems tasks msgfolderroot publicfoldersroot root junkemail searchfolders voicemail recoverableitemsroot ' +
  'recoverableitemsdeletions recoverableitemsversions recoverableitemspurges recoverableitemsdiscoveryholds archiveroot ' +
  'archivemsgfolderroot archivedeleteditems archiveinbox archiverecoverableitemsroot archiverecoverableitemsdeletions ' +
  'archiverecoverableitemsversions archiverecoverableitemspurges archiverecoverableitemsdiscoveryholds syncissues ' +
  'conflicts localfailures serverfailures recipientcache quickcontacts conversationhistory adminauditlogs todosearch ' +
  'mycontacts directory imcontactlist peopleconnect favorites mecontact personmetadata teamspaceactivity ' +
  'teamspacemessaging teamspaceworkitems scheduled orionnotes tagitems alltaggeditems allcategorizeditems ' +
  'externalcontacts teamchat teamchathistory yammerdata yammerroot yammerinbound yammeroutbound yammerfeeds ' +
  'kaizaladata messageingestion onedriveroot onedriverecylebin onedrivesystem onedrivevolume important starred archive').split(' '));

const FOLDERS = [
  ['msgfolderroot', 'Top of Information Store'], ['inbox', 'Inbox'], ['sentitems', 'Sent Items'],
  ['drafts', 'Drafts'], ['deleteditems', 'Deleted Items'], ['junkemail', 'Junk Email'], ['outbox', 'Outbox'],
  ['calendar', 'Calendar'], ['contacts', 'Contacts'], ['imcontactlist', 'Lync Contacts'],
  ['quickcontacts', 'Quick Contacts'], ['tasks', 'Tasks'], ['notes', 'Notes'], ['journal', 'Journal'],
  ['conversationhistory', 'Conversation History'], ['archive', 'Archive'],
];

const OWNER = Object.freeze({ name: 'Alex Wilber', emailAddress: 'alexw@contoso.com', routingType: 'SMTP', mailboxType: 'Mailbox' });
const OWNER_LIST = Object.freeze([OWNER]);
const NO_RECIPIENTS = Object.freeze([]);
const EFFECTIVE_RIGHTS = Object.freeze({ createAssociated: false, createContents: false, createHierarchy: false, delete: true, modify: true, read: true, viewPrivateItems: true });

// [display name, given, surname, email, company, title, internal?]
const PEOPLE = [
  ['Dan Park', 'Dan', 'Park', 'dpark@contoso.com', 'Contoso', 'Program Manager', true],
  ['Zoë Müller', 'Zoë', 'Müller', 'zoe.mueller@fabrikam.de', 'Fabrikam GmbH', 'Einkäuferin', false],
  ['José Álvarez', 'José', 'Álvarez', 'jose.alvarez@contoso.com', 'Contoso', 'Engineer', true],
  ['Søren Kierkegaard', 'Søren', 'Kierkegaard', 'soren.k@northwindtraders.dk', 'Northwind Traders', 'Consultant', false],
  ['李伟', '伟', '李', 'li.wei@contoso.cn', 'Contoso 中国', '工程师', true],
  ['Αλέξης Παπαδόπουλος', 'Αλέξης', 'Παπαδόπουλος', 'alexis.p@fabrikam.gr', 'Fabrikam', 'Sales', false],
  ["Siobhán O'Brien", 'Siobhán', "O'Brien", 'siobhan.obrien@contoso.com', 'Contoso', 'Legal Counsel', true],
  ['Anthony Smith', 'Anthony', 'Smith', 'tsmith@contoso.com', 'Contoso', 'Director', true],
  ['Terence Adams', 'Terence', 'Adams', 'tadams@contoso.com', 'Contoso', 'Support', true],
  ['Megan Bowen', 'Megan', 'Bowen', 'meganb@contoso.com', 'Contoso', 'Marketing Manager', true],
  ['Nestor Wilke', 'Nestor', 'Wilke', 'nestorw@contoso.com', 'Contoso', 'Operations', true],
  ['Иван Петров', 'Иван', 'Петров', 'ivan.petrov@fabrikam.ru', 'Fabrikam', 'Аналитик', false],
  ['Fatima Al-Sayed', 'Fatima', 'Al-Sayed', 'fatima.alsayed@contoso.com', 'Contoso', 'Architect', true],
  ['Adele Vance', 'Adele', 'Vance', 'adelev@contoso.com', 'Contoso', 'Retail Manager', true],
];

const TOPICS = [
  'Q3 budget & forecast', 'Daily issue scrub', 'Server migration <urgent>', 'Café menu — “Spring” edition',
  'Résumé review: Zoë & José', 'Build #42 failed: a < b && c > d', '会议纪要：项目进度', 'Συνάντηση ομάδας',
  'Team offsite 🎉 planning', "Contract 'final' v3 (signed?)", 'Quarterly OKRs — draft', 'Lunch @ 12:30?',
  'Security review: <script> tags in HTML mail', 'Отчёт за неделю', 'Invoice #2024-118 & PO 7731',
  'Customer escalation: Contoso ↔ Fabrikam', 'Release notes 1.4.0', 'Holiday schedule 2024',
  'Re-org FAQ', 'Printer on 3rd floor is "fixed"', 'Straße & Maß: naming rules', 'Ünïcödé test ✓ — ok?',
];
const MEETINGS = ['Budget Q3', 'Sprint planning', '1:1 Alex / Megan', 'Design review — <tags> & ünïcödé',
  'All hands', 'Customer call: Fabrikam', 'Retro 🚀', 'Interview loop: “Senior Engineer”'];
const LOCATIONS = ['Conference Room 2', 'Building 4 / Room 1.21 “Oslo”', 'Microsoft Teams Meeting', 'Café Zürich',
  'Room <B> & annex', '会议室 3'];
const CATEGORIES = ['Blue category', 'Red category', 'Project Ω', 'Follow-up'];
const NEW_SUBJECTS = ['New order #%n', 'Status update %n', 'Question about ticket %n', 'Notification: job %n done',
  'Ping %n — are you there?', 'Report %n: “weekly” numbers & <charts>'];

const BASE_TIME = Date.UTC(2024, 4, 15, 9, 30, 0);
const DAY = 86400000;

export function iso(ms) { return `${new Date(ms).toISOString().slice(0, 19)}Z`; }

function durationIso(ms) {
  const m = Math.round(ms / 60000);
  return `PT${Math.floor(m / 60) ? `${Math.floor(m / 60)}H` : ''}${m % 60 ? `${m % 60}M` : ''}` || 'PT0M';
}

const PERSON_CACHE = new Map();
function person(p) {
  let mb = PERSON_CACHE.get(p);
  if (!mb) {
    mb = Object.freeze({ name: p[0], emailAddress: p[3], routingType: 'SMTP', mailboxType: p[6] ? 'Mailbox' : 'OneOff' });
    PERSON_CACHE.set(p, mb);
  }
  return mb;
}

const SCRATCH_ID = Buffer.alloc(64);
const SCRATCH_CK = Buffer.alloc(30);
const CHANGEKEY_TYPE = { Message: 0x09, MeetingRequest: 0x0b, CalendarItem: 0x0f, Contact: 0x11, DistributionList: 0x12, Item: 0x01 };

export class MailboxError extends Error {
  constructor(status, message) { super(message); this.status = status; }
}

export class Mailbox {
  /** @param {{seed?: number|string, items?: number, folder?: string, secret?: string|Buffer}} opts */
  constructor(opts = {}) {
    this.secret = opts.secret ? Buffer.from(String(opts.secret)) : randomBytes(32);
    this.generation = 0;
    this.reset(opts);
  }

  // ---- construction ----------------------------------------------------------

  reset({ seed = 1, items, folder = 'inbox' } = {}) {
    if (items !== undefined && (!Number.isInteger(items) || items < 0 || items > 1_000_000)) {
      throw new MailboxError(400, 'items must be an integer 0..1000000');
    }
    if (!FOLDERS.some(([n]) => n === folder)) throw new MailboxError(400, `unknown folder ${folder}`);
    this.seed = seed;
    this.generation++;
    this.rng = new Rng(`mailbox:${seed}`);
    this.seq = 0;
    this.clock = BASE_TIME;
    this.idCounter = 0;
    this.changeCounter = 0x3a00;
    const g = this.rng.guid();
    this.guidAscii = Buffer.from(g, 'ascii');
    this.storeBytes = this.rng.bytes(16);
    this.folders = new Map();
    this.folderById = new Map();
    this.records = new Map(); // item id → record, across folders (tombstones included)
    this.conversations = new Map();
    this.owner = OWNER;
    FOLDERS.forEach(([name, displayName], i) => {
      const id = this._folderId(i + 1);
      const f = { name, displayName, id, changeKey: 'AQAAAA==', ref: Object.freeze({ id, changeKey: 'AQAAAA==' }), log: [], records: new Map(), liveCount: 0, lastSeq: 0 };
      this.folders.set(name, f);
      this.folderById.set(id, f);
    });
    this._seedContent(items, folder);
    return this;
  }

  _folderId(n) {
    const b = Buffer.alloc(60);
    b.set([1, 3, 0x24, 0], 0);
    this.guidAscii.copy(b, 4);
    b.set([0, 0x2e, 0, 0, 3], 40);
    this.storeBytes.copy(b, 45, 0, 10);
    b.writeUInt16BE(0x0100, 55);
    b.writeUInt16BE(n, 57);
    b[59] = 0;
    return b.toString('base64');
  }

  // Ids are built in reused scratch buffers (bulk seeding makes tens of thousands).
  _itemId(tag = 0x46) {
    const n = ++this.idCounter;
    const b = SCRATCH_ID;
    b.fill(0);
    b[1] = 3; b[2] = 0x24;
    this.guidAscii.copy(b, 4);
    b[41] = tag;
    this.storeBytes.copy(b, 46, 0, 2);
    b.writeUIntBE(n, 48, 6);
    this.rng.fill(b, 54, 5);
    return b.toString('base64', 0, 59);
  }

  _changeKey(kind) {
    const b = SCRATCH_CK;
    b.fill(0);
    b[0] = CHANGEKEY_TYPE[kind] ?? 0x09;
    b[4] = 0x16;
    this.storeBytes.copy(b, 8);
    b.writeUIntBE(++this.changeCounter, 24, 6);
    return b.toString('base64');
  }

  _conversationId() {
    const b = SCRATCH_ID;
    b.fill(0);
    b[1] = 4; b[2] = 0x24;
    this.guidAscii.copy(b, 4);
    b[41] = 0x10;
    this.rng.fill(b, 43, 16);
    return b.toString('base64', 0, 59);
  }

  _internetMessageId(domain) {
    return `<${this.rng.fill(SCRATCH_ID, 0, 16).toString('hex', 0, 16)}@${domain || 'contoso.com'}>`;
  }

  _tick(minS = 20, maxS = 600) {
    this.clock += this.rng.int(minS, maxS) * 1000;
    return this.clock;
  }

  // ---- seeding -----------------------------------------------------------------

  _seedContent(targetCount, targetFolder) {
    const rng = this.rng;
    const topics = rng.shuffle(TOPICS);
    // `room(name, n)`: may n more normal items go into that folder without passing `items`?
    const room = (name, n = 1) => targetCount === undefined || name !== targetFolder ||
      this._liveNormalCount(this.folders.get(name)) + n <= targetCount;
    // Conversations: threads with branches across inbox, sentitems, drafts, deleteditems.
    let t = BASE_TIME - 60 * DAY;
    for (let c = 0; c < 14; c++) {
      const plan = this._planConversation(topics[c % topics.length], t);
      t += rng.int(1, 4) * DAY / 2;
      if (!room(targetFolder, plan.filter((m) => m.folder === targetFolder).length)) continue;
      this._materialiseConversation(plan);
    }
    // Meeting requests in the inbox, each with its tentative calendar item.
    for (let m = 0; m < 4 && room('inbox') && room('calendar'); m++) {
      this.clock = BASE_TIME - rng.int(2, 40) * DAY + rng.int(0, 20000) * 1000;
      this._createMeetingRequest({ folder: 'inbox', topic: MEETINGS[m], withCalendarItem: true });
    }
    // Calendar items of their own.
    for (let m = 0; m < 8 && room('calendar'); m++) {
      this.clock = BASE_TIME - rng.int(0, 30) * DAY;
      this._createCalendarItem({ subject: MEETINGS[(m + 4) % MEETINGS.length] });
    }
    // Junk mail.
    for (let j = 0; j < 3 && room('junkemail'); j++) {
      this.clock = BASE_TIME - rng.int(1, 20) * DAY;
      this._createStandalone({ folder: 'junkemail', subject: rng.pick(['You have WON €1,000,000!!!', 'Cheap <meds> & more', 'Re: your invoice (urgent)']), external: true });
    }
    // Folder associated items (FAI): only SyncScope NormalAndAssociatedItems sees them.
    this.clock = BASE_TIME - 90 * DAY;
    for (const [folder, cls] of [['inbox', 'IPM.Configuration.OWA.UserOptions'], ['inbox', 'IPM.Rule.Version2.Message'],
      ['inbox', 'IPM.Microsoft.FolderDesign.NamedView'], ['calendar', 'IPM.Configuration.Calendar']]) {
      this._createAssociated(folder, cls);
    }
    // Contacts, IM contact list (contacts and IM groups), personas.
    this._seedPeople();
    // Bulk: top the target folder up to exactly `targetCount` normal items.
    if (targetCount !== undefined) {
      const f = this.folders.get(targetFolder);
      const live = this._liveNormalCount(f);
      this.clock = BASE_TIME - 120 * DAY;
      for (let k = live; k < targetCount; k++) {
        this.clock += 37_000;
        if (targetFolder === 'calendar') this._createCalendarItem({ subject: `${MEETINGS[k % MEETINGS.length]} #${k + 1}` });
        else if (targetFolder === 'contacts' || targetFolder === 'imcontactlist') this._createContact(targetFolder, PEOPLE[k % PEOPLE.length]);
        else this._createStandalone({ folder: targetFolder, subject: `${TOPICS[k % TOPICS.length]} #${k + 1}` });
      }
    }
    this.clock = BASE_TIME;
  }

  _liveNormalCount(f) {
    let n = 0;
    for (const r of f.records.values()) { const s = r.current; if (s && !s.isAssociated) n++; }
    return n;
  }

  _planConversation(topic, start) {
    const rng = this.rng;
    const others = rng.shuffle(PEOPLE).slice(0, rng.int(1, 4));
    const n = rng.int(1, 7);
    const plan = [];
    let t = start;
    for (let k = 0; k < n; k++) {
      const fromMe = k > 0 && rng.bool(0.35);
      const from = fromMe ? null : rng.pick(others);
      const parent = k === 0 ? -1 : (rng.bool(0.7) ? k - 1 : rng.int(0, k - 1)); // mostly chains, some branches
      let folder = fromMe ? 'sentitems' : 'inbox';
      if (!fromMe && rng.bool(0.12)) folder = 'deleteditems';
      if (fromMe && k === n - 1 && rng.bool(0.15)) folder = 'drafts';
      t += rng.int(5, 600) * 60000;
      plan.push({ topic, k, from, fromMe, parent, folder, time: t, others, isRead: fromMe || rng.bool(0.6),
        forward: k > 0 && rng.bool(0.1) });
    }
    return plan;
  }

  _materialiseConversation(plan) {
    const conv = this._newConversation(plan[0].topic);
    const imids = [];
    for (const m of plan) {
      this.clock = m.time;
      const parentImid = m.parent >= 0 ? imids[m.parent] : undefined;
      const snap = this._createMessage({
        folder: m.folder, conv, parentImid, subject: m.k === 0 ? m.topic : `${m.forward ? 'FW' : 'RE'}: ${m.topic}`,
        from: m.fromMe ? OWNER : person(m.from), to: m.fromMe ? m.others.map((p) => person(p)) : [OWNER],
        cc: m.fromMe ? [] : m.others.filter((p) => p !== m.from).slice(0, 2).map((p) => person(p)),
        isRead: m.isRead, isDraft: m.folder === 'drafts',
      });
      imids.push(snap.internetMessageId);
    }
    return conv;
  }

  _newConversation(topic) {
    const id = this._conversationId();
    SCRATCH_ID[0] = 1;
    this.rng.fill(SCRATCH_ID, 1, 21);
    const conv = { id, topic, itemIds: [], indexHeader: SCRATCH_ID.toString('base64', 0, 22) };
    this.conversations.set(id, conv);
    return conv;
  }

  // ---- item factories ------------------------------------------------------------

  _baseItem(kind, folder, subject, extra = {}) {
    const f = this.folders.get(folder);
    const id = this._itemId();
    const now = iso(this.clock);
    return {
      kind, folder, version: 1, id, changeKey: this._changeKey(kind),
      parentFolderId: f.ref,
      subject, sensitivity: 'Normal', dateTimeReceived: now, size: this.rng.int(1800, 96000),
      importance: 'Normal', isSubmitted: false, isDraft: false, isFromMe: false, isResend: false, isUnmodified: true,
      dateTimeSent: now, dateTimeCreated: now, reminderIsSet: false, reminderMinutesBeforeStart: 0,
      displayCc: '', displayTo: '', hasAttachments: false, culture: 'en-US',
      effectiveRights: EFFECTIVE_RIGHTS,
      lastModifiedName: OWNER.name, lastModifiedTime: now, isAssociated: false,
      owa: 'message',
      ...extra,
    };
  }

  _createMessage({ folder, conv, parentImid, subject, from, to = [OWNER], cc = [], isRead = false, isDraft = false, kind = 'Message', extra = {} }) {
    const rng = this.rng;
    const fromMe = from.emailAddress === OWNER.emailAddress;
    const imid = this._internetMessageId(from.emailAddress.split('@')[1]);
    let depth = 0;
    const parentSnap = parentImid ? this._convSnap(conv, parentImid) : undefined;
    for (let p = parentSnap; p && depth < 64; p = p.inReplyTo ? this._convSnap(conv, p.inReplyTo) : undefined) depth++;
    const index = depth ? Buffer.concat([Buffer.from(conv.indexHeader, 'base64'), rng.bytes(5 * depth)]).toString('base64') : conv.indexHeader;
    const snap = this._baseItem(kind, folder, subject, {
      itemClass: kind === 'MeetingRequest' ? 'IPM.Schedule.Meeting.Request' : 'IPM.Note',
      importance: rng.bool(0.1) ? 'High' : rng.bool(0.05) ? 'Low' : 'Normal',
      sensitivity: rng.bool(0.05) ? 'Confidential' : 'Normal',
      categories: rng.bool(0.15) ? [rng.pick(CATEGORIES)] : undefined,
      inReplyTo: parentImid,
      isSubmitted: false, isDraft, isFromMe: fromMe, isUnmodified: !isDraft,
      displayTo: to.map((m) => m.name).join('; '), displayCc: cc.map((m) => m.name).join('; '),
      hasAttachments: rng.bool(0.2),
      conversationId: { id: conv.id },
      sender: from, toRecipients: to.length === 1 && to[0] === OWNER ? OWNER_LIST : to, ccRecipients: cc.length ? cc : NO_RECIPIENTS,
      isReadReceiptRequested: false, isDeliveryReceiptRequested: false,
      conversationIndex: index, conversationTopic: conv.topic, from,
      internetMessageId: imid, isRead: !!isRead, isResponseRequested: kind === 'MeetingRequest' ? true : undefined,
      references: parentImid ? [...(parentSnap?.references ? parentSnap.references.split(' ') : []), parentImid].slice(-5).join(' ') : undefined,
      receivedBy: fromMe ? undefined : OWNER, receivedRepresenting: fromMe ? undefined : OWNER,
      ...extra,
    });
    if (isDraft) { snap.dateTimeSent = undefined; snap.isUnmodified = false; }
    this._addNew(snap, conv);
    return snap;
  }

  _createStandalone({ folder, subject, external = false, isRead }) {
    const rng = this.rng;
    const conv = this._newConversation(subject);
    const sent = folder === 'sentitems' || folder === 'drafts' || folder === 'outbox';
    const p = rng.pick(PEOPLE);
    const from = sent ? OWNER : external ? { name: `Promo ${rng.int(100, 999)}`, emailAddress: `noreply${rng.int(1, 99)}@spam.example`, routingType: 'SMTP', mailboxType: 'OneOff' } : person(p);
    return this._createMessage({ folder, conv, subject, from, to: sent ? [person(p)] : [OWNER],
      isRead: isRead ?? (sent || rng.bool(0.5)), isDraft: folder === 'drafts' });
  }

  _createMeetingRequest({ folder = 'inbox', topic, withCalendarItem = true, conv, parentImid, isRead = false }) {
    const rng = this.rng;
    const organizer = person(rng.pick(PEOPLE.filter((p) => p[6])));
    const start = Date.UTC(2024, 4, 16 + rng.int(0, 40), rng.int(7, 16), rng.pick([0, 30]), 0);
    const end = start + rng.pick([30, 45, 60, 90, 120]) * 60000;
    const location = rng.pick(LOCATIONS);
    const uid = `040000008200E00074C5B7101A82E00800000000${rng.hex(8).toUpperCase()}00000000000000001000000${rng.hex(16).toUpperCase()}`.slice(0, 112);
    const attendees = [{ mailbox: OWNER, responseType: 'Unknown' }, ...rng.shuffle(PEOPLE).slice(0, 2).map((p) => ({ mailbox: person(p), responseType: 'Unknown' }))];
    let cal;
    if (withCalendarItem) {
      cal = this._createCalendarItem({ subject: topic, organizer, start, end, location, uid, attendees, tentative: true });
    }
    const c = conv || this._newConversation(topic);
    return this._createMessage({
      folder, conv: c, parentImid, subject: topic, from: organizer, to: attendees.map((a) => a.mailbox), isRead, kind: 'MeetingRequest',
      extra: {
        associatedCalendarItemId: cal ? { id: cal.id, changeKey: cal.changeKey } : undefined,
        isDelegated: false, isOutOfDate: false, hasBeenProcessed: true, responseType: 'NoResponseReceived',
        uid, dateTimeStamp: iso(this.clock), isOrganizer: false,
        meetingRequestType: 'NewMeetingRequest', intendedFreeBusyStatus: 'Busy', start: iso(start), end: iso(end),
        isAllDayEvent: false, legacyFreeBusyStatus: 'Tentative', location, isMeeting: true, isCancelled: false,
        isRecurring: false, meetingRequestWasSent: false, calendarItemType: 'Single', myResponseType: 'NoResponseReceived',
        organizer, requiredAttendees: attendees, duration: durationIso(end - start), timeZone: 'UTC',
        appointmentSequenceNumber: 0, appointmentState: 3, isOnlineMeeting: location.includes('Teams'),
      },
    });
  }

  _createCalendarItem({ subject, organizer, start, end, location, uid, attendees, tentative = false }) {
    const rng = this.rng;
    start ??= Date.UTC(2024, 4, 10 + rng.int(0, 50), rng.int(7, 17), rng.pick([0, 15, 30]), 0);
    end ??= start + rng.pick([30, 60, 90]) * 60000;
    organizer ??= rng.bool(0.5) ? OWNER : person(rng.pick(PEOPLE.filter((p) => p[6])));
    const isOrganizer = organizer.emailAddress === OWNER.emailAddress;
    attendees ??= [{ mailbox: OWNER, responseType: isOrganizer ? 'Organizer' : 'Accept' }, ...rng.shuffle(PEOPLE).slice(0, rng.int(0, 3)).map((p) => ({ mailbox: person(p), responseType: rng.pick(['Accept', 'Tentative', 'NoResponseReceived']) }))];
    location ??= rng.pick(LOCATIONS);
    uid ??= `040000008200E00074C5B7101A82E00800000000${rng.hex(8).toUpperCase()}00000000000000001000000${rng.hex(16).toUpperCase()}`.slice(0, 112);
    const conv = this._newConversation(subject);
    const snap = this._baseItem('CalendarItem', 'calendar', subject, {
      itemClass: 'IPM.Appointment', isFromMe: isOrganizer,
      reminderDueBy: iso(start - 15 * 60000), reminderIsSet: true, reminderMinutesBeforeStart: 15,
      displayTo: attendees.filter((a) => a.mailbox !== organizer).map((a) => a.mailbox.name).join('; '),
      conversationId: { id: conv.id },
      uid, dateTimeStamp: iso(this.clock), start: iso(start), end: iso(end), isAllDayEvent: false,
      legacyFreeBusyStatus: tentative ? 'Tentative' : 'Busy', location, isMeeting: attendees.length > 1,
      isCancelled: false, isRecurring: false, meetingRequestWasSent: isOrganizer && attendees.length > 1,
      isResponseRequested: true, calendarItemType: 'Single',
      myResponseType: isOrganizer ? 'Organizer' : tentative ? 'NoResponseReceived' : 'Accept',
      organizer, requiredAttendees: attendees.length > 1 ? attendees : undefined, duration: durationIso(end - start),
      timeZone: 'UTC', appointmentSequenceNumber: 0, appointmentState: isOrganizer ? 1 : 3,
      isOnlineMeeting: location.includes('Teams'), isOrganizer,
    });
    snap.owa = 'calendar';
    this._addNew(snap, conv);
    return snap;
  }

  _createAssociated(folder, itemClass) {
    const snap = this._baseItem('Item', folder, '', { itemClass, isAssociated: true, size: this.rng.int(300, 4000) });
    snap.subject = undefined;
    snap.owa = undefined;
    this._addNew(snap);
    return snap;
  }

  _createContact(folder, p, { quick = false } = {}) {
    const phone = `+1 425 555 0${this.rng.int(100, 199)}`;
    const snap = this._baseItem('Contact', folder, p[0], {
      itemClass: 'IPM.Contact', size: this.rng.int(2000, 9000),
      fileAs: `${p[2]}, ${p[1]}`, fileAsMapping: 'LastCommaFirst', displayName: p[0], givenName: p[1],
      initials: `${[...p[1]][0]}.${[...p[2]][0]}.`, companyName: p[4],
      emailAddresses: [{ key: 'EmailAddress1', value: p[3], name: p[0], routingType: 'SMTP', mailboxType: 'Contact' }],
      phoneNumbers: quick ? [] : [{ key: 'BusinessPhone', value: phone }, { key: 'MobilePhone', value: `+1 425 555 0${this.rng.int(200, 299)}` }],
      contactSource: 'Store', department: p[6] ? 'R&D' : undefined,
      imAddresses: [{ key: 'ImAddress1', value: `sip:${p[3]}` }], jobTitle: p[5], surname: p[2],
    });
    snap.owa = undefined;
    this._addNew(snap);
    return snap;
  }

  _seedPeople() {
    const rng = this.rng;
    this.clock = BASE_TIME - 200 * DAY;
    this.personas = [];
    this.groups = [];
    const people = PEOPLE.slice(0, 9);
    const contactsFolder = this.folders.get('contacts');
    const imFolder = this.folders.get('imcontactlist');
    const imContacts = [];
    for (const [i, p] of people.entries()) {
      this._tick(3600, 86400);
      const outlook = i % 3 !== 2 ? this._createContact('contacts', p) : null;
      const lync = i % 2 === 0 || !outlook ? this._createContact('imcontactlist', p, { quick: true }) : null;
      if (lync) imContacts.push(lync);
      const attributions = [];
      if (outlook) attributions.push({ id: String(attributions.length), sourceId: { id: outlook.id, changeKey: outlook.changeKey }, displayName: 'Outlook', isWritable: true, isQuickContact: false, isHidden: false, folderId: { id: contactsFolder.id, changeKey: contactsFolder.changeKey } });
      if (lync) attributions.push({ id: String(attributions.length), sourceId: { id: lync.id, changeKey: lync.changeKey }, displayName: 'Lync Contacts', isWritable: false, isQuickContact: true, isHidden: false, folderId: { id: imFolder.id, changeKey: imFolder.changeKey } });
      const all = attributions.map((a) => a.id);
      const email = { name: p[0], emailAddress: p[3], routingType: 'SMTP' };
      const personaIdBuf = Buffer.alloc(59);
      personaIdBuf.set([0, 4, 0x24, 0], 0); this.guidAscii.copy(personaIdBuf, 4); personaIdBuf.set([0, 0x10, 0], 40); rng.bytes(16).copy(personaIdBuf, 43);
      const mobile = `+1 425 555 01${String(20 + i).padStart(2, '0')}`;
      this.personas.push({
        personaId: { id: personaIdBuf.toString('base64') }, personaType: 'Person', creationTime: iso(this.clock),
        displayName: p[0], displayNameFirstLast: `${p[1]} ${p[2]}`, displayNameLastFirst: `${p[2]} ${p[1]}`,
        fileAs: outlook ? `${p[2]}, ${p[1]}` : '', fileAsId: outlook ? 'LastCommaFirst' : 'None',
        givenName: p[1], surname: p[2], title: p[5], department: p[6] ? 'R&D' : undefined, companyName: p[4],
        emailAddress: email, emailAddresses: [email], phoneNumber: outlook ? { number: mobile, type: 'Mobile' } : undefined,
        imAddress: p[3], workCity: p[6] ? 'Redmond' : undefined, relevanceScore: 2147483647, attributions,
        displayNames: attributions.map((a, k) => ({ value: k === 0 ? p[0] : `${p[1]} ${p[2]}`, attributions: [a.id] })),
        fileAses: outlook ? [{ value: `${p[2]}, ${p[1]}`, attributions: ['0'] }] : undefined,
        fileAsIds: attributions.map((a) => ({ value: a.displayName === 'Outlook' ? 'LastCommaFirst' : 'None', attributions: [a.id] })),
        givenNames: [{ value: p[1], attributions: all.slice(0, 1) }], surnames: [{ value: p[2], attributions: all.slice(0, 1) }],
        businessPhoneNumbers: outlook ? [{ value: { number: `+1 425 555 01${String(50 + i).padStart(2, '0')}`, type: 'Business' }, attributions: ['0'] }] : undefined,
        homePhones: outlook && i % 2 ? [{ value: { number: `+1 206 555 01${String(60 + i).padStart(2, '0')}`, type: 'Home' }, attributions: ['0'] }] : undefined,
        mobilePhones: outlook ? [{ value: { number: mobile, type: 'Mobile' }, attributions: ['0'] }] : undefined,
        emails1: [{ value: email, attributions: all }],
        officeLocations: p[6] ? [{ value: `Building ${i + 1}/${100 + i}`, attributions: all.slice(0, 1) }] : undefined,
        imAddresses: [{ value: p[3], attributions: all.slice(-1) }],
        titles: [{ value: p[5], attributions: all.slice(0, 1) }],
        companyNames: [{ value: p[4], attributions: all.slice(0, 1) }],
        _contactIds: attributions.map((a) => a.sourceId.id),
      });
    }
    const groupDefs = [
      ['Other Contacts', 'IPM.DistList.MOC.OtherContacts', []],
      ['Tagged', 'IPM.DistList.MOC.Tagged', []],
      ['Favorites', 'IPM.DistList.MOC.Favorites', imContacts.slice(0, 1)],
      ['Project Ünicorn & <Friends>', 'IPM.DistList.MOC.UserGroup', imContacts.slice(1, 3)],
      ['Fabrikam “partners”', 'IPM.DistList.MOC.UserGroup', imContacts.slice(2, 5)],
    ];
    for (const [name, cls, members] of groupDefs) {
      const dl = this._baseItem('DistributionList', 'imcontactlist', name, {
        itemClass: cls, displayName: name, fileAs: name, contactSource: 'Store', size: rng.int(600, 3000),
        members: members.map((m, k) => ({ key: String(k + 1), mailbox: { name: m.displayName, emailAddress: m.emailAddresses[0].value, routingType: 'SMTP', mailboxType: 'Contact', }, status: 'Normal' })),
      });
      dl.owa = undefined;
      this._addNew(dl);
      this.groups.push({
        displayName: name, groupType: cls, exchangeStoreId: { id: dl.id, changeKey: 'EgAAAA==' },
        memberCorrelationKey: members.map((m) => ({ id: m.id, changeKey: 'EQAAAA==' })),
      });
    }
  }

  // ---- change log ----------------------------------------------------------------

  _event(folder, rec, type, snap) {
    const seq = ++this.seq;
    rec.history.push({ seq, type, snap });
    rec.current = snap;
    folder.log.push({ seq, id: rec.id });
    folder.lastSeq = seq;
    return seq;
  }

  _addNew(snap, conv) {
    const folder = this.folders.get(snap.folder);
    const rec = { id: snap.id, folder: snap.folder, history: [], current: null, conv: conv ? conv.id : snap.conversationId?.id };
    folder.records.set(snap.id, rec);
    this.records.set(snap.id, rec);
    this._event(folder, rec, 'create', snap);
    folder.liveCount++;
    if (conv) conv.itemIds.push(snap.id);
    return rec;
  }

  _live(id) {
    const rec = this.records.get(id);
    if (!rec || !rec.current) throw new MailboxError(404, `no item with id ${id}`);
    return rec;
  }

  // ---- public mutations (used by the admin API) ----------------------------------------

  resolveFolderName(name) {
    if (typeof name !== 'string') return undefined;
    if (this.folders.has(name.toLowerCase())) return this.folders.get(name.toLowerCase());
    return this.folderById.get(name);
  }

  /** Creates `count` new items in a folder; returns their snapshots. */
  createItems({ folder = 'inbox', count = 1, kind, subject, isRead, conversationId, parentInternetMessageId, associated = false, from } = {}) {
    const f = this.resolveFolderName(folder);
    if (!f) throw new MailboxError(404, `unknown folder ${folder}`);
    if (!Number.isInteger(count) || count < 1 || count > 100000) throw new MailboxError(400, 'count must be an integer 1..100000');
    if (kind !== undefined && !['Message', 'MeetingRequest', 'CalendarItem', 'Contact', 'Item'].includes(kind)) throw new MailboxError(400, `unsupported kind ${kind}`);
    if (subject !== undefined && typeof subject !== 'string') throw new MailboxError(400, 'subject must be a string');
    kind ??= f.name === 'calendar' ? 'CalendarItem' : f.name === 'contacts' || f.name === 'imcontactlist' ? 'Contact' : 'Message';
    const out = [];
    for (let k = 0; k < count; k++) {
      this._tick();
      const subj = subject ?? this.rng.pick(NEW_SUBJECTS).replace('%n', String(this.idCounter + 1));
      let snap;
      if (associated) snap = this._createAssociated(f.name, subject || 'IPM.Configuration.Mock');
      else if (kind === 'CalendarItem') snap = this._createCalendarItem({ subject: subj });
      else if (kind === 'Contact') {
        const p = this.rng.pick(PEOPLE);
        snap = this._createContact(f.name, [subject ?? p[0], ...p.slice(1)]);
      } else if (kind === 'Item') snap = this._createAssociatedLikeNormal(f.name, subj);
      else {
        let conv; let parentImid;
        if (conversationId !== undefined) {
          conv = this.conversations.get(conversationId);
          if (!conv) throw new MailboxError(404, `no conversation ${conversationId}`);
          parentImid = parentInternetMessageId ?? this._latestImid(conv);
          if (parentImid !== undefined && !this._convSnap(conv, parentImid)) throw new MailboxError(404, `no node ${parentImid} in conversation`);
        }
        if (kind === 'MeetingRequest') {
          snap = this._createMeetingRequest({ folder: f.name, topic: subj, conv, parentImid, isRead: !!isRead, withCalendarItem: true });
        } else {
          conv ??= this._newConversation(subj);
          const sent = ['sentitems', 'drafts', 'outbox'].includes(f.name);
          const p = this.rng.pick(PEOPLE);
          const fromMb = from ? { name: from.name ?? from.emailAddress, emailAddress: from.emailAddress ?? 'someone@contoso.com', routingType: 'SMTP', mailboxType: 'OneOff' } : sent ? OWNER : person(p);
          const subjectLine = conversationId !== undefined && subject === undefined ? `RE: ${conv.topic}` : subj;
          snap = this._createMessage({ folder: f.name, conv, parentImid, subject: subjectLine, from: fromMb, to: sent ? [person(p)] : [OWNER],
            isRead: isRead ?? sent, isDraft: f.name === 'drafts' });
        }
      }
      if (isRead !== undefined && snap.isRead !== undefined && snap.isRead !== !!isRead) snap = this.setRead(snap.id, !!isRead);
      out.push(snap);
    }
    return out;
  }

  _createAssociatedLikeNormal(folder, subject) {
    const snap = this._baseItem('Item', folder, subject, { itemClass: 'IPM.Post' });
    this._addNew(snap);
    return snap;
  }

  /** The newest snapshot (live or not) in a conversation with that InternetMessageId. */
  _convSnap(conv, imid) {
    for (let i = conv.itemIds.length - 1; i >= 0; i--) {
      const rec = this.records.get(conv.itemIds[i]);
      const s = rec && (rec.current || lastSnap(rec));
      if (s && s.internetMessageId === imid) return s;
    }
    return undefined;
  }

  _latestImid(conv) {
    let best; let bestT = '';
    for (const id of conv.itemIds) {
      const s = this.records.get(id)?.current;
      if (s && s.internetMessageId && s.dateTimeReceived >= bestT) { best = s.internetMessageId; bestT = s.dateTimeReceived; }
    }
    return best;
  }

  /** Content update: new ChangeKey, version and LastModifiedTime. */
  updateItem(id, { subject, importance, categories, sensitivity } = {}) {
    const rec = this._live(id);
    if (subject !== undefined && typeof subject !== 'string') throw new MailboxError(400, 'subject must be a string');
    if (importance !== undefined && !['Low', 'Normal', 'High'].includes(importance)) throw new MailboxError(400, 'importance must be Low, Normal or High');
    if (sensitivity !== undefined && !['Normal', 'Personal', 'Private', 'Confidential'].includes(sensitivity)) throw new MailboxError(400, 'bad sensitivity');
    if (categories !== undefined && !(Array.isArray(categories) && categories.every((c) => typeof c === 'string'))) throw new MailboxError(400, 'categories must be an array of strings');
    const old = rec.current;
    this._tick(5, 120);
    const snap = { ...old, version: old.version + 1, changeKey: this._changeKey(old.kind), lastModifiedTime: iso(this.clock), isUnmodified: false };
    if (subject !== undefined) snap.subject = subject;
    if (importance !== undefined) snap.importance = importance;
    if (sensitivity !== undefined) snap.sensitivity = sensitivity;
    if (categories !== undefined) snap.categories = categories;
    if (subject === undefined && importance === undefined && categories === undefined && sensitivity === undefined) {
      snap.importance = old.importance === 'High' ? 'Normal' : 'High';
    }
    this._event(this.folders.get(rec.folder), rec, 'update', snap);
    return snap;
  }

  /**
   * Read-flag change. Like Exchange's ReadFlagChange it does not count as a
   * content change: version and ChangeKey stay, so a client that applied the
   * ReadFlagChange holds exactly the server's item.
   */
  setRead(id, isRead) {
    const rec = this._live(id);
    if (typeof isRead !== 'boolean') throw new MailboxError(400, 'isRead must be a boolean');
    const old = rec.current;
    if (old.isRead === undefined) throw new MailboxError(400, `a ${old.kind} has no read flag`);
    if (old.isRead === isRead) return old;
    const snap = { ...old, isRead };
    this._event(this.folders.get(rec.folder), rec, 'read', snap);
    return snap;
  }

  /** Hard delete, or move to Deleted Items (the item gets a new ItemId there, as in Exchange). */
  deleteItem(id, { move = false } = {}) {
    const rec = this._live(id);
    const old = rec.current;
    const folder = this.folders.get(rec.folder);
    this._tick(5, 60);
    this._event(folder, rec, 'delete', null);
    folder.liveCount--;
    const result = { deleted: id, folder: folder.name };
    if (move && folder.name !== 'deleteditems') {
      const target = this.folders.get('deleteditems');
      const newId = this._itemId();
      const snap = { ...old, id: newId, folder: 'deleteditems', version: old.version + 1, changeKey: this._changeKey(old.kind),
        parentFolderId: target.ref, lastModifiedTime: iso(this.clock) };
      const conv = rec.conv ? this.conversations.get(rec.conv) : undefined;
      const nrec = this._addNew(snap, conv);
      nrec.conv = rec.conv;
      result.moved = { id: newId, changeKey: snap.changeKey, folder: 'deleteditems' };
    }
    return result;
  }

  /** Bulk random mutations in one folder, deterministic for a given seed. */
  mutate({ folder = 'inbox', creates = 0, updates = 0, deletes = 0, reads = 0, seed } = {}) {
    const f = this.resolveFolderName(folder);
    if (!f) throw new MailboxError(404, `unknown folder ${folder}`);
    for (const [k, v] of Object.entries({ creates, updates, deletes, reads })) {
      if (!Number.isInteger(v) || v < 0 || v > 100000) throw new MailboxError(400, `${k} must be an integer 0..100000`);
    }
    const rng = new Rng(`mutate:${seed ?? `${this.seed}:${this.seq}`}`);
    const result = { created: [], updated: [], deleted: [], read: [] };
    const ops = [...Array(updates).fill('update'), ...Array(deletes).fill('delete'), ...Array(reads).fill('read')];
    const shuffled = rng.shuffle(ops);
    if (creates) for (const s of this.createItems({ folder: f.name, count: creates })) result.created.push(s.id);
    for (const op of shuffled) {
      const live = [];
      for (const r of f.records.values()) if (r.current && !r.current.isAssociated) live.push(r);
      const candidates = op === 'read' ? live.filter((r) => r.current.isRead !== undefined) : live;
      if (!candidates.length) break;
      const rec = candidates[Math.floor(rng.next() * candidates.length)];
      if (op === 'update') { this.updateItem(rec.id, { subject: `${rec.current.subject ?? ''} ✎`.trim() }); result.updated.push(rec.id); }
      if (op === 'delete') { this.deleteItem(rec.id); result.deleted.push(rec.id); }
      if (op === 'read') { const v = !rec.current.isRead; this.setRead(rec.id, v); result.read.push({ id: rec.id, isRead: v }); }
    }
    return result;
  }

  // ---- queries -------------------------------------------------------------------

  folderItems(name, { associated = false } = {}) {
    const f = this.resolveFolderName(name);
    if (!f) throw new MailboxError(404, `unknown folder ${name}`);
    const items = [];
    for (const r of f.records.values()) {
      const s = r.current;
      if (!s || (s.isAssociated && !associated)) continue;
      items.push({ id: s.id, changeKey: s.changeKey, kind: s.kind, subject: s.subject, isRead: s.isRead,
        isAssociated: s.isAssociated, dateTimeReceived: s.dateTimeReceived, conversationId: s.conversationId?.id,
        internetMessageId: s.internetMessageId, itemClass: s.itemClass });
    }
    return { folder: f.name, folderId: f.id, count: items.length, items };
  }

  item(id) {
    const rec = this.records.get(id);
    if (!rec) throw new MailboxError(404, `no item with id ${id}`);
    const { version, ...snap } = rec.current || {};
    return { id, folder: rec.folder, deleted: !rec.current, version, item: rec.current ? snap : undefined,
      history: rec.history.map((h) => ({ seq: h.seq, type: h.type, changeKey: h.snap?.changeKey })) };
  }

  state() {
    const folders = [];
    for (const f of this.folders.values()) {
      let count = 0; let associated = 0;
      for (const r of f.records.values()) if (r.current) { if (r.current.isAssociated) associated++; else count++; }
      folders.push({ name: f.name, displayName: f.displayName, folderId: f.id, changeKey: f.changeKey, count,
        associatedCount: associated, changes: f.log.length, lastChange: f.lastSeq, lastSyncState: f.lastSync });
    }
    return { seed: this.seed, generation: this.generation, changeNumber: this.seq, clock: iso(this.clock),
      owner: this.owner, conversations: this.conversations.size, imGroups: this.groups.length,
      personas: this.personas.length, folders };
  }

  conversationList() {
    const out = [];
    for (const c of this.conversations.values()) {
      const items = [...c.itemIds].map((id) => this.records.get(id)).filter((r) => r && r.current);
      if (items.length < 1) continue;
      out.push({ conversationId: c.id, topic: c.topic, itemCount: items.length, folders: [...new Set(items.map((r) => r.folder))] });
    }
    return out;
  }

  conversationDetail(id) {
    const c = this.conversations.get(id);
    if (!c) throw new MailboxError(404, `no conversation ${id}`);
    const items = [...c.itemIds].map((i) => this.records.get(i)).filter((r) => r && r.current).map((r) => ({
      id: r.id, changeKey: r.current.changeKey, folder: r.folder, subject: r.current.subject,
      internetMessageId: r.current.internetMessageId, parentInternetMessageId: r.current.inReplyTo,
      dateTimeReceived: r.current.dateTimeReceived, isRead: r.current.isRead }));
    return { conversationId: c.id, topic: c.topic, items };
  }

  imSummary() {
    return {
      groups: this.groups.map((g) => ({ id: g.exchangeStoreId.id, displayName: g.displayName, groupType: g.groupType, members: g.memberCorrelationKey.map((k) => k.id) })),
      personas: this.personas.map((p) => ({ personaId: p.personaId.id, displayName: p.displayName, emailAddress: p.emailAddress.emailAddress, contactIds: p._contactIds })),
    };
  }

  // ---- sync state tokens -------------------------------------------------------------

  _mac(payload) {
    return createHmac('sha256', this.secret).update(JSON.stringify(payload)).digest('base64').slice(0, 22);
  }

  encodeToken(payload) {
    const body = { ...payload, g: this.generation };
    return Buffer.from(JSON.stringify({ ...body, m: this._mac(body) }), 'utf8').toString('base64');
  }

  /** Decodes and verifies a token; returns the payload or null when invalid or foreign. */
  decodeToken(token, kind) {
    if (typeof token !== 'string' || token.length > 4096 || !/^[A-Za-z0-9+/]+={0,2}$/.test(token) || token.length % 4) return null;
    let obj;
    try { obj = JSON.parse(Buffer.from(token, 'base64').toString('utf8')); } catch { return null; }
    if (!obj || typeof obj !== 'object' || typeof obj.m !== 'string') return null;
    const { m, ...body } = obj;
    const expect = Buffer.from(this._mac(body));
    const got = Buffer.from(m);
    if (expect.length !== got.length || !timingSafeEqual(expect, got)) return null;
    if (body.g !== this.generation || body.k !== kind) return null;
    return body;
  }

  // ---- SyncFolderItems ---------------------------------------------------------------------

  /**
   * One page of changes. Returns { error } (a response code) or
   * { changes: [{ type, snap | id, isRead }], syncState, includesLastItemInRange }.
   */
  syncFolderItems(folder, { syncState, maxChanges, ignore = new Set(), scope = 'NormalItems' }) {
    let p = 0; let c = 0; let t = this.seq;
    if (syncState) {
      const st = this.decodeToken(syncState, 'sfi');
      if (!st || st.f !== folder.id || ![st.p, st.c, st.t].every(Number.isInteger) || !(st.p >= 0 && st.p <= st.c && st.c <= st.t && st.t <= this.seq)) {
        return { error: 'ErrorInvalidSyncStateData' };
      }
      ({ p, c, t } = st);
      if (c >= t) { p = t; c = t; t = this.seq; }
    }
    const log = folder.log;
    // first event with seq > c
    let lo = 0; let hi = log.length;
    while (lo < hi) { const mid = (lo + hi) >> 1; if (log[mid].seq <= c) lo = mid + 1; else hi = mid; }
    const changes = [];
    let cursor = c;
    let more = false;
    for (let k = lo; k < log.length; k++) {
      const e = log[k];
      if (e.seq > t) break;
      const rec = folder.records.get(e.id);
      const atT = entryAt(rec, t);
      if (!atT || atT.seq !== e.seq) { cursor = e.seq; continue; } // a later event of this item is in range
      const change = diff(rec, entryAt(rec, p)?.snap ?? null, atT.snap);
      const snap = atT.snap ?? entryAt(rec, p)?.snap ?? lastSnap(rec);
      const skip = !change || ignore.has(rec.id) || (scope !== 'NormalAndAssociatedItems' && snap && snap.isAssociated);
      if (!skip) {
        if (changes.length >= maxChanges) { more = true; break; }
        changes.push(change);
      }
      cursor = e.seq;
    }
    if (!more) cursor = t;
    const token = this.encodeToken({ k: 'sfi', f: folder.id, p, c: cursor, t });
    const includesLast = !more && folder.lastSeq <= t;
    folder.lastSync = { p, c: cursor, t, includesLastItemInRange: includesLast, changes: changes.length };
    return { changes, syncState: token, includesLastItemInRange: includesLast };
  }

  // ---- GetConversationItems ------------------------------------------------------------------

  /**
   * Nodes of one conversation. Returns { error } or { conversationId, syncState, nodes }
   * with nodes = [{ internetMessageId, parentInternetMessageId, items: [snap], date }] in tree order (ascending).
   */
  conversationNodes(conversationId, { ignoreFolders = new Set(), syncState } = {}) {
    const conv = this.conversations.get(conversationId);
    if (!conv) return { error: 'ErrorItemNotFound' };
    let since = -1;
    if (syncState) {
      const st = this.decodeToken(syncState, 'gci');
      if (!st || st.cv !== conversationId || !Number.isInteger(st.s) || st.s > this.seq) return { error: 'ErrorInvalidSyncStateData' };
      since = st.s;
    }
    const byImid = new Map();
    let visible = 0;
    for (const id of conv.itemIds) {
      const rec = this.records.get(id);
      if (!rec || !rec.current || ignoreFolders.has(rec.folder)) continue;
      visible++;
      const s = rec.current;
      const key = s.internetMessageId ?? `item:${s.id}`;
      let node = byImid.get(key);
      if (!node) {
        node = { internetMessageId: s.internetMessageId, parentInternetMessageId: s.inReplyTo, items: [], date: s.dateTimeReceived, changed: false };
        byImid.set(key, node);
      }
      node.items.push(s);
      if (s.dateTimeReceived < node.date) node.date = s.dateTimeReceived;
      if (rec.history[rec.history.length - 1].seq > since) node.changed = true;
    }
    if (!visible) return { error: 'ErrorItemNotFound' };
    for (const n of byImid.values()) n.items.sort((a, b) => (a.dateTimeReceived < b.dateTimeReceived ? -1 : a.dateTimeReceived > b.dateTimeReceived ? 1 : 0));
    // Tree order (ascending): pre-order from the roots, siblings by date.
    const kids = new Map();
    const roots = [];
    const byDate = (a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : String(a.internetMessageId).localeCompare(String(b.internetMessageId)));
    for (const n of byImid.values()) {
      const parent = n.parentInternetMessageId && byImid.get(n.parentInternetMessageId);
      if (parent) { if (!kids.has(parent)) kids.set(parent, []); kids.get(parent).push(n); } else roots.push(n);
    }
    const ordered = [];
    const walk = (n) => { ordered.push(n); for (const k of (kids.get(n) || []).sort(byDate)) walk(k); };
    roots.sort(byDate).forEach(walk);
    const nodes = since >= 0 ? ordered.filter((n) => n.changed) : ordered;
    return { conversationId, syncState: this.encodeToken({ k: 'gci', cv: conversationId, s: this.seq }), nodes };
  }
}

function entryAt(rec, seq) {
  const h = rec.history;
  for (let i = h.length - 1; i >= 0; i--) if (h[i].seq <= seq) return h[i];
  return null;
}

function lastSnap(rec) {
  for (let i = rec.history.length - 1; i >= 0; i--) if (rec.history[i].snap) return rec.history[i].snap;
  return null;
}

function diff(rec, before, after) {
  if (!before && !after) return null;
  if (!before) return { type: 'Create', snap: after };
  if (!after) return { type: 'Delete', id: rec.id, changeKey: before.changeKey };
  if (after.version !== before.version) return { type: 'Update', snap: after };
  if (after.isRead !== before.isRead) return { type: 'ReadFlagChange', id: rec.id, isRead: after.isRead };
  return null;
}
