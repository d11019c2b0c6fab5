// GetImItemList and GetImItems: IM groups with their members, and personas as
// cards (names, emails, phones, and the sources they were merged from).
import { buildGetImItemListRequest, buildGetImItemsRequest } from 'ews-wasm';
import { h, icon, shortId, avatar, fmtDate } from './dom.js';
import { listField, itemIdRow, extendedFieldRow, compact } from './forms.js';
import { createPanel } from './panel.js';

const SOURCE_COLORS = 6;

function groupTypeLabel(t) {
  return String(t ?? '').replace(/^IPM\.DistList\.MOC\./, '') || 'group';
}

/** A readable string for an attributed value ({ number, type }, { emailAddress }, ...). */
function valueText(v) {
  if (v === null || v === undefined) return '';
  if (typeof v !== 'object') return String(v);
  if (v.emailAddress) return v.name && v.name !== v.emailAddress ? `${v.name} <${v.emailAddress}>` : v.emailAddress;
  if (v.number) return v.number;
  if (v.extendedFieldURI) return `${v.extendedFieldURI.propertyTag ?? v.extendedFieldURI.propertyName ?? ''} = ${v.value ?? (v.values ?? []).join(', ')}`;
  if (v.street || v.city || v.country) return [v.street, v.city, v.state, v.postalCode, v.country].filter(Boolean).join(', ');
  return JSON.stringify(v);
}

function humanKey(k) {
  return k.replace(/([a-z])([A-Z0-9])/g, '$1 $2').replace(/^./, (c) => c.toUpperCase());
}

/** Source chips for a value: which attributions it came from. */
function sourceDots(ids, sources) {
  return h('span', { class: 'src-dots' }, (ids ?? []).map((id) => {
    const s = sources.get(id);
    return h('span', { class: `src-dot src-${s?.color ?? 0}`, title: `from ${s?.displayName ?? `source ${id}`}` }, s?.short ?? id);
  }));
}

function personaCard(p) {
  const sources = new Map();
  (p.attributions ?? []).forEach((a, i) => sources.set(a.id, {
    ...a, color: i % SOURCE_COLORS, short: (a.displayName ?? a.id).split(/\s+/)[0].slice(0, 1).toUpperCase(),
  }));
  const name = p.displayName ?? p.displayNames?.[0]?.value ?? '(no name)';
  const line = (ic, label, values) => (values.length ? h('div', { class: 'p-line' }, icon(ic), h('span', { class: 'sr-only' }, label),
    h('ul', { class: 'p-values' }, values.map(([text, attr, extra]) => h('li', {}, h('span', { class: 'p-value' }, text), extra ? h('span', { class: 'muted' }, ` ${extra}`) : null, sourceDots(attr, sources))))) : null);

  const emails = [];
  for (const k of ['emails1', 'emails2', 'emails3']) for (const e of p[k] ?? []) emails.push([e.value?.emailAddress ?? valueText(e.value), e.attributions]);
  if (!emails.length) for (const e of p.emailAddresses ?? []) emails.push([e.emailAddress, []]);
  const phones = [];
  for (const [k, label] of [['businessPhoneNumbers', 'work'], ['mobilePhones', 'mobile'], ['homePhones', 'home'], ['homePhones2', 'home'], ['otherTelephones', 'other'], ['businessPhoneNumbers2', 'work']]) {
    for (const ph of p[k] ?? []) phones.push([ph.value?.number ?? valueText(ph.value), ph.attributions, label]);
  }
  if (!phones.length && p.phoneNumber) phones.push([p.phoneNumber.number, [], p.phoneNumber.type?.toLowerCase()]);
  const ims = (p.imAddresses ?? []).map((x) => [valueText(x.value), x.attributions]);
  if (!ims.length && p.imAddress) ims.push([p.imAddress, []]);
  const offices = (p.officeLocations ?? []).map((x) => [valueText(x.value), x.attributions]);

  // Every attributed array, for the developer who wants to see them all.
  const attributed = Object.entries(p).filter(([, v]) => Array.isArray(v) && v.length && v[0] && typeof v[0] === 'object' && 'attributions' in v[0] && 'value' in v[0]);
  const subtitle = [p.title, p.department, p.companyName].filter(Boolean).join(' · ');

  return h('article', { class: 'persona-card', dataset: { personaId: p.personaId?.id ?? '', name } },
    h('header', { class: 'p-head' }, avatar(name, 'avatar-lg'),
      h('div', {},
        h('h5', { class: 'p-name' }, name),
        subtitle ? h('div', { class: 'p-sub' }, subtitle) : null,
        p.personaType && p.personaType !== 'Person' ? h('div', { class: 'p-type muted' }, p.personaType) : null)),
    h('div', { class: 'p-lines' },
      line('at', 'Email', emails),
      line('phone', 'Phone', phones),
      line('chat', 'IM', ims),
      line('folder', 'Office', offices)),
    h('footer', { class: 'p-sources' },
      h('span', { class: 'p-sources-label' }, `Merged from ${sources.size} source${sources.size === 1 ? '' : 's'}:`),
      [...sources.values()].map((s) => h('span', {
        class: `src-chip src-${s.color}`, dataset: { sourceId: s.id },
        title: [s.isWritable ? 'writable' : 'read-only', s.isQuickContact ? 'quick contact' : null, s.isHidden ? 'hidden' : null, s.sourceId?.id ? `source ${s.sourceId.id}` : null].filter(Boolean).join(' · '),
      }, h('span', { class: 'src-dot-inline' }, s.short), s.displayName ?? `source ${s.id}`, s.isWritable ? null : h('span', { class: 'muted' }, ' (read-only)'))),
      attributed.length ? h('details', { class: 'p-all' }, h('summary', {}, `All ${attributed.length} attributed fields`),
        h('dl', { class: 'kv kv-tight' }, attributed.map(([k, arr]) => [h('dt', {}, humanKey(k)),
          h('dd', {}, arr.map((x) => h('div', {}, valueText(x.value), sourceDots(x.attributions, sources))))]))) : null,
      p.creationTime ? h('div', { class: 'muted small' }, `created ${fmtDate(p.creationTime)}`) : null));
}

/** The View of a GetImItemList / GetImItems response: groups and personas. */
export function imView(result) {
  const list = result.imItemList ?? {};
  const groups = list.groups ?? [];
  const personas = list.personas ?? [];
  // member ItemIds (IM contacts) → persona, through the personas' attribution sources
  const byContact = new Map();
  for (const p of personas) for (const a of p.attributions ?? []) if (a.sourceId?.id) byContact.set(a.sourceId.id, p);
  const groupCards = groups.map((g) => {
    const members = g.memberCorrelationKey ?? [];
    return h('article', { class: 'group-card', dataset: { group: g.displayName ?? '' } },
      h('header', { class: 'g-head' }, h('span', { class: 'g-icon' }, icon('users')),
        h('div', {}, h('h5', { class: 'g-name' }, g.displayName ?? '(no name)'),
          h('div', { class: 'muted small' }, `${groupTypeLabel(g.groupType)} · ${members.length} member${members.length === 1 ? '' : 's'}`))),
      members.length ? h('ul', { class: 'g-members' }, members.map((m) => {
        const p = byContact.get(m.id);
        const name = p?.displayName;
        return h('li', { title: m.id }, avatar(name ?? '?', 'avatar-sm'), h('span', { class: 'g-member-name' }, name ?? h('code', { class: 'mono small' }, shortId(m.id))));
      })) : h('p', { class: 'muted small g-empty' }, 'No members.'),
      (g.extendedProperties ?? []).length ? h('div', { class: 'muted small' }, icon('code'), ' ', g.extendedProperties.map(valueText).join('; ')) : null);
  });
  return h('div', { class: 'im-view' },
    h('div', { class: 'im-summary' },
      h('span', { class: 'stat' }, h('strong', {}, String(groups.length)), ` group${groups.length === 1 ? '' : 's'}`),
      h('span', { class: 'stat' }, h('strong', {}, String(personas.length)), ` persona${personas.length === 1 ? '' : 's'}`),
      result.responseClass ? h('span', { class: 'muted' }, `${result.responseClass} · ${result.responseCode ?? ''}`) : null),
    groups.length ? h('section', {}, h('h4', { class: 'section-title' }, 'IM groups'), h('div', { class: 'card-grid groups' }, groupCards)) : null,
    personas.length ? h('section', {}, h('h4', { class: 'section-title' }, 'Personas'), h('div', { class: 'card-grid personas' }, personas.map(personaCard))) : null,
    !groups.length && !personas.length ? h('p', { class: 'placeholder' }, 'The list is empty.') : null);
}

export function imListPanel(app) {
  const ext = listField('Extended properties', {
    key: 'extendedProperties', makeRow: extendedFieldRow, initial: [], addLabel: 'Add extended property',
    empty: 'None (try PropertyTag 0x3001 / String: the display name).',
  });
  return createPanel(app, {
    id: 'imlist',
    title: 'GetImItemList',
    summary: "Gets the mailbox's whole instant-messaging list: the IM groups and the personas in them. Every option is optional.",
    docs: 'https://learn.microsoft.com/en-us/exchange/client-developer/web-service-reference/getimitemlist-operation',
    builderName: 'buildGetImItemListRequest',
    clientMethod: 'getImItemList',
    form: { el: h('div', { class: 'form-body' }, ext.el), collect: () => compact({ extendedProperties: ext.get() }) },
    build: buildGetImItemListRequest,
    resultTitle: () => 'IM list',
    render: imView,
  });
}

export function imItemsPanel(app) {
  const contacts = listField('Contact ids (personas or contacts)', { key: 'contactIds', makeRow: itemIdRow, initial: [], addLabel: 'Add contact id', empty: 'No contacts.' });
  const groups = listField('Group ids', { key: 'groupIds', makeRow: itemIdRow, initial: [], addLabel: 'Add group id', empty: 'No groups.' });
  const ext = listField('Extended properties', {
    key: 'extendedProperties', makeRow: extendedFieldRow, initial: [{ propertyTag: '0x3001', propertyType: 'String' }], addLabel: 'Add extended property', empty: 'None.',
  });
  const chips = h('div', { class: 'chips' });
  const formEl = h('div', { class: 'form-body' },
    h('div', { class: 'mock-only picker' }, h('div', { class: 'field-label' }, 'Add from the mock mailbox'), chips),
    contacts.el, groups.el, ext.el);
  const panel = createPanel(app, {
    id: 'imitems',
    title: 'GetImItems',
    summary: 'Gets chosen IM contacts (as personas) and IM groups by id.',
    docs: 'https://learn.microsoft.com/en-us/exchange/client-developer/web-service-reference/getimitems-operation',
    builderName: 'buildGetImItemsRequest',
    clientMethod: 'getImItems',
    form: {
      el: formEl,
      collect: () => compact({ contactIds: contacts.get(), groupIds: groups.get(), extendedProperties: ext.get() }),
    },
    build: buildGetImItemsRequest,
    resultTitle: () => 'IM items',
    render: imView,
  });

  function setMockData({ im }) {
    chips.replaceChildren(
      ...im.personas.map((p) => h('button', { type: 'button', class: 'chip', title: p.emailAddress, onclick: () => contacts.add({ id: p.personaId }) }, icon('user'), p.displayName)),
      ...im.groups.map((g) => h('button', { type: 'button', class: 'chip chip-group', onclick: () => groups.add({ id: g.id }) }, icon('users'), g.displayName)));
    if (!contacts.rows.length && !groups.rows.length) {
      contacts.set(im.personas.slice(0, 3).map((p) => ({ id: p.personaId })));
      const withMembers = im.groups.filter((g) => g.members.length > 1).slice(0, 1);
      groups.set(withMembers.map((g) => ({ id: g.id })));
      panel.refresh();
    }
  }
  return { ...panel, setMockData, contacts, groups };
}
