// Prints the wasm-opt --enable-* flags a .wasm needs, one per line, read from
// its `target_features` custom section (rustc writes it; wasm-bindgen keeps
// it), plus the flags the module's own imports/exports show it uses.
// Usage: node scripts/wasm-features.mjs FILE.wasm
import { readFileSync } from 'node:fs';

const file = process.argv[2];
if (!file) {
  console.error('usage: node scripts/wasm-features.mjs FILE.wasm');
  process.exit(2);
}
const module = new WebAssembly.Module(readFileSync(file));

// target_features: vec(prefix:u8 ('+', '-', '='), name:string)
function readFeatures(buf) {
  const bytes = new Uint8Array(buf);
  let pos = 0;
  const leb = () => {
    let result = 0, shift = 0, b;
    do {
      b = bytes[pos++];
      result |= (b & 0x7f) << shift;
      shift += 7;
    } while (b & 0x80);
    return result >>> 0;
  };
  const out = [];
  const n = leb();
  for (let i = 0; i < n; i++) {
    const prefix = String.fromCharCode(bytes[pos++]);
    const len = leb();
    const name = new TextDecoder().decode(bytes.subarray(pos, pos + len));
    pos += len;
    if (prefix === '+' || prefix === '=') out.push(name);
  }
  return out;
}

// LLVM feature name -> binaryen flag
const map = {
  'atomics': 'threads',
  'bulk-memory': 'bulk-memory',
  'bulk-memory-opt': 'bulk-memory-opt',
  'call-indirect-overlong': 'call-indirect-overlong',
  'exception-handling': 'exception-handling',
  'extended-const': 'extended-const',
  'multimemory': 'multimemory',
  'multivalue': 'multivalue',
  'mutable-globals': 'mutable-globals',
  'nontrapping-fptoint': 'nontrapping-float-to-int',
  'reference-types': 'reference-types',
  'relaxed-simd': 'relaxed-simd',
  'sign-ext': 'sign-ext',
  'simd128': 'simd',
  'tail-call': 'tail-call',
  'fp16': 'fp16',
  'gc': 'gc',
};

const flags = new Set();
const sections = WebAssembly.Module.customSections(module, 'target_features');
for (const s of sections) {
  for (const name of readFeatures(s)) {
    if (map[name]) flags.add(map[name]);
    else console.error(`wasm-features: unknown feature ${name}, not passed to wasm-opt`);
  }
}
// wasm-bindgen's externref table: needs reference-types whatever rustc said
for (const e of WebAssembly.Module.exports(module)) {
  if (e.kind === 'table') flags.add('reference-types');
}
for (const f of [...flags].sort()) console.log(`--enable-${f}`);
