#!/usr/bin/env bash
# Run once by the postgres image when the warehouse data directory is created
# (files in /docker-entrypoint-initdb.d). Passwords come from the container's
# environment (docker/.env); the SQL itself is in sql/xiangmu-roles.sql, which
# the image skips because it is in a subdirectory, then bi_reader's definition. No `set -u`: the image may
# source (rather than execute) this file into its own shell.
set -eo pipefail
# --- refuse placeholder secrets (begin) ---
# One definition for all init scripts: docker/lib (next to this folder in the
# repository and the Airflow image; mounted at /opt/xiangmu/docker/lib elsewhere).
placeholder_lib="$(dirname "${BASH_SOURCE[0]:-$0}")/../lib/refuse-placeholder-secrets.sh"
[[ -f "${placeholder_lib}" ]] || placeholder_lib=/opt/xiangmu/docker/lib/refuse-placeholder-secrets.sh
# shellcheck source=../lib/refuse-placeholder-secrets.sh
source "${placeholder_lib}"
# --- refuse placeholder secrets (end) ---
refuse_placeholder_secrets POSTGRES_PASSWORD XIANGMU_WRITER_PASSWORD BI_READER_PASSWORD
: "${XIANGMU_WRITER_PASSWORD:?}" "${BI_READER_PASSWORD:?}"
# bi_reader's attributes, session defaults and grants: the same SQL the embedded
# warehouse and the pipeline run (xiangmu/warehouse/sql, mounted by compose).
role_sql_dir="${XIANGMU_ROLE_SQL_DIR:-/opt/xiangmu/role-sql}"
psql -v ON_ERROR_STOP=1 \
    --username "${POSTGRES_USER}" --dbname "${POSTGRES_DB}" \
    -v dbname="${POSTGRES_DB}" \
    -v writer_password="${XIANGMU_WRITER_PASSWORD}" \
    -v bi_reader_password="${BI_READER_PASSWORD}" \
    -f "$(dirname "${BASH_SOURCE[0]}")/sql/xiangmu-roles.sql" \
    -f "${role_sql_dir}/bi_reader_role.sql" \
    -f "${role_sql_dir}/bi_reader_grants.sql"
