#!/usr/bin/env bash
# One-shot Superset initialisation (superset-init service). Idempotent.
#   1. migrate Superset's metadata database;
#   2. create the admin user if missing;
#   3. create default roles and permissions;
#   4. register (or update) the warehouse as the read-only role bi_reader.
set -euo pipefail
: "${SUPERSET_ADMIN_PASSWORD:?}" "${SUPERSET_ADMIN_EMAIL:?}" "${BI_READER_PASSWORD:?}"

superset db upgrade

# Reports an existing user without failing.
superset fab create-admin \
    --username "${SUPERSET_ADMIN_USERNAME:-admin}" \
    --firstname Xiangmu --lastname Admin \
    --email "${SUPERSET_ADMIN_EMAIL}" \
    --password "${SUPERSET_ADMIN_PASSWORD}"

superset init

# URL-encode the password so any character is safe in the URI.
warehouse_uri="$(python - <<'PY'
import os
from urllib.parse import quote
password = quote(os.environ["BI_READER_PASSWORD"], safe="")
db = os.environ.get("WAREHOUSE_DB", "xiangmu")
print(f"postgresql+psycopg2://bi_reader:{password}@postgres-warehouse:5432/{db}")
PY
)"
# Creates the database entry, or updates its URI if it exists (password rotation).
# Short flags: the long ones are spelled --database_name or --database-name depending on the version.
superset set-database-uri -d "Xiangmu marts" -u "${warehouse_uri}"
echo "superset-init done"
