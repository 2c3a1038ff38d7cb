from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
XIANGMU = Path(sys.executable).parent / "xiangmu"

TEXT = """栾城区

本报讯（记者 吴十）9月5日，栾城区举行重点项目集中开工活动，此次开工项目11个，总投资23.5亿元，预计年营收40亿元。
"""


@pytest.fixture
def article(tmp_path: Path) -> Path:
    path = tmp_path / "article.txt"
    path.write_text(TEXT, encoding="utf-8")
    return path


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    cmd = [str(XIANGMU)] if XIANGMU.exists() else [sys.executable, "-m", "xiangmu.cli"]
    return subprocess.run([*cmd, *args], capture_output=True, text=True, cwd=ROOT, timeout=60)


def test_extract_prints_one_json_object_per_fact(article: Path) -> None:
    proc = _run("extract", str(article), "--published", "2024-09-06", "--newspaper", "sjzrb")
    assert proc.returncode == 0, proc.stderr
    lines = [json.loads(line) for line in proc.stdout.splitlines()]
    assert len(lines) == 1
    fact = lines[0]
    assert fact["region"] == "栾城区" and fact["region_code"] == "130111"
    assert fact["subject"] == "portfolio" and fact["project_count"] == 11
    assert fact["measure"] == "total_investment" and fact["amount_cny"] == 2_350_000_000
    assert fact["stage"] == "groundbreaking" and fact["period_start"] == "2024-09-05"
    assert TEXT[fact["char_start"] : fact["char_end"]] == fact["evidence"]
    assert "栾城区" in proc.stdout  # ensure_ascii=False


def test_extract_rejects_bad_date(article: Path) -> None:
    proc = _run("extract", str(article), "--published", "2024/09/06", "--newspaper", "sjzrb")
    assert proc.returncode != 0


def test_missing_file_is_an_error(tmp_path: Path) -> None:
    proc = _run("extract", str(tmp_path / "nope.txt"), "--published", "2024-09-06", "--newspaper", "sjzrb")
    assert proc.returncode == 2 and "cannot read" in proc.stderr
