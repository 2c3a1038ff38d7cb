#!/usr/bin/env bash
# Run once by the postgres image when the metadata data directory is created:
# Superset keeps its own metadata in its own database and role on this server,
# apart from Airflow's. No `set -u`: the image may source this file.
set -eo pipefail
# --- refuse placeholder secrets (begin) ---
# One definition for all init scripts: docker/lib (next to this folder in the
# repository and the Airflow image; mounted at /opt/xiangmu/docker/lib elsewhere).
placeholder_lib="$(dirname "${BASH_SOURCE[0]:-$0}")/../lib/refuse-placeholder-secrets.sh"
[[ -f "${placeholder_lib}" ]] || placeholder_lib=/opt/xiangmu/docker/lib/refuse-placeholder-secrets.sh
# shellcheck source=../lib/refuse-placeholder-secrets.sh
source "${placeholder_lib}"
# --- refuse placeholder secrets (end) ---
refuse_placeholder_secrets POSTGRES_PASSWORD SUPERSET_DB_PASSWORD
: "${SUPERSET_DB_PASSWORD:?}"
psql -v ON_ERROR_STOP=1 --username "${POSTGRES_USER}" --dbname "${POSTGRES_DB}" \
    -v superset_password="${SUPERSET_DB_PASSWORD}" <<'SQL'
create role superset login password :'superset_password' nosuperuser nocreatedb nocreaterole;
create database superset owner superset;
revoke all on database superset from public;
SQL
