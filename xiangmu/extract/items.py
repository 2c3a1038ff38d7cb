"""Split a page or article into news items, each with the place it is about.

One e-paper text often holds several short items, each under a place heading
(``赵县``) or opening with one (``本报讯……9月2日，某县举行……``).  A figure belongs
to its own item's place, not to the first place named in the article.

An item's place comes, in order of strength, from its heading or kicker, its lead
(a list of one city's counties means that city; a list across cities, none), the
place its body keeps naming, and last the place the whole text names, photo
captions included (weak evidence: only for an item that names none itself).  A photo
caption line never opens an item nor names its place, and a title listing places of
several cities is about none of them alone.
Which place each *paragraph* is about is decided in ``facts.SentenceReader``.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from xiangmu.vocabulary import CONTINUED_FROM_OPEN

from .gazetteer import PROVINCE, Gazetteer
from .lexicon import (
    CITY_WORDS,
    DATELINE,
    HELD,
    LIST_ENTRY,
    NAMED_AFTER_PLACE,
    PROVINCE_WORDS,
    TOPIC_OPENING,
    in_short_quote,
    one_of,
    opening,
    without_route,
    words,
)
from .normalize import Para
from .periods import find_event_date
from .venues import fair_host, main_venue, owner_after_event, served, subjects_only, venue_city

_NEW_STORY = opening(DATELINE, "新华社", "（记者", r"\(记者")
_CONTINUED = re.compile("^" + CONTINUED_FROM_OPEN)
_LEAD_BYLINE = re.compile("^" + DATELINE + r"?\s*[（(][^）)]{0,40}[）)]")
_FIRST_SENTENCE = re.compile(r"[^。！？!?]*")
_PLACE_COLON = re.compile(r"^(?:[【\[][^】\]]{0,30}[】\]])?\s*([^：:，,\s【】]{2,12})\s*[：:]")
# 全省/各市 as a text's subject (全省项目建设提速), not as a yardstick (成为全省首个……, 居全省前列,
# 列入全省重点项目).
_PROVINCE_WIDE = re.compile(
    r"(?<!成为)(?<!位居)(?<!领跑)(?<![居列占入])" + one_of(*PROVINCE_WORDS, "各市")
    + r"(?!首|第一|前列|领先|之最|唯一|率先)"
    # 从省港航事业发展中心获悉: a provincial department's figures, the province's
    + r"|(?:从|据)省[\u4e00-\u9fff]{2,14}?(?:厅|局|委|中心|办)(?:获悉|了解到|消息)"
)
_WHOLE_AREA = words("全省", "我省", "全市", "我市", "全国")
# Between two places of a list: a separator, maybe after the first one's bracketed figure or count.
# (甲经开区、乙经开区: a county's short name before its zone word, then the join)
_LIST_JOIN = re.compile(
    r"(?:[（(][^（()）]{0,16}[）)])?(?:经开区|开发区|高新区|工业园区|园区)?\s*(?:、|和|及|以及|，|,)\s*"
)
# A lead opening with a motto (铆足虎劲，开局冲刺。): no digit, short, before the real first sentence.
_SLOGAN = re.compile("^" + DATELINE + r"?\s*[^\d０-９：:]{2,24}$")
_CITY_WIDE = words(*CITY_WORDS[:3])
_VENUE = re.compile(r"[在于]$")
_HELD = words(*HELD, "启动")
# A short line naming what a picture shows (……施工现场, ……开工现场。, ……生产车间, ……一角): a caption.
_PHOTO_SCENE = re.compile(r"^.{2,30}(?:现场|生产车间|车间一角|一角|全景|效果图|鸟瞰图|航拍图)[。.]?$")
_LABEL_ONLY = re.compile(r"^[\s\d０-９.、()（）/-]*$")
# The date of a dateline right after its place (某网甲市4月28日讯 / 本报甲市4月28日电 / 某网甲市讯).
_DATELINE_DATE = re.compile(r"\s*(?:\d{1,2}月\d{1,2}日\s*(?:讯|电)|讯|电(?![\u4e00-\u9fff]))")  # (长城网张家口讯)


def _photo_scene(p: Para, text: str) -> bool:
    """A short line naming what a photo shows, headline-like or one short sentence with no figure."""
    if p.text.startswith("#") or not _PHOTO_SCENE.search(text):
        return False
    return p.heading or (len(text) <= 32 and "资" not in text)


@dataclass
class Item:
    """Consecutive paragraphs of one news item; ``place`` is None when it names none."""

    place: str | None = None
    place_from_heading: bool = False
    continued: bool = False
    new_story: bool = False  # opened by a dateline (本报讯……), not only by a place heading
    several: bool = False  # its lead lists places of several cities: about none of them alone
    own_voice: bool = False  # a county's own text (我县……): its city's event is the county's part of it
    # 我县/我区 in the title or lead of a text that never says which county: figures of no place
    # of their own are that unknown county's, not the city's (refused, see rejected.py)
    unnamed_self: str | None = None
    event_date: dt.date | None = None
    paras: list[Para] = field(default_factory=list)

    _body_seen: int = field(default=0, repr=False, compare=False)  # paras already looked at
    _body: bool = field(default=False, repr=False, compare=False)

    @property
    def has_body(self) -> bool:
        # Incremental (paras are only appended): an item of thousands of heading lines must
        # not be rescanned for every line, which made hostile pages quadratic (issue 12).
        if self._body_seen < len(self.paras):
            self._body = self._body or any(not p.heading for p in self.paras[self._body_seen :])
            self._body_seen = len(self.paras)
        return self._body


def split_items(paras: list[Para], gaz: Gazetteer, published: dt.date, raw: str | None = None) -> list[Item]:
    """The items of a page; ``raw`` (the text with captions and credits) is weak evidence of
    the place an item naming none is about."""
    items: list[Item] = [Item()]
    for p in paras:
        cur = items[-1]
        text = p.text.lstrip("#").strip()
        if _photo_scene(p, text) and cur.has_body:
            p.caption = True  # 某县甲项目施工现场, between paragraphs: what a photo shows
        if p.caption or (p.heading and _LABEL_ONLY.match(text)):
            # A photo caption, or a photo or page number (10, 11), opens no item and names no place.
            cur.paras.append(p)
            continue
        if p.heading:
            if cur.has_body:
                cur = Item()
                items.append(cur)
            exact = gaz.exact(text) or _kicker_place(text, gaz)
            if exact:
                cur.place, cur.place_from_heading = exact, True
            else:
                found = [f for f in gaz.find(text) if not in_short_quote(text, f[0])]  # “四个一百进唐山”: a name's
                if _across_cities(listed_places(found, text), gaz):
                    found = []  # 甲市、乙市、丙市：…… a title about several cities is about none alone
                    cur.several = True
                # A later heading may narrow the place (breadcrumb 某市, then title 某市某区……).
                narrower = found and cur.place is not None and gaz.parent(found[-1][2]) == cur.place
                if found and (not cur.place_from_heading or narrower):
                    cur.place, cur.place_from_heading = found[-1][2], True
            cur.paras.append(p)
            continue
        continued = p.continued or bool(_CONTINUED.match(text))
        if cur.has_body and (_NEW_STORY.match(text) or continued):
            cur = Item()
            items.append(cur)
        if continued:
            cur.continued = True
        if not cur.has_body and _NEW_STORY.match(text):
            cur.new_story = True
        entry = LIST_ENTRY.match(text) is not None  # - 某区：30个项目。: one entry's place, not the item's
        if not cur.continued and (
            not cur.has_body
            or (
                cur.place is None and not cur.several and not entry
                and _few_body(cur.paras) and not _province_wide(cur)  # (counted only when asked: see _few_body)
            )
        ):
            # The lead names the item's place; a teaser paragraph before it may not.
            lead = _LEAD_BYLINE.sub("", text, count=1)
            first = _FIRST_SENTENCE.match(lead)
            sentence = first.group(0) if first else lead
            if _SLOGAN.match(sentence) and not gaz.find(sentence):
                # 铆足干劲，开局冲刺。2月12日，某县……: a motto opens the lead; the facts follow it.
                nxt = _FIRST_SENTENCE.match(lead, first.end() + 1) if first else None
                sentence = nxt.group(0) if nxt and nxt.group(0) else sentence
            if cur.place is not None and not cur.has_body and gaz.is_city(cur.place):
                # 石家庄新增一座……(title) / 2月28日，石家庄市桥西区人民政府……: the lead narrows the city
                # 张家口某医院开工奠基 (title) / 9月21日，万全区举行……: the title's city only opened a name
                inner = lead_place(sentence, gaz) if _city_in_names_only(cur, gaz) else None
                inner = inner if inner and gaz.parent(inner) == cur.place else None
                cur.place = _city_then_part(sentence, cur.place, gaz) or inner or cur.place
            if cur.place is None and not entry:
                titled = any(_CITY_WIDE.search(q.text) for q in cur.paras if q.heading)
                cur.place = lead_place(sentence, gaz, titled) or _city_listed_later(lead, sentence, gaz)
                visited = gaz.visited(sentence)  # 记者走进崇礼某城: the district named short, not its city
                if visited and (cur.place is None or cur.place == gaz.parent(visited)):
                    cur.place = visited
                # A lead listing places of several cities is about all of them: a later
                # paragraph's place (the first city's own) is not the item's.
                cur.several = cur.place is None and len(listed_places(_named(sentence, gaz), sentence)) >= 2
            if not cur.has_body:
                cur.event_date = find_event_date(sentence, published)
        cur.paras.append(p)
    out = [it for it in items if it.paras]
    for prev, it in zip(out, out[1:], strict=False):
        if it.event_date is None and not it.new_story and not it.continued:
            # Items under place headings of one report share its event (此次集中开工……).
            it.event_date = prev.event_date
        if it.place is None and not it.new_story and not it.continued:
            it.place = prev.place  # a section heading (总体安排) goes on with the article's place
    weak: list[str | None] = []  # computed once, only if an item needs it
    for it in out:
        own = _own_voice(it, gaz)
        if own:
            it.place, it.own_voice = own, True  # 我县参加某市集中开工活动……在某县分会场: the county's own text
        elif (word := _self_word(it)) and (it.place is None or it.place == gaz.home or gaz.is_city(it.place)):
            it.unnamed_self = word  # 到我县观摩 in a text naming no county of its own, or several
        if it.place is None and not it.continued:
            it.place = _dominant_place(it, gaz)
        if (
            it.place is None and not it.continued and raw is not None
            and any("资" in p.text for p in it.paras) and not _province_wide(it)
        ):  # only an item with a figure (投资, 外资, 引资) needs a place
            if not weak:  # a list's entries (- 某区：30个项目。) are not what the article is about
                weak.append(article_place("\n".join(ln for ln in raw.splitlines() if not LIST_ENTRY.match(ln)), gaz))
            it.place = _within(it, weak[0], gaz)
        if it.place is None and not it.continued and not _province_wide(it):
            # 北鱼乡……(a township's own report naming no county): the county of its townships
            it.place = gaz.township_county("\n".join(p.text for p in it.paras))
        if it.place is None and not it.continued and gaz.home == PROVINCE and not it.unnamed_self:
            # 我市15个重点项目集中开工 in the provincial paper, naming no city: whose figures?
            it.unnamed_self = next((m.group() for t in _lead(it) if (m := _CITY_VOICE.search(t))), None)
    return out


def _city_in_names_only(item: Item, gaz: Gazetteer) -> bool:
    """Whether the item's headings name its place only to open an institution's or a firm's name
    (张家口某医院开工奠基)."""
    seen = False
    for p in item.paras:
        if p.heading and not p.caption:
            for _s, e, name in gaz.find(p.text):
                if name == item.place:
                    named = NAMED_AFTER_PLACE.match(p.text, e)
                    if named is None or not named.group().endswith(("医院", "公司", "集团")):
                        return False  # (廊坊聚焦……开展项目建设: the city is the title's subject)
                    seen = True
    return seen


def _city_then_part(sentence: str, city: str, gaz: Gazetteer) -> str | None:
    """The county or district a lead names first, written right after its city (某市某区……)."""
    found = gaz.find(sentence)
    if len(found) < 2 or found[0][2] != city or found[0][1] != found[1][0] or gaz.parent(found[1][2]) != city:
        return None
    return found[1][2]


def _few_body(paras: list[Para], few: int = 3) -> bool:
    """Whether fewer than ``few`` of ``paras`` are body paragraphs.  Counted only when asked and
    only up to ``few``: counting every paragraph of the item for each new one made the split
    quadratic in an item's length (and cost most items a full count for nothing)."""
    seen = 0
    for p in paras:
        if not p.heading:
            seen += 1
            if seen >= few:
                return False
    return True


# 我县/我区 in a title or lead: the text is a county's (district's) own, and the kinds of place it means.
_SELF_WORDS = {"我县": ("county", "county_city"), "本县": ("county", "county_city"), "我区": ("district",)}
_SELF_VOICE = words(*_SELF_WORDS)
_CITY_VOICE = words("我市", "本市")


def _lead(item: Item) -> list[str]:
    """The item's title lines and its first body sentence."""
    heads = [p.text for p in item.paras if p.heading and not p.caption]
    body = next((p.text for p in item.paras if not p.heading and not p.caption), "")
    first = _FIRST_SENTENCE.match(body)
    return [*heads, first.group(0) if first else body]


def _self_word(item: Item) -> str | None:
    """我县 (本县, 我区) when the item's title or lead speaks so: a county's own text (a county
    quoted later in a city's text is no voice)."""
    m = next((m for t in _lead(item) if (m := _SELF_VOICE.search(t))), None)
    return m.group() if m else None


def _own_voice(item: Item, gaz: Gazetteer) -> str | None:
    """The county a county's own text is about (我县参加某市秋季集中开工活动……在某县分会场):
    when its title or lead says 我县 (我区), the one county (district) of the item's city it
    names; None when it names none or several, or when the item's place is already narrower."""
    word = _self_word(item)
    if word is None or (item.place is not None and not gaz.is_city(item.place) and item.place != gaz.home):
        return None
    kinds = _SELF_WORDS[word]
    named: set[str] = set()
    anywhere: set[str] = set()  # 我县 in a text whose only city is a visitor's (石家庄客商说……): any county
    for p in item.paras:
        if p.caption:
            continue
        for _s, _e, name in gaz.find(p.text, item.place):
            res = gaz.resolved.get(name)
            inside = item.place is None or item.place == gaz.home or gaz.parent(name) == item.place
            if res is not None and res.type in kinds:
                (named if inside else anywhere).add(name)
    if not named and len(anywhere) == 1:
        return anywhere.pop()
    if len(named) > 1:  # 观摩组到某县观摩……甲县、乙县负责同志参加: the county the lead names
        lead = {n for t in _lead(item) for _s, _e, n in gaz.find(t, item.place)} & named
        named = lead if len(lead) == 1 else named
    return named.pop() if len(named) == 1 else None


def article_place(raw: str, gaz: Gazetteer) -> str | None:
    """The place the whole text keeps naming, photo captions included (图为某市经开区……):
    weak evidence, for an item whose title and body name no place of their own (经开区 in a
    provincial paper).  Only a clear majority of the mentions counts."""
    return _majority([raw], gaz, at_least=1, venues=True)


def _majority(texts: list[str], gaz: Gazetteer, at_least: int, venues: bool = False) -> str | None:
    """The place named in ``texts`` (outside names) more often than all others together, and
    at least ``at_least`` times; None when none leads so.  ``venues``: a main venue counts for
    its city (主会场设在某开发区: the city's ceremony, venues.py)."""
    counts: dict[str, int] = {}
    for text in texts:
        text = without_route(text)  # 西起甲区，东至乙县界: where works run, not what the text is about
        for s, e, found in gaz.find(text):
            if not _inside_name(text, s) and not fair_host(gaz, text, s, e, found) and not served(text, s):
                name = venue_city(gaz, text, s, found) if venues else found
                counts[name] = counts.get(name, 0) + 1
    if not counts:
        return None
    best = max(counts, key=lambda n: counts[n])
    return best if counts[best] >= at_least and counts[best] * 2 > sum(counts.values()) else None


def _within(item: Item, place: str | None, gaz: Gazetteer) -> str | None:
    """``place`` or, better, the zone of it the item's title or lead names short (经开区)."""
    if place is None:
        return None
    city = place if gaz.is_city(place) else gaz.parent(place)
    for p in item.paras[:4]:
        for _s, _e, name in gaz.find(p.text, city):
            if (name == place or gaz.parent(name) == place) and not main_venue(p.text, _s):
                return name
    return place


def province_wide(text: str) -> bool:
    """Whether ``text`` speaks of the whole province as its subject (全省项目建设提速)."""
    return _PROVINCE_WIDE.search(text) is not None


def _province_wide(item: Item) -> bool:
    """Whether the item's first body paragraph speaks of the whole province (see province_wide)."""
    body = [p.text for p in item.paras if not p.heading]
    return bool(body) and province_wide(body[0])


def lead_place(sentence: str, gaz: Gazetteer, city_wide: bool = False) -> str | None:
    """The place a lead sentence is about: the first it names, its parent city when it
    lists several places of one city (我市甲区、乙县、丙市……集中开工; 甲县(8亿元)、乙区(7亿元)),
    and none for a list across cities or for 全省……在某市举行 (the province's event at a venue).
    ``city_wide``: the title speaks of 我市/全市, so an event held in a district or zone
    (活动在某开发区某项目现场举行) is the city's, not the venue's."""
    if TOPIC_OPENING.match(sentence):
        return None  # 重大项目方面，甲新区……: a review by topic; the place is that clause's, not the text's
    sentence = without_route(sentence)  # 某高速起自甲区，途经乙县: the road's route, not the lead's place
    found = subjects_only(gaz, sentence, _named(sentence, gaz), None)  # no venue of another's event
    if not found:
        return None
    if len(found) >= 2 and _DATELINE_DATE.match(sentence, found[0][1]):
        up = gaz.parent
        if found[0][2] in (up(found[1][2]), up(up(found[1][2]))):
            found = found[1:]  # 某网甲市4月28日讯 乙县……: the dateline's city, then the county the lead is about
    if len(found) >= 2 and gaz.is_city(found[0][2]) and NAMED_AFTER_PLACE.match(sentence, found[0][1]):
        inner = [f for f in found[1:] if gaz.within(f[2], found[0][2])]
        found = inner or found  # 衡水正大……项目推进会在衡水市故城县召开: a firm named after the city
    s0, e0, first = found[0]
    toured = _toured_part(sentence, found, gaz)
    if toured is not None:
        return toured
    if city_wide and _VENUE.search(sentence[max(0, s0 - 2) : s0]) and _HELD.search(sentence, e0):
        city = first if gaz.is_city(first) else gaz.parent(first)
        return city if gaz.is_city(city) else first
    listed = listed_places(found, sentence)
    whole = _WHOLE_AREA.search(sentence)
    if len(listed) >= 2:
        cities = {n if gaz.is_city(n) else gaz.parent(n) for n in listed}
        city = cities.pop() if len(cities) == 1 else None
        if city and gaz.is_city(city) and (whole is None or whole.group() in ("全市", "我市")):
            return city
        return None
    if whole is None or found[0][0] < whole.start():
        return found[0][2]
    return None


# 某市政府领导带领……观摩人员来到了某县: the city's visitors, then the place they visit.
_OFFICIALS_VISIT = re.compile(
    r"^(?:市|县|区)?(?:委|政府|人大|政协)?[^，。；,;]{0,6}?(?:领导|书记|市长|县长|区长)[^，。；,;]{0,24}?"
    r"(?:一行)?(?:先后)?(?:来到了?|走进|深入|前往|赴|到)(?:了)?$"
)


def _toured_part(sentence: str, found: list[tuple[int, int, str]], gaz: Gazetteer) -> str | None:
    """The county or district a lead's city officials visit (某市领导……来到某县，参观了甲项目):
    what the lead is about is the place visited, inside the city, not the visitors' city."""
    if len(found) < 2:
        return None
    s0, e0, first = found[0]
    s1, _e1, second = found[1]
    up = gaz.parent
    if first not in (up(second), up(up(second))):
        return None
    return second if _OFFICIALS_VISIT.match(sentence[e0:s1]) else None


def _city_listed_later(lead: str, first: str, gaz: Gazetteer) -> str | None:
    """The city whose places a later sentence of a lead lists, when the first sentence names
    none (我市举行……活动。市领导分赴甲区、乙县和丙新区……): the event is the city's."""
    at = lead.find(first)
    for sentence in re.findall(r"[^。！？!?]+", lead[at + len(first) :] if at >= 0 else ""):
        found = _named(sentence, gaz)
        if found:
            if len(listed_places(found, sentence)) < 2:
                return None
            place = lead_place(sentence, gaz)
            return place if place and gaz.is_city(place) else None
    return None


def _across_cities(listed: list[str], gaz: Gazetteer) -> bool:
    """Whether a list of places spans more than one city."""
    return len({n if gaz.is_city(n) else gaz.parent(n) for n in listed}) > 1


def _named(sentence: str, gaz: Gazetteer) -> list[tuple[int, int, str]]:
    named = [
        f for f in gaz.find(sentence)
        if not _inside_name(sentence, f[0]) and not served(sentence, f[0]) and not in_short_quote(sentence, f[0])
    ]
    return most_specific(named, sentence, gaz)


def listed_places(found: list[tuple[int, int, str]], text: str) -> list[str]:
    """The places of a list the first place opens (甲区、乙县和丙市 / 甲县(8亿元)、乙区(7亿元))."""
    if not found:
        return []
    names = [found[0][2]]
    for (_s0, e0, _a), (s1, _e1, b) in zip(found, found[1:], strict=False):
        if not _LIST_JOIN.fullmatch(text[e0:s1]):
            break
        names.append(b)
    return names if len(set(names)) == len(names) else names[:1]


def _dominant_place(item: Item, gaz: Gazetteer) -> str | None:
    """The place an item keeps coming back to, when its title and lead name none.

    Only a clear majority counts (named at least twice, more than all others together),
    and never in a province-wide item (全省/我省 in its first paragraph): a roundup
    that names each city once is about the province.
    """
    if _province_wide(item):
        return None
    body = [p.text for p in item.paras if not p.heading]
    return _majority([t for t in body if not LIST_ENTRY.match(t)], gaz, at_least=2)


def _kicker_place(text: str, gaz: Gazetteer) -> str | None:
    """【栏目】香河：坚持大项目带动 — a title opening with a place and a colon is about it."""
    m = _PLACE_COLON.match(text)
    return gaz.exact(m.group(1)) if m else None


def most_specific(found: list[tuple[int, int, str]], text: str, gaz: Gazetteer) -> list[tuple[int, int, str]]:
    """河北省保定市 / 石家庄(正定县): a place written right after its parent is the one meant."""
    out = list(found)
    while len(out) >= 2:
        (_s0, e0, a), (s1, _e1, b) = out[0], out[1]
        gap = text[e0:s1]
        if gap.strip(" （(") == "" and len(gap) <= 1 and gaz.within(b, a):
            out.pop(0)
            continue
        break
    return out


def _inside_name(text: str, start: int) -> bool:
    """A place right after 的 is part of a name (…的晋州市某某牧场), not the item's place;
    after 举行的 it owns the event (在乙市举行的甲市说明会)."""
    return start > 0 and text[start - 1] == "的" and not owner_after_event(text, start)
