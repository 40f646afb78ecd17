#!/usr/bin/env bash
# The transfer steps on a bundle of about 1 GiB, next to the age command (issue 7):
# porta pack (the deterministic zip), porta seal against age -r, porta open against age -d,
# and porta import (verification at every level, then one transaction) into a new store, with
# issue 19's ratios: the import next to a full verify plus sqlite3 .import of the CSV files, and
# the import of a bundle already stored next to verify --level 1.
#
# The bundle is built with the release build from the sample shop's schema plus one generated
# customer holding RECORDS orders and order lines (default 100 000) and UPLOADS photos of 4 MiB
# (default 220). Each step reads files already in the page cache. Prints a Markdown table of
# wall time, MB/s of the input and peak RSS; BENCHMARKS.md keeps the figures.
#
# Usage: scripts/bench-transfer.sh [RECORDS [UPLOADS]]
set -euo pipefail
cd "$(dirname "$0")/.."
records=${1:-100000}; uploads=${2:-220}
for tool in /usr/bin/time age age-keygen; do
  command -v "$tool" >/dev/null || { echo "needs $tool (scripts/setup.sh installs it)" >&2; exit 2; }
done
swift build -c release --product porta >/dev/null
porta=$PWD/.build/release/porta
work=$(mktemp -d "${TMPDIR:-/tmp}/porta-bench-transfer.XXXXXX")
trap 'rm -rf "$work"' EXIT

scripts/shop-only-config.sh > "$work/porta.yml"
samples/retailer/make-heavy-shop.sh "$work/shop.sqlite" "$records" "$uploads"
"$porta" export --quiet --config "$work/porta.yml" --subject email:heavy@example.se --purpose access \
  --out "$work" --request-id bench --created-at 2026-01-01T00:00:00Z > /dev/null
rm "$work/shop.sqlite"
bag=$work/porta-bench
age-keygen -o "$work/key.txt" 2> /dev/null
recipient=$(age-keygen -y "$work/key.txt")

# timed LABEL INPUT COMMAND...: runs the command under GNU time, prints a table row with the
# input's size over the wall time.
timed() {
  local label=$1 input=$2; shift 2
  local bytes
  bytes=$(du -sb "$input" | cut -f1)
  find "$input" -type f -exec cat {} + > /dev/null
  /usr/bin/time -v -o "$work/time.txt" "$@" > "$work/out.txt" 2>&1 || { cat "$work/out.txt" >&2; exit 1; }
  local wall rss
  wall=$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$work/time.txt" | awk -F: '{ s = 0; for (i = 1; i <= NF; i++) s = s * 60 + $i; print s }')
  rss=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$work/time.txt")
  awk -v l="$label" -v b="$bytes" -v w="$wall" -v m="$rss" \
    'BEGIN { printf "| %s | %.2f | %.0f | %.1f |\n", l, w, (w > 0 ? b / w / 1e6 : 0), m / 1024 }'
  last_wall=$wall
}

echo "**bundle**: $(du -sb "$bag" | awk '{ printf "%.2f GiB", $1 / 1073741824 }'), $(find "$bag" -type f | wc -l) files"
echo
echo "| step | wall s | MB/s | peak RSS MiB |"
echo "| --- | ---: | ---: | ---: |"
timed "porta pack (records deflated, attachments stored)" "$bag" "$porta" pack "$bag" --out "$work/bundle.zip"
timed "porta seal" "$work/bundle.zip" "$porta" seal "$work/bundle.zip" --recipient "$recipient" --out "$work/porta.age"
timed "age -r (seal)" "$work/bundle.zip" age -r "$recipient" -o "$work/age.age" "$work/bundle.zip"
timed "porta open" "$work/porta.age" "$porta" open "$work/porta.age" --identity "$work/key.txt" --out "$work/opened-porta.zip"
timed "age -d (open)" "$work/age.age" age -d -i "$work/key.txt" -o "$work/opened-age.zip" "$work/age.age"
cmp "$work/opened-porta.zip" "$work/bundle.zip" && cmp "$work/opened-age.zip" "$work/bundle.zip"
timed "porta import (verify all levels + one transaction)" "$work/bundle.zip" \
  "$porta" import "$work/bundle.zip" --store "$work/store.sqlite" --scratch "$work"
import_wall=$last_wall
timed "porta import again (already imported: the bag level alone)" "$work/bundle.zip" \
  "$porta" import "$work/bundle.zip" --store "$work/store.sqlite" --scratch "$work"
again_wall=$last_wall
timed "peer: porta verify --level 1 of the zip" "$work/bundle.zip" \
  "$porta" verify "$work/bundle.zip" --level 1 --scratch "$work"
level1_wall=$last_wall
# The import's peer (issue 19): a full verify, then sqlite3 .import of the bundle's CSV files.
timed "peer: porta verify (all levels) of the zip" "$work/bundle.zip" "$porta" verify "$work/bundle.zip" --scratch "$work"
verify_wall=$last_wall
{ echo ".mode csv"; for file in "$bag"/data/csv/*.csv; do echo ".import '$file' \"$(basename "$file" .csv)\""; done; } > "$work/import.sql"
timed "peer: sqlite3 .import of the CSV files (the same as the zip's)" "$bag/data/csv" sqlite3 "$work/plain.sqlite" ".read $work/import.sql"
csv_wall=$last_wall
echo
awk -v a="$import_wall" -v v="$verify_wall" -v c="$csv_wall" \
  'BEGIN { printf "porta import / (porta verify + sqlite3 .import): %.1f×\n", a / (v + c) }'
awk -v a="$again_wall" -v l="$level1_wall" 'BEGIN { printf "porta import again / porta verify --level 1: %.1f×\n", a / l }'
echo
echo "store: $(du -b "$work/store.sqlite" | awk '{ printf "%.2f GiB", $1 / 1073741824 }'), $(sqlite3 "$work/store.sqlite" 'SELECT count(*) FROM porta_record') records"
