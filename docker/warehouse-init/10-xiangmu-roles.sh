#!/usr/bin/env bash
# Run once by the postgres image when the warehouse data directory is created
# (files in /docker-entrypoint-initdb.d). Passwords come from the container's
# environment (docker/.env); the SQL itself is in sql/xiangmu-roles.sql, which
# the image skips because it is in a subdirectory, then bi_reader's definition. No `set -u`: the image may
# source (rather than execute) this file into its own shell.
set -eo pipefail
# --- refuse placeholder secrets (begin) ---
# docker/.env.example holds CHANGE_ME for every secret: a deployment started from
# it unchanged must fail here, loudly, rather than run with a known password.
# Values that are URLs are checked for the password between ':' and '@'.
refuse_placeholder_secrets() {
    local name value secret bad=()
    for name in "$@"; do
        value="${!name:-}"
        secret="${value}"
        if [[ "${value}" =~ ^[A-Za-z0-9+.-]+://[^:/@]*:([^@]*)@ ]]; then
            secret="${BASH_REMATCH[1]}"
        fi
        if [[ -z "${secret}" || "${secret}" == *CHANGE_ME* ]]; then
            bad+=("${name}")
        fi
    done
    if (( ${#bad[@]} )); then
        echo "refusing to initialise: ${bad[*]} empty or still the placeholder CHANGE_ME; set real secrets in docker/.env" >&2
        exit 1
    fi
}
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
