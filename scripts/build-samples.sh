#!/usr/bin/env bash
# Builds the sample controller's database samples/retailer/shop.sqlite from its SQL script.
# The database is never committed; this rebuilds it from scratch every time.
set -euo pipefail
cd "$(dirname "$0")/../samples/retailer"
rm -f shop.sqlite
sqlite3 shop.sqlite < shop.sql
echo "setup: built samples/retailer/shop.sqlite"
