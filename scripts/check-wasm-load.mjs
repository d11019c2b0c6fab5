// Checks that a built wasm-bindgen module loads in Node: WebAssembly.compile
// on the .wasm, then the glue's initSync (this runs wasm-bindgen's start
// function, which fills the externref table: where a bad wasm-opt breaks it).
// Usage: node scripts/check-wasm-load.mjs GLUE.js FILE.wasm
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import path from 'node:path';

const [glue, wasmFile] = process.argv.slice(2);
if (!glue || !wasmFile) {
  console.error('usage: node scripts/check-wasm-load.mjs GLUE.js FILE.wasm');
  process.exit(2);
}
const bytes = readFileSync(wasmFile);
const module = await WebAssembly.compile(bytes);
const mod = await import(pathToFileURL(path.resolve(glue)).href);
if (typeof mod.initSync !== 'function') {
  throw new Error(`${glue} has no initSync export (not a --target web glue?)`);
}
mod.initSync({ module });
const exported = Object.keys(mod).filter((k) => k !== 'default' && k !== 'initSync');
console.log(`loads in Node ${process.version}: ${WebAssembly.Module.exports(module).length} wasm exports, ${exported.length} JS exports`);
