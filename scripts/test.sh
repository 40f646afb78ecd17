#!/usr/bin/env bash
# Runs every test: installs what the tests call (scripts/setup.sh), then the Swift test suite,
# which runs the built porta binary and the outside validators (bagit-python) itself.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
swift build --build-tests
swift test --skip-build
