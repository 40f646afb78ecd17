#!/usr/bin/env bash
# The main job on the sample controller: set up (packages, the sample databases, the PostgreSQL
# CRM), build, serve the sample customer-service API, export Anna Svensson's data from all
# eight sources for a portability request, then verify the bundle; then the same for Sara Lind
# of the gym sample (its own record kinds). The bundles land in out/.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
source scripts/sample-env.sh
swift build -c release --product porta
porta=.build/release/porta
python3 samples/retailer/customer-service-api.py --port "$PORTA_SUPPORT_API_PORT" --token "$PORTA_SUPPORT_API_TOKEN" \
  --exit-with-parent > /dev/null &
api=$!
trap 'kill $api 2>/dev/null || true' EXIT
sleep 1
rm -rf out/porta-demo
"$porta" export --config samples/retailer/porta.yml --subject email:anna.svensson@example.se \
  --purpose portability --out out --request-id demo --created-at 2026-01-01T00:00:00Z
"$porta" verify out/porta-demo
bagit.py --validate out/porta-demo
# The second sample, a gym with record kinds of its own, from SQLite and PostgreSQL.
rm -rf out/porta-gym-demo
"$porta" export --config samples/gym/porta.yml --subject email:sara.lind@example.se \
  --purpose access --out out --request-id gym-demo --created-at 2026-01-01T00:00:00Z
"$porta" verify out/porta-gym-demo
