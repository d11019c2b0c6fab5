#!/usr/bin/env node
// Mock Exchange mailbox server: a real HTTP server answering the EWS SOAP
// operations GetConversationItems, GetImItems, GetImItemList and
// SyncFolderItems at POST /EWS/Exchange.asmx from a stateful, seeded mailbox,
// plus a JSON admin API under /mock-admin/. Node >= 18 built-ins only.
//
//   node www/mock-exchange/server.mjs --port 0 [--host 127.0.0.1]
//        [--auth none|basic|bearer] [--username U] [--password P] [--token T]
//        [--seed N] [--items N] [--folder inbox]
//        [--allow-origin URL]... [--allow-host NAME[:PORT]]...
//
// prints exactly one line: "mock-exchange listening on http://127.0.0.1:PORT/".
// CORS (with credentials) only for its own origins and the --allow-origin ones
// (also EWS_ALLOW_ORIGINS); requests for another Host are refused (see access.mjs).

import http from 'node:http';
import { randomUUID } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import { Mailbox } from './mailbox.mjs';
import { Rng } from './prng.mjs';
import { inspectRequest, executeRequest, faultEnvelope, busyFault, busyResponse, internalFault, SoapFault } from './ews.mjs';
import { adminRoute, normaliseFaults, AdminError } from './admin.mjs';
import { createAccess, refuse, splitList } from './access.mjs';

export { Mailbox } from './mailbox.mjs';

const EWS_PATH = /^\/ews\/exchange\.asmx$/i;
const ADMIN_PREFIX = '/mock-admin';
const MAX_BODY = 32 * 1024 * 1024;
const MAX_LOG = 5000;

const DEFAULT_AUTH = { username: 'alexw@contoso.com', password: 'P@ssw0rd!', token: 'mock-exchange-token' };

const IIS_401 = '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd">\r\n' +
  '<html xmlns="http://www.w3.org/1999/xhtml">\r\n<head>\r\n<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1"/>\r\n' +
  '<title>401 - Unauthorized: Access is denied due to invalid credentials.</title>\r\n</head>\r\n<body>\r\n' +
  '<div id="header"><h1>Server Error</h1></div>\r\n<div id="content">\r\n <div class="content-container"><fieldset>\r\n' +
  '  <h2>401 - Unauthorized: Access is denied due to invalid credentials.</h2>\r\n' +
  '  <h3>You do not have permission to view this directory or page using the credentials that you supplied.</h3>\r\n' +
  ' </fieldset></div>\r\n</div>\r\n</body>\r\n</html>\r\n';
const HTML_503 = '<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.01//EN""http://www.w3.org/TR/html4/strict.dtd">\r\n<HTML><HEAD><TITLE>Service Unavailable</TITLE>\r\n' +
  '<META HTTP-EQUIV="Content-Type" Content="text/html; charset=us-ascii"></HEAD>\r\n<BODY><h2>Service Unavailable</h2>\r\n<hr><p>HTTP Error 503. The service is unavailable.</p>\r\n</BODY></HTML>\r\n';
const HTML_429 = '<html><head><title>429 Too Many Requests</title></head><body><h2>Too Many Requests</h2><p>The user has sent too many requests in a given amount of time.</p></body></html>\r\n';

function normaliseAuth(auth) {
  if (auth === undefined || auth === null || auth === 'none') return { mode: 'none' };
  const a = typeof auth === 'string' ? { mode: auth } : auth;
  const mode = a.mode ?? 'none';
  if (!['none', 'basic', 'bearer'].includes(mode)) throw new AdminError(400, 'auth.mode must be none, basic or bearer');
  return {
    mode,
    username: a.username ?? DEFAULT_AUTH.username,
    password: a.password ?? DEFAULT_AUTH.password,
    token: a.token ?? DEFAULT_AUTH.token,
  };
}

function checkAuth(auth, header) {
  if (auth.mode === 'none') return true;
  if (typeof header !== 'string') return false;
  const m = /^(\S+)\s+(.*)$/.exec(header.trim());
  if (!m) return false;
  if (auth.mode === 'bearer') return m[1].toLowerCase() === 'bearer' && m[2].trim() === auth.token;
  if (m[1].toLowerCase() !== 'basic') return false;
  const decoded = Buffer.from(m[2].trim(), 'base64').toString('utf8');
  return decoded === `${auth.username}:${auth.password}`;
}

function emptyStats() {
  return {
    requests: 0, byOperation: {}, byStatus: {}, unauthorized: 0, preflight: 0, admin: 0,
    faults: { total: 0, 503: 0, 429: 0, busy: 0, busy500: 0, busy200: 0, drop: 0, delay: 0, fault500: 0 },
  };
}

// Authentication schemes whose name may be logged (the IANA registry, and NTLM).
// Anything else in front of the credential could itself be a secret: logged as 'other'.
const AUTH_SCHEMES = new Map(['Basic', 'Bearer', 'Concealed', 'Digest', 'DPoP', 'GNAP', 'HOBA', 'Mutual', 'Negotiate',
  'NTLM', 'OAuth', 'PrivateToken', 'SCRAM-SHA-1', 'SCRAM-SHA-256', 'vapid'].map((s) => [s.toLowerCase(), s]));

/** The scheme of an Authorization header as sent ('Basic', 'bearer', ...), never the credential. */
export function authScheme(header) {
  if (typeof header !== 'string') return undefined;
  const word = header.trim().split(/\s+/)[0];
  if (!word) return 'other';
  return AUTH_SCHEMES.has(word.toLowerCase()) ? word : 'other';
}

// Request headers the log never keeps (credentials): Authorization is logged as its scheme only.
const UNLOGGED_HEADERS = new Set(['authorization', 'proxy-authorization', 'cookie']);

function loggedHeaders(h) {
  const out = {};
  for (const [k, v] of Object.entries(h)) if (!UNLOGGED_HEADERS.has(k)) out[k] = v;
  return out;
}

/** CORS grant for an allowed Origin; nothing for requests without one (same-origin, non-browser). */
function setCors(access, req, res) {
  const origin = req.headers.origin;
  res.setHeader('Vary', 'Origin');
  if (!access.originAllowed(origin)) return;
  res.setHeader('Access-Control-Allow-Origin', origin);
  res.setHeader('Access-Control-Allow-Credentials', 'true');
  res.setHeader('Access-Control-Expose-Headers', 'Retry-After, WWW-Authenticate');
}

function preflight(access, req, res) {
  if (!access.originAllowed(req.headers.origin)) {
    // not a CORS preflight (no Origin, or `Origin: null`): no grant
    res.writeHead(204, { Allow: 'POST, GET, DELETE, OPTIONS' });
    res.end();
    return;
  }
  res.setHeader('Access-Control-Allow-Methods', 'POST, GET, DELETE, OPTIONS');
  res.setHeader('Access-Control-Allow-Headers', req.headers['access-control-request-headers'] ||
    'Content-Type, Authorization, SOAPAction, X-AnchorMailbox, client-request-id, return-client-request-id');
  res.setHeader('Access-Control-Max-Age', '600');
  res.writeHead(204);
  res.end();
}

function readBody(req, limit) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    let size = 0;
    req.on('data', (c) => {
      size += c.length;
      if (size > limit) { reject(Object.assign(new Error('body too large'), { status: 413 })); req.destroy(); return; }
      chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
    req.on('close', () => { if (!req.complete) reject(new Error('aborted')); });
  });
}

function send(res, status, body, headers = {}) {
  if (res.destroyed || res.writableEnded) return;
  try {
    res.writeHead(status, { 'Content-Length': Buffer.byteLength(body), ...headers });
    res.end(body);
  } catch { /* the client went away */ }
}

function sendJson(res, status, obj) {
  send(res, status, JSON.stringify(obj), { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
}

/**
 * The request handler, for mounting in another HTTP server:
 *   const mock = createMockExchangeHandler({ seed: 1 });
 *   http.createServer((req, res) => { if (!mock.handle(req, res)) serveOther(req, res); });
 * `handle` returns true for /EWS/Exchange.asmx and /mock-admin/* (and answers
 * them asynchronously), false for everything else.
 */
export function createMockExchangeHandler(options = {}) {
  const access = options.access ?? createAccess({ allowOrigins: options.allowOrigins });
  const mailbox = options.mailbox ?? new Mailbox({ seed: options.seed ?? 1, items: options.items, folder: options.folder ?? 'inbox', secret: options.secret });
  const timers = new Set();
  let requestCounter = 0;
  const ctl = {
    mailbox,
    auth: normaliseAuth(options.auth),
    faults: null,
    faultRng: null,
    faultCount: 0,
    busyToggle: 0,
    log: [],
    stats: emptyStats(),
    setFaults(body) {
      this.faults = normaliseFaults(body, mailbox.seed);
      this.faultRng = new Rng(`faults:${this.faults.seed}`);
      this.faultCount = 0;
      this.busyToggle = 0;
      return this.faults;
    },
    clearFaults() { this.faults = null; this.faultRng = null; },
    resetStats() { this.stats = emptyStats(); },
    setAuth(a) { this.auth = normaliseAuth(a); },
  };
  if (options.faults) ctl.setFaults(options.faults);

  function pickFault(operation) {
    const f = ctl.faults;
    if (!f) return null;
    if (f.operations && !f.operations.includes(operation)) return null;
    if (f.maxFaults !== undefined && ctl.faultCount >= f.maxFaults) return null;
    const r = ctl.faultRng.next();
    const k = ctl.faultRng.next();
    if (r >= f.rate) return null;
    ctl.faultCount++;
    const chosen = f.kinds[Math.floor(k * f.kinds.length)];
    const kind = chosen === 'busy' ? (ctl.busyToggle++ % 2 === 0 ? 'busy500' : 'busy200') : chosen;
    return { chosen, kind };
  }

  function logRequest(req, entry) {
    const h = req.headers;
    const rec = {
      n: ++requestCounter,
      time: new Date().toISOString(),
      method: req.method,
      path: req.url,
      operation: undefined,
      status: undefined,
      fault: null,
      headers: loggedHeaders(h),
      authScheme: authScheme(h.authorization),
      xAnchorMailbox: h['x-anchormailbox'],
      clientRequestId: h['client-request-id'],
      userAgent: h['user-agent'],
      soapAction: h.soapaction,
      contentType: h['content-type'],
      requestServerVersion: undefined,
      impersonation: null,
      mailboxCulture: undefined,
      responseCode: undefined,
      ...entry,
    };
    ctl.log.push(rec);
    if (ctl.log.length > MAX_LOG) ctl.log.splice(0, ctl.log.length - MAX_LOG);
    return rec;
  }

  function count(rec) {
    const s = ctl.stats;
    s.requests++;
    if (rec.operation) s.byOperation[rec.operation] = (s.byOperation[rec.operation] || 0) + 1;
    if (rec.status !== undefined) s.byStatus[rec.status] = (s.byStatus[rec.status] || 0) + 1;
  }

  async function handleEws(req, res) {
    if (req.method === 'OPTIONS') { ctl.stats.preflight++; preflight(access, req, res); return; }
    const rec = logRequest(req, {});
    res.on('close', () => { if (rec.status === undefined) rec.status = res.headersSent ? res.statusCode : 0; });
    if (!checkAuth(ctl.auth, req.headers.authorization)) {
      ctl.stats.unauthorized++;
      rec.status = 401;
      req.resume();
      count(rec);
      send(res, 401, IIS_401, {
        'Content-Type': 'text/html',
        'WWW-Authenticate': ctl.auth.mode === 'basic' ? 'Basic realm="mock-exchange"' : 'Bearer',
        'X-Powered-By': 'ASP.NET',
      });
      return;
    }
    if (req.method !== 'POST') {
      req.resume();
      rec.status = req.method === 'GET' || req.method === 'HEAD' ? 200 : 405;
      count(rec);
      if (rec.status === 405) send(res, 405, 'Method Not Allowed', { Allow: 'POST, GET, OPTIONS', 'Content-Type': 'text/plain' });
      else send(res, 200, req.method === 'HEAD' ? '' : '<html><body><h1>mock-exchange</h1><p>POST SOAP requests to this URL.</p></body></html>', { 'Content-Type': 'text/html' });
      return;
    }
    let text;
    try {
      text = (await readBody(req, MAX_BODY)).toString('utf8');
    } catch (e) {
      rec.status = e.status || 400;
      count(rec);
      send(res, rec.status, e.status === 413 ? 'Request Entity Too Large' : 'Bad Request', { 'Content-Type': 'text/plain', Connection: 'close' });
      return;
    }
    rec.bytes = Buffer.byteLength(text);
    let inspected = null;
    let parseFault = null;
    try {
      inspected = inspectRequest(text);
      rec.operation = inspected.operation;
      rec.requestServerVersion = inspected.header.requestServerVersion;
      rec.impersonation = inspected.header.impersonation ?? null;
      rec.mailboxCulture = inspected.header.mailboxCulture;
    } catch (e) {
      parseFault = e instanceof SoapFault ? e : new SoapFault('ErrorInternalServerError', String(e && e.message));
    }
    const headers = { 'Content-Type': 'text/xml; charset=utf-8', 'request-id': randomUUID(), 'X-Powered-By': 'ASP.NET', 'Cache-Control': 'private' };
    const crid = req.headers['client-request-id'];
    if (crid && String(req.headers['return-client-request-id']).toLowerCase() === 'true') headers['client-request-id'] = crid;

    // Fault injection: decided before anything runs, so an injected fault changes nothing.
    const picked = pickFault(rec.operation);
    if (picked) {
      const f = ctl.faults;
      const { chosen, kind } = picked;
      rec.fault = kind;
      ctl.stats.faults.total++;
      ctl.stats.faults[chosen]++;
      if (chosen !== kind) ctl.stats.faults[kind]++;
      if (kind === 'drop') { rec.status = 0; count(rec); req.socket.destroy(); return; }
      if (kind === '503' || kind === '429') {
        rec.status = Number(kind);
        count(rec);
        send(res, rec.status, kind === '503' ? HTML_503 : HTML_429, { 'Content-Type': 'text/html', 'Retry-After': String(f.retryAfterSeconds) });
        return;
      }
      if (kind === 'fault500') {
        rec.status = 500; rec.responseCode = 'ErrorInternalServerError';
        count(rec);
        send(res, 500, internalFault(), headers);
        return;
      }
      if (kind === 'busy500' || kind === 'busy200') {
        const body200 = kind === 'busy200' ? busyResponse(rec.operation, f.backOffMilliseconds) : undefined;
        rec.status = body200 ? 200 : 500; rec.responseCode = 'ErrorServerBusy';
        count(rec);
        send(res, rec.status, body200 ?? busyFault(f.backOffMilliseconds), headers);
        return;
      }
      if (kind === 'delay') {
        await new Promise((resolve) => { const t = setTimeout(() => { timers.delete(t); resolve(); }, f.delayMs); timers.add(t); });
        if (res.destroyed || req.socket.destroyed) { rec.status = 0; count(rec); return; }
      }
    }

    let result;
    if (parseFault) {
      result = { status: 500, xml: faultEnvelope(parseFault.code, parseFault.message, { messageXml: parseFault.messageXml }), responseCode: parseFault.code };
    } else {
      result = executeRequest(mailbox, inspected);
      if (result.internalError && options.onError) options.onError(result.internalError);
    }
    rec.status = result.status;
    rec.responseCode = result.responseCode;
    count(rec);
    send(res, result.status, result.xml, headers);
  }

  async function handleAdmin(req, res, url) {
    if (req.method === 'OPTIONS') { ctl.stats.preflight++; preflight(access, req, res); return; }
    ctl.stats.admin++;
    let body = {};
    if (req.method === 'POST' || req.method === 'PUT' || req.method === 'DELETE') {
      let raw;
      try { raw = (await readBody(req, 4 * 1024 * 1024)).toString('utf8'); } catch (e) { sendJson(res, e.status || 400, { error: e.message }); return; }
      if (raw.trim()) {
        try { body = JSON.parse(raw); } catch { sendJson(res, 400, { error: 'body is not valid JSON' }); return; }
        if (!body || typeof body !== 'object' || Array.isArray(body)) { sendJson(res, 400, { error: 'body must be a JSON object' }); return; }
      }
    } else {
      req.resume();
    }
    const rest = url.pathname.slice(ADMIN_PREFIX.length).split('/').filter(Boolean);
    let segments;
    try { segments = rest.map(decodeURIComponent); } catch { sendJson(res, 400, { error: 'bad URL encoding' }); return; }
    const [status, json] = adminRoute(ctl, req.method, segments, body, url.searchParams);
    sendJson(res, status, json);
  }

  function handle(req, res) {
    let url;
    try { url = new URL(req.url, 'http://localhost'); } catch { return false; }
    const isEws = EWS_PATH.test(url.pathname);
    const isAdmin = url.pathname === ADMIN_PREFIX || url.pathname.startsWith(`${ADMIN_PREFIX}/`);
    if (!isEws && !isAdmin) return false;
    if (refuse(access, req, res, 'mock-exchange')) return true;
    setCors(access, req, res);
    const run = isEws ? handleEws(req, res) : handleAdmin(req, res, url);
    run.catch((e) => {
      if (options.onError) options.onError(e);
      if (!res.headersSent) {
        if (isEws) send(res, 500, internalFault(), { 'Content-Type': 'text/xml; charset=utf-8' });
        else sendJson(res, e.status || 500, { error: String(e && e.message) });
      } else {
        res.destroy();
      }
    });
    return true;
  }

  return {
    handle,
    access,
    mailbox,
    controller: ctl,
    setFaults: (f) => ctl.setFaults(f),
    clearFaults: () => ctl.clearFaults(),
    requests: () => ctl.log,
    stats: () => ctl.stats,
    setAuth: (a) => ctl.setAuth(a),
    close() { for (const t of timers) clearTimeout(t); timers.clear(); },
  };
}

/**
 * Starts the mock on its own HTTP server.
 * @returns {Promise<{url, ewsUrl, adminUrl, port, mailbox, handler, server, close(): Promise<void>}>}
 */
export async function startMockExchange({ port = 0, host = '127.0.0.1', allowOrigins, allowHosts, ...options } = {}) {
  const access = createAccess({ allowOrigins, allowHosts });
  const handler = createMockExchangeHandler({ ...options, access });
  const server = http.createServer((req, res) => {
    if (refuse(access, req, res, 'mock-exchange')) return;
    if (handler.handle(req, res)) return;
    const body = req.url === '/' ? 'mock-exchange: POST EWS SOAP to /EWS/Exchange.asmx; admin API under /mock-admin/\n' : 'Not Found\n';
    res.writeHead(req.url === '/' ? 200 : 404, { 'Content-Type': 'text/plain; charset=utf-8' });
    res.end(body);
  });
  server.on('clientError', (err, socket) => {
    if (socket.writable && !socket.destroyed) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
    else socket.destroy();
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => { server.off('error', reject); resolve(); });
  });
  const addr = server.address();
  access.listening(host, addr.port);
  const shownHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;
  const url = `http://${shownHost}:${addr.port}/`;
  let closed = false;
  return {
    url,
    ewsUrl: `${url}EWS/Exchange.asmx`,
    adminUrl: `${url}mock-admin/`,
    port: addr.port,
    access,
    mailbox: handler.mailbox,
    handler,
    server,
    close() {
      if (closed) return Promise.resolve();
      closed = true;
      handler.close();
      return new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections?.();
      });
    },
  };
}

const REPEATABLE = new Set(['allow-origin', 'allow-host']);

function parseArgs(argv) {
  const out = { 'allow-origin': [], 'allow-host': [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const m = /^--([a-z-]+)(?:=(.*))?$/.exec(a);
    if (!m) throw new Error(`unexpected argument ${a}`);
    const value = m[2] ?? argv[++i];
    if (value === undefined) throw new Error(`missing value for --${m[1]}`);
    if (REPEATABLE.has(m[1])) out[m[1]].push(value);
    else out[m[1]] = value;
  }
  return out;
}

async function main() {
  let args;
  try { args = parseArgs(process.argv.slice(2)); } catch (e) {
    process.stderr.write(`${e.message}\nusage: server.mjs --port 0 [--host 127.0.0.1] [--auth none|basic|bearer] [--username U] [--password P] [--token T] [--seed N] [--items N] [--folder inbox] [--allow-origin URL]... [--allow-host NAME[:PORT]]...\n`);
    process.exit(2);
  }
  const num = (v) => (v === undefined ? undefined : /^\d+$/.test(v) ? Number(v) : v);
  const mode = args.auth ?? 'none';
  const opts = {
    port: Number(args.port ?? 0),
    host: args.host ?? '127.0.0.1',
    auth: { mode, username: args.username, password: args.password, token: args.token },
    seed: num(args.seed) ?? 1,
    items: args.items === undefined ? undefined : Number(args.items),
    folder: args.folder ?? 'inbox',
    allowOrigins: [...splitList(process.env.EWS_ALLOW_ORIGINS), ...args['allow-origin']],
    allowHosts: [...splitList(process.env.EWS_ALLOW_HOSTS), ...args['allow-host']],
    onError: (e) => process.stderr.write(`mock-exchange: ${e && e.stack ? e.stack : e}\n`),
  };
  let mock;
  try { mock = await startMockExchange(opts); } catch (e) {
    process.stderr.write(`mock-exchange: cannot start: ${e.message}\n`);
    process.exit(1);
  }
  process.stdout.write(`mock-exchange listening on ${mock.url}\n`);
  if (mode !== 'none') {
    const a = mock.handler.controller.auth;
    process.stderr.write(mode === 'basic' ? `mock-exchange: Basic auth as ${a.username} / ${a.password}\n` : `mock-exchange: Bearer token ${a.token}\n`);
  }
  const stop = () => { mock.close().then(() => process.exit(0)); setTimeout(() => process.exit(0), 2000).unref(); };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main();
