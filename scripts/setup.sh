#!/usr/bin/env bash
# Installs what Porta needs on Debian 12 with Swift 6 at hand, and builds the sample database.
# Idempotent: installs only what is missing. Needs root (or sudo) for apt.
#
#   apt: libxml2-dev (CLibXML2), libsqlite3-dev (GRDB), pkg-config, sqlite3 (sample database),
#        libxml2-utils (xmllint), python3-pip, postgresql (the sample CRM; started here, and its
#        database porta_crm loaded from samples/retailer/crm.sql), libmariadb-dev (CMariaDB, the
#        MySQL/MariaDB client), mariadb-server and mariadb-client (the sample storefront; started
#        here, its database porta_storefront loaded from samples/retailer/storefront.sql),
#        openssh-client (ssh-keygen:
#        signatures the verifier must accept), age (the age CLI: sealed bundles must open with it
#        and its files with Porta), time (GNU time for the benchmarks), chromium (the person's page
#        laid out and checked in a real browser, and its screenshots), openssl (a test certificate
#        for porta serve's HTTPS), curl (the serve benchmark's peer)
#   pip: bagit (bagit-python), bagit_profile, frictionless, check-jsonschema: the outside validators tests call;
#        schemathesis: porta serve judged against its own OpenAPI description
set -euo pipefail
cd "$(dirname "$0")/.."

APT_PACKAGES=(libxml2-dev libsqlite3-dev libmariadb-dev pkg-config sqlite3 libxml2-utils python3-pip postgresql mariadb-server mariadb-client openssh-client openssl curl age time chromium)
PIP_PACKAGES=("bagit==1.9.0" "bagit_profile==1.3.1" "frictionless==5.21.0" "check-jsonschema==0.39.0" "rfc3339-validator==0.1.4" "schemathesis==4.32.5")

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

missing=()
for package in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if [ "${#missing[@]}" -gt 0 ]; then
  echo "setup: apt-get install ${missing[*]}"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi

PYTHON=${PYTHON:-python3}
need=()
for pin in "${PIP_PACKAGES[@]}"; do
  "$PYTHON" -m pip show -q "${pin%%==*}" >/dev/null 2>&1 || need+=("$pin")
done
if [ "${#need[@]}" -gt 0 ]; then
  echo "setup: pip install ${need[*]}"
  if ! "$PYTHON" -m pip install -q --disable-pip-version-check --root-user-action=ignore "${need[@]}"; then
    echo "setup: the pinned versions did not install; trying the newest instead" >&2
    "$PYTHON" -m pip install -q --disable-pip-version-check --root-user-action=ignore "${need[@]%%==*}"
  fi
  command -v pyenv >/dev/null 2>&1 && pyenv rehash || true
fi
for tool in bagit.py bagit_profile.py frictionless check-jsonschema xmllint sqlite3 psql mariadb ssh-keygen age age-keygen; do
  command -v "$tool" >/dev/null 2>&1 || { echo "setup: $tool is still missing" >&2; exit 2; }
done

scripts/build-samples.sh
scripts/setup-postgres.sh
scripts/setup-mariadb.sh
