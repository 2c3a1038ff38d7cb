"""Figures in tables: a list of projects printed as rows (项目名称 | 项目地点 | 项目总投资(万元)).

Why a reader of its own: lists of key projects, of a batch or of a public notice (公示清单) are
often printed as a table, one project per row, with the unit once in the header.  The sentence
reader sees no sentence there (no investment word before the number, no unit after it), so a
whole list was lost.  The scrapers print a table as one line per row, cells between ``|``
(``scrapers.founder``), and this module reads such rows: a header row names the columns, each
later row with a name and a number in an investment column is one project's fact, in the unit
the header states.  Nothing is read from a table without both: a name column and an
investment column with its unit.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from .gazetteer import PROVINCE, Gazetteer
from .model import Fact
from .normalize import Para
from .numbers import MAX_AMOUNT

_ROW = re.compile(r"^\|(?P<cells>.*)\|$")
_NAME_HEADER = re.compile(r"^(?:项目名称|项目|名称|工程名称|建设项目)$|^项目名称")
_PLACE_HEADER = re.compile(r"地点|地址|所在地|所在县|县\(市|县（市|县市区|县区|属地|位置|区域")
# An investment column and its unit: 项目总投资(万元), 2023年计划投资（亿元）, 累计完成投资(万元)
_MONEY_HEADER = re.compile(r"(?P<what>[^()（）]*投资[^()（）]*)[（(](?P<unit>万元|亿元|元)[）)]")
_UNITS = {"元": 1, "万元": 10_000, "亿元": 100_000_000}
_PLAN = re.compile(r"计划|年度|预计|目标")
_DONE = re.compile(r"完成|累计|已投")
_YEAR = re.compile(r"(?P<y>20\d\d)年")
_NUMBER = re.compile(r"^\d{1,9}(?:\.\d{1,4})?$")
_TOTAL_ROW = re.compile(r"^(?:合计|总计|小计|共计)")


def row_cells(text: str) -> list[str] | None:
    """The cells of a table row as the scrapers print it (``| a | b |``), else None."""
    m = _ROW.match(text)
    if m is None or "|" not in m.group("cells"):
        return None
    return [c.strip() for c in m.group("cells").split("|")]


def is_row(para: Para) -> bool:
    return para.text.startswith("|") and row_cells(para.text) is not None


@dataclass(frozen=True)
class _Money:
    index: int
    measure: str
    scale: int
    year: int | None


@dataclass(frozen=True)
class _Header:
    name: int
    place: int | None
    money: tuple[_Money, ...]


def _header(cells: list[str]) -> _Header | None:
    name = next((i for i, c in enumerate(cells) if _NAME_HEADER.search(c)), None)
    if name is None:
        return None
    place = next((i for i, c in enumerate(cells) if i != name and _PLACE_HEADER.search(c)), None)
    money = []
    for i, c in enumerate(cells):
        m = _MONEY_HEADER.search(c.replace(" ", ""))
        if m is None or i == name:
            continue
        what = m.group("what")
        measure = (
            "completed_investment" if _DONE.search(what)
            else "planned_investment" if _PLAN.search(what)
            else "total_investment"
        )
        year = _YEAR.search(what)
        money.append(_Money(i, measure, _UNITS[m.group("unit")], int(year.group("y")) if year else None))
    return _Header(name, place, tuple(money)) if money else None


def _amount(cell: str, scale: int) -> float | None:
    cell = cell.replace(",", "").replace("，", "")
    if not _NUMBER.match(cell):
        return None
    value = round(float(cell) * scale, 2)
    return value if 0 < value <= MAX_AMOUNT else None


def _deepest(gaz: Gazetteer, names: Sequence[str]) -> str | None:
    """The most specific of places found together (沧州市南大港管理区 -> the zone, not the city)."""
    best = None
    for name in names:
        if best is None or gaz.within(name, best):
            best = name
    return best


def _region(gaz: Gazetteer, header: _Header, cells: list[str], place: str | None) -> str | None:
    """A row's place: its place column, else the places its name opens with, else the item's."""
    if header.place is not None and header.place < len(cells):
        cell = cells[header.place]
        found = _deepest(gaz, [n for _s, _e, n in gaz.find(cell, place)])
        if found is not None and found != PROVINCE:
            return found
        county = gaz.township_county(cell) if cell else None
        if county is not None:
            return county
    found = _deepest(gaz, [n for _s, _e, n in gaz.find(cells[header.name], place)])
    if found is not None and found != PROVINCE:
        return found
    return place


def table_facts(
    paras: Sequence[Para], gaz: Gazetteer, published: dt.date, place_of: Callable[[int], str | None]
) -> list[tuple[Fact, int]]:
    """The facts of every project table in ``paras``, each with the index of its row's paragraph.

    ``place_of(k)``: the place of the item paragraph ``k`` is in, for a row that states none (a
    county's own list).
    """
    out: list[tuple[Fact, int]] = []
    header: _Header | None = None
    for k, para in enumerate(paras):
        cells = row_cells(para.text) if para.text.startswith("|") else None
        if cells is None:
            header = None  # a table ends where its rows do
            continue
        found = _header(cells)
        if found is not None:
            header = found
            continue
        if header is None or header.name >= len(cells):
            continue
        name = cells[header.name].strip()
        if len(name) < 2 or _TOTAL_ROW.match(name) or _NUMBER.match(name):
            continue
        region = _region(gaz, header, cells, place_of(k))
        if region is None:
            continue
        for col in header.money:
            if col.index >= len(cells) or (value := _amount(cells[col.index], col.scale)) is None:
                continue
            year = col.year or published.year
            planned = col.measure == "planned_investment"
            out.append((
                Fact(
                    region=region,
                    region_code=gaz.code(region),
                    subject="project",
                    project_name=name,
                    project_count=None,
                    measure=col.measure,
                    amount_cny=value,
                    amount_original=value,
                    currency="CNY",
                    approximate=False,
                    stage=None,
                    category=None,
                    period_start=dt.date(year, 1, 1).isoformat() if planned else None,
                    period_end=dt.date(year, 12, 31).isoformat() if planned else None,
                    completion_rate=None,
                    evidence="",
                    char_start=0,
                    char_end=0,
                ),
                k,
            ))
    return out


__all__ = ["is_row", "row_cells", "table_facts"]
