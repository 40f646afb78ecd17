#!/usr/bin/env bash
# Import into the receiver's own tables (issue 17), release build, one run: a bundle of RECORDS
# records (default 300 000: person, e-mail, orders, order lines, reviews) from the sample shop's
# schema, then, each on a fresh copy of the sample receiver's SQLite tables:
#
# - porta import --mapping samples/receiver/receiver.yml --target sqlite: (verification at
#   every level, then every mapped record converted, matched through the link table and
#   written in one transaction);
# - the peer: porta verify (all levels) plus sqlite3 .import of the bundle's order and
#   order-line CSVs into plain tables, the same rows without conversion, links or references.
#
# Prints wall time, records/s and peak RSS of each, and the ratio. BENCHMARKS.md keeps them.
#
# Usage: scripts/bench-receiver.sh [RECORDS]
set -euo pipefail
cd "$(dirname "$0")/.."
records=${1:-300000}
command -v /usr/bin/time >/dev/null || { echo "needs GNU time (apt-get install time)" >&2; exit 2; }
swift build -c release --product porta >/dev/null
porta=$PWD/.build/release/porta
work=$(mktemp -d "${TMPDIR:-/tmp}/porta-bench-receiver.XXXXXX")
trap 'rm -rf "$work"' EXIT

scripts/shop-only-config.sh > "$work/porta.yml"
samples/retailer/make-heavy-shop.sh "$work/shop.sqlite" "$records"
"$porta" export --quiet --config "$work/porta.yml" --subject email:heavy@example.se --purpose access \
  --out "$work" --request-id bench --created-at 2026-01-01T00:00:00Z > /dev/null
bag=$work/porta-bench
cat "$bag"/data/json/*.json > /dev/null   # into the page cache

seconds() { sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$1" | awk -F: '{ s = 0; for (i = 1; i <= NF; i++) s = s * 60 + $i; print s }'; }
mib() { sed -n 's/.*Maximum resident set size (kbytes): //p' "$1" | awk '{ printf "%.1f", $1 / 1024 }'; }

sqlite3 "$work/receiver.sqlite" < samples/receiver/schema-sqlite.sql
/usr/bin/time -v -o "$work/import.time" "$porta" import "$bag" --mapping samples/receiver/receiver.yml \
  --target "sqlite:$work/receiver.sqlite" --scratch "$work" > "$work/import.txt"
written=$(sqlite3 "$work/receiver.sqlite" "SELECT count(*) FROM porta_link")

/usr/bin/time -v -o "$work/verify.time" "$porta" verify "$bag" --scratch "$work" > /dev/null
sqlite3 "$work/peer.sqlite" "CREATE TABLE o (id TEXT); CREATE TABLE l (id TEXT);" # replaced by .import's header
/usr/bin/time -v -o "$work/sqlite.time" sqlite3 "$work/peer.sqlite" \
  "DROP TABLE o" "DROP TABLE l" ".mode csv" ".import $bag/data/csv/order.csv o" ".import $bag/data/csv/order-line.csv l"
peer_rows=$(sqlite3 "$work/peer.sqlite" "SELECT (SELECT count(*) FROM o) + (SELECT count(*) FROM l)")

import_s=$(seconds "$work/import.time"); verify_s=$(seconds "$work/verify.time"); sqlite_s=$(seconds "$work/sqlite.time")
peer_s=$(awk -v a="$verify_s" -v b="$sqlite_s" 'BEGIN { printf "%.2f", a + b }')
rate() { awk -v n="$1" -v s="$2" 'BEGIN { printf "%.0f", (s > 0 ? n / s : 0) }'; }
echo "**Bundle**: $(du -sb "$bag" | cut -f1) bytes; $written rows written into the receiver's tables"
echo
echo "| step | wall s | rows/s | peak RSS MiB |"
echo "| --- | ---: | ---: | ---: |"
echo "| porta import --mapping (verify all levels + receiver's tables) | $import_s | $(rate "$written" "$import_s") | $(mib "$work/import.time") |"
echo "| porta verify (all levels) | $verify_s | | $(mib "$work/verify.time") |"
echo "| sqlite3 .import of order.csv and order-line.csv ($peer_rows rows) | $sqlite_s | $(rate "$peer_rows" "$sqlite_s") | $(mib "$work/sqlite.time") |"
echo "| peer: verify + sqlite3 .import | $peer_s | | |"
echo
awk -v a="$import_s" -v b="$peer_s" 'BEGIN { printf "ratio porta import --mapping / peer: %.2f×\n", a / b }'
