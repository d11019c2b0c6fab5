// The parse and JSON writing alone inside the WebAssembly module, nothing handed
// to JavaScript: the module built by scripts/bench-engine.sh (feature
// `bench-exports`, target/bench-engine/), input kept in the module's memory by
// `benchLoad`, each run one `benchRun(kind)` (the same code as the
// `parse…ResponseBytes` export, the JSON dropped inside the module). Its median
// set beside the same inputs' native median (cargo bench --bench parse) says
// what WebAssembly itself costs, apart from the hand-over.
//
//   node bench/engine.mjs [--only=NAME,...]      prints one line per input
//   node bench/engine.mjs --native [--rounds=N] [--only=NAME,...]
//       the same module against the native build (benches/parse.rs, which
//       times the same decode + engine), interleaved in one run: per input and
//       round, a wasm timing and a native timing (in alternating order), then
//       the median of the rounds' wasm ÷ native ratios. This is what issue
//       12's floor "in wasm ≤ 1.6× native" is read off on a shared machine.
import { createRequire } from 'node:module';
import { execFileSync } from 'node:child_process';
import os from 'node:os';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const ENGINE_DIR = path.join(ROOT, 'target', 'bench-engine');

const KIND_OF = (name) => (name.startsWith('sync') ? 'sync' : name.startsWith('gci') ? 'gci' : 'im');

/** The bench module, or null when it is not built (scripts/bench-engine.sh). */
export function loadEngine() {
  const entry = path.join(ENGINE_DIR, 'ews_wasm.js');
  if (!fs.existsSync(entry)) return null;
  return createRequire(import.meta.url)(entry);
}

/**
 * Times `benchRun` on one input: a checked run, a warm-up of at least 3 runs
 * and 0.3 s, then at least 20 timed runs (up to 200, or about 1.5 s).
 * → { runs, median, p25, p75, min, max, jsonBytes } in ms.
 */
export function timeEngine(engine, name, bytes, budgetMs = 1500) {
  const kind = KIND_OF(name);
  engine.benchLoad(bytes);
  const jsonBytes = engine.benchRun(kind);
  if (!jsonBytes) throw new Error(`${name}: the module could not parse it`);
  const warm = performance.now();
  for (let i = 0; i < 3 || performance.now() - warm < budgetMs / 5; i++) engine.benchRun(kind);
  const times = [];
  const start = performance.now();
  while (times.length < 20 || (times.length < 200 && performance.now() - start < budgetMs)) {
    const t0 = process.hrtime.bigint();
    engine.benchRun(kind);
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  engine.benchLoad(new Uint8Array(0));
  times.sort((a, b) => a - b);
  const q = (p) => times[Math.min(times.length - 1, Math.floor(p * (times.length - 1) + 0.5))];
  return { runs: times.length, median: q(0.5), p25: q(0.25), p75: q(0.75), min: times[0], max: times[times.length - 1], jsonBytes };
}

/** The native bench executable (built by cargo if needed). */
function nativeBench() {
  const out = execFileSync('cargo', ['bench', '--bench', 'parse', '--no-run', '--message-format=json'], {
    cwd: ROOT,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  for (const line of out.split('\n')) {
    if (!line.startsWith('{')) continue;
    const m = JSON.parse(line);
    if (m.reason === 'compiler-artifact' && m.target?.name === 'parse' && m.executable) return m.executable;
  }
  throw new Error('cargo bench --no-run named no executable for benches/parse.rs');
}

/** One native timing of input `name` ({ median, min } in ms), with a budget of `secs`. */
function timeNative(exe, name, secs) {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'ews-native-'));
  try {
    execFileSync(exe, [name, '--exact'], {
      cwd: ROOT,
      env: { ...process.env, EWS_BENCH_SECS: String(secs), CRITERION_HOME: home },
      stdio: 'ignore',
    });
    const est = JSON.parse(fs.readFileSync(path.join(home, 'parse', name, 'new', 'estimates.json'), 'utf8'));
    return { median: est.median.point_estimate / 1e6, min: est.min / 1e6 };
  } finally {
    fs.rmSync(home, { recursive: true, force: true });
  }
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[s.length >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const engine = loadEngine();
  if (!engine) {
    console.error(`no bench module in ${ENGINE_DIR}: run bash scripts/bench-engine.sh`);
    process.exit(1);
  }
  const only = process.argv.find((a) => a.startsWith('--only='))?.slice(7).split(',');
  const dir = path.join(ROOT, 'bench', 'data');
  if (process.argv.includes('--native')) {
    const rounds = Number(process.argv.find((a) => a.startsWith('--rounds='))?.slice(9) ?? 3);
    const exe = nativeBench();
    const names = fs.readdirSync(dir).filter((f) => f.endsWith('.xml')).map((f) => f.slice(0, -4)).sort()
      .filter((n) => !only || only.includes(n));
    console.log(`load average ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}, ${rounds} rounds`);
    console.log('| input | in wasm, median ms | native, median ms | wasm ÷ native (median of rounds) | range of rounds | fastest runs: wasm ÷ native |');
    console.log('|---|---:|---:|---:|---|---:|');
    for (const name of names) {
      const bytes = fs.readFileSync(path.join(dir, `${name}.xml`));
      const w = [], n = [], r = [], wMin = [], nMin = [];
      for (let i = 0; i < rounds; i++) {
        let a, b;
        if (i % 2) {
          b = timeNative(exe, name, 0.8);
          a = timeEngine(engine, name, bytes, 800);
        } else {
          a = timeEngine(engine, name, bytes, 800);
          b = timeNative(exe, name, 0.8);
        }
        w.push(a.median), n.push(b.median), r.push(a.median / b.median);
        wMin.push(a.min), nMin.push(b.min);
      }
      const lo = Math.min(...r).toFixed(2), hi = Math.max(...r).toFixed(2);
      // The fastest runs are the least disturbed by other processes: on a
      // busy machine their ratio is the steadier reading.
      const best = Math.min(...wMin) / Math.min(...nMin);
      console.log(`| ${name} | ${median(w).toFixed(2)} | ${median(n).toFixed(2)} | ${median(r).toFixed(2)}× | ${lo}–${hi} | ${best.toFixed(2)}× |`);
    }
    console.log(`load average ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`);
    process.exit(0);
  }
  for (const f of fs.readdirSync(dir).filter((f) => f.endsWith('.xml')).sort()) {
    const name = f.slice(0, -4);
    if (only && !only.includes(name)) continue;
    const t = timeEngine(engine, name, fs.readFileSync(path.join(dir, f)));
    console.log(`${name}: ${t.median.toFixed(3)} ms median (${t.runs} runs, IQR ${t.p25.toFixed(3)}–${t.p75.toFixed(3)}), JSON ${t.jsonBytes} B`);
  }
}
