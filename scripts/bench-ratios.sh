#!/usr/bin/env bash
# Issue 19's table in one run: each step of Porta above the bag level next to its peer on the
# same rows or files, with the ratio, release build.
#
# samples/retailer/make-heavy-shop.sh builds the sample shop plus customer 100 with RECORDS
# records (default 300 000: orders, order lines, reviews). Then, each input read once before
# it is timed:
#
# | step                                   | peer                                                      |
# | porta export --purpose access          | sqlite3 -json over the same rows                          |
# | porta verify (all levels)              | xmllint --stream --schema over the bundle's XML files     |
# | porta import into a new store          | porta verify + sqlite3 .import of the bundle's CSV files  |
# | porta import of a bundle already there | porta verify --level 1                                    |
#
# frictionless validate (the CSV data package) and check-jsonschema (the JSON files against
# formats/json/) are timed beside verify, for scale; pass --no-python to leave them out.
# Wall time and peak RSS come from GNU time.
#
# Usage: scripts/bench-ratios.sh [--no-python] [RECORDS]
set -euo pipefail
cd "$(dirname "$0")/.."
python=yes
if [ "${1:-}" = --no-python ]; then python=no; shift; fi
records=${1:-300000}
for tool in /usr/bin/time sqlite3 xmllint; do
  command -v "$tool" >/dev/null || { echo "needs $tool (scripts/setup.sh installs it)" >&2; exit 2; }
done
swift build -c release --product porta >/dev/null
porta=$PWD/.build/release/porta
work=$(mktemp -d "${TMPDIR:-/tmp}/porta-bench-ratios.XXXXXX")
trap 'rm -rf "$work"' EXIT

scripts/shop-only-config.sh > "$work/porta.yml"
samples/retailer/make-heavy-shop.sh "$work/shop.sqlite" "$records" 0 0

seconds() { sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$1" | awk -F: '{ s = 0; for (i = 1; i <= NF; i++) s = s * 60 + $i; print s }'; }
mib() { sed -n 's/.*Maximum resident set size (kbytes): //p' "$1" | awk '{ printf "%.1f", $1 / 1024 }'; }
# timed NAME COMMAND...: runs the command under GNU time into $work/NAME.time; stops the run
# when it fails.
timed() {
  local name=$1; shift
  /usr/bin/time -v -o "$work/$name.time" "$@" > "$work/$name.out" 2>&1 || { cat "$work/$name.out" >&2; exit 1; }
}
warm() { find "$@" -type f -exec cat {} + > /dev/null; }
row() {  # row LABEL NAME [PEER_SECONDS]
  local wall; wall=$(seconds "$work/$2.time")
  if [ -n "${3:-}" ]; then
    awk -v l="$1" -v w="$wall" -v m="$(mib "$work/$2.time")" -v p="$3" 'BEGIN { printf "| %s | %.2f | %s | %.1f× |\n", l, w, m, w / p }'
  else
    awk -v l="$1" -v w="$wall" -v m="$(mib "$work/$2.time")" 'BEGIN { printf "| %s | %.2f | %s | |\n", l, w, m }'
  fi
}

warm "$work/shop.sqlite"
timed sqlite sqlite3 -json "$work/shop.sqlite" "
  SELECT * FROM customers WHERE id = 100;
  SELECT * FROM orders WHERE customer_id = 100 ORDER BY id;
  SELECT l.* FROM order_lines l JOIN orders o ON o.id = l.order_id WHERE o.customer_id = 100 ORDER BY l.id;
  SELECT * FROM reviews WHERE customer_id = 100 ORDER BY id;"
timed export "$porta" export --quiet --config "$work/porta.yml" --subject email:heavy@example.se --purpose access \
  --out "$work" --request-id heavy --created-at 2026-01-01T00:00:00Z
bag=$work/porta-heavy
kept=$(sed -n 's/^records: //p' "$work/export.out")

warm "$bag"
timed xmllint xmllint --stream --noout --schema formats/xml/porta-1.xsd "$bag"/data/xml/*.xml
timed verify "$porta" verify "$bag"
timed level1 "$porta" verify --level 1 "$bag"
if [ "$python" = yes ]; then
  timed frictionless frictionless validate "$bag/data/csv/datapackage.json"
  jsonschema_ok=yes
  for file in "$bag"/data/json/*.json; do
    kind=$(basename "$file" .json)
    /usr/bin/time -v -o "$work/jsonschema-$kind.time" check-jsonschema --base-uri "file://$PWD/formats/json/$kind.schema.json" \
      --schemafile "$PWD/formats/json/$kind.schema.json" "$file" > /dev/null 2>&1 || jsonschema_ok=no
  done
  [ "$jsonschema_ok" = yes ] || { echo "check-jsonschema refused a JSON file" >&2; exit 1; }
fi

# The receiver: sqlite3 .import of every CSV file into its own plain table.
{
  echo ".mode csv"
  for file in "$bag"/data/csv/*.csv; do echo ".import '$file' \"$(basename "$file" .csv)\""; done
} > "$work/import.sql"
timed csvimport sqlite3 "$work/plain.sqlite" ".read $work/import.sql"
timed import "$porta" import --store "$work/store.sqlite" "$bag"
timed reimport "$porta" import --store "$work/store.sqlite" "$bag"

sqlite_s=$(seconds "$work/sqlite.time")
xmllint_s=$(seconds "$work/xmllint.time")
verify_s=$(seconds "$work/verify.time")
peer_import=$(awk -v a="$verify_s" -v b="$(seconds "$work/csvimport.time")" 'BEGIN { print a + b }')
level1_s=$(seconds "$work/level1.time")

echo "**$kept records** (person, e-mail, identifier, orders, order lines, reviews), $(du -sb "$bag" | cut -f1) bundle bytes"
echo
echo "| step | wall s | peak RSS MiB | ratio to its peer |"
echo "| --- | ---: | ---: | ---: |"
row "peer: sqlite3 -json, the same rows" sqlite
row "porta export (JSON, CSV, XML, page, bag)" export "$sqlite_s"
row "peer: xmllint --stream --schema, the XML files" xmllint
row "porta verify (all levels, every format)" verify "$xmllint_s"
if [ "$python" = yes ]; then
  row "beside: frictionless validate, the CSV data package" frictionless
  jsonschema_s=$(cat "$work"/jsonschema-*.time | sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' \
    | awk -F: '{ s = 0; for (i = 1; i <= NF; i++) s = s * 60 + $i; total += s } END { print total }')
  awk -v w="$jsonschema_s" 'BEGIN { printf "| beside: check-jsonschema, the JSON files one by one | %.2f | | |\n", w }'
fi
row "sqlite3 .import of the CSV files" csvimport
awk -v w="$peer_import" 'BEGIN { printf "| peer: porta verify + sqlite3 .import | %.2f | | |\n", w }'
row "porta import into a new store" import "$peer_import"
row "peer: porta verify --level 1" level1
row "porta import again (already in the store)" reimport "$level1_s"
