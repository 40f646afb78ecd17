#!/usr/bin/env bash
# Screenshots of the sample's page for the person (docs/page/), in Swedish and English at a
# phone's 360 px and a laptop's 1280 px, the top 2400 px of each, by headless Chromium
# (scripts/page-check.py). Needs the sample services: run after scripts/setup.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/sample-env.sh
swift build --product porta >/dev/null
work=$(mktemp -d "${TMPDIR:-/tmp}/porta-page.XXXXXX")
trap 'rm -rf "$work"; kill $api 2>/dev/null || true' EXIT
python3 samples/retailer/customer-service-api.py --port "$PORTA_SUPPORT_API_PORT" --token "$PORTA_SUPPORT_API_TOKEN" \
  --exit-with-parent > /dev/null &
api=$!
sleep 1
mkdir -p docs/page
for language in sv en; do
  sed "s/^  language: sv$/  language: $language/" samples/retailer/porta.yml > samples/retailer/.page-$language.yml
  .build/debug/porta export --quiet --config samples/retailer/.page-$language.yml --subject email:anna.svensson@example.se \
    --purpose access --out "$work" --request-id "page-$language" --created-at 2026-01-01T00:00:00Z > /dev/null
  rm samples/retailer/.page-$language.yml
  for width in 360 1280; do
    PAGE_CHECK_MAX_HEIGHT=2400 python3 scripts/page-check.py "$work/porta-page-$language/data/index.html" "$width" \
      "docs/page/page-$language-$width.png" > /dev/null
    echo "docs/page/page-$language-$width.png"
  done
done
