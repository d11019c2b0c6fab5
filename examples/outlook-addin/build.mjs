// Builds the add-in into dist/ with esbuild, the way an add-in project
// bundles its task pane: src/taskpane.js and ews-wasm in one ES module,
// the .wasm next to it (ews-wasm's glue loads new URL('ews_wasm_bg.wasm',
// import.meta.url), which esbuild leaves as it is), the page, the icons and
// the manifest with the origin the add-in is served from.
//
//   node examples/outlook-addin/build.mjs [--origin https://localhost:3000]
//
// In a project of your own, `npm install ews-wasm` and drop the alias below:
// here `ews-wasm` is this repository's freshly built pkg/.
import { copyFileSync, cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const HERE = path.dirname(fileURLToPath(import.meta.url));
export const ROOT = path.resolve(HERE, '..', '..');
export const DIST = path.join(HERE, 'dist');
export const DEFAULT_ORIGIN = 'https://localhost:3000';

/** The manifest for `origin` (the committed file uses DEFAULT_ORIGIN). */
export function manifestFor(origin) {
  const xml = readFileSync(path.join(HERE, 'manifest.xml'), 'utf8');
  return xml.split(DEFAULT_ORIGIN).join(origin.replace(/\/+$/, ''));
}

/** Builds dist/ for `origin`; returns the paths written. */
export async function buildAddin({ origin = DEFAULT_ORIGIN, pkgDir = path.join(ROOT, 'pkg'), outDir = DIST, minify = true } = {}) {
  const wasm = path.join(pkgDir, 'ews_wasm_bg.wasm');
  if (!existsSync(path.join(pkgDir, 'index.js')) || !existsSync(wasm)) {
    throw new Error(`${pkgDir} has no built package: run npm run build`);
  }
  const esbuild = await import('esbuild');
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  const result = await esbuild.build({
    entryPoints: [path.join(HERE, 'src', 'taskpane.js')],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: ['chrome100', 'edge100', 'firefox100', 'safari15'],
    minify,
    sourcemap: true,
    outdir: outDir,
    alias: { 'ews-wasm': pkgDir },
    logLevel: 'silent',
  });
  for (const w of result.warnings) console.warn(`esbuild: ${w.text}`);
  copyFileSync(wasm, path.join(outDir, 'ews_wasm_bg.wasm'));
  for (const f of ['taskpane.html', 'taskpane.css', 'help.html']) copyFileSync(path.join(HERE, 'src', f), path.join(outDir, f));
  cpSync(path.join(HERE, 'assets'), path.join(outDir, 'assets'), { recursive: true });
  writeFileSync(path.join(outDir, 'manifest.xml'), manifestFor(origin));
  return { outDir, manifest: path.join(outDir, 'manifest.xml') };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const i = process.argv.indexOf('--origin');
  const origin = i > 0 ? process.argv[i + 1] : DEFAULT_ORIGIN;
  const { outDir } = await buildAddin({ origin });
  console.log(`add-in built in ${path.relative(process.cwd(), outDir) || '.'} for ${origin}`);
}
