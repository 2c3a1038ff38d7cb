#!/usr/bin/env bash
# One-shot initialisation, run by the airflow-init service before any other
# Airflow component starts. Idempotent: safe to run on every `docker compose up`.
#   1. migrate the metadata database (also the FAB auth manager's tables);
#   2. create the Airflow admin user (FAB) if missing;
#   3. (re)create the connections the pipeline uses, from the environment;
#   4. create one pool of 1 slot per newspaper host (epaper_<code>);
#   5. prepare the shared volume (state, docs, GX project) and check the warehouse.
set -euo pipefail
# --- refuse placeholder secrets (begin) ---
# One definition for all init scripts: docker/lib (next to this folder in the
# repository and the Airflow image; mounted at /opt/xiangmu/docker/lib elsewhere).
placeholder_lib="$(dirname "${BASH_SOURCE[0]:-$0}")/../lib/refuse-placeholder-secrets.sh"
[[ -f "${placeholder_lib}" ]] || placeholder_lib=/opt/xiangmu/docker/lib/refuse-placeholder-secrets.sh
# shellcheck source=../lib/refuse-placeholder-secrets.sh
source "${placeholder_lib}"
# --- refuse placeholder secrets (end) ---
refuse_placeholder_secrets AIRFLOW_ADMIN_PASSWORD AIRFLOW_CONN_XIANGMU_WAREHOUSE AIRFLOW__DATABASE__SQL_ALCHEMY_CONN \
    AIRFLOW__CELERY__BROKER_URL AIRFLOW__CORE__FERNET_KEY AIRFLOW__API__SECRET_KEY AIRFLOW__API_AUTH__JWT_SECRET

: "${AIRFLOW_ADMIN_PASSWORD:?}" "${AIRFLOW_ADMIN_EMAIL:?}" "${AIRFLOW_CONN_XIANGMU_WAREHOUSE:?}"
: "${XIANGMU_ALERT_WEBHOOK_URL:?}" "${XIANGMU_ALERT_SMTP_HOST:?}" "${XIANGMU_ALERT_SMTP_FROM:?}" "${XIANGMU_ALERT_EMAIL_TO:?}"
: "${XIANGMU_STATE_DIR:?}" "${XIANGMU_DBT_TARGET_DIR:?}" "${XIANGMU_DATA_DOCS_DIR:?}" "${XIANGMU_GX_DIR:?}"

echo "== airflow $(airflow version)"

echo "== migrating the metadata database"
airflow db migrate
# The FAB auth manager's tables (users, roles): migrated by `db migrate` through
# [database] external_db_managers; run explicitly where the provider has the command.
if airflow fab-db --help >/dev/null 2>&1; then
    airflow fab-db migrate
fi

echo "== admin user ${AIRFLOW_ADMIN_USERNAME:-admin}"
# The FAB CLI reports an existing user and exits 0, so this is idempotent.
airflow users create \
    --role Admin \
    --username "${AIRFLOW_ADMIN_USERNAME:-admin}" \
    --password "${AIRFLOW_ADMIN_PASSWORD}" \
    --email "${AIRFLOW_ADMIN_EMAIL}" \
    --firstname Xiangmu --lastname Admin

# Replace a connection (add has no upsert): secrets may have been rotated in .env.
replace_connection() {
    local conn_id="$1"
    shift
    airflow connections delete "${conn_id}" >/dev/null 2>&1 || true
    airflow connections add "${conn_id}" "$@"
}

echo "== connections"
# The warehouse (xiangmu_warehouse) is no stored connection: compose passes it to every
# component as AIRFLOW_CONN_XIANGMU_WAREHOUSE, which Airflow reads before its metadata DB.
airflow connections delete xiangmu_warehouse >/dev/null 2>&1 || true
# Alerts (xiangmu/alerts.py): a Slack-compatible webhook, whose full URL (secret
# token included, as Slack/Feishu/DingTalk-style incoming webhooks carry it) is the host ...
replace_connection xiangmu_alert_webhook \
    --conn-type http \
    --conn-host "${XIANGMU_ALERT_WEBHOOK_URL}"
# ... and SMTP (the SmtpHook's extras) plus recipients in extra "to": port 465
# means implicit TLS (SSL), any other port plain SMTP upgraded by STARTTLS unless disable_tls.
smtp_extra="$(python - <<'PY'
import json, os
starttls = os.environ.get("XIANGMU_ALERT_SMTP_STARTTLS", "true").lower() in ("1", "true", "yes")
print(json.dumps({
    "to": os.environ["XIANGMU_ALERT_EMAIL_TO"],
    "from_email": os.environ["XIANGMU_ALERT_SMTP_FROM"],
    "disable_ssl": os.environ.get("XIANGMU_ALERT_SMTP_PORT", "587") != "465",
    "disable_tls": not starttls,
    "timeout": 30,
}))
PY
)"
replace_connection xiangmu_alert_smtp \
    --conn-type smtp \
    --conn-host "${XIANGMU_ALERT_SMTP_HOST}" \
    --conn-port "${XIANGMU_ALERT_SMTP_PORT:-587}" \
    --conn-login "${XIANGMU_ALERT_SMTP_USER:-}" \
    --conn-password "${XIANGMU_ALERT_SMTP_PASSWORD:-}" \
    --conn-extra "${smtp_extra}"

echo "== pools (one request stream per e-paper host)"
IFS=',' read -r -a sources <<< "${XIANGMU_SOURCES:-sjzrb,hbrb}"
for code in "${sources[@]}"; do
    code="$(echo "${code}" | tr -d '[:space:]')"
    [[ -n "${code}" ]] || continue
    airflow pools set "epaper_${code}" 1 "Xiangmu: requests to the ${code} e-paper host, one task at a time"
done

echo "== shared volume"
mkdir -p "${XIANGMU_STATE_DIR}" "${XIANGMU_DBT_TARGET_DIR}" "${XIANGMU_DATA_DOCS_DIR}" "${XIANGMU_GX_DIR}/gx"
# The GX file context lives on the shared volume so that every worker adds to
# the same validation store and Data Docs; its config always comes from the image.
cp /opt/xiangmu/expectations/gx/great_expectations.yml "${XIANGMU_GX_DIR}/gx/great_expectations.yml"
cp /opt/xiangmu/expectations/gx/.gitignore "${XIANGMU_GX_DIR}/gx/.gitignore" 2>/dev/null || true

echo "== warehouse reachable as the pipeline's role"
python - <<'PY'
import os
import psycopg
with psycopg.connect(os.environ["AIRFLOW_CONN_XIANGMU_WAREHOUSE"], connect_timeout=10) as conn:
    user, db = conn.execute("select current_user, current_database()").fetchone()
    can_create = conn.execute("select has_database_privilege(current_user, current_database(), 'CREATE')").fetchone()[0]
    if not can_create:
        raise SystemExit(f"{user} cannot create schemas in {db}: was docker/warehouse-init run?")
    print(f"connected to {db} as {user}")
PY

echo "== done"
