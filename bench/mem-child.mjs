// One memory measurement, in a process of its own (spawned by run.mjs):
//   node --expose-gc --trace-gc bench/mem-child.mjs PARSER_ID KIND FILE
// It loads one parser, warms it up on a small input of the same kind, collects
// garbage, then parses FILE once while keeping the result, and prints one JSON line:
//   before / after:  process.memoryUsage() (the input string is already in `before`)
//   live:            the same after full GCs with the result still referenced
//   rss0, hwm:       VmRSS before and VmHWM after, the peak resident set, reset just
//                    before the parse (/proc/self/clear_refs), so hwm - rss0 is the
//                    process's peak growth while parsing (the JS heap, strings,
//                    ArrayBuffers, wasm linear memory, malloc, everything)
// and the markers between which run.mjs reads V8's --trace-gc lines: the heap size
// each GC found before collecting is the JS heap's high-water mark between two GCs.

import fs from 'node:fs';
import { generateGetConversationItems, generateGetImItemList, generateSyncFolderItems } from './generate.mjs';
import { parserById } from './parsers.mjs';

const [id, kind, file] = process.argv.slice(2);
if (typeof globalThis.gc !== 'function') throw new Error('run with --expose-gc');

const procKb = (field) => {
  try {
    const m = new RegExp(`${field}:\\s+(\\d+) kB`).exec(fs.readFileSync('/proc/self/status', 'utf8'));
    return m ? Number(m[1]) * 1024 : null;
  } catch {
    return null;
  }
};
const resetPeak = () => {
  try {
    fs.writeFileSync('/proc/self/clear_refs', '5');
    return true;
  } catch {
    return false;
  }
};
const settle = async () => {
  for (let i = 0; i < 3; i++) {
    globalThis.gc();
    await new Promise((r) => setImmediate(r));
  }
};

const parser = parserById(id);
await parser.load();

// warm-up on a small input of the same kind: loads and compiles the parser's code paths
const small = {
  sync: () => generateSyncFolderItems({ seed: 5, changes: 24, shape: 'full' }).xml,
  gci: () => generateGetConversationItems({ seed: 5, nodes: 24, conversations: 2 }).xml,
  im: () => generateGetImItemList({ seed: 5, personas: 8 }).xml,
}[kind]();
{
  const warm = parser.make(kind, small);
  for (let i = 0; i < 3; i++) await warm(small);
}

const xml = fs.readFileSync(file, 'utf8');
const fn = parser.make(kind, xml);
await settle();

const before = process.memoryUsage();
const rss0 = procKb('VmRSS');
const peakReset = resetPeak();
fs.writeSync(1, '@@MEM-BEGIN\n');
const t0 = process.hrtime.bigint();
let result = await fn(xml);
const ms = Number(process.hrtime.bigint() - t0) / 1e6;
fs.writeSync(1, '@@MEM-END\n');
const after = process.memoryUsage();
const hwm = procKb('VmHWM');
const count = parser.count(kind, result);
// the same with the parse's garbage collected and the result still held: what the
// result itself keeps alive (for ews-wasm also its grown wasm memory, which never shrinks)
await settle();
const live = process.memoryUsage();
if (parser.count(kind, result) !== count) throw new Error('the result changed');
result = null;
await settle();
const released = process.memoryUsage();

fs.writeSync(1, `@@MEM-RESULT ${JSON.stringify({ id, kind, file, bytes: Buffer.byteLength(xml), ms, count, before, after, live, released, rss0, hwm, peakReset })}\n`);
