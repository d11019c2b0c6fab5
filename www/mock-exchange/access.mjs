// Who may talk to a local server: the rules the mock Exchange server and the
// demo server (www/server.mjs) share. Node built-ins only.
//
// - Host: a request is answered only when its `Host` header names the address
//   the server listens on (127.0.0.1, localhost, [::1], the listen host; for a
//   wildcard listen address also the machine's interface addresses) with the
//   listen port, or a host the user configured. This stops DNS rebinding: a
//   page on http://evil.example:PORT whose name was re-pointed at 127.0.0.1
//   sends `Host: evil.example:PORT`.
// - Origin: CORS (with credentials) is granted only to the server's own
//   origins (http:// + each allowed host) and the origins the user configured.
//   A request from any other origin is refused with 403 and gets no
//   Access-Control-Allow-* header. `Origin: null` (sent by pages with
//   `Referrer-Policy: no-referrer` even to their own origin) is let through
//   without a grant unless Sec-Fetch-Site says the request is cross-site.

import os from 'node:os';

const LOOPBACK = ['127.0.0.1', 'localhost', '[::1]'];

/** Splits a list given on a command line or in an environment variable ("a, b c"). */
export function splitList(value) {
  if (value === undefined || value === null) return [];
  const parts = Array.isArray(value) ? value.flatMap((v) => String(v).split(/[\s,]+/)) : String(value).split(/[\s,]+/);
  return parts.filter(Boolean);
}

/**
 * An origin as the browser serialises it (`http://host:port`, no default port,
 * no path), or an Error for anything else (`*`, paths, other schemes).
 */
export function normaliseOrigin(value) {
  let url;
  try {
    url = new URL(String(value));
  } catch {
    throw new Error(`not an origin: ${JSON.stringify(String(value))} (expected e.g. http://localhost:5173)`);
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.username || url.password ||
    (url.pathname !== '/' && url.pathname !== '') || url.search || url.hash) {
    throw new Error(`not an origin: ${JSON.stringify(String(value))} (expected scheme://host[:port], e.g. http://localhost:5173)`);
  }
  return url.origin;
}

// A Host header: a DNS name or IPv4 address, or a bracketed IPv6 address, and an optional port.
const HOST_SYNTAX = /^(?:[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$/;

/**
 * `host[:port]` lower-cased, with the default port 80 left out, or null when
 * the value is not a plain host (user info, paths and the like are refused, not stripped).
 */
export function normaliseHost(value, defaultPort) {
  if (typeof value !== 'string' || !HOST_SYNTAX.test(value)) return null;
  let url;
  try {
    url = new URL(`http://${value}`);
  } catch {
    return null;
  }
  if (url.port === '' && defaultPort !== undefined && !/:\d+$/.test(value)) url.port = String(defaultPort);
  return url.host;
}

function hostLiteral(address) {
  return address.includes(':') ? `[${address}]` : address;
}

/**
 * The access rules of one server.
 * @param {{ allowOrigins?: string[]|string, allowHosts?: string[]|string }} [options]
 *   allowOrigins: extra origins granted CORS (e.g. a dev server's page);
 *   allowHosts: extra `name` or `name:port` values accepted in `Host`
 *   (`name` alone means the listen port), e.g. when reached through a port
 *   forward or under a DNS name.
 */
export function createAccess({ allowOrigins = [], allowHosts = [] } = {}) {
  const configuredOrigins = new Set(splitList(allowOrigins).map(normaliseOrigin));
  const configuredHosts = splitList(allowHosts).map((h) => {
    if (!HOST_SYNTAX.test(h)) throw new Error(`not a host: ${JSON.stringify(h)} (expected name or name:port)`);
    return h;
  });
  let hosts = null; // Set of normalised host:port once the server listens
  let origins = new Set(configuredOrigins);

  return {
    /** Tells the rules where the server listens (after `listen`). */
    listening(host, port) {
      const names = new Set(LOOPBACK);
      if (host) names.add(hostLiteral(host));
      if (!host || host === '0.0.0.0' || host === '::') {
        for (const list of Object.values(os.networkInterfaces())) {
          for (const a of list ?? []) names.add(hostLiteral(a.address.replace(/%.*$/, '')));
        }
      }
      const set = new Set();
      for (const n of names) {
        const h = normaliseHost(`${n}:${port}`);
        if (h) set.add(h);
      }
      for (const h of configuredHosts) {
        const n = normaliseHost(h, port);
        if (n) set.add(n);
      }
      hosts = set;
      origins = new Set(configuredOrigins);
      for (const h of set) origins.add(`http://${h}`);
    },
    /** True when `Host` names this server (always true before `listening`, e.g. for a mounted handler). */
    hostAllowed(hostHeader) {
      if (!hosts) return true;
      const h = normaliseHost(hostHeader);
      return h !== null && hosts.has(h);
    },
    /** True when CORS may be granted to this Origin header value. */
    originAllowed(origin) {
      if (typeof origin !== 'string' || origin === 'null') return false;
      let o;
      try {
        o = normaliseOrigin(origin);
      } catch {
        return false;
      }
      return origins.has(o);
    },
    /** True when the request comes from a page of an origin that is not allowed. */
    foreign(req) {
      const origin = req.headers.origin;
      if (origin === undefined) return false;
      if (origin === 'null') {
        const site = req.headers['sec-fetch-site'];
        return site === 'cross-site' || site === 'same-site';
      }
      // A page of the origin the request was made to is not a foreign page
      // (a handler mounted in an HTTPS server is reached as https://Host).
      const scheme = req.socket?.encrypted ? 'https:' : 'http:';
      if (this.hostAllowed(req.headers.host) && sameOrigin(origin, scheme, req.headers.host)) return false;
      return !this.originAllowed(origin);
    },
    /** The origins granted CORS, and the accepted Host values (for messages and tests). */
    origins: () => [...origins],
    hosts: () => (hosts ? [...hosts] : null),
  };
}

/** Whether an Origin header is `scheme//Host` for the request's scheme and Host header. */
function sameOrigin(origin, scheme, hostHeader) {
  const h = normaliseHost(hostHeader);
  if (h === null) return false;
  try {
    const url = new URL(normaliseOrigin(origin));
    if (url.protocol !== scheme) return false;
    const port = url.port || (scheme === 'https:' ? '443' : '80');
    return normaliseHost(`${url.hostname}:${port}`) === h || normaliseHost(url.host) === h;
  } catch {
    return false;
  }
}

/**
 * Answers a request the rules refuse (and returns true), or returns false:
 * 421 for a foreign `Host`, 403 for a foreign `Origin` (preflights included).
 */
export function refuse(access, req, res, name) {
  let status = 0;
  let text = '';
  if (!access.hostAllowed(req.headers.host)) {
    status = 421;
    text = `${name}: this server does not answer for Host ${JSON.stringify(String(req.headers.host ?? ''))} ` +
      '(only the address it listens on, or a host allowed with --allow-host)';
  } else if (access.foreign(req)) {
    status = 403;
    text = `${name}: origin ${JSON.stringify(String(req.headers.origin))} is not allowed (add it with --allow-origin)`;
  }
  if (!status) return false;
  req.resume();
  if (!res.headersSent && !res.destroyed) {
    const body = `${text}\n`;
    res.writeHead(status, {
      'Content-Type': 'text/plain; charset=utf-8', 'Content-Length': Buffer.byteLength(body),
      'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff', Vary: 'Origin',
    });
    res.end(body);
  }
  return true;
}
