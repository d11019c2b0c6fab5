#!/usr/bin/env bash
# Builds the package and starts the demo (`npm run demo`): scripts/setup.sh,
# scripts/build.sh, then `node www/server.mjs` (which serves www/ and pkg/).
# Env: PORT (default: whatever www/server.mjs picks; 8080 is usual),
#      DEMO_SKIP_BUILD=1 to serve the pkg/ already there.
set -euo pipefail
# shellcheck source=scripts/env.sh
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
EWS_LOG_TAG=demo
cd "$EWS_ROOT"

bash scripts/setup.sh
export EWS_SETUP_DONE=1
if [[ "${DEMO_SKIP_BUILD:-0}" != 1 ]]; then
  bash scripts/build.sh
fi
if [[ ! -f www/server.mjs ]]; then
  ews_log "www/server.mjs does not exist yet: nothing to serve (the package is built in pkg/)"
  exit 1
fi
if [[ ! -d pkg ]]; then
  ews_log "warning: no pkg/ (the crate has no wasm_bindgen yet?): the demo page will not load the package"
fi
[[ -n "${PORT:-}" ]] && export PORT
ews_log "starting node www/server.mjs${PORT:+ on port $PORT} (Ctrl-C stops it)"
exec node www/server.mjs
