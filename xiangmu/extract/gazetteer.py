"""Hebei places (province > city > county/district/zone) for resolving where a figure belongs.

Administrative divisions come from jionlp's bundled ``china_location.txt``; we read
the file directly instead of importing jionlp, because importing it costs about a
second and prints a banner to stdout, which would pollute the CLI's JSON lines.
Development zones that are not in that file are added by hand below.
"""

from __future__ import annotations

import importlib.util
import os
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

PROVINCE = "河北省"

# Zones missing from jionlp's list, or whose short names need stating.  (name, parent, short names)
_EXTRA_ZONES: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("石家庄经济技术开发区", "石家庄市", ("经开区", "石家庄经开区", "经济技术开发区")),
    ("鹿泉经济开发区", "石家庄市", ("河北鹿泉经济开发区", "鹿泉经开区")),
    ("石家庄综合保税区", "石家庄市", ("综保区", "综合保税区")),
    ("雄安新区", PROVINCE, ("河北雄安新区",)),
)

# Extra short names for zones that jionlp knows (its alias column is too terse: "化工园区").
_ZONE_SHORTS: dict[str, tuple[str, ...]] = {
    "石家庄高新技术产业开发区": ("高新区", "石家庄高新区", "高新技术产业开发区"),
    "石家庄循环化工园区": ("循环化工园区", "化工园区"),
}

_ZONE_WORDS = ("开发区", "园区", "新区", "管理区", "新城", "保税区")


@dataclass(frozen=True)
class Place:
    """One division; ``code`` is None for zones, which have no administrative code."""

    name: str
    code: str | None
    type: str  # province | city | county | district | county_city | zone
    parent: str | None
    short_names: tuple[str, ...] = field(default_factory=tuple)


def _location_file() -> Path:
    spec = importlib.util.find_spec("jionlp")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("jionlp is not installed; it provides the Chinese division list")
    dictionary = Path(list(spec.submodule_search_locations)[0]) / "dictionary"
    text = dictionary / "china_location.txt"
    if not text.exists():
        # jionlp ships the list zipped and unzips it on first use; read the zip
        # ourselves rather than import jionlp (slow, and it prints a banner).
        return _unzipped(dictionary / "china_location.zip")
    return text


def _unzipped(archive: Path) -> Path:
    """The location list extracted from jionlp's zip into our own cache dir."""
    import tempfile
    import zipfile

    target = Path(tempfile.gettempdir()) / f"xiangmu-jionlp-{archive.stat().st_size}" / "china_location.txt"
    if not target.exists():
        target.parent.mkdir(parents=True, exist_ok=True)
        with zipfile.ZipFile(archive) as zf:
            member = next(n for n in zf.namelist() if n.endswith("china_location.txt"))
            partial = target.with_suffix(f".{os.getpid()}.part")
            partial.write_bytes(zf.read(member))
            partial.replace(target)  # atomic: concurrent processes never read half a file
    return target


def _county_type(name: str, code: str | None = None) -> str:
    """Classify by the statistical code first: names mislead (下花园区 holds "园区").

    County-level codes end in 01-20 (districts), 21-69 (counties), 71-80 (zones
    given statistical codes) or 81-99 (county-level cities).
    """
    suffix = int(code[4:6]) if code and len(code) >= 6 and code[4:6].isdigit() else None
    if suffix is not None and 71 <= suffix <= 80:
        return "zone"
    if suffix is None and any(w in name for w in _ZONE_WORDS):
        return "zone"
    if name.endswith("区"):
        return "district"
    if name.endswith("市"):
        return "county_city"
    return "county"


@lru_cache(maxsize=1)
def places() -> tuple[Place, ...]:
    """All Hebei places, parents before children; loaded once per process."""
    out: list[Place] = []
    in_hebei = False
    city: str | None = None
    with open(_location_file(), encoding="utf-8") as fh:
        for line in fh:
            if not line.startswith("\t"):
                parts = line.strip().split("\t")
                if in_hebei and parts[0] != PROVINCE:
                    break  # provinces are contiguous blocks; the rest of the file is elsewhere
                in_hebei = parts[0] == PROVINCE
                if in_hebei and len(parts) == 3:
                    out.append(Place(PROVINCE, parts[1], "province", None, (parts[2],)))
                continue
            if not in_hebei or line.startswith("\t\t\t"):
                continue
            parts = line.strip().split("\t")
            if len(parts) != 3:
                continue
            name, code, alias = parts
            if line.startswith("\t\t"):
                kind = _county_type(name, code)
                shorts: tuple[str, ...] = ()
                if alias and alias != name and len(alias) >= 2:
                    shorts = (alias,)
                extra = _ZONE_SHORTS.get(name, ())
                shorts = extra + tuple(s for s in shorts if s not in extra)
                out.append(Place(name, None if kind == "zone" else code, kind, city, shorts))
            else:
                city = name
                out.append(Place(name, code, "city", PROVINCE, tuple(a for a in alias.split("/") if a)))
    known = {p.name for p in out}
    for name, parent, shorts in _EXTRA_ZONES:
        if name not in known:
            out.append(Place(name, None, "zone", parent, shorts))
    return tuple(out)


def gazetteer_rows() -> list[dict[str, str | None]]:
    """Rows for the dbt seed: name, code, type, parent_name, short_names ('|'-joined)."""
    return [
        {
            "name": p.name,
            "code": p.code,
            "type": p.type,
            "parent_name": p.parent,
            "short_names": "|".join(p.short_names),
        }
        for p in places()
    ]


def home_city(newspaper: str) -> str:
    """The place a paper's 全市/我市 and unqualified zone names refer to."""
    return "石家庄市" if newspaper.lower() in ("sjzrb", "yzwb") else PROVINCE


class Gazetteer:
    """Finds place mentions in text; short names are resolved against the paper's home city."""

    def __init__(self, newspaper: str) -> None:
        self.newspaper = newspaper
        self.home = home_city(newspaper)
        self.names: dict[str, str] = {}
        self.resolved: dict[str, Place] = {}
        self._build()
        # A line consisting only of a short name (晋州, 赵州) is a place heading too; in
        # running text such short forms are too ambiguous (正定贡献, 元氏服务区) to match.
        self.heading_names = dict(self.names)
        by_alias: dict[str, list[Place]] = {}
        for p in places():
            for alias in p.short_names:
                if len(alias) >= 2 and alias not in self.names:
                    by_alias.setdefault(alias, []).append(p)
        for alias, cands in by_alias.items():
            chosen = self._prefer(cands)
            if chosen is not None:
                self.heading_names[alias] = chosen.name
        alts = sorted(self.names, key=len, reverse=True)
        self.pattern = re.compile("|".join(map(re.escape, alts)))

    def _prefer(self, candidates: list[Place]) -> Place | None:
        if len(candidates) == 1:
            return candidates[0]
        local = [p for p in candidates if p.parent == self.home]
        return local[0] if len(local) == 1 else None

    def _build(self) -> None:
        full: dict[str, list[Place]] = {}
        short: dict[str, list[Place]] = {}
        for p in places():
            full.setdefault(p.name, []).append(p)
            if p.type == "zone":
                for s in p.short_names:
                    if len(s) >= 3:
                        short.setdefault(s, []).append(p)
        for name, cands in full.items():
            chosen = self._prefer(cands)
            if chosen is not None:
                self.names[name] = chosen.name
                self.resolved[name] = chosen
        for p in places():
            if p.type == "city":  # 石家庄、唐山、保定分别…: provincial roundups name cities short
                for s in p.short_names:
                    if len(s) >= 2 and s not in full:
                        short.setdefault(s, []).append(p)
        for name, cands in short.items():
            if name in self.names:
                continue
            chosen = self._prefer(cands)
            if chosen is not None:
                self.names[name] = chosen.name

    def find(self, text: str) -> list[tuple[int, int, str]]:
        """(start, end, canonical name) for every place mention, longest match first."""
        return [(m.start(), m.end(), self.names[m.group()]) for m in self.pattern.finditer(text)]

    def code(self, name: str | None) -> str | None:
        place = self.resolved.get(name or "")
        return place.code if place else None

    def parent(self, name: str | None) -> str | None:
        place = self.resolved.get(name or "")
        return place.parent if place else None

    def is_city(self, name: str | None) -> bool:
        place = self.resolved.get(name or "")
        return place is not None and place.type == "city"

    def is_city_like(self, name: str) -> bool:
        """Whether 全市/我市 inside an item about ``name`` can mean ``name`` itself."""
        place = self.resolved.get(name)
        return place is not None and place.type in ("city", "county_city")

    def exact(self, line: str) -> str | None:
        """The place a heading line consists of (e.g. a bare "赵县" or "经开区"), if any."""
        return self.heading_names.get(line.strip(" \u3000#【】[]「」〔〕■□◆●▲:："))


@lru_cache(maxsize=8)
def gazetteer(newspaper: str) -> Gazetteer:
    return Gazetteer(newspaper)
