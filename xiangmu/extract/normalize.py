"""Repair e-paper text while remembering where every character came from.

The e-paper splits paragraphs in the middle of words and numbers (``重点项\\n\\n目``,
``投资0.84\\n\\n亿元``), repeats whole paragraphs and mixes bylines and photo credits
into the body.  Rules work on the repaired paragraphs, but evidence offsets must
point into the original text, so each paragraph keeps a per-character map back.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from xiangmu.vocabulary import CONTINUED_FROM_OPEN, CONTINUED_TO_OPEN

_TERMINAL = set("。！？!?；;：:”」』）)…")
_BODY_PUNCT = re.compile(r"[，。；、：,;]")
_CONT_START = re.compile(r"[\u4e00-\u9fff0-9０-９A-Za-z%％“”\"（(、，,]")
_NUM_TAIL = re.compile(r"[0-9０-９.]$")
_UNIT_HEAD = re.compile(r"^[万亿元个项%％.0-9]")
_BYLINE = re.compile(
    r"^(?:[□■◆●▲]\s*(?:本报|首席|记者|通讯员|见习|实习|文/|图/|文图|摄影|河北日报|石家庄日报).{0,40}$|"
    r"(?:本报|首席)?(?:记者|通讯员|见习记者)[\s\u3000]|.{0,30}[\s\u3000]摄(?:影)?$|"
    r".{0,80}(?:记者|通讯员|摄影)[\s\u3000]*[\u4e00-\u9fff·]{2,5}[\s\u3000]*摄(?:影)?$|"
    r"本报(?:首席)?记者[\s\u3000\S]{0,20}$|责任编辑|编辑[：:])"
)
# Jump markers of a story continued on another page: （上接第一版） opens the later part,
# （下转第二版） ends the earlier one.  They are layout, not content, and never evidence.
CONTINUED_FROM = re.compile(CONTINUED_FROM_OPEN + r"[^（()）]{0,12}[）)]\s*")
CONTINUED_TO = re.compile(
    r"\s*" + CONTINUED_TO_OPEN + r"(?:第|至)?\s*[0-9０-９一二三四五六七八九十A-Za-z]{1,4}\s*版[）)]\s*$"
)
_SENTENCE_PUNCT = re.compile(r"[。！？；，!?;]|,(?!\d{3})")
_WS = " \t\r\u3000\xa0\ufeff"


@dataclass
class Para:
    """A repaired paragraph; ``pos[i]`` is the index in the original text of ``text[i]``."""

    text: str
    pos: list[int]
    heading: bool
    continued: bool = False  # opened with a 上接 marker (stripped from ``text``)

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Original-text slice covering repaired characters ``start:end``."""
        return self.pos[start], self.pos[end - 1] + 1


def _is_body(s: str) -> bool:
    return len(s) >= 12 and bool(_BODY_PUNCT.search(s))


def _lines(text: str) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    start = 0
    n = len(text)
    while start <= n:
        nl = text.find("\n", start)
        end = n if nl < 0 else nl
        s, e = start, end
        while s < e and text[s] in _WS:
            s += 1
        while e > s and text[e - 1] in _WS:
            e -= 1
        if e > s:
            out.append((s, e))
        if nl < 0:
            break
        start = nl + 1
    return out


def paragraphs(text: str) -> list[Para]:
    """Repaired, de-duplicated paragraphs with bylines and credits removed."""
    raw: list[tuple[int, int, bool]] = []
    for s, e in _lines(text):
        if _BYLINE.match(text[s:e]):
            continue
        cont = False
        m = CONTINUED_FROM.match(text, s, e)
        if m:
            s, cont = m.end(), True
        m = CONTINUED_TO.search(text, s, e)
        if m:
            e = m.start()
        if e > s:
            raw.append((s, e, cont))
    merged: list[list[tuple[int, int]]] = []
    # Per merged paragraph: [length, has body punctuation, has a closing quote], updated as lines
    # join, so a paragraph of thousands of joined lines is never re-joined per line (quadratic).
    shape: list[list] = []
    continued: set[int] = set()
    for s, e, cont in raw:
        line = text[s:e]
        if cont:
            continued.add(len(merged))
            merged.append([(s, e)])
            shape.append([e - s, bool(_BODY_PUNCT.search(line)), "”" in line])
            continue
        if merged:
            ps, pe = merged[-1][-1]
            prev = text[ps:pe]
            first = text[merged[-1][0][0] : merged[-1][0][1]]
            length, punct, closed = shape[-1]
            broken_number = bool(_NUM_TAIL.search(prev)) and bool(_UNIT_HEAD.match(line))
            open_quote = first.startswith("“") and not closed
            next_is_body = bool(_BODY_PUNCT.search(line)) or line[-1] in _TERMINAL
            broken_word = (
                ((length >= 12 and punct) or open_quote)  # _is_body of the joined paragraph
                and next_is_body
                and prev[-1] not in _TERMINAL
                and bool(_CONT_START.match(line))
                and not first.startswith("#")
                and not line.startswith(("——", "#", "本报讯", "（上接", "(上接"))
            )
            if broken_number or broken_word:
                merged[-1].append((s, e))
                shape[-1] = [length + e - s, punct or bool(_BODY_PUNCT.search(line)), closed or "”" in line]
                continue
        merged.append([(s, e)])
        shape.append([e - s, bool(_BODY_PUNCT.search(line)), "”" in line])
    out: list[Para] = []
    seen: set[str] = set()
    for i, spans in enumerate(merged):
        body = "".join(text[a:b] for a, b in spans)
        key = body.lstrip("#").strip()
        if len(key) >= 8 and key in seen:
            continue  # the e-paper repeats whole paragraphs; count them once
        seen.add(key)
        pos: list[int] = []
        for a, b in spans:
            pos.extend(range(a, b))
        cont = i in continued
        out.append(Para(body, pos, heading=not cont and not _is_sentence(body), continued=cont))
    return out


def _is_sentence(s: str) -> bool:
    """Body text, as opposed to a headline, kicker or place heading."""
    if s.startswith("#"):
        return False
    return bool(_SENTENCE_PUNCT.search(s)) or (len(s) > 40 and bool(_BODY_PUNCT.search(s)))


_KEY_MARKS = re.compile(r"[“”‘’\"'《》「」『』〈〉【】\s\u3000·•]")
_KEY_COMPANY = re.compile(r"^[^，,。（]{2,40}?(?:股份有限公司|有限责任公司|有限公司|集团)(?=.{2,})")
_KEY_TAIL = re.compile(r"(?:建设项目|工程项目|项目)$")


@lru_cache(maxsize=4096)
def project_key(name: str | None) -> str | None:
    """One key for one project however an article writes its name.

    Mirrors the warehouse macro ``normalize_project_name`` (quotes, book-title marks
    and whitespace dropped; brackets unified to full width; a leading company name and
    a trailing 项目 dropped) and also folds full-width letters and digits (Ｇ104) and
    drops a leading Hebei place name (正定县某某项目 and 某某项目 are one project; the
    place is the fact's region).  None when nothing specific is left.
    """
    if not name:
        return None
    key = unicodedata.normalize("NFKC", name)
    key = _KEY_MARKS.sub("", key).replace("(", "（").replace(")", "）")
    key = _KEY_TAIL.sub("", key)
    stripped = _place_prefix().sub("", key)
    key = stripped if len(stripped) >= 2 else key
    stripped = _KEY_COMPANY.sub("", key)
    key = stripped if len(stripped) >= 2 else key
    return key or None


@lru_cache(maxsize=1)
def _place_prefix() -> re.Pattern[str]:
    from .gazetteer import PROVINCE, places

    names = sorted({p.name for p in places()} | {PROVINCE, "河北"}, key=len, reverse=True)
    return re.compile("^(?:" + "|".join(map(re.escape, names)) + ")+")

