"""Place mentions that do not say where a figure belongs: venues and companies' home cities.

Why: a figure's place is the latest place its sentence names before it (``facts.region_for``),
but two kinds of mention name a place that is not the subject:

- a venue: 某市投资说明会在乙市举行 / 某县在省会举办推介会 / 主会场设在某开发区.  The event,
  and the projects signed or started at it, are the organiser's (the place named before the
  venue), wherever it was held; a city's ceremony with its main venue in a zone is the city's.
- a company's registered city inside its name: 由甲市乙公司投资1亿元打造的丙项目 in a report
  about 丁县 is 丁县's project; the firm's home is no location of the project.  A county or
  district opening a project's name through its firm (某区甲公司乙项目) is where the project is.

``event_host`` names the host of an investment-promotion event (由甲县主办的推介会在北京举行,
中国·甲县(乙市)投资环境说明会): what is signed there is the host's, wherever it was held.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from .gazetteer import PROVINCE_SHORT
from .lexicon import (
    FIRM_SUFFIXES,
    HELD,
    LANDING_VERBS,
    NAMED_AFTER_PLACE,
    NOT_IN_FIRM,
    VISIT_VERBS,
    closing,
    none_of,
    one_of,
    words,
)

if TYPE_CHECKING:
    from .gazetteer import Gazetteer

HELD_AT = words(*HELD)  # 在X举行: the venue of an event
_CLAUSE_END = re.compile(r"[，,；;。！？!?]")
# 主会场设在某开发区 / 会场设于某县 (a 分会场 is that place's own part of the event: not a venue).
_SET_AT = re.compile(r"(?<!分)(?:主会场|会场|仪式|活动)(?:设在|设于|定在|放在|选在)$")
# A firm's name right after a place: 甲市乙科技有限公司 (no clause mark, verb or link word inside).
_FIRM_AFTER = re.compile(
    "(?:" + none_of(*NOT_IN_FIRM) + r"[^\W\d_的和及与同在于是为将对到、]){1,12}?" + one_of(*FIRM_SUFFIXES)
)


# A place opening a project's name (某县甲乙项目), the words between no verb (某县坚持项目为王).
PROJECT_AT = re.compile(r"[^，。；、,;\s坚持抓推进实施谋划加快以]{1,16}?(?:项目|工程)")
# 在某区会场 / 在某县分会场: where a leader attended the event, not what the paragraph is about.
_AT_VENUE_SITE = re.compile(r"(?:分|主)?会场")
_ATTENDED = closing("了", *VISIT_VERBS)
# ……的N个项目落户某区: where the projects land.
_LANDED = re.compile(one_of(*LANDING_VERBS) + f"(?:到|在|于)?(?:{PROVINCE_SHORT}省?)?$")


def object_mention(text: str, s: int, e: int) -> bool:
    """A place mentioned as a venue site (在X会场) or as where a project lies after a verb
    (出席了X甲项目开工活动): an object of the sentence, not its subject."""
    if text[s - 1 : s] in ("在", "于") and _AT_VENUE_SITE.match(text, e):
        return True
    return _ATTENDED.search(text, max(0, s - 4), s) is not None and PROJECT_AT.match(text, e) is not None


# Verbs naming whom a place's projects serve or what they link to (服务雄安新区建设, 对接京津,
# 保障首都、雄安新区以及……): the place after them is a beneficiary or a neighbour, never the text's subject.
_SERVES = re.compile(
    one_of(
        *("服务", "对接", "融入", "保障", "辐射", "助力", "支撑", "对标"),
        *("毗邻", "紧邻", "临近", "靠近", "连接", "联通", "通往", "直达"),
    )
    + r"(?:[^，,；;。、\s]{1,5}[、和及与])*$"
)


def served(text: str, s: int) -> bool:
    """A place named after 服务/对接/毗邻 … (or in a list right after one): whom the projects serve
    or border, so it never counts toward the place a whole text is about."""
    return _SERVES.search(text, max(0, s - 24), s) is not None


def landed_in(gaz: Gazetteer, after: str) -> str | None:
    """The place a figure's projects land in, later in its clause (……的N个项目落户某区)."""
    stop = _CLAUSE_END.search(after)
    clause = after[: stop.start()] if stop else after
    if "落" not in clause:
        return None
    for s, _e, name in gaz.find(clause):
        if _LANDED.search(clause, max(0, s - 4), s):
            return name
    return None


def held_at(text: str, s: int, e: int) -> bool:
    """Whether the place at ``text[s:e]`` is where an event was held (在X举行 in one clause,
    or 主会场设在X)."""
    if main_venue(text, s):
        return True
    if text[s - 1 : s] not in ("在", "于"):
        return False
    end = _CLAUSE_END.search(text, e)
    return HELD_AT.search(text, e, end.start() if end else len(text)) is not None


def firm_home(text: str, e: int) -> bool:
    """Whether the place ending at ``e`` opens a company's name (甲市乙科技有限公司)."""
    return _FIRM_AFTER.match(text, e) is not None


def not_the_subject(
    gaz: Gazetteer, text: str, s: int, e: int, name: str, context: str | None,
    prior: tuple[int, int, str] | None = None,
) -> bool:
    """Whether the mention ``text[s:e]`` of ``name`` is no candidate for a figure's place: a
    main venue (主会场设在X), a venue the event's owner is named after (在X举行的甲市说明会),
    the place a delegation of ``prior`` (the place mention before it: start, end, name) went
    to (甲市代表团赴X), a venue in brackets after its organiser (甲市（X）投资说明会), or a place
    opening a firm's name while the text is about another place of ours (``context``: the
    paragraph's or item's place) that does not contain it."""
    if main_venue(text, s) or (held_at(text, s, e) and _owner_after(gaz, text, e)):
        return True  # both need 在/于 right before: one character looked at in the common case
    if text[s - 1 : s] in ("在", "于") and _HOSTED_FAIR.match(text, e):
        return True  # 在某市国际经贸洽谈会上签约: the host city of a fair; the signing is the signer's
    if fair_host(gaz, text, s, e, name):
        return True  # 在“5·18”某市经洽会上签订协议: the city that hosts a fair, not the project's
    if "来自" in text[max(0, s - 26) : s] and _ORIGIN.search(text, max(0, s - 26), s):
        return True  # 来自北京、乙市等地的12个项目: where the investors come from
    if prior is not None and prior[2] != name:
        if text[s - 1 : s] == "赴":
            return True
        up = gaz.parent
        bracketed = text[s - 1 : s] in ("（", "(") and prior[1] == s - 1 and text[e : e + 1] in ("）", ")")
        if bracketed and prior[2] not in (up(name), up(up(name))):
            return True  # 石家庄（正定县）names the county itself (items.most_specific)
    if context is None or context == name or gaz.resolved.get(context) is None:
        return False
    up = gaz.parent
    inside = context in (up(name), up(up(name)))  # 威县某公司 in a report about its city: the county's
    if gaz.resolved[context].type == "province" or inside or not firm_home(text, e):
        return False
    # A city opening a firm's name is the firm's home (廊坊某公司甲项目 in a county's report); a
    # county or district opening a project's name through its firm is where the project is
    # (某区甲公司乙项目总投资X), unless the firm is an investor from there (由某区甲公司投资).
    res = gaz.resolved.get(name)
    if res is None or res.type in ("city", "province") or _INVESTOR_BEFORE.search(text, max(0, s - 3), s):
        return True
    firm = _FIRM_AFTER.match(text, e)
    return firm is None or _FIRM_PROJECT.match(text, firm.end()) is None


# 由/与/同 right before a firm's home: the firm comes from there to invest in the place of the text.
_INVESTOR_BEFORE = re.compile(r"(?:由|与|同|和|引进|来自)$")
# After a firm's name, its project's own name (甲公司年产5万吨乙材料项目), no verb of the sentence between.
_FIRM_PROJECT = re.compile(r"[^，。；、,;:：的投建在于由与和将已是为]{0,40}?(?:项目|工程)")


# A fair of wide reach named after its host city (某市国际经贸洽谈会, 某市中外客商峰会): the city
# hosts it; the places whose projects are signed there are others.
_HOSTED_FAIR = re.compile(
    r"(?:国际|中外|全球|世界|全国)[^，,；;。]{0,12}?(?:洽谈会|博览会|交易会|展览会|展会|峰会|论坛|大会|推介会)"
)
# 在(“5·18”)(第N届)某市经洽会上: a prefecture's fair, where firms of the whole province sign (a county's
# own fair, 在某县农博会上, is the county's: gazetteer._FAIR_AHEAD).
_AT_FAIR = re.compile(r"在(?:[“\"‘][^”\"’，。]{1,10}[”\"’])?(?:第[\d一二三四五六七八九十]{1,3}届)?$")
_CITY_FAIR = re.compile(r"(?:国际)?(?:经洽会|经贸洽谈会|投洽会|贸洽会|博览会|洽谈会|交易会)")
# 来自甲市、乙市等地的客商: a list of origins runs from 来自 to the mention, no clause mark between.
_ORIGIN = re.compile(r"来自[^，,；;。的]{0,24}$")
_HELD_OWNER = re.compile(r"[^，,；;。]{0,4}?" + one_of(*HELD) + "的")


def _owner_after(gaz: Gazetteer, text: str, e: int) -> bool:
    """Whether 举行的 and a place (the event's owner) follow the venue ending at ``e``."""
    m = _HELD_OWNER.match(text, e)
    if m is None:
        return False
    found = gaz.find(text[m.end() : m.end() + 12])
    return bool(found) and found[0][0] == 0


_HELD_OF = tuple(held + "的" for held in HELD)


def owner_after_event(text: str, s: int) -> bool:
    """Whether the place at ``s`` follows 举行的/举办的 (在乙市举行的甲市说明会): the event's
    owner, not a place inside a project's name (……的晋州市某项目)."""
    return text[max(0, s - 3) : s] in _HELD_OF


# Between an organiser and the venue of its event: the event's name (投资说明会, 推介会 ...),
# or nothing at all (某县在乙市举办推介会).
_EVENT_NOUN = re.compile(r"会|活动|仪式|论坛|峰会|大赛|周|节")
_DIRECT = re.compile(r"^[^，,；;。、]{0,24}$")


def organiser_before(text: str, at: int, s: int) -> bool:
    """Whether the place named at ``at`` organised the event held at the venue starting at
    ``s`` (某市投资说明会在乙市举行 / 某县在乙市举办推介会): text between them is one phrase,
    the event's name or nothing."""
    gap = text[at:s]
    return _DIRECT.match(gap) is not None and (len(gap) <= 8 or _EVENT_NOUN.search(gap) is not None)


def subjects_only(
    gaz: Gazetteer, text: str, found: list[tuple[int, int, str]], context: str | None
) -> list[tuple[int, int, str]]:
    """``found`` (place mentions of ``text``) without main venues, firms' home cities, and
    the venue of an event a place named before it organised (甲市说明会在乙市举行)."""
    out: list[tuple[int, int, str]] = []
    for s, e, name in found:
        if not_the_subject(gaz, text, s, e, name, context, out[-1] if out else None):
            continue
        if out and held_at(text, s, e) and organiser_before(text, out[-1][0], s):
            continue
        out.append((s, e, name))
    return out


def fair_host(gaz: Gazetteer, text: str, s: int, e: int, name: str) -> bool:
    """Whether the mention ``text[s:e]`` is only the city of a fair a deal was made at
    (在“5·18”某市经洽会上): firms of every city sign there, so it is no figure's place."""
    return _CITY_FAIR.match(text, e) is not None and _AT_FAIR.search(text, max(0, s - 16), s) is not None and (
        gaz.is_city(name)
    )


def main_venue(text: str, s: int) -> bool:
    """Whether the place starting at ``s`` follows 主会场设在 (the ceremony's site, not its owner)."""
    return text[s - 1 : s] in ("在", "于") and _SET_AT.search(text, max(0, s - 6), s) is not None


def venue_city(gaz: Gazetteer, text: str, s: int, name: str) -> str:
    """A main venue counts for the city it lies in (a city's ceremony in its zone); any other
    mention for itself."""
    if not main_venue(text, s):
        return name
    up = gaz.parent(name)
    return up if gaz.is_city(up) else name


# An investment-promotion event, by the noun that names it (投资环境说明会, 招商推介会, 集中签约仪式).
_PROMOTION = re.compile(r"说明会|推介会|洽谈会|对接会|恳谈会|招商会|签约仪式|签约活动|签约大会")
# 由甲县委、县政府主办的……: the organisers, from 由 to the verb of organising.
# (greedy: 由省商务厅主办、甲县承办 names the county too; the narrowest place is the host)
_ORGANISED_BY = re.compile(r"由(?P<org>[^，,；;。由的]{2,40})(?:联合|共同)?(?:主办|举办|承办|组织)")
# 中国·甲县(乙市)投资环境说明会 / 2024甲县(乙市)招商推介会: the host, then the venue in brackets.
_HOST_BRACKET = re.compile(
    r"(?:(?:中国|" + PROVINCE_SHORT + r")[·・•]|(?:^|(?<=[，,；;。：:\s“\"\d年届]))(?:" + PROVINCE_SHORT + r")?)"
    r"(?P<org>[\u4e00-\u9fff]{2,8}?)[（(](?P<venue>[^（()）]{2,12})[）)]"
)
# 甲县招商推介会 / 甲市投资说明会: the place the event is named after, no verb between them.
_NAMED_EVENT_GAP = re.compile(r"[^，,；;。、的在于举召参出赴到]{0,16}?$")


def event_host(gaz: Gazetteer, sentence: str) -> str | None:
    """The place hosting the investment-promotion event ``sentence`` reports, wherever it is
    held: the organiser after 由 (由甲县委、县政府主办的推介会在北京举行), the place before the
    venue's brackets (中国·甲县(乙市)投资环境说明会), or the place the event is named after (甲县
    招商推介会).  The projects signed there are the host's, not the venue's nor the dateline's
    city's.  None when the sentence reports no such event or its host is no one place of ours."""
    if "会" not in sentence and "签约" not in sentence:
        return None  # every event noun holds one of them: most sentences are done here
    event = _PROMOTION.search(sentence)
    if event is None:
        return None
    for m in _ORGANISED_BY.finditer(sentence):
        org = m.group("org")
        found = {n for _s, _e, n in gaz.find(org)} or ({p} if (p := gaz.prefix_place(org)) else set())
        host = _narrowest(gaz, found)
        if host:
            return host
    for m in _HOST_BRACKET.finditer(sentence, 0, event.start()):
        host = gaz.exact(m.group("org"))
        venue = gaz.exact(m.group("venue"))
        if host and venue and gaz.within(venue, host):
            return venue  # 石家庄(正定县) names the county itself, no venue (items.most_specific)
        if host:
            return host
    start = max(sentence.rfind(ch, 0, event.start()) for ch in "，,；;。的") + 1
    gap = sentence[start : event.start()]
    found = gaz.find(gap)
    host = found[0][2] if found and found[0][0] == 0 else gaz.prefix_place(gap)
    head = found[0][1] if found and found[0][0] == 0 else 0
    if host and _NAMED_EVENT_GAP.match(gap, head) and not NAMED_AFTER_PLACE.match(gap, head):
        return host  # (衡水正大甲项目推进恳谈会: named after a firm's project, whose home the city is)
    return None


def _narrowest(gaz: Gazetteer, places: set[str]) -> str | None:
    """The one place of ``places`` all the others contain (甲市、甲县 -> 甲县), else None."""
    for place in places:
        up = {gaz.parent(place), gaz.parent(gaz.parent(place))}
        if all(p == place or p in up for p in places):
            return place
    return None
