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
refuse_placeholder_secrets AIRFLOW_ADMIN_PASSWORD WAREHOUSE_URL AIRFLOW__DATABASE__SQL_ALCHEMY_CONN \
    AIRFLOW__CELERY__BROKER_URL AIRFLOW__CORE__FERNET_KEY AIRFLOW__API__SECRET_KEY AIRFLOW__API_AUTH__JWT_SECRET

: "${AIRFLOW_ADMIN_PASSWORD:?}" "${AIRFLOW_ADMIN_EMAIL:?}" "${WAREHOUSE_URL:?}"
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
# The warehouse, as the pipeline's writer role (the same URL the code reads from WAREHOUSE_URL).
replace_connection xiangmu_warehouse --conn-uri "${WAREHOUSE_URL}"
# Alerts (xiangmu/alerts.py): a Slack-compatible webhook, whose full URL (secret
# token included, as Slack/Feishu/DingTalk-style incoming webhooks carry it) is the host ...
replace_connection xiangmu_alert_webhook \
    --conn-type http \
    --conn-host "${XIANGMU_ALERT_WEBHOOK_URL}"
# ... and SMTP: recipients in extra "to", sender in extra "from_email"; port 465
# means implicit TLS, otherwise STARTTLS when offered unless disable_tls.
smtp_extra="$(python - <<'PY'
import json, os
starttls = os.environ.get("XIANGMU_ALERT_SMTP_STARTTLS", "true").lower() in ("1", "true", "yes")
print(json.dumps({
    "to": os.environ["XIANGMU_ALERT_EMAIL_TO"],
    "from_email": os.environ["XIANGMU_ALERT_SMTP_FROM"],
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
with psycopg.connect(os.environ["WAREHOUSE_URL"], connect_timeout=10) as conn:
    user, db = conn.execute("select current_user, current_database()").fetchone()
    can_create = conn.execute("select has_database_privilege(current_user, current_database(), 'CREATE')").fetchone()[0]
    if not can_create:
        raise SystemExit(f"{user} cannot create schemas in {db}: was docker/warehouse-init run?")
    print(f"connected to {db} as {user}")
PY

echo "== done"
