#!/usr/bin/env bash
# Installs what building and testing ews-wasm needs, and only what is missing:
#   - rustup target wasm32-unknown-unknown
#   - wasm-pack 0.15.1                      (cargo install --locked)
#   - wasm-bindgen-cli = Cargo.lock's wasm-bindgen version (cargo install,
#     without --locked: its lock pins a crate version the registry lacks)
#   - cargo-fuzz, only with SETUP_FUZZ=1 or when fuzz/ exists
#   - the root package.json's devDependencies (npm ci / npm install):
#     binaryen's wasm-opt, typescript, playwright-core
#   - Debian packages libxml2-utils (xmllint), chromium, chromium-driver,
#     with apt-get when running as root
#   - gromox, the EWS server of the `gromox` test layer (scripts/gromox.sh
#     build: ../shared/gromox's recipe, ~7 min on 2 cores, as root), when it
#     is not built
# Idempotent: prints nothing when everything is there; otherwise prints what
# it installs and how long it took. The cargo builds (CPU) run in parallel
# with each other and with apt/npm (network) to shorten a cold run.
#
# Env:
#   SETUP_FUZZ=1          also install cargo-fuzz (default: only if fuzz/ exists)
#   SETUP_SKIP_APT=1      never call apt-get
#   SETUP_SKIP_GROMOX=1   do not build gromox (the gromox test layer then fails)
#   EWS_GROMOX_BACKGROUND=1  start the gromox build and do not wait for it
#                         (.ci/run: the first test layers run meanwhile; the
#                         gromox layer waits for the build, see scripts/gromox.sh)
#   SETUP_VERBOSE=1       say so even when nothing is installed
#   SETUP_TOOLS_TARGET    where cargo install builds (default
#                         $CARGO_HOME/ews-tools-target/<crate>), so that an
#                         interrupted install (e.g. a CI run cut short)
#                         resumes instead of starting over; removed after a
#                         successful install (~0.1-0.45 GB each) unless
#                         SETUP_KEEP_TOOLS_TARGET=1. Set to "" for cargo's
#                         default throwaway temp dir.
#   SETUP_TOOLS_OPT_LEVEL opt-level for the cargo-installed tools (default 1:
#                         a faster cold install; they have little work to do)
#   CARGO_INSTALL_ROOT    honoured (tools then go to $CARGO_INSTALL_ROOT/bin)
set -euo pipefail
# shellcheck source=scripts/env.sh
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
EWS_LOG_TAG=setup
cd "$EWS_ROOT"

# One set-up at a time on this machine: the cargo tools and Debian packages
# are machine-wide, so the lock is too.
lock_file="${EWS_SETUP_LOCK:-${TMPDIR:-/tmp}/ews-wasm-setup.lock}"
exec 9>>"$lock_file"
if ! flock -n 9; then
  ews_log "another setup is running; waiting for it to finish"
  flock 9
fi

t_all=$(ews_now)
installed_any=0
work="$(mktemp -d "${TMPDIR:-/tmp}/ews-setup.XXXXXX")"
trap 'rm -rf "$work"' EXIT

declare -a bg_pids=() bg_names=() bg_starts=()

# Run a step in the background, its output in a log file.
bg() {
  local name="$1"
  shift
  installed_any=1
  ews_log "installing $name ..."
  # (the step functions below return their own failures: errexit does not
  # apply inside a `cmd || ...` list)
  (
    rc=0
    "$@" || rc=$?
    ews_now >"$work/$name.end"
    exit "$rc"
  ) >"$work/$name.log" 2>&1 &
  bg_pids+=("$!")
  bg_names+=("$name")
  bg_starts+=("$(ews_now)")
}

# Wait for every background step; report times; show the log of a failure.
wait_all() {
  local i failed=0 rc
  for i in "${!bg_pids[@]}"; do
    rc=0
    wait "${bg_pids[$i]}" || rc=$?
    local end
    end="$(cat "$work/${bg_names[$i]}.end" 2>/dev/null || ews_now)"
    local took=$((end - bg_starts[i]))
    if ((rc == 0)); then
      ews_log "installed ${bg_names[$i]} in $(ews_fmt_secs "$took")"
    else
      ews_log "FAILED to install ${bg_names[$i]} (exit $rc, after $(ews_fmt_secs "$took")); last lines of its log:"
      tail -n 40 "$work/${bg_names[$i]}.log" >&2
      failed=1
    fi
  done
  bg_pids=() bg_names=() bg_starts=()
  return "$failed"
}

# If someone else's `cargo install CRATE` is running (e.g. started by hand),
# wait for it instead of building the same thing twice at once.
wait_foreign_install() {
  local crate="$1" waited=0
  while pgrep -f "cargo install (.* )?$crate( |$)" >/dev/null 2>&1; do
    if ((waited == 0)); then ews_log "waiting for a running 'cargo install $crate' to finish"; fi
    sleep 5
    waited=$((waited + 5))
    if ((waited > 1500)); then break; fi
  done
}

cargo_install() {
  # cargo_install CRATE ARGS...
  local crate="$1"
  shift
  local target_dir="${SETUP_TOOLS_TARGET-$CARGO_HOME/ews-tools-target}"
  # These tools each process one small file per run; their build time is what
  # a cold machine waits for. They are built at opt-level 1 without debug info
  # instead of the release default (3) to shorten that wait; they stay fast
  # enough. SETUP_TOOLS_OPT_LEVEL overrides it.
  local -a profile=(CARGO_PROFILE_RELEASE_OPT_LEVEL="${SETUP_TOOLS_OPT_LEVEL:-1}" CARGO_PROFILE_RELEASE_DEBUG=false)
  if [[ -n "$target_dir" ]]; then
    env "${profile[@]}" CARGO_TARGET_DIR="$target_dir/$crate" cargo install "$crate" "$@" || return
    if [[ "${SETUP_KEEP_TOOLS_TARGET:-0}" != 1 ]]; then
      rm -rf "${target_dir:?}/$crate"
      rmdir "$target_dir" 2>/dev/null || true
    fi
  else
    env "${profile[@]}" cargo install "$crate" "$@"
  fi
}

# ---------------------------------------------------------------- Debian
apt_missing=()
command -v xmllint >/dev/null 2>&1 || apt_missing+=(libxml2-utils)
command -v chromium >/dev/null 2>&1 || apt_missing+=(chromium)
command -v chromedriver >/dev/null 2>&1 || apt_missing+=(chromium-driver)
if ((${#apt_missing[@]})); then
  if [[ "${SETUP_SKIP_APT:-0}" == 1 ]]; then
    ews_log "missing Debian packages (SETUP_SKIP_APT=1, not installing): ${apt_missing[*]}"
  elif [[ "$(id -u)" != 0 ]] || ! command -v apt-get >/dev/null 2>&1; then
    ews_log "missing Debian packages, install them as root: apt-get install --no-install-recommends ${apt_missing[*]}"
  else
    apt_install() {
      export DEBIAN_FRONTEND=noninteractive
      apt-get -o DPkg::Lock::Timeout=600 update -q || return
      apt-get -o DPkg::Lock::Timeout=600 install -y -q --no-install-recommends "$@"
    }
    bg "apt-packages" apt_install "${apt_missing[@]}"
  fi
fi

# ---------------------------------------------------------------- gromox
# Built next to the rest (its apt-get waits for the dpkg lock). Without root
# it cannot be built: say so; the gromox test layer fails with the reason.
if [[ -f "$EWS_ROOT/scripts/gromox.sh" ]] && ! bash "$EWS_ROOT/scripts/gromox.sh" built; then
  if [[ "${SETUP_SKIP_GROMOX:-0}" == 1 || "${SETUP_SKIP_APT:-0}" == 1 ]]; then
    ews_log "gromox is not built (SETUP_SKIP_GROMOX/SETUP_SKIP_APT=1, not building it): the gromox test layer will fail"
  elif [[ "$(id -u)" != 0 ]]; then
    ews_log "gromox is not built and building it needs root: sudo bash scripts/gromox.sh build"
  elif [[ "${EWS_GROMOX_BACKGROUND:-0}" == 1 ]]; then
    # .ci/run: not waited for here; the gromox test layer waits for it
    bash "$EWS_ROOT/scripts/gromox.sh" build-background
  else
    bg "gromox" bash "$EWS_ROOT/scripts/gromox.sh" build
  fi
fi

# ---------------------------------------------------------------- rustup target
if ! rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
  bg "rustup-target-wasm32" rustup target add wasm32-unknown-unknown
fi

# ---------------------------------------------------------------- cargo tools
want_wb="$(ews_wasm_bindgen_version)"
if [[ "$(ews_tool_version wasm-pack --version)" != "$EWS_WASM_PACK_VERSION" ]]; then
  wait_foreign_install wasm-pack
fi
if [[ "$(ews_tool_version wasm-pack --version)" != "$EWS_WASM_PACK_VERSION" ]]; then
  bg "wasm-pack@$EWS_WASM_PACK_VERSION" \
    cargo_install wasm-pack --version "$EWS_WASM_PACK_VERSION" --locked --force
fi
if [[ "$(ews_tool_version wasm-bindgen --version)" != "$want_wb" ]]; then
  wait_foreign_install wasm-bindgen-cli
fi
if [[ "$(ews_tool_version wasm-bindgen --version)" != "$want_wb" ]]; then
  bg "wasm-bindgen-cli@$want_wb" \
    cargo_install wasm-bindgen-cli --version "$want_wb" --force
fi
if [[ "${SETUP_FUZZ:-0}" == 1 || -d "$EWS_ROOT/fuzz" ]]; then
  if ! cargo fuzz --version >/dev/null 2>&1; then
    wait_foreign_install cargo-fuzz
  fi
  if ! cargo fuzz --version >/dev/null 2>&1; then
    bg "cargo-fuzz" cargo_install cargo-fuzz --locked
  fi
  if ! rustup toolchain list 2>/dev/null | grep -q '^nightly'; then
    ews_log "warning: no nightly toolchain; cargo +nightly fuzz will not run"
  fi
fi

# ---------------------------------------------------------------- npm
# Reinstall when node_modules is missing or was installed from another
# package.json / package-lock.json (a content stamp, not mtimes, so a fresh
# clone and `npm install -D x` by hand both do the right thing).
if [[ -f package.json ]]; then
  npm_stamp_file="node_modules/.ews-setup-stamp"
  npm_stamp="$(cat package.json package-lock.json 2>/dev/null | cksum)"
  if [[ ! -f "$npm_stamp_file" || "$(cat "$npm_stamp_file")" != "$npm_stamp" ]]; then
    npm_install() {
      local flags=(--no-audit --no-fund --loglevel=error)
      if [[ -f package-lock.json ]]; then
        if ! npm ci "${flags[@]}"; then
          if [[ -n "${CI:-}" ]]; then return 1; fi
          echo "npm ci failed (package.json and package-lock.json out of sync?); trying npm install"
          npm install "${flags[@]}" || return
        fi
      else
        npm install "${flags[@]}" || return
      fi
      # package-lock.json may have been rewritten by npm install
      cat package.json package-lock.json 2>/dev/null | cksum >"node_modules/.ews-setup-stamp"
    }
    bg "npm-devDependencies" npm_install
  fi
fi

wait_all || {
  ews_log "setup failed after $(ews_fmt_secs $(($(ews_now) - t_all)))"
  exit 1
}

# ---------------------------------------------------------------- checks
problems=0
check() {
  # check NAME WANT GOT
  if [[ "$2" != "$3" ]]; then
    ews_log "error: $1: want ${2:-present}, have ${3:-none}"
    problems=1
  fi
}
check "wasm-pack --version" "$EWS_WASM_PACK_VERSION" "$(ews_tool_version wasm-pack --version)"
check "wasm-bindgen --version" "$want_wb" "$(ews_tool_version wasm-bindgen --version)"
check "wasm32-unknown-unknown target" yes \
  "$(rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown && echo yes)"
if [[ -f package.json ]] && grep -q '"binaryen"' package.json; then
  check "wasm-opt from node_modules/.bin" "$EWS_ROOT/node_modules/.bin/wasm-opt" "$(command -v wasm-opt || true)"
fi
if ((problems)); then exit 1; fi

if ((installed_any)); then
  ews_log "done in $(ews_fmt_secs $(($(ews_now) - t_all)))"
elif [[ "${SETUP_VERBOSE:-0}" == 1 ]]; then
  ews_log "everything present"
fi
