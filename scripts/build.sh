#!/usr/bin/env bash
# Builds the npm package into pkg/ (`npm run build`).
#
# One package for Node >= 18, browsers and bundlers: wasm-pack's `--target web`
# glue is an ES module that exports `initSync({ module })` and a default async
# `init()` which fetches `new URL('<name>_bg.wasm', import.meta.url)` (the
# pattern bundlers such as webpack 5 and Vite understand). The wrapper entries
# in pkg-template/ (Node: read the bytes with fs + initSync, so `import` is all
# a Node user does; browser/default: await init()) sit on top of that one glue,
# so there is a single .wasm and a single copy of the bindings.
#
# Steps: wasm-pack build --release --target web into target/ews-pkg/wasm-pack;
# wasm-opt -O2 -ocimfs 0 (npm binaryen) with the features the module was compiled with;
# check the optimised module still compiles and initialises in Node; assemble
# target/ews-pkg/stage from the generated files + everything in pkg-template/
# (template files override generated ones); swap it into pkg/; print sizes.
#
# Env:
#   BUILD_WASM_OPT=0   skip wasm-opt (faster; bigger .wasm)
#   WASM_OPT_LEVEL     wasm-opt optimisation flags, split at spaces (default
#                      "-O2 -ocimfs 0"; see ews_wasm_opt in scripts/env.sh)
#   BUILD_PROFILE      release (default) | dev  (wasm-pack --release / --dev)
#   EWS_SETUP_DONE=1   do not run scripts/setup.sh first (test.sh/demo.sh set it)
set -euo pipefail
# shellcheck source=scripts/env.sh
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
EWS_LOG_TAG=build
cd "$EWS_ROOT"

if [[ "${EWS_SETUP_DONE:-0}" != 1 ]]; then
  bash "$EWS_ROOT/scripts/setup.sh"
fi

if ! ews_crate_uses_wasm_bindgen; then
  ews_log "SKIPPED: no wasm_bindgen in src/ yet, so there is no wasm package to build (pkg/ left as it is)"
  exit 0
fi

t0=$(ews_now)
work="$EWS_ROOT/target/ews-pkg"
out="$work/wasm-pack"
stage="$work/stage"
rm -rf "$work"
mkdir -p "$work"

profile_flag="--release"
[[ "${BUILD_PROFILE:-release}" == dev ]] && profile_flag="--dev"

ews_log "wasm-pack build $profile_flag --target web"
wasm-pack build "$profile_flag" --target web --out-dir "$out"
rm -f "$out/.gitignore" # wasm-pack writes '*' there; pkg/ is ignored at the root

shopt -s nullglob
wasms=("$out"/*_bg.wasm)
shopt -u nullglob
if ((${#wasms[@]} != 1)); then
  ews_log "error: expected one *_bg.wasm in $out, found ${#wasms[@]}"
  exit 1
fi
wasm="${wasms[0]}"
base="$(basename "$wasm" _bg.wasm)"
glue="$out/$base.js"
raw_copy="$work/$base.unopt.wasm"
cp "$wasm" "$raw_copy"

if [[ "${BUILD_WASM_OPT:-1}" != 0 ]]; then
  wasm_opt="$(command -v wasm-opt || true)"
  if [[ "$wasm_opt" != "$EWS_ROOT/node_modules/.bin/wasm-opt" ]]; then
    ews_log "error: wasm-opt must be npm binaryen's ($EWS_ROOT/node_modules/.bin/wasm-opt), found '${wasm_opt:-none}': run npm run setup"
    exit 1
  fi
  t_opt=$(ews_now)
  ews_wasm_opt "$wasm" "$work/opt.wasm" --strip-debug --strip-producers
  mv "$work/opt.wasm" "$wasm"
  ews_log "wasm-opt took $(ews_fmt_secs $(($(ews_now) - t_opt)))"
else
  ews_log "BUILD_WASM_OPT=0: not running wasm-opt"
fi

node "$EWS_ROOT/scripts/check-wasm-load.mjs" "$glue" "$wasm"

# Assemble: generated files, then pkg-template/ on top.
mkdir -p "$stage"
cp -a "$out"/. "$stage"/
if [[ -d "$EWS_ROOT/pkg-template" ]]; then
  cp -a "$EWS_ROOT/pkg-template"/. "$stage"/
else
  ews_log "note: no pkg-template/ yet: pkg/ holds wasm-pack's own package.json and glue"
fi
rm -rf "$EWS_ROOT/pkg"
mv "$stage" "$EWS_ROOT/pkg"

# Sizes
size_row() {
  local label="$1" file="$2"
  printf '  %-28s %9d B raw %9d B gzip -9\n' "$label" "$(wc -c <"$file")" "$(gzip -9 -c "$file" | wc -c)"
}
echo "sizes:"
size_row "$base.wasm (before wasm-opt)" "$raw_copy"
size_row "pkg/${base}_bg.wasm" "$EWS_ROOT/pkg/${base}_bg.wasm"
size_row "pkg/$base.js (glue)" "$EWS_ROOT/pkg/$base.js"
shopt -s nullglob
js_all=("$EWS_ROOT"/pkg/*.js "$EWS_ROOT"/pkg/*.mjs "$EWS_ROOT"/pkg/*.cjs)
shopt -u nullglob
if ((${#js_all[@]} > 1)); then
  cat "${js_all[@]}" >"$work/all.js"
  size_row "all pkg/*.js ($((${#js_all[@]})) files)" "$work/all.js"
fi
ews_log "pkg/ ready in $(ews_fmt_secs $(($(ews_now) - t0)))"
