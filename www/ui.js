// The demo UI: connection panel, mock mailbox controls, the four operation
// panels (as tabs), and the network log.
import { h, icon, clear, fmtBytes, fmtMs, shortId } from './dom.js';
import { textField, numberField, selectField, fieldUriDatalist, compact } from './forms.js';
import { jsLiteral } from './codeview.js';
import { createClient, onExchange, exchanges } from './send.js';
import { conversationPanel } from './panel-conversation.js';
import { imListPanel, imItemsPanel } from './panel-im.js';
import { syncPanel } from './panel-sync.js';

const VERSIONS = ['Exchange2007', 'Exchange2007_SP1', 'Exchange2009', 'Exchange2010', 'Exchange2010_SP1', 'Exchange2010_SP2',
  'Exchange2012', 'Exchange2013', 'Exchange2013_SP1', 'Exchange2015', 'Exchange2016', 'V2015_10_05', 'V2016_01_06',
  'V2016_04_13', 'V2016_07_13', 'V2016_10_10', 'V2017_01_07', 'V2017_04_14', 'V2017_07_11', 'V2017_10_09', 'V2018_01_08'];

export async function startUi() {
  // ---------------------------------------------------------------- connection
  // Credentials live only in these closures and inputs: never in storage, never logged.
  const conn = {
    mode: 'mock',
    url: textField('EWS URL', { value: '', placeholder: 'https://outlook.office365.com/EWS/Exchange.asmx', cls: 'field-wide', type: 'url' }),
    authKind: selectField('Authentication', { options: [['none', 'None (cookies / integrated)'], ['bearer', 'Bearer token (OAuth)'], ['basic', 'Basic (username + password)']], value: 'bearer', cls: 'field-wide' }),
    token: textField('Bearer token', { type: 'password', placeholder: 'eyJ0eXAiOi…', cls: 'field-wide', autocomplete: 'off' }),
    username: textField('Username', { placeholder: 'alexw@contoso.com', autocomplete: 'off' }),
    password: textField('Password', { type: 'password', autocomplete: 'off' }),
    version: selectField('RequestServerVersion', { key: 'requestServerVersion', path: 'header.requestServerVersion', options: VERSIONS, value: 'Exchange2013' }),
    culture: textField('MailboxCulture', { key: 'mailboxCulture', path: 'header.mailboxCulture', placeholder: 'e.g. en-US' }),
    impKind: selectField('Impersonation', { key: 'impersonation', options: [['primarySmtpAddress', 'primarySmtpAddress'], ['smtpAddress', 'smtpAddress'], ['principalName', 'principalName'], ['sid', 'sid']], omit: '(none)' }),
    impValue: textField('Impersonated account', { placeholder: 'megan@contoso.com', path: 'header.impersonation' }),
    tz: textField('TimeZoneContext id', { key: 'timeZoneContext.id', path: 'header.timeZoneContext.id', placeholder: 'e.g. UTC, W. Europe Standard Time' }),
    anchor: textField('X-AnchorMailbox header', { key: 'headers', placeholder: 'a@b.c (recommended with impersonation)' }),
    timeout: numberField('Timeout (ms)', { key: 'timeoutMs', value: 30000, min: 1 }),
    retries: numberField('Max retries', { key: 'retry.maxRetries', value: 5, min: 0 }),
    maxDelay: numberField('Max retry delay (ms)', { key: 'retry.maxDelayMs', value: 5000, min: 0 }),
  };
  const modeMock = h('button', { type: 'button', class: 'seg-btn', 'aria-pressed': 'true', dataset: { mode: 'mock' }, onclick: () => setMode('mock') }, icon('server'), 'Mock mailbox');
  const modeRemote = h('button', { type: 'button', class: 'seg-btn', 'aria-pressed': 'false', dataset: { mode: 'remote' }, onclick: () => setMode('remote') }, icon('globe'), 'Real server');
  const mockInfo = h('p', { class: 'conn-info' }, icon('check'), h('span', {},
    'Offline, nothing to configure: a seeded mock of Exchange Online (the mailbox of Alex Wilber, alexw@contoso.com) answers at ',
    h('code', {}, '/EWS/Exchange.asmx'), ' on this demo server.'));
  const remoteBox = h('div', { class: 'remote', hidden: true },
    h('div', { class: 'row-grid' }, conn.url.el, conn.authKind.el, conn.token.el, conn.username.el, conn.password.el),
    h('p', { class: 'conn-info' }, icon('lock'), h('span', {},
      'Requests go through this demo server\'s ', h('code', {}, '/proxy'),
      ' (Exchange sends no CORS headers, so a page cannot call it directly). Credentials stay in this tab\'s memory: never stored, never logged.')));
  const advanced = h('details', { class: 'more' }, h('summary', {}, 'SOAP header and client options'),
    h('div', { class: 'row-grid' }, conn.version.el, conn.culture.el, conn.impKind.el, conn.impValue.el, conn.tz.el, conn.anchor.el, conn.timeout.el, conn.retries.el, conn.maxDelay.el),
    h('p', { class: 'muted small' }, 'The header goes into every request (see the previews); the rest configures the client.'));
  const sender = h('p', { class: 'muted small sender', dataset: { sender: 'EwsClient' } }, icon('send'), h('span', {}, ['Sending with ', h('code', {}, 'EwsClient'), ' from ews-wasm.']));
  const connCard = document.getElementById('connection');
  connCard.append(
    h('div', { class: 'card-head' }, h('h2', { class: 'card-title', id: 'connection-title' }, icon('server'), 'Connection'),
      h('div', { class: 'seg seg-mode', role: 'group', 'aria-label': 'Server' }, modeMock, modeRemote)),
    mockInfo,
    h('form', { class: 'conn-form', autocomplete: 'off', onsubmit: (ev) => ev.preventDefault() }, remoteBox, advanced),
    sender);
  const showAuth = () => {
    const k = conn.authKind.input.value;
    conn.token.el.hidden = k !== 'bearer';
    conn.username.el.hidden = conn.password.el.hidden = k !== 'basic';
  };
  conn.authKind.input.addEventListener('change', showAuth);
  showAuth();

  let client = null;
  const connStatus = document.getElementById('conn-status');
  function connectionChanged() {
    client = null;
    const remote = conn.mode === 'remote';
    connStatus.textContent = remote ? `real server · ${conn.url.get() ? new URL(conn.url.get(), location.href).host : 'no URL yet'}` : 'mock mailbox · offline';
    connStatus.className = `pill ${remote ? 'pill-remote' : 'pill-mock'}`;
    document.body.dataset.mode = conn.mode;
    for (const p of panels) p.refresh();
  }
  connCard.addEventListener('input', () => connectionChanged());
  connCard.addEventListener('change', () => connectionChanged());

  function setMode(mode) {
    conn.mode = mode;
    modeMock.setAttribute('aria-pressed', String(mode === 'mock'));
    modeRemote.setAttribute('aria-pressed', String(mode === 'remote'));
    mockInfo.hidden = mode !== 'mock';
    remoteBox.hidden = mode !== 'remote';
    mockCard.classList.toggle('disabled', mode !== 'mock');
    connectionChanged();
  }

  function header() {
    const impKind = conn.impKind.get();
    const imp = impKind ? { [impKind]: conn.impValue.input.value } : undefined;
    const tz = conn.tz.get();
    return compact({
      requestServerVersion: conn.version.get(),
      mailboxCulture: conn.culture.get(),
      impersonation: imp,
      timeZoneContext: tz ? { id: tz } : undefined,
    });
  }

  function clientConfig({ forSnippet = false } = {}) {
    const headers = {};
    const anchor = conn.anchor.get();
    if (anchor) headers['X-AnchorMailbox'] = anchor;
    const retry = compact({ maxRetries: conn.retries.get(), maxDelayMs: conn.maxDelay.get() });
    const base = { timeoutMs: conn.timeout.get(), retry };
    if (conn.mode === 'mock') {
      return compact({ url: `${location.origin}/EWS/Exchange.asmx`, headers: Object.keys(headers).length ? headers : undefined, ...base });
    }
    const kind = conn.authKind.input.value;
    const secret = (v) => (forSnippet ? (v ? '…' : '') : v ?? '');
    const auth = kind === 'bearer' ? { bearer: secret(conn.token.get()) }
      : kind === 'basic' ? { basic: { username: conn.username.get() ?? '', password: secret(conn.password.get()) } } : undefined;
    if (forSnippet) {
      return compact({ url: conn.url.get() ?? 'https://…/EWS/Exchange.asmx', auth, headers: Object.keys(headers).length ? headers : undefined, ...base });
    }
    return compact({ url: `${location.origin}/proxy`, auth, headers: { ...headers, 'X-Ews-Target': conn.url.get() ?? '' }, ...base });
  }

  // ---------------------------------------------------------------- mock admin
  async function admin(method, path, body) {
    const res = await fetch(`/mock-admin/${path}`, {
      method, headers: body ? { 'Content-Type': 'application/json' } : undefined, body: body ? JSON.stringify(body) : undefined,
    });
    const json = await res.json();
    if (!res.ok) throw new Error(json.error ?? `HTTP ${res.status}`);
    return json;
  }

  const toastBox = h('div', { class: 'toasts', 'aria-live': 'polite' });
  document.body.append(toastBox, fieldUriDatalist());
  function toast(text, kind = 'info') {
    const t = h('div', { class: `toast toast-${kind}` }, icon(kind === 'error' ? 'error' : 'check'), text);
    toastBox.append(t);
    setTimeout(() => t.remove(), 3500);
  }

  const mockCard = document.getElementById('mock-controls');
  const mockStatus = h('div', { class: 'mock-status', role: 'status' });
  const faultPill = h('span', { class: 'pill', dataset: { faults: 'off' } }, 'throttling off');
  let throttled = false;
  const mockAction = (ic, label, title, fn, action) => h('button', {
    type: 'button', class: 'btn-tile', title, dataset: { mock: action },
    async onclick(ev) {
      const b = ev.currentTarget;
      b.disabled = true;
      try {
        const msg = await fn();
        if (msg) toast(msg);
      } catch (e) {
        toast(`Mock admin: ${e.message}`, 'error');
      } finally {
        b.disabled = false;
        refreshMockStatus();
      }
    },
  }, icon(ic), h('span', {}, label));
  const throttleBtn = mockAction('zap', 'Throttle server', 'Half of the EWS requests get 503 (Retry-After) or ErrorServerBusy (BackOffMilliseconds): watch the client retry', async () => {
    if (throttled) {
      await admin('DELETE', 'faults');
      return 'Throttling off';
    }
    await admin('POST', 'faults', { rate: 0.5, kinds: ['503', 'busy'], retryAfterSeconds: 1, backOffMilliseconds: 800 });
    return 'Throttling on: about half of the requests now fail with 503 or ErrorServerBusy';
  }, 'throttle');
  mockCard.append(
    h('div', { class: 'card-head' }, h('h2', { class: 'card-title', id: 'mock-title' }, icon('mail'), 'Mock mailbox'), faultPill),
    h('p', { class: 'muted' }, 'Change the mailbox the way users and servers do, then sync again: only the changes come back.'),
    h('div', { class: 'tiles' },
      mockAction('mail', 'New mail', 'Three new messages arrive in the inbox', async () => {
        const r = await admin('POST', 'items', { folder: 'inbox', count: 3 });
        return `${r.created.length} new messages arrived in the inbox`;
      }, 'new-mail'),
      mockAction('read', 'Read / unread', 'Flip the read flag of three inbox items', async () => {
        const r = await admin('POST', 'mutate', { folder: 'inbox', reads: 3 });
        return `${r.read.length} read flags changed`;
      }, 'mark-read'),
      mockAction('update', 'Edit items', 'Change two inbox items (new ChangeKey)', async () => {
        const r = await admin('POST', 'mutate', { folder: 'inbox', updates: 2 });
        return `${r.updated.length} items edited`;
      }, 'edit'),
      mockAction('delete', 'Delete items', 'Delete two inbox items', async () => {
        const r = await admin('POST', 'mutate', { folder: 'inbox', deletes: 2 });
        return `${r.deleted.length} items deleted`;
      }, 'delete'),
      mockAction('layers', 'Busy morning', '12 new, 5 edited, 4 deleted, 6 read-flag changes', async () => {
        await admin('POST', 'mutate', { folder: 'inbox', creates: 12, updates: 5, deletes: 4, reads: 6 });
        return 'A busy morning: 27 changes in the inbox';
      }, 'busy'),
      throttleBtn,
      mockAction('reset', 'Reset mailbox', 'Rebuild the mailbox from its seed: every SyncState becomes invalid', async () => {
        await admin('POST', 'reset', {});
        await loadMockData();
        return 'Mailbox reset: old SyncStates are now invalid';
      }, 'reset')),
    mockStatus,
    h('p', { class: 'muted small remote-note' }, 'These buttons drive the built-in mock only.'));

  async function refreshMockStatus() {
    try {
      const st = await admin('GET', 'state');
      const inbox = st.folders.find((f) => f.name === 'inbox');
      throttled = !!st.faults;
      faultPill.textContent = throttled ? `throttling on · ${Math.round(st.faults.rate * 100)}%` : 'throttling off';
      faultPill.className = `pill ${throttled ? 'pill-warn' : ''}`;
      faultPill.dataset.faults = throttled ? 'on' : 'off';
      throttleBtn.querySelector('span').textContent = throttled ? 'Stop throttling' : 'Throttle server';
      throttleBtn.classList.toggle('active', throttled);
      mockStatus.replaceChildren(
        h('span', {}, icon('folder'), ` inbox: ${inbox?.count ?? '?'} items`),
        h('span', {}, icon('activity'), ` ${st.requestsLogged} EWS requests served`),
        h('span', {}, icon('users'), ` ${st.personas} personas, ${st.imGroups} IM groups`));
    } catch { /* the mock is part of this server: nothing to show if it is gone */ }
  }

  // ---------------------------------------------------------------- panels
  const app = {
    header: () => {
      const hd = header();
      return Object.keys(hd).length ? hd : undefined;
    },
    client: () => (client ??= createClient(clientConfig())),
    isMock: () => conn.mode === 'mock',
    admin,
    toast,
    connectionSnippet: () => jsLiteral(clientConfig({ forSnippet: true })),
  };
  const sync = syncPanel(app);
  const conversation = conversationPanel(app);
  const imList = imListPanel(app);
  const imItems = imItemsPanel(app);
  const panels = [sync, conversation, imList, imItems];
  const TABS = [
    [sync, 'SyncFolderItems', 'change log, paging, local copy', 'sync'],
    [conversation, 'GetConversationItems', 'reply tree', 'reply'],
    [imList, 'GetImItemList', 'IM groups & personas', 'users'],
    [imItems, 'GetImItems', 'chosen contacts & groups', 'user'],
  ];
  const tabs = document.getElementById('tabs');
  const panelBox = document.getElementById('panels');
  const tabButtons = TABS.map(([p, name, sub, ic]) => {
    const b = h('button', {
      type: 'button', role: 'tab', id: `tab-${p.spec.id}`, class: 'tab', 'aria-controls': `panel-${p.spec.id}`, dataset: { tab: p.spec.id },
      onclick: () => selectTab(p.spec.id, true),
    }, icon(ic), h('span', { class: 'tab-text' }, h('span', { class: 'tab-name' }, name), h('span', { class: 'tab-sub' }, sub)));
    tabs.append(b);
    panelBox.append(p.el);
    return b;
  });
  function selectTab(id, push) {
    for (const [i, [p]] of TABS.entries()) {
      const on = p.spec.id === id;
      p.el.hidden = !on;
      tabButtons[i].setAttribute('aria-selected', String(on));
      tabButtons[i].tabIndex = on ? 0 : -1;
    }
    if (push && location.hash !== `#${id}`) history.replaceState(null, '', `#${id}`);
  }
  tabs.addEventListener('keydown', (ev) => {
    const i = tabButtons.indexOf(document.activeElement);
    if (i < 0 || (ev.key !== 'ArrowRight' && ev.key !== 'ArrowLeft')) return;
    const j = (i + (ev.key === 'ArrowRight' ? 1 : tabButtons.length - 1)) % tabButtons.length;
    tabButtons[j].focus();
    tabButtons[j].click();
  });
  const fromHash = () => {
    const id = location.hash.slice(1);
    selectTab(TABS.some(([p]) => p.spec.id === id) ? id : 'sync', false);
  };
  window.addEventListener('hashchange', fromHash);
  fromHash();

  async function loadMockData() {
    try {
      const [convs, im] = await Promise.all([admin('GET', 'conversations'), admin('GET', 'im')]);
      conversation.setMockData({ conversations: convs.conversations });
      imItems.setMockData({ im });
    } catch (e) {
      toast(`Could not read the mock mailbox: ${e.message}`, 'error');
    }
  }

  // ---------------------------------------------------------------- network log
  const netCard = document.getElementById('netlog');
  const netBody = h('tbody');
  const netCount = h('span', { class: 'muted' });
  netCard.append(
    h('details', { class: 'netlog-details', open: true },
      h('summary', { class: 'card-head' }, h('h2', { class: 'card-title', id: 'netlog-title' }, icon('activity'), 'Network log'), netCount,
        h('span', { class: 'muted small' }, 'every EWS request the page made: retries show up here')),
      h('div', { class: 'table-wrap' },
        h('table', { class: 'nettable' },
          h('thead', {}, h('tr', {}, ['#', 'time', 'operation', 'endpoint', 'status', 'duration', 'response'].map((t) => h('th', { scope: 'col' }, t)))),
          netBody))));
  const rowsByN = new Map();
  onExchange((x) => {
    const status = x.error ? x.error : x.status === undefined ? '…' : `${x.status}${x.statusText ? ` ${x.statusText}` : ''}`;
    const busy = x.responseText && /ErrorServerBusy/.test(x.responseText);
    const cls = x.error || (x.status ?? 0) >= 400 || busy ? 'st-bad' : x.status === undefined ? 'st-wait' : 'st-ok';
    const row = h('tr', { dataset: { n: String(x.n), status: String(x.status ?? '') } },
      h('td', {}, String(x.n)),
      h('td', {}, x.time.toLocaleTimeString('en-GB')),
      h('td', {}, x.operation),
      h('td', { class: 'mono small', title: x.target }, x.viaProxy ? `proxy → ${shortHost(x.target)}` : x.target),
      h('td', {}, h('span', { class: `st ${cls}` }, busy ? `${status} · ErrorServerBusy` : status)),
      h('td', {}, x.ms === undefined ? '' : fmtMs(x.ms)),
      h('td', {}, x.responseText === undefined ? '' : fmtBytes(x.responseText.length)));
    const old = rowsByN.get(x.n);
    if (old) old.replaceWith(row);
    else netBody.prepend(row);
    rowsByN.set(x.n, row);
    while (netBody.children.length > 100) {
      const last = netBody.lastElementChild;
      rowsByN.delete(Number(last.dataset.n));
      last.remove();
    }
    netCount.textContent = `${exchanges.length} request${exchanges.length === 1 ? '' : 's'}`;
    if (x.ms !== undefined && conn.mode === 'mock') refreshMockStatusSoon();
  });
  let statusTimer;
  function refreshMockStatusSoon() {
    clearTimeout(statusTimer);
    statusTimer = setTimeout(refreshMockStatus, 300);
  }

  connectionChanged();
  await Promise.all([loadMockData(), refreshMockStatus()]);
}

function shortHost(u) {
  try {
    return new URL(u).host;
  } catch {
    return shortId(u, 12);
  }
}
