"""Static checks of the Docker deployment in docker/ (nothing is built or started).

There is no Docker engine where these tests run, so the compose file, the
Dockerfiles, the init scripts and the .env example are checked as files:
parsed as YAML (anchors and merge keys resolved by PyYAML, as compose does),
with `${VAR}` interpolation read the way compose reads it (`$$` is a literal
dollar for the container's shell), and cross-checked against the project:
the env vars the code reads (grepped here, from the code as it is now), the
pins of requirements.lock, and the warehouse roles the code expects.

`docker compose config` is run only where the compose plugin is installed: on
this machine the docker CLI exists but has no compose plugin, so that one test
is skipped with the reason printed (pytest -ra), and the YAML checks below are
what guards the file. Everything else runs everywhere; the warehouse-role test
runs the real init SQL on the embedded PostgreSQL (pgserver) that the project's
other tests use too.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path
from urllib.parse import urlparse

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
DOCKER = ROOT / "docker"
COMPOSE_FILE = DOCKER / "docker-compose.yml"
DOCKERFILE = DOCKER / "Dockerfile"
ENV_EXAMPLE = DOCKER / ".env.example"
LOCK = ROOT / "requirements.lock"
DEPLOY_REQUIREMENTS = DOCKER / "requirements-deploy.txt"
AIRFLOW_INIT = DOCKER / "airflow-init" / "init.sh"
WAREHOUSE_INIT_DIR = DOCKER / "warehouse-init"
WAREHOUSE_ROLES_SQL = WAREHOUSE_INIT_DIR / "sql" / "xiangmu-roles.sql"
ROLE_SQL_DIR = ROOT / "xiangmu" / "warehouse" / "sql"

AIRFLOW_COMMANDS = {
    "airflow-apiserver": "api-server",
    "airflow-scheduler": "scheduler",
    "airflow-dag-processor": "dag-processor",
    "airflow-triggerer": "triggerer",
    "airflow-worker": "celery worker",
}
# Airflow components that import the DAG or run its tasks: they must agree on
# every setting the code reads (the DAG's shape depends on XIANGMU_SOURCES).
CODE_RUNNING_SERVICES = ["airflow-scheduler", "airflow-dag-processor", "airflow-worker", "airflow-triggerer",
                         "airflow-apiserver", "airflow-init"]
REQUIRED_SERVICES = {
    *AIRFLOW_COMMANDS, "airflow-init", "postgres-airflow", "postgres-warehouse", "redis", "docs",
    "superset", "superset-init",
}
LONG_RUNNING = REQUIRED_SERVICES - {"airflow-init", "superset-init"}

# Env vars the code reads that production must set explicitly: without them the
# code falls back to the embedded warehouse or to paths inside the source tree.
REQUIRED_IN_PRODUCTION = {
    "XIANGMU_STATE_DIR": "state must live on the shared volume, not in the image",
    "XIANGMU_DBT_TARGET_DIR": "dbt docs are served by nginx from the shared volume",
    "XIANGMU_DATA_DOCS_DIR": "GX Data Docs are served by nginx from the shared volume",
    "XIANGMU_GX_DIR": "the GX file context writes; it must be writable and shared by the workers",
    "XIANGMU_DBT_PROJECT_DIR": "explicit rather than derived from where the package is installed",
    "XIANGMU_SOURCES": "the DAG's tasks are built from it; every component must see the same list",
}
# Env vars the code reads that the deployment deliberately leaves unset.
NOT_NEEDED_IN_PRODUCTION = {
    "WAREHOUSE_URL": "local runs only: deployed tasks take the warehouse from the Airflow connection "
                     "xiangmu_warehouse (AIRFLOW_CONN_XIANGMU_WAREHOUSE, see WAREHOUSE_CONNECTION)",
    "XDG_RUNTIME_DIR": "only read by xiangmu/warehouse/embedded.py (embedded server, unused with WAREHOUSE_URL)",
    "XIANGMU_DBT_MANIFEST_DIR": "defaults to <XIANGMU_STATE_DIR>/dbt/manifest, on the shared volume in compose",
    "XIANGMU_WAREHOUSE_PORT": "TCP port of the embedded warehouse only (unused with WAREHOUSE_URL)",
    "XIANGMU_BI_READER_PASSWORD": "read by `xiangmu bi-credentials` only; Superset gets BI_READER_PASSWORD",
    "XIANGMU_DEBUG": "CLI tracebacks only",
    "XIANGMU_PROGRESS_FILE": "set by `xiangmu backfill` (xiangmu/local/localrun.py) for its own runs only",
    "PATH": "set by the image; xiangmu/local/airflow_env.py only prepends the virtualenv's bin/ for local runs",
}
# Env var names built at run time (f-strings): each pattern must be known here.
DYNAMIC_ENV_READS = {
    "XIANGMU_{code.upper()}_BASE_URL": "expanded over xiangmu.config.LIVE_BASE_URLS; passed through by compose",
    "XIANGMU_QUALITY_{f.name.upper()}": "quality thresholds (expectations/suites.py); defaults are used",
    "XIANGMU_DRIFT_{name.upper()}": "layout drift thresholds (config.DriftThresholds); defaults are used",
    "{prefix}{name.upper()}": "config._prefixed: XIANGMU_DRIFT_*, XIANGMU_QUALITY_*, XIANGMU_HTTP_* tuning; "
                              "defaults are used",
}

# The warehouse as an Airflow connection, passed to every component (xiangmu.pipeline.warehouse_dsn
# prefers it; without it the code would start an embedded PostgreSQL in each container).
WAREHOUSE_CONNECTION = "AIRFLOW_CONN_XIANGMU_WAREHOUSE"

SECRET_NAME = re.compile(r"PASSWORD|SECRET|FERNET|TOKEN|(^|_)KEY$")
INTERPOLATION = re.compile(r"(?<!\$)\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?+])([^}]*))?\}")


# ----------------------------------------------------------------- helpers


@pytest.fixture(scope="module")
def compose() -> dict:
    return yaml.safe_load(COMPOSE_FILE.read_text(encoding="utf-8"))


def _strings(node):
    """Every string value (not key) in a parsed YAML tree."""
    if isinstance(node, str):
        yield node
    elif isinstance(node, dict):
        for value in node.values():
            yield from _strings(value)
    elif isinstance(node, list):
        for value in node:
            yield from _strings(value)


def _env(service: dict) -> dict[str, str]:
    env = service.get("environment") or {}
    if isinstance(env, list):
        env = dict(item.split("=", 1) if "=" in item else (item, "") for item in env)
    return {k: "" if v is None else str(v) for k, v in env.items()}


def _command(service: dict) -> str:
    command = service.get("command", "")
    return " ".join(command) if isinstance(command, list) else str(command)


def _interpolations(text: str) -> list[tuple[str, str, str]]:
    """(name, operator, default) for each ${...} compose would substitute ($$ is an escape)."""
    text = text.replace("$$", "\0\0")
    return [(m.group(1), m.group(2) or "", m.group(3) or "") for m in INTERPOLATION.finditer(text)]


def _resolve(text: str, values: dict[str, str]) -> str:
    """Substitute ${...} as compose does for the forms used here (:-, -, :?, ?)."""

    def sub(m: re.Match) -> str:
        name, op, arg = m.group(1), m.group(2) or "", m.group(3) or ""
        value = values.get(name)
        if op in (":-", ":?") and not value or op in ("-", "?") and value is None:
            if op.endswith("?"):
                raise AssertionError(f"${{{name}}} is required and unset: {arg}")
            return arg
        return value or ""

    return INTERPOLATION.sub(sub, text.replace("$$", "\0\0")).replace("\0\0", "$")


def _resolved_env(service: dict) -> dict[str, str]:
    """The service's environment as compose would pass it, with the .env.example values."""
    example = _env_example()
    return {k: _resolve(v, example) for k, v in _env(service).items()}


def _env_example() -> dict[str, str]:
    values = {}
    for line in ENV_EXAMPLE.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            name, _, value = line.partition("=")
            values[name.strip()] = value.strip()
    return values


def _pins(path: Path) -> dict[str, str]:
    pins = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        m = re.match(r"^([A-Za-z0-9_.\-\[\]]+)==([^\s;]+)", line)
        if m:
            pins[re.sub(r"[-_.]+", "-", m.group(1)).lower()] = m.group(2)
    return pins


def _code_env_reads() -> tuple[dict[str, set[str]], dict[str, set[str]]]:
    """Env var names the code reads, with the files reading them; and f-string (dynamic) reads."""
    literal = [
        r"os\.environ\.get\(\s*[\"']([A-Za-z0-9_]+)[\"']",
        r"os\.getenv\(\s*[\"']([A-Za-z0-9_]+)[\"']",
        r"os\.environ\[\s*[\"']([A-Za-z0-9_]+)[\"']\s*\](?!\s*=(?!=))",
        r"os\.environ\.setdefault\(\s*[\"']([A-Za-z0-9_]+)[\"']",
        r"\b_(?:env|float|int|bool|str|path)\(\s*[\"']([A-Z0-9_]+)[\"']",
        r"\benv_var\(\s*[\"']([A-Za-z0-9_]+)[\"']",
        # an alias of os.environ (env = os.environ; env.get("X")), upper-case names only
        r"\b(?:env|environ|environment)\.get\(\s*[\"']([A-Z][A-Z0-9_]+)[\"']",
    ]
    dynamic = r"(?:os\.environ\.get|os\.getenv|\b_(?:env|float|int|bool|str|path))\(\s*f[\"']([^\"']+)[\"']"
    reads: dict[str, set[str]] = {}
    dynamic_reads: dict[str, set[str]] = {}
    for top in ("xiangmu", "scrapers", "expectations", "dags", "dbt_project"):
        for path in sorted((ROOT / top).rglob("*")):
            if path.suffix not in {".py", ".yml", ".yaml", ".sql"} or "target" in path.parts:
                continue
            text = path.read_text(encoding="utf-8", errors="replace")
            rel = str(path.relative_to(ROOT))
            for pattern in literal:
                for m in re.finditer(pattern, text):
                    reads.setdefault(m.group(1), set()).add(rel)
            for m in re.finditer(dynamic, text):
                dynamic_reads.setdefault(m.group(1), set()).add(rel)
    return reads, dynamic_reads


def _dockerfile_instructions(path: Path) -> list[tuple[str, str]]:
    """(INSTRUCTION, arguments) with continuation lines joined and comments dropped."""
    lines, current = [], ""
    for raw in path.read_text(encoding="utf-8").splitlines():
        stripped = raw.strip()
        if not current and (not stripped or stripped.startswith("#")):
            continue
        if stripped.startswith("#"):
            continue
        if stripped.endswith("\\"):
            current += stripped[:-1] + " "
            continue
        current += stripped
        lines.append(current)
        current = ""
    out = []
    for line in lines:
        instruction, _, args = line.partition(" ")
        out.append((instruction.upper(), args.strip()))
    return out


# ---------------------------------------------------------------- services


def test_every_required_service_exists(compose):
    missing = REQUIRED_SERVICES - set(compose["services"])
    assert not missing, f"services missing from docker-compose.yml: {sorted(missing)}"


def test_airflow_services_run_the_project_image_with_their_command(compose):
    services = compose["services"]
    images = set()
    for name, command in AIRFLOW_COMMANDS.items():
        service = services[name]
        build = service.get("build") or {}
        assert build.get("dockerfile") == "docker/Dockerfile", f"{name} is not built from docker/Dockerfile"
        assert (COMPOSE_FILE.parent / build.get("context", ".")).resolve() == ROOT, (
            f"{name}'s build context must be the repository root (the Dockerfile copies the project)"
        )
        images.add(service.get("image"))
        assert _command(service) == command, f"{name} runs {_command(service)!r}, expected {command!r}"
    assert len(images) == 1, f"Airflow services must share one image, got {images}"
    init = services["airflow-init"]
    assert init.get("image") in images
    assert "init.sh" in _command(init)


def test_init_runs_migrations_admin_connections_and_pools(compose):
    from xiangmu import alerts, pipeline

    script = AIRFLOW_INIT.read_text(encoding="utf-8")
    assert {alerts.WEBHOOK_CONN_ID, alerts.SMTP_CONN_ID} == {"xiangmu_alert_webhook", "xiangmu_alert_smtp"}
    assert '"to": os.environ["XIANGMU_ALERT_EMAIL_TO"]' in script, "xiangmu/alerts.py mails extra 'to'"
    # the SmtpHook (SmtpNotifier) speaks implicit TLS unless told otherwise: port 587 must say so
    assert '"disable_ssl": os.environ.get("XIANGMU_ALERT_SMTP_PORT", "587") != "465"' in script
    assert "airflow db migrate" in script
    assert "airflow users create" in script and "--role Admin" in script
    for conn_id in ("xiangmu_alert_webhook", "xiangmu_alert_smtp"):
        assert re.search(rf"replace_connection {conn_id}\b", script), f"init does not create connection {conn_id}"
    # the warehouse connection comes from compose, in one place, for every component
    assert f"AIRFLOW_CONN_{pipeline.WAREHOUSE_CONN_ID.upper()}" == WAREHOUSE_CONNECTION
    assert not re.search(r"replace_connection xiangmu_warehouse\b", script), "a stored copy would be shadowed"
    for name in CODE_RUNNING_SERVICES:
        assert _env(compose["services"][name]).get(WAREHOUSE_CONNECTION), f"{name} lacks {WAREHOUSE_CONNECTION}"
    assert 'airflow pools set "epaper_${code}" 1' in script, "one pool of 1 slot per newspaper host"
    assert "XIANGMU_SOURCES" in script, "pools must follow the configured newspapers"
    assert "set -euo pipefail" in script, "a failing init step must fail the init service"
    dockerfile = DOCKERFILE.read_text(encoding="utf-8")
    assert "docker/airflow-init/init.sh" in dockerfile, "init.sh must be copied into the image"


def test_pools_cover_every_registered_newspaper():
    from xiangmu import config

    script = AIRFLOW_INIT.read_text(encoding="utf-8")
    default = re.search(r"XIANGMU_SOURCES:-([a-z0-9_,]+)", script).group(1).split(",")
    assert sorted(default) == sorted(config.DEFAULT_SOURCES), "init's default sources differ from the code's"


def test_shell_scripts_parse():
    scripts = sorted(DOCKER.rglob("*.sh"))
    assert len(scripts) >= 4
    for script in scripts:
        result = subprocess.run(["bash", "-n", str(script)], capture_output=True, text=True, check=False)
        assert result.returncode == 0, f"{script.relative_to(ROOT)}: {result.stderr}"
        assert os.access(script, os.X_OK), f"{script.relative_to(ROOT)} must be executable"


INIT_SCRIPTS_AND_SECRETS = {
    AIRFLOW_INIT: ["AIRFLOW_ADMIN_PASSWORD", WAREHOUSE_CONNECTION, "AIRFLOW__DATABASE__SQL_ALCHEMY_CONN",
                   "AIRFLOW__CELERY__BROKER_URL", "AIRFLOW__CORE__FERNET_KEY", "AIRFLOW__API__SECRET_KEY",
                   "AIRFLOW__API_AUTH__JWT_SECRET"],
    WAREHOUSE_INIT_DIR / "10-xiangmu-roles.sh": ["POSTGRES_PASSWORD", "XIANGMU_WRITER_PASSWORD", "BI_READER_PASSWORD"],
    DOCKER / "metadata-init" / "10-superset-db.sh": ["POSTGRES_PASSWORD", "SUPERSET_DB_PASSWORD"],
    DOCKER / "superset" / "superset-init.sh": ["SUPERSET_ADMIN_PASSWORD", "BI_READER_PASSWORD", "SUPERSET_SECRET_KEY",
                                               "SUPERSET_DATABASE_URI"],
}


def _placeholder_check(script: Path) -> str:
    """The init script's own placeholder check (function and call), to run for real without the rest."""
    text = script.read_text(encoding="utf-8")
    begin = text.index("# --- refuse placeholder secrets (begin) ---")
    end = text.index("\n", text.index("refuse_placeholder_secrets ", text.index("(end) ---")))
    while text[end - 1] == "\\":  # the call continues on the next line
        end = text.index("\n", end + 1)
    return "set -euo pipefail\n" + text[begin:end] + "\necho checked\n"


def _run_check(script: Path, env: dict[str, str]) -> subprocess.CompletedProcess:
    # cwd: the check sources docker/lib relative to the script's folder
    return subprocess.run(["bash", "-c", _placeholder_check(script)], env={"PATH": os.environ["PATH"], **env},
                          capture_output=True, text=True, check=False, cwd=script.parent)


@pytest.mark.parametrize("script", list(INIT_SCRIPTS_AND_SECRETS), ids=lambda p: p.name)
def test_init_refuses_placeholder_secrets(script: Path):
    names = INIT_SCRIPTS_AND_SECRETS[script]
    real = {n: (f"postgresql://u:s3cret-{i}@db:5432/x" if n.endswith(("URL", "CONN", "URI")) else f"s3cret-{i}")
            for i, n in enumerate(names)}
    ok = _run_check(script, real)
    assert ok.returncode == 0 and ok.stdout.strip() == "checked", ok.stderr
    for name in names:
        url = real[name].startswith("postgresql://")
        for bad in (("postgresql://u:CHANGE_ME@db:5432/x", "postgresql://u:@db:5432/x") if url else ("CHANGE_ME", "")):
            result = _run_check(script, {**real, name: bad})
            assert result.returncode != 0, f"{script.name} accepted {name}={bad!r}"
            assert "checked" not in result.stdout
            lines = result.stderr.strip().splitlines()
            assert len(lines) == 1 and name in lines[0] and "CHANGE_ME" in lines[0], result.stderr


def test_env_example_secrets_are_all_checked_by_some_init(compose):
    """Every secret of .env.example reaches an init script that refuses its placeholder."""
    checked: set[str] = set()
    services = compose["services"]
    for service in services.values():
        env = _env(service)
        for key, value in env.items():
            names = INIT_SCRIPTS_AND_SECRETS.values()
            if any(key in group for group in names):
                checked |= {m for m in re.findall(r"\$\{([A-Z0-9_]+)", str(value))}
    example_secrets = {n for n in _env_example() if SECRET_NAME.search(n) and _env_example()[n] == "CHANGE_ME"}
    # The Redis password reaches airflow-init inside AIRFLOW__CELERY__BROKER_URL.
    missing = example_secrets - checked
    assert not missing, f"no init script refuses a placeholder for {sorted(missing)}"


def test_celery_executor_with_redis_broker_and_postgres_result_backend(compose):
    env = _resolved_env(compose["services"]["airflow-scheduler"])
    assert env["AIRFLOW__CORE__EXECUTOR"] == "CeleryExecutor"
    broker = urlparse(env["AIRFLOW__CELERY__BROKER_URL"])
    assert broker.scheme == "redis" and broker.hostname == "redis"
    backend = urlparse(env["AIRFLOW__CELERY__RESULT_BACKEND"])
    assert backend.scheme == "db+postgresql" and backend.hostname == "postgres-airflow"
    assert "redis" in compose["services"]["airflow-worker"]["depends_on"]


def test_airflow_components_share_one_configuration(compose):
    services = compose["services"]
    reference = _env(services["airflow-scheduler"])
    must_match = [k for k in reference if k.startswith("AIRFLOW__") or k in REQUIRED_IN_PRODUCTION]
    for name in CODE_RUNNING_SERVICES:
        env = _env(services[name])
        for key in must_match:
            assert env.get(key) == reference[key], f"{name}: {key} differs from the scheduler's"
    for key in ("AIRFLOW__API_AUTH__JWT_SECRET", "AIRFLOW__CORE__FERNET_KEY", "AIRFLOW__API__SECRET_KEY"):
        assert key in reference, f"{key} must be set (and identical) for every component"


def test_execution_api_url_points_at_the_api_server(compose):
    url = urlparse(_resolved_env(compose["services"]["airflow-worker"])["AIRFLOW__CORE__EXECUTION_API_SERVER_URL"])
    assert url.hostname == "airflow-apiserver" and url.port == 8080 and url.path.rstrip("/") == "/execution"
    assert "airflow-apiserver" in compose["services"]


def test_metadata_and_warehouse_are_different_servers(compose):
    services = compose["services"]
    env = _resolved_env(services["airflow-worker"])
    metadata = urlparse(env["AIRFLOW__DATABASE__SQL_ALCHEMY_CONN"])
    warehouse = urlparse(env[WAREHOUSE_CONNECTION])
    assert metadata.hostname == "postgres-airflow"
    assert warehouse.hostname == "postgres-warehouse"
    assert warehouse.scheme in {"postgresql", "postgres"}
    assert warehouse.username == "xiangmu_writer", "the pipeline writes as its own role, not the superuser"

    def data_volume(name):
        return next(v.split(":")[0] for v in services[name]["volumes"] if v.endswith("/var/lib/postgresql/data"))

    assert data_volume("postgres-airflow") != data_volume("postgres-warehouse")


def test_worker_can_be_scaled_out(compose):
    worker = compose["services"]["airflow-worker"]
    assert "container_name" not in worker, "a fixed container_name prevents --scale airflow-worker=N"
    assert not worker.get("ports"), "a host port on the worker prevents --scale airflow-worker=N"
    assert _env(worker).get("DUMB_INIT_SETSID") == "0", "Celery workers need warm shutdown"


def test_healthchecks_and_startup_order(compose):
    services = compose["services"]
    for name in sorted(LONG_RUNNING):
        assert services[name].get("healthcheck", {}).get("test"), f"{name} has no healthcheck"
    for name in [*AIRFLOW_COMMANDS]:
        deps = services[name]["depends_on"]
        assert deps["airflow-init"]["condition"] == "service_completed_successfully"
        assert deps["postgres-airflow"]["condition"] == "service_healthy"
    assert services["airflow-worker"]["depends_on"]["postgres-warehouse"]["condition"] == "service_healthy"
    assert services["superset"]["depends_on"]["superset-init"]["condition"] == "service_completed_successfully"
    valid = {"service_started", "service_healthy", "service_completed_successfully"}
    for name, service in services.items():
        for dep, spec in (service.get("depends_on") or {}).items():
            assert dep in services, f"{name} depends on unknown service {dep}"
            assert spec["condition"] in valid
            if spec["condition"] == "service_healthy":
                assert services[dep].get("healthcheck"), f"{name} waits for {dep} to be healthy; it has no healthcheck"

    def visit(name, path):
        assert name not in path, f"dependency cycle: {' -> '.join([*path, name])}"
        for dep in services[name].get("depends_on") or {}:
            visit(dep, [*path, name])

    for name in services:
        visit(name, [])


# ------------------------------------------------------- env vars and secrets


def test_env_vars_read_by_the_code_are_set_for_the_airflow_components(compose, tmp_path, monkeypatch):
    reads, dynamic_reads = _code_env_reads()
    assert "WAREHOUSE_URL" in reads, "the grep for env reads found nothing: the pattern is broken"
    unknown_dynamic = set(dynamic_reads) - set(DYNAMIC_ENV_READS)
    assert not unknown_dynamic, (
        f"new env var names built at run time: {unknown_dynamic} in {dynamic_reads}; "
        "add them to docker-compose.yml / .env.example and to DYNAMIC_ENV_READS here"
    )
    for name in REQUIRED_IN_PRODUCTION:
        assert name in reads, f"{name} is no longer read by the code; update REQUIRED_IN_PRODUCTION"

    from xiangmu import config

    services = compose["services"]
    for service_name in CODE_RUNNING_SERVICES:
        env = _env(services[service_name])
        for name, files in sorted(reads.items()):
            if name in REQUIRED_IN_PRODUCTION:
                assert env.get(name), f"{service_name}: {name} must be set ({REQUIRED_IN_PRODUCTION[name]})"
            elif name in NOT_NEEDED_IN_PRODUCTION:
                continue
            elif all(str(f).startswith("xiangmu/local/") for f in files):
                continue  # the local harness (sample server, local runner) never runs in deployment
            else:
                assert name in env, (
                    f"{service_name}: {name} (read in {sorted(files)}) is not passed through by compose; "
                    "add it (with a ${VAR:-default}) or list it in NOT_NEEDED_IN_PRODUCTION with a reason"
                )
        base_urls = {f"XIANGMU_{code.upper()}_BASE_URL" for code in config.LIVE_BASE_URLS}
        for name in base_urls:
            assert name in env, f"{service_name}: no base URL override {name}"
        # The other way round: a XIANGMU_* setting the code no longer reads (renamed?) is a silent no-op.
        stale = {k for k in env if k.startswith("XIANGMU_")} - set(reads) - base_urls
        if service_name == "airflow-init":
            stale = {k for k in stale if k not in AIRFLOW_INIT.read_text(encoding="utf-8")}  # read by init.sh
        assert not stale, f"{service_name}: compose sets {sorted(stale)}, which no code reads (renamed?)"


def test_gx_config_variables_are_set_by_the_code():
    """great_expectations.yml's ${VARS} are put in the environment by expectations/context.py."""
    gx_yml = (ROOT / "expectations" / "gx" / "great_expectations.yml").read_text(encoding="utf-8")
    context_py = (ROOT / "expectations" / "context.py").read_text(encoding="utf-8")
    for name in set(re.findall(r"\$\{([A-Z0-9_]+)\}", gx_yml)):
        assert f'"{name}"' in context_py, f"{name} in great_expectations.yml is set by neither compose nor the code"


def test_no_literal_secret_in_compose(compose):
    urls_with_credentials = 0
    for text in _strings(compose):
        masked = INTERPOLATION.sub("\x01", text.replace("$$", "\0\0"))
        for m in re.finditer(r"://([^:/@\s]*):([^@\s]*)@", masked):
            urls_with_credentials += 1
            assert m.group(2) == "\x01", f"literal password in URL: {text}"
        for name, op, default in _interpolations(text):
            if SECRET_NAME.search(name):
                assert op in (":?", "?") or default == "", f"${{{name}}} has a default value: {text}"
    assert urls_with_credentials >= 4, "the URL check found no credentials: its pattern is broken"
    for service_name, service in compose["services"].items():
        for key, value in _env(service).items():
            if SECRET_NAME.search(key):
                assert re.fullmatch(r"\$\{[A-Z0-9_]+(:?[?-][^}]*)?\}", value), (
                    f"{service_name}: {key} must come from .env as ${{VAR:?...}}, got {value!r}"
                )
    for path in [COMPOSE_FILE, *DOCKER.rglob("*.sh"), *DOCKER.rglob("*.py"), *DOCKER.rglob("*.sql")]:
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"(?i)password\s+'[^':]+'", text), f"literal password in {path}"


def test_required_secrets_fail_fast(compose):
    """Every secret used by the stack is interpolated with :? somewhere (compose refuses to start without it)."""
    required = set()
    for text in _strings(compose):
        required |= {name for name, op, _ in _interpolations(text) if op == ":?"}
    for name in ("AIRFLOW_DB_PASSWORD", "AIRFLOW_FERNET_KEY", "AIRFLOW_JWT_SECRET", "AIRFLOW_API_SECRET_KEY",
                 "REDIS_PASSWORD", "WAREHOUSE_ADMIN_PASSWORD", "XIANGMU_WRITER_PASSWORD", "BI_READER_PASSWORD",
                 "SUPERSET_SECRET_KEY", "SUPERSET_DB_PASSWORD", "AIRFLOW_ADMIN_PASSWORD", "SUPERSET_ADMIN_PASSWORD"):
        assert name in required, f"{name} must be interpolated as ${{{name}:?...}}"


def test_env_example_covers_every_variable_and_holds_no_secret(compose):
    example = _env_example()
    used = {name for text in _strings(compose) for name, _, _ in _interpolations(text)}
    missing = used - set(example)
    assert not missing, f".env.example lacks {sorted(missing)}"
    unused = set(example) - used
    assert not unused, f".env.example has variables compose never uses: {sorted(unused)}"
    for name, value in example.items():
        if SECRET_NAME.search(name):
            assert value in ("", "CHANGE_ME"), f".env.example must hold a placeholder for {name}, not {value!r}"
    # With the example's values every interpolation resolves (nothing required is left unset).
    for text in _strings(compose):
        _resolve(text, example)


def test_env_file_is_git_ignored():
    ignored = (DOCKER / ".gitignore").read_text(encoding="utf-8").splitlines()
    assert ".env" in ignored, "docker/.env holds the real secrets: docker/.gitignore must ignore it"
    assert "**/.env" in (DOCKER / "Dockerfile.dockerignore").read_text(encoding="utf-8").splitlines()


# ----------------------------------------------------------------- images


def test_dockerfile_builds_from_airflow_332_and_installs_the_lock():
    lock = _pins(LOCK)
    instructions = _dockerfile_instructions(DOCKERFILE)
    args = {a.split("=", 1)[0]: a.split("=", 1)[1] for i, a in instructions if i == "ARG" and "=" in a}
    froms = [a for i, a in instructions if i == "FROM"]
    assert len(froms) == 1
    base = re.sub(r"\$\{(\w+)\}", lambda m: args[m.group(1)], froms[0])
    m = re.fullmatch(r"apache/airflow:(\d+\.\d+\.\d+)-python(\d+\.\d+)", base)
    assert m, f"base image {base!r} is not an official apache/airflow:<version>-python<x.y> tag"
    assert m.group(1).startswith("3.3."), "Airflow 3.3.x is the supported line"
    assert m.group(1) == lock["apache-airflow"] == lock["apache-airflow-core"], (
        f"image Airflow {m.group(1)} != lock's apache-airflow {lock['apache-airflow']}"
    )
    assert m.group(2) == "3.11", "requirements.lock is compiled for Python 3.11"

    runs = " ".join(a for i, a in instructions if i == "RUN")
    assert re.search(r"uv pip sync .*requirements\.lock", runs), "the image must be synced to requirements.lock"
    assert re.search(r"uv pip sync --compile-bytecode .*requirements\.lock", runs), (
        "the image's packages must carry their bytecode: the airflow user cannot write it at run time"
    )
    assert re.search(r"pip install .*--no-deps", runs), "the project must be installed without re-resolving deps"
    assert "pip check" in runs
    assert f"'{lock['apache-airflow']}'" in runs, "the build must check the installed Airflow against the lock"

    copies = " ".join(a for i, a in instructions if i == "COPY")
    for directory in ("dags/", "dbt_project/", "expectations/", "xiangmu/", "scrapers/"):
        assert directory in copies, f"{directory} is not copied into the image"
    assert "requirements.lock" in copies
    assert "sample_epaper" not in copies, "the sample archive is not for production"

    users = [a for i, a in instructions if i == "USER"]
    assert users and users[-1] == "airflow", "the image must end running as the airflow user"
    env = " ".join(a for i, a in instructions if i == "ENV")
    for setting in ("DO_NOT_TRACK=1", "AIRFLOW__COSMOS__ENABLE_TELEMETRY=False", "SCARF_ANALYTICS=false",
                    "GX_ANALYTICS_ENABLED=false", "DBT_SEND_ANONYMOUS_USAGE_STATS=false"):
        assert setting in env, f"{setting} missing from the image's ENV"


def test_dockerignore_keeps_local_state_out():
    ignore = (DOCKER / "Dockerfile.dockerignore").read_text(encoding="utf-8").splitlines()
    assert "**" in ignore, "ignore everything by default, then allow what the image needs"
    allowed = {line[1:].rstrip("/") for line in ignore if line.startswith("!")}
    for needed in ("requirements.lock", "pyproject.toml", "README.md", "xiangmu", "scrapers", "expectations",
                   "dbt_project", "dags", "docker/requirements-deploy.txt", "docker/airflow-init"):
        assert needed in allowed, f"{needed} must be in the build context"
    assert not {".venv", ".state", "sample_epaper", "docker/.env"} & allowed


def test_deploy_requirements_agree_with_the_lock():
    lock, deploy = _pins(LOCK), _pins(DEPLOY_REQUIREMENTS)
    for package in ("apache-airflow-providers-celery", "apache-airflow-providers-fab", "redis", "celery"):
        assert package in deploy, f"{package} is needed by the deployment (CeleryExecutor / FAB auth manager)"
    clashes = {p: (lock[p], deploy[p]) for p in set(lock) & set(deploy) if lock[p] != deploy[p]}
    assert not clashes, f"docker/requirements-deploy.txt disagrees with requirements.lock: {clashes}"
    assert deploy["apache-airflow"] == lock["apache-airflow"]


def test_compose_uses_the_auth_manager_it_installs(compose):
    env = _env(compose["services"]["airflow-apiserver"])
    if "fab" in env["AIRFLOW__CORE__AUTH_MANAGER"]:
        assert "apache-airflow-providers-fab" in _pins(DEPLOY_REQUIREMENTS)
        assert "airflow users create" in AIRFLOW_INIT.read_text(encoding="utf-8")


# ------------------------------------------------------ warehouse, docs, BI


def test_warehouse_init_is_mounted_and_defines_the_roles(compose):
    warehouse = compose["services"]["postgres-warehouse"]
    mounts = {v.split(":")[1]: v.split(":")[0] for v in warehouse["volumes"]}
    source = mounts.get("/docker-entrypoint-initdb.d")
    assert source and (COMPOSE_FILE.parent / source).resolve() == WAREHOUSE_INIT_DIR.resolve()
    sql = WAREHOUSE_ROLES_SQL.read_text(encoding="utf-8").lower()
    assert "create role xiangmu_writer login" in sql
    assert "create role bi_reader login" in sql
    assert "default_transaction_read_only" not in sql, "bi_reader's session defaults have one home: ROLE_SQL_DIR"
    role_mount = mounts.get("/opt/xiangmu/role-sql")
    assert role_mount and (COMPOSE_FILE.parent / role_mount).resolve() == ROLE_SQL_DIR.resolve()
    init = (WAREHOUSE_INIT_DIR / "10-xiangmu-roles.sh").read_text(encoding="utf-8")
    assert "/opt/xiangmu/role-sql" in init
    for name in ("bi_reader_role.sql", "bi_reader_grants.sql"):
        assert f'-f "${{role_sql_dir}}/{name}"' in init, f"warehouse-init must run {name}"
    shared = (ROLE_SQL_DIR / "bi_reader_role.sql").read_text(encoding="utf-8").lower()
    for setting in ("default_transaction_read_only = on", "statement_timeout", "idle_in_transaction_session_timeout"):
        assert f"alter role bi_reader set {setting}" in shared
    assert not re.search(r"grant[^;]*\bto bi_reader", sql.replace("grant usage on schema marts to bi_reader", "")
                         .replace("grant select on tables to bi_reader", "")
                         .replace("grant connect on database :\"dbname\" to bi_reader", "")), (
        "bi_reader may only get connect, usage on marts and select on marts tables"
    )
    from xiangmu import publish

    assert publish.READER_ROLE == "bi_reader" and publish.PUBLISHED_SCHEMA == "marts"
    env = _env(warehouse)
    assert {"XIANGMU_WRITER_PASSWORD", "BI_READER_PASSWORD"} <= set(env)


@pytest.fixture(scope="module")
def initialised_warehouse():
    """The embedded PostgreSQL with docker/warehouse-init run on a fresh database, as the postgres image does.

    Its data directory is not under pytest's tmp root: pytest resets that root to
    mode 0700 whenever any pytest starts, which locks out the unprivileged user
    pgserver runs the server as when tests run as root.
    """
    import psycopg

    from xiangmu.warehouse import embedded

    pgdata = Path(tempfile.mkdtemp(prefix="xiangmu-deploy-pg-"))
    uri = embedded.start(pgdata)
    parsed = urlparse(uri)
    params = dict(p.split("=", 1) for p in parsed.query.split("&") if "=" in p)
    superuser = parsed.username or "postgres"
    dbname = "xiangmu_deploy_test"
    def drop_roles(conn) -> None:
        # The embedded server defines bi_reader itself (xiangmu.warehouse.roles): drop its grants too.
        for role in ("xiangmu_writer", "bi_reader"):
            if conn.execute("select 1 from pg_roles where rolname = %s", (role,)).fetchone():
                conn.execute(f"drop owned by {role}")
                conn.execute(f"drop role {role}")

    with psycopg.connect(uri, autocommit=True) as conn:
        conn.execute(f"drop database if exists {dbname}")
        drop_roles(conn)
        conn.execute(f"create database {dbname}")
    from pgserver._commands import POSTGRES_BIN_PATH

    env = {
        **os.environ,
        "PATH": f"{POSTGRES_BIN_PATH}:{os.environ['PATH']}",
        "PGHOST": params.get("host", parsed.hostname or ""),
        "PGPORT": str(parsed.port or params.get("port", 5432)),
        "POSTGRES_USER": superuser,
        "POSTGRES_DB": dbname,
        "XIANGMU_WRITER_PASSWORD": "writer-test-password",
        "BI_READER_PASSWORD": "reader-test-password",
        "POSTGRES_PASSWORD": "admin-test-password",
        "XIANGMU_ROLE_SQL_DIR": str(ROLE_SQL_DIR),
    }
    script = WAREHOUSE_INIT_DIR / "10-xiangmu-roles.sh"
    result = subprocess.run(["bash", str(script)], env=env, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr

    def connect(user: str):
        query = "&".join(f"{k}={v}" for k, v in params.items())
        return psycopg.connect(f"postgresql://{user}@/{dbname}?{query}", autocommit=True)

    yield connect
    with psycopg.connect(uri, autocommit=True) as conn:
        conn.execute(f"drop database if exists {dbname}")
        drop_roles(conn)
    embedded.stop(pgdata)
    shutil.rmtree(pgdata, ignore_errors=True)


def test_warehouse_roles_behave_as_the_pipeline_and_bi_expect(initialised_warehouse):
    import psycopg

    from xiangmu.publish import publish
    from xiangmu.warehouse import ensure_schema

    with initialised_warehouse("xiangmu_writer") as writer:
        ensure_schema(writer)  # the pipeline creates raw/extract itself
        writer.execute("create schema marts_candidate")
        writer.execute("create table marts_candidate.dim_region as select 1 as region_id, '石家庄市' as name")
        publish(writer, run_id="deploy-test", logical_date="2026-01-01")
    with initialised_warehouse("bi_reader") as reader:
        assert reader.execute("select name from marts.dim_region").fetchone() == ("石家庄市",)
        assert reader.execute("select count(*) from marts.publication_log").fetchone()[0] == 1
        for forbidden in (
            "select * from marts_candidate.dim_region",
            "select * from raw.editions",
            "insert into marts.dim_region values (2, 'x')",
            "create table marts.mine (x int)",
            "create table public.mine (x int)",
        ):
            with pytest.raises(psycopg.Error):
                reader.execute(forbidden)
        settings = dict(reader.execute(
            "select name, setting from pg_settings where name in "
            "('default_transaction_read_only', 'statement_timeout', 'idle_in_transaction_session_timeout')"
        ).fetchall())
        assert settings["default_transaction_read_only"] == "on"
        assert int(settings["statement_timeout"]) > 0 and int(settings["idle_in_transaction_session_timeout"]) > 0
        # A role may always lift its own read-only default; privileges are what hold.
        reader.execute("set default_transaction_read_only = off")
        for forbidden in (
            "insert into marts.dim_region values (2, 'x')",
            "create table marts.mine (x int)",
            "create table public.mine (x int)",
            "create temporary table mine (x int)",
            "create schema mine",
            "select pg_advisory_lock(1)",
        ):
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                reader.execute(forbidden)
    with initialised_warehouse("xiangmu_writer") as writer:
        assert writer.execute("select pg_try_advisory_xact_lock(1)").fetchone() == (True,), "the pipeline still may"


def test_docs_server_serves_the_directories_the_workers_write(compose):
    services = compose["services"]
    worker_env = _env(services["airflow-worker"])
    worker_mounts = {v.split(":")[1]: v.split(":")[0] for v in services["airflow-worker"]["volumes"]}
    docs_mounts = {v.split(":")[1]: v for v in services["docs"]["volumes"]}
    shared_target = next(t for t, src in worker_mounts.items() if src == "xiangmu-shared")
    docs_target = next(t for t, spec in docs_mounts.items() if spec.startswith("xiangmu-shared:"))
    assert docs_mounts[docs_target].endswith(":ro"), "the docs server must mount the shared volume read-only"
    conf = (DOCKER / "nginx" / "default.conf").read_text(encoding="utf-8")
    for var, url_prefix in (("XIANGMU_DBT_TARGET_DIR", "/dbt/"), ("XIANGMU_DATA_DOCS_DIR", "/gx/")):
        path = worker_env[var]
        assert path.startswith(shared_target + "/"), f"{var}={path} is not on the shared volume"
        served = docs_target + path[len(shared_target):]
        root = re.search(r"root\s+([^;]+);", conf[conf.index(f"location /{url_prefix.strip('/')}") :]).group(1)
        assert served == root.rstrip("/") + url_prefix.rstrip("/"), f"nginx serves {url_prefix} from {root}"
    for var in ("XIANGMU_STATE_DIR", "XIANGMU_GX_DIR"):
        assert worker_env[var].startswith(shared_target + "/"), f"{var} must be on the shared volume"


def test_docs_server_routes():
    """nginx itself, where installed: /dbt/ serves only the docs files, /gx/ the whole Data Docs site.

    Files live outside pytest's 0700 tmp root so that nginx's unprivileged workers can read them.
    """
    nginx = shutil.which("nginx") or next((p for p in ("/usr/sbin/nginx",) if os.access(p, os.X_OK)), None)
    if nginx is None:
        pytest.skip("nginx not installed: test_docs_server_serves_the_directories_the_workers_write checks the paths")
    import socket
    import time
    import urllib.error
    import urllib.request

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    tmp_path = Path(tempfile.mkdtemp(prefix="xiangmu-deploy-nginx-"))
    tmp_path.chmod(0o755)
    docs = tmp_path / "srv" / "docs"
    for rel, body in {"dbt/index.html": "dbt docs", "dbt/manifest.json": "{}", "dbt/run_results.json": "private",
                      "gx/index.html": "gx docs", "gx/validations/v.html": "a validation"}.items():
        (docs / rel).parent.mkdir(parents=True, exist_ok=True)
        (docs / rel).write_text(body, encoding="utf-8")
    site = (DOCKER / "nginx" / "default.conf").read_text(encoding="utf-8")
    site = site.replace("/srv/xiangmu/docs", str(docs)).replace("listen 8080;", f"listen 127.0.0.1:{port};")
    (tmp_path / "site.conf").write_text(site, encoding="utf-8")
    temp = " ".join(f"{k}_temp_path {tmp_path}/{k};" for k in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
    (tmp_path / "nginx.conf").write_text(
        f"pid {tmp_path}/nginx.pid; error_log {tmp_path}/error.log; daemon on; events {{}}\n"
        f"http {{ access_log off; {temp} include {tmp_path}/site.conf; }}\n",
        encoding="utf-8",
    )
    conf = str(tmp_path / "nginx.conf")
    check = subprocess.run([nginx, "-t", "-c", conf], capture_output=True, text=True, check=False)
    assert check.returncode == 0, check.stderr
    subprocess.run([nginx, "-c", conf], check=True, capture_output=True)

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    opener = urllib.request.build_opener(NoRedirect)

    def get(path):
        try:
            with opener.open(f"http://127.0.0.1:{port}{path}", timeout=5) as response:
                return response.status, response.read().decode(), response.headers
        except urllib.error.HTTPError as err:
            return err.code, "", err.headers

    try:
        for _ in range(50):
            if (tmp_path / "nginx.pid").exists():
                break
            time.sleep(0.1)
        assert get("/healthz")[0] == 200
        assert get("/dbt/")[:2] == (200, "dbt docs")
        assert get("/dbt/manifest.json")[0] == 200
        assert get("/dbt/run_results.json")[0] == 404, "only the docs files of the dbt target are public"
        assert get("/gx/")[:2] == (200, "gx docs")
        assert get("/gx/validations/v.html")[:2] == (200, "a validation")
        status, _, headers = get("/dbt")
        assert status == 301 and headers["Location"] == "/dbt/", "redirects must not carry the container's port"
        assert get("/elsewhere")[0] == 404
    finally:
        pid = int((tmp_path / "nginx.pid").read_text().strip())
        os.kill(pid, 15)
        time.sleep(0.2)
        shutil.rmtree(tmp_path, ignore_errors=True)


def test_superset_reads_the_warehouse_as_bi_reader(compose):
    services = compose["services"]
    for name in ("superset", "superset-init"):
        build = services[name].get("build") or {}
        assert (COMPOSE_FILE.parent / build.get("context", "")).resolve() == (DOCKER / "superset").resolve()
    instructions = _dockerfile_instructions(DOCKER / "superset" / "Dockerfile")
    args = {a.split("=", 1)[0]: a.split("=", 1)[1] for i, a in instructions if i == "ARG" and "=" in a}
    base = re.sub(r"\$\{(\w+)\}", lambda m: args[m.group(1)], next(a for i, a in instructions if i == "FROM"))
    assert re.fullmatch(r"apache/superset:\d+\.\d+\.\d+", base), f"pin the Superset image, got {base}"
    init = (DOCKER / "superset" / "superset-init.sh").read_text(encoding="utf-8")
    assert "superset db upgrade" in init and "superset fab create-admin" in init and "superset init" in init
    assert "set-database-uri" in init and "bi_reader:" in init and "@postgres-warehouse:5432/" in init
    env = _resolved_env(services["superset"])
    assert urlparse(env["SUPERSET_DATABASE_URI"]).hostname == "postgres-airflow"
    assert "BI_READER_PASSWORD" not in env, "the running Superset needs no warehouse password (stored encrypted)"
    config_py = DOCKER / "superset" / "superset_config.py"
    compile(config_py.read_text(encoding="utf-8"), str(config_py), "exec")
    assert 'os.environ["SUPERSET_SECRET_KEY"]' in config_py.read_text(encoding="utf-8")


# ---------------------------------------------------- docker compose config


def _compose_cli() -> list[str] | None:
    docker = shutil.which("docker")
    if docker and subprocess.run([docker, "compose", "version"], capture_output=True, check=False).returncode == 0:
        return [docker, "compose"]
    legacy = shutil.which("docker-compose")
    if legacy:  # only Compose v2 implements the compose spec this file uses (top-level name, ...)
        version = subprocess.run([legacy, "version", "--short"], capture_output=True, text=True, check=False)
        if version.stdout.strip().lstrip("v").startswith("2"):
            return [legacy]
    return None


def test_docker_compose_config_accepts_the_file():
    """`docker compose config` needs no daemon, only the compose plugin (absent on the dev machines)."""
    cli = _compose_cli()
    if cli is None:
        pytest.skip("Docker Compose v2 not installed: the YAML checks in this module stand in for it")
    result = subprocess.run(
        [*cli, "-f", str(COMPOSE_FILE), "--env-file", str(ENV_EXAMPLE), "config", "--quiet"],
        capture_output=True, text=True, check=False,
    )
    assert result.returncode == 0, result.stderr
