#!/usr/bin/env node
// Serves the built add-in over HTTPS with development certificates, and
// prints how to sideload it (`npm run addin` runs this after the build).
//
//   node examples/outlook-addin/serve.mjs [--port 3000] [--host localhost] [--no-build]
//
// Certificates: office-addin-dev-certs' files in ~/.office-addin-dev-certs
// (ca.crt, localhost.crt, localhost.key), the ones `npx office-addin-dev-certs
// install` trusts. They are generated here when missing or about to expire;
// generating them needs no network. ADDIN_CERT_DIR puts them elsewhere.
import { createReadStream, existsSync, readFileSync, rmSync, statSync } from 'node:fs';
import { X509Certificate } from 'node:crypto';
import https from 'node:https';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildAddin, DIST, DEFAULT_ORIGIN } from './build.mjs';

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm', '.png': 'image/png', '.xml': 'application/xml; charset=utf-8', '.map': 'application/json',
};

/** The development certificate and key, generated when missing or expiring within a day. */
export async function ensureDevCerts(dir = process.env.ADDIN_CERT_DIR || path.join(os.homedir(), '.office-addin-dev-certs')) {
  const ca = path.join(dir, 'ca.crt');
  const cert = path.join(dir, 'localhost.crt');
  const key = path.join(dir, 'localhost.key');
  let fresh = existsSync(ca) && existsSync(cert) && existsSync(key);
  if (fresh) {
    try {
      fresh = new Date(new X509Certificate(readFileSync(cert)).validTo).getTime() > Date.now() + 86_400_000;
    } catch {
      fresh = false;
    }
  }
  let generated = false;
  if (!fresh) {
    const { generateCertificates } = await import('office-addin-dev-certs');
    // it writes only when ca.crt is absent
    for (const f of [ca, cert, key]) rmSync(f, { force: true });
    await generateCertificates(ca, cert, key, 30, ['localhost', '127.0.0.1']);
    generated = true;
  }
  return { ca, cert: readFileSync(cert), key: readFileSync(key), certPath: cert, generated };
}

/**
 * Starts the HTTPS server for `dist`. `handler(req, res)` (optional) is asked
 * first and returns true when it answered (tests mount the mock Exchange there).
 */
export async function startAddinServer({ port = 3000, host = 'localhost', dist = DIST, certs, handler } = {}) {
  const tls = certs ?? (await ensureDevCerts());
  const server = https.createServer({ cert: tls.cert, key: tls.key }, (req, res) => {
    if (handler?.(req, res)) return;
    const rel = decodeURIComponent(new URL(req.url ?? '/', 'https://x').pathname);
    const file = path.join(dist, rel === '/' ? 'taskpane.html' : rel);
    if (!file.startsWith(dist + path.sep) || !existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-cache' });
    createReadStream(file).pipe(res);
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, resolve);
  });
  const address = /** @type {import('node:net').AddressInfo} */ (server.address());
  const origin = `https://${host.includes(':') ? `[${host}]` : host}:${address.port}`;
  return { origin, port: address.port, server, close: () => new Promise((r) => server.close(r)) };
}

function sideloadingSteps(origin, manifest, ca) {
  return `
The add-in is served at ${origin}/taskpane.html
Manifest: ${manifest}  (also at ${origin}/manifest.xml)

Sideload it (Outlook with an Exchange Server mailbox; EWS through makeEwsRequestAsync):
  1. Trust the development CA on the computer that runs Outlook: run
       npx office-addin-dev-certs install
     there, or import ${ca} into its trusted root certificates.
  2. Add the manifest, in one of these:
     - Outlook on the web (Exchange Server): Settings (gear) > Manage add-ins (or
       Manage integrations) > My add-ins > Add a custom add-in > Add from file > manifest.xml
     - Outlook on Windows: File > Manage Add-ins (opens Outlook on the web, as above),
       or Home > Get Add-ins > My add-ins > Add a custom add-in > Add from file
     - Outlook on Mac: Get Add-ins > My add-ins > Add a custom add-in > Add from file
     - An Exchange administrator, for one mailbox (Exchange Management Shell):
       New-App -Mailbox user@contoso.com -FileData ([System.IO.File]::ReadAllBytes("manifest.xml"))
  3. Open a message and choose "Conversation tree" on the ribbon.
Ctrl-C stops the server.`;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const arg = (name, dflt) => {
    const i = process.argv.indexOf(name);
    return i > 0 ? process.argv[i + 1] : dflt;
  };
  const port = Number(arg('--port', process.env.ADDIN_PORT ?? '3000'));
  const host = arg('--host', process.env.ADDIN_HOST ?? 'localhost');
  const certs = await ensureDevCerts();
  if (certs.generated) console.log(`development certificates generated in ${path.dirname(certs.certPath)}`);
  const origin = `https://${host}:${port}`;
  if (!process.argv.includes('--no-build')) {
    await buildAddin({ origin });
    console.log(`built ${path.relative(process.cwd(), DIST)}/ for ${origin}${origin === DEFAULT_ORIGIN ? '' : ' (the manifest in dist/ carries this origin)'}`);
  }
  const running = await startAddinServer({ port, host, certs });
  console.log(sideloadingSteps(running.origin, path.join(DIST, 'manifest.xml'), certs.ca));
  const stop = () => running.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
