#!/usr/bin/env bash
# Runs every test layer that exists (`npm test`), each as a step with a header
# line, going on after a failing step, and ends with the line
#   N passed, N failed
# (N = steps) alone on the last line; exits non-zero if any step failed.
#
# Steps, each only when what it needs is there:
#   setup        scripts/setup.sh
#   fmt          cargo fmt --check
#   clippy       cargo clippy --all-targets -- -D warnings
#   clippy-wasm  cargo clippy --target wasm32-unknown-unknown --lib --tests -- -D warnings
#                (the #[wasm_bindgen] layer is compiled only for wasm32)
#   doc          RUSTDOCFLAGS=-Dwarnings cargo doc --no-deps
#   cargo-test   cargo test (unit, integration, doc tests; needs xmllint on PATH)
#   generated    node --test tests/generate/ (the schema generator on a synthetic
#                schema), then scripts/generate.sh --check: fails, naming the
#                file, when src/types/generated.rs, pkg-template/index.d.ts or a
#                tests/client-scenarios/*.json is not what `npm run generate` writes
#   build        npm run build (pkg/)                  [src/ uses wasm_bindgen]
#   wasm-node    wasm-pack test --node                 [a wasm_bindgen_test exists]
#   wasm-browser WASM_BINDGEN_USE_BROWSER=1 wasm-pack test --headless --chrome
#                (with --features fetch and the mock Exchange server running,
#                for tests/wasm_fetch.rs)
#   js           node --test tests/js/**/*.test.mjs
#   tsc          tsc --noEmit -p tests/js/tsconfig.json (DOM lib), then
#                tests/js/tsconfig.node.json (Node-only: @types/node, no DOM)
#   linear       node --test tests/linear/  (each parser shape at N and 4N bytes:
#                the time ratio must stay below 6; linear is 4, quadratic 16)
#   soak         node --test tests/soak/   (a 10 000-item sync through 30% faults
#                while the folder changes; about 1.5 minutes)
#   e2e          node --test tests/e2e/**/*.test.mjs   (Playwright + Debian chromium)
#   bundlers     node --test tests/bundlers/  (the npm pack tarball in apps built
#                with Vite, webpack, esbuild, Rollup; page + module worker in Chromium)
#   api-docs     node --test tests/docs/ (the reference links), then npm run docs
#                into a temporary folder (typedoc, warnings as errors; fails on
#                `any` in pkg-template/index.d.ts)
#   addin        tsc -p tests/addin/tsconfig.json (@types/office-js), then
#                node --test tests/addin/  (manifest, the task pane in Chromium
#                with office-addin-mock over the mock Exchange)
#   gromox       scripts/gromox.sh test: the JS EwsClient (pkg/), the demo in
#                Chromium ("Real server" mode, through its proxy) and the Rust
#                client against a live gromox EWS server, started and stopped
#                around the tests (built by setup.sh; fails, saying why, when it
#                is not built or does not start)
#   fuzz:TARGET  cargo +nightly fuzz run TARGET -- -max_total_time=$FUZZ_SECONDS
#
# Env:
#   SKIP_<STEP>=1     skip a step: SKIP_FMT, SKIP_CLIPPY, SKIP_CLIPPY_WASM,
#                     SKIP_DOC, SKIP_CARGO_TEST, SKIP_GENERATED, SKIP_BUILD, SKIP_WASM_NODE,
#                     SKIP_WASM_BROWSER, SKIP_JS, SKIP_TSC, SKIP_LINEAR, SKIP_SOAK, SKIP_E2E, SKIP_FUZZ,
#                     SKIP_SETUP, SKIP_BUNDLERS, SKIP_ADDIN, SKIP_API_DOCS, SKIP_GROMOX
#   SKIP_BROWSER=1    skip everything that starts Chromium (wasm-browser, e2e,
#                     bundlers, addin)
#   SKIP_WASM=1       skip build, wasm-node, wasm-browser, js, tsc, linear, soak, e2e,
#                     bundlers, addin
#   TEST_ONLY="a b"   run only these steps (ids as above; fuzz = all fuzz targets)
#   FUZZ_SECONDS      seconds per fuzz target (default 20)
#   FUZZ_INPUT_TIMEOUT  seconds one fuzz input may take before libFuzzer calls
#                     it a failure (default 10: every parse is linear, so a slow
#                     input is a bug)
#   STEP_TIMEOUT      seconds before a step is killed (default 1500)
#   FAIL_TAIL_LINES   lines of a failed step's output the summary repeats (default 60)
#   WASM_TEST_ARGS    extra args for both wasm-pack test runs (after --headless etc.)
set -uo pipefail
# shellcheck source=scripts/env.sh
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
EWS_LOG_TAG="test"
cd "$EWS_ROOT" || exit 1

t_all=$(ews_now)
passed=0
failed=0
declare -a results=() skipped=() failed_logs=()
STEP_LOGS="$(mktemp -d "${TMPDIR:-/tmp}/ews-test-steps.XXXXXX")"
trap 'rm -rf "$STEP_LOGS"' EXIT

# is step ID wanted? (TEST_ONLY / SKIP_<ID> / umbrella switches)
wanted() {
  local id="$1" var
  var="SKIP_$(echo "${id%%:*}" | tr 'a-z-' 'A-Z_')"
  if [[ "${!var:-0}" == 1 ]]; then
    skipped+=("$id ($var=1)")
    return 1
  fi
  if [[ -n "${TEST_ONLY:-}" && " $TEST_ONLY " != *" ${id%%:*} "* && " $TEST_ONLY " != *" $id "* ]]; then
    skipped+=("$id (not in TEST_ONLY)")
    return 1
  fi
  return 0
}

# step ID TITLE CMD...: run CMD with a header, time it, count it.
step() {
  local id="$1" title="$2"
  shift 2
  local t0 rc=0
  printf '\n==> [%s] %s\n' "$id" "$title"
  t0=$(ews_now)
  # The step's output goes to the terminal as it comes and, through tee, to a log
  # whose tail the summary repeats when the step fails (CI often shows only the
  # summary). tee runs in a process substitution, so a daemon a step leaves
  # holding its stdout cannot keep the step waiting.
  local log="$STEP_LOGS/${id//[^A-Za-z0-9_-]/_}.log"
  timeout --kill-after=30 "${STEP_TIMEOUT:-1500}" "$@" > >(tee "$log") 2>&1 || rc=$?
  local took
  took="$(ews_fmt_secs $(($(ews_now) - t0)))"
  if ((rc == 0)); then
    passed=$((passed + 1))
    results+=("PASS  $id ($took)")
    printf '<== [%s] passed in %s\n' "$id" "$took"
  else
    failed=$((failed + 1))
    if ((rc == 124)); then
      results+=("FAIL  $id (timed out after ${STEP_TIMEOUT:-1500}s)")
    else
      results+=("FAIL  $id (exit $rc, $took)")
    fi
    printf '<== [%s] FAILED (exit %d) after %s\n' "$id" "$rc" "$took"
    failed_logs+=("$id:$log")
  fi
}

skip() { skipped+=("$1 ($2)"); }

have_cargo_subcommand() { cargo "$1" --version >/dev/null 2>&1; }

# ------------------------------------------------------------------ setup
if wanted setup; then
  step setup "scripts/setup.sh" bash scripts/setup.sh
fi
export EWS_SETUP_DONE=1

# ------------------------------------------------------------------ Rust
if [[ -f Cargo.toml ]]; then
  if wanted fmt; then
    if have_cargo_subcommand fmt; then
      step fmt "cargo fmt --check" cargo fmt --all --check
    else skip fmt "no rustfmt"; fi
  fi
  if wanted clippy; then
    if have_cargo_subcommand clippy; then
      step clippy "cargo clippy --all-targets -- -D warnings" \
        cargo clippy --all-targets -- -D warnings
    else skip clippy "no clippy"; fi
  fi
  if ews_crate_uses_wasm_bindgen && wanted clippy-wasm; then
    step clippy-wasm "cargo clippy --target wasm32-unknown-unknown --lib --tests [--features fetch] -- -D warnings" \
      bash -c 'cargo clippy --target wasm32-unknown-unknown --lib --tests -- -D warnings &&
        cargo clippy --target wasm32-unknown-unknown --lib --tests --features fetch -- -D warnings' 
  fi
  if wanted doc; then
    step doc "RUSTDOCFLAGS=-Dwarnings cargo doc --no-deps" \
      env RUSTDOCFLAGS="${RUSTDOCFLAGS:+$RUSTDOCFLAGS }-Dwarnings" cargo doc --no-deps
  fi
  if wanted cargo-test; then
    if ! command -v xmllint >/dev/null 2>&1; then
      echo "warning: xmllint is not on PATH; schema validation in cargo tests needs it (apt-get install libxml2-utils)"
    fi
    step cargo-test "cargo test" cargo test
  fi
  if [[ -f scripts/generate.sh ]] && wanted generated; then
    step generated "node --test tests/generate/, then scripts/generate.sh --check (generated files are current)" \
      bash -c 'node --test tests/generate/ && bash scripts/generate.sh --check'
  fi
fi

# ------------------------------------------------------------------ wasm + JS
uses_wb=0
ews_crate_uses_wasm_bindgen && uses_wb=1
has_wasm_tests=0
if compgen -G "tests/wasm*.rs" >/dev/null ||
  grep -rqs --include='*.rs' 'wasm_bindgen_test' src tests; then
  has_wasm_tests=1
fi
js_tests() { # list *.test.mjs under $1
  [[ -d "$1" ]] && find "$1" -name node_modules -prune -o -type f -name '*.test.mjs' -print | sort
}
mapfile -t js_files < <(js_tests tests/js)
mapfile -t e2e_files < <(js_tests tests/e2e)

if [[ "${SKIP_WASM:-0}" == 1 ]]; then
  skip "build, wasm-node, wasm-browser, js, tsc, linear, soak, e2e, bundlers, addin" "SKIP_WASM=1"
else
  if ((uses_wb)); then
    if wanted build; then step build "npm run build" npm run build; fi
  else
    skip build "no wasm_bindgen in src/ yet"
  fi

  if ((has_wasm_tests)); then
    read -r -a wasm_test_args <<<"${WASM_TEST_ARGS:-}"
    if wanted wasm-node; then
      step wasm-node "wasm-pack test --node" \
        bash scripts/ran-tests.sh wasm-pack test --node "${wasm_test_args[@]}"
    fi
    if [[ "${SKIP_BROWSER:-0}" == 1 ]]; then
      skip wasm-browser "SKIP_BROWSER=1"
    elif wanted wasm-browser; then
      if [[ -x "${CHROMEDRIVER:-}" ]] && command -v chromium >/dev/null 2>&1; then
        # Debian chromium as root, headless, on a closed network: the runner
        # adds headless/no-sandbox/disable-dev-shm-usage itself; the rest
        # comes from this capabilities file, with a fresh profile.
        wd_dir="$(mktemp -d "${TMPDIR:-/tmp}/ews-wasm-chrome.XXXXXX")"
        cat >"$wd_dir/webdriver.json" <<EOF
{"goog:chromeOptions":{"binary":"$(command -v chromium)","args":["disable-gpu","disable-quic","no-first-run","disable-background-networking","disable-component-update","disable-sync","user-data-dir=$wd_dir/profile"]}}
EOF
        # tests/wasm_fetch.rs fetches cross-origin from the browser to the
        # mock Exchange server: start it on a free port, compile its URL in
        # (option_env!("EWS_MOCK_URL")) with the `fetch` feature for this run
        # only, stop it after the step. The mock grants CORS only to origins
        # it is told about, so the test runner's page gets a fixed free port
        # (WASM_BINDGEN_TEST_ADDRESS) and the mock --allow-origin for it.
        mock_pid="" mock_env=() fetch_args=()
        if [[ -f tests/wasm_fetch.rs ]]; then
          fetch_args=(--features fetch)
          runner_port="$(node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')"
          mock_env=(WASM_BINDGEN_TEST_ADDRESS="127.0.0.1:$runner_port")
          node www/mock-exchange/server.mjs --port 0 --host 127.0.0.1 --allow-origin "http://127.0.0.1:$runner_port" >"$wd_dir/mock.out" 2>&1 &
          mock_pid=$!
          for _ in $(seq 100); do
            grep -q '^mock-exchange listening on ' "$wd_dir/mock.out" && break
            sleep 0.1
          done
          mock_url="$(sed -n 's/^mock-exchange listening on //p' "$wd_dir/mock.out")"
          if [[ -n "$mock_url" ]]; then mock_env+=(EWS_MOCK_URL="$mock_url"); else cat "$wd_dir/mock.out"; fi
        fi
        step wasm-browser "WASM_BINDGEN_USE_BROWSER=1 wasm-pack test --headless --chrome" \
          bash scripts/ran-tests.sh env WASM_BINDGEN_USE_BROWSER=1 WASM_BINDGEN_TEST_WEBDRIVER_JSON="$wd_dir/webdriver.json" \
          "${mock_env[@]}" wasm-pack test --headless --chrome --chromedriver "$CHROMEDRIVER" "${wasm_test_args[@]}" "${fetch_args[@]}"
        if [[ -n "$mock_pid" ]]; then
          kill "$mock_pid" 2>/dev/null
          wait "$mock_pid" 2>/dev/null
        fi
        rm -rf "$wd_dir"
      else
        step wasm-browser "wasm-pack test --headless --chrome" \
          bash -c 'echo "chromium / chromedriver missing: run npm run setup as root (apt-get install chromium chromium-driver)"; exit 1'
      fi
    fi
  else
    skip "wasm-node, wasm-browser" "no tests/wasm*.rs and no wasm_bindgen_test"
  fi

  if ((${#js_files[@]})); then
    if wanted js; then
      step js "node --test tests/js/ (${#js_files[@]} files)" node --test "${js_files[@]}"
    fi
  else
    skip js "no tests/js/*.test.mjs"
  fi
  if [[ -f tests/js/tsconfig.json ]]; then
    if wanted tsc; then
      # twice: with the DOM lib (browsers, bundlers) and Node-only (@types/node, no DOM)
      step tsc "tsc --noEmit -p tests/js/tsconfig.json, then tsconfig.node.json" \
        bash -c 'tsc --noEmit -p tests/js/tsconfig.json && tsc --noEmit -p tests/js/tsconfig.node.json'

    fi
  else
    skip tsc "no tests/js/tsconfig.json"
  fi
  mapfile -t linear_files < <(js_tests tests/linear)
  if ((${#linear_files[@]})); then
    if wanted linear; then
      step linear "node --test tests/linear/ (${#linear_files[@]} files)" node --test "${linear_files[@]}"
    fi
  else
    skip linear "no tests/linear/*.test.mjs"
  fi
  mapfile -t soak_files < <(js_tests tests/soak)
  if ((${#soak_files[@]})); then
    if wanted soak; then
      step soak "node --test tests/soak/ (${#soak_files[@]} files)" node --test "${soak_files[@]}"
    fi
  else
    skip soak "no tests/soak/*.test.mjs"
  fi
  if ((${#e2e_files[@]})); then
    if [[ "${SKIP_BROWSER:-0}" == 1 ]]; then
      skip e2e "SKIP_BROWSER=1"
    elif wanted e2e; then
      step e2e "node --test tests/e2e/ (${#e2e_files[@]} files)" node --test "${e2e_files[@]}"
    fi
  else
    skip e2e "no tests/e2e/*.test.mjs"
  fi
  if [[ -f scripts/docs.mjs ]] && wanted api-docs; then
    api_docs_out="$(mktemp -d "${TMPDIR:-/tmp}/ews-api-docs.XXXXXX")"
    step api-docs "node --test tests/docs/, then the typedoc API reference (scripts/docs.mjs): no warnings, no any" \
      bash -c 'node --test tests/docs/ && DOCS_OUT="$1" node scripts/docs.mjs' _ "$api_docs_out"
    rm -rf "$api_docs_out"
  fi
  # how app authors use the package: bundlers, and the Outlook add-in sample
  for layer in bundlers addin; do
    mapfile -t layer_files < <(js_tests "tests/$layer")
    if ((${#layer_files[@]} == 0)); then
      skip "$layer" "no tests/$layer/*.test.mjs"
    elif [[ "${SKIP_BROWSER:-0}" == 1 ]]; then
      skip "$layer" "SKIP_BROWSER=1"
    elif wanted "$layer"; then
      if [[ "$layer" == addin ]]; then
        step addin "tsc -p tests/addin/tsconfig.json, node --test tests/addin/ (${#layer_files[@]} files)" \
          bash -c 'tsc -p tests/addin/tsconfig.json && node --test "$@"' _ "${layer_files[@]}"
      else
        step bundlers "node --test tests/bundlers/ (${#layer_files[@]} files)" node --test "${layer_files[@]}"
      fi
    fi
  done
fi

# ------------------------------------------------------------------ gromox
if [[ -f scripts/gromox.sh ]] && wanted gromox; then
  step gromox "scripts/gromox.sh test (JS client, demo, Rust client against a live gromox)" \
    bash scripts/gromox.sh test
fi

# ------------------------------------------------------------------ fuzz
if [[ -d fuzz ]]; then
  if wanted fuzz; then
    if ! rustup toolchain list 2>/dev/null | grep -q '^nightly'; then
      step fuzz "cargo +nightly fuzz" bash -c 'echo "no nightly toolchain"; exit 1'
    elif ! have_cargo_subcommand fuzz; then
      step fuzz "cargo +nightly fuzz" bash -c 'echo "cargo-fuzz missing: SETUP_FUZZ=1 npm run setup"; exit 1'
    else
      mapfile -t fuzz_targets < <(cargo +nightly fuzz list 2>/dev/null)
      if ((${#fuzz_targets[@]} == 0)); then
        skip fuzz "fuzz/ has no targets"
      fi
      # New corpus entries go to a temporary folder (first corpus argument),
      # so a run leaves no untracked files; fuzz/corpus/TARGET, when it
      # exists, is read as seeds. Crashes are kept in fuzz/artifacts/.
      fuzz_tmp="$(mktemp -d "${TMPDIR:-/tmp}/ews-fuzz.XXXXXX")"
      for t in "${fuzz_targets[@]}"; do
        if wanted "fuzz:$t"; then
          mkdir -p "$fuzz_tmp/$t"
          seeds=()
          [[ -d "fuzz/corpus/$t" ]] && seeds=("fuzz/corpus/$t")
          # the builders take JSON options, the parsers XML
          dict="$EWS_ROOT/fuzz/ews.dict"
          [[ "$t" == build_* && -f fuzz/options.dict ]] && dict="$EWS_ROOT/fuzz/options.dict"
          step "fuzz:$t" "cargo +nightly fuzz run $t -- -max_total_time=${FUZZ_SECONDS:-20} -timeout=${FUZZ_INPUT_TIMEOUT:-10} -dict=$(basename "$dict")" \
            cargo +nightly fuzz run "$t" "$fuzz_tmp/$t" "${seeds[@]}" -- -max_total_time="${FUZZ_SECONDS:-20}" \
            -timeout="${FUZZ_INPUT_TIMEOUT:-10}" -dict="$dict"
        fi
      done
      rm -rf "$fuzz_tmp"
    fi
  fi
else
  skip fuzz "no fuzz/"
fi

# ------------------------------------------------------------------ summary
printf '\n==> summary (%s)\n' "$(ews_fmt_secs $(($(ews_now) - t_all)))"
for r in "${results[@]}"; do echo "  $r"; done
for s in "${skipped[@]}"; do echo "  skip  $s"; done
# The end of each failed step's output, so that the summary alone says why.
sleep 0.2 # lets the last tee write its tail
for f in "${failed_logs[@]}"; do
  echo "  --- the last ${FAIL_TAIL_LINES:-60} lines of ${f%%:*} (stack frames and blank lines left out) ---"
  grep -v -E '^(# )?(    at |\s*$)' "${f#*:}" 2>/dev/null | tail -n "${FAIL_TAIL_LINES:-60}" | sed 's/^/  | /'
done
echo "${passed} passed, ${failed} failed"
((failed == 0))
