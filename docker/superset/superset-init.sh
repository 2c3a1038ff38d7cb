#!/usr/bin/env bash
# One-shot Superset initialisation (superset-init service). Idempotent.
#   1. migrate Superset's metadata database;
#   2. create the admin user if missing;
#   3. create default roles and permissions;
#   4. import the repo's dashboards (bi/dashboards, mounted read-only; the same
#      bundle `make bi` imports), which also declare the database "Xiangmu marts";
#   5. point that database at the warehouse as the read-only role bi_reader.
set -euo pipefail
# --- refuse placeholder secrets (begin) ---
# One definition for all init scripts: docker/lib (next to this folder in the
# repository and the Airflow image; mounted at /opt/xiangmu/docker/lib elsewhere).
placeholder_lib="$(dirname "${BASH_SOURCE[0]:-$0}")/../lib/refuse-placeholder-secrets.sh"
[[ -f "${placeholder_lib}" ]] || placeholder_lib=/opt/xiangmu/docker/lib/refuse-placeholder-secrets.sh
# shellcheck source=../lib/refuse-placeholder-secrets.sh
source "${placeholder_lib}"
# --- refuse placeholder secrets (end) ---
refuse_placeholder_secrets SUPERSET_ADMIN_PASSWORD BI_READER_PASSWORD SUPERSET_SECRET_KEY SUPERSET_DATABASE_URI
: "${SUPERSET_ADMIN_PASSWORD:?}" "${SUPERSET_ADMIN_EMAIL:?}" "${BI_READER_PASSWORD:?}"

superset db upgrade

# Reports an existing user without failing.
superset fab create-admin \
    --username "${SUPERSET_ADMIN_USERNAME:-admin}" \
    --firstname Xiangmu --lastname Admin \
    --email "${SUPERSET_ADMIN_EMAIL}" \
    --password "${SUPERSET_ADMIN_PASSWORD}"

superset init

# The bundle is YAML in the repo; Superset's importer takes it zipped.
if [ -d /app/xiangmu/dashboards ]; then
    python -c "import shutil; shutil.make_archive('/tmp/xiangmu-dashboards', 'zip', '/app/xiangmu', 'dashboards')"
    superset import-dashboards -p /tmp/xiangmu-dashboards.zip -u "${SUPERSET_ADMIN_USERNAME:-admin}"
fi

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
