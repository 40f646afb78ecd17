#!/usr/bin/env bash
# porta serve under load (issue 18): DISTINCT bundles (default 20), each sent REPEATS times
# (default 10) from 8 concurrent curl clients to one release-build server on loopback, which
# verifies every level with a trusted signature required and imports into its store. The peer
# is the receiver's same work without HTTP: porta import of the same sealed bundles, one after
# another, into a new store. Prints sends per second, the ratio to the peer for first sends,
# and the server's peak RSS; BENCHMARKS.md keeps the figures.
#
# Each bundle is the sample shop's heavy customer with RECORDS records (default 200), exported
# with its own request id, zipped, signed and sealed to the receiver.
#
# Usage: scripts/bench-serve.sh [DISTINCT [REPEATS [RECORDS]]]
set -euo pipefail
cd "$(dirname "$0")/.."
distinct=${1:-20}; repeats=${2:-10}; records=${3:-200}
for tool in /usr/bin/time curl xargs; do
  command -v "$tool" >/dev/null || { echo "needs $tool (scripts/setup.sh installs it)" >&2; exit 2; }
done
swift build -c release --product porta >/dev/null
porta=$PWD/.build/release/porta
work=$(mktemp -d "${TMPDIR:-/tmp}/porta-bench-serve.XXXXXX")
server=
trap '[ -n "$server" ] && kill "$server" 2>/dev/null; rm -rf "$work"' EXIT

scripts/shop-only-config.sh > "$work/porta.yml"
samples/retailer/make-heavy-shop.sh "$work/shop.sqlite" "$records" > /dev/null
"$porta" keygen --seal --out "$work/receiver.age" > /dev/null
"$porta" keygen --sign --out "$work/receipt.key" --comment receiver > /dev/null
"$porta" keygen --sign --out "$work/dpo.key" --comment dpo --controller exempelbutiken > "$work/allowed_signers"
recipient=$(cat "$work/receiver.age.pub")
for n in $(seq "$distinct"); do
  "$porta" export --quiet --config "$work/porta.yml" --subject email:heavy@example.se --purpose access --zip \
    --out "$work/out" --request-id "bench-$n" --created-at 2026-01-01T00:00:00Z > /dev/null
  "$porta" sign "$work/out/porta-bench-$n.zip" --key "$work/dpo.key" > /dev/null
  "$porta" seal "$work/out/porta-bench-$n.zip" --recipient "$recipient" > /dev/null
  echo "$work/out/porta-bench-$n.zip.age" >> "$work/first.txt"
done
for r in $(seq "$repeats"); do cat "$work/first.txt"; done > "$work/all.txt"

now() { date +%s.%N; }
# send LIST: uploads every file of LIST from 8 concurrent curl clients; prints the wall seconds.
send() {
  local start end
  start=$(now)
  xargs -P 8 -I{} curl -s -o /dev/null -w "%{http_code}\n" --data-binary @{} "$url/v1/bundles" < "$1" > "$work/codes.txt"
  end=$(now)
  if grep -qv '^200$' "$work/codes.txt"; then echo "a send was not accepted: $(sort "$work/codes.txt" | uniq -c)" >&2; exit 1; fi
  awk -v a="$start" -v b="$end" 'BEGIN { print b - a }'
}

/usr/bin/time -v -o "$work/serve-time.txt" "$porta" serve --listen 127.0.0.1:0 --identity "$work/receiver.age" \
  --trusted-keys "$work/allowed_signers" --key "$work/receipt.key" --store "$work/store.sqlite" > "$work/serve.out" 2> "$work/serve.err" &
server=$!
for _ in $(seq 100); do grep -q "listening on" "$work/serve.out" 2>/dev/null && break; sleep 0.1; done
url=$(sed -n 's/^listening on //p' "$work/serve.out")
first=$(send "$work/first.txt")
again=$(send "$work/all.txt")
pkill -TERM -P "$server" porta || true
wait "$server" 2>/dev/null || true
server=
rss=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$work/serve-time.txt")

start=$(now)
while read -r bundle; do
  "$porta" import "$bundle" --identity "$work/receiver.age" --trusted-keys "$work/allowed_signers" --require-signature \
    --store "$work/peer.sqlite" > /dev/null
done < "$work/first.txt"
peer=$(awk -v a="$start" -v b="$(now)" 'BEGIN { print b - a }')

all=$((distinct * repeats))
echo "**bundles**: $distinct distinct, each $(stat -c %s "$(head -1 "$work/first.txt")") bytes sealed, $(sqlite3 "$work/store.sqlite" 'SELECT records_imported FROM porta_bundle LIMIT 1') records"
echo
echo "| step | sends | wall s | sends/s | ratio to peer |"
echo "| --- | ---: | ---: | ---: | ---: |"
awk -v n="$distinct" -v w="$first" -v p="$peer" 'BEGIN { printf "| porta serve, first sends (verify all levels + import), 8 clients | %d | %.2f | %.1f | %.2f× |\n", n, w, n / w, w / p }'
awk -v n="$distinct" -v p="$peer" 'BEGIN { printf "| peer: porta import of the same bundles, one after another | %d | %.2f | %.1f | 1× |\n", n, p, n / p }'
awk -v n="$all" -v w="$again" 'BEGIN { printf "| porta serve, every bundle again (already imported: bag level, the stored receipt), 8 clients | %d | %.2f | %.1f | — |\n", n, w, n / w }'
echo
echo "server peak RSS: $(awk -v k="$rss" 'BEGIN { printf "%.1f MiB", k / 1024 }')"
