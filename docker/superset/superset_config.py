"""Superset configuration for the Xiangmu deployment (SUPERSET_CONFIG_PATH).

Everything secret comes from the environment (docker/.env through compose);
nothing here is machine- or secret-specific.
"""

import os

# Signs sessions and encrypts the stored database passwords (bi_reader's).
SECRET_KEY = os.environ["SUPERSET_SECRET_KEY"]

# Superset's own metadata: database `superset` on the postgres-airflow server.
SQLALCHEMY_DATABASE_URI = os.environ["SUPERSET_DATABASE_URI"]

# BI users only read: the warehouse connection is bi_reader (read-only sessions,
# SELECT on schema marts only); SQL Lab must not offer DML either.
PREVENT_UNSAFE_DB_CONNECTIONS = True
FEATURE_FLAGS = {
    "ENABLE_TEMPLATE_PROCESSING": False,
}

# Chinese and English UI (the data is Chinese).
BABEL_DEFAULT_LOCALE = "zh"
LANGUAGES = {
    "zh": {"flag": "cn", "name": "简体中文"},
    "en": {"flag": "us", "name": "English"},
}

# No phone-home.
SCARF_ANALYTICS = False
