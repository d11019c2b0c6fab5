// The live gromox server, read and changed WITHOUT the library: hand-written
// SOAP requests (FindItem, GetItem, CreateItem, UpdateItem, DeleteItem) over
// fetch, answers read with @xmldom/xmldom, and new mail put in with gromox's
// own tools (gromox-eml2mt | gromox-import). The tests compare what the
// library's clients make of the server with what this module reads.
//
// The server comes from scripts/gromox.sh run, which sets EWS_GROMOX_URL,
// EWS_GROMOX_USER and EWS_GROMOX_PASSWORD.

import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DOMParser } from '@xmldom/xmldom';

export const URL_ = process.env.EWS_GROMOX_URL;
export const USER = process.env.EWS_GROMOX_USER;
export const PASSWORD = process.env.EWS_GROMOX_PASSWORD;
if (!URL_ || !USER || !PASSWORD) {
  throw new Error('EWS_GROMOX_URL / EWS_GROMOX_USER / EWS_GROMOX_PASSWORD are not set: run these tests through '
    + '`bash scripts/gromox.sh run node --test tests/gromox/` (or TEST_ONLY=gromox npm test)');
}

export const NS = {
  soap: 'http://schemas.xmlsoap.org/soap/envelope/',
  t: 'http://schemas.microsoft.com/exchange/services/2006/types',
  m: 'http://schemas.microsoft.com/exchange/services/2006/messages',
};

export const xmlEscape = (s) => String(s).replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' }[c]));

export function envelope(body, version = 'Exchange2013') {
  return '<?xml version="1.0" encoding="utf-8"?>'
    + `<soap:Envelope xmlns:soap="${NS.soap}" xmlns:t="${NS.t}" xmlns:m="${NS.m}">`
    + `<soap:Header><t:RequestServerVersion Version="${version}"/></soap:Header>`
    + `<soap:Body>${body}</soap:Body></soap:Envelope>`;
}

const basic = (user, password) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

/** POSTs a raw SOAP body; returns { status, text }. */
export async function post(xml, { user = USER, password = PASSWORD } = {}) {
  const res = await fetch(URL_, {
    method: 'POST',
    headers: { 'Content-Type': 'text/xml; charset=utf-8', Authorization: basic(user, password) },
    body: xml,
  });
  return { status: res.status, text: await res.text() };
}

export function parseXml(text) {
  const errors = [];
  const doc = new DOMParser({ onError: (level, msg) => { if (level !== 'warning') errors.push(msg); } })
    .parseFromString(text, 'text/xml');
  if (errors.length) throw new Error(`not XML: ${errors[0]}\n${text.slice(0, 500)}`);
  return doc;
}

/** Element children of `el` (optionally with this local name). */
export const kids = (el, local) => Array.from(el.childNodes).filter((n) => n.nodeType === 1 && (!local || n.localName === local));
export const kid = (el, local) => kids(el, local)[0];
export const all = (el, local) => Array.from(el.getElementsByTagNameNS('*', local));

/**
 * Sends `operation`'s body and checks every response message is Success
 * (unless `allowErrors`). Returns { doc, messages, text }.
 */
export async function ews(body, { allowErrors = false } = {}) {
  const { status, text } = await post(envelope(body));
  if (status !== 200) throw new Error(`HTTP ${status}: ${text.slice(0, 800)}`);
  const doc = parseXml(text);
  const messages = all(doc, 'ResponseMessages').flatMap((rm) => kids(rm));
  if (!messages.length) throw new Error(`no response messages: ${text.slice(0, 800)}`);
  if (!allowErrors) {
    for (const m of messages) {
      if (m.getAttribute('ResponseClass') !== 'Success') {
        throw new Error(`${m.localName}: ${m.getAttribute('ResponseClass')} ${kid(m, 'ResponseCode')?.textContent} ${kid(m, 'MessageText')?.textContent ?? ''}`);
      }
    }
  }
  return { doc, messages, text };
}

export const folderXml = (folder) => (/^[a-z]+$/.test(folder)
  ? `<t:DistinguishedFolderId Id="${folder}"/>` : `<t:FolderId Id="${xmlEscape(folder)}"/>`);

/** Every item id (and change key) in a folder, by FindItem (Shallow, IdOnly, paged). */
export async function findItemIds(folder) {
  const out = [];
  for (let offset = 0; ;) {
    const { messages } = await ews(`<m:FindItem Traversal="Shallow"><m:ItemShape><t:BaseShape>IdOnly</t:BaseShape></m:ItemShape>`
      + `<m:IndexedPageItemView MaxEntriesReturned="200" Offset="${offset}" BasePoint="Beginning"/>`
      + `<m:ParentFolderIds>${folderXml(folder)}</m:ParentFolderIds></m:FindItem>`);
    const root = kid(messages[0], 'RootFolder');
    const ids = all(root, 'ItemId').map((e) => ({ id: e.getAttribute('Id'), changeKey: e.getAttribute('ChangeKey') }));
    out.push(...ids);
    if (root.getAttribute('IncludesLastItemInRange') === 'true' || ids.length === 0) break;
    offset += ids.length;
  }
  return out;
}

/** An ItemShape element: a base shape and optional property paths (FieldURI values). */
export const shapeXml = (baseShape, fieldUris = []) => `<m:ItemShape><t:BaseShape>${baseShape}</t:BaseShape>`
  + (fieldUris.length ? `<t:AdditionalProperties>${fieldUris.map((f) => `<t:FieldURI FieldURI="${f}"/>`).join('')}</t:AdditionalProperties>` : '')
  + '</m:ItemShape>';

/** GetItem of `ids` with a base shape (and additional FieldURIs): Map id → the item element. */
export async function getItems(ids, baseShape = 'Default', fieldUris = []) {
  const map = new Map();
  for (let i = 0; i < ids.length; i += 50) {
    const chunk = ids.slice(i, i + 50);
    const { messages } = await ews(`<m:GetItem>${shapeXml(baseShape, fieldUris)}<m:ItemIds>`
      + chunk.map((id) => `<t:ItemId Id="${xmlEscape(id)}"/>`).join('') + '</m:ItemIds></m:GetItem>');
    for (const m of messages) {
      for (const item of kids(kid(m, 'Items'))) map.set(kid(item, 'ItemId').getAttribute('Id'), item);
    }
  }
  return map;
}

/** What the server holds in `folder` with `baseShape` (+ FieldURIs): Map id → item element. */
export async function serverItems(folder, baseShape = 'Default', fieldUris = []) {
  return getItems((await findItemIds(folder)).map((x) => x.id), baseShape, fieldUris);
}

/** The id of a distinguished folder. */
export async function folderId(name) {
  const { messages } = await ews(`<m:GetFolder><m:FolderShape><t:BaseShape>IdOnly</t:BaseShape></m:FolderShape>`
    + `<m:FolderIds><t:DistinguishedFolderId Id="${name}"/></m:FolderIds></m:GetFolder>`);
  return all(messages[0], 'FolderId')[0].getAttribute('Id');
}

/** CreateItem in `folder`; `itemsXml` are t:Message / t:CalendarItem / t:Contact / t:Task elements. Returns the new ids. */
export async function createItems(folder, itemsXml) {
  const { messages } = await ews(`<m:CreateItem MessageDisposition="SaveOnly" SendMeetingInvitations="SendToNone">`
    + `<m:SavedItemFolderId>${folderXml(folder)}</m:SavedItemFolderId><m:Items>${itemsXml.join('')}</m:Items></m:CreateItem>`);
  return messages.flatMap((m) => all(m, 'ItemId').map((e) => e.getAttribute('Id')));
}

/**
 * UpdateItem: `changes` is a list of [fieldURI, itemTag, valueXml] set on the
 * item (SetItemField, AlwaysOverwrite).
 */
export async function updateItem(id, changes) {
  const sets = changes.map(([uri, tag, valueXml]) => `<t:SetItemField><t:FieldURI FieldURI="${uri}"/><t:${tag}>${valueXml}</t:${tag}></t:SetItemField>`).join('');
  await ews(`<m:UpdateItem MessageDisposition="SaveOnly" ConflictResolution="AlwaysOverwrite" SendMeetingInvitationsOrCancellations="SendToNone">`
    + `<m:ItemChanges><t:ItemChange><t:ItemId Id="${xmlEscape(id)}"/><t:Updates>${sets}</t:Updates></t:ItemChange></m:ItemChanges></m:UpdateItem>`);
}

/** DeleteItem, HardDelete. */
export async function deleteItems(ids) {
  if (!ids.length) return;
  await ews(`<m:DeleteItem DeleteType="HardDelete" SendMeetingCancellations="SendToNone" AffectedTaskOccurrences="AllOccurrences"><m:ItemIds>`
    + ids.map((id) => `<t:ItemId Id="${xmlEscape(id)}"/>`).join('') + '</m:ItemIds></m:DeleteItem>');
}

/**
 * New mail in the inbox through gromox's own tools (as its README says):
 * gromox-eml2mt FILE.eml... | gromox-import -u USER -B INBOX.
 * `messages`: [{ subject, from, body, date }].
 */
export function importMail(messages) {
  const dir = mkdtempSync(join(tmpdir(), 'ews-gromox-mail-'));
  try {
    const files = messages.map((m, i) => {
      const file = join(dir, `m${i}.eml`);
      const subject = /^[\x20-\x7e]*$/.test(m.subject) ? m.subject : `=?UTF-8?B?${Buffer.from(m.subject).toString('base64')}?=`;
      writeFileSync(file, [
        `From: ${m.from ?? 'Import Bot <import@example.test>'}`,
        'To: Test User <test@example.test>',
        `Subject: ${subject}`,
        `Date: ${(m.date ?? new Date()).toUTCString().replace('GMT', '+0000')}`,
        `Message-ID: <${m.messageId ?? `ews-wasm-${Date.now()}-${i}@example.test`}>`,
        'MIME-Version: 1.0',
        'Content-Type: text/plain; charset=utf-8',
        'Content-Transfer-Encoding: 8bit',
        '',
        m.body ?? 'A message put in by the gromox test layer.',
        '',
      ].join('\r\n'));
      return file;
    });
    execFileSync('bash', ['-c', 'set -o pipefail; gromox-eml2mt "$@" | gromox-import -u "$EWS_GROMOX_USER" -B INBOX', 'import', ...files],
      { stdio: ['ignore', 'pipe', 'pipe'], timeout: 60_000 });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Deletes what an interrupted earlier run left behind: items whose Subject
 * (contacts: FileAs) starts with "ews-wasm " in the folders the tests write
 * to. Returns how many.
 */
export async function deleteLeftovers() {
  let n = 0;
  for (const [folder, field] of [['inbox', 'item:Subject'], ['calendar', 'item:Subject'], ['tasks', 'item:Subject'], ['contacts', 'contacts:FileAs']]) {
    const { messages } = await ews(`<m:FindItem Traversal="Shallow">${shapeXml('IdOnly', [field])}`
      + `<m:ParentFolderIds>${folderXml(folder)}</m:ParentFolderIds></m:FindItem>`);
    const local = field.split(':')[1];
    const ids = kids(kid(kid(messages[0], 'RootFolder'), 'Items'))
      .filter((item) => (kid(item, local)?.textContent ?? '').startsWith('ews-wasm '))
      .map((item) => kid(item, 'ItemId').getAttribute('Id'));
    await deleteItems(ids);
    n += ids.length;
  }
  return n;
}
