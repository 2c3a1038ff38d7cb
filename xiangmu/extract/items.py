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

    @property
    def has_body(self) -> bool:
        return any(not p.heading for p in self.paras)


def split_items(paras: list[Para], gaz: Gazetteer, published: dt.date) -> list[Item]:
    items: list[Item] = [Item()]
    for p in paras:
        cur = items[-1]
        text = p.text.lstrip("#").strip()
        if p.heading:
            if cur.has_body:
                cur = Item()
                items.append(cur)
            exact = gaz.exact(text)
            if exact:
                cur.place, cur.place_from_heading = exact, True
            elif not cur.place_from_heading:
                found = gaz.find(text)
                if found:
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
        if not cur.has_body and not cur.continued:
            lead = _LEAD_BYLINE.sub("", text, count=1)
            first = _FIRST_SENTENCE.match(lead)
            sentence = first.group(0) if first else lead
            if cur.place is None:
                found = [f for f in gaz.find(sentence) if not _inside_name(sentence, f[0])]
                whole = _WHOLE_AREA.search(sentence)
                if found and (whole is None or found[0][0] < whole.start()):
                    cur.place = found[0][2]  # 全省……在某市举行 is about the province, not the venue
            cur.event_date = find_event_date(sentence, published)
        cur.paras.append(p)
    out = [it for it in items if it.paras]
    for prev, it in zip(out, out[1:], strict=False):
        if it.event_date is None and not it.new_story and not it.continued:
            # Items under place headings of one report share its event (此次集中开工……).
            it.event_date = prev.event_date
    return out


def _inside_name(text: str, start: int) -> bool:
    """A place right after 的 is part of a name (…的晋州市某某牧场), not the item's place."""
    return start > 0 and text[start - 1] == "的"
