#!/usr/bin/env bash
# Regenerates every generated file (`npm run generate`), or checks them (`--check`).
#
# 1. src/types/generated.rs: the field tables, item kinds and enumerations,
#    from the official schema (../shared/schemas/ex2018) and model/model.json
#    (node scripts/generate/generate.mjs).
# 2. pkg-template/index.d.ts: the TypeScript declarations, from the Rust types
#    (UPDATE_TS=1 cargo test --test typescript committed_declarations_are_the_generated_ones).
# 3. tests/client-scenarios/*.json: the client scenario table
#    (node tests/client-scenarios/generate.mjs).
#
# Idempotent: a second run changes nothing.
#
#   bash scripts/generate.sh           write the files (only those that change)
#   bash scripts/generate.sh --check   write nothing; exit 1 naming each file
#                                      that is not what its generator writes
#                                      (the `generated` layer of scripts/test.sh)
set -euo pipefail
# shellcheck source=scripts/env.sh
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
EWS_LOG_TAG=generate
cd "$EWS_ROOT"

TS_TEST=(cargo test --quiet --test typescript committed_declarations_are_the_generated_ones)

if [[ "${1:-}" == --check ]]; then
  rc=0
  node scripts/generate/generate.mjs --check || rc=1
  # The scenarios are written next to their generator: run a copy of it in a
  # temporary folder and compare the files.
  tmp="$(mktemp -d "${TMPDIR:-/tmp}/ews-generate.XXXXXX")"
  trap 'rm -rf "$tmp"' EXIT
  cp tests/client-scenarios/generate.mjs "$tmp/"
  node "$tmp/generate.mjs" >/dev/null
  for name in $({ (cd "$tmp" && ls -- *.json); (cd tests/client-scenarios && ls -- *.json); } | sort -u); do
    if ! cmp -s "$tmp/$name" "tests/client-scenarios/$name"; then
      echo "tests/client-scenarios/$name is not what tests/client-scenarios/generate.mjs writes; run \`npm run generate\`" >&2
      rc=1
    fi
  done
  if ! "${TS_TEST[@]}" >"$tmp/ts.log" 2>&1; then
    cat "$tmp/ts.log" >&2
    echo "pkg-template/index.d.ts is not what src/ts.rs generates; run \`npm run generate\`" >&2
    rc=1
  fi
  exit "$rc"
fi

[[ $# -eq 0 ]] || {
  echo "usage: bash scripts/generate.sh [--check]" >&2
  exit 2
}
node scripts/generate/generate.mjs
UPDATE_TS=1 "${TS_TEST[@]}"
node tests/client-scenarios/generate.mjs
