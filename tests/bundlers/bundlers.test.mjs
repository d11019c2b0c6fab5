// The bundler layer: the package as app authors get it (the `npm pack`
// tarball of pkg/, installed with npm into a small app) built with Vite,
// webpack, esbuild and Rollup, each app run in headless Chromium, on the page
// and in a module Web Worker: init(), a request built, a response parsed, a
// thread laid out, a typed error thrown. A last test shows the check fails
// when the .wasm is not where the bundle looks for it.
//
//   npm run build && node --test tests/bundlers/
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, createReadStream, existsSync, mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ROOT, requirePkg, launchBrowser } from '../e2e/helpers.mjs';
import { BUNDLERS, buildApp, copyAppSources } from './bundle.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const WORK = path.join(ROOT, 'target', 'bundler-apps');
const DIST = path.join(WORK, 'dist');

let chromium;
let server;
let baseUrl;
const notFound = [];

const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.mjs': 'text/javascript', '.wasm': 'application/wasm', '.map': 'application/json' };

function serveStatic(root) {
  return http.createServer((req, res) => {
    const rel = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    const file = path.join(root, rel.endsWith('/') ? `${rel}index.html` : rel);
    if (!file.startsWith(root) || !existsSync(file) || !statSync(file).isFile()) {
      notFound.push(rel);
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' });
    createReadStream(file).pipe(res);
  });
}

before(async () => {
  requirePkg();
  rmSync(WORK, { recursive: true, force: true });
  mkdirSync(DIST, { recursive: true });
  // npm pack, then npm install of the tarball, as a user of the registry package gets it.
  const packed = JSON.parse(execFileSync('npm', ['pack', path.join(ROOT, 'pkg'), '--json', '--pack-destination', WORK], { encoding: 'utf8' }));
  const tarball = packed[0].filename;
  writeFileSync(path.join(WORK, 'package.json'), JSON.stringify({
    name: 'ews-wasm-bundler-apps', private: true, type: 'module', dependencies: { 'ews-wasm': `file:./${tarball}` },
  }, null, 2));
  execFileSync('npm', ['install', '--offline', '--no-audit', '--no-fund', '--no-package-lock', '--loglevel=error'], { cwd: WORK, stdio: 'inherit' });
  copyAppSources(path.join(HERE, 'app'), WORK);
  server = serveStatic(DIST);
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${server.address().port}/`;
  chromium = await launchBrowser();
});

after(async () => {
  await chromium?.close();
  await new Promise((resolve) => (server ? server.close(resolve) : resolve()));
});

/** Opens `dir/index.html` and returns what the app published, with the page's errors. */
async function runApp(dir) {
  const page = await chromium.browser.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  try {
    await page.goto(`${baseUrl}${dir}/`);
    await page.waitForFunction(() => window.__ewsResult !== undefined, null, { timeout: 30_000 });
    return { ...(await page.evaluate(() => window.__ewsResult)), errors };
  } finally {
    await page.close();
  }
}

const EXPECTED = {
  requestHasOperation: true,
  requestHasConversationId: true,
  responseClass: 'Success',
  conversationId: 'AAQkADEz',
  thread: [[0, 'Budget & plan'], [1, 'RE: Budget & plan']],
  error: { isEwsError: true, code: 'ERR_INVALID_OPTIONS', path: 'conversations' },
};

/** The app worked on the page and in the worker, with the expected values. */
function assertWorked(result, label) {
  assert.deepEqual(result.errors, [], `${label}: page errors`);
  for (const where of ['page', 'worker']) {
    assert.ok(result[where].ok, `${label} (${where}): ${result[where].error}`);
    assert.deepEqual(result[where].value, EXPECTED, `${label} (${where})`);
  }
}

for (const bundler of BUNDLERS) {
  test(`${bundler}: init, build, parse on the page and in a module worker`, async () => {
    await buildApp(bundler, WORK, path.join(DIST, bundler));
    const before404 = notFound.length;
    assertWorked(await runApp(bundler), bundler);
    assert.deepEqual(notFound.slice(before404), [], `${bundler}: requests for missing files`);
  });
}

test('the check fails when the .wasm is not next to the bundle', async () => {
  const good = path.join(DIST, 'esbuild');
  if (!existsSync(path.join(good, 'main.js'))) await buildApp('esbuild', WORK, good);
  const broken = path.join(DIST, 'esbuild-no-wasm');
  rmSync(broken, { recursive: true, force: true });
  cpSync(good, broken, { recursive: true, filter: (f) => !f.endsWith('.wasm') });
  const result = await runApp('esbuild-no-wasm');
  assert.equal(result.page.ok, false);
  assert.equal(result.worker.ok, false);
  assert.throws(() => assertWorked(result, 'esbuild-no-wasm'), assert.AssertionError);
  assert.ok(notFound.includes('/esbuild-no-wasm/ews_wasm_bg.wasm'));
});
