// Shared set-up for the tests that use the built npm package (pkg/) the way a
// user does: `npm pack pkg` (so the package.json `files` whitelist is what is
// tested), extract the tarball into <tmp>/node_modules/ews-wasm, and import
// 'ews-wasm' by its package name from a module written into <tmp>, so that
// Node's own resolution (the `exports` map and its `node` condition) picks
// the entry. Child processes started in <tmp> see the same installation.
//
//   const pkg = await installPackage();   // in before()
//   pkg.ews.parseSyncFolderItemsResponse(xml)
//   await pkg.runNode(`import { ... } from 'ews-wasm'; ...`)   // fresh process
//   pkg.cleanup();                         // in after()

import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const REPO = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
export const PKG = join(REPO, 'pkg');
export const FIXTURES = join(REPO, 'tests', 'fixtures');
export const VALIDATE = process.env.EWS_VALIDATE || join(REPO, '..', 'shared', 'schemas', 'validate');

/** Newest modification time (ms) of the files under `dir` (recursively). */
function newestMtime(dir) {
  let newest = 0;
  let newestPath = dir;
  const walk = (d) => {
    for (const ent of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, ent.name);
      if (ent.isDirectory()) walk(p);
      else if (ent.isFile()) {
        const m = statSync(p).mtimeMs;
        if (m > newest) {
          newest = m;
          newestPath = p;
        }
      }
    }
  };
  walk(dir);
  return { mtime: newest, path: newestPath };
}

/**
 * Throws a clear error when pkg/ is missing, incomplete, or older than what it
 * is built from (src/, Cargo.toml, Cargo.lock; pkg-template/ files must be
 * copied unchanged). `EWS_ALLOW_STALE_PKG=1` turns these checks off (for
 * running the JS tests while someone else is mid-edit in src/).
 */
export function assertPackageIsBuilt() {
  const rebuild = 'run `npm run build` (scripts/test.sh builds before the js step)';
  const wasm = join(PKG, 'ews_wasm_bg.wasm');
  if (!existsSync(PKG) || !existsSync(join(PKG, 'package.json')) || !existsSync(wasm)) {
    throw new Error(`pkg/ is missing or incomplete (no pkg/package.json or pkg/ews_wasm_bg.wasm): ${rebuild}`);
  }
  if (process.env.EWS_ALLOW_STALE_PKG === '1') return;
  const templateDir = join(REPO, 'pkg-template');
  if (existsSync(templateDir)) {
    for (const name of readdirSync(templateDir)) {
      const built = join(PKG, name);
      if (!existsSync(built) || !readFileSync(built).equals(readFileSync(join(templateDir, name)))) {
        throw new Error(`pkg/${name} differs from pkg-template/${name}: pkg/ is older than the template; ${rebuild}`);
      }
    }
  }
  const built = statSync(wasm).mtimeMs;
  const sources = [newestMtime(join(REPO, 'src'))];
  for (const f of ['Cargo.toml', 'Cargo.lock']) {
    const p = join(REPO, f);
    if (existsSync(p)) sources.push({ mtime: statSync(p).mtimeMs, path: p });
  }
  const newest = sources.reduce((a, b) => (b.mtime > a.mtime ? b : a));
  if (newest.mtime > built) {
    throw new Error(
      `pkg/ is older than the sources (${relative(REPO, newest.path)} changed ` +
        `${Math.round((newest.mtime - built) / 1000)} s after pkg/ews_wasm_bg.wasm was built): ${rebuild}, ` +
        'or set EWS_ALLOW_STALE_PKG=1 to test the old build anyway',
    );
  }
}

/** Runs `node` with `args` in `cwd`; resolves { code, signal, stdout, stderr, ms }. */
export function runProcess(args, { cwd, timeoutMs = 60_000, env } = {}) {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, args, { cwd, env: env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr, ms: performance.now() - t0 });
    });
  });
}

/**
 * Packs pkg/ with `npm pack`, installs the tarball as <tmp>/node_modules/ews-wasm
 * and imports 'ews-wasm' from a module in <tmp>. Returns:
 *   ews        the module namespace, as `import * as ews from 'ews-wasm'` gives it
 *   resolved   the file URL Node resolved 'ews-wasm' to, from <tmp>
 *   dir        <tmp>; installed: <tmp>/node_modules/ews-wasm
 *   packed     the file list npm put in the tarball
 *   runNode(source)  writes `source` as an ES module in <tmp> and runs it in a
 *              fresh `node` (cwd <tmp>); resolves { code, stdout, stderr, json }
 *              where json is the last stdout line parsed as JSON (when it is JSON)
 *   cleanup()
 */
export async function installPackage() {
  assertPackageIsBuilt();
  const dir = mkdtempSync(join(tmpdir(), 'ews-wasm-package-test-'));
  const cleanup = () => rmSync(dir, { recursive: true, force: true });
  try {
    const installed = join(dir, 'node_modules', 'ews-wasm');
    mkdirSync(installed, { recursive: true });
    let packOut;
    try {
      packOut = execFileSync('npm', ['pack', PKG, '--pack-destination', dir, '--json', '--silent'], {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'pipe'],
        timeout: 120_000,
      });
    } catch (e) {
      throw new Error(`npm pack pkg/ failed: ${e.stderr || e.message}`);
    }
    const info = JSON.parse(packOut.slice(packOut.indexOf('[')))[0];
    const tgz = join(dir, info.filename);
    execFileSync('tar', ['-xzf', tgz, '-C', installed, '--strip-components=1'], { stdio: 'pipe' });
    rmSync(tgz);
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'ews-wasm-consumer', private: true, type: 'module' }));
    // A consumer module: imports the package by name, as a user's code does.
    writeFileSync(
      join(dir, 'consumer.mjs'),
      "export * as ews from 'ews-wasm';\nexport const resolved = import.meta.resolve('ews-wasm');\n",
    );
    const { ews, resolved } = await import(pathToFileURL(join(dir, 'consumer.mjs')).href);
    let scripts = 0;
    const runNode = async (source, { args = [], timeoutMs } = {}) => {
      const file = join(dir, `child-${++scripts}.mjs`);
      writeFileSync(file, source);
      const r = await runProcess([...args, file], { cwd: dir, timeoutMs });
      const last = r.stdout.trim().split('\n').pop();
      try {
        r.json = JSON.parse(last);
      } catch {
        r.json = undefined;
      }
      return r;
    };
    return {
      ews,
      resolved,
      dir,
      installed,
      packed: info.files.map((f) => f.path).sort(),
      packedSize: info.size,
      runNode,
      cleanup,
    };
  } catch (e) {
    cleanup();
    throw e;
  }
}

/** A fixture's text (UTF-8), by path relative to tests/fixtures/. */
export function fixture(name) {
  return readFileSync(join(FIXTURES, name), 'utf8');
}

/** A fixture's raw bytes. */
export function fixtureBytes(name) {
  return readFileSync(join(FIXTURES, name));
}

/**
 * Validates SOAP request envelopes with ../shared/schemas/validate in ONE
 * xmllint call. `docs` is [{ label, xml }]; resolves [{ label, xml, valid }]
 * plus the validator's output (`output`) and exit code (`code`).
 */
export async function validateRequests(docs, { schema } = {}) {
  if (!docs.length) throw new Error('validateRequests: nothing to validate');
  if (!existsSync(VALIDATE)) throw new Error(`the request validator ${VALIDATE} is missing`);
  const dir = mkdtempSync(join(tmpdir(), 'ews-wasm-validate-'));
  try {
    const files = docs.map((d, i) => {
      const f = join(dir, `${String(i).padStart(4, '0')}-${d.label.replace(/[^A-Za-z0-9_.-]+/g, '_')}.xml`);
      writeFileSync(f, d.xml);
      return f;
    });
    const args = schema ? ['--schema', schema, ...files] : files;
    const r = await new Promise((resolve, reject) => {
      const child = spawn('bash', [VALIDATE, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
      let out = '';
      child.stdout.setEncoding('utf8').on('data', (d) => (out += d));
      child.stderr.setEncoding('utf8').on('data', (d) => (out += d));
      child.on('error', reject);
      child.on('close', (code) => resolve({ code, out }));
    });
    const lines = r.out.split('\n');
    const results = docs.map((d, i) => {
      const ok = lines.includes(`${files[i]} validates`);
      const bad = lines.includes(`${files[i]} fails to validate`);
      if (ok === bad) throw new Error(`no verdict for ${d.label} in the validator's output:\n${r.out}`);
      return { ...d, valid: ok };
    });
    if ((r.code === 0) !== results.every((x) => x.valid)) {
      throw new Error(`validator exit code ${r.code} disagrees with its verdicts:\n${r.out}`);
    }
    return Object.assign(results, { output: r.out.split(dir + '/').join(''), code: r.code });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
