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

from xiangmu import newspapers

from .lexicon import FIRM_SUFFIXES, FIRM_TRADES, one_of

PROVINCE = "河北省"
PROVINCE_SHORT = "河北"  # the province as papers prefix its places (河北曹妃甸, 河北衡水高新区)

# Zones missing from jionlp's list, or whose short names need stating.  (name, parent, short names)
_EXTRA_ZONES: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("石家庄经济技术开发区", "石家庄市", ("经开区", "石家庄经开区", "经济技术开发区")),
    ("鹿泉经济开发区", "石家庄市", ("河北鹿泉经济开发区", "鹿泉经开区")),
    ("石家庄综合保税区", "石家庄市", ("综保区", "综合保税区")),
    ("雄安新区", PROVINCE, ("河北雄安新区",)),
    # Zones with their own management committee (管委会) but no statistical code: papers
    # report their batches apart from the districts they lie in.
    ("邢东新区", "邢台市", ("邢台邢东新区",)),
    ("正定新区", "石家庄市", ("石家庄正定新区",)),
    ("唐山南堡经济开发区", "唐山市", ("南堡经济开发区", "南堡开发区")),
    ("沧州临港经济技术开发区", "沧州市", ("临港经济技术开发区", "沧州临港经开区")),
    ("廊坊临空经济区", "廊坊市", ("临空经济区", "廊坊临空经济区廊坊片区")),
    ("邢台高新技术产业开发区", "邢台市", ("高新区", "邢台高新区")),  # 市高新区 of a 邢台 report
)

# Extra short names for zones that jionlp knows (its alias column is too terse: "化工园区").
_ZONE_SHORTS: dict[str, tuple[str, ...]] = {
    "石家庄高新技术产业开发区": ("高新区", "石家庄高新区", "高新技术产业开发区"),
    "石家庄循环化工园区": ("循环化工园区", "化工园区"),
    "秦皇岛市经济技术开发区": ("秦皇岛经济技术开发区",),
    # the port the zone runs (沧州黄骅港: the zone, not the city) and its parks, once state farms
    "沧州渤海新区": ("渤海新区", "黄骅港", "中捷产业园区", "南大港产业园区", "南大港管理区"),
    # the demonstration zone the state approved in 2016 at its core
    "北戴河新区": ("北戴河生命健康产业创新示范区",),
    # the zone's name since it became a national high-tech zone (原张家口经济开发区)
    "张家口经济开发区": ("经开区", "高新区", "张家口高新技术产业开发区", "张家口高新区"),
}

_ZONE_WORDS = ("开发区", "园区", "新区", "管理区", "新城", "保税区")
# A place name right before these words names a newspaper or broadcaster (保定日报,
# 某市融媒体中心): a source line or byline, never the place a figure belongs to.
_ZONE_AHEAD = (
    r"(?=(?:经济技术开发区|经济开发区|高新技术产业开发区|开发区|高新区|经开区|工业园区|产业园区|工业园|园区|新区|分会场))"
)
# A county's short name stands for it in running text (元氏签约项目12个) only right before
# what a county does in the news: an event, a measure or its projects (a zone word is
# _ZONE_AHEAD's), and only at a clause's start or after a time word (_SHORT_LEFT).
_SHORT_AHEAD = (
    r"(?=(?:今年|此次|本次|共|累计|已|又|集中|新)*"
    r"(?:签约|开工|竣工|投产|完成投资|总投资|计划投资|谋划|实施|举行|举办|召开|重点项目|项目建设)"
    # 涿州丙丁科技产业园总投资X: opening the name of a project whose figure follows
    r"|[^\W\d_]{2,20}?(?:项目|产业园|工程|基地)(?:总投资|计划投资)"
    # 丰宁与相关企业签署了12个项目: the county as a party to a signing
    r"|与[^，。；,;]{1,20}?(?:签约|签署|签订)"
    # 昌黎葡萄小镇项目稳步推进: the county opening the name of a project whose progress follows
    r"|[^\W\d_]{2,16}?(?:项目|工程)(?:稳步|加快|顺利|全面|有序|扎实)?(?:推进|建设|开工|落地|签约|竣工|投产))"
)
# 在宁晋首届农博会上: a county's short name naming the fair it holds (after 在, or a clause's start).
_FAIR_AHEAD = (
    r"(?=(?:首届|第[一二三四五六七八九十\d]{1,3}届|[\d]{4}年?)?[^\W\d_，。；、]{0,6}?"
    r"(?:博会|博览会|洽谈会|交易会|招商会|推介会|展销会|投洽会|贸洽会)[上中期间])"
)
_FAIR_AHEAD_RE = re.compile(_FAIR_AHEAD)
_COUNTED = re.compile(r"[\d一二两三四五六七八九十百][个项]")
_SHORT_LEFT = ("以来", "日前", "近日", "今年", "目前", "同时", "此外", "其中", "另外", "当天", "当日")
# County short names that are also common words (兴隆 thriving, 大厂 a big firm, 清河 a river):
# never a place in running text, only in a heading or before a zone word (facts.py reads it too).
COMMON_SHORTS = frozenset(("兴隆", "大名", "大城", "大厂", "故城", "新河", "清河", "沙河", "青龙", "赤城", "安国"))
# Characters of the words around names (的, 和, 在, 市, 年, 今, 该, 建设 ...), never of a zone's own name.
_NOT_A_QUALIFIER = "的和及与在于是为将对到、市县区省年月日今全我该本此这各加推促抓建设实施新老原"
# Between a place and a zone word: the zone's own name (北方), not a word of the sentence.
_QUALIFIER = re.compile(rf"[^\W\d_{_NOT_A_QUALIFIER}]*")
_ZONE_AHEAD_RE = re.compile(_ZONE_AHEAD)
_ZONE_ENDS = ("区", "园", "城", "港")
_ZONE_NEAR = re.compile(r"[^，。；、,;]{0,6}?(?:新区|新城|园区|产业园|工业园|开发区|高新区|经开区|管理区)")
# Words a firm's name goes on with after the place it is named after (冀南钢铁, 察北乳业集团).
_FIRM_NAMED_AFTER = re.compile(r"[^\W\d_区园城市县镇乡村]{0,4}?" + one_of(*FIRM_TRADES, *FIRM_SUFFIXES))
_CLAUSE_HEAD = re.compile(r"(?:^|[，。；：、,;:！？\s“”\"（(])([^，。；：、,;:！？\s“”\"（(]*)$")
# A reporter's visit (记者走进/来到/深入 …): the place right after it is where the report is from.
_VISIT_AT = re.compile(r"(?:走进|来到|深入|走访)")
# At most this many remembered ``Gazetteer.find`` answers (an article needs a few hundred).
_FOUND_MAX = 20_000
# (邢台市级农业园区 / 石家庄市级重点项目: a rank of something, 市级, not the city as a subject.)
_MEDIA_AFTER = re.compile(r"(?:日报|晚报|新闻|广播|电视|融媒|报社|发布[）)]?$|级)")
# A place as a landmark for a distance (北距某地60公里, 距离某市区仅30分钟车程): where something is
# measured from, never the place the text reports on.
_DISTANCE_AFTER = re.compile(
    r"(?:市区|城区|市中心|中心|主城区)?(?:约|仅|不足|只有|不到)?\s*[\d一二三四五六七八九十百两半]+(?:\.\d+)?\s*"
    r"(?:公里|千米|里|米|分钟|小时|km)"
)


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


@lru_cache(maxsize=1)
def townships() -> dict[str, str]:
    """Hebei's townships (镇, 乡, 街道) named once in the province, each with its county.

    Why: a township's own report (我镇, a 乡's year review on a county site) may name no
    county at all, and its figures belong to the county.  A name two counties share is left
    out: it says nothing about which one.  Read from the same jionlp list as ``places``, whose
    third level holds the townships."""
    counties: dict[str, set[str]] = {}
    in_hebei, county = False, None
    with open(_location_file(), encoding="utf-8") as fh:
        for line in fh:
            if not line.startswith("\t"):
                if in_hebei and not line.startswith(PROVINCE):
                    break
                in_hebei = line.startswith(PROVINCE)
            elif not in_hebei or line.startswith("\t\t\t\t"):
                continue
            elif line.startswith("\t\t\t"):
                name = line.strip().split("\t")[0]
                if county and len(name) >= 3 and name.endswith(("镇", "乡", "街道")):
                    counties.setdefault(name, set()).add(county)
            elif line.startswith("\t\t"):
                county = line.strip().split("\t")[0]
    known = {p.name for p in places()}
    return {town: next(iter(cs)) for town, cs in counties.items() if len(cs) == 1 and next(iter(cs)) in known}


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
    """The place a paper's 全市/我市 and unqualified zone names refer to (xiangmu/newspapers.py)."""
    return newspapers.home_region(newspaper)


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
        # A county's short name is too ambiguous in running text (正定贡献), but not
        # right before a zone word: 某县短名+经济开发区 is a zone of that county.
        self.alias_zone = {
            a: n for a, n in self.heading_names.items()
            if a not in self.names and a not in self.ambiguous and len(a) >= 2
            and (self.resolved.get(n) is not None and self.resolved[n].type in ("county", "county_city", "district"))
        }
        # 河北曹妃甸 / 河北正定: after the province's name a county's short name is unambiguous.
        for alias, name in self.alias_zone.items():
            self.names.setdefault(PROVINCE_SHORT + alias, name)
        # 元氏签约项目12个: a county's short name opening a clause, before an event or measure.
        self.short_in_text = frozenset(
            a for a, n in self.alias_zone.items()
            if self.resolved[n].type in ("county", "county_city") and a not in COMMON_SHORTS
        )
        words = {w: "" for w in (*self.names, *self.ambiguous)}
        words.update({a: _ZONE_AHEAD for a in self.alias_zone})
        words.update({a: f"(?:{_ZONE_AHEAD}|{_SHORT_AHEAD}|{_FAIR_AHEAD})" for a in self.short_in_text})
        self.pattern = re.compile(_trie_regex(words))
        # ``find``'s answers for the text being read (``forget`` empties it between articles).
        self._found: dict[str | tuple[str, str | None], tuple[tuple[int, int, str], ...]] = {}
        self._towns: re.Pattern[str] | None = None  # ``township_county``'s pattern, built when first asked

    def _prefer(self, candidates: list[Place]) -> Place | None:
        if len(candidates) == 1:
            return candidates[0]
        local = [p for p in candidates if p.parent == self.home]
        return local[0] if len(local) == 1 else None

    def _build(self) -> None:
        full: dict[str, list[Place]] = {}
        short: dict[str, list[Place]] = {}
        # Short names several places share (高新区, 经开区): resolved by the context's city.
        self.ambiguous: dict[str, list[str]] = {}
        city_shorts = {
            p.name: [p.name, *(a for a in p.short_names if len(a) >= 2)] for p in places() if p.type == "city"
        }
        for p in places():
            full.setdefault(p.name, []).append(p)
            if p.type == "zone":
                for s in (*p.short_names, *_zone_variants(p, city_shorts.get(p.parent or "", []))):
                    if len(s) >= 3 and s != p.name and p not in short.get(s, ()):
                        short.setdefault(s, []).append(p)
        for name, cands in full.items():
            if len(cands) > 1 and all(c.type != "zone" for c in cands):
                self._shared(name, cands, city_shorts)
                continue
            chosen = self._prefer(cands)
            if chosen is not None:
                self.names[name] = chosen.name
                self.resolved[name] = chosen
        for p in places():
            if p.name.endswith("自治县"):  # 围场满族蒙古族自治县 is written 围场县 as often as not
                for a in p.short_names:
                    if a + "县" not in full:
                        short.setdefault(a + "县", []).append(p)
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
            elif all(c.type == "zone" for c in cands):
                self.ambiguous[name] = [c.name for c in cands]

    def _shared(self, name: str, cands: list[Place], city_shorts: dict[str, list[str]]) -> None:
        """A district name two cities share (新华区: 石家庄 and 沧州; 桥西区: 石家庄 and 张家口).

        Each is known by a qualified name (石家庄市新华区), found when the text writes its city
        before it (沧州新华区 too); the plain name is the home city's in its own paper and,
        elsewhere, the one in the context's city (``_in_context``).  ``display`` gives the
        plain name back for the facts: their admin code says which one."""
        qualified = []
        for c in cands:
            full = f"{c.parent}{c.name}"
            qualified.append(full)
            self.resolved[full] = c
            for city in city_shorts.get(c.parent or "", []):
                self.names[city + c.name] = full
        local = [q for q, c in zip(qualified, cands, strict=True) if c.parent == self.home]
        if len(local) == 1:
            self.names[name] = local[0]
        else:
            self.ambiguous[name] = qualified

    def display(self, name: str | None) -> str | None:
        """The name a fact reports: the place's own (新华区 for 沧州市新华区, whose code tells it apart)."""
        place = self.resolved.get(name or "")
        return place.name if place is not None else name

    def forget(self) -> None:
        """Drop ``find``'s remembered answers (called per article: they only pay off within one)."""
        self._found.clear()

    def find(self, text: str, context: str | None = None) -> list[tuple[int, int, str]]:
        """(start, end, canonical name) for every place mention, longest match first.

        ``context`` is the place the text is about: a zone name several cities share
        (高新区) resolves to the one in that place's city, and is left out otherwise.
        A place naming a newspaper or broadcaster (保定日报) is never a mention.

        The rules ask about the same sentence and clause many times while reading an
        article, so answers are remembered: by text alone when no shared zone name needed
        the context, else by text and context.  Each call returns a new list.
        """
        found = self._found.get(text)
        if found is None:
            found = self._found.get((text, context))
        if found is None:
            mentions, contextual = self._find(text, context)
            found = tuple(mentions)
            if len(self._found) >= _FOUND_MAX:
                self._found.clear()  # a caller that never calls ``forget``: stay bounded
            self._found[(text, context) if contextual else text] = found
        return list(found)

    def _find(self, text: str, context: str | None) -> tuple[list[tuple[int, int, str]], bool]:
        """``find`` computed, and whether the answer depended on ``context``."""
        contextual = False
        out: list[tuple[int, int, str]] = []
        last_end = -1
        for m in self.pattern.finditer(text):
            if _MEDIA_AFTER.match(text, m.end()):
                continue
            landmark = text[max(0, m.start() - 2) : m.start()].endswith(("距", "距离"))
            if landmark and _DISTANCE_AFTER.match(text, m.end()):
                continue  # 南距某地60里: a landmark
            if m.group() in self.short_in_text and not self._short_opens(text, m.start(), m.end()):
                continue
            name = self.names.get(m.group()) or self.alias_zone.get(m.group())
            if name is None and m.start() != last_end:  # 宣化经济开发区: the zone of the place before it
                name, contextual = self._in_context(m.group(), context), True
            if name and self._foreign_zone(text, out[-1] if out else None, m.start(), m.group(), name):
                continue
            if name and self._firm_named_after_zone(text[m.start() :], len(m.group()), name):
                # 邯郸冀南钢铁: a firm named after the zone's short name; only the city before it is a place
                word = m.group()
                head = next((word[:n] for n in range(len(word) - 1, 1, -1) if word[:n] in self.names), None)
                if head is None:
                    continue
                out.append((m.start(), m.start() + len(head), self.names[head]))
                last_end = m.start() + len(head)
                continue
            if name:
                out.append((m.start(), m.end(), name))
                last_end = m.end()
        return out, contextual

    @staticmethod
    def _short_opens(text: str, start: int, end: int) -> bool:
        """Whether a county's short name matched before an event word opens a clause (or
        follows a time word): 元氏签约…, never the tail of a longer word (单元氏…).  Before a
        zone word (元氏经济开发区) it needs no more."""
        if start == 0 or _ZONE_AHEAD_RE.match(text, end):
            return True
        if _FAIR_AHEAD_RE.match(text, end) and text[start - 1] == "在":
            return True  # 在宁晋首届农博会上
        if text[start - 1] in "个项" and _COUNTED.match(text, max(0, start - 2), start):
            return True  # 12个涿州重点项目: the county whose projects are counted
        return not "\u4e00" <= text[start - 1] <= "\u9fff" or text[max(0, start - 2) : start] in _SHORT_LEFT

    def _foreign_zone(self, text: str, prev: tuple[int, int, str] | None, start: int, word: str, name: str) -> bool:
        """Whether a zone's short name (循环化工园区) is part of the name of a zone we do not
        know: written after a place with a name of its own between (某县北方循环化工园区), after
        a place of another city (某市循环化工园区), or after such a name opening a clause
        (华北循环化工园区总投资……).  Then the figure is the place's, not the known zone's."""
        place = self.resolved.get(name)
        if place is None or place.type != "zone" or word == name:
            return False
        head = _CLAUSE_HEAD.search(text, max(0, start - 8), start)
        gap = text[prev[1] : start] if prev is not None and prev[1] >= start - 6 else None
        if gap is None or not _QUALIFIER.fullmatch(gap):
            # No place right before: a proper name opening the clause makes it another zone.
            return head is not None and len(head.group(1)) >= 2 and bool(_QUALIFIER.fullmatch(head.group(1)))
        up = self.parent
        return bool(gap) or place.parent not in (prev[2], up(prev[2]), up(up(prev[2])))

    def _in_context(self, short: str, context: str | None) -> str | None:
        cands = self.ambiguous.get(short, ())
        if not context or not cands:
            return None
        cities = {context, self.parent(context), self.parent(self.parent(context))}
        hits = [c for c in cands if self.parent(c) in cities]
        return hits[0] if len(hits) == 1 else None

    def visited(self, text: str) -> str | None:
        """The county or district a reporter's visit names short (记者走进崇礼某城 / 来到涞源):
        a short name right after a visit verb, where it cannot be a longer word's tail."""
        for m in _VISIT_AT.finditer(text):
            at = m.end()
            city = self.pattern.match(text, at)  # 走进张家口崇礼: the city, then its district
            if city and self.is_city(self.names.get(city.group())):
                at = city.end()
            for n in (4, 3, 2):
                short = text[at : at + n]
                if short in self.alias_zone and short not in COMMON_SHORTS:
                    return self.alias_zone[short]
        return None

    def prefix_place(self, text: str) -> str | None:
        """The county or city a name starts with, short names included (涞源某某项目).  A zone's
        short name before a firm's word (冀南钢铁, 某某集团) names the firm, not the zone."""
        for n in range(min(len(text), 8), 1, -1):
            place = self.heading_names.get(text[:n])
            if place and self._firm_named_after_zone(text, n, place):
                return None
            if place:
                return place
        return None

    def county_at(self, text: str) -> str | None:
        """The county, district or county-level city ``text`` opens with, short names included
        (怀来合盈……: 怀来县); None for a city, a zone or no place."""
        place = self.prefix_place(text)
        res = self.resolved.get(place or "")
        return place if res is not None and res.type in ("county", "county_city", "district") else None

    def _firm_named_after_zone(self, text: str, n: int, place: str) -> bool:
        res = self.resolved.get(place)
        short = text[:n]
        zone = res is not None and res.type == "zone" and short != place and not short.endswith(_ZONE_ENDS)
        return zone and not _ZONE_NEAR.match(text, n) and bool(_FIRM_NAMED_AFTER.match(text, n))

    def code(self, name: str | None) -> str | None:
        place = self.resolved.get(name or "")
        return place.code if place else None

    def parent(self, name: str | None) -> str | None:
        place = self.resolved.get(name or "")
        return place.parent if place else None

    def within(self, name: str | None, area: str | None) -> bool:
        """Whether ``area`` is ``name``'s parent or grandparent (a county's city, a zone's county or city)."""
        return area in (self.parent(name), self.parent(self.parent(name)))

    def is_city(self, name: str | None) -> bool:
        place = self.resolved.get(name or "")
        return place is not None and place.type == "city"

    def is_city_like(self, name: str) -> bool:
        """Whether 全市/我市 inside an item about ``name`` can mean ``name`` itself."""
        place = self.resolved.get(name)
        return place is not None and place.type in ("city", "county_city")

    def township_county(self, text: str) -> str | None:
        """The one county whose townships ``text`` names (北鱼乡……, 我镇), else None: a last
        resort for a text that names no county or city of its own."""
        if "镇" not in text and "乡" not in text and "街道" not in text:
            return None  # every township's name ends so: most texts are done here, no list loaded
        if self._towns is None:
            self._towns = re.compile(_trie_regex({t: "" for t in townships()}))
        counties = {townships()[m.group()] for m in self._towns.finditer(text)}
        return counties.pop() if len(counties) == 1 else None

    def exact(self, line: str) -> str | None:
        """The place a heading line consists of (e.g. a bare "赵县" or "经开区"), if any."""
        return self.heading_names.get(line.strip(" \u3000#【】[]「」〔〕■□◆●▲:："))


def _trie_regex(words: dict[str, str]) -> str:
    """One regex matching the longest of ``words`` at a position, built as a trie.

    A flat alternation of several hundred names is tried name by name at every
    character; the trie shares prefixes, which keeps place finding cheap.  Each word
    maps to the look-ahead that must follow it ("" for none; ``_ZONE_AHEAD``: a zone word).
    """
    trie: dict[str, dict] = {}
    for word, ahead in words.items():
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = ahead  # "" marks an end

    def build(node: dict) -> str:
        alts = [re.escape(ch) + build(child) for ch, child in sorted(node.items()) if ch]
        if "" in node:
            alts.append(node[""])
        if len(alts) == 1:
            return alts[0]
        return "(?:" + "|".join(alts) + ")"

    return build(trie)


def _zone_variants(zone: Place, city_names: list[str]) -> list[str]:
    """Other ways papers write a zone: without 河北 or its city (汉沽管理区), or with the
    city's short name before its own short name (保定高新区)."""
    out: list[str] = []
    bare = zone.name.removeprefix(PROVINCE_SHORT)
    if bare != zone.name:
        out.append(bare)
    for city in sorted(city_names, key=len, reverse=True):
        if bare.startswith(city) and len(bare) - len(city) >= 3:
            out.append(bare[len(city) :])
            break
    for city in city_names:
        for s in zone.short_names:
            if not s.startswith(city):
                out.append(city + s)
    if "经济技术开发区" in zone.name or ("经济开发区" in zone.name and any(bare.startswith(c) for c in city_names)):
        out.append("开发区")  # 某市……开发区10项: the city's own zone, resolved by context
        # 邢台开发区: the city's short name before 开发区 when the zone is the city's 经济(技术)开发区
        out += [c + "开发区" for c in city_names if bare in (c + "经济开发区", c + "经济技术开发区")]
    return out


@lru_cache(maxsize=8)
def gazetteer(newspaper: str) -> Gazetteer:
    return Gazetteer(newspaper)
