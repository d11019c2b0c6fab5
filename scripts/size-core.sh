#!/usr/bin/env bash
# What the sans-IO client core adds to the npm package's module (issue 13's
# budget: at most 12 KB gzip -9): builds the same module without `ClientCall`
# (`--cfg ews_no_client_call`, src/wasm/mod.rs), so without everything only it
# reaches, with the package's own steps (release profile, wasm-bindgen --target
# web, the same wasm-opt flags), and compares it with pkg/ (npm run build).
# Its own target directory keeps the package's build untouched. Called by
# scripts/bench.sh; prints the sizes and the difference, and exits 1 when the
# .wasm difference is over the budget (SIZE_CORE_BUDGET bytes, default 12000).
set -euo pipefail
# shellcheck source=scripts/env.sh
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
EWS_LOG_TAG=size-core
cd "$EWS_ROOT"
budget="${SIZE_CORE_BUDGET:-12000}"
with_wasm="$EWS_ROOT/pkg/ews_wasm_bg.wasm"
with_glue="$EWS_ROOT/pkg/ews_wasm.js"
if [[ ! -f "$with_wasm" || ! -f "$with_glue" ]]; then
  ews_log "error: no pkg/ews_wasm_bg.wasm: run npm run build first"
  exit 1
fi
target="$EWS_ROOT/target/size-core-build"
out="$EWS_ROOT/target/size-core"
RUSTFLAGS="${RUSTFLAGS:-} --cfg ews_no_client_call" CARGO_TARGET_DIR="$target" \
  cargo build --release --target wasm32-unknown-unknown --lib
rm -rf "$out"
wasm-bindgen --target web --out-dir "$out" "$target/wasm32-unknown-unknown/release/ews_wasm.wasm"
ews_wasm_opt "$out/ews_wasm_bg.wasm" "$out/opt.wasm" --strip-debug --strip-producers
mv "$out/opt.wasm" "$out/ews_wasm_bg.wasm"

gz() { gzip -9c "$1" | wc -c; }
ww=$(gz "$with_wasm") wo=$(gz "$out/ews_wasm_bg.wasm")
gw=$(gz "$with_glue") go=$(gz "$out/ews_wasm.js")
printf 'client core in the module (ClientCall and what only it reaches), GNU gzip -9:\n'
printf '  .wasm  %7d B with, %7d B without: +%d B (budget %d B)\n' "$ww" "$wo" $((ww - wo)) "$budget"
printf '  glue   %7d B with, %7d B without: +%d B\n' "$gw" "$go" $((gw - go))
if ((ww - wo > budget)); then
  ews_log "error: the client core adds $((ww - wo)) B to the .wasm, over the $budget B budget"
  exit 1
fi
