#!/usr/bin/env node
// npm run bench  (node bench/run.mjs [--quick] [--only=NAME,...] [--no-memory] [--no-sizes])
//
// In one Node process, on the same generated inputs (bench/generate.mjs): ews-wasm
// against what a user would otherwise pick (ews-javascript-api, fast-xml-parser,
// txml, @xmldom/xmldom + a DOM walk). For each input and parser: warm-up, then at
// least 20 timed runs (process.hrtime.bigint), median, IQR and min/max. Then the
// memory growth of one parse of each kind's largest input, each parser in a child
// process of its own; then the shipped sizes; then criterion's native Rust numbers if
// `cargo bench` has produced any. Prints Markdown tables and writes
// bench/data/results.json and bench/data/latest.md. It reports; it never fails on a
// timing (the exit code is non-zero only when the benchmark itself cannot run).

import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import v8 from 'node:v8';
import vm from 'node:vm';
import { gzipSync } from 'node:zlib';
import { DATA_DIR, LARGEST, writeAll } from './generate.mjs';
import { nativeFor, readCriterion, criterionDir } from './native.mjs';
import { loadEngine, timeEngine, ENGINE_DIR } from './engine.mjs';
import { BASELINE_ENTRY, KINDS, PARSERS } from './parsers.mjs';
import { loadedFiles, measurePackage, sizeOfFiles } from './sizes.mjs';

const BENCH_DIR = path.dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const flag = (name) => args.includes(`--${name}`);
const only = args.find((a) => a.startsWith('--only='))?.slice(7).split(',');
const QUICK = flag('quick');
const MIN_RUNS = QUICK ? 5 : 20;
const MAX_RUNS = QUICK ? 20 : 200;
const BUDGET_MS = QUICK ? 300 : 1500; // timed runs per (input, parser): MIN_RUNS, or more if they fit in about this long
const WARMUP_MS = QUICK ? 100 : 400;
// `npm run bench` must end within 10 minutes even on a busy machine: past this point the
// remaining memory runs are skipped (and said so)
const SOFT_DEADLINE_MS = 8 * 60_000;

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc');

const out = [];
const say = (s = '') => {
  out.push(s);
  console.log(s);
};
const fmtMs = (x) => (x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x >= 1 ? x.toFixed(2) : x.toFixed(3));
const fmtBytes = (n) => (n >= 1048576 ? `${(n / 1048576).toFixed(2)} MiB` : n >= 1024 ? `${(n / 1024).toFixed(1)} KiB` : `${n} B`);
const fmtRatio = (r) => (r == null || !Number.isFinite(r) ? '–' : r >= 10 ? `${r.toFixed(0)}×` : r >= 1 ? `${r.toFixed(1)}×` : `${r.toFixed(2)}×`);

function quantile(sorted, q) {
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}

let sink; // keeps every result reachable until the next run, so no work is optimised away
async function call(fn, xml) {
  const r = fn(xml);
  return r && typeof r.then === 'function' ? await r : r;
}

// warm-up (after the one checked run the caller made): at least 2 more runs, up to
// WARMUP_MS; returns the number of timed runs to make (MIN_RUNS..MAX_RUNS, as many as
// fit in about BUDGET_MS)
async function warmUp(fn, xml) {
  const start = performance.now();
  let warm = 0;
  while (warm < 2 || (performance.now() - start < WARMUP_MS && warm < 30)) {
    sink = await call(fn, xml);
    warm++;
  }
  const estimate = (performance.now() - start) / warm;
  return { warmup: warm, runs: Math.max(MIN_RUNS, Math.min(MAX_RUNS, Math.ceil(BUDGET_MS / estimate))) };
}

async function timedRuns(fn, xml, n, samples) {
  for (let i = 0; i < n; i++) {
    const t0 = process.hrtime.bigint();
    const r = fn(xml);
    sink = r && typeof r.then === 'function' ? await r : r;
    samples.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
}

function stats(samples) {
  const s = [...samples].sort((a, b) => a - b);
  return { runs: s.length, median: quantile(s, 0.5), p25: quantile(s, 0.25), p75: quantile(s, 0.75), min: s[0], max: s[s.length - 1] };
}

// ------------------------------------------------------------------ set-up

const t0 = Date.now();
const cpus = os.cpus();
const machine = {
  node: process.version,
  v8: process.versions.v8,
  platform: `${os.type()} ${os.release()} ${os.arch()}`,
  cpu: cpus[0]?.model?.trim() ?? 'unknown',
  cores: os.availableParallelism?.() ?? cpus.length,
  memory: fmtBytes(os.totalmem()),
  date: new Date().toISOString().slice(0, 19).replace('T', ' ') + ' UTC',
  loadBefore: os.loadavg().map((x) => x.toFixed(2)).join(' '),
};
say(`# ews-wasm benchmark`);
say();
say(`Node ${machine.node} (V8 ${machine.v8}), ${machine.platform}, ${machine.cores} cores (${machine.cpu}), ${machine.memory} RAM, ${machine.date}, load average ${machine.loadBefore} (1, 5, 15 min)${QUICK ? ' — QUICK MODE, not for publishing' : ''}`);
say();

const inputs = writeAll(DATA_DIR).filter((i) => !only || only.includes(i.name));
if (!inputs.length) {
  console.error(`no input matches --only=${only}`);
  process.exit(2);
}
const expectedCount = (input) => (input.kind === 'sync' ? input.expected.changes : input.kind === 'gci' ? input.expected.nodes : input.expected.personas);

const loaded = [];
for (const p of PARSERS) {
  try {
    await p.load();
    loaded.push(p);
  } catch (e) {
    if (p.id === 'ews-wasm') {
      say('ews-wasm not built: run npm run build');
      for (const d of e.details ?? []) console.log(`  (${d})`);
    } else if (p.id === 'ews-wasm-0.1.0') {
      say(`ews-wasm 0.1.0 could not be loaded from bench/baseline-0.1.0 (${e.message}); see bench/baseline-0.1.0/README.md`);
    } else if (p.id === 'floor') {
      say(`the hand-over floor needs the current ews-wasm build (${e.message}); run npm run build`);
    } else {
      say(`${p.id} could not be loaded (${e.message}); is it installed? (npm install)`);
    }
  }
}
const wasm = loaded.find((p) => p.id === 'ews-wasm');
if (wasm) {
  // which build: the repository's commit (and whether src/ differs from it), the .wasm's size
  const git = (...a) => spawnSync('git', a, { cwd: BENCH_DIR, encoding: 'utf8' }).stdout?.trim();
  const commit = git('rev-parse', '--short', 'HEAD') || 'unknown';
  const dirty = git('status', '--porcelain', '--', '../src', '../Cargo.toml', '../Cargo.lock') ? ' with uncommitted changes in src/' : '';
  let wasmFile = '';
  let where = wasm.from;
  try {
    where = path.relative(process.cwd(), fileURLToPath(import.meta.resolve(wasm.from)));
    const dir = path.dirname(fileURLToPath(import.meta.resolve(wasm.from)));
    const f = fs.readdirSync(dir).find((n) => n.endsWith('.wasm'));
    if (f) wasmFile = `, ${f} ${fmtBytes(fs.statSync(path.join(dir, f)).size)}`;
  } catch {}
  machine.ewsWasm = { from: wasm.from, commit: commit + (dirty ? '+dirty' : '') };
  say(`ews-wasm loaded from ${where} (built from ${commit}${dirty}${wasmFile})`);
  try {
    const dir = path.dirname(fileURLToPath(import.meta.resolve(wasm.from)));
    const mine = fs.readFileSync(path.join(dir, fs.readdirSync(dir).find((n) => n.endsWith('_bg.wasm'))));
    if (mine.equals(fs.readFileSync(path.join(BENCH_DIR, 'baseline-0.1.0', 'ews_wasm_bg.wasm')))) {
      say('WARNING: this ews-wasm .wasm is byte-identical to bench/baseline-0.1.0 (0.1.0): the "current" column measures 0.1.0. A stale build? (e.g. a target/ shared with an old checkout)');
    }
  } catch {}
}
say();
say('## Inputs');
say();
say('| input | what | size | count |');
say('|---|---|---:|---:|');
for (const i of inputs) say(`| ${i.name} | ${i.what} | ${fmtBytes(i.bytes)} | ${expectedCount(i)} ${KINDS[i.kind].unit} |`);
say();

// ------------------------------------------------------------------ timing

const results = { machine, quick: QUICK, inputs: inputs.map(({ xml, path: p, ...rest }) => rest), timing: {}, memory: {}, sizes: {}, native: [] };

// Per input: every parser is checked (one run, its result counted) and warmed up; then
// the timed runs go in ABBA order (first half of each parser's runs in order, second
// half in reverse order), so that a machine getting busier or quieter during the input
// weighs on every parser alike. Each parser pays for the garbage it makes (its runs
// follow one another); a full GC, not timed, separates one parser's runs from the next.
for (const input of inputs) {
  const rows = {};
  const entries = [];
  for (const p of loaded.filter((x) => x.kinds.includes(input.kind))) {
    try {
      const fn = p.make(input.kind, input.xml);
      const count = p.count(input.kind, await call(fn, input.xml));
      const w = await warmUp(fn, input.xml);
      sink = undefined;
      gc();
      entries.push({ p, fn, count, ...w, samples: [] });
    } catch (e) {
      rows[p.id] = { error: `${e.code ?? e.name ?? 'Error'}: ${String(e.message ?? e).split('\n')[0]}` };
      process.stderr.write(`timing ${input.name} × ${p.id} failed: ${rows[p.id].error}\n`);
    }
  }
  const phases = [entries, [...entries].reverse()];
  for (const [phase, order] of phases.entries()) {
    for (const e of order) {
      if (e.error) continue;
      const n = phase === 0 ? Math.ceil(e.runs / 2) : Math.floor(e.runs / 2);
      try {
        await timedRuns(e.fn, input.xml, n, e.samples);
      } catch (err) {
        e.error = `${err.code ?? err.name ?? 'Error'}: ${String(err.message ?? err).split('\n')[0]}`;
      }
      sink = undefined;
      gc();
    }
  }
  const expected = expectedCount(input);
  for (const e of entries) {
    if (e.error) {
      rows[e.p.id] = { error: e.error };
      continue;
    }
    const t = stats(e.samples);
    rows[e.p.id] = { ...t, warmup: e.warmup + 1, count: e.count, countOk: e.count === expected, mbPerS: input.bytes / 1e6 / (t.median / 1e3) };
    process.stderr.write(`timing ${input.name} × ${e.p.id}: ${fmtMs(t.median)} ms (${t.runs} runs)${e.count === expected ? '' : ` COUNT ${e.count} != ${expected}`}\n`);
  }
  results.timing[input.name] = rows;
}

// ------------------------------------------------------------------ memory

function memoryRun(p, input) {
  const child = spawnSync(
    process.execPath,
    ['--expose-gc', '--trace-gc', path.join(BENCH_DIR, 'mem-child.mjs'), p.id, input.kind, input.path],
    { cwd: BENCH_DIR, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, timeout: 180_000 },
  );
  const lines = (child.stdout ?? '').split('\n');
  const resultLine = lines.find((l) => l.startsWith('@@MEM-RESULT '));
  if (!resultLine) {
    const why = child.error?.message ?? (child.stderr || '').trim().split('\n').slice(-2).join(' | ');
    return { error: why || `exit ${child.status}` };
  }
  const r = JSON.parse(resultLine.slice(13));
  const b = lines.indexOf('@@MEM-BEGIN');
  const e = lines.indexOf('@@MEM-END');
  let gcPeak = 0;
  let gcs = 0;
  for (const l of lines.slice(b + 1, e)) {
    const m = /: (?:Scavenge|Mark-Compact|Mark-sweep|Minor Mark-Sweep|Minor Mark-Compact)[^\d]*([\d.]+) \(([\d.]+)\) -> ([\d.]+) \(([\d.]+)\) MB/.exec(l);
    if (m) {
      gcs++;
      gcPeak = Math.max(gcPeak, Number(m[1]) * 1048576);
    }
  }
  const total = (u) => u.heapUsed + u.external + u.arrayBuffers;
  const retained = total(r.after) - total(r.before);
  const live = r.live ? total(r.live) - total(r.before) : null;
  const peak = Math.max(gcPeak, r.after.heapUsed) + r.after.external + r.after.arrayBuffers - total(r.before);
  const peakRss = r.peakReset && r.hwm != null && r.rss0 != null ? r.hwm - r.rss0 : null;
  return { ms: r.ms, count: r.count, bytes: r.bytes, gcs, retained, live, peak, peakRss, before: r.before, after: r.after, released: r.released };
}

if (!flag('no-memory')) {
  for (const input of inputs.filter((i) => LARGEST.includes(i.name))) {
    const rows = {};
    for (const p of loaded.filter((x) => x.kinds.includes(input.kind))) {
      if (Date.now() - t0 > SOFT_DEADLINE_MS) {
        rows[p.id] = { error: 'skipped: the run is past its time budget (busy machine?)' };
        continue;
      }
      process.stderr.write(`memory ${input.name} × ${p.id} ...`);
      rows[p.id] = memoryRun(p, input);
      process.stderr.write(rows[p.id].error ? ` failed: ${rows[p.id].error}\n` : ` peak ${fmtBytes(rows[p.id].peak)}\n`);
    }
    results.memory[input.name] = rows;
  }
}

// ------------------------------------------------------------------ sizes

if (!flag('no-sizes')) {
  process.stderr.write('sizes ...\n');
  if (wasm) {
    try {
      const files = loadedFiles(wasm.from);
      results.sizes['ews-wasm'] = { specifier: wasm.from, loaded: sizeOfFiles(files), fileList: files.map((f) => path.relative(path.resolve(BENCH_DIR, '..'), f)) };
    } catch (e) {
      results.sizes['ews-wasm'] = { error: e.message };
    }
  }
  if (loaded.some((p) => p.id === 'ews-wasm-0.1.0')) {
    try {
      const files = loadedFiles(BASELINE_ENTRY);
      results.sizes['ews-wasm 0.1.0'] = { specifier: BASELINE_ENTRY, loaded: sizeOfFiles(files), fileList: files.map((f) => path.relative(path.resolve(BENCH_DIR, '..'), f)) };
    } catch (e) {
      results.sizes['ews-wasm 0.1.0'] = { error: e.message };
    }
  }
  for (const spec of ['ews-javascript-api', 'fast-xml-parser', 'txml', '@xmldom/xmldom']) {
    try {
      results.sizes[spec] = measurePackage(spec);
    } catch (e) {
      results.sizes[spec] = { error: e.message };
    }
  }
}

results.native = readCriterion();

// The parse and JSON writing alone inside the module (bench/engine.mjs), when
// scripts/bench-engine.sh has built the bench module.
results.engine = {};
const engine = loadEngine();
if (engine) {
  for (const input of inputs) {
    results.engine[input.name] = timeEngine(engine, input.name, Buffer.from(input.xml, 'utf8'));
    process.stderr.write(`engine ${input.name}: ${fmtMs(results.engine[input.name].median)} ms\n`);
  }
}

// ------------------------------------------------------------------ report

const ids = loaded.map((p) => p.id);
const peerIds = ids.filter((id) => id !== 'ews-wasm');

say('## Parse time (median ms; in brackets: ews-wasm ÷ peer, below 1 means ews-wasm is faster)');
say();
say(`| input | size | ${ids.join(' | ')} |`);
say(`|---|---:|${ids.map(() => '---:').join('|')}|`);
for (const input of inputs) {
  const rows = results.timing[input.name];
  const w = rows['ews-wasm']?.median;
  const cells = ids.map((id) => {
    const r = rows[id];
    if (!r) return 'n/a';
    if (r.error) return 'error';
    const ratio = id !== 'ews-wasm' && w ? ` (${fmtRatio(w / r.median)})` : '';
    return `${fmtMs(r.median)}${ratio}${r.countOk ? '' : ' ⚠'}`;
  });
  say(`| ${input.name} | ${fmtBytes(input.bytes)} | ${cells.join(' | ')} |`);
}
say();
say('n/a: ews-javascript-api has no GetImItemList. ⚠: the parser did not return the expected number of changes / nodes / personas. ews-wasm-0.1.0: the 0.1.0 build (bench/baseline-0.1.0), "before". floor: the hand-over floor, TextEncoder.encodeInto of the input (into a buffer of its UTF-8 size) + TextDecoder.decode of ews-wasm\'s JSON result + JSON.parse of it, no parsing.');
say();
if (ids.includes('ews-wasm') && (ids.includes('ews-wasm-0.1.0') || ids.includes('floor'))) {
  say('### ews-wasm against its 0.1.0 build and the hand-over floor (median ms, same run)');
  say();
  say('| input | size | ews-wasm | 0.1.0 (before) | hand-over floor | ews-wasm ÷ 0.1.0 | speed-up over 0.1.0 | ews-wasm ÷ floor |');
  say('|---|---:|---:|---:|---:|---:|---:|---:|');
  for (const input of inputs) {
    const rows = results.timing[input.name];
    const med = (id) => (rows[id] && !rows[id].error ? rows[id].median : null);
    const cell = (id) => (rows[id] ? (rows[id].error ? 'error' : fmtMs(rows[id].median)) : 'n/a');
    const [w, b, f] = [med('ews-wasm'), med('ews-wasm-0.1.0'), med('floor')];
    const ratio = (x, y) => (x && y ? fmtRatio(x / y) : '–');
    say(`| ${input.name} | ${fmtBytes(input.bytes)} | ${cell('ews-wasm')} | ${cell('ews-wasm-0.1.0')} | ${cell('floor')} | ${ratio(w, b)} | ${ratio(b, w)} | ${ratio(w, f)} |`);
  }
  say();
  say('ews-wasm ÷ 0.1.0 below 1 and speed-up above 1 mean the current build is faster than 0.1.0; ews-wasm ÷ floor is how far the whole call is above the cost of handing the input in and the result out (1.0 would be a parse that costs nothing).');
  say();
}
say('### Spread');
say();
say('| input | parser | median ms | IQR ms | min–max ms | runs | MB/s |');
say('|---|---|---:|---:|---:|---:|---:|');
for (const input of inputs) {
  for (const id of ids) {
    const r = results.timing[input.name][id];
    if (!r) continue;
    if (r.error) {
      say(`| ${input.name} | ${id} | error: ${r.error} | | | | |`);
      continue;
    }
    say(`| ${input.name} | ${id} | ${fmtMs(r.median)} | ${fmtMs(r.p25)}–${fmtMs(r.p75)} | ${fmtMs(r.min)}–${fmtMs(r.max)} | ${r.runs} | ${r.mbPerS.toFixed(1)} |`);
  }
}
say();

if (Object.keys(results.memory).length) {
  say('## Memory growth of one parse (child process per parser; ÷ input size in brackets)');
  say();
  say('| input | parser | peak heap+external+arrayBuffers | retained with the result | live after GC, result kept | peak RSS | ews-wasm ÷ peer (peak) |');
  say('|---|---|---:|---:|---:|---:|---:|');
  for (const [name, rows] of Object.entries(results.memory)) {
    const bytes = inputs.find((i) => i.name === name).bytes;
    const w = rows['ews-wasm']?.peak;
    for (const [id, r] of Object.entries(rows)) {
      if (r.error) {
        say(`| ${name} | ${id} | error: ${r.error} | | | | |`);
        continue;
      }
      const rel = (v) => (v == null ? '–' : `${fmtBytes(Math.max(0, v))} (${(v / bytes).toFixed(1)}×)`);
      const ratio = id !== 'ews-wasm' && w ? fmtRatio(w / r.peak) : '';
      say(`| ${name} (${fmtBytes(bytes)}) | ${id} | ${rel(r.peak)} | ${rel(r.retained)} | ${rel(r.live)} | ${rel(r.peakRss)} | ${ratio} |`);
    }
  }
  say();
}

if (Object.keys(results.sizes).length) {
  say('## Shipped size (zlib level 9)');
  say();
  say('| package | loaded by Node: files | raw | gzip | installed tree: packages | JS files | raw | gzip | ews-wasm ÷ peer (gzip, loaded) |');
  say('|---|---:|---:|---:|---:|---:|---:|---:|---:|');
  const wz = results.sizes['ews-wasm']?.loaded?.gzip;
  for (const [name, s] of Object.entries(results.sizes)) {
    if (s.error) {
      say(`| ${name} | error: ${s.error} | | | | | | | |`);
      continue;
    }
    const inst = s.installed ? `${s.installed.packages.length} | ${s.installed.files} | ${fmtBytes(s.installed.raw)} | ${fmtBytes(s.installed.gzip)}` : '– | – | – | –';
    const ratio = name !== 'ews-wasm' && wz ? fmtRatio(wz / s.loaded.gzip) : '';
    say(`| ${name} | ${s.loaded.files} | ${fmtBytes(s.loaded.raw)} | ${fmtBytes(s.loaded.gzip)} | ${inst} | ${ratio} |`);
  }
  if (!results.sizes['ews-wasm']) say('| ews-wasm | not built | | | | | | | |');
  say();
  // the module and its wasm-bindgen glue alone (what issue 12's size floor counts), now and in 0.1.0
  const coreRows = [];
  for (const [name, files] of Object.entries(results.sizes)) {
    if (!name.startsWith('ews-wasm') || !files.fileList) continue;
    const pick = (re) => files.fileList.find((f) => re.test(path.basename(f)));
    const [wasmFile, glueFile] = [pick(/_bg\.wasm$/), pick(/^ews_wasm\.js$/)];
    if (!wasmFile || !glueFile) continue;
    const gz = (f) => gzipSync(fs.readFileSync(path.resolve(BENCH_DIR, '..', f)), { level: 9 }).length;
    const row = { wasm: gz(wasmFile), glue: gz(glueFile) };
    files.core = row;
    coreRows.push(`| ${name} | ${fmtBytes(row.wasm)} (${row.wasm} B) | ${fmtBytes(row.glue)} (${row.glue} B) | ${fmtBytes(row.wasm + row.glue)} (${row.wasm + row.glue} B) |`);
  }
  // the same module without the client core's ClientCall (scripts/size-core.sh, run by npm run bench)
  const noCore = path.resolve(BENCH_DIR, '..', 'target', 'size-core');
  const mine = results.sizes['ews-wasm']?.core;
  let coreLine;
  if (mine && fs.existsSync(path.join(noCore, 'ews_wasm_bg.wasm'))) {
    const gz = (f) => gzipSync(fs.readFileSync(path.join(noCore, f)), { level: 9 }).length;
    const row = { wasm: gz('ews_wasm_bg.wasm'), glue: gz('ews_wasm.js') };
    results.sizes['ews-wasm without ClientCall'] = { core: row };
    coreRows.push(`| ews-wasm without ClientCall (target/size-core) | ${fmtBytes(row.wasm)} (${row.wasm} B) | ${fmtBytes(row.glue)} (${row.glue} B) | ${fmtBytes(row.wasm + row.glue)} (${row.wasm + row.glue} B) |`);
    coreLine = `The client core (\`ClientCall\` and what only it reaches) adds ${mine.wasm - row.wasm} B to the .wasm and ${mine.glue - row.glue} B to the glue (issue 13's budget: 12 KB gzip -9 of the .wasm).`;
  }
  if (coreRows.length) {
    say('The module and its glue alone (zlib level 9, as above; GNU `gzip -9` writes about 1% less, e.g. 148421 B for 0.1.0\'s .wasm):');
    say();
    say('| build | .wasm, gzip | wasm-bindgen glue (ews_wasm.js), gzip | .wasm + glue |');
    say('|---|---:|---:|---:|');
    for (const r of coreRows) say(r);
    say();
    if (coreLine) {
      say(coreLine);
      say();
    }
  }
}

say('## Native Rust (criterion)');
say();
if (!results.native.length) {
  say(`No criterion results in ${path.relative(path.resolve(BENCH_DIR, '..'), criterionDir()) || criterionDir()}: \`node bench/generate.mjs && cargo bench\` produces them (see bench/README.md).`);
} else {
  say('| input | criterion benchmark | median ms | 95% CI (ms) | ews-wasm in Node ÷ native |');
  say('|---|---|---:|---|---:|');
  const matched = new Set();
  for (const input of inputs) {
    for (const r of nativeFor(input.name, results.native)) {
      matched.add(r);
      const w = results.timing[input.name]['ews-wasm']?.median;
      say(`| ${input.name} | ${r.id} | ${fmtMs(r.medianNs / 1e6)} | ${fmtMs(r.medianLowerNs / 1e6)}–${fmtMs(r.medianUpperNs / 1e6)} | ${w ? fmtRatio(w / (r.medianNs / 1e6)) : '–'} |`);
    }
  }
  for (const r of results.native.filter((x) => !matched.has(x))) {
    say(`| (other) | ${r.id} | ${fmtMs(r.medianNs / 1e6)} | ${fmtMs(r.medianLowerNs / 1e6)}–${fmtMs(r.medianUpperNs / 1e6)} | |`);
  }
}
say();

say('## The module alone: parse and JSON writing inside WebAssembly vs natively');
say();
if (!engine) {
  say(`No bench module in ${path.relative(path.resolve(BENCH_DIR, '..'), ENGINE_DIR)}: \`bash scripts/bench-engine.sh\` builds it (npm run bench does).`);
} else {
  say('Inside the module: `benchRun` on input already in its memory, the JSON dropped there (nothing crosses to JavaScript). Native: the same code, `cargo bench --bench parse`.');
  say();
  say('| input | in wasm, median ms | IQR | native, median ms | wasm ÷ native | whole call (ews-wasm) ÷ in wasm |');
  say('|---|---:|---|---:|---:|---:|');
  for (const input of inputs) {
    const e = results.engine[input.name];
    if (!e) continue;
    const n = nativeFor(input.name, results.native)[0];
    const w = results.timing[input.name]?.['ews-wasm']?.median;
    const nativeMs = n ? n.medianNs / 1e6 : undefined;
    say(`| ${input.name} | ${fmtMs(e.median)} | ${fmtMs(e.p25)}–${fmtMs(e.p75)} | ${nativeMs ? fmtMs(nativeMs) : '–'} | ${nativeMs ? fmtRatio(e.median / nativeMs) : '–'} | ${w ? fmtRatio(w / e.median) : '–'} |`);
  }
}
say();
machine.loadAfter = os.loadavg().map((x) => x.toFixed(2)).join(' ');
say(`Total benchmark time: ${((Date.now() - t0) / 1000).toFixed(0)} s; load average at the end ${machine.loadAfter}.`);

fs.writeFileSync(path.join(DATA_DIR, 'results.json'), JSON.stringify(results, null, 2));
if (flag('update-readme')) {
  // replaces the section between the markers in bench/README.md with this run's tables
  const readme = path.join(BENCH_DIR, 'README.md');
  const text = fs.readFileSync(readme, 'utf8');
  const start = '<!-- latest-results:start -->';
  const end = '<!-- latest-results:end -->';
  const i = text.indexOf(start);
  const j = text.indexOf(end);
  if (i < 0 || j < i) {
    console.error(`--update-readme: no ${start} ... ${end} section in bench/README.md`);
  } else {
    const tables = out.slice(1).join('\n').replace(/^##/gm, '###').trim();
    fs.writeFileSync(readme, `${text.slice(0, i + start.length)}\n${tables}\n${text.slice(j)}`);
    console.log('bench/README.md updated');
  }
}
fs.writeFileSync(path.join(DATA_DIR, 'latest.md'), out.join('\n') + '\n');
console.log(`\n(written: ${path.relative(process.cwd(), path.join(DATA_DIR, 'results.json'))}, ${path.relative(process.cwd(), path.join(DATA_DIR, 'latest.md'))})`);
