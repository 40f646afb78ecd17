#!/usr/bin/env bash
# Fuzzes one parser of outside input with libFuzzer: scripts/fuzz.sh TARGET SECONDS.
# TARGET is one of porta-fuzz's targets (json csv xml mbox vcard zip age sshsig allowed-signers
# porta-manifest tag-files). The build has AddressSanitizer and libFuzzer's coverage in every Swift
# module (.build-fuzz, apart from the normal build); the corpus starts from the test fixtures and
# grows in .fuzz/corpus/TARGET; a crash is written to .fuzz/crashes/. Once fixed, copy the input
# into Tests/Fixtures/fuzz/TARGET/, where the test suite replays it. Leak detection is off: the
# Swift runtime keeps one-time allocations (metadata, singletons) to the end, which it reports.
set -euo pipefail
cd "$(dirname "$0")/.."
target=${1:?usage: scripts/fuzz.sh TARGET SECONDS}
seconds=${2:-60}
swift build --product porta-fuzz --scratch-path .build-fuzz \
  -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library -Xswiftc -D -Xswiftc FUZZING 2>&1 | grep -v "Cannot export local symbol" >&2
corpus=.fuzz/corpus/$target
mkdir -p "$corpus" .fuzz/crashes
seeds=(Tests/Fixtures/fuzz/$target)
case $target in
  json|porta-manifest) seeds+=(Tests/Fixtures/json-test-suite/test_parsing) ;;
  csv) seeds+=(Tests/Fixtures/csv-spectrum/csvs Tests/Fixtures/messy-csv) ;;
  mbox) seeds+=(Tests/Fixtures/mime-messages samples/retailer/inquiries.mbox) ;;
  vcard) seeds+=(Tests/Fixtures/vcards samples/retailer/addressbook.vcf) ;;
esac
# Text formats are fuzzed on inputs up to 4 KiB (their parsers' bugs show on small inputs, and a
# million runs take minutes, not hours); binary containers up to 64 KiB. PORTA_FUZZ_MAX_LEN overrides.
case $target in
  csv|mbox|vcard|json|xml) max_len=${PORTA_FUZZ_MAX_LEN:-4096} ;;
  *) max_len=${PORTA_FUZZ_MAX_LEN:-65536} ;;
esac
existing=()
for seed in "${seeds[@]}"; do
  if [ -d "$seed" ]; then existing+=("$seed"); elif [ -f "$seed" ]; then cp "$seed" "$corpus/"; fi
done
# PORTA_FUZZ_RUNS stops it after that many executions, if the seconds last. AddressSanitizer
# records no stack per allocation (malloc_context_size=0): Swift allocates on most steps, and that
# recording took two thirds of the time. A report still names where the bad access happened; to
# see where the memory came from too, replay the crash with ASAN_OPTIONS=detect_leaks=0.
ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=0:malloc_context_size=0} PORTA_FUZZ_TARGET=$target .build-fuzz/debug/porta-fuzz "$corpus" "${existing[@]}" \
  -max_total_time="$seconds" -runs="${PORTA_FUZZ_RUNS:--1}" -detect_leaks=0 -timeout=10 -rss_limit_mb=2048 -max_len="$max_len" -print_final_stats=1 \
  -artifact_prefix=".fuzz/crashes/$target-"
