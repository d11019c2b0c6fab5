// The module worker: the same check as the page, result posted back.
import { check } from './check.js';

check().then(
  (value) => self.postMessage({ ok: true, value }),
  (e) => self.postMessage({ ok: false, error: `${e?.name}: ${e?.code ?? ''} ${e?.message ?? e}` }),
);
