// Native Rust numbers from the criterion benches in benches/ (`cargo bench`), read
// from criterion's own output so that run.mjs can print them beside the JS numbers.
//
// criterion writes, for every benchmark it ran,
//   <criterion dir>/<group>/<function>[/<value>]/new/benchmark.json   (ids, throughput)
//   <criterion dir>/<group>/<function>[/<value>]/new/estimates.json   (times in ns)
// where <criterion dir> is $CRITERION_HOME, else $CARGO_TARGET_DIR/criterion, else
// target/criterion at the repository root. A benchmark is matched to a bench input
// when one of its id's path segments is the input's name (e.g. `parse/sync-512`
// or group `SyncFolderItems`, function `parse`, value `sync-512`).
//
//   node bench/native.mjs        prints what is there (or how to produce it)

import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export function criterionDir() {
  if (process.env.CRITERION_HOME) return path.resolve(process.env.CRITERION_HOME);
  if (process.env.CARGO_TARGET_DIR) return path.resolve(process.env.CARGO_TARGET_DIR, 'criterion');
  return path.join(ROOT, 'target', 'criterion');
}

function findBenchmarkDirs(dir, out = []) {
  let entries;
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return out;
  }
  for (const e of entries) {
    if (!e.isDirectory() || e.name === 'report') continue;
    const p = path.join(dir, e.name);
    if (e.name === 'new' && fs.existsSync(path.join(p, 'estimates.json'))) out.push(p);
    else findBenchmarkDirs(p, out);
  }
  return out;
}

/**
 * Every benchmark criterion has recorded:
 * [{ id, segments, medianNs, medianLowerNs, medianUpperNs, meanNs, stdDevNs, throughputBytes, dir }]
 */
export function readCriterion(dir = criterionDir()) {
  const results = [];
  for (const newDir of findBenchmarkDirs(dir)) {
    try {
      const est = JSON.parse(fs.readFileSync(path.join(newDir, 'estimates.json'), 'utf8'));
      let bench = {};
      try {
        bench = JSON.parse(fs.readFileSync(path.join(newDir, 'benchmark.json'), 'utf8'));
      } catch {}
      const rel = path.relative(dir, path.dirname(newDir)).split(path.sep).join('/');
      const id = bench.full_id ?? rel;
      const segments = [bench.group_id, bench.function_id, bench.value_str, ...id.split('/'), ...rel.split('/')].filter(Boolean);
      results.push({
        id,
        segments: [...new Set(segments)],
        medianNs: est.median?.point_estimate,
        medianLowerNs: est.median?.confidence_interval?.lower_bound,
        medianUpperNs: est.median?.confidence_interval?.upper_bound,
        meanNs: est.mean?.point_estimate,
        stdDevNs: est.std_dev?.point_estimate,
        throughputBytes: bench.throughput?.Bytes ?? bench.throughput?.BytesDecimal ?? null,
        dir: path.dirname(newDir),
      });
    } catch {
      // a half-written benchmark directory: skip it
    }
  }
  return results.sort((a, b) => a.id.localeCompare(b.id));
}

/** The criterion benchmarks that measured the bench input `name` (see the header). */
export function nativeFor(name, results = readCriterion()) {
  return results.filter((r) => r.segments.includes(name));
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const dir = criterionDir();
  const results = readCriterion(dir);
  if (!results.length) {
    console.log(`no criterion results under ${path.relative(process.cwd(), dir) || dir}: run \`node bench/generate.mjs && cargo bench\` first`);
  } else {
    console.log('| criterion benchmark | median ms | 95% CI of the median (ms) | MB/s |');
    console.log('|---|---:|---|---:|');
    for (const r of results) {
      const mbps = r.throughputBytes ? (r.throughputBytes / 1e6 / (r.medianNs / 1e9)).toFixed(0) : '';
      console.log(`| ${r.id} | ${(r.medianNs / 1e6).toFixed(3)} | ${(r.medianLowerNs / 1e6).toFixed(3)}–${(r.medianUpperNs / 1e6).toFixed(3)} | ${mbps} |`);
    }
  }
}
