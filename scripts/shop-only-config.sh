#!/usr/bin/env bash
# Prints the sample's porta.yml with only its shop source (the SQLite path, no network
# sources), for the benchmarks; the shop stays the subject index.
set -euo pipefail
cd "$(dirname "$0")/.."
awk '/^  - id: / && $3 != "shop" { exit } { print }' samples/retailer/porta.yml
