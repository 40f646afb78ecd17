#!/usr/bin/env bash
# Writes a shop database for benchmarks: the sample shop (shop.sql) plus
# - customer 100, "Hedda Tung" (email:heavy@example.se), holding RECORDS records across kinds:
#   a tenth orders, a twentieth reviews, the rest order lines (about eight per order), and
#   UPLOADS uploaded photos of 4 MiB of random bytes;
# - OTHERS further customers (other<N>@example.se, customer numbers K-2…), each with two orders
#   of three lines and one review, for bulk export.
#
# Usage: samples/retailer/make-heavy-shop.sh DATABASE RECORDS [UPLOADS [OTHERS]]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
database=$1; records=$2; uploads=${3:-0}; others=${4:-0}
orders=$((records / 10)); reviews=$((records / 20)); lines=$((records - orders - reviews))
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
WITH RECURSIVE seq(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM seq WHERE i < $reviews)
INSERT INTO reviews SELECT 100000 + i, 100, 'SKU-' || (i % 97), 1 + i % 5, 'Omdöme ' || i, 'Bra, men "storlek M" var liten; ' || i,
  '2024-03-01 12:00:00' FROM seq WHERE $reviews > 0;
WITH RECURSIVE seq(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM seq WHERE i < $uploads)
INSERT INTO return_uploads SELECT 1000 + i, 100, 'foto ' || i || '.jpg', 'image/jpeg', randomblob(4194304), '2024-02-01 00:00:00'
  FROM seq WHERE $uploads > 0;
WITH RECURSIVE seq(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM seq WHERE i < $others)
INSERT INTO customers SELECT 10000 + i, 'K-2' || printf('%06d', i), 'Kund', 'Nummer ' || i, 'other' || i || '@example.se',
  NULL, NULL, NULL, 'sv', '2021-01-01 00:00:00' FROM seq WHERE $others > 0;
WITH RECURSIVE seq(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM seq WHERE i < $others * 2)
INSERT INTO orders SELECT 5000000 + i, 10000 + (i + 1) / 2, 'O-' || i, '2024-05-01 00:00:00', 'delivered', '33.00', 'SEK', NULL
  FROM seq WHERE $others > 0;
WITH RECURSIVE seq(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM seq WHERE i < $others * 6)
INSERT INTO order_lines SELECT 5000000 + i, 5000000 + (i + 2) / 3, 1 + (i - 1) % 3, 'SKU-' || (i % 97), 'Artikel ' || i, 1, '11.00', 'SEK'
  FROM seq WHERE $others > 0;
WITH RECURSIVE seq(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM seq WHERE i < $others)
INSERT INTO reviews SELECT 5000000 + i, 10000 + i, 'SKU-' || (i % 97), 4, 'Omdöme', 'Bra.', '2024-06-01 12:00:00'
  FROM seq WHERE $others > 0;
COMMIT;
SQL
} | sqlite3 "$database"
