// Form fields for the operation panels. Each field is { el, get(), set(v) }:
// `get()` returns the option value to send, or undefined when the field is
// empty (the option is then left out). Inputs carry `data-path` (the option's
// path in the options object) so that an EwsError's `path` can be shown on
// the field it is about.
import { h, icon } from './dom.js';

let uid = 0;
const nextId = () => `f${++uid}`;

function changed(el) {
  el.dispatchEvent(new Event('input', { bubbles: true }));
}

function labelRow(label, key) {
  return h('span', { class: 'field-label' }, h('span', {}, label), key ? h('code', { class: 'field-key' }, key) : null);
}

function wrap(id, label, key, control, hint, cls = '') {
  return h('div', { class: `field ${cls}`.trim() },
    h('label', { htmlFor: id }, labelRow(label, key)),
    control,
    hint ? h('small', { class: 'hint' }, hint) : null);
}

/** A text input. `get()` → the string, or undefined when empty. */
export function textField(label, { key, path = key, value = '', placeholder = '', hint, list, mono = false, cls, type = 'text', autocomplete = 'off' } = {}) {
  const id = nextId();
  const input = h('input', {
    id, type, value, placeholder, class: mono ? 'mono' : undefined, spellcheck: 'false', autocomplete,
    dataset: path ? { path } : undefined, list,
  });
  return {
    el: wrap(id, label, key, input, hint, cls),
    input,
    get: () => (input.value === '' ? undefined : input.value),
    set: (v) => { input.value = v ?? ''; },
  };
}

/** A multi-line text input (sync states are long). */
export function textArea(label, { key, path = key, value = '', placeholder = '', hint, rows = 2 } = {}) {
  const id = nextId();
  const input = h('textarea', { id, rows, placeholder, class: 'mono', spellcheck: 'false', dataset: path ? { path } : undefined });
  input.value = value;
  return {
    el: wrap(id, label, key, input, hint),
    input,
    get: () => (input.value.trim() === '' ? undefined : input.value.trim()),
    set: (v) => { input.value = v ?? ''; },
  };
}

/**
 * A number input. Anything that is not a plain integer is passed on as typed,
 * so that the builder reports it (ERR_INVALID_OPTIONS with this path).
 */
export function numberField(label, { key, path = key, value = '', min, max, hint, placeholder = '' } = {}) {
  const id = nextId();
  const input = h('input', { id, type: 'number', value: String(value), min, max, step: 1, placeholder, inputmode: 'numeric', dataset: path ? { path } : undefined });
  return {
    el: wrap(id, label, key, input, hint, 'field-narrow'),
    input,
    get: () => {
      const s = input.value.trim();
      if (s === '') return input.validity.badInput ? 'not a number' : undefined;
      return /^-?\d+$/.test(s) ? Number(s) : s;
    },
    set: (v) => { input.value = v === undefined ? '' : String(v); },
  };
}

/**
 * A select. `options`: strings or [value, label]. With `omit: 'label'`, a
 * first option with value '' stands for "leave the option out".
 */
export function selectField(label, { key, path = key, options, value, omit, hint, cls } = {}) {
  const id = nextId();
  const select = h('select', { id, dataset: path ? { path } : undefined });
  if (omit) select.append(h('option', { value: '' }, omit));
  for (const o of options) {
    const [v, l] = Array.isArray(o) ? o : [o, o];
    select.append(h('option', { value: v }, l));
  }
  if (value !== undefined) select.value = value;
  return {
    el: wrap(id, label, key, select, hint, cls ?? 'field-narrow'),
    input: select,
    get: () => (select.value === '' ? undefined : select.value),
    set: (v) => { select.value = v ?? ''; },
  };
}

/** A boolean option that can also be left out: (not sent) / true / false. */
export function boolField(label, { key, path = key, hint } = {}) {
  const f = selectField(label, { key, path, options: [['true', 'true'], ['false', 'false']], omit: '(not sent)', hint });
  return { ...f, get: () => (f.input.value === '' ? undefined : f.input.value === 'true'), set: (v) => { f.input.value = v === undefined ? '' : String(v); } };
}

/**
 * A repeatable group of fields: an array option. `makeRow(values)` returns
 * { el, fields: { name: field }, get() } for one row; `path` names the array.
 */
export function listField(label, { key, path = key, makeRow, initial = [], addLabel = 'Add', hint, empty = 'none' } = {}) {
  const rows = [];
  const body = h('div', { class: 'list-rows' });
  const emptyNote = h('p', { class: 'list-empty' }, empty);
  const el = h('fieldset', { class: 'field list-field', dataset: path ? { listPath: path } : undefined },
    h('legend', {}, labelRow(label, key)),
    body, emptyNote,
    h('div', { class: 'list-actions' },
      h('button', { type: 'button', class: 'btn btn-ghost btn-sm', onclick: () => { add(); changed(el); } }, icon('plus'), addLabel)),
    hint ? h('small', { class: 'hint' }, hint) : null);

  function add(values = {}) {
    const row = makeRow(values);
    const remove = h('button', {
      type: 'button', class: 'btn btn-ghost btn-xs row-remove', title: 'Remove',
      onclick: () => {
        rows.splice(rows.indexOf(row), 1);
        row.wrapper.remove();
        sync();
        changed(el);
      },
    }, icon('x'), h('span', { class: 'sr-only' }, 'Remove'));
    row.wrapper = h('div', { class: 'list-row' }, row.el, remove);
    rows.push(row);
    body.append(row.wrapper);
    sync();
    return row;
  }

  function sync() {
    emptyNote.hidden = rows.length > 0;
    rows.forEach((row, i) => {
      for (const [rel, f] of Object.entries(row.fields)) {
        if (f.input) f.input.dataset.path = `${path}[${i}]${rel ? `.${rel}` : ''}`;
      }
    });
  }

  for (const v of initial) add(v);
  sync();
  return {
    el,
    rows,
    add: (v) => { const r = add(v); changed(el); return r; },
    get: () => (rows.length ? rows.map((r) => r.get()) : undefined),
    set(list) {
      for (const r of rows.splice(0)) r.wrapper.remove();
      for (const v of list ?? []) add(v);
      sync();
      changed(el);
    },
  };
}

/** Drops undefined values (and empty objects) so the options read like hand-written ones. */
export function compact(obj) {
  if (Array.isArray(obj)) return obj.map(compact);
  if (!obj || typeof obj !== 'object') return obj;
  const out = {};
  for (const [k, v] of Object.entries(obj)) {
    if (v === undefined) continue;
    const c = compact(v);
    if (c && typeof c === 'object' && !Array.isArray(c) && Object.keys(c).length === 0) continue;
    out[k] = c;
  }
  return out;
}

// ------------------------------------------------------------------ shared row kinds

export const DISTINGUISHED_FOLDERS = ['inbox', 'sentitems', 'drafts', 'deleteditems', 'junkemail', 'outbox', 'calendar',
  'contacts', 'imcontactlist', 'quickcontacts', 'tasks', 'notes', 'journal', 'conversationhistory', 'archive', 'msgfolderroot'];

export const MAPI_TYPES = ['String', 'StringArray', 'Integer', 'IntegerArray', 'Boolean', 'SystemTime', 'SystemTimeArray',
  'Binary', 'BinaryArray', 'Long', 'LongArray', 'Short', 'ShortArray', 'Double', 'DoubleArray', 'Float', 'FloatArray',
  'Currency', 'CurrencyArray', 'CLSID', 'CLSIDArray', 'ApplicationTime', 'ApplicationTimeArray', 'Object', 'ObjectArray',
  'Error', 'Null'];

export const PROPERTY_SETS = ['Meeting', 'Appointment', 'Common', 'PublicStrings', 'Address', 'InternetHeaders',
  'CalendarAssistant', 'UnifiedMessaging', 'Task', 'Sharing'];

/** Row: an item id `{ id, changeKey? }`. */
export function itemIdRow(v = {}) {
  const id = textField('Id', { key: 'id', value: v.id ?? '', mono: true, placeholder: 'AAMkAD…' });
  const changeKey = textField('ChangeKey', { key: 'changeKey', value: v.changeKey ?? '', mono: true, placeholder: 'optional' });
  return {
    el: h('div', { class: 'row-grid' }, id.el, changeKey.el),
    fields: { id, changeKey },
    get: () => compact({ id: id.get() ?? '', changeKey: changeKey.get() }),
  };
}

/** Row: a PathToExtendedFieldType `{ propertyTag | distinguishedPropertySetId/propertySetId + propertyName/propertyId, propertyType }`. */
export function extendedFieldRow(v = {}) {
  const how = selectField('Names the property by', {
    options: [['tag', 'propertyTag'], ['set-name', 'property set + name'], ['set-id', 'property set + id']],
    value: v.propertyName !== undefined ? 'set-name' : v.propertyId !== undefined ? 'set-id' : 'tag',
  });
  const tag = textField('PropertyTag', { key: 'propertyTag', value: v.propertyTag ?? '0x3001', mono: true });
  const set = selectField('Property set', { key: 'distinguishedPropertySetId', options: PROPERTY_SETS, value: v.distinguishedPropertySetId ?? 'PublicStrings', omit: '(propertySetId)' });
  const setGuid = textField('PropertySetId', { key: 'propertySetId', value: v.propertySetId ?? '', mono: true, placeholder: 'GUID when no distinguished set' });
  const name = textField('PropertyName', { key: 'propertyName', value: v.propertyName ?? '' });
  const pid = numberField('PropertyId', { key: 'propertyId', value: v.propertyId ?? '' });
  const type = selectField('PropertyType', { key: 'propertyType', options: MAPI_TYPES, value: v.propertyType ?? 'String' });
  const el = h('div', { class: 'row-grid' }, how.el, tag.el, set.el, setGuid.el, name.el, pid.el, type.el);
  const show = () => {
    const k = how.input.value;
    tag.el.hidden = k !== 'tag';
    set.el.hidden = setGuid.el.hidden = k === 'tag';
    name.el.hidden = k !== 'set-name';
    pid.el.hidden = k !== 'set-id';
  };
  how.input.addEventListener('change', show);
  show();
  return {
    el,
    fields: { propertyTag: tag, distinguishedPropertySetId: set, propertySetId: setGuid, propertyName: name, propertyId: pid, propertyType: type },
    get() {
      const k = how.input.value;
      if (k === 'tag') return compact({ propertyTag: tag.get() ?? '', propertyType: type.get() });
      return compact({
        distinguishedPropertySetId: set.get(),
        propertySetId: set.get() ? undefined : setGuid.get(),
        propertyName: k === 'set-name' ? name.get() ?? '' : undefined,
        propertyId: k === 'set-id' ? pid.get() ?? '' : undefined,
        propertyType: type.get(),
      });
    },
  };
}

/** Row: a property path for AdditionalProperties (fieldURI | indexedFieldURI | extendedFieldURI). */
export function propertyPathRow(v = {}) {
  const kind = selectField('Kind', {
    options: [['fieldURI', 'fieldURI'], ['indexedFieldURI', 'indexedFieldURI'], ['extendedFieldURI', 'extendedFieldURI']],
    value: v.indexedFieldURI ? 'indexedFieldURI' : v.extendedFieldURI ? 'extendedFieldURI' : 'fieldURI',
  });
  const uri = textField('FieldURI', { key: 'fieldURI', value: v.fieldURI ?? v.indexedFieldURI?.fieldURI ?? 'item:Subject', mono: true, list: 'field-uris' });
  const index = textField('FieldIndex', { key: 'fieldIndex', value: v.indexedFieldURI?.fieldIndex ?? 'EmailAddress1', mono: true });
  const ext = extendedFieldRow(v.extendedFieldURI ?? {});
  const el = h('div', { class: 'row-stack' }, kind.el, h('div', { class: 'row-grid' }, uri.el, index.el), ext.el);
  const show = () => {
    const k = kind.input.value;
    uri.el.hidden = k === 'extendedFieldURI';
    index.el.hidden = k !== 'indexedFieldURI';
    ext.el.hidden = k !== 'extendedFieldURI';
  };
  kind.input.addEventListener('change', show);
  show();
  const fields = { fieldURI: uri, 'indexedFieldURI.fieldIndex': index };
  for (const [k, f] of Object.entries(ext.fields)) fields[`extendedFieldURI.${k}`] = f;
  return {
    el,
    fields,
    get() {
      const k = kind.input.value;
      if (k === 'fieldURI') return { fieldURI: uri.get() ?? '' };
      if (k === 'indexedFieldURI') return { indexedFieldURI: { fieldURI: uri.get() ?? '', fieldIndex: index.get() ?? '' } };
      return { extendedFieldURI: ext.get() };
    },
  };
}

/** The ItemShape (ItemResponseShapeType) fields; `get()` → the itemShape option. */
export function itemShapeFields({ baseShape = 'Default', additional = [] } = {}) {
  const base = selectField('BaseShape', { key: 'baseShape', path: 'itemShape.baseShape', options: ['IdOnly', 'Default', 'AllProperties', 'PcxPeopleSearch'], value: baseShape });
  const bodyType = selectField('BodyType', { key: 'bodyType', path: 'itemShape.bodyType', options: ['Best', 'HTML', 'Text'], omit: '(not sent)' });
  const props = listField('Additional properties', {
    key: 'additionalProperties', path: 'itemShape.additionalProperties', makeRow: propertyPathRow, initial: additional, addLabel: 'Add property',
    empty: 'Only the BaseShape properties.',
  });
  const more = {
    includeMimeContent: boolField('IncludeMimeContent', { key: 'includeMimeContent', path: 'itemShape.includeMimeContent' }),
    uniqueBodyType: selectField('UniqueBodyType', { key: 'uniqueBodyType', path: 'itemShape.uniqueBodyType', options: ['Best', 'HTML', 'Text'], omit: '(not sent)' }),
    normalizedBodyType: selectField('NormalizedBodyType', { key: 'normalizedBodyType', path: 'itemShape.normalizedBodyType', options: ['Best', 'HTML', 'Text'], omit: '(not sent)' }),
    filterHtmlContent: boolField('FilterHtmlContent', { key: 'filterHtmlContent', path: 'itemShape.filterHtmlContent' }),
    convertHtmlCodePageToUTF8: boolField('ConvertHtmlCodePageToUTF8', { key: 'convertHtmlCodePageToUTF8', path: 'itemShape.convertHtmlCodePageToUTF8' }),
    inlineImageUrlTemplate: textField('InlineImageUrlTemplate', { key: 'inlineImageUrlTemplate', path: 'itemShape.inlineImageUrlTemplate', placeholder: 'data:image/gif;base64,…' }),
    blockExternalImages: boolField('BlockExternalImages', { key: 'blockExternalImages', path: 'itemShape.blockExternalImages' }),
    addBlankTargetToLinks: boolField('AddBlankTargetToLinks', { key: 'addBlankTargetToLinks', path: 'itemShape.addBlankTargetToLinks' }),
    maximumBodySize: numberField('MaximumBodySize', { key: 'maximumBodySize', path: 'itemShape.maximumBodySize' }),
  };
  const el = h('fieldset', { class: 'group' },
    h('legend', {}, 'Item shape ', h('code', {}, 'itemShape')),
    h('div', { class: 'row-grid' }, base.el, bodyType.el),
    props.el,
    h('details', { class: 'more' }, h('summary', {}, 'More ItemShape options'),
      h('div', { class: 'row-grid' }, Object.values(more).map((f) => f.el))));
  return {
    el,
    base,
    get: () => compact({
      baseShape: base.get(),
      includeMimeContent: more.includeMimeContent.get(),
      bodyType: bodyType.get(),
      uniqueBodyType: more.uniqueBodyType.get(),
      normalizedBodyType: more.normalizedBodyType.get(),
      filterHtmlContent: more.filterHtmlContent.get(),
      convertHtmlCodePageToUTF8: more.convertHtmlCodePageToUTF8.get(),
      inlineImageUrlTemplate: more.inlineImageUrlTemplate.get(),
      blockExternalImages: more.blockExternalImages.get(),
      addBlankTargetToLinks: more.addBlankTargetToLinks.get(),
      maximumBodySize: more.maximumBodySize.get(),
      additionalProperties: props.get(),
    }),
  };
}

/** Row: a folder id for FoldersToIgnore / SyncFolderId: distinguished or FolderId. */
export function folderIdRow(v = {}, { pathPrefix = '' } = {}) {
  const kind = selectField('Kind', { options: [['distinguishedFolderId', 'Distinguished'], ['folderId', 'FolderId']], value: v.folderId ? 'folderId' : 'distinguishedFolderId' });
  const dist = selectField('Id', { key: 'id', path: `${pathPrefix}distinguishedFolderId.id`, options: DISTINGUISHED_FOLDERS, value: v.distinguishedFolderId?.id ?? 'inbox' });
  const mailbox = textField('Mailbox', { key: 'mailbox.emailAddress', path: `${pathPrefix}distinguishedFolderId.mailbox.emailAddress`, value: v.distinguishedFolderId?.mailbox?.emailAddress ?? '', placeholder: 'optional: a shared mailbox' });
  const fid = textField('Id', { key: 'id', path: `${pathPrefix}folderId.id`, value: v.folderId?.id ?? '', mono: true, placeholder: 'AQMkAD…' });
  const ck = textField('ChangeKey', { key: 'changeKey', path: `${pathPrefix}folderId.changeKey`, value: v.folderId?.changeKey ?? '', mono: true, placeholder: 'optional' });
  const el = h('div', { class: 'row-grid' }, kind.el, dist.el, mailbox.el, fid.el, ck.el);
  const show = () => {
    const d = kind.input.value === 'distinguishedFolderId';
    dist.el.hidden = mailbox.el.hidden = !d;
    fid.el.hidden = ck.el.hidden = d;
  };
  kind.input.addEventListener('change', show);
  show();
  return {
    el,
    kind,
    fields: { 'distinguishedFolderId.id': dist, 'distinguishedFolderId.mailbox.emailAddress': mailbox, 'folderId.id': fid, 'folderId.changeKey': ck },
    get() {
      if (kind.input.value === 'distinguishedFolderId') {
        const email = mailbox.get();
        return { distinguishedFolderId: compact({ id: dist.get(), mailbox: email ? { emailAddress: email } : undefined }) };
      }
      return { folderId: compact({ id: fid.get() ?? '', changeKey: ck.get() }) };
    },
    set(val) {
      if (val.folderId) {
        kind.set('folderId');
        fid.set(val.folderId.id);
        ck.set(val.folderId.changeKey);
      } else {
        kind.set('distinguishedFolderId');
        dist.set(val.distinguishedFolderId?.id ?? 'inbox');
        mailbox.set(val.distinguishedFolderId?.mailbox?.emailAddress);
      }
      show();
    },
  };
}

/** A <datalist> of common FieldURIs for the AdditionalProperties rows (added once to the page). */
export function fieldUriDatalist() {
  const uris = ['item:Subject', 'item:DateTimeReceived', 'item:Size', 'item:Categories', 'item:Importance', 'item:HasAttachments',
    'item:Preview', 'item:InReplyTo', 'item:ConversationId', 'item:ItemClass', 'message:IsRead', 'message:From',
    'message:InternetMessageId', 'message:References', 'calendar:Start', 'calendar:End', 'calendar:Location', 'calendar:Organizer',
    'contacts:EmailAddress', 'contacts:PhoneNumber', 'conversation:ConversationTopic'];
  return h('datalist', { id: 'field-uris' }, uris.map((u) => h('option', { value: u })));
}
