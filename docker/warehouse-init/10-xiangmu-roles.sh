#!/usr/bin/env bash
# Run once by the postgres image when the warehouse data directory is created
# (files in /docker-entrypoint-initdb.d). Passwords come from the container's
# environment (docker/.env); the SQL itself is in sql/xiangmu-roles.sql, which
# the image skips because it is in a subdirectory. No `set -u`: the image may
# source (rather than execute) this file into its own shell.
set -eo pipefail
: "${XIANGMU_WRITER_PASSWORD:?}" "${BI_READER_PASSWORD:?}"
psql -v ON_ERROR_STOP=1 \
    --username "${POSTGRES_USER}" --dbname "${POSTGRES_DB}" \
    -v dbname="${POSTGRES_DB}" \
    -v writer_password="${XIANGMU_WRITER_PASSWORD}" \
    -v bi_reader_password="${BI_READER_PASSWORD}" \
    -f "$(dirname "${BASH_SOURCE[0]}")/sql/xiangmu-roles.sql"
