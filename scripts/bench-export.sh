#!/usr/bin/env bash
# Streaming proof for `porta export`: one generated subject with 10 k, 100 k and 1 M records in
# the sample shop's SQLite schema, exported by the release build; wall time, records/s and peak
# RSS (GNU time) per size. Prints a Markdown table; BENCHMARKS.md keeps the figures.
#
# Usage: scripts/bench-export.sh [SIZES...]     (default: 10000 100000 1000000)
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=("$@"); [ "${#sizes[@]}" -gt 0 ] || sizes=(10000 100000 1000000)
command -v /usr/bin/time >/dev/null || { echo "needs GNU time (apt-get install time)" >&2; exit 2; }
swift build -c release --product porta >/dev/null
porta=$PWD/.build/release/porta
work=$(mktemp -d "${TMPDIR:-/tmp}/porta-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT

echo "| records kept | orders | order lines | reviews (left out) | bundle bytes | wall s | records/s | peak RSS MiB |"
echo "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
for n in "${sizes[@]}"; do
  dir=$work/$n; mkdir -p "$dir"
  scripts/shop-only-config.sh > "$dir/porta.yml"
  # The sample shop, plus customer 100 with n records: n/10 orders, n/20 reviews (consent:
  # left out of a portability bundle, but read and counted), the rest order lines.
  orders=$((n / 10)); reviews=$((n / 20)); lines=$((n - orders - reviews))
  samples/retailer/make-heavy-shop.sh "$dir/shop.sqlite" "$n"
  /usr/bin/time -v -o "$dir/time.txt" "$porta" export --config "$dir/porta.yml" --subject email:heavy@example.se \
    --purpose portability --out "$dir/out" --request-id bench --created-at 2026-01-01T00:00:00Z > "$dir/export.txt"
  records=$(sed -n 's/^records: //p' "$dir/export.txt")
  wall=$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$dir/time.txt" | awk -F: '{ s = 0; for (i = 1; i <= NF; i++) s = s * 60 + $i; print s }')
  rss=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$dir/time.txt")
  bytes=$(du -sb "$dir/out/porta-bench" | cut -f1)
  awk -v r="$records" -v o="$orders" -v l="$lines" -v v="$reviews" -v b="$bytes" -v w="$wall" -v m="$rss" \
    'BEGIN { printf "| %d | %d | %d | %d | %d | %.2f | %.0f | %.1f |\n", r, o, l, v, b, w, (w > 0 ? r / w : 0), m / 1024 }'
  rm -rf "$dir"
done
