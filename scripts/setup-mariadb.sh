#!/usr/bin/env bash
# Starts the local MariaDB server (Debian's, on loopback) and (re)loads the sample storefront, the
# shop's web store with WordPress/WooCommerce-like tables, into the database porta_storefront,
# which the user porta may only read. Idempotent. Needs root (or sudo). The connection Porta and
# its tests use is in scripts/sample-env.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/sample-env.sh

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }
command -v mariadbd >/dev/null 2>&1 || [ -x /usr/sbin/mariadbd ] || { echo "setup-mariadb: no MariaDB server; apt-get install mariadb-server" >&2; exit 2; }

if ! as_root mariadb-admin ping --silent >/dev/null 2>&1; then
  echo "setup-mariadb: starting MariaDB"
  as_root /etc/init.d/mariadb start >/dev/null
fi
for _ in $(seq 1 30); do
  as_root mariadb-admin ping --silent >/dev/null 2>&1 && break
  sleep 1
done
# The test suite runs many exports at once, each with its own connection.
as_root mariadb -e "SET GLOBAL max_connections = 400"
as_root mariadb <<SQL
CREATE DATABASE IF NOT EXISTS porta_storefront CHARACTER SET utf8mb4 COLLATE utf8mb4_general_ci;
CREATE USER IF NOT EXISTS 'porta'@'127.0.0.1' IDENTIFIED BY '${PORTA_STOREFRONT_PASSWORD}';
CREATE USER IF NOT EXISTS 'porta'@'localhost' IDENTIFIED BY '${PORTA_STOREFRONT_PASSWORD}';
ALTER USER 'porta'@'127.0.0.1' IDENTIFIED BY '${PORTA_STOREFRONT_PASSWORD}';
ALTER USER 'porta'@'localhost' IDENTIFIED BY '${PORTA_STOREFRONT_PASSWORD}';
GRANT SELECT ON porta_storefront.* TO 'porta'@'127.0.0.1';
GRANT SELECT ON porta_storefront.* TO 'porta'@'localhost';
-- The tests make and drop their own databases (porta_test_*) as this user.
GRANT ALL PRIVILEGES ON \`porta\_test\_%\`.* TO 'porta'@'127.0.0.1';
FLUSH PRIVILEGES;
SQL
as_root mariadb porta_storefront < samples/retailer/storefront.sql
echo "setup-mariadb: porta_storefront loaded"
