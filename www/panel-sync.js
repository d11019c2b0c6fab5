// SyncFolderItems: one page or "sync to end" with a progress bar over pages,
// the change log (create / update / delete / read-flag), the current
// SyncState, and a local copy of the folder that the changes are applied to.
import { buildSyncFolderItemsRequest } from 'ews-wasm';
import { h, icon, clear, fmtDate, shortId, copyButton } from './dom.js';
import { textArea, numberField, selectField, listField, itemShapeFields, folderIdRow, itemIdRow, compact } from './forms.js';
import { createPanel } from './panel.js';
import { onExchange } from './send.js';

const MAX_LOG_ROWS = 400;
const MAX_LOCAL_ROWS = 400;

const KIND_INFO = {
  Create: { icon: 'create', label: 'Created', cls: 'create' },
  Update: { icon: 'update', label: 'Updated', cls: 'update' },
  Delete: { icon: 'delete', label: 'Deleted', cls: 'delete' },
  Read: { icon: 'read', label: 'Read', cls: 'read' },
  Unread: { icon: 'unread', label: 'Unread', cls: 'unread' },
  Retry: { icon: 'clock', label: 'Retry', cls: 'retry' },
};

function senderName(item) {
  const m = item.from?.mailbox ?? item.sender?.mailbox ?? item.organizer?.mailbox;
  return m?.name ?? m?.emailAddress;
}

export function syncPanel(app) {
  // ------------------------------------------------------------ form
  const folder = folderIdRow({ distinguishedFolderId: { id: 'inbox' } }, { pathPrefix: 'syncFolderId.' });
  const syncState = textArea('SyncState', { key: 'syncState', rows: 2, placeholder: 'empty: a first sync (every item comes as Create)', hint: 'Filled in after each page: the next request continues from it.' });
  const ignore = listField('Ignore', { key: 'ignore', makeRow: itemIdRow, initial: [], addLabel: 'Add item id', empty: 'No item is skipped.' });
  const maxChanges = numberField('MaxChangesReturned', { key: 'maxChangesReturned', value: 10, min: 1, max: 512, hint: '1 to 512: the page size.' });
  const scope = selectField('SyncScope', { key: 'syncScope', options: ['NormalItems', 'NormalAndAssociatedItems'], omit: '(not sent)' });
  const shape = itemShapeFields({ baseShape: 'Default' });
  const formEl = h('div', { class: 'form-body' },
    h('fieldset', { class: 'group' }, h('legend', {}, 'Folder ', h('code', {}, 'syncFolderId')), folder.el),
    syncState.el,
    h('div', { class: 'row-grid' }, maxChanges.el, scope.el),
    ignore.el,
    shape.el);

  // ------------------------------------------------------------ local state
  const local = new Map(); // itemId → { id, changeKey, kind, subject, from, date, isRead, flash }
  let log = []; // newest first: { kind, subject, id, page, detail }
  let pages = 0;
  let changes = 0;
  let retries = 0;
  let lastPage = null;
  let verify = null; // { ok, text }

  // ------------------------------------------------------------ dashboard
  const statEls = {};
  const stat = (k, label) => {
    statEls[k] = h('strong', {}, '0');
    return h('div', { class: 'stat-box', dataset: { stat: k } }, statEls[k], h('span', {}, label));
  };
  const progressBar = h('div', { class: 'progress-bar' });
  const progress = h('div', { class: 'progress', role: 'progressbar', 'aria-label': 'Sync progress', 'aria-valuemin': '0', 'aria-valuemax': '100', 'aria-valuenow': '0' }, progressBar);
  const progressLabel = h('div', { class: 'progress-label', role: 'status' }, 'Not synced yet.');
  const stateCode = h('code', { class: 'syncstate-value mono' }, '(none yet)');
  const lastBadge = h('span', { class: 'badge', hidden: true });
  const logList = h('ol', { class: 'changelog', 'aria-label': 'Change log' });
  const logMore = h('p', { class: 'muted small', hidden: true });
  const localList = h('ul', { class: 'localview', 'aria-label': 'Local copy of the folder' });
  const localTitle = h('h4', { class: 'section-title' }, 'Local copy');
  const verifyEl = h('div', { class: 'verify', hidden: true, role: 'status' });
  const dash = h('div', { class: 'sync-dash' },
    h('div', { class: 'stats' }, stat('items', 'items'), stat('unread', 'unread'), stat('pages', 'pages'), stat('changes', 'changes'), stat('retries', 'retries')),
    h('div', { class: 'progress-wrap' }, progress, progressLabel),
    h('div', { class: 'syncstate' }, h('span', { class: 'syncstate-label' }, 'SyncState'), stateCode, lastBadge, copyButton(() => syncState.input.value, 'Copy SyncState')),
    h('div', { class: 'sync-cols' },
      h('section', { class: 'sync-col' },
        h('h4', { class: 'section-title' }, 'Change log ', h('span', { class: 'legend' },
          ['Create', 'Update', 'Delete', 'Read'].map((k) => h('span', { class: `legend-item chg-${KIND_INFO[k].cls}` }, icon(KIND_INFO[k].icon), k === 'Read' ? 'read flag' : k.toLowerCase())))),
        logList, logMore,
        h('p', { class: 'placeholder log-empty' }, 'No changes yet.')),
      h('section', { class: 'sync-col' }, localTitle, verifyEl, localList,
        h('p', { class: 'placeholder local-empty' }, 'Empty: press Send for one page, or Sync to end.'))));

  function setProgress(pct, label, { indeterminate = false } = {}) {
    progress.classList.toggle('indeterminate', indeterminate);
    const p = Math.max(0, Math.min(100, Math.round(pct)));
    progressBar.style.setProperty('width', indeterminate ? '30%' : `${p}%`);
    progress.setAttribute('aria-valuenow', indeterminate ? '' : String(p));
    progress.dataset.value = String(p);
    progressLabel.textContent = label;
  }

  function renderStats() {
    let unread = 0;
    for (const v of local.values()) if (v.isRead === false) unread++;
    statEls.items.textContent = String(local.size);
    statEls.unread.textContent = String(unread);
    statEls.pages.textContent = String(pages);
    statEls.changes.textContent = String(changes);
    statEls.retries.textContent = String(retries);
    const st = syncState.input.value.trim();
    stateCode.textContent = st ? st : '(none yet)';
    stateCode.title = st;
    if (lastPage) {
      lastBadge.hidden = false;
      lastBadge.className = `badge ${lastPage.includesLastItemInRange ? 'badge-ok' : 'badge-warn'}`;
      lastBadge.textContent = lastPage.includesLastItemInRange ? 'includesLastItemInRange: true' : 'more changes waiting';
    } else {
      lastBadge.hidden = true;
    }
    const f = folder.get();
    localTitle.textContent = `Local copy of ${f.distinguishedFolderId?.id ?? shortId(f.folderId?.id)}`;
  }

  function renderLog() {
    const rows = log.slice(0, MAX_LOG_ROWS).map((e) => {
      const info = KIND_INFO[e.kind];
      return h('li', { class: `chg chg-${info.cls}`, dataset: { kind: e.kind, id: e.id ?? '' } },
        h('span', { class: 'chg-icon', title: info.label }, icon(info.icon)),
        h('span', { class: 'chg-kind' }, info.label),
        h('span', { class: 'chg-subject' }, e.subject ?? (e.id ? shortId(e.id) : ''), e.detail ? h('span', { class: 'muted' }, ` ${e.detail}`) : null),
        h('span', { class: 'chg-page', title: `page ${e.page}` }, `p${e.page}`));
    });
    logList.replaceChildren(...rows);
    logMore.hidden = log.length <= MAX_LOG_ROWS;
    logMore.textContent = `… and ${log.length - MAX_LOG_ROWS} earlier entries`;
    dash.querySelector('.log-empty').hidden = log.length > 0;
  }

  function renderLocal() {
    const items = [...local.values()].sort((a, b) => (b.date ?? '').localeCompare(a.date ?? '') || b.seq - a.seq);
    localList.replaceChildren(...items.slice(0, MAX_LOCAL_ROWS).map((v) => {
      const li = h('li', { class: ['local-item', v.isRead === false ? 'is-unread' : null, v.flash ? `flash-${v.flash.toLowerCase()}` : null], dataset: { id: v.id } },
        h('span', { class: 'read-dot', title: v.isRead === false ? 'unread' : v.isRead ? 'read' : 'read state not in the shape' }),
        h('div', { class: 'local-main' },
          h('div', { class: 'local-top' }, h('span', { class: 'local-from' }, v.from ?? (v.kind && v.kind !== 'Message' ? v.kind : '')),
            h('time', { class: 'local-date', datetime: v.date ?? '' }, fmtDate(v.date))),
          h('div', { class: 'local-subject' }, v.subject ?? `${v.kind ?? 'Item'} ${shortId(v.id)}`)));
      return li;
    }));
    if (local.size > MAX_LOCAL_ROWS) localList.append(h('li', { class: 'muted small' }, `… and ${local.size - MAX_LOCAL_ROWS} more`));
    dash.querySelector('.local-empty').hidden = local.size > 0;
  }

  function renderAll() {
    renderStats();
    renderLog();
    renderLocal();
  }

  /** Applies one page of changes to the local copy and the log. */
  function apply(page) {
    pages++;
    lastPage = page;
    for (const v of local.values()) v.flash = null;
    const entries = [];
    for (const c of page.changes ?? []) {
      changes++;
      if (c.kind === 'Create' || c.kind === 'Update') {
        const it = c.item ?? {};
        const id = it.itemId?.id;
        const prev = local.get(id);
        const v = {
          id,
          changeKey: it.itemId?.changeKey ?? prev?.changeKey,
          kind: it.kind ?? prev?.kind,
          subject: it.subject ?? prev?.subject,
          from: senderName(it) ?? prev?.from,
          date: it.dateTimeReceived ?? it.dateTimeCreated ?? prev?.date,
          isRead: it.isRead ?? prev?.isRead,
          seq: prev?.seq ?? changes,
          flash: c.kind,
        };
        local.set(id, v);
        entries.push({ kind: c.kind, subject: v.subject, id, page: pages });
      } else if (c.kind === 'Delete') {
        const id = c.itemId?.id;
        const prev = local.get(id);
        local.delete(id);
        entries.push({ kind: 'Delete', subject: prev?.subject, id, page: pages, detail: prev ? '' : '(not in the local copy)' });
      } else if (c.kind === 'ReadFlagChange') {
        const id = c.itemId?.id;
        const prev = local.get(id);
        if (prev) {
          prev.isRead = c.isRead;
          prev.flash = 'Read';
        }
        entries.push({ kind: c.isRead ? 'Read' : 'Unread', subject: prev?.subject, id, page: pages });
      }
    }
    log = [...entries.reverse(), ...log];
    if (page.syncState !== undefined && page.syncState !== '') syncState.set(page.syncState);
    verify = null;
    verifyEl.hidden = true;
    renderAll();
    syncState.input.dispatchEvent(new Event('input', { bubbles: true }));
  }

  function startOver({ clearState = true } = {}) {
    local.clear();
    log = [];
    pages = changes = retries = 0;
    lastPage = null;
    verifyEl.hidden = true;
    if (clearState) syncState.set('');
    setProgress(0, 'Not synced yet.');
    renderAll();
    panel.refresh();
  }

  /** Mock mode: compares the local copy with the server's folder (admin API). */
  async function verifyWithServer() {
    if (!app.isMock()) return;
    const f = folder.get();
    const name = f.distinguishedFolderId?.id ?? f.folderId?.id;
    if (!name || f.distinguishedFolderId?.mailbox) return;
    const scopeQ = scope.get() === 'NormalAndAssociatedItems' ? '?scope=NormalAndAssociatedItems' : '';
    let server;
    try {
      server = await app.admin('GET', `folder/${encodeURIComponent(name)}/items${scopeQ}`);
    } catch {
      return;
    }
    const ignored = new Set((ignore.get() ?? []).map((x) => x.id));
    const want = server.items.filter((x) => !ignored.has(x.id));
    const missing = want.filter((x) => !local.has(x.id));
    const stale = want.filter((x) => local.has(x.id) && (local.get(x.id).changeKey !== undefined && local.get(x.id).changeKey !== x.changeKey
      || (local.get(x.id).isRead !== undefined && local.get(x.id).isRead !== x.isRead)));
    const ids = new Set(want.map((x) => x.id));
    const extra = [...local.keys()].filter((id) => !ids.has(id));
    const ok = !missing.length && !stale.length && !extra.length;
    verify = { ok };
    verifyEl.hidden = false;
    verifyEl.className = `verify ${ok ? 'verify-ok' : 'verify-bad'}`;
    verifyEl.dataset.ok = String(ok);
    verifyEl.replaceChildren(icon(ok ? 'check' : 'warning'),
      ok ? `Matches the server: ${want.length} items, same ids, ChangeKeys and read flags.`
        : `Differs from the server: ${missing.length} missing, ${extra.length} extra, ${stale.length} out of date${lastPage?.includesLastItemInRange ? '' : ' (more pages are waiting)'}.`);
  }

  // ------------------------------------------------------------ panel
  const syncToEnd = h('button', { type: 'button', class: 'btn btn-secondary', dataset: { action: 'sync-to-end' } }, icon('sync'), 'Sync to end');
  const startOverBtn = h('button', { type: 'button', class: 'btn btn-ghost btn-icon', dataset: { action: 'start-over' }, title: 'Start over: forget the SyncState and the local copy', 'aria-label': 'Start over' }, icon('reset'));

  const panel = createPanel(app, {
    id: 'sync',
    title: 'SyncFolderItems',
    summary: 'Synchronises the items of a folder: the first call (no SyncState) returns every item as Create; each later call returns only what changed since the SyncState it is given.',
    docs: 'https://learn.microsoft.com/en-us/exchange/client-developer/web-service-reference/syncfolderitems-operation',
    builderName: 'buildSyncFolderItemsRequest',
    clientMethod: 'syncFolderItems',
    sendLabel: 'Send page',
    snippet: (o) => [
      `const page = await client.syncFolderItems(${o});   // one page`,
      `for await (const page of client.syncFolderItemsPages(${o}, { signal, onProgress })) {`,
      '  for (const change of page.changes) apply(change); // Create | Update | Delete | ReadFlagChange',
      '  save(page.syncState);',
      '}',
    ].join('\n'),
    form: {
      el: formEl,
      collect: () => compact({
        itemShape: shape.get(),
        syncFolderId: folder.get(),
        syncState: syncState.get(),
        ignore: ignore.get(),
        maxChangesReturned: maxChanges.get() ?? '',
        syncScope: scope.get(),
      }),
    },
    build: buildSyncFolderItemsRequest,
    async send(ctx) {
      setProgress(0, 'Fetching one page…', { indeterminate: true });
      const page = await watchRetries(() => ctx.client.syncFolderItems(ctx.opts, { signal: ctx.signal }));
      apply(page);
      setProgress(page.includesLastItemInRange ? 100 : 50,
        `${page.changes?.length ?? 0} change${page.changes?.length === 1 ? '' : 's'} in this page; ${page.includesLastItemInRange ? 'up to date.' : 'more are waiting: send again, or Sync to end.'}`);
      if (page.includesLastItemInRange) await verifyWithServer();
      return page;
    },
    resultTitle: () => 'Sync',
    render: () => dash,
    errorExtra: () => dash,
    actions: [syncToEnd, startOverBtn],
  });

  /** Counts the retried requests (HTTP errors and busy answers) while `work` runs, into the log. */
  async function watchRetries(work) {
    const off = onExchange((x, phase) => {
      if (phase !== 'end' || x.operation !== 'SyncFolderItems') return;
      const busy = x.responseText && /ErrorServerBusy/.test(x.responseText);
      if ((x.status !== undefined && x.status >= 400) || busy || x.error) {
        retries++;
        const what = busy ? 'server busy (ErrorServerBusy)' : x.status ? `HTTP ${x.status}${x.statusText ? ` ${x.statusText}` : ''}` : x.error;
        log = [{ kind: 'Retry', subject: `${what}: the client backs off and retries`, page: pages + 1 }, ...log];
        renderStats();
        renderLog();
      }
    });
    try {
      return await work();
    } finally {
      off();
    }
  }

  syncToEnd.addEventListener('click', () => {
    panel.run(async (ctx) => {
      let estimate = null;
      if (app.isMock() && !ctx.opts.syncState && ctx.opts.syncFolderId?.distinguishedFolderId && !ctx.opts.syncFolderId.distinguishedFolderId.mailbox) {
        try {
          const folders = await app.admin('GET', 'folders');
          const f = folders.find((x) => x.name === ctx.opts.syncFolderId.distinguishedFolderId.id);
          if (f) {
            const total = f.count + (ctx.opts.syncScope === 'NormalAndAssociatedItems' ? f.associatedCount : 0);
            const per = typeof ctx.opts.maxChangesReturned === 'number' ? ctx.opts.maxChangesReturned : 512;
            estimate = Math.max(1, Math.ceil(total / per));
          }
        } catch { /* no estimate */ }
      }
      const startPages = pages;
      const startChanges = changes;
      const startRetries = retries;
      setProgress(0, 'Starting…', { indeterminate: estimate === null });
      let last = null;
      await watchRetries(async () => {
        for await (const page of ctx.client.syncFolderItemsPages(ctx.opts, { signal: ctx.signal })) {
          apply(page);
          last = page;
          const done = pages - startPages;
          if (page.includesLastItemInRange) break;
          if (estimate) setProgress(Math.min(99, (done / Math.max(estimate, done + 1)) * 100), `Page ${done} of ~${Math.max(estimate, done + 1)} · ${changes} changes so far`);
          else setProgress(0, `Page ${done} · ${changes} changes so far`, { indeterminate: true });
        }
      });
      const done = pages - startPages;
      const total = changes - startChanges;
      const retried = retries - startRetries;
      setProgress(100, `Up to date: ${done} page${done === 1 ? '' : 's'}, ${total} change${total === 1 ? '' : 's'}${retried ? `, ${retried} ${retried === 1 ? 'retry' : 'retries'}` : ''}.`);
      await verifyWithServer();
      return last;
    }, { label: 'Syncing…' }).then((v) => {
      if (v === undefined && pages === 0) setProgress(0, 'Sync failed: see the error below.');
      else if (v === undefined) progressLabel.textContent = `Stopped after ${pages} page${pages === 1 ? '' : 's'}: see the error. The SyncState of the last good page is kept, so you can continue.`;
    });
  });
  startOverBtn.addEventListener('click', () => startOver());

  // a SyncState belongs to one folder and scope: changing them starts over
  const folderInputs = folder.el.querySelectorAll('select, input');
  for (const i of [...folderInputs, scope.input]) i.addEventListener('change', () => { if (local.size || syncState.get()) startOver(); });

  panel.result.setView(dash);
  renderAll();
  return { ...panel, startOver, apply, local, verifyWithServer };
}
