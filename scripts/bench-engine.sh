#!/usr/bin/env bash
# Builds the benchmark-only module (feature `bench-exports`: src/wasm/bench.rs)
# into target/bench-engine/: the same release build and `wasm-opt` as the npm
# package's module, plus two exports that time the parse and JSON writing
# inside the module (bench/engine.mjs). Its own target directory keeps the
# package's build untouched. Called by scripts/bench.sh; never part of pkg/.
set -euo pipefail
# shellcheck source=scripts/env.sh
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
EWS_LOG_TAG=bench-engine
cd "$EWS_ROOT"
target="$EWS_ROOT/target/bench-build"
out="$EWS_ROOT/target/bench-engine"
CARGO_TARGET_DIR="$target" cargo build --release --target wasm32-unknown-unknown --lib --features bench-exports
rm -rf "$out"
wasm-bindgen --target nodejs --out-dir "$out" "$target/wasm32-unknown-unknown/release/ews_wasm.wasm"
# BENCH_NAMES=1 keeps the function names (for `node --cpu-prof` profiles).
strip=(--strip-debug --strip-producers)
[[ "${BENCH_NAMES:-0}" == 1 ]] && strip=(-g)
ews_wasm_opt "$out/ews_wasm_bg.wasm" "$out/opt.wasm" "${strip[@]}"
mv "$out/opt.wasm" "$out/ews_wasm_bg.wasm"
# wasm-bindgen's nodejs glue is CommonJS; the repository's package.json says "module"
printf '{ "type": "commonjs" }\n' >"$out/package.json"
ews_log "built $out (benchLoad, benchRun)"
