// Boot: load the package (as a user would: `import { init } from 'ews-wasm'`,
// mapped to /pkg/index.js by the page's import map), `await init()` once, then
// start the UI. A missing or broken build is shown on the page.
import './recorder.js'; // first: it wraps fetch before any client can keep a reference to it
const status = document.getElementById('wasm-status');
const fatal = document.getElementById('fatal');

function showFatal(title, detail) {
  status.textContent = 'wasm failed';
  status.className = 'pill pill-err';
  fatal.hidden = false;
  fatal.replaceChildren();
  const h = document.createElement('h2');
  h.textContent = title;
  const p = document.createElement('p');
  p.textContent = detail;
  fatal.append(h, p);
}

async function boot() {
  let ews;
  try {
    ews = await import('ews-wasm');
  } catch (e) {
    showFatal('The ews-wasm package could not be loaded', `Is pkg/ built? Run npm run build, then reload. (${e?.message ?? e})`);
    return;
  }
  const t0 = performance.now();
  try {
    await ews.init();
  } catch (e) {
    showFatal('The WebAssembly module could not be initialised', String(e?.message ?? e));
    return;
  }
  const ms = performance.now() - t0;
  status.textContent = `wasm ready · ${ms < 10 ? ms.toFixed(1) : Math.round(ms)} ms`;
  status.className = 'pill pill-ok';
  status.title = 'await init() fetched, compiled and instantiated ews_wasm_bg.wasm';
  const { startUi } = await import('./ui.js');
  await startUi();
  document.documentElement.dataset.ready = 'true';
}

boot();
