#!/usr/bin/env bash
# The Outlook add-in sample (`npm run addin`): scripts/setup.sh, the package
# (scripts/build.sh, unless ADDIN_SKIP_BUILD=1 and pkg/ exists), then
# examples/outlook-addin/serve.mjs, which bundles the add-in into
# examples/outlook-addin/dist/, serves it over HTTPS with development
# certificates (generated offline when missing) and prints how to sideload it.
# Env: ADDIN_PORT (default 3000), ADDIN_HOST (default localhost),
#      ADDIN_CERT_DIR (default ~/.office-addin-dev-certs), ADDIN_SKIP_BUILD=1.
set -euo pipefail
# shellcheck source=scripts/env.sh
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
EWS_LOG_TAG=addin
cd "$EWS_ROOT"

bash scripts/setup.sh
export EWS_SETUP_DONE=1
if [[ "${ADDIN_SKIP_BUILD:-0}" != 1 || ! -f pkg/index.js ]]; then
  bash scripts/build.sh
fi
exec node examples/outlook-addin/serve.mjs "$@"
