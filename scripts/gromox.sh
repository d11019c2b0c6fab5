#!/usr/bin/env bash
# gromox, the open-source EWS server the `gromox` test layer runs the clients
# against (recipe and sources: ../shared/gromox, see its README).
#
#   scripts/gromox.sh build       build and provision it when it is missing
#                                 (scripts/setup.sh calls this; a no-op, with no
#                                 apt-get, when it is there)
#   scripts/gromox.sh run CMD...  start MariaDB + gromox http when they are not
#                                 running, wait until EWS answers a logged-in
#                                 request, run CMD with EWS_GROMOX_URL,
#                                 EWS_GROMOX_USER, EWS_GROMOX_PASSWORD and
#                                 EWS_GROMOX_HTTP_LOG set, then stop what this
#                                 run started; exits with CMD's status
#   scripts/gromox.sh test        the `gromox` layer of npm test: compiles
#                                 tests/gromox.rs, then under `run`: the Rust
#                                 client (cargo test --test gromox), the demo in
#                                 Chromium (tests/gromox/demo.test.mjs, not with
#                                 SKIP_BROWSER=1) and the JS EwsClient
#                                 (tests/gromox/client.test.mjs); each one's
#                                 wrong-password check comes last
#   scripts/gromox.sh built       exit 0 when it is built (quick, for setup.sh)
#   scripts/gromox.sh status      says what is built and what runs
#
# MariaDB and gromox live only as long as the process tree that starts them,
# so `run` starts them itself, around the tests. It never skips: when gromox
# is not built, cannot be built (not root, no apt-get, no recipe) or does not
# start, it says why and exits non-zero. Runs are serialised with a lock (one
# mailbox, one server). The recipe only reads the recipe directory (it builds
# in /opt/src, installs to /usr and /usr/local, keeps data in /var/lib/gromox),
# so a read-only ../shared works.
#
# Env:
#   EWS_GROMOX_RECIPE   the recipe directory (default ../shared/gromox beside the repo)
#   GROMOX_START_TIMEOUT seconds to wait for EWS to answer (default 90)
set -uo pipefail
# shellcheck source=scripts/env.sh
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
EWS_LOG_TAG=gromox

RECIPE="${EWS_GROMOX_RECIPE:-$(cd "$EWS_ROOT/.." && pwd)/shared/gromox}"
EWS_URL="http://127.0.0.1:18080/EWS/Exchange.asmx"
EWS_USER="test@example.test"
EWS_PASSWORD="Secret123"
HTTP_BIN=/usr/libexec/gromox/http
# A build holds this lock from start to end; a test run waits for it.
BUILD_LOCK="${TMPDIR:-/tmp}/ews-gromox-build.lock"
BUILD_LOG="${TMPDIR:-/tmp}/ews-gromox-build.log"
PIDFILE=/run/gromox/http.pid
MAILBOX=/var/lib/gromox/user/example.test/test/exmdb/exchange.sqlite3
IMPORTED=/var/lib/gromox/.test-mail-imported

die() {
  ews_log "error: $*"
  exit 1
}

is_built() {
  [[ -x "$HTTP_BIN" && -e "$MAILBOX" && -e "$IMPORTED" ]]
}

mariadb_up() { mysqladmin ping >/dev/null 2>&1; }

http_pid() {
  local pid
  pid="$(cat "$PIDFILE" 2>/dev/null)" || return 1
  [[ -n "$pid" && "$(cat "/proc/$pid/comm" 2>/dev/null)" == http ]] || return 1
  echo "$pid"
}

# Stops gromox http: TERM, TERM again (the first can hang in shutdown), KILL.
stop_http() {
  local pid i
  pid="$(http_pid)" || return 0
  kill -TERM "$pid" 2>/dev/null
  for i in $(seq 20); do http_pid >/dev/null || break; sleep 0.5; done
  if http_pid >/dev/null; then kill -TERM "$pid" 2>/dev/null; fi
  for i in $(seq 10); do http_pid >/dev/null || break; sleep 0.5; done
  if http_pid >/dev/null; then kill -KILL "$pid" 2>/dev/null; sleep 0.5; fi
  rm -f "$PIDFILE"
}

stop_mariadb() {
  /etc/init.d/mariadb stop >/dev/null 2>&1 || mysqladmin shutdown >/dev/null 2>&1 || true
}

need_root() {
  [[ "$(id -u)" == 0 ]] || die "$1 needs root (it installs Debian packages and runs MariaDB and gromox as system services)"
}

# ---------------------------------------------------------------- build
cmd_build() {
  if [[ "${EWS_GROMOX_LOCK_HELD:-0}" != 1 ]]; then
    exec 7>>"$BUILD_LOCK"
    if ! flock -n 7; then
      ews_log "another gromox build is running (log: $BUILD_LOG); waiting for it"
      flock 7
    fi
  fi
  if is_built; then
    return 0
  fi
  need_root "building gromox"
  [[ -f "$RECIPE/setup.sh" ]] || die "no gromox recipe at $RECIPE (set EWS_GROMOX_RECIPE)"
  command -v apt-get >/dev/null 2>&1 || die "building gromox needs apt-get (Debian 12)"
  local was_db=0 was_http=0
  mariadb_up && was_db=1
  http_pid >/dev/null && was_http=1
  # The recipe calls apt-get without a lock timeout; setup.sh may be installing
  # other Debian packages at the same time: wait for the lock instead of failing.
  local apt_conf
  apt_conf="$(mktemp "${TMPDIR:-/tmp}/ews-gromox-apt.XXXXXX")"
  echo 'DPkg::Lock::Timeout "900";' >"$apt_conf"
  ews_log "building gromox from $RECIPE (about 7 min on 2 cores; log in the output below on failure)"
  local rc=0
  APT_CONFIG="$apt_conf" bash "$RECIPE/setup.sh" </dev/null || rc=$?
  rm -f "$apt_conf"
  # The recipe leaves MariaDB and http running: stop what it started, the
  # test layer starts them around the tests.
  ((was_http)) || stop_http
  ((was_db)) || stop_mariadb
  ((rc == 0)) || die "the gromox recipe $RECIPE/setup.sh failed (exit $rc)"
  is_built || die "the gromox recipe finished but $HTTP_BIN, $MAILBOX or $IMPORTED is missing"
}

# Starts `build` in the background and returns at once; `run`/`test` wait for
# it. .ci/run uses this (EWS_GROMOX_BACKGROUND=1 in setup.sh) so that the first
# test layers run while gromox compiles instead of after it.
cmd_build_background() {
  is_built && return 0
  exec 7>>"$BUILD_LOCK"
  if ! flock -n 7; then
    ews_log "a gromox build is already running (log: $BUILD_LOG)"
    return 0
  fi
  ews_log "building gromox in the background (log: $BUILD_LOG); the gromox test layer waits for it"
  # The child inherits descriptor 7, and with it the lock, until it exits.
  EWS_GROMOX_LOCK_HELD=1 nohup bash "$EWS_ROOT/scripts/gromox.sh" build >"$BUILD_LOG" 2>&1 </dev/null &
  exec 7>&-
}

# Waits for a gromox build that is running, if any.
wait_for_build() {
  exec 6>>"$BUILD_LOCK"
  if ! flock -n 6; then
    ews_log "waiting for the gromox build to finish (log: $BUILD_LOG)"
    flock 6
  fi
  exec 6>&-
}

# ---------------------------------------------------------------- run
# One authenticated SyncFolderItems (IdOnly, 1 change): prints the HTTP status.
probe() {
  curl -s -o /dev/null -w '%{http_code}' --max-time 20 -u "$EWS_USER:$EWS_PASSWORD" \
    -H 'Content-Type: text/xml; charset=utf-8' --data-binary @- "$EWS_URL" <<'EOF'
<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/" xmlns:t="http://schemas.microsoft.com/exchange/services/2006/types" xmlns:m="http://schemas.microsoft.com/exchange/services/2006/messages"><soap:Header><t:RequestServerVersion Version="Exchange2013"/></soap:Header><soap:Body><m:SyncFolderItems><m:ItemShape><t:BaseShape>IdOnly</t:BaseShape></m:ItemShape><m:SyncFolderId><t:DistinguishedFolderId Id="inbox"/></m:SyncFolderId><m:MaxChangesReturned>1</m:MaxChangesReturned></m:SyncFolderItems></soap:Body></soap:Envelope>
EOF
}

cmd_run() {
  (($#)) || die "usage: scripts/gromox.sh run CMD..."
  need_root "starting gromox"
  wait_for_build
  if ! is_built && [[ -s "$BUILD_LOG" ]]; then
    ews_log "the last gromox build did not finish; the end of its log ($BUILD_LOG):"
    tail -n 40 "$BUILD_LOG" >&2
  fi
  is_built || die "gromox is not built here ($HTTP_BIN or the test mailbox is missing): run scripts/setup.sh (or scripts/gromox.sh build)"
  [[ -f "$RECIPE/start.sh" ]] || die "no gromox recipe at $RECIPE (set EWS_GROMOX_RECIPE)"

  # one run at a time: one mailbox, and a run stops the server it started
  local lock="${TMPDIR:-/tmp}/ews-gromox-run.lock"
  exec 8>>"$lock"
  if ! flock -n 8; then
    ews_log "another gromox test run holds $lock; waiting"
    flock 8
  fi

  local started_db=0 started_http=0
  mariadb_up || started_db=1
  http_pid >/dev/null || started_http=1
  stop_started() {
    ((started_http)) && stop_http
    ((started_db)) && stop_mariadb
  }
  trap 'stop_started' EXIT
  trap 'exit 130' INT TERM

  local t0 out
  t0=$(ews_now)
  if ! out="$(bash "$RECIPE/start.sh" 2>&1 </dev/null)"; then
    echo "$out"
    tail -n 30 /var/log/gromox/http.log 2>/dev/null
    die "gromox did not start (MariaDB up: $(mariadb_up && echo yes || echo no)); see /var/log/gromox/http.log"
  fi
  # http answers before its stores are ready: wait for a logged-in request to
  # succeed. Few tries (a 401 counts as a failed login; ten block the client).
  local status="" deadline=$(($(ews_now) + ${GROMOX_START_TIMEOUT:-90})) tries=0
  while :; do
    status="$(probe)"
    [[ "$status" == 200 ]] && break
    if [[ "$status" == 401 ]]; then
      tries=$((tries + 1))
      ((tries >= 3)) && die "gromox refuses the test login ($EWS_USER): HTTP 401 three times"
      sleep 5
    fi
    (($(ews_now) > deadline)) && die "gromox EWS did not answer 200 within ${GROMOX_START_TIMEOUT:-90}s (last HTTP status: ${status:-none}); see /var/log/gromox/http.log"
    sleep 1
  done
  ews_log "gromox EWS up at $EWS_URL in $(ews_fmt_secs $(($(ews_now) - t0)))$( ((started_http)) || echo ' (was already running)')"

  local rc=0
  EWS_GROMOX_URL="$EWS_URL" EWS_GROMOX_USER="$EWS_USER" EWS_GROMOX_PASSWORD="$EWS_PASSWORD" \
    EWS_GROMOX_HTTP_LOG=/var/log/gromox/http.log "$@" || rc=$?
  t0=$(ews_now)
  stop_started
  trap - EXIT
  if ((started_http || started_db)); then
    ews_log "stopped what this run started in $(ews_fmt_secs $(($(ews_now) - t0)))"
  fi
  return "$rc"
}

# The suites, in order (the server must be up: called through `run`).
cmd_suites() {
  [[ -n "${EWS_GROMOX_URL:-}" ]] || die "the suites need EWS_GROMOX_URL: use scripts/gromox.sh test"
  cd "$EWS_ROOT" || exit 1
  local failed=() files=()
  if [[ "${SKIP_BROWSER:-0}" == 1 ]]; then
    ews_log "SKIP_BROWSER=1: not running tests/gromox/demo.test.mjs"
  else
    files+=(tests/gromox/demo.test.mjs)
  fi
  files+=(tests/gromox/client.test.mjs)
  # The Rust client first and the JS suites last, with the spec reporter, which
  # ends with the failing tests and their errors: the tail of this step's output
  # (what a CI summary shows) then says what failed.
  ews_log "cargo test --test gromox"
  cargo test --test gromox -- --nocapture || failed+=("cargo test --test gromox")
  ews_log "node --test ${files[*]}"
  node --test --test-concurrency=1 --test-reporter=spec "${files[@]}" || failed+=("node --test ${files[*]}")
  if ((${#failed[@]})); then
    ews_log "failed: ${failed[*]}"
    return 1
  fi
}

cmd_test() {
  cd "$EWS_ROOT" || exit 1
  # Compile first, so the server is not kept waiting (nor up) for the compiler.
  cargo test --test gromox --no-run || die "tests/gromox.rs does not compile"
  cmd_run bash "$EWS_ROOT/scripts/gromox.sh" suites
}

cmd_status() {
  if is_built; then echo "gromox: built ($HTTP_BIN, mailbox $MAILBOX)"; else echo "gromox: NOT built"; fi
  if mariadb_up; then echo "MariaDB: running"; else echo "MariaDB: not running"; fi
  local pid
  if pid="$(http_pid)"; then echo "gromox http: running (pid $pid)"; else echo "gromox http: not running"; fi
  echo "recipe: $RECIPE"
}

case "${1:-}" in
  build) cmd_build ;;
  build-background) cmd_build_background ;;
  run) shift; cmd_run "$@" ;;
  test) cmd_test ;;
  suites) cmd_suites ;;
  built) is_built ;;
  status) cmd_status ;;
  *) die "usage: scripts/gromox.sh build | build-background | run CMD... | test | built | status" ;;
esac
