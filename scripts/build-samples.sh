#!/usr/bin/env bash
# Builds the sample controllers' databases samples/retailer/shop.sqlite and
# samples/gym/members.sqlite from their SQL scripts.
# The database is never committed; this rebuilds it from scratch every time.
set -euo pipefail
cd "$(dirname "$0")/../samples/retailer"
rm -f shop.sqlite
sqlite3 shop.sqlite < shop.sql
echo "setup: built samples/retailer/shop.sqlite"
cd ../gym
rm -f members.sqlite
sqlite3 members.sqlite < members.sql
echo "setup: built samples/gym/members.sqlite"
