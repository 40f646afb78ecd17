#!/usr/bin/env bash
# One very heavy customer and everyone at once (issue 8), release build, one run:
#
# 1. The heavy subject: samples/retailer/make-heavy-shop.sh builds a shop with customer 100
#    holding RECORDS records across kinds (default 1 000 000) and OTHERS other customers
#    (default 10 000). `sqlite3 -json` reads the heavy subject's rows (the same rows the
#    export reads), then `porta export --purpose access` exports them into a bundle with every
#    record in JSON, CSV and XML. Wall time, records/s and peak RSS (GNU time) of each.
# 2. Everyone: `porta export --all-subjects` over all OTHERS + 8 customers (the heavy one is
#    left out, so the shards are even), first as one shard, then as two shards run side by side
#    (as two pods would), with the speed-up.
#
# Usage: scripts/bench-heavy.sh [RECORDS [OTHERS]]
set -euo pipefail
cd "$(dirname "$0")/.."
records=${1:-1000000}; others=${2:-10000}
command -v /usr/bin/time >/dev/null || { echo "needs GNU time (apt-get install time)" >&2; exit 2; }
swift build -c release --product porta >/dev/null
porta=$PWD/.build/release/porta
work=$(mktemp -d "${TMPDIR:-/tmp}/porta-bench-heavy.XXXXXX")
trap 'rm -rf "$work"' EXIT

scripts/shop-only-config.sh > "$work/porta.yml"
samples/retailer/make-heavy-shop.sh "$work/shop.sqlite" "$records" 0 "$others"

seconds() { sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$1" | awk -F: '{ s = 0; for (i = 1; i <= NF; i++) s = s * 60 + $i; print s }'; }
mib() { sed -n 's/.*Maximum resident set size (kbytes): //p' "$1" | awk '{ printf "%.1f", $1 / 1024 }'; }

sqlite3 "$work/shop.sqlite" "SELECT COUNT(*) FROM orders" > /dev/null   # warm the page cache
/usr/bin/time -v -o "$work/sqlite.time" sqlite3 -json "$work/shop.sqlite" "
  SELECT * FROM customers WHERE id = 100;
  SELECT * FROM orders WHERE customer_id = 100 ORDER BY id;
  SELECT l.* FROM order_lines l JOIN orders o ON o.id = l.order_id WHERE o.customer_id = 100 ORDER BY l.id;
  SELECT * FROM reviews WHERE customer_id = 100 ORDER BY id;" > "$work/rows.json"
/usr/bin/time -v -o "$work/export.time" "$porta" export --quiet --config "$work/porta.yml" --subject email:heavy@example.se \
  --purpose access --out "$work/heavy" --request-id heavy --created-at 2026-01-01T00:00:00Z > "$work/export.txt"
kept=$(sed -n 's/^records: //p' "$work/export.txt")
sqlite_s=$(seconds "$work/sqlite.time"); export_s=$(seconds "$work/export.time")
echo "**Heavy subject**: $kept records (person, e-mail, orders, order lines, reviews), $(du -sb "$work/heavy/porta-heavy" | cut -f1) bundle bytes"
echo
echo "| step | wall s | records/s | peak RSS MiB |"
echo "| --- | ---: | ---: | ---: |"
awk -v w="$sqlite_s" -v r="$kept" -v m="$(mib "$work/sqlite.time")" 'BEGIN { printf "| sqlite3 -json, the same rows | %.2f | %.0f | %s |\n", w, r / w, m }'
awk -v w="$export_s" -v r="$kept" -v m="$(mib "$work/export.time")" 'BEGIN { printf "| porta export (JSON, CSV, XML, page, bag) | %.2f | %.0f | %s |\n", w, r / w, m }'
awk -v a="$export_s" -v b="$sqlite_s" 'BEGIN { printf "\nporta export / sqlite3 -json: %.1f×\n", a / b }'
rm -rf "$work/heavy"

# Everyone but the heavy customer.
sqlite3 "$work/shop.sqlite" "DELETE FROM order_lines WHERE order_id IN (SELECT id FROM orders WHERE customer_id = 100);
  DELETE FROM orders WHERE customer_id = 100; DELETE FROM reviews WHERE customer_id = 100; DELETE FROM customers WHERE id = 100;"
subjects=$(sqlite3 "$work/shop.sqlite" "SELECT COUNT(*) FROM customers")
bulk() {  # bulk N: N shards side by side, into $work/bulk-N
  local n=$1 k
  mkdir -p "$work/bulk-$n"
  for k in $(seq 0 $((n - 1))); do
    /usr/bin/time -v -o "$work/bulk-$n-$k.time" "$porta" export --quiet --all-subjects --shard "$k/$n" --config "$work/porta.yml" \
      --purpose access --out "$work/bulk-$n" --request-id all --created-at 2026-01-01T00:00:00Z > /dev/null &
  done
  wait
}
start=$(date +%s.%N); bulk 1; one=$(awk -v a="$start" -v b="$(date +%s.%N)" 'BEGIN { print b - a }')
start=$(date +%s.%N); bulk 2; two=$(awk -v a="$start" -v b="$(date +%s.%N)" 'BEGIN { print b - a }')
echo
echo "**Bulk export**: $subjects customers, one bundle each"
echo
echo "| shards | wall s | bundles/s | peak RSS MiB per process |"
echo "| ---: | ---: | ---: | ---: |"
awk -v w="$one" -v s="$subjects" -v m="$(mib "$work/bulk-1-0.time")" 'BEGIN { printf "| 1 | %.1f | %.0f | %s |\n", w, s / w, m }'
awk -v w="$two" -v s="$subjects" -v m="$(mib "$work/bulk-2-0.time")/$(mib "$work/bulk-2-1.time")" 'BEGIN { printf "| 2 | %.1f | %.0f | %s |\n", w, s / w, m }'
awk -v a="$one" -v b="$two" 'BEGIN { printf "\nspeed-up with 2 shards: %.2f×\n", a / b }'
# The sample's two customers who share a personnummer stop at their identity conflict, as they must.
written=$(cat "$work"/bulk-2/*.jsonl | grep -c '"outcome":"written"')
conflicts=$(cat "$work"/bulk-2/*.jsonl | grep -c '"outcome":"identity-conflict"' || true)
[ $((written + conflicts)) -eq "$subjects" ] || { echo "bulk export wrote $written bundles for $subjects customers" >&2; exit 1; }
