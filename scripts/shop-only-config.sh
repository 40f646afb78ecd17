#!/usr/bin/env bash
# Prints the sample's porta.yml with only its shop source (the SQLite path, no network
# sources) and no register, for the benchmarks; the shop stays the subject index.
set -euo pipefail
cd "$(dirname "$0")/.."
awk '/^register:/ { skip = 1; next } skip && /^$/ { skip = 0; next } !skip' samples/retailer/porta.yml \
  | awk '/^  - id: / && $3 != "shop" { exit } { print }'
