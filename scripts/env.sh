# shellcheck shell=bash
# Sourced by the other scripts in scripts/ (and usable by hand:
# `source scripts/env.sh`). Sets the repo root, puts the project's tools
# first on PATH and knows which tool versions the project needs.
# It only sets variables and defines functions: it installs nothing.

EWS_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export EWS_ROOT

export CARGO_HOME="${CARGO_HOME:-$HOME/.cargo}"
# Where `cargo install` puts binaries (setup.sh honours CARGO_INSTALL_ROOT).
EWS_TOOL_BIN="${CARGO_INSTALL_ROOT:-$CARGO_HOME}/bin"

# Prepend $1 to PATH, removing any earlier occurrence of it.
ews_path_prepend() {
  local dir="$1" p=":$PATH:"
  while [[ "$p" == *":$dir:"* ]]; do p="${p//:$dir:/:}"; done
  p="${p#:}"
  p="${p%:}"
  PATH="$dir${p:+:$p}"
}
# Order matters: node_modules/.bin first, so that npm's binaryen `wasm-opt`
# wins over Debian's (wasm-opt 108 corrupts wasm-bindgen output, see
# ../shared/TOOLCHAIN.md); then the cargo-installed tools.
ews_path_prepend "$CARGO_HOME/bin"
ews_path_prepend "$EWS_TOOL_BIN"
ews_path_prepend "$EWS_ROOT/node_modules/.bin"
export PATH

export EWS_WASM_PACK_VERSION="0.15.1"
export EWS_DEFAULT_WASM_BINDGEN_VERSION="0.2.130"

# The wasm-bindgen version the crate uses: Cargo.lock's, else the one
# Cargo.toml pins, else the default above. wasm-pack only uses an installed
# wasm-bindgen CLI whose version equals Cargo.lock's.
ews_wasm_bindgen_version() {
  local v=""
  if [[ -f "$EWS_ROOT/Cargo.lock" ]]; then
    v="$(awk '
      /^\[\[package\]\]/ { inpkg = 0 }
      /^name = "wasm-bindgen"$/ { inpkg = 1; next }
      inpkg && /^version = / { gsub(/"/, "", $3); print $3; exit }
    ' "$EWS_ROOT/Cargo.lock")"
  fi
  if [[ -z "$v" && -f "$EWS_ROOT/Cargo.toml" ]]; then
    v="$(sed -nE 's/^[[:space:]]*wasm-bindgen[[:space:]]*=[^0-9]*([0-9]+\.[0-9]+\.[0-9]+).*/\1/p' \
      "$EWS_ROOT/Cargo.toml" | head -n1)"
  fi
  echo "${v:-$EWS_DEFAULT_WASM_BINDGEN_VERSION}"
}

# Does the crate use wasm-bindgen yet? (any `wasm_bindgen` in src/**/*.rs;
# until then there is no wasm package to build or test)
ews_crate_uses_wasm_bindgen() {
  grep -rqs --include='*.rs' 'wasm_bindgen' "$EWS_ROOT/src"
}

# The version a tool prints, or nothing when it is missing or broken.
ews_tool_version() {
  "$@" 2>/dev/null | head -n1 | grep -oE '[0-9]+\.[0-9]+\.[0-9]+' | head -n1 || true
}

# Debian's chromium and its driver, for wasm-pack test --chrome and Playwright.
if [[ -z "${CHROMEDRIVER:-}" && -x /usr/bin/chromedriver ]]; then
  export CHROMEDRIVER=/usr/bin/chromedriver
fi
if [[ -z "${CHROME_BIN:-}" && -x /usr/bin/chromium ]]; then
  export CHROME_BIN=/usr/bin/chromium
fi

ews_now() { date +%s; }
# Print "Ns" or "MmSSs" for a number of seconds.
ews_fmt_secs() {
  local s="$1"
  if ((s >= 60)); then printf '%dm%02ds' $((s / 60)) $((s % 60)); else printf '%ds' "$s"; fi
}
ews_log() { printf '[%s] %s\n' "${EWS_LOG_TAG:-ews}" "$*" >&2; }

# Runs the package's wasm-opt step on IN, writing OUT; further arguments (e.g.
# --strip-debug, or -g to keep names) go before the input. One definition for
# scripts/build.sh (the npm package), bench-engine.sh and size-core.sh, so the
# modules they measure are optimised alike.
ews_wasm_opt() {
  local in="$1" out="$2"
  shift 2
  local features opt_level
  # The features the module needs (from rustc's target_features section) on
  # top of the baseline every supported runtime (Node >= 18, current browsers)
  # has. Binaryen must know them all or it rejects/rewrites the module.
  mapfile -t features < <(
    {
      printf '%s\n' --enable-bulk-memory --enable-nontrapping-float-to-int \
        --enable-sign-ext --enable-mutable-globals --enable-reference-types
      node "$EWS_ROOT/scripts/wasm-features.mjs" "$in"
    } | sort -u
  )
  # -O2 with -ocimfs 0 (no inlining of functions just because they have one
  # caller): rustc (opt-level "z", LTO) has already inlined what pays, and
  # binaryen's one-caller inlining of its big functions makes the module
  # compress worse: gzip -9 of the .wasm was ~5 KB smaller than with -Oz, at
  # the same speed (bench/README, "The engine alone in wasm").
  read -r -a opt_level <<<"${WASM_OPT_LEVEL:--O2 -ocimfs 0}"
  ews_log "wasm-opt ${opt_level[*]} ${features[*]} $*"
  "$EWS_ROOT/node_modules/.bin/wasm-opt" "${opt_level[@]}" "${features[@]}" "$@" "$in" -o "$out"
}
