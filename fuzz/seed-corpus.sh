#!/usr/bin/env bash
# Seeds fuzz/corpus/<target>/ with the test fixtures each parser should see:
# its own operation's responses, the other operations' responses (the wrong-
# operation path), faults, and the not-SOAP bodies. Idempotent; files are named
# after their fixture, so re-running does not duplicate them.
set -euo pipefail
cd "$(dirname "$0")"
fx=../tests/fixtures
common=(seed-imitemlist-fault.xml fault-server-busy.xml fault-schema-validation.xml
        not-soap.xml truncated.xml html-login-page.html json-error.json
        seed-sfi-error.xml seed-gci-error.xml)
declare -A own=(
  [parse_sync_folder_items]="seed-sfi-response.xml sfi-default-namespace.xml sfi-error-backoff.xml sfi-error-invalid-syncstate.xml sfi-interleaved-all-kinds.xml sfi-unknown-child-elements.xml sfi-unknown-item-kind-future.xml sfi-unknown-item-kind.xml sfi-warning-with-payload.xml real/sfi-ex2010sp2-14.3.195-calendar-create-x3.xml real/sfi-o365-15.20.3370-V2018_01_08-calendar-create-fullshape.xml real/sfi-o365-15.20.8769-V2018_01_08-error-server-busy.xml real/sfi-15.1.523-V2016_04_13-no-changes.xml"
  [parse_get_conversation_items]="seed-gci-response.xml gci-multi-conversation.xml gci-https-seed-variant-http.xml seed-sfi-response.xml"
  [parse_get_im_items]="seed-imitems-response.xml imitems-https-default-ns.xml imitemlist-persona-full.xml"
  [parse_get_im_item_list]="seed-imitemlist-response.xml imitemlist-persona-full.xml imitems-https-default-ns.xml"
)
for target in "${!own[@]}"; do
  mkdir -p "corpus/$target"
  for f in ${own[$target]} "${common[@]}"; do
    cp "$fx/$f" "corpus/$target/fx-$(basename "$f")"
  done
done
du -sh corpus
