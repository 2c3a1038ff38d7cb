"""A short report from the published marts, for people at a terminal."""

from __future__ import annotations

import unicodedata

from xiangmu import config
from xiangmu.warehouse import connect


def _pad(text: str, width: int) -> str:
    """Left-justify by display width: a Chinese character takes two columns."""
    shown = sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)
    return text + " " * max(0, width - shown)

_BY_REGION_STAGE = """
select coalesce(region_name, '(unresolved)') as region,
       coalesce(stage, '-') as stage,
       measure,
       count(*) as figures,
       round(sum(amount_cny) / 1e8, 2) as amount_yi
from marts.fct_investment_figure
where amount_cny is not null
group by 1, 2, 3
order by amount_yi desc nulls last
limit %s
"""


def print_summary(limit: int = 25) -> None:
    with connect() as conn:
        exists = conn.execute("select to_regclass('marts.fct_investment_figure')").fetchone()[0]
        if not exists:
            print("No published marts yet (did the quality checks pass?).")
        else:
            rows = conn.execute(_BY_REGION_STAGE, (limit,)).fetchall()
            print("\nInvestment by region and stage (亿元): sums of distinct reported figures")
            print(f"{_pad('region', 28)}{_pad('stage', 20)}{_pad('measure', 24)}{'figures':>8}{_pad('', 4)}亿元")
            for region, stage, measure, n, yi in rows:
                print(f"{_pad(region, 28)}{_pad(stage, 20)}{_pad(measure, 24)}{n:>8}{yi:>12}")
    print(f"\ndbt docs:  {config.dbt_target_dir() / 'index.html'}")
    print(f"Data Docs: {config.data_docs_dir() / 'index.html'}")
