// The task pane: the selected message's conversation as a reply tree.
//
// Exchange Server (on-premises) answers GetConversationItems through Outlook's
// own channel, Office.context.mailbox.makeEwsRequestAsync (ReadWriteMailbox
// permission, Mailbox requirement set 1.1): EwsClient builds the request,
// outlookTransport sends it, the client retries throttled calls and parses
// the answer, conversationThread lays it out.
import { init, EwsClient, EwsError, outlookTransport, conversationThread } from 'ews-wasm';
import { explain, MAX_ITEMS, FEWER_ITEMS } from './explain.js';
import { conversationRequest } from './request.js';

/** @typedef {import('ews-wasm').Conversation} Conversation */

const $ = (/** @type {string} */ id) => /** @type {HTMLElement} */ (document.getElementById(id));

/** @param {string} tag @param {Record<string, string>} [attrs] @param {(Node | string)[]} [children] */
function el(tag, attrs = {}, children = []) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  node.append(...children);
  return node;
}

function setStatus(/** @type {string} */ text) {
  $('status').textContent = text;
}

/** @type {EwsClient | undefined} */
let client;
let loading = 0;

function formatDate(/** @type {string | undefined} */ iso) {
  if (!iso) return '';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

/** Renders the reply tree; the selected message is marked. */
function renderThread(/** @type {Conversation} */ conversation, /** @type {string | undefined} */ selectedItemId, /** @type {number} */ maxItems) {
  const list = el('ol', { class: 'thread', 'aria-label': 'Conversation' });
  let count = 0;
  for (const { depth, node } of conversationThread(conversation)) {
    for (const item of node.items ?? []) {
      // an element this version of the model does not know: nothing to show
      if (item.kind === 'Unknown') continue;
      count += 1;
      const message = item.kind === 'Message' || item.kind === 'MeetingRequest' ? item : undefined;
      const from = message?.from?.mailbox?.name ?? message?.from?.mailbox?.emailAddress ?? '';
      const selected = item.itemId?.id !== undefined && item.itemId.id === selectedItemId;
      const li = el('li', {
        class: `node${selected ? ' selected' : ''}${message?.isRead === false ? ' unread' : ''}`,
        style: `--depth:${depth}`,
        'data-depth': String(depth),
        'data-item-id': item.itemId?.id ?? '',
      }, [
        el('div', { class: 'head' }, [el('span', { class: 'from' }, [from]), el('time', {}, [formatDate(item.dateTimeReceived)])]),
        el('div', { class: 'subject' }, [item.subject ?? '(no subject)']),
        el('div', { class: 'preview' }, [item.preview ?? '']),
      ]);
      if (selected) li.setAttribute('aria-current', 'true');
      list.append(li);
    }
  }
  $('thread').replaceChildren(list);
  const more = count >= maxItems ? ` (the ${maxItems} newest)` : '';
  setStatus(`${count} message${count === 1 ? '' : 's'}${more}`);
}

/** Renders an explained error with what the person can do about it. */
function renderError(/** @type {unknown} */ error, /** @type {number} */ maxItems) {
  const info = explain(error, { maxItems });
  const box = el('div', { class: `error ${info.kind}`, role: 'alert', 'data-kind': info.kind }, [
    el('h2', {}, [info.title]),
    el('p', {}, [info.text]),
  ]);
  if (info.fewer) {
    const button = el('button', { type: 'button', id: 'fewer' }, [`Load the ${FEWER_ITEMS} newest`]);
    button.addEventListener('click', () => load(FEWER_ITEMS));
    box.append(button);
  }
  if (info.kind === 'throttled' || info.kind === 'server' || info.kind === 'other') {
    const button = el('button', { type: 'button', id: 'retry' }, ['Try again']);
    button.addEventListener('click', () => load(maxItems));
    if (info.retryAfterMs !== undefined) {
      const b = /** @type {HTMLButtonElement} */ (button);
      b.disabled = true;
      setTimeout(() => { b.disabled = false; }, info.retryAfterMs);
    }
    box.append(button);
  }
  $('thread').replaceChildren(box);
  setStatus('');
}

/**
 * Outlook's own refusals (a failed AsyncResult: `ERR_NETWORK` with
 * `officeErrorCode`, e.g. over the 1 MB limit) are answers, not lost packets:
 * resending the same request gets the same answer, so the client is told not
 * to retry them (`retryable: false`). Throttling is still retried.
 * @param {import('ews-wasm').OutlookTransport} outlook
 * @returns {import('ews-wasm').Transport}
 */
function definiteOfficeFailures(outlook) {
  return (xml, context) => outlook(xml, context).catch((/** @type {unknown} */ e) => {
    if (e instanceof EwsError && e.code === 'ERR_NETWORK' && e.officeErrorCode !== undefined) e.retryable = false;
    throw e;
  });
}

/** Loads the selected message's conversation. */
async function load(maxItems = MAX_ITEMS) {
  const run = ++loading;
  const mailbox = Office.context.mailbox;
  const item = mailbox?.item;
  if (!item || !item.conversationId) {
    $('thread').replaceChildren(el('p', { class: 'hint' }, ['Select a message to see its conversation.']));
    setStatus('');
    return;
  }
  setStatus('Loading the conversation…');
  try {
    await init();
    client ??= new EwsClient({
      transport: definiteOfficeFailures(outlookTransport(mailbox)),
      retry: {
        maxRetries: 3,
        onRetry: ({ delayMs }) => setStatus(`Exchange is busy; trying again in ${Math.ceil(delayMs / 1000)} s…`),
      },
      // Outlook passes at most 1 MB; anything larger is not an answer from it.
      limits: { maxResponseBytes: 4 * 1024 * 1024 },
    });
    const response = await client.getConversationItems(conversationRequest(item.conversationId, maxItems));
    if (run !== loading) return;
    const conversation = response.responseMessages[0]?.conversation;
    if (!conversation) throw new Error('Exchange returned no conversation');
    renderThread(conversation, item.itemId, maxItems);
  } catch (error) {
    if (run !== loading) return;
    renderError(error, maxItems);
  }
}

Office.onReady((info) => {
  if (info.host !== Office.HostType.Outlook) {
    $('thread').replaceChildren(el('p', { class: 'hint' }, ['This add-in runs in Outlook.']));
    return;
  }
  if (!Office.context.requirements.isSetSupported('Mailbox', '1.1') || typeof Office.context.mailbox?.makeEwsRequestAsync !== 'function') {
    renderError({ code: 'ERR_NOT_SUPPORTED' }, MAX_ITEMS);
    return;
  }
  // A pinned task pane follows the selection (Mailbox 1.5).
  if (Office.context.requirements.isSetSupported('Mailbox', '1.5')) {
    Office.context.mailbox.addHandlerAsync(Office.EventType.ItemChanged, () => load());
  }
  load();
});
