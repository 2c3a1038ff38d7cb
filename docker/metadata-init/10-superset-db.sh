#!/usr/bin/env bash
# Run once by the postgres image when the metadata data directory is created:
# Superset keeps its own metadata in its own database and role on this server,
# apart from Airflow's. No `set -u`: the image may source this file.
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
refuse_placeholder_secrets POSTGRES_PASSWORD SUPERSET_DB_PASSWORD
: "${SUPERSET_DB_PASSWORD:?}"
psql -v ON_ERROR_STOP=1 --username "${POSTGRES_USER}" --dbname "${POSTGRES_DB}" \
    -v superset_password="${SUPERSET_DB_PASSWORD}" <<'SQL'
create role superset login password :'superset_password' nosuperuser nocreatedb nocreaterole;
create database superset owner superset;
revoke all on database superset from public;
SQL
