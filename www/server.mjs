#!/usr/bin/env node
// The ews-wasm demo server: ONE Node server (built-ins only) on 127.0.0.1 that
//   - serves the demo page (www/) and the built package (pkg/ at /pkg/),
//   - mounts the mock Exchange mailbox at /EWS/Exchange.asmx and /mock-admin/,
//   - forwards POST /proxy to the EWS URL in the `X-Ews-Target` header (with the
//     Authorization header), so that a browser can talk to a real server that
//     sends no CORS headers. Credentials are passed through, never logged or kept.
//
//   node www/server.mjs [--allow-origin URL]... [--allow-host NAME[:PORT]]...
//        PORT=0 picks a free port (default 8080); EWS_ALLOW_ORIGINS, EWS_ALLOW_HOSTS
// prints: "ews-wasm demo: http://127.0.0.1:PORT/"
//
// It answers only requests whose Host is the address it listens on (or an
// --allow-host one): anything else gets 421, so a DNS-rebinding page cannot use
// the proxy or the mock. CORS (with credentials) is granted only to its own
// origins and the --allow-origin ones; other origins get 403 (see mock-exchange/access.mjs).
//
// For tests: `const demo = await startDemoServer({ port: 0 })` →
//   { url, port, server, mock, access, close() }   (mock = createMockExchangeHandler's handler)

import http from 'node:http';
import https from 'node:https';
import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createMockExchangeHandler } from './mock-exchange/server.mjs';
import { createAccess, refuse, splitList } from './mock-exchange/access.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '..');

const MIME = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.map': 'application/json; charset=utf-8',
  '.ts': 'text/plain; charset=utf-8',
  '.md': 'text/markdown; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
};

// Request headers the proxy forwards, and response headers it hands back.
const FORWARD_REQUEST = ['content-type', 'authorization', 'soapaction', 'x-anchormailbox', 'x-preferserveraffinity',
  'client-request-id', 'return-client-request-id', 'accept', 'prefer'];
const FORWARD_RESPONSE = ['content-type', 'retry-after', 'request-id', 'client-request-id', 'x-ms-diagnostics',
  'x-backendhttpstatus'];
const PROXY_MAX_BODY = 16 * 1024 * 1024;
const PROXY_TIMEOUT_MS = 120_000;

function send(res, status, body, headers = {}) {
  if (res.headersSent || res.destroyed) return;
  const buf = typeof body === 'string' ? Buffer.from(body) : body;
  res.writeHead(status, { 'Content-Length': buf.length, 'X-Content-Type-Options': 'nosniff', ...headers });
  res.end(buf);
}

function sendText(res, status, text, headers = {}) {
  send(res, status, `${text}\n`, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store', ...headers });
}

/** The CSP of the page: everything from this origin, the one inline import map by hash, wasm allowed. */
function contentSecurityPolicy(html) {
  const hashes = [];
  for (const m of html.matchAll(/<script\b[^>]*type="importmap"[^>]*>([\s\S]*?)<\/script>/g)) {
    hashes.push(`'sha256-${createHash('sha256').update(m[1]).digest('base64')}'`);
  }
  return [
    "default-src 'self'",
    `script-src 'self' 'wasm-unsafe-eval' ${hashes.join(' ')}`.trim(),
    "style-src 'self'",
    "img-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** Maps a URL path to a file under `base`, or null when it would leave `base`. */
function safeJoin(base, urlPath) {
  let decoded;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const file = path.resolve(base, `.${path.posix.normalize(`/${decoded}`)}`);
  return file === base || file.startsWith(base + path.sep) ? file : null;
}

async function serveFile(req, res, file) {
  let st;
  try {
    st = await stat(file);
  } catch {
    return false;
  }
  if (!st.isFile()) return false;
  const ext = path.extname(file).toLowerCase();
  const type = MIME[ext] ?? 'application/octet-stream';
  let body = await readFile(file);
  const headers = { 'Content-Type': type, 'Cache-Control': 'no-cache', 'Referrer-Policy': 'no-referrer' };
  if (ext === '.html') headers['Content-Security-Policy'] = contentSecurityPolicy(body.toString('utf8'));
  if (req.method === 'HEAD') {
    res.writeHead(200, { ...headers, 'Content-Length': body.length });
    res.end();
    return true;
  }
  send(res, 200, body, headers);
  return true;
}

function readBody(req, limit) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    let size = 0;
    req.on('data', (c) => {
      size += c.length;
      if (size > limit) {
        reject(Object.assign(new Error('request body too large'), { status: 413 }));
        req.destroy();
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/**
 * POST /proxy with `X-Ews-Target: https://host/EWS/Exchange.asmx`: forwards the
 * body and the EWS-relevant headers (Authorization included) and streams the
 * answer back. Nothing about the request is logged. `WWW-Authenticate` comes
 * back as `X-Ews-WWW-Authenticate` so that the browser shows no login dialog.
 * Proxy-level failures are 502/504 with `X-Ews-Proxy-Error: 1` and a text body.
 */
async function proxy(access, req, res) {
  if (req.method === 'OPTIONS' && access.originAllowed(req.headers.origin)) {
    // a CORS preflight from an allowed origin (the top level set Allow-Origin/Credentials)
    req.resume();
    res.writeHead(204, {
      'Access-Control-Allow-Methods': 'POST, OPTIONS',
      'Access-Control-Allow-Headers': req.headers['access-control-request-headers'] ||
        'Content-Type, Authorization, SOAPAction, X-Ews-Target, X-AnchorMailbox, client-request-id, return-client-request-id',
      'Access-Control-Max-Age': '600',
    });
    res.end();
    return;
  }
  if (req.method !== 'POST') {
    req.resume();
    sendText(res, 405, 'ews-wasm demo proxy: POST only', { Allow: 'POST' });
    return;
  }
  const target = req.headers['x-ews-target'];
  let url;
  try {
    url = new URL(String(target ?? ''));
  } catch {
    url = null;
  }
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:') || url.username || url.password) {
    req.resume();
    sendText(res, 400, 'ews-wasm demo proxy: the X-Ews-Target header must be an absolute http(s) URL without credentials',
      { 'X-Ews-Proxy-Error': '1' });
    return;
  }
  let body;
  try {
    body = await readBody(req, PROXY_MAX_BODY);
  } catch (e) {
    sendText(res, e.status ?? 400, `ews-wasm demo proxy: ${e.message}`, { 'X-Ews-Proxy-Error': '1' });
    return;
  }
  const headers = { 'content-length': body.length, 'user-agent': 'ews-wasm-demo-proxy' };
  for (const name of FORWARD_REQUEST) {
    if (req.headers[name] !== undefined) headers[name] = req.headers[name];
  }
  const lib = url.protocol === 'https:' ? https : http;
  await new Promise((resolve) => {
    const upstream = lib.request(url, { method: 'POST', headers, timeout: PROXY_TIMEOUT_MS }, (up) => {
      const out = { 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' };
      for (const name of FORWARD_RESPONSE) {
        if (up.headers[name] !== undefined) out[name] = up.headers[name];
      }
      if (up.headers['www-authenticate'] !== undefined) out['x-ews-www-authenticate'] = up.headers['www-authenticate'];
      out['access-control-expose-headers'] = 'Retry-After, X-Ews-WWW-Authenticate, X-Ews-Proxy-Error, request-id, client-request-id';
      res.writeHead(up.statusCode ?? 502, up.statusMessage, out);
      up.pipe(res);
      up.on('end', resolve);
      up.on('error', () => { res.destroy(); resolve(); });
    });
    upstream.on('timeout', () => upstream.destroy(Object.assign(new Error('the server did not answer in time'), { code: 'ETIMEDOUT' })));
    upstream.on('error', (e) => {
      const status = e.code === 'ETIMEDOUT' ? 504 : 502;
      if (!res.headersSent) {
        sendText(res, status, `ews-wasm demo proxy: cannot reach ${url.origin}: ${e.code ?? e.message}`, { 'X-Ews-Proxy-Error': '1' });
      } else {
        res.destroy();
      }
      resolve();
    });
    // The browser gave up (timeout, abort): stop the upstream request too.
    res.on('close', () => { if (!res.writableFinished) upstream.destroy(); });
    upstream.end(body);
  });
}

/**
 * Starts the demo server.
 * @param {{ port?: number, host?: string, mock?: object, pkgDir?: string,
 *   allowOrigins?: string[], allowHosts?: string[] }} [options]
 *   `mock`: options for createMockExchangeHandler (seed, items, auth, faults, ...);
 *   `allowOrigins`: origins granted CORS besides the server's own (e.g. http://localhost:5173);
 *   `allowHosts`: `Host` values accepted besides the listen address (`name` or `name:port`).
 * @returns {Promise<{ url: string, port: number, server: http.Server, mock: object, access: object, close(): Promise<void> }>}
 */
export async function startDemoServer({
  port = 0, host = '127.0.0.1', mock: mockOptions = {}, pkgDir = path.join(ROOT, 'pkg'), allowOrigins, allowHosts,
} = {}) {
  const wwwDir = HERE;
  const access = createAccess({ allowOrigins, allowHosts });
  const mock = createMockExchangeHandler({ seed: 1, ...mockOptions, access });

  const server = http.createServer((req, res) => {
    const handle = async () => {
      // DNS rebinding (foreign Host) → 421, a page of a foreign origin → 403
      if (refuse(access, req, res, 'ews-wasm demo')) return;
      res.setHeader('Vary', 'Origin');
      if (access.originAllowed(req.headers.origin)) {
        res.setHeader('Access-Control-Allow-Origin', req.headers.origin);
        res.setHeader('Access-Control-Allow-Credentials', 'true');
      }
      if (mock.handle(req, res)) return;
      let pathname;
      try {
        pathname = new URL(req.url, 'http://localhost').pathname;
      } catch {
        sendText(res, 400, 'Bad Request');
        return;
      }
      if (pathname === '/proxy') {
        await proxy(access, req, res);
        return;
      }
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        req.resume();
        sendText(res, 405, 'Method Not Allowed', { Allow: 'GET, HEAD' });
        return;
      }
      let file = null;
      if (pathname === '/pkg' || pathname.startsWith('/pkg/')) {
        file = safeJoin(pkgDir, pathname.slice('/pkg'.length) || '/');
      } else if (pathname === '/' || pathname === '/index.html') {
        file = path.join(wwwDir, 'index.html');
      } else if (/^\/[A-Za-z0-9_-]+\.(?:js|css|svg|png)$/.test(pathname)) {
        // Only the page's own flat files: not the mock's sources, not server.mjs.
        file = safeJoin(wwwDir, pathname);
      }
      if (file && (await serveFile(req, res, file))) return;
      const hint = pathname.startsWith('/pkg/') && !existsSync(pkgDir) ? ' (no pkg/: run npm run build)' : '';
      sendText(res, 404, `Not Found${hint}`);
    };
    handle().catch((e) => {
      process.stderr.write(`ews-wasm demo: internal error: ${e && e.message}\n`);
      if (!res.headersSent) sendText(res, 500, 'Internal Server Error');
      else res.destroy();
    });
  });
  server.on('clientError', (err, socket) => {
    if (socket.writable && !socket.destroyed) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
    else socket.destroy();
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const actual = server.address().port;
  access.listening(host, actual);
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${actual}/`;
  let closed;
  return {
    url,
    port: actual,
    server,
    mock,
    access,
    close() {
      closed ??= new Promise((resolve) => {
        mock.close();
        server.close(() => resolve());
        server.closeAllConnections?.();
      });
      return closed;
    },
  };
}

function parseArgs(argv) {
  const out = { allowOrigins: [], allowHosts: [] };
  for (let i = 0; i < argv.length; i++) {
    const m = /^--(allow-origin|allow-host)(?:=(.*))?$/.exec(argv[i]);
    if (!m) throw new Error(`unexpected argument ${argv[i]}`);
    const value = m[2] ?? argv[++i];
    if (value === undefined) throw new Error(`missing value for --${m[1]}`);
    (m[1] === 'allow-origin' ? out.allowOrigins : out.allowHosts).push(value);
  }
  return out;
}

async function main() {
  let args;
  try {
    args = parseArgs(process.argv.slice(2));
  } catch (e) {
    process.stderr.write(`ews-wasm demo: ${e.message}\nusage: [PORT=8080] node www/server.mjs [--allow-origin URL]... [--allow-host NAME[:PORT]]...\n`);
    process.exit(2);
  }
  const raw = process.env.PORT ?? '8080';
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    process.stderr.write(`ews-wasm demo: PORT must be a number from 0 to 65535, got "${raw}"\n`);
    process.exit(2);
  }
  if (!existsSync(path.join(ROOT, 'pkg', 'index.js'))) {
    process.stderr.write('ews-wasm demo: warning: pkg/index.js is missing: run npm run build (the page cannot load the package)\n');
  }
  let demo;
  try {
    demo = await startDemoServer({
      port,
      allowOrigins: [...splitList(process.env.EWS_ALLOW_ORIGINS), ...args.allowOrigins],
      allowHosts: [...splitList(process.env.EWS_ALLOW_HOSTS), ...args.allowHosts],
    });
  } catch (e) {
    const hint = e.code === 'EADDRINUSE' ? ` (port ${port} is in use: try PORT=0 for a free port)` : '';
    process.stderr.write(`ews-wasm demo: cannot start: ${e.message}${hint}\n`);
    process.exit(1);
  }
  process.stdout.write(`ews-wasm demo: ${demo.url}\n`);
  const stop = () => {
    demo.close().then(() => process.exit(0));
    setTimeout(() => process.exit(0), 2000).unref();
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main();
