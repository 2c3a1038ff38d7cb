"""Imports run one way: down the layers of pyproject.toml's [tool.importlinter] contract.

Why a test: a lower layer importing an upper one (a scraper reaching for the
pipeline, the extractor for the loader) is how the stages stop being testable
on their own. The contract is run with import-linter on the tree as it is, and
on a copy with such an import planted, to prove it would catch one. dags/ is
not a package, so its imports are read here from the syntax tree.
"""

from __future__ import annotations

import ast
import pkgutil
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

import xiangmu

ROOT = Path(__file__).resolve().parents[1]
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")
PACKAGES = ("xiangmu", "scrapers", "expectations")

# What a DAG file may import: Airflow, pendulum, the standard library, and the
# orchestration layer with the settings (the DAG files are wiring only).
DAG_ALLOWED_ROOTS = {"airflow", "pendulum", "__future__"} | set(sys.stdlib_module_names)
DAG_ALLOWED_PROJECT = {"xiangmu.pipeline", "xiangmu.dagdefs", "xiangmu.dbt_airflow", "xiangmu.config"}


def _contract() -> dict:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["importlinter"]
    (contract,) = [c for c in config["contracts"] if c["type"] == "layers"]
    return contract


def _layer_modules() -> set[str]:
    names = set()
    for layer in _contract()["layers"]:
        for part in layer.replace("|", ":").split(":"):
            names.add(part.strip().strip("()"))
    return names


def _lint_imports(cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache"], cwd=cwd, capture_output=True, text=True, timeout=300, check=False
    )


def test_the_import_contract_is_kept() -> None:
    result = _lint_imports(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


def test_every_module_of_xiangmu_has_a_layer() -> None:
    """A new module must be placed in a layer (else the contract says nothing about it)."""
    declared = _layer_modules()
    children = {f"xiangmu.{m.name}" for m in pkgutil.iter_modules(xiangmu.__path__)}
    assert children - declared == set(), "add these to a layer in pyproject.toml [tool.importlinter]"
    assert {"scrapers", "expectations"} <= declared


def _copy_tree(tmp_path: Path) -> Path:
    for package in PACKAGES:
        shutil.copytree(ROOT / package, tmp_path / package, ignore=shutil.ignore_patterns("__pycache__", "gx"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    return tmp_path


@pytest.mark.parametrize(
    ("module", "planted", "message"),
    [
        # a lower layer importing an upper one
        ("scrapers/text.py", "import xiangmu.pipeline", "scrapers is not allowed to import xiangmu.pipeline"),
        ("xiangmu/extract/model.py", "from xiangmu.load import facts",
         "xiangmu.extract is not allowed to import xiangmu.load"),
        ("xiangmu/config.py", "import xiangmu.warehouse", "xiangmu.config is not allowed to import xiangmu.warehouse"),
        # the local harness is imported by the command line only
        ("xiangmu/pipeline.py", "import xiangmu.local", "xiangmu.pipeline is not allowed to import xiangmu.local"),
        # stages of the same layer are independent
        ("expectations/suites.py", "import xiangmu.load.raw", "expectations is not allowed to import xiangmu.load"),
        ("scrapers/model.py", "import xiangmu.extract", "scrapers is not allowed to import xiangmu.extract"),
    ],
)
def test_the_contract_breaks_when_an_import_goes_up(tmp_path: Path, module: str, planted: str, message: str) -> None:
    tree = _copy_tree(tmp_path)
    target = tree / module
    target.write_text(f"{planted}  # planted by the test\n" + target.read_text(encoding="utf-8"), encoding="utf-8")
    result = _lint_imports(tree)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "BROKEN" in result.stdout and message in result.stdout, result.stdout
    importer = module.removesuffix(".py").replace("/", ".")
    assert f"{importer} -> " in result.stdout, result.stdout  # the planted line is the one named


def test_the_unchanged_copy_is_kept(tmp_path: Path) -> None:
    """The copy alone passes: what breaks above is the planted import, not the copying."""
    result = _lint_imports(_copy_tree(tmp_path))
    assert result.returncode == 0, result.stdout + result.stderr


def dag_import_violations(source: str) -> list[str]:
    """Imports of a DAG file outside Airflow, pendulum, the standard library and the orchestration layer."""
    bad = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                bad.append(f"line {node.lineno}: relative import")
                continue
            module = node.module or ""
            # `from xiangmu import pipeline` imports the module xiangmu.pipeline
            names = [f"{module}.{a.name}" for a in node.names] if module == "xiangmu" else [module]
        else:
            continue
        for name in names:
            root = name.split(".")[0]
            if root in DAG_ALLOWED_ROOTS:
                continue
            if any(name == m or name.startswith(m + ".") for m in DAG_ALLOWED_PROJECT):
                continue
            bad.append(f"line {node.lineno}: {name}")
    return bad


DAG_FILES = sorted((ROOT / "dags").glob("*.py"))


def test_there_are_dag_files_to_check() -> None:
    assert len(DAG_FILES) >= 2


@pytest.mark.parametrize("path", DAG_FILES, ids=lambda p: p.name)
def test_dag_files_import_only_the_orchestration_layer(path: Path) -> None:
    assert dag_import_violations(path.read_text(encoding="utf-8")) == []


@pytest.mark.parametrize(
    "source",
    [
        "from xiangmu.load.raw import stage_edition",
        "from xiangmu import load",
        "import scrapers.registry",
        "import expectations",
        "from cosmos import DbtTaskGroup",
        "def task():\n    from xiangmu.extract import extract_facts\n",
        "from . import helpers",
    ],
)
def test_the_dag_check_catches_what_a_dag_must_not_import(source: str) -> None:
    assert dag_import_violations(source) != []


def test_the_dag_check_allows_the_wiring() -> None:
    source = (
        "from __future__ import annotations\nimport datetime as dt\nimport pendulum\n"
        "from airflow.sdk import dag, task\nfrom xiangmu import config, pipeline\n"
        "from xiangmu.dagdefs import TZ\nfrom xiangmu.dbt_airflow import producer\n"
    )
    assert dag_import_violations(source) == []
