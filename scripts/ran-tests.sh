#!/usr/bin/env bash
# ran-tests.sh CMD...: runs CMD, passing its output through, and fails when the
# output shows no test ran: `wasm-pack test` can exit 0 having run nothing (a
# browser-only suite under --node, a misconfigured runner). Needs a
# "running N tests" line with N > 0 (libtest and wasm-bindgen-test print one).
set -uo pipefail
log="$(mktemp "${TMPDIR:-/tmp}/ews-ran-tests.XXXXXX")"
trap 'rm -f "$log"' EXIT
"$@" 2>&1 | tee "$log"
rc=${PIPESTATUS[0]}
if ((rc == 0)) && ! grep -qE '^running [1-9][0-9]* tests?' "$log"; then
  echo "ran-tests: '$*' exited 0 but ran no test" >&2
  exit 1
fi
exit "$rc"
