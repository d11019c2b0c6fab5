// What each contender ships, in bytes: raw and gzipped (zlib level 9).
//
// Two measures per npm package:
//   loaded     the files Node actually loads for `import(pkg)` (ESM graph seen by a
//              module.register() hook, plus require.cache for CommonJS), plus any
//              .wasm beside them: the closest thing to what a bundle would contain
//   installed  the package and its whole production dependency tree as installed in
//              node_modules (resolved as Node resolves them), every .js/.cjs/.mjs file
//              except source maps and type declarations: what `npm install` brings
// "gzip" gzips the files concatenated in one stream, as a bundle would be served;
// "gzip/file" sums each file gzipped alone, as separately served files would be.
//
//   node bench/sizes.mjs [SPECIFIER|--loaded-files SPECIFIER]

import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire, register } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { MessageChannel } from 'node:worker_threads';
import zlib from 'node:zlib';

const BENCH_DIR = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(BENCH_DIR, '..');
const JS_EXT = /\.(c|m)?js$/;

export function sizeOfFiles(files) {
  const bufs = files.map((f) => fs.readFileSync(f));
  const raw = bufs.reduce((n, b) => n + b.length, 0);
  const gzip = zlib.gzipSync(Buffer.concat(bufs), { level: 9 }).length;
  const gzipPerFile = bufs.reduce((n, b) => n + zlib.gzipSync(b, { level: 9 }).length, 0);
  return { files: files.length, raw, gzip, gzipPerFile };
}

function findPackageDir(name, fromDir) {
  for (let dir = fromDir; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'node_modules', name);
    if (fs.existsSync(path.join(candidate, 'package.json'))) return fs.realpathSync(candidate);
    if (path.dirname(dir) === dir) return null;
  }
}

function listJs(dir, out = []) {
  for (const ent of fs.readdirSync(dir, { withFileTypes: true })) {
    if (ent.name === 'node_modules') continue;
    const p = path.join(dir, ent.name);
    if (ent.isDirectory()) listJs(p, out);
    else if (ent.isFile() && JS_EXT.test(ent.name)) out.push(p);
  }
  return out;
}

/** The package and its production dependency tree as installed: { packages: [name@version], files } */
export function installedTree(name, fromDir = ROOT) {
  const seen = new Map();
  const missing = [];
  const visit = (pkgName, from) => {
    const dir = findPackageDir(pkgName, from);
    if (!dir) {
      missing.push(pkgName);
      return;
    }
    if (seen.has(dir)) return;
    const pj = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'));
    seen.set(dir, `${pj.name}@${pj.version}`);
    for (const dep of Object.keys({ ...pj.dependencies, ...pj.optionalDependencies })) visit(dep, dir);
  };
  visit(name, fromDir);
  const files = [...seen.keys()].flatMap((dir) => listJs(dir));
  return { packages: [...seen.values()], files, missing };
}

/** Runs this file as a child that imports `specifier` and prints every file it loaded. */
export function loadedFiles(specifier) {
  const r = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--loaded-files', specifier], { cwd: BENCH_DIR, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`loading ${specifier} failed: ${r.stderr.trim().split('\n').slice(-3).join(' | ')}`);
  const files = JSON.parse(r.stdout.trim().split('\n').pop());
  // a wasm-bindgen package reads its .wasm with fs, not through the module loader
  const wasm = new Set();
  for (const f of files) {
    for (const n of fs.readdirSync(path.dirname(f))) if (n.endsWith('.wasm')) wasm.add(path.join(path.dirname(f), n));
  }
  return [...files, ...wasm];
}

export function measurePackage(specifier, { installed = true } = {}) {
  const loaded = loadedFiles(specifier);
  const out = { specifier, loaded: sizeOfFiles(loaded) };
  if (installed && !specifier.startsWith('file:')) {
    const tree = installedTree(specifier);
    out.installed = { ...sizeOfFiles(tree.files), packages: tree.packages, missing: tree.missing };
  }
  return out;
}

async function childLoadedFiles(specifier) {
  const { port1, port2 } = new MessageChannel();
  const urls = new Set();
  port1.on('message', (u) => urls.add(u));
  const hooks = `
    let port;
    export function initialize(data) { port = data.port; }
    export async function load(url, context, next) { port.postMessage(url); return next(url, context); }
  `;
  register(`data:text/javascript,${encodeURIComponent(hooks)}`, { data: { port: port2 }, transferList: [port2] });
  await import(specifier);
  await new Promise((r) => setTimeout(r, 50));
  port1.close();
  const require = createRequire(path.join(BENCH_DIR, 'x.js'));
  const files = new Set();
  for (const u of urls) if (u.startsWith('file:')) files.add(fileURLToPath(u));
  for (const f of Object.keys(require.cache)) files.add(f);
  const own = fileURLToPath(import.meta.url);
  // the benchmark's own scripts (bench/*.mjs) are not part of any package; packages
  // kept under bench/ (bench/baseline-0.1.0) are
  return [...files].filter((f) => f !== own && fs.existsSync(f) && path.dirname(f) !== BENCH_DIR && path.basename(f) !== 'package.json');
}

if (process.argv[2] === '--loaded-files') {
  const files = await childLoadedFiles(process.argv[3]);
  console.log(JSON.stringify(files));
  process.exit(0);
} else if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const specs = process.argv.slice(2).length ? process.argv.slice(2) : ['ews-javascript-api', 'fast-xml-parser', 'txml', '@xmldom/xmldom'];
  for (const s of specs) {
    const m = measurePackage(s.startsWith('.') ? pathToFileURL(path.resolve(s)).href : s);
    console.log(JSON.stringify(m, (k, v) => (k === 'packages' ? v.length : v)));
  }
}
