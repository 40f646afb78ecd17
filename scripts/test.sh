#!/usr/bin/env bash
# Runs every test: installs what the tests call and starts the sample PostgreSQL server
# (scripts/setup.sh), then the Swift test suite, which runs the built porta binary, the sample
# customer-service API and the outside validators itself.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
source scripts/sample-env.sh
swift build --build-tests
swift test --skip-build
