// Shared set-up for the demo's end-to-end tests: the demo server in-process,
// Debian's Chromium through playwright-core, console-error capture, screenshots.
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const SHOTS = path.join(ROOT, 'test-output', 'screenshots');
export const DOC_SHOTS = path.join(ROOT, 'docs', 'screenshots');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const DESKTOP = { width: 1280, height: 800 };
export const PHONE = { width: 390, height: 844 };

/** Fails early, with the fix, when the package has not been built. */
export function requirePkg() {
  if (!existsSync(path.join(ROOT, 'pkg', 'index.js')) || !existsSync(path.join(ROOT, 'pkg', 'ews_wasm_bg.wasm'))) {
    throw new Error('pkg/ is missing (no pkg/index.js or pkg/ews_wasm_bg.wasm): run npm run build');
  }
}

export async function launchBrowser() {
  if (!existsSync(CHROMIUM)) throw new Error(`no Chromium at ${CHROMIUM}: apt-get install chromium (or set CHROMIUM_PATH)`);
  const { chromium } = await import('playwright-core');
  // playwright gives every launch a fresh temporary --user-data-dir of its own
  // (and refuses one in args), which is what Chromium needs here.
  const args = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'];
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args });
  return { browser, close: () => browser.close() };
}

export function ensureDirs() {
  mkdirSync(SHOTS, { recursive: true });
  mkdirSync(DOC_SHOTS, { recursive: true });
}
