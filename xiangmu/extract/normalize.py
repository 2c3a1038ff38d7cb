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
# A figure the e-paper broke across lines (投资0.84 / 亿元): a digit ends one line, a unit opens the next.
_NUM_TAIL, _UNIT_HEAD = re.compile(r"[0-9０-９.]$"), re.compile(r"^[万亿元个项%％.0-9]")
_BYLINE = re.compile(
    r"^(?:[□■◆●▲]\s*(?:本报|首席|记者|通讯员|见习|实习|文/|图/|文图|摄影|河北日报|石家庄日报).{0,40}$|"
    r"(?:本报|首席)?(?:记者|通讯员|见习记者)[\s\u3000]|.{0,30}[\s\u3000]摄(?:影)?$|"
    r".{0,80}(?:记者|通讯员|摄影)[\s\u3000]*[\u4e00-\u9fff·]{2,5}[\s\u3000]*摄(?:影)?$|"
    r"本报(?:首席)?记者[\s\u3000\S]{0,20}$|责任编辑|编辑[：:]|"
    # a source line (（来源：某某市商务局）, 来源：某某日报): who supplied the text, never what it is about
    r"[（(]?\s*(?:来源|稿源|信息来源|文章来源|供稿)[：:]\s*[^，,。；;]{1,40}[）)]?\s*$)"
)
# Jump markers of a story continued on another page: （上接第一版） opens the later part,
# （下转第二版） ends the earlier one.  They are layout, not content, and never evidence.
CONTINUED_FROM = re.compile(CONTINUED_FROM_OPEN + r"[^（()）]{0,12}[）)]\s*")
CONTINUED_TO = re.compile(
    r"\s*" + CONTINUED_TO_OPEN + r"(?:第|至)?\s*[0-9０-９一二三四五六七八九十A-Za-z]{1,4}\s*版[）)]\s*$"
)
# A photo caption: a line opening with a photo marker (▲ 某县某项目建设现场, 图为……) or
# ending with the photographer's credit in brackets (（记者 某某 摄）).  Captions describe a
# picture, not the text around them, so they are kept apart from body and headings.
_CAPTION_OPEN = re.compile(r"(?:[▲△▼↑↓←→]\s*[^\s\u3000]{6}|(?:上|下|左|右|组)?图[为：:]|图片为)")
_CREDIT_END = re.compile(r"[（(][^（()）]{0,30}摄(?:影)?[）)]\s*$")
# A line that is only a photographer's credit (（记者 某某 摄）, 本报记者 某某 摄; matched from the
# line's start): the line above it is the caption of the photo.
_CREDIT = re.compile(
    r"[（(]?(?:本报)?(?:首席)?(?:记者|通讯员|摄影)?[\s\u3000]*(?:[\u4e00-\u9fff·]{2,5}[\s\u3000、]*){1,3}"
    r"摄(?:影)?[）)]?$"
)
# A paragraph closing with its photographer's credit (……投资54亿元。某某 摄): it ends there, unbroken.
_CREDIT_TAIL = re.compile(r"[。！？!?”）)][\s\u3000]{0,4}(?:[\u4e00-\u9fff·]{2,5}[\s\u3000、]{1,4}){1,3}摄(?:影)?$")
_CAPTION_MAX = 80  # characters: a caption is one line of text under a picture
# A headline whose only punctuation is an exclamation or question mark inside it, not at its end.
_EXCLAIMED_TITLE = re.compile(r"^[^，。；、,;：:]{2,60}[!！?？][^，。；、,;：:!！?？]{4,60}[!！]?$")
_SENTENCE_PUNCT = re.compile(r"[。！？；，!?;]|,(?!\d{3})")
_WS = " \t\r\u3000\xa0\ufeff"


@dataclass
class Para:
    """A repaired paragraph; ``pos[i]`` is the index in the original text of ``text[i]``."""

    text: str
    pos: list[int]
    heading: bool
    continued: bool = False  # opened with a 上接 marker (stripped from ``text``)
    # A photo caption (also ``heading``, so no rule reads it as prose): it names what a
    # picture shows, never the place or batch of the paragraphs around it.
    caption: bool = False

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Original-text slice covering repaired characters ``start:end``."""
        return self.pos[start], self.pos[end - 1] + 1


def _is_caption(text: str, s: int, e: int) -> bool:
    """A caption opens with a photo mark, or is one short line ending with the credit (a body
    paragraph that ends with a credit stays body)."""
    if _CAPTION_OPEN.match(text, s, e):
        return True
    return e - s <= _CAPTION_MAX and text.find("摄", s, e) >= 0 and bool(_CREDIT_END.search(text, s, e))


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
    # Start offsets of lines that join no other line: captions, and a line after a dropped
    # byline (the byline ended the paragraph before it, however that one ends).
    captions: set[int] = set()
    fresh: set[int] = set()
    after_byline = False
    for s, e in _lines(text):
        credit = len(raw) > 0 and text.find("摄", s, e) >= 0 and _CREDIT.match(text, s, e) is not None
        if credit and not raw[-1][2] and raw[-1][1] - raw[-1][0] <= _CAPTION_MAX:
            captions.add(raw[-1][0])  # 某县某项目建设现场 / （记者 某某 摄）: the line above is a caption
        if _BYLINE.match(text[s:e]):
            after_byline = True
            continue
        if after_byline:
            fresh.add(s)
            after_byline = False
        cont = False
        m = CONTINUED_FROM.match(text, s, e)
        if m:
            s, cont = m.end(), True
        # (every jump marker opens with a bracket: most lines are done with the two finds)
        m = CONTINUED_TO.search(text, s, e) if text.find("（", s, e) >= 0 or text.find("(", s, e) >= 0 else None
        if m:
            e = m.start()
        if e > s:
            raw.append((s, e, cont))
            if not cont and _is_caption(text, s, e):
                captions.add(s)
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
        if merged and s not in captions and s not in fresh and merged[-1][0][0] not in captions:
            ps, pe = merged[-1][-1]
            prev = text[ps:pe]
            first = text[merged[-1][0][0] : merged[-1][0][1]]
            length, punct, closed = shape[-1]
            # (the unit first: a match at the line's start is cheaper than a search for the end)
            broken_number = bool(_UNIT_HEAD.match(line)) and bool(_NUM_TAIL.search(prev))
            open_quote = first.startswith("“") and not closed
            next_is_body = bool(_BODY_PUNCT.search(line)) or line[-1] in _TERMINAL
            broken_word = (
                ((length >= 12 and punct) or open_quote)  # _is_body of the joined paragraph
                and next_is_body
                and prev[-1] not in _TERMINAL
                and not (prev.endswith(("摄", "摄影")) and _CREDIT_TAIL.search(prev, max(0, len(prev) - 40)))
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
        if "专案" in body or "画" in body:
            body = _TAIWAN_WORDS.sub(lambda m: _TAIWAN_WORDS_MAP[m.group()], body)  # same length: offsets hold
        key = body.lstrip("#").strip()
        if len(key) >= 8 and key in seen:
            continue  # the e-paper repeats whole paragraphs; count them once
        seen.add(key)
        pos: list[int] = []
        for a, b in spans:
            pos.extend(range(a, b))
        cont = i in continued
        caption = spans[0][0] in captions
        heading = caption or (not cont and not _is_sentence(body))
        out.append(Para(body, pos, heading=heading, continued=cont, caption=caption))
    return out


# Taiwan wording a reprint can carry after its characters were simplified (专案 for 项目, 计画 for
# 计划): the mainland words, of the same length, so the rules read one vocabulary.
_TAIWAN_WORDS_MAP = {"专案": "项目", "计画": "计划", "规画": "规划"}
_TAIWAN_WORDS = re.compile("|".join(_TAIWAN_WORDS_MAP))


def _is_sentence(s: str) -> bool:
    """Body text, as opposed to a headline, kicker or place heading."""
    if s.startswith("#"):
        return False
    if _EXCLAIMED_TITLE.match(s):
        return False  # 再掀热潮！某市88个项目集中开工: a title's cry, not a sentence
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



# A national news agency's dateline (新华社石家庄8月26日电): the city is where its bureau sits,
# not what the story is about.
_BUREAU_DATELINE = re.compile(
    r"^\s*(?:新华社|中新社|中新网|中国新闻网|新华网|人民网|央视网|中国经济网|人民日报|经济日报|光明日报|中国日报"
    r"|科技日报|工人日报|农民日报|法治日报|中国青年报|央广网|央视新闻|中国网|国际在线|环球网|澎湃新闻|新京报"
    r"|中国报道)[\u4e00-\u9fff]{2,6}?\s*\d{1,2}月\d{1,2}日\s*(?:电|讯|消息)"
)


def without_bureau(text: str) -> str:
    """``text`` with an agency's dateline turned into a placeless 本报讯 (same length, so offsets hold)."""
    # (the dateline ends with 电, 讯 or 消息: a text with none is done without the pattern)
    m = _BUREAU_DATELINE.match(text) if "电" in text or "讯" in text or "消息" in text else None
    if m is None:
        return text
    return "本报讯" + "\u3000" * (m.end() - 3) + text[m.end() :]
