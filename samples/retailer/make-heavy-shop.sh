#!/usr/bin/env bash
# Writes a shop database for benchmarks: the sample shop (shop.sql) plus customer 100,
# "Hedda Tung" (email:heavy@example.se), who holds RECORDS records (a tenth orders, the rest
# order lines, nine or so per order) and UPLOADS uploaded photos of 4 MiB of random bytes.
#
# Usage: samples/retailer/make-heavy-shop.sh DATABASE RECORDS [UPLOADS]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
database=$1; records=$2; uploads=${3:-0}
orders=$((records / 10)); lines=$((records - records / 10))
rm -f "$database"
{
  cat "$here/shop.sql"
  cat <<SQL
BEGIN;
INSERT INTO customers VALUES (100, 'K-9100', 'Hedda', 'Tung', 'heavy@example.se', NULL, NULL, NULL, 'sv', '2020-01-01 00:00:00');
WITH RECURSIVE seq(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM seq WHERE i < $orders)
INSERT INTO orders SELECT 100000 + i, 100, 'H-' || i, '2024-01-01 00:00:00', 'delivered', '99.00', 'SEK', NULL FROM seq;
WITH RECURSIVE seq(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM seq WHERE i < $lines)
INSERT INTO order_lines SELECT 100000 + i, 100000 + 1 + ((i - 1) % $orders), 1 + (i - 1) / $orders, 'SKU-' || (i % 97),
  'Artikel "' || i || '", storlek M', 1 + i % 3, '11.00', 'SEK' FROM seq;
WITH RECURSIVE seq(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM seq WHERE i < $uploads)
INSERT INTO return_uploads SELECT 1000 + i, 100, 'foto ' || i || '.jpg', 'image/jpeg', randomblob(4194304), '2024-02-01 00:00:00'
  FROM seq WHERE $uploads > 0;
COMMIT;
SQL
} | sqlite3 "$database"
