#!/usr/bin/env bash
# Starts the local PostgreSQL server (Debian's cluster) and (re)loads the sample CRM into the
# database porta_crm, the gym's access system into porta_gym and the sample receiver's empty
# tables into porta_receiver, all owned by the role porta. Idempotent. Needs root (or sudo).
# The connection Porta and its tests use is in scripts/sample-env.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/sample-env.sh

as_postgres() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else sudo -u postgres "$@"; fi; }
as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

version=$(ls /etc/postgresql 2>/dev/null | sort -V | tail -1)
[ -n "$version" ] || { echo "setup-postgres: no PostgreSQL cluster; apt-get install postgresql" >&2; exit 2; }
if ! pg_lsclusters -h | awk -v v="$version" '$1 == v && $2 == "main" && $4 == "online"' | grep -q .; then
  echo "setup-postgres: starting PostgreSQL $version"
  as_root pg_ctlcluster "$version" main start
fi
for _ in $(seq 1 30); do
  as_postgres pg_isready -q -h 127.0.0.1 -p 5432 && break
  sleep 1
done
# The test suite runs many exports at once, each with its own connections: the default 100
# is too few for it, so the (local, test-only) server gets 400.
if [ "$(as_postgres psql -tA -d postgres -c 'SHOW max_connections')" -lt 400 ]; then
  echo "setup-postgres: raising max_connections to 400"
  as_postgres psql -q -d postgres -c "ALTER SYSTEM SET max_connections = 400"
  as_root pg_ctlcluster "$version" main restart
  for _ in $(seq 1 30); do
    as_postgres pg_isready -q -h 127.0.0.1 -p 5432 && break
    sleep 1
  done
fi
as_postgres psql -q -v ON_ERROR_STOP=1 -d postgres <<SQL
DO \$\$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'porta') THEN
    CREATE ROLE porta LOGIN PASSWORD '${PORTA_CRM_PASSWORD}';
  ELSE
    ALTER ROLE porta LOGIN PASSWORD '${PORTA_CRM_PASSWORD}';
  END IF;
END \$\$;
SQL
for database in porta_crm porta_gym porta_receiver; do
  if ! as_postgres psql -tA -d postgres -c "SELECT 1 FROM pg_database WHERE datname = '$database'" | grep -q 1; then
    as_postgres createdb -O porta "$database"
  fi
done
PGPASSWORD=$PORTA_CRM_PASSWORD PGOPTIONS="-c client_min_messages=warning" psql -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -U porta -d porta_crm -f samples/retailer/crm.sql >/dev/null
echo "setup-postgres: porta_crm loaded"
PGPASSWORD=$PORTA_GYM_PASSWORD PGOPTIONS="-c client_min_messages=warning" psql -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -U porta -d porta_gym -f samples/gym/access.sql >/dev/null
echo "setup-postgres: porta_gym loaded"
PGPASSWORD=$PORTA_RECEIVER_PASSWORD PGOPTIONS="-c client_min_messages=warning" psql -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -U porta -d porta_receiver -f samples/receiver/schema-postgresql.sql >/dev/null
echo "setup-postgres: porta_receiver made (the sample receiver's empty tables)"
