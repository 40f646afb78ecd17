#!/usr/bin/env bash
# The main job on the sample controller: set up, build, export Anna Svensson's data for a
# portability request, then verify the bundle. The bundle lands in out/.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
swift build -c release --product porta
porta=.build/release/porta
rm -rf out/porta-demo
"$porta" export --config samples/retailer/porta.yml --subject email:anna.svensson@example.se \
  --purpose portability --out out --request-id demo --created-at 2026-01-01T00:00:00Z
"$porta" verify out/porta-demo
bagit.py --validate out/porta-demo
