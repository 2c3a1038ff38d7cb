#!/usr/bin/env bash
# Sourced by every init script (docker/airflow-init, metadata-init,
# warehouse-init, superset): the one definition of refuse_placeholder_secrets.
# docker/.env.example holds CHANGE_ME for every secret: a deployment started from
# it unchanged must fail here, loudly, rather than run with a known password.
# Values that are URLs are checked for the password between ':' and '@'.
# Containers see this folder at /opt/xiangmu/docker/lib (copied into the Airflow
# image, mounted by docker-compose.yml into the others).
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
