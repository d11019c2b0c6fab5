// The parse and JSON writing alone inside the WebAssembly module, nothing handed
// to JavaScript: the module built by scripts/bench-engine.sh (feature
// `bench-exports`, target/bench-engine/), input kept in the module's memory by
// `benchLoad`, each run one `benchRun(kind)` (the same code as the
// `parse…ResponseBytes` export, the JSON dropped inside the module). Its median
// set beside the same inputs' native median (cargo bench --bench parse) says
// what WebAssembly itself costs, apart from the hand-over.
//
//   node bench/engine.mjs [--only=NAME,...]      prints one line per input
import { createRequire } from 'node:module';
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
export function timeEngine(engine, name, bytes) {
  const kind = KIND_OF(name);
  engine.benchLoad(bytes);
  const jsonBytes = engine.benchRun(kind);
  if (!jsonBytes) throw new Error(`${name}: the module could not parse it`);
  const warm = performance.now();
  for (let i = 0; i < 3 || performance.now() - warm < 300; i++) engine.benchRun(kind);
  const times = [];
  const start = performance.now();
  while (times.length < 20 || (times.length < 200 && performance.now() - start < 1500)) {
    const t0 = process.hrtime.bigint();
    engine.benchRun(kind);
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  engine.benchLoad(new Uint8Array(0));
  times.sort((a, b) => a - b);
  const q = (p) => times[Math.min(times.length - 1, Math.floor(p * (times.length - 1) + 0.5))];
  return { runs: times.length, median: q(0.5), p25: q(0.25), p75: q(0.75), min: times[0], max: times[times.length - 1], jsonBytes };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const engine = loadEngine();
  if (!engine) {
    console.error(`no bench module in ${ENGINE_DIR}: run bash scripts/bench-engine.sh`);
    process.exit(1);
  }
  const only = process.argv.find((a) => a.startsWith('--only='))?.slice(7).split(',');
  const dir = path.join(ROOT, 'bench', 'data');
  for (const f of fs.readdirSync(dir).filter((f) => f.endsWith('.xml')).sort()) {
    const name = f.slice(0, -4);
    if (only && !only.includes(name)) continue;
    const t = timeEngine(engine, name, fs.readFileSync(path.join(dir, f)));
    console.log(`${name}: ${t.median.toFixed(3)} ms median (${t.runs} runs, IQR ${t.p25.toFixed(3)}–${t.p75.toFixed(3)}), JSON ${t.jsonBytes} B`);
  }
}
