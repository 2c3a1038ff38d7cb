"""Prepare the local Superset in one process (run with .venv-bi's Python).

Why one process rather than `superset db upgrade && superset init && ...`:
each `superset` command spends seconds building the app; this does the same
steps (the ones the Docker init runs as CLI commands) once:

1. migrate the SQLite metadata database under <state>/superset/;
2. create the roles and the `admin` user (password generated on first start,
   kept in <state>/superset/admin_password, mode 0600);
3. import bi/dashboards/ (a Superset export bundle kept as YAML in the repo),
   overwriting databases, datasets, charts and dashboards with the repo's version;
4. point the "Xiangmu marts" database at the warehouse as bi_reader
   (XIANGMU_BI_WAREHOUSE_URL, an SQLAlchemy URL with the password).
"""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path

DASHBOARDS = Path(__file__).resolve().parent / "dashboards"
DATABASE_NAME = "Xiangmu marts"
ADMIN = "admin"


def bundle_contents(root: Path = DASHBOARDS) -> dict[str, str]:
    """The bundle as Superset's importers take it: relative path -> YAML text."""
    return {
        path.relative_to(root).as_posix(): path.read_text("utf-8")
        for path in sorted(root.rglob("*.yaml"))
    }


def main() -> int:
    warehouse = os.environ["XIANGMU_BI_WAREHOUSE_URL"]
    logging.basicConfig(level=logging.WARNING)
    from flask_migrate import upgrade
    from superset.app import create_app
    from superset_config import secret_file  # this script's folder: the config Superset loads too

    app = create_app()
    with app.app_context():
        from superset import appbuilder, db, security_manager
        from superset.commands.importers.v1.assets import ImportAssetsCommand
        from superset.utils.core import override_user
        from superset.utils.database import get_or_create_db

        upgrade()
        appbuilder.add_permissions(update_perms=True)
        security_manager.sync_role_definitions()
        home = Path(app.config["DATA_DIR"])
        password = secret_file(home / "admin_password", 18)  # generated once (0600)
        user = security_manager.find_user(username=ADMIN)
        if user is None:
            user = security_manager.add_user(
                ADMIN, "Xiangmu", "Admin", "admin@localhost", security_manager.find_role("Admin"), password=password
            )
        else:  # the password file is the truth (e.g. after it was deleted to rotate it)
            security_manager.reset_password(user.id, password)
        with override_user(user):  # the importer records the acting user as owner
            ImportAssetsCommand(bundle_contents()).run()
        get_or_create_db(DATABASE_NAME, warehouse)
        db.session.commit()
    print(f"superset ready: dashboards imported; admin password in {home / 'admin_password'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
