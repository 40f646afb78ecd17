#!/usr/bin/env bash
# `porta verify` against sha256sum and bagit-python on the same files, in one run (issue 5).
#
# Builds two bundles of about 1 GiB with the release build, from the sample shop's SQLite
# schema plus one generated customer:
#   records      RECORDS orders and order lines (default 850 000): all JSON, CSV and XML
#   attachments  100 000 records plus UPLOADS photos of 4 MiB (default 220) under data/files/
# Then, with the files in the page cache (each bundle is read once before timing), times over
# the same bundle: coreutils sha256sum over every file; porta verify --level 1 (the bag);
# porta verify (all levels; the bundles are unsigned, so level 5 is skipped); xmllint --stream
# --schema over the XML files alone, with the ratio of the full verify to it (issue 19);
# bagit.py --validate --processes 2. Prints a Markdown table of
# wall time, MB/s and peak RSS; BENCHMARKS.md keeps the figures.
#
# Usage: scripts/bench-verify.sh [RECORDS [UPLOADS]]
set -euo pipefail
cd "$(dirname "$0")/.."
records=${1:-850000}; uploads=${2:-220}
command -v /usr/bin/time >/dev/null || { echo "needs GNU time (apt-get install time)" >&2; exit 2; }
command -v bagit.py >/dev/null || { echo "needs bagit.py (scripts/setup.sh installs it)" >&2; exit 2; }
swift build -c release --product porta >/dev/null
porta=$PWD/.build/release/porta
work=$(mktemp -d "${TMPDIR:-/tmp}/porta-bench-verify.XXXXXX")
trap 'rm -rf "$work"' EXIT

# make_bundle NAME RECORDS UPLOADS: a shop database with customer 100 holding RECORDS records
# (a tenth orders, the rest order lines) and UPLOADS uploads of 4 MiB, exported to $work/NAME.
make_bundle() {
  local name=$1 n=$2 u=$3 dir=$work/$1
  mkdir -p "$dir"
  scripts/shop-only-config.sh > "$dir/porta.yml"
  samples/retailer/make-heavy-shop.sh "$dir/shop.sqlite" "$n" "$u"
  "$porta" export --quiet --config "$dir/porta.yml" --subject email:heavy@example.se --purpose portability \
    --out "$dir" --request-id bench --created-at 2026-01-01T00:00:00Z > /dev/null
  rm "$dir/shop.sqlite"
}

# timed LABEL BYTES COMMAND...: runs the command under GNU time, prints a table row.
timed() {
  local label=$1 bytes=$2; shift 2
  /usr/bin/time -v -o "$work/time.txt" "$@" > "$work/out.txt" 2>&1 || true
  local wall rss
  wall=$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$work/time.txt" | awk -F: '{ s = 0; for (i = 1; i <= NF; i++) s = s * 60 + $i; print s }')
  rss=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$work/time.txt")
  awk -v l="$label" -v b="$bytes" -v w="$wall" -v m="$rss" \
    'BEGIN { printf "| %s | %.2f | %.0f | %.1f |\n", l, w, (w > 0 ? b / w / 1e6 : 0), m / 1024 }'
  last_wall=$wall
}

for spec in "records $records 0" "attachments 100000 $uploads"; do
  set -- $spec
  make_bundle "$1" "$2" "$3"
  bag=$work/$1/porta-bench
  bytes=$(du -sb "$bag" | cut -f1)
  files=$(find "$bag" -type f | wc -l)
  echo
  echo "**$1**: $(awk -v b="$bytes" 'BEGIN { printf "%.2f GiB", b / 1073741824 }') in $files files"
  echo
  echo "| tool | wall s | MB/s | peak RSS MiB |"
  echo "| --- | ---: | ---: | ---: |"
  find "$bag" -type f -exec cat {} + > /dev/null
  timed "sha256sum (every file)" "$bytes" sh -c "cd '$bag' && find . -type f -print0 | xargs -0 sha256sum"
  timed "porta verify --level 1 (bag)" "$bytes" "$porta" verify --level 1 "$bag"
  grep -q "result: valid" "$work/out.txt" || { echo "porta verify --level 1 did not pass" >&2; cat "$work/out.txt" >&2; exit 1; }
  timed "porta verify (all levels)" "$bytes" "$porta" verify "$bag"
  grep -q "result: valid" "$work/out.txt" || { echo "porta verify did not pass" >&2; cat "$work/out.txt" >&2; exit 1; }
  verify_wall=$last_wall
  # The full verify's peer (issue 19): libxml2's own validator over the bundle's XML files.
  timed "xmllint --stream --schema (the XML files alone)" "$(du -cb "$bag"/data/xml/*.xml | tail -1 | cut -f1)" \
    xmllint --stream --noout --schema formats/xml/porta-1.xsd "$bag"/data/xml/*.xml
  grep -q "validates" "$work/out.txt" || { echo "xmllint did not pass" >&2; cat "$work/out.txt" >&2; exit 1; }
  xmllint_wall=$last_wall
  timed "bagit.py --validate --processes 2" "$bytes" bagit.py --validate --processes 2 "$bag"
  grep -q "is valid" "$work/out.txt" || { echo "bagit.py did not pass" >&2; cat "$work/out.txt" >&2; exit 1; }
  echo
  awk -v v="$verify_wall" -v x="$xmllint_wall" 'BEGIN { printf "porta verify / xmllint --stream --schema: %.1f×\n", v / x }'
  rm -rf "$work/$1"
done
