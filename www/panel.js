// One operation panel: the options form, the live request preview (the SOAP
// the builder writes, or the EwsError it throws, shown on the field it is
// about), Send / Cancel, and a result card with View / JSON / XML toggles.
import { h, icon, clear, fmtBytes, fmtMs, debounce, copyButton } from './dom.js';
import { xmlFragment, jsonFragment, jsFragment, jsLiteral } from './codeview.js';
import { exchangesSince, lastExchangeNumber } from './send.js';

const CODE_HINTS = {
  ERR_INVALID_OPTIONS: 'The builder refused the options before anything was sent: see the highlighted field.',
  ERR_MALFORMED_XML: 'The response is not well-formed XML (a truncated body, an HTML error page, binary data).',
  ERR_NOT_SOAP: 'The response is XML but not the SOAP envelope this operation answers with.',
  ERR_LIMIT: 'A parser limit was exceeded (response size or nesting depth).',
  ERR_SOAP_FAULT: 'The server answered with a SOAP Fault.',
  ERR_RESPONSE: 'The server answered, and the response message has ResponseClass="Error".',
  ERR_HTTP: 'The server answered with an HTTP error status and no SOAP body.',
  ERR_NETWORK: 'The request did not reach the server (offline, refused, dropped connection).',
  ERR_TIMEOUT: 'No answer within the client timeout.',
  ERR_ABORTED: 'Cancelled.',
  ERR_NOT_SUPPORTED: 'This transport cannot carry this operation.',
};
const HTTP_HINTS = {
  401: 'Unauthorized: check the URL, the auth kind and the credentials.',
  403: 'Forbidden: the account may lack EWS access or impersonation rights.',
  404: 'Not found: is the URL the EWS endpoint (…/EWS/Exchange.asmx)?',
  429: 'Too many requests: the client retried until maxRetries.',
  502: 'The demo proxy could not reach the server.',
  503: 'Service unavailable: the client retried until maxRetries.',
  504: 'The server did not answer the demo proxy in time.',
};
const ERROR_FIELDS = ['code', 'responseCode', 'messageText', 'status', 'statusText', 'path', 'position', 'found', 'faultCode',
  'faultString', 'backOffMilliseconds', 'retryAfter', 'limit', 'value', 'operation'];

/** The fields of an error as plain data (for the JSON view). */
export function errorData(e) {
  const out = { name: e?.name ?? 'Error', code: e?.code, message: e?.message ?? String(e) };
  for (const k of Object.keys(e ?? {})) if (!(k in out) && k !== 'stack') out[k] = e[k];
  return out;
}

/** A readable panel for a thrown error (EwsError or anything else). */
export function errorView(e, { attempts } = {}) {
  const rows = [];
  for (const k of ERROR_FIELDS) {
    if (e?.[k] !== undefined && e[k] !== null && e[k] !== '') rows.push(h('dt', {}, k), h('dd', { class: k === 'code' || k === 'responseCode' ? 'mono strong' : 'mono' }, String(e[k])));
  }
  if (attempts > 1) rows.push(h('dt', {}, 'attempts'), h('dd', {}, `${attempts} (retried ${attempts - 1}×)`));
  const hint = (e?.code === 'ERR_HTTP' && HTTP_HINTS[e.status]) || CODE_HINTS[e?.code];
  const title = e?.responseCode ?? (e?.code === 'ERR_HTTP' ? `HTTP ${e.status}` : e?.code ?? e?.name ?? 'Error');
  return h('div', { class: 'error-panel', role: 'alert', dataset: { code: e?.code ?? '', responseCode: e?.responseCode ?? '' } },
    h('div', { class: 'error-head' }, icon('error', 'error-icon'),
      h('div', {},
        h('div', { class: 'error-kicker' }, e?.name === 'EwsError' ? 'EwsError' : e?.name ?? 'Error', ' · ', h('code', { class: 'error-code' }, e?.code ?? 'no code')),
        h('div', { class: 'error-title' }, title))),
    h('p', { class: 'error-message' }, e?.message ?? String(e)),
    hint ? h('p', { class: 'error-hint' }, hint) : null,
    rows.length ? h('dl', { class: 'kv' }, rows) : null);
}

/** A <pre> code block with a copy button. */
function codeBlock(cls) {
  const pre = h('pre', { class: `code ${cls}`, tabindex: '0' });
  return pre;
}

/**
 * Creates a panel. `spec`:
 *   id, title, summary, docs (URL), builderName, clientMethod,
 *   form: { el, collect() → opts }        (opts without `header`)
 *   build(opts) → xml                      (a package builder)
 *   send({ client, opts, signal, panel }) → result   (default: client[clientMethod](opts, { signal }))
 *   render(result, ctx) → Element          (the "View" of a result)
 *   actions: extra buttons next to Send
 */
export function createPanel(app, spec) {
  const form = spec.form;
  const previewPre = codeBlock('xml');
  const jsPre = codeBlock('js');
  const previewError = h('div', { class: 'preview-error', hidden: true, role: 'alert' });
  const previewMeta = h('span', { class: 'meta' });
  let previewTab = 'xml';
  const tabXml = h('button', { type: 'button', class: 'seg-btn', 'aria-pressed': 'true', onclick: () => showPreviewTab('xml') }, 'SOAP request');
  const tabJs = h('button', { type: 'button', class: 'seg-btn', 'aria-pressed': 'false', onclick: () => showPreviewTab('js') }, 'JavaScript');
  let lastXml = '';
  let lastOpts = null;
  let valid = false;

  const sendBtn = h('button', { type: 'submit', class: 'btn btn-primary', dataset: { action: 'send' } }, icon('send'), spec.sendLabel ?? 'Send');
  const cancelBtn = h('button', { type: 'button', class: 'btn btn-ghost', hidden: true, onclick: () => controller?.abort() }, icon('stop'), 'Cancel');
  const busy = h('span', { class: 'busy', hidden: true, role: 'status' }, h('span', { class: 'spinner' }), h('span', { class: 'busy-text' }, 'Sending…'));
  let controller = null;

  const formEl = h('form', { class: 'card op-form', novalidate: true, 'aria-label': `${spec.title} options` },
    h('h3', { class: 'card-title' }, 'Options'),
    form.el,
    h('div', { class: 'form-actions' }, sendBtn, ...(spec.actions ?? []), cancelBtn, busy));

  const previewCard = h('section', { class: 'card preview', 'aria-label': 'Request preview' },
    h('div', { class: 'card-head' },
      h('h3', { class: 'card-title' }, icon('code'), 'Request preview'),
      h('div', { class: 'seg' }, tabXml, tabJs),
      previewMeta,
      copyButton(() => (previewTab === 'xml' ? lastXml : jsPre.textContent), 'Copy')),
    previewError, previewPre, jsPre);
  jsPre.hidden = true;

  const result = createResultCard();

  const el = h('section', { class: 'panel', id: `panel-${spec.id}`, role: 'tabpanel', dataset: { op: spec.title }, 'aria-labelledby': `tab-${spec.id}` },
    h('div', { class: 'op-head' },
      h('h2', {}, spec.title),
      h('p', { class: 'op-summary' }, spec.summary, ' ', spec.docs ? h('a', { href: spec.docs, target: '_blank', rel: 'noopener noreferrer' }, 'Reference') : null)),
    h('div', { class: 'op-grid' }, formEl, h('div', { class: 'op-main' }, previewCard, result.el)));

  function showPreviewTab(t) {
    previewTab = t;
    tabXml.setAttribute('aria-pressed', String(t === 'xml'));
    tabJs.setAttribute('aria-pressed', String(t === 'js'));
    previewPre.hidden = t !== 'xml' || !valid;
    jsPre.hidden = t !== 'js';
  }

  function fullOptions(opts) {
    const header = app.header();
    return header ? { header, ...opts } : opts;
  }

  function clearInvalid() {
    for (const f of formEl.querySelectorAll('.invalid')) f.classList.remove('invalid');
    for (const f of formEl.querySelectorAll('[aria-invalid]')) f.removeAttribute('aria-invalid');
  }

  /** Marks the input whose data-path is `path` (or the nearest enclosing one). */
  function markInvalid(path) {
    if (path === undefined || path === null) return null;
    let p = String(path);
    for (;;) {
      const input = [...formEl.querySelectorAll('[data-path]')].find((x) => x.dataset.path === p && !x.closest('[hidden]'));
      if (input) {
        input.setAttribute('aria-invalid', 'true');
        input.closest('.field')?.classList.add('invalid');
        return input;
      }
      const list = [...formEl.querySelectorAll('[data-list-path]')].find((x) => x.dataset.listPath === p);
      if (list) {
        list.classList.add('invalid');
        return list;
      }
      const cut = Math.max(p.lastIndexOf('.'), p.lastIndexOf('['));
      if (cut <= 0) return null;
      p = p.slice(0, cut);
    }
  }

  function snippet(opts) {
    const lit = jsLiteral(opts);
    const conn = app.connectionSnippet();
    return [
      `import { init, ${spec.builderName}, EwsClient } from 'ews-wasm';`,
      'await init(); // browsers: once, before the first call',
      '',
      `const opts = ${lit};`,
      '',
      '// the SOAP envelope (pure, synchronous; throws EwsError on bad options):',
      `const xml = ${spec.builderName}(opts);`,
      '',
      '// or send it and get the parsed response:',
      `const client = new EwsClient(${conn});`,
      spec.snippet ? spec.snippet('opts') : `const result = await client.${spec.clientMethod}(opts);`,
    ].join('\n');
  }

  function refresh() {
    delete el.dataset.pending;
    const opts = form.collect();
    lastOpts = opts;
    const full = fullOptions(opts);
    clearInvalid();
    clear(jsPre).append(jsFragment(snippet(full)));
    const t0 = performance.now();
    try {
      lastXml = spec.build(full);
      const ms = performance.now() - t0;
      valid = true;
      previewError.hidden = true;
      clear(previewPre).append(xmlFragment(lastXml));
      previewMeta.textContent = `${fmtBytes(new TextEncoder().encode(lastXml).length)} · built in ${fmtMs(ms)}`;
      el.dataset.valid = 'true';
    } catch (e) {
      valid = false;
      lastXml = '';
      el.dataset.valid = 'false';
      previewMeta.textContent = '';
      const field = markInvalid(e?.path);
      clear(previewError).append(
        icon('warning', 'warn-icon'),
        h('div', {},
          h('div', {}, h('code', { class: 'error-code' }, e?.code ?? e?.name), e?.path !== undefined ? [' at ', h('code', { class: 'error-path' }, e.path === '' ? '(options)' : e.path)] : null),
          h('div', { class: 'preview-error-msg' }, e?.message ?? String(e)),
          field ? null : null));
      previewError.dataset.code = e?.code ?? '';
      previewError.dataset.path = e?.path ?? '';
      previewError.hidden = false;
    }
    sendBtn.disabled = !valid || !!controller;
    showPreviewTab(previewTab);
  }
  const refreshLater = debounce(refresh, 60);
  // data-pending: the preview does not show the latest edit yet (tests wait for it to go)
  const refreshSoon = () => {
    el.dataset.pending = 'true';
    refreshLater();
  };
  formEl.addEventListener('input', refreshSoon);
  formEl.addEventListener('change', refreshSoon);
  formEl.addEventListener('submit', (ev) => {
    ev.preventDefault();
    run((ctx) => (spec.send ? spec.send(ctx) : ctx.client[spec.clientMethod](ctx.opts, { signal: ctx.signal })));
  });

  /**
   * Runs `work(ctx)` with busy state, then shows its result (or error) in the
   * result card. Used by Send and by the panels' own actions (Sync to end).
   */
  async function run(work, { label = 'Sending…', render = spec.render } = {}) {
    refresh();
    if (!valid || controller) return undefined;
    controller = new AbortController();
    sendBtn.disabled = true;
    for (const b of spec.actions ?? []) b.disabled = true;
    cancelBtn.hidden = false;
    busy.hidden = false;
    busy.querySelector('.busy-text').textContent = label;
    el.dataset.state = 'busy';
    const n0 = lastExchangeNumber();
    const t0 = performance.now();
    const ctx = { client: app.client(), opts: fullOptions(lastOpts), signal: controller.signal, panel: api };
    let value;
    let error;
    try {
      value = await work(ctx);
    } catch (e) {
      error = e;
    }
    const ms = performance.now() - t0;
    const xs = (await exchangesSince(n0)).filter((x) => x.operation === spec.title);
    const last = xs[xs.length - 1];
    controller = null;
    cancelBtn.hidden = true;
    busy.hidden = true;
    for (const b of spec.actions ?? []) b.disabled = false;
    el.dataset.state = error ? 'error' : 'done';
    const meta = [fmtMs(ms), xs.length > 1 ? `${xs.length} HTTP requests` : xs.length === 1 ? `HTTP ${last.status ?? '—'}` : null,
      last?.responseText !== undefined ? fmtBytes(new TextEncoder().encode(last.responseText).length) : null].filter(Boolean).join(' · ');
    if (error) {
      result.show({
        ok: false,
        title: error.code === 'ERR_ABORTED' ? 'Cancelled' : 'Error',
        meta,
        view: spec.errorExtra ? h('div', { class: 'stack' }, errorView(error, { attempts: xs.length }), spec.errorExtra()) : errorView(error, { attempts: xs.length }),
        json: errorData(error),
        xml: last?.responseText,
      });
    } else {
      const view = render(value, { exchanges: xs, panel: api });
      const retried = xs.filter((x) => x.error || (x.status ?? 0) >= 400 || /ErrorServerBusy/.test(x.responseText ?? '')).length;
      result.show({ ok: true, title: spec.resultTitle?.(value) ?? 'Response', meta, view, json: value, xml: last?.responseText, retries: retried });
    }
    refresh();
    return error ? undefined : value;
  }

  const api = { el, spec, refresh, run, result, form, formEl, busy };
  refresh();
  return api;
}

/** The result card: a status line, a View / JSON / XML toggle, and the body. */
export function createResultCard() {
  const title = h('h3', { class: 'card-title' }, icon('activity'), 'Response');
  const status = h('span', { class: 'badge', hidden: true });
  const meta = h('span', { class: 'meta' });
  const buttons = {};
  const seg = h('div', { class: 'seg', role: 'group', 'aria-label': 'Show the response as' });
  for (const [k, label] of [['view', 'View'], ['json', 'JSON'], ['xml', 'Raw XML']]) {
    buttons[k] = h('button', { type: 'button', class: 'seg-btn', 'aria-pressed': String(k === 'view'), dataset: { view: k }, onclick: () => show(k) }, label);
    seg.append(buttons[k]);
  }
  const body = h('div', { class: 'result-body' },
    h('p', { class: 'placeholder' }, 'Press Send: the response appears here, as the parsed result, as JSON, or as the raw XML.'));
  const viewBox = h('div', { class: 'result-view' });
  const jsonPre = h('pre', { class: 'code json', tabindex: '0' });
  const xmlPre = h('pre', { class: 'code xml', tabindex: '0' });
  const el = h('section', { class: 'card result', 'aria-label': 'Response', 'aria-live': 'polite' },
    h('div', { class: 'card-head' }, title, status, meta, seg), body);
  seg.hidden = true;
  let current = 'view';
  let data = null;

  function show(k) {
    current = k;
    for (const [key, b] of Object.entries(buttons)) b.setAttribute('aria-pressed', String(key === k));
    if (!data) return;
    clear(body);
    if (k === 'view') body.append(viewBox);
    else if (k === 'json') {
      clear(jsonPre).append(jsonFragment(data.json));
      body.append(jsonPre);
    } else {
      clear(xmlPre).append(data.xml ? xmlFragment(data.xml) : document.createTextNode('(no response body was received)'));
      body.append(xmlPre);
    }
  }

  return {
    el,
    /** { ok, title, meta, view: Element, json, xml } */
    show(d) {
      data = d;
      status.hidden = false;
      status.className = `badge ${d.ok ? 'badge-ok' : 'badge-err'}`;
      status.textContent = d.ok ? (d.retries ? `OK after ${d.retries} ${d.retries === 1 ? 'retry' : 'retries'}` : 'OK') : d.title;
      meta.textContent = d.meta ?? '';
      seg.hidden = false;
      el.dataset.ok = String(d.ok);
      clear(viewBox).append(d.view);
      show(current);
    },
    /** Shows `view` without changing the JSON / XML of the last response. */
    setView(view) {
      clear(viewBox).append(view);
      if (!data) {
        data = { json: null, xml: '' };
        seg.hidden = false;
      }
      show(current);
    },
  };
}
