#!/usr/bin/env bash
# `npm run docs`: installs what is missing (scripts/setup.sh), then builds the
# HTML API reference into docs/api/ with typedoc (scripts/docs.mjs; no wasm
# build needed: the declarations are pkg-template/index.d.ts).
set -euo pipefail
# shellcheck source=scripts/env.sh
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$EWS_ROOT"
if [[ "${EWS_SETUP_DONE:-0}" != 1 ]]; then bash scripts/setup.sh; fi
exec node scripts/docs.mjs
