// Builds the app in `app/` (copied next to a node_modules/ews-wasm installed
// from the npm pack tarball) with one of four bundlers, as an app author
// would, through each bundler's JavaScript API:
//
//   vite     index.html entry; the .wasm (new URL(..., import.meta.url)) and the
//            module worker (new Worker(new URL(...), { type: 'module' })) are
//            found and emitted by Vite itself
//   webpack  main.js entry, default output; asset modules emit the .wasm and
//            the worker becomes its own chunk (webpack's ES-module output,
//            output.module, leaves that worker waiting for a chunk it never
//            loads in webpack 5.113, so it is not used)
//   esbuild  main.js and worker.js entries (esbuild leaves new URL(...) as it
//            is): the .wasm is copied next to the bundles
//   rollup   the same, with @rollup/plugin-node-resolve (browser conditions)
//
// Every bundler resolves `ews-wasm` from the app folder's node_modules and
// itself from the repository's node_modules.
import { copyFileSync, cpSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export const BUNDLERS = ['vite', 'webpack', 'esbuild', 'rollup'];

/** Copies what a page needs to run the esbuild/Rollup bundles: the HTML and the .wasm. */
function finishPlain(appDir, outDir) {
  writeFileSync(path.join(outDir, 'index.html'),
    '<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>ews-wasm bundler check</title></head>' +
    '<body><script type="module" src="./main.js"></script></body></html>\n');
  // The glue fetches new URL('ews_wasm_bg.wasm', import.meta.url): next to the bundle.
  copyFileSync(path.join(appDir, 'node_modules', 'ews-wasm', 'ews_wasm_bg.wasm'), path.join(outDir, 'ews_wasm_bg.wasm'));
}

/**
 * Builds `appDir/src` (main.js, worker.js, check.js, index.html) into `outDir`
 * with `bundler`. Throws when the bundler reports an error.
 */
export async function buildApp(bundler, appDir, outDir) {
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  const src = path.join(appDir, 'src');
  switch (bundler) {
    case 'vite': {
      const { build } = await import('vite');
      await build({
        root: src,
        configFile: false,
        logLevel: 'warn',
        base: './',
        build: { outDir, emptyOutDir: true, minify: true },
        worker: { format: 'es' },
      });
      break;
    }
    case 'webpack': {
      const { default: webpack } = await import('webpack');
      const stats = await new Promise((resolve, reject) => {
        webpack({
          mode: 'production',
          context: appDir,
          entry: path.join(src, 'main.js'),
          output: { path: outDir, filename: 'main.js' },
          infrastructureLogging: { level: 'error' },
        }, (err, st) => (err ? reject(err) : resolve(st)));
      });
      if (stats.hasErrors()) throw new Error(stats.toString({ all: false, errors: true }));
      writeFileSync(path.join(outDir, 'index.html'),
        '<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>ews-wasm bundler check</title></head>' +
        '<body><script type="module" src="./main.js"></script></body></html>\n');
      break;
    }
    case 'esbuild': {
      const esbuild = await import('esbuild');
      await esbuild.build({
        absWorkingDir: appDir,
        entryPoints: { main: path.join(src, 'main.js'), worker: path.join(src, 'worker.js') },
        bundle: true,
        format: 'esm',
        platform: 'browser',
        minify: true,
        outdir: outDir,
        logLevel: 'error',
      });
      finishPlain(appDir, outDir);
      break;
    }
    case 'rollup': {
      const { rollup } = await import('rollup');
      const { nodeResolve } = await import('@rollup/plugin-node-resolve');
      const warnings = [];
      const bundle = await rollup({
        input: { main: path.join(src, 'main.js'), worker: path.join(src, 'worker.js') },
        plugins: [nodeResolve({ browser: true, rootDir: appDir })],
        onwarn: (w) => warnings.push(w),
      });
      await bundle.write({ dir: outDir, format: 'es', entryFileNames: '[name].js' });
      await bundle.close();
      const serious = warnings.filter((w) => w.code === 'UNRESOLVED_IMPORT' || w.code === 'MISSING_EXPORT');
      if (serious.length) throw new Error(serious.map((w) => w.message).join('\n'));
      finishPlain(appDir, outDir);
      break;
    }
    default:
      throw new Error(`unknown bundler ${bundler}`);
  }
}

/** Copies the app sources into `appDir/src`. */
export function copyAppSources(fromDir, appDir) {
  cpSync(fromDir, path.join(appDir, 'src'), { recursive: true });
}
