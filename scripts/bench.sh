#!/usr/bin/env bash
# `npm run bench`: everything the benchmark needs, then the benchmark.
#   1. scripts/setup.sh   installs what is missing (incl. the peers, npm devDependencies)
#   2. npm run build      the ews-wasm package in pkg/ (the column being measured),
#                         and scripts/bench-engine.sh: the same module with two
#                         bench-only exports (the parse alone inside wasm), and
#                         scripts/size-core.sh: the module without the client core
#   3. cargo bench --bench parse   native Rust numbers on the same inputs
#   4. node bench/run.mjs "$@"     JS peers + ews-wasm, memory, sizes, ratio tables
# Arguments go to bench/run.mjs (e.g. --update-readme). BENCH_SKIP_NATIVE=1 skips 3, BENCH_SKIP_ENGINE=1 the bench module.
set -euo pipefail
# shellcheck source=scripts/env.sh
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
EWS_LOG_TAG=bench
cd "$EWS_ROOT"
t0=$(ews_now)
if [[ "${EWS_SETUP_DONE:-0}" != 1 ]]; then bash scripts/setup.sh; fi
export EWS_SETUP_DONE=1
t1=$(ews_now)
npm run build --silent
if [[ "${BENCH_SKIP_ENGINE:-0}" != 1 ]]; then
  bash scripts/bench-engine.sh
fi
# The module without the client core, to measure what it adds (issue 13).
bash scripts/size-core.sh || ews_log "warning: the client core is over its size budget (see above)"
t2=$(ews_now)
node bench/generate.mjs >/dev/null
if [[ "${BENCH_SKIP_NATIVE:-0}" != 1 ]]; then
  cargo bench --bench parse
fi
t3=$(ews_now)
node bench/run.mjs "$@"
t4=$(ews_now)
ews_log "setup $(ews_fmt_secs $((t1 - t0))), build $(ews_fmt_secs $((t2 - t1))), native bench $(ews_fmt_secs $((t3 - t2))), JS bench $(ews_fmt_secs $((t4 - t3)))"
