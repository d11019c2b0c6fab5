// A recorder of every EWS request the page makes (like the browser's network
// panel): it wraps window.fetch once, before the package is loaded, and keeps
// each EWS exchange's request and response bodies and status, so that every
// response can be shown as raw XML and retries can be seen, whichever client
// sends. Headers are never kept, so credentials are never recorded.

const MAX_EXCHANGES = 200;
const listeners = new Set();
/** Every EWS HTTP exchange, oldest first (at most MAX_EXCHANGES). */
export const exchanges = [];
let exchangeSeq = 0;

/** Calls fn(exchange, phase) with phase 'start' | 'end' for each EWS request. */
export function onExchange(fn) {
  listeners.add(fn);
  return () => listeners.delete(fn);
}

function emit(x, phase) {
  for (const fn of listeners) {
    try {
      fn(x, phase);
    } catch (e) {
      queueMicrotask(() => { throw e; });
    }
  }
}

function operationOf(xml) {
  const m = /<(?:[\w.-]+:)?(GetConversationItems|GetImItemList|GetImItems|SyncFolderItems)[\s/>]/.exec(xml ?? '');
  return m ? m[1] : 'unknown';
}

function isEwsEndpoint(url) {
  return url.origin === location.origin && (/^\/ews\/exchange\.asmx$/i.test(url.pathname) || url.pathname === '/proxy');
}

async function bodyText(input, init) {
  const body = init?.body ?? (input instanceof Request ? await input.clone().text() : undefined);
  if (typeof body === 'string') return body;
  if (body instanceof ArrayBuffer || ArrayBuffer.isView(body)) return new TextDecoder().decode(body);
  if (body instanceof Blob) return body.text();
  return '';
}

function installRecorder() {
  const original = globalThis.fetch;
  if (original.__ewsDemoRecorder) return;
  const recorded = async function fetch(input, init) {
    let url;
    try {
      url = new URL(input instanceof Request ? input.url : String(input), location.href);
    } catch {
      return original.call(globalThis, input, init);
    }
    if (!isEwsEndpoint(url)) return original.call(globalThis, input, init);
    const headers = new Headers(init?.headers ?? (input instanceof Request ? input.headers : undefined));
    const requestXml = await bodyText(input, init);
    const x = {
      n: ++exchangeSeq,
      time: new Date(),
      operation: operationOf(requestXml),
      target: url.pathname === '/proxy' ? headers.get('x-ews-target') ?? '(no target)' : url.pathname,
      viaProxy: url.pathname === '/proxy',
      requestXml,
      status: undefined,
      statusText: '',
      retryAfter: undefined,
      responseText: undefined,
      error: undefined,
      ms: undefined,
    };
    const t0 = performance.now();
    let finish;
    x.done = new Promise((r) => { finish = r; });
    exchanges.push(x);
    if (exchanges.length > MAX_EXCHANGES) exchanges.splice(0, exchanges.length - MAX_EXCHANGES);
    emit(x, 'start');
    let res;
    try {
      res = await original.call(globalThis, input, init);
    } catch (e) {
      x.ms = performance.now() - t0;
      x.error = e?.name === 'AbortError' ? 'aborted' : 'network error';
      emit(x, 'end');
      finish(x);
      throw e;
    }
    x.status = res.status;
    x.statusText = res.statusText;
    x.retryAfter = res.headers.get('retry-after') ?? undefined;
    res.clone().text().then(
      (t) => { x.responseText = t; },
      () => { x.error = 'body not read'; },
    ).finally(() => {
      x.ms = performance.now() - t0;
      emit(x, 'end');
      finish(x);
    });
    return res;
  };
  recorded.__ewsDemoRecorder = true;
  globalThis.fetch = recorded;
}
installRecorder();

/** The exchanges recorded from index `from` on, once they have all finished. */
export async function exchangesSince(from) {
  const xs = exchanges.filter((x) => x.n > from);
  await Promise.all(xs.map((x) => x.done));
  return xs;
}
export function lastExchangeNumber() {
  return exchangeSeq;
}
