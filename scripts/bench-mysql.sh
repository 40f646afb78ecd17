#!/usr/bin/env bash
# The mysql connector's speed (issue 22), release build, one run, on the local MariaDB server
# (scripts/setup-mariadb.sh): a database porta_test_bench with one customer holding ROWS orders
# (default 300 000, at most 1 000 000: id, customer, a DATETIME in the shop's zone, a DECIMAL total), then:
#
# - porta sources count: the person found, every order row streamed from the server through a
#   prepared statement, each converted (local time to UTC, exact decimal money) and built into a
#   checked record; nothing written;
# - the peer: mariadb --batch --quick (rows streamed, not stored whole), the same rows by the
#   same query, printed as tab-separated text.
#
# For scale, the sqlite connector on the same rows in an SQLite file (what record building costs
# whatever the database). Prints wall time, rows/s and peak RSS of each, and the ratio. BENCHMARKS.md keeps them.
#
# Usage: scripts/bench-mysql.sh [ROWS]
set -euo pipefail
cd "$(dirname "$0")/.."
rows=${1:-300000}
source scripts/sample-env.sh
command -v /usr/bin/time >/dev/null || { echo "needs GNU time (apt-get install time)" >&2; exit 2; }
swift build -c release --product porta >/dev/null
porta=$PWD/.build/release/porta
work=$(mktemp -d "${TMPDIR:-/tmp}/porta-bench-mysql.XXXXXX")
export MYSQL_PWD=$PORTA_STOREFRONT_PASSWORD
client=(mariadb -h 127.0.0.1 -u porta)
trap '"${client[@]}" -e "DROP DATABASE IF EXISTS porta_test_bench"; rm -rf "$work"' EXIT

"${client[@]}" -e "DROP DATABASE IF EXISTS porta_test_bench; CREATE DATABASE porta_test_bench CHARACTER SET utf8mb4"
"${client[@]}" porta_test_bench <<SQL
CREATE TABLE people (id int PRIMARY KEY, email varchar(64));
CREATE TABLE orders (id int PRIMARY KEY, customer int, placed datetime, total decimal(10,2), KEY (customer));
INSERT INTO people VALUES (1, 'many@example.se');
CREATE TABLE digits (d int);
INSERT INTO digits VALUES (0), (1), (2), (3), (4), (5), (6), (7), (8), (9);
INSERT INTO orders
  SELECT n, 1, '2024-05-01 12:00:00' + INTERVAL n SECOND, 99.50 + (n MOD 100)
  FROM (SELECT a.d * 100000 + b.d * 10000 + c.d * 1000 + e.d * 100 + f.d * 10 + g.d + 1 AS n
        FROM digits a, digits b, digits c, digits e, digits f, digits g) AS numbers
  WHERE n <= $rows;
SQL
count=$("${client[@]}" -N porta_test_bench -e "SELECT count(*) FROM orders")

# The tests' config of people and their orders (Tests/PortaTestSupport/MySQLSourceConfig.swift).
sed -n '/static let many = """/,/^        """/p' Tests/PortaTestSupport/MySQLSourceConfig.swift | sed '1d;$d' | sed 's/^        //' > "$work/porta.yml"
export TEST_MYSQL_URL=mysql://porta@127.0.0.1:3306/porta_test_bench TEST_MYSQL_PASSWORD=$PORTA_STOREFRONT_PASSWORD

# The same rows in SQLite, read by the sqlite connector with the same mapping.
sqlite3 "$work/same.sqlite" <<SQL
CREATE TABLE people (id int PRIMARY KEY, email text);
CREATE TABLE orders (id int PRIMARY KEY, customer int, placed text, total text);
CREATE INDEX orders_customer ON orders (customer);
INSERT INTO people VALUES (1, 'many@example.se');
$("${client[@]}" --batch --quick -N porta_test_bench -e "SELECT id, customer, placed, total FROM orders ORDER BY id" |
  awk -F'\t' 'BEGIN { print "BEGIN;" } { printf "INSERT INTO orders VALUES (%s, %s, '\''%s'\'', '\''%s'\'');\n", $1, $2, $3, $4 } END { print "COMMIT;" }')
SQL
sed -e 's/connector: mysql/connector: sqlite/' -e "s#mysql: { url-env: TEST_MYSQL_URL, password-env: TEST_MYSQL_PASSWORD }#path: $work/same.sqlite#" \
  "$work/porta.yml" > "$work/sqlite.yml"

seconds() { sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$1" | awk -F: '{ s = 0; for (i = 1; i <= NF; i++) s = s * 60 + $i; print s }'; }
mib() { sed -n 's/.*Maximum resident set size (kbytes): //p' "$1" | awk '{ printf "%.1f", $1 / 1024 }'; }
rate() { awk -v n="$1" -v s="$2" 'BEGIN { printf "%.0f", (s > 0 ? n / s : 0) }'; }

/usr/bin/time -v -o "$work/porta.time" "$porta" sources count --config "$work/porta.yml" --subject email:many@example.se > "$work/porta.txt"
grep -q "^web order $count\$" "$work/porta.txt" || { echo "porta counted: $(cat "$work/porta.txt")" >&2; exit 1; }
/usr/bin/time -v -o "$work/peer.time" "${client[@]}" --batch --quick porta_test_bench \
  -e 'SELECT t.id, t.customer, t.placed, t.total FROM orders AS t WHERE CAST(t.customer AS BINARY) IN ("1") ORDER BY t.id' > "$work/peer.txt"
peer_rows=$(($(wc -l < "$work/peer.txt") - 1))

/usr/bin/time -v -o "$work/sqlite.time" "$porta" sources count --config "$work/sqlite.yml" --subject email:many@example.se > "$work/sqlite.txt"
grep -q "^web order $count\$" "$work/sqlite.txt" || { echo "porta counted in SQLite: $(cat "$work/sqlite.txt")" >&2; exit 1; }

porta_s=$(seconds "$work/porta.time"); peer_s=$(seconds "$work/peer.time"); sqlite_s=$(seconds "$work/sqlite.time")
echo "**Rows**: $count orders of one customer, MariaDB $("${client[@]}" -N -e 'SELECT VERSION()')"
echo
echo "| step | wall s | rows/s | peak RSS MiB |"
echo "| --- | ---: | ---: | ---: |"
echo "| porta sources count (mysql connector: stream, convert, build records) | $porta_s | $(rate "$count" "$porta_s") | $(mib "$work/porta.time") |"
echo "| mariadb --batch --quick, the same rows ($peer_rows) | $peer_s | $(rate "$peer_rows" "$peer_s") | $(mib "$work/peer.time") |"
echo "| for scale: porta sources count, the same rows in SQLite (sqlite connector) | $sqlite_s | $(rate "$count" "$sqlite_s") | $(mib "$work/sqlite.time") |"
echo
awk -v a="$porta_s" -v b="$peer_s" 'BEGIN { printf "ratio porta / mariadb --batch --quick: %.2f×\n", a / b }'
awk -v a="$porta_s" -v b="$sqlite_s" 'BEGIN { printf "ratio mysql connector / sqlite connector: %.2f×\n", a / b }'
