"""Reading the marts back for comparison, shared by the transform tests.

Why not in conftest.py: test modules import these by name, and `conftest` is
ambiguous when several test folders run in one session.
"""

from __future__ import annotations

from dataclasses import dataclass

MARTS = [
    "dim_region",
    "dim_date",
    "dim_newspaper",
    "dim_article",
    "dim_project",
    "fct_investment_mention",
    "fct_investment_figure",
    "fct_groundbreaking_batch",
    "fct_project_milestone",
]


def table_contents(url: str, schema: str, table: str) -> list[tuple]:
    """All rows of a table in a canonical order (so two builds can be compared)."""
    from xiangmu.warehouse.connect import connect

    with connect(url) as conn:
        rows = conn.execute(f'select * from "{schema}"."{table}"').fetchall()
    return sorted(rows, key=repr)


def all_marts(url: str) -> dict[str, list[tuple]]:
    contents = {name: table_contents(url, "marts_candidate", name) for name in MARTS}
    contents["snapshots.dim_project_history"] = table_contents(url, "snapshots", "dim_project_history")
    return contents


@dataclass
class Built:
    url: str
    first: dict[str, list[tuple]]
    second: dict[str, list[tuple]]
    first_seconds: float
    second_seconds: float
