// The page: runs check() here and in a module worker, and publishes both
// results (or the errors) on window.__ewsResult for the test.
import { check } from './check.js';

function report(promise) {
  return promise.then((value) => ({ ok: true, value }), (e) => ({ ok: false, error: `${e?.name}: ${e?.code ?? ''} ${e?.message ?? e}` }));
}

function inWorker() {
  return new Promise((resolve) => {
    let worker;
    try {
      worker = new Worker(new URL('./worker.js', import.meta.url), { type: 'module' });
    } catch (e) {
      resolve({ ok: false, error: `new Worker failed: ${e?.message ?? e}` });
      return;
    }
    worker.onmessage = (event) => resolve(event.data);
    worker.onerror = (event) => resolve({ ok: false, error: `worker error: ${event.message ?? 'failed to load'}` });
  });
}

Promise.all([report(check()), inWorker()]).then(([page, worker]) => {
  window.__ewsResult = { page, worker };
});
