// GetConversationItems: the options form and the conversation as a reply tree
// (conversationThread), newest or oldest first as the SortOrder says.
import { buildGetConversationItemsRequest, conversationThread } from 'ews-wasm';
import { h, icon, clear, fmtDate, shortId, avatar, copyButton } from './dom.js';
import { textField, numberField, selectField, listField, itemShapeFields, folderIdRow, compact } from './forms.js';
import { createPanel } from './panel.js';

const SORT_LABELS = {
  TreeOrderDescending: 'Newest first (reply tree)',
  TreeOrderAscending: 'Oldest first (reply tree)',
  DateOrderDescending: 'Newest first (by date)',
  DateOrderAscending: 'Oldest first (by date)',
};

function conversationRow(v = {}) {
  const id = textField('ConversationId', { key: 'conversationId.id', value: v.conversationId?.id ?? '', mono: true, placeholder: 'AAQkAD…' });
  const changeKey = textField('ChangeKey', { key: 'conversationId.changeKey', value: v.conversationId?.changeKey ?? '', mono: true, placeholder: 'optional' });
  const syncState = textField('SyncState', { key: 'syncState', value: v.syncState ?? '', mono: true, placeholder: 'optional: only nodes changed since' });
  return {
    el: h('div', { class: 'row-grid' }, id.el, changeKey.el, syncState.el),
    fields: { 'conversationId.id': id, 'conversationId.changeKey': changeKey, syncState },
    get: () => compact({ conversationId: compact({ id: id.get() ?? '', changeKey: changeKey.get() }), syncState: syncState.get() }),
    id,
    syncState,
  };
}

function senderOf(item) {
  const m = item.from?.mailbox ?? item.sender?.mailbox ?? item.organizer?.mailbox;
  return m ? { name: m.name ?? m.emailAddress ?? '(no name)', email: m.emailAddress } : null;
}

function topicOf(conv) {
  for (const n of conv.conversationNodes ?? []) {
    for (const it of n.items ?? []) {
      if (it.conversationTopic) return it.conversationTopic;
      if (it.subject) return it.subject.replace(/^((RE|FW|FWD|AW|WG|SV|VS):\s*)+/i, '');
    }
  }
  return '(no topic: ask for item:Subject or a richer BaseShape)';
}

function itemCard(item, parentSender) {
  const from = senderOf(item);
  const badges = [];
  if (item.kind !== 'Message') badges.push(h('span', { class: 'tag' }, item.kind === 'Unknown' ? item.elementName : item.kind));
  if (item.isRead === false) badges.push(h('span', { class: 'tag tag-unread', title: 'Unread' }, 'unread'));
  if (item.isDraft) badges.push(h('span', { class: 'tag' }, 'draft'));
  if (item.importance === 'High') badges.push(h('span', { class: 'tag tag-high', title: 'High importance' }, icon('flag'), 'high'));
  if (item.hasAttachments) badges.push(h('span', { class: 'tag', title: 'Has attachments' }, icon('paperclip')));
  const preview = item.preview ?? (typeof item.body === 'object' ? item.body?.value : item.body);
  return h('article', { class: 'msg-card', dataset: { itemId: item.itemId?.id ?? '' } },
    avatar(from?.name ?? '?'),
    h('div', { class: 'msg-body' },
      h('div', { class: 'msg-top' },
        h('span', { class: 'msg-from', title: from?.email ?? '' }, from?.name ?? '(sender not in the shape)'),
        h('time', { class: 'msg-date', datetime: item.dateTimeReceived ?? '', title: item.dateTimeReceived ?? '' }, fmtDate(item.dateTimeReceived ?? item.dateTimeCreated)),
        badges),
      h('div', { class: 'msg-subject' }, item.subject ?? (Object.keys(item).length <= 2 ? `IdOnly: ${shortId(item.itemId?.id)}` : '(no subject)')),
      preview ? h('p', { class: 'msg-preview' }, String(preview).slice(0, 240)) : null,
      parentSender ? h('div', { class: 'msg-reply' }, icon('reply'), 'reply to ', parentSender) : null));
}

/** The View of a GetConversationItems response. */
export function conversationView(result, { sortOrder, onUseSyncState, onReply } = {}) {
  const wrap = h('div', { class: 'conversations' });
  for (const [mi, m] of (result.responseMessages ?? []).entries()) {
    const conv = m.conversation;
    if (!conv) {
      wrap.append(h('div', { class: 'notice' }, `${m.responseClass}: ${m.responseCode}${m.messageText ? ` — ${m.messageText}` : ''}`));
      continue;
    }
    const nodes = conv.conversationNodes ?? [];
    const thread = conversationThread(conv);
    const itemCount = nodes.reduce((n, x) => n + (x.items?.length ?? 0), 0);
    const maxDepth = thread.reduce((d, e) => Math.max(d, e.depth), 0);
    const list = h('ol', { class: 'thread', 'aria-label': 'Conversation thread' });
    for (const e of thread) {
      const node = e.node ?? {};
      const parent = e.parentIndex !== undefined ? nodes[e.parentIndex] : undefined;
      const parentSender = parent ? senderOf(parent.items?.[0] ?? {})?.name : undefined;
      const li = h('li', {
        class: ['thread-node', e.depth > 0 ? 'is-reply' : 'is-root'],
        dataset: { depth: String(e.depth), index: String(e.index), messageId: node.internetMessageId ?? '' },
      }, (node.items ?? []).map((it) => itemCard(it, parentSender)));
      li.style.setProperty('--depth', String(Math.min(e.depth, 8)));
      list.append(li);
    }
    const syncState = conv.syncState;
    wrap.append(h('section', { class: 'conversation', dataset: { message: String(mi) } },
      h('header', { class: 'conv-head' },
        h('div', {},
          h('h4', { class: 'conv-topic' }, topicOf(conv)),
          h('div', { class: 'conv-meta' },
            h('span', {}, `${nodes.length} node${nodes.length === 1 ? '' : 's'} · ${itemCount} item${itemCount === 1 ? '' : 's'} · depth ${maxDepth}`),
            h('span', { class: 'order-chip', dataset: { order: sortOrder ?? 'TreeOrderDescending' } }, icon('layers'), SORT_LABELS[sortOrder ?? 'TreeOrderDescending'] ?? sortOrder),
            h('code', { class: 'mono small', title: conv.conversationId?.id }, shortId(conv.conversationId?.id, 10)))),
        h('div', { class: 'conv-actions' },
          onReply ? h('button', { type: 'button', class: 'btn btn-ghost btn-sm', onclick: () => onReply(conv) }, icon('reply'), 'New reply arrives') : null,
          syncState && onUseSyncState ? h('button', { type: 'button', class: 'btn btn-ghost btn-sm', title: 'Put this SyncState into the request: the next Send returns only the nodes that changed', onclick: () => onUseSyncState(conv) }, icon('sync'), 'Use SyncState') : null)),
      nodes.length ? list : h('p', { class: 'placeholder' }, 'No nodes changed since this SyncState.')));
  }
  return wrap;
}

export function conversationPanel(app) {
  const conversations = listField('Conversations', {
    key: 'conversations', makeRow: conversationRow, initial: [{}], addLabel: 'Add conversation',
    empty: 'At least one conversation is required.',
  });
  const picker = selectField('Pick from the mock mailbox', { options: [], omit: '— choose a conversation —', cls: 'field-wide' });
  picker.input.addEventListener('change', () => {
    const id = picker.input.value;
    if (!id) return;
    const row = conversations.rows[0] ?? conversations.add({});
    row.id.set(id);
    row.syncState.set('');
    picker.input.value = '';
    row.id.input.dispatchEvent(new Event('input', { bubbles: true }));
  });
  const shape = itemShapeFields({ baseShape: 'Default' });
  const ignore = listField('Folders to ignore', {
    key: 'foldersToIgnore', makeRow: (v) => folderIdRow(v), initial: [{ distinguishedFolderId: { id: 'deleteditems' } }],
    addLabel: 'Add folder', empty: 'Items from every folder.',
  });
  const maxItems = numberField('MaxItemsToReturn', { key: 'maxItemsToReturn', min: 1, placeholder: 'all' });
  const sortOrder = selectField('SortOrder', { key: 'sortOrder', options: Object.keys(SORT_LABELS), value: 'TreeOrderDescending', omit: '(not sent)' });
  const scope = selectField('MailboxScope', { key: 'mailboxScope', options: ['PrimaryOnly', 'ArchiveOnly', 'All'], omit: '(not sent)' });

  const formEl = h('div', { class: 'form-body' },
    h('div', { class: 'mock-only' }, picker.el),
    conversations.el,
    shape.el,
    ignore.el,
    h('div', { class: 'row-grid' }, maxItems.el, sortOrder.el, scope.el));

  let sentOpts = null;
  const panel = createPanel(app, {
    id: 'conversation',
    title: 'GetConversationItems',
    summary: 'Gets the items of one or more conversations, as nodes linked by InternetMessageId / ParentInternetMessageId. Shown as the reply tree conversationThread() lays out.',
    docs: 'https://learn.microsoft.com/en-us/exchange/client-developer/web-service-reference/getconversationitems-operation',
    builderName: 'buildGetConversationItemsRequest',
    clientMethod: 'getConversationItems',
    form: {
      el: formEl,
      collect: () => compact({
        itemShape: shape.get(),
        foldersToIgnore: ignore.get(),
        maxItemsToReturn: maxItems.get(),
        sortOrder: sortOrder.get(),
        mailboxScope: scope.get(),
        conversations: conversations.get() ?? [],
      }),
    },
    build: buildGetConversationItemsRequest,
    send(ctx) {
      sentOpts = ctx.opts;
      return ctx.client.getConversationItems(ctx.opts, { signal: ctx.signal });
    },
    resultTitle: () => 'Conversation',
    render: (result) => conversationView(result, {
      sortOrder: sentOpts?.sortOrder,
      onUseSyncState(conv) {
        const row = conversations.rows.find((r) => r.id.get() === conv.conversationId?.id);
        if (row) {
          row.syncState.set(conv.syncState);
          row.syncState.input.dispatchEvent(new Event('input', { bubbles: true }));
        }
      },
      onReply: app.isMock() ? async (conv) => {
        await app.admin('POST', 'items', { folder: 'inbox', conversationId: conv.conversationId?.id });
        app.toast('A reply arrived in this conversation');
        panel.formEl.requestSubmit();
      } : undefined,
    }),
  });

  /** Mock data arrived: fill the picker, and pick the deepest conversation outside ignored folders. */
  function setMockData({ conversations: list }) {
    const options = [...list].filter((c) => c.itemCount > 1).sort((a, b) => b.itemCount - a.itemCount);
    clear(picker.input).append(h('option', { value: '' }, '— choose a conversation —'),
      options.map((c) => h('option', { value: c.conversationId }, `${c.topic} (${c.itemCount})`)));
    const first = conversations.rows[0];
    if (first && !first.id.get()) {
      const best = options.find((c) => !c.folders.includes('deleteditems') && !c.folders.includes('drafts')) ?? options[0];
      if (best) {
        first.id.set(best.conversationId);
        panel.refresh();
      }
    }
  }

  return { ...panel, setMockData, conversations };
}
