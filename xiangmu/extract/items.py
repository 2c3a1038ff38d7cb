"""Split a page or article into news items, each with the place it is about.

One e-paper text often holds several short items, each under a place heading
(``赵县``) or opening with one (``本报讯……9月2日，某县举行……``).  A figure belongs
to its own item's place, not to the first place named in the article.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from .gazetteer import Gazetteer
from .normalize import Para
from .periods import find_event_date

_NEW_STORY = re.compile(r"^(?:本报讯|本报[^\s，。]{0,6}电|新华社|（记者|\(记者)")
_CONTINUED = re.compile(r"^[（(]\s*(?:上接|接上|紧接)")
_LEAD_BYLINE = re.compile(r"^(?:本报讯|本报[^\s，。]{0,6}电)?\s*[（(][^）)]{0,40}[）)]")
_FIRST_SENTENCE = re.compile(r"[^。！？]*")
_PLACE_COLON = re.compile(r"^(?:[【\[][^】\]]{0,30}[】\]])?\s*([^：:，,\s【】]{2,12})\s*[：:]")
_PROVINCE_WIDE = re.compile(r"全省|我省|本省|各市")
_WHOLE_AREA = re.compile(r"全省|我省|全市|我市|全国")


@dataclass
class Item:
    """Consecutive paragraphs of one news item; ``place`` is None when it names none."""

    place: str | None = None
    place_from_heading: bool = False
    continued: bool = False
    new_story: bool = False  # opened by a dateline (本报讯……), not only by a place heading
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


def split_items(paras: list[Para], gaz: Gazetteer, published: dt.date) -> list[Item]:
    items: list[Item] = [Item()]
    for p in paras:
        cur = items[-1]
        text = p.text.lstrip("#").strip()
        if p.heading:
            if cur.has_body:
                cur = Item()
                items.append(cur)
            exact = gaz.exact(text) or _kicker_place(text, gaz)
            if exact:
                cur.place, cur.place_from_heading = exact, True
            else:
                found = gaz.find(text)
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
        body_paras = sum(1 for q in cur.paras if not q.heading)
        if not cur.continued and (not cur.has_body or (cur.place is None and body_paras < 3)):
            # The lead names the item's place; a teaser paragraph before it may not.
            lead = _LEAD_BYLINE.sub("", text, count=1)
            first = _FIRST_SENTENCE.match(lead)
            sentence = first.group(0) if first else lead
            if cur.place is None:
                named = [f for f in gaz.find(sentence) if not _inside_name(sentence, f[0])]
                found = most_specific(named, sentence, gaz)
                whole = _WHOLE_AREA.search(sentence)
                if found and (whole is None or found[0][0] < whole.start()):
                    cur.place = found[0][2]  # 全省……在某市举行 is about the province, not the venue
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
    for it in out:
        if it.place is None and not it.continued:
            it.place = _dominant_place(it, gaz)
    return out


def _dominant_place(item: Item, gaz: Gazetteer) -> str | None:
    """The place an item keeps coming back to, when its title and lead name none.

    Only a clear majority counts (named at least twice, more than all others together),
    and never in a province-wide item (全省/我省 in its first paragraph): a roundup
    that names each city once is about the province.
    """
    body = [p.text for p in item.paras if not p.heading]
    if not body or _PROVINCE_WIDE.search(body[0]):
        return None
    counts: dict[str, int] = {}
    for text in body:
        for s, _e, name in gaz.find(text):
            if not _inside_name(text, s):
                counts[name] = counts.get(name, 0) + 1
    if not counts:
        return None
    best = max(counts, key=lambda n: counts[n])
    return best if counts[best] >= 2 and counts[best] * 2 > sum(counts.values()) else None


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
        if gap.strip(" （(") == "" and len(gap) <= 1 and a in (gaz.parent(b), gaz.parent(gaz.parent(b))):
            out.pop(0)
            continue
        break
    return out


def _inside_name(text: str, start: int) -> bool:
    """A place right after 的 is part of a name (…的晋州市某某牧场), not the item's place."""
    return start > 0 and text[start - 1] == "的"
