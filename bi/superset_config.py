"""Superset configuration for `make bi` (SUPERSET_CONFIG_PATH points here).

Why this shape: the local Superset keeps everything it owns under the Xiangmu
state directory (XIANGMU_STATE_DIR, default .state): its SQLite metadata and a
SECRET_KEY generated on first start (mode 0600), so `make clean` resets it and
no secret ever lives in the repo. The Docker deployment has its own config
(docker/superset/superset_config.py); the dashboards both import are bi/dashboards/.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

_ROOT = Path(__file__).resolve().parent.parent
STATE = Path(os.environ.get("XIANGMU_STATE_DIR") or _ROOT / ".state").resolve()
HOME = STATE / "superset"
HOME.mkdir(parents=True, exist_ok=True)
HOME.chmod(0o700)  # metadata holds the encrypted warehouse password


def secret_file(path: Path, nbytes: int) -> str:
    """The secret in `path`, created on first use (nbytes random, 0600, exclusively: concurrent starts agree).

    Lowercase, so Superset does not take it for a setting; bootstrap_superset.py
    keeps the admin password the same way.
    """
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return path.read_text("ascii").strip()
    with os.fdopen(fd, "w") as out:
        out.write(secrets.token_urlsafe(nbytes))
    return path.read_text("ascii").strip()


# Signs sessions and encrypts the stored warehouse password (bi_reader's).
SECRET_KEY = secret_file(HOME / "secret_key", 48)
SQLALCHEMY_DATABASE_URI = f"sqlite:///{HOME / 'superset.db'}?check_same_thread=false"
DATA_DIR = str(HOME)

# BI users only read: the warehouse connection is bi_reader (read-only sessions,
# SELECT on schema marts only).
PREVENT_UNSAFE_DB_CONNECTIONS = True  # refuses SQLite URIs (Superset's own metadata) as data sources
FEATURE_FLAGS = {"ENABLE_TEMPLATE_PROCESSING": False, "DASHBOARD_RBAC": False}

# No phone-home. Talisman's CSP would block nothing we serve but warns on every
# start without HTTPS; local Superset listens on 127.0.0.1 only.
SCARF_ANALYTICS = False
TALISMAN_ENABLED = False
# No Redis: an in-process cache for metadata; chart data is never cached, so a
# dashboard shows the marts as published a moment ago.
CACHE_CONFIG = {"CACHE_TYPE": "SimpleCache", "CACHE_DEFAULT_TIMEOUT": 300}
DATA_CACHE_CONFIG = {"CACHE_TYPE": "NullCache"}
# Chinese and English UI (the data is Chinese).
LANGUAGES = {
    "zh": {"flag": "cn", "name": "简体中文"},
    "en": {"flag": "us", "name": "English"},
}
