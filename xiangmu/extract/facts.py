"""The rules that turn sentences into investment facts.

A figure becomes a fact only when an investment keyword (总投资, 完成投资, 计划投资,
利用外资 ...) stands right before it; that one requirement keeps out revenue, tax,
loans, R&D spend, rewards and funds, which newspapers state with other verbs.  The
sentence is then read clause by clause, carrying the batch of projects a clause
announces (``开工项目共15个``) to the figures that follow it, so a total is tied
to its project count, stage and category, and a named project to its own name.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from .gazetteer import PROVINCE, Gazetteer
from .items import Item
from .model import Fact
from .numbers import COUNT_NUM, Money, find_money, parse_count
from .periods import Period, find_period

_SENTENCE_RE = re.compile(r"[^。！？!?]+[。！？!?]*")
_CLAUSE_RE = re.compile(r"(?:[^，；,;：:]|(?<=\d),(?=\d{3}))+")

_KW_RE = re.compile(
    r"(?P<kw>(?:(?:年度|当年|全年|今年|本年|明年)?(?:计划|预计|拟)?(?:累计)?"
    r"(?:共|共计|合计|总计)?(?:完成|实现)?(?:总投资|投资)(?:总额|额|总规模|规模|计划)?"
    r"|(?:实际|合同|协议)?(?:利用|使用|引进)外资|(?:合同|协议)外资"
    r"|签约(?:总金额|金额|总额|额)|(?:协议|合同)引资(?:总额|额)?))"
    r"(?P<fill>(?:共|约|达|为|计|合计|共计|达到|超过|超|近|逾|分别为|总计|累计|已|将)*)$"
)
# Words that turn a following 投资 into something other than project investment.
_MONEY_WORDS = re.compile(r"投资|外资|签约[总金]{0,2}额|引资")
_NOISE_BEFORE_KW = re.compile(
    r"(?:研发|科研|研究|设备|固定资产|社会|民间|技术改造|基金|融资|贷款|补贴|奖励|资金|股权|风险|"
    r"对外|境外|单体|单个|单项|平均|人均|亩均|每亩)$"
)
_COUNT_AFTER_RE = re.compile(rf"(?P<n>{COUNT_NUM})(?:个|项)(?P<mid>[^，。；、,]{{0,12}}?)项目")
_COUNT_BEFORE_RE = re.compile(
    rf"(?P<mid>[^，。；、,]{{0,16}}?)项目(?:总数|数量)?(?:共|共计|合计|总计)?(?:达到|达|为|有)?(?P<n>{COUNT_NUM})(?:个|项)"
)
_RATE_RE = re.compile(
    r"^[^。；;]{0,4}?(?:(?:占|完成|为|达到|达)[^，。；;]{0,12}?(?:目标|计划|任务|总投资)(?:投资)?的?|(?:投资)?完成率(?:为|达)?)(?P<r>\d+(?:\.\d+)?)[%％]"
)
_LEADING = re.compile(
    r"^(?:其中|包括|另外|此外|同时|据介绍|据悉|据了解|目前|如|比如|例如|以及|和|及|与|还有|分别是|即|为)+"
)
# Only multi-character connectors are stripped from names: 和/如/与 may begin a real name.
_LEADING_NAME = re.compile(
    r"^(?:(?:本报讯|本报[^\s，。]{0,6}电)\s*(?:[（(][^）)]{0,30}[）)])?\s*|其中|包括|另外|此外|同时|据介绍|据悉|据了解|"
    r"目前|近日|日前|比如|例如|以及|还有|分别是)+"
)
_NAME_STOP = re.compile(r"(?:正在|已经|已于|已|将于|将|于|目前|预计|计划|顺利|全面|主要|建成后|部分|等|，|,)")
_ANAPHORA = {"项目", "该项目", "此项目", "这个项目", "这一项目", "本项目", "项目一期", "项目计划", "工程", "该工程"}
_NP_END = re.compile(r"(?:是|位于|为|由|总投资|投资|占地|计划|将|于|主要|已|正在|建成|作为|属于|系)")
_EVENT_VERB = re.compile(r"(?:项目|工程)[^，]{0,8}?(?:建成|开工|竣工|投产|签约|落地|开业|投用|运营)")
_NP_EVENT = re.compile(
    r"(?:^|的)(?P<name>[^，、的]{2,30}?(?:项目|工程))(?:[一二三四]期)?(?:工程)?"
    r"(?:正式|顺利|全面|已经|已|日前|近日|当日)?(?:建成|开工|竣工|投产|签约|落地|开业|投用|运营)"
)
_NP_SUFFIX = re.compile(r"(?:项目|工程|工厂|厂|产业园|园区|中心|基地|生产线)$")
_BUILD_AFTER = re.compile(r"^(?:建设|新建|兴建|打造|实施|建成)的?(?=[^，；。]*项目)")
_NEXT_FIGURE = re.compile(
    r"[、，；]?(?:以及|和|及)?(?:计划总投资|总投资|计划投资|投资)\s*(?:约|达|为|超过|超|近|逾)?\s*[\d一二三四五六七八九十]"
)
_NP_SUFFIX_ANY = re.compile(r"项目|工程|厂|园|中心|基地|生产线")
# A "name" made only of these words and characters denotes a batch, not one project.
_GENERIC_NAME = re.compile(
    r"(?:\d+|[一二两三四五六七八九十百千]+)(?:个|项|批)|项目|工程|重点|省市|省级|市级|县级|本次|此次|这次|本批|该批|集中|新开工|开工|续建|新建|在建|建设|实施|"
    r"计划|安排|签约|引进|入库|储备|谋划|产业|累计|今年|全年|年度|上半年|下半年|以上|各类|所有|全部|上述|这些|"
    r"一批|亿元|万元|全市|全省|全县|全区|我市|我省|该市|该县|该区|本市|重大|优质|龙头|季度|招商|好|\d|"
    r"[一二三四五六七八九十百千]"
)
_GENERIC_CHARS = '新省市县区年月日在第个的等类共批大小该此本这各其余中及和、“”"（）() '
_THRESHOLD_AFTER = re.compile(r"^(?:的)?[\u4e00-\u9fff]{0,6}?项目")
_CATEGORIES = (
    "战略性新兴产业",
    "高新技术产业",
    "先进制造业",
    "现代服务业",
    "农业产业化",
    "基础设施",
    "社会事业",
    "民生",
    "工业",
    "农业",
    "服务业",
    "制造业",
    "城建",
    "文旅",
    "新基建",
    "技改",
)
_STAGES = (
    ("signed", re.compile(r"签约|签订")),
    ("groundbreaking", re.compile(r"开工")),
    ("completed", re.compile(r"(?:竣工|投产|达效|建成)(?!后)")),  # 建成后/投产后 look ahead
    ("under_construction", re.compile(r"在建|续建|实施建设|(?<!重点)建设项目|施工")),
    ("reserve", re.compile(r"储备|谋划")),
    ("key_project", re.compile(r"重点(?:建设)?项目")),
    ("introduced", re.compile(r"引进|招引|落地|落户")),
)
_CITY_WORDS = ("全市", "我市", "本市", "该市", "市内")
_PROVINCE_WORDS = ("全省", "我省", "本省")
_LOCAL_WORDS = ("全县", "该县", "我县", "本县", "全区", "该区", "我区", "本区", "园区内")
_VENUE_BEFORE = re.compile(r"(?:在|于|落户|落地|位于)$")
_NATION_WORDS = ("全国", "我国")
# A sentence that details the batch or period of the sentence before it.
_FOLLOW_UP = re.compile(r"^\s*(?:其中|这些项目中|上述项目中|此次(?:开工|签约|竣工)?的?项目中)")
# 石家庄、唐山、保定分别完成投资A、B、C: one figure per place, in order.
_RESPECTIVELY = re.compile(r"分别(?:为|是|达|达到|完成|实现)?")
_LIST_GAP = re.compile(r"^(?:、|和|及|以及|，)?$")
_EVENT_STAGES = ("groundbreaking", "signed", "completed")
_DEICTIC_RE = re.compile("|".join(_CITY_WORDS + _PROVINCE_WORDS + _LOCAL_WORDS + _NATION_WORDS))


@dataclass
class _Batch:
    """The group of projects a clause announces; later figures in the sentence refer to it."""

    count: int | None
    stage: str | None
    category: str | None


def head_text(pre_kw: str) -> str:
    """What precedes the keyword once connectors (其中, 据悉 ...) are dropped."""
    return _LEADING.sub("", re.sub(r"^(?:据悉|据了解|据介绍|目前|今年以来|[^，]{0,6}年)?", "", pre_kw.strip()))


def detect_stage(text: str) -> str | None:
    for stage, pattern in _STAGES:
        if pattern.search(text):
            return stage
    return None


def _category(mid: str) -> str | None:
    mid = _LEADING.sub("", mid.strip())
    if mid.endswith("类") and 2 <= len(mid) <= 10:
        return mid
    for cat in _CATEGORIES:
        if mid.endswith(cat) or mid.endswith(cat + "类"):
            return cat
    return None


def _batch_in(clause: str, parent: _Batch | None, sentence_head: str) -> _Batch | None:
    if "项目" not in clause:
        return None
    m = _COUNT_AFTER_RE.search(clause) or _COUNT_BEFORE_RE.search(clause)
    if not m:
        return None
    count = parse_count(m.group("n"))
    if count is None:
        return None
    category = _category(m.group("mid"))
    stage = detect_stage(clause)
    if stage is None and parent is not None and (category or "其中" in clause):
        stage = parent.stage
    if stage is None:
        stage = detect_stage(sentence_head)
    return _Batch(count, stage, category)


def _is_generic(name: str, gaz: Gazetteer) -> bool:
    rest = name
    for s, e, _ in reversed(gaz.find(name)):
        rest = rest[:s] + rest[e:]
    rest = _GENERIC_NAME.sub("", rest)
    return not rest.strip(_GENERIC_CHARS)


def _name_after(tail: str) -> str | None:
    """Project name in ``投资X亿元的<name>``."""
    nxt = _NEXT_FIGURE.search(tail)
    if nxt:
        tail = tail[: nxt.start()]  # 投资5亿元的A项目、投资3亿元的B项目: stop before the next figure
    tail = tail.strip().rstrip("、和及与")
    idx = tail.rfind("项目")
    if idx >= 0:
        stop = _NAME_STOP.search(tail)
        if stop and stop.start() < idx:
            cut = tail.rfind("项目", 0, stop.start() + 2)
            name = tail[: cut + 2] if cut >= 0 else tail[: stop.start()]
        else:
            name = tail[: idx + 2]
    else:
        stop = _NAME_STOP.search(tail)
        name = tail[: stop.start()] if stop else tail
    name = name.strip().rstrip("。；;，,：:")
    return name if 2 <= len(name) <= 40 else None


def _name_before(pre: str) -> str | None:
    """Project name in ``<name>项目总投资X亿元``."""
    pre = _LEADING_NAME.sub("", pre.strip())
    if not pre.endswith(("项目", "工程")) and not re.search(r"(?:项目|工程)(?:一期|二期|三期)$", pre):
        return None
    return pre if 2 <= len(pre) <= 40 else None


def _np(clause: str, gaz: Gazetteer) -> str | None:
    """The project a clause is about, for a later bare 项目 or 总投资 in the sentence.

    Either its leading noun phrase (``X工程是……``) or, for a clause that is itself a
    noun phrase (``由某公司建设的X项目``), the part after its last 的.
    """
    clause = _LEADING_NAME.sub("", clause.strip())
    m = _NP_END.search(clause)
    head = clause[: m.start()] if m else clause
    if 3 <= len(head) <= 40 and _NP_SUFFIX.search(head) and not _is_generic(head, gaz):
        return head
    if clause.endswith(("项目", "工程")):
        tail = clause[clause.rfind("的") + 1 :]
        if 3 <= len(tail) <= 40 and not _is_generic(tail, gaz):
            return tail
    m = _NP_EVENT.search(clause) if _EVENT_VERB.search(clause) else None  # 位于某县的某某项目一期建成投产
    if m and not _is_generic(m.group("name"), gaz):
        return m.group("name")
    return None


class SentenceReader:
    """Reads the facts of one item; holds what the rules need from the whole article."""

    def __init__(
        self,
        gaz: Gazetteer,
        published: dt.date,
        item: Item,
        last_ref: str | _Batch | None = None,
        last_period: Period | None = None,
    ) -> None:
        self.gaz = gaz
        self.published = published
        self.item = item
        # What a bare 项目 in a later sentence refers to: a named project or a batch.
        self.last_ref: str | _Batch | None = last_ref
        # The latest period a sentence stated; a follow-up sentence (其中……) inherits it.
        self.last_period: Period | None = last_period
        self._context: _Batch | None = None  # the batch a follow-up sentence details
        self._ref_stage: str | None = None  # stage of the event the named ``last_ref`` was in
        # Measure, stage and period of the item's latest portfolio figure: in a roundup
        # (全省完成投资X。石家庄市完成投资Y，唐山市完成投资Z) each place's figure shares them.
        self._roundup: tuple[str, str | None, Period | None] | None = None
        self._follow_up = False

    def region_for(self, before: str, after: str = "") -> str | None:
        """The most specific place the sentence names before the figure, else the item's.

        None means the figure is about no place we cover (全国, or 全市 in a provincial
        paper with no city in sight) and must not be reported.
        """
        item_place = self.item.place
        best: tuple[int, str | None] | None = None
        for s, _e, name in self.gaz.find(before):
            if s > 0 and before[s - 1] == "的":
                continue  # …的晋州市某某项目: part of a name
            best = (s, name)
        for m in _DEICTIC_RE.finditer(before):
            if best is not None and best[0] > m.start():
                continue
            best = (m.start(), self._deictic(m.group(), item_place))
        if best is None:
            for s, _e, name in self.gaz.find(after):
                if _VENUE_BEFORE.search(after[max(0, s - 2) : s]):
                    return name  # 总投资X亿元的N个项目在某县集中开工
            return item_place or self.gaz.home
        region = best[1]
        if region and item_place and self.gaz.parent(item_place) == region and self.gaz.is_city(region):
            return item_place  # 某县 item naming its city (石家庄市某公司): the county is more specific
        return region

    def _name_place(self, name: str, region: str | None) -> str | None:
        """A project named after its place (鹿泉区某某项目) lies there, unless the text said a part of it."""
        found = self.gaz.find(name)
        if not found or found[0][0] != 0:
            return region
        place = found[0][2]
        if region is None or region == PROVINCE or region == self.gaz.parent(place):
            return place
        if self.gaz.parent(place) and region == self.gaz.parent(self.gaz.parent(place) or ""):
            return place
        return region

    def _deictic(self, word: str, item_place: str | None) -> str | None:
        if word in _PROVINCE_WORDS:
            return PROVINCE
        if word in _NATION_WORDS:
            return None
        if word in _CITY_WORDS:
            if item_place and self.gaz.is_city_like(item_place):
                return item_place
            if self.gaz.home != PROVINCE:
                return self.gaz.home
            parent = self.gaz.parent(item_place) if item_place else None
            return parent if parent and self.gaz.is_city(parent) else None
        return item_place or (self.gaz.home if self.gaz.home != PROVINCE else None)

    def period_for(self, before: str, stage: str | None) -> Period | None:
        period = find_period(before, self.published)
        if period and period[0] == period[1]:
            return period
        if stage in _EVENT_STAGES and self.item.event_date and period is None:
            return self.item.event_date, self.item.event_date
        if period is None and self._follow_up:
            return self.last_period
        return period

    def _note_period(self, sentence: str) -> None:
        if any(ch in sentence for ch in "年月季截今"):
            period = find_period(sentence, self.published)
            if period:
                self.last_period = period

    def _respectively(self, clause: str, moneys: list[Money]) -> list[str] | None:
        """Places of ``A、B、C分别……X、Y、Z`` in the order of the figures, else None."""
        m = _RESPECTIVELY.search(clause)
        if m is None or len(moneys) < 2 or moneys[0].start < m.end():
            return None
        if any(not _LIST_GAP.match(clause[a.end : b.start]) for a, b in zip(moneys, moneys[1:], strict=False)):
            return None
        found = [name for s, _e, name in self.gaz.find(clause[: m.start()]) if not (s and clause[s - 1] == "的")]
        return found if len(found) == len(moneys) and len(set(found)) == len(found) else None

    def read(self, sentence: str) -> list[tuple[Fact, int, int]]:
        """Facts of one sentence with their (start, end) inside ``sentence``."""
        out: list[tuple[Fact, int, int]] = []
        self._follow_up = bool(_FOLLOW_UP.match(sentence))
        self._context = self.last_ref if self._follow_up and isinstance(self.last_ref, _Batch) else None
        if not _MONEY_WORDS.search(sentence):
            self._note_period(sentence)
            if not _NP_SUFFIX_ANY.search(sentence):
                return out  # names no project or batch a later sentence could refer to
            for clause in _CLAUSE_RE.finditer(sentence):
                batch = _batch_in(clause.group(), None, "")
                np = _np(clause.group(), self.gaz) if batch is None else None
                if batch is not None or np:
                    self.last_ref = batch or np
                    self._ref_stage = detect_stage(clause.group()) if np else None
            return out
        batch: _Batch | None = None
        # The latest thing the sentence spoke about: a batch, a project named in a clause
        # ("np"), or a project that already got a figure ("fact").
        focus: tuple[str, str] | None = None
        first = _CLAUSE_RE.match(sentence)
        if first and isinstance(self.last_ref, _Batch):
            lead = first.group()
            kw_at = lead.find("投资")
            if kw_at >= 0 and not head_text(lead[:kw_at].rstrip("年度当计划预累共完成总")):
                batch = self.last_ref  # 开工项目22个。总投资20亿元……: the figures are the batch's
        for cm in _CLAUSE_RE.finditer(sentence):
            clause, c0 = cm.group(), cm.start()
            parent = batch or (self.last_ref if isinstance(self.last_ref, _Batch) else None)
            new_batch = _batch_in(clause, parent, sentence[:c0])
            if new_batch is not None:
                batch = new_batch
                self.last_ref = batch
                focus = None
            prev_end = 0
            moneys = find_money(clause)
            places = self._respectively(clause, moneys)
            for i, money in enumerate(moneys):
                if places:
                    fact = self._fact(
                        sentence, clause, c0, money, batch, focus, 0, clause[: moneys[0].start], places[i]
                    )
                else:
                    fact = self._fact(sentence, clause, c0, money, batch, focus, prev_end)
                prev_end = money.end
                if fact is not None:
                    out.append((fact, 0, len(sentence)))
                    if fact.project_name:
                        self.last_ref = fact.project_name
                        focus = ("fact", fact.project_name)
            np = _np(clause, self.gaz) if new_batch is None and prev_end == 0 else None
            if np:
                focus = ("np", np)
                self.last_ref = np
                self._ref_stage = detect_stage(clause)
        self._note_period(sentence)
        return out

    def _fact(
        self,
        sentence: str,
        clause: str,
        c0: int,
        money: Money,
        batch: _Batch | None,
        focus: tuple[str, str] | None,
        prev_end: int,
        list_pre: str | None = None,
        list_place: str | None = None,
    ) -> Fact | None:
        pre = clause[: money.start] if list_pre is None else list_pre
        kw = _KW_RE.search(pre[-16:])
        if kw is None:
            return None
        pre_kw = pre[: len(pre) - len(kw.group(0))]
        if _NOISE_BEFORE_KW.search(pre_kw):
            return None
        after = clause[money.end :]
        if "以上" in clause[money.start : money.end] and _THRESHOLD_AFTER.match(after):
            return None  # 投资5000万元以上项目: a size threshold, not an amount
        if re.match(r"^(?:及以上|以上)?(?:的)?(?:[\u4e00-\u9fff]{0,4})?项目[0-9一二三四五六七八九十]", after):
            return None  # 亿元以上项目12个: counts projects by size
        word = kw.group("kw")
        if "外资" in word:
            measure = "foreign_investment"
        elif "总" in word:
            measure = "total_investment"
        elif re.search(r"计划|预计|拟", word):
            measure = "planned_investment"
        elif re.search(r"完成|实现|累计", word):
            measure = "completed_investment"
        elif re.search(r"年度|当年|全年|今年|本年|明年", word):
            measure = "planned_investment"
        else:
            measure = "total_investment"

        subject = "portfolio"
        name: str | None = None
        count = batch.count if batch else None
        stage = batch.stage if batch else None
        category = batch.category if batch else None
        built = _BUILD_AFTER.match(after)
        if after.startswith("的") or built:
            tail = after[built.end() :] if built else after[1:]
            cm = re.match(rf"(?:共|总计)?(?P<n>{COUNT_NUM})(?:个|项)", tail)
            if cm:
                count = parse_count(cm.group("n"))
                stage = detect_stage(clause) or stage
            else:
                cand = _name_after(tail)
                if cand and not _is_generic(cand, self.gaz):
                    subject, name = "project", cand
        else:
            head = _LEADING.sub("", pre_kw[prev_end:].strip().lstrip("、和及与"))
            if head in _ANAPHORA:
                if focus:
                    subject, name = "project", focus[1]
                elif batch is None and isinstance(self.last_ref, str):
                    subject, name = "project", self.last_ref
                    stage = stage or self._ref_stage
                elif batch is None and isinstance(self.last_ref, _Batch):
                    batch = self.last_ref
                    count, stage, category = batch.count, batch.stage, batch.category
                elif batch is None:
                    return None
            elif not head and focus and (focus[0] == "fact" or batch is None):
                subject, name = "project", focus[1]
            else:
                cand = _name_before(_LEADING_NAME.sub("", pre_kw[prev_end:].strip().lstrip("、，")))
                if cand and not _is_generic(cand, self.gaz):
                    subject, name = "project", cand
        if list_place is not None:
            lone = subject == "portfolio" and batch is None and not isinstance(self.last_ref, _Batch)
            if lone and "项目" not in sentence:
                return None
            ref = batch or (self.last_ref if isinstance(self.last_ref, _Batch) else None)
            count, stage = None, (ref.stage if ref else detect_stage(sentence[: c0 + money.start]))
        elif subject == "portfolio" and batch is None and count is None:
            ref = self.last_ref if isinstance(self.last_ref, _Batch) else None
            head = pre_kw[prev_end:].strip()
            if ref and ref.stage == "key_project" and "重点项目" in head and _is_generic(head, self.gaz):
                count, stage = ref.count, ref.stage  # 安排省重点项目N个……省重点项目完成投资X
            elif "项目" not in sentence[: c0 + money.start] and "项目" not in after:
                place_head = self.gaz.exact(head) if head else None
                if place_head and self._roundup and self._roundup[0] == measure:
                    list_place, stage = place_head, self._roundup[1]  # 唐山市完成投资X, after 全省完成投资Y
                elif measure != "foreign_investment":
                    return None  # 全省实际使用外资X美元 is a fact without 项目; other bare totals are not
            else:
                stage = detect_stage(sentence[: c0 + money.start])
        if subject == "project":
            count, category = None, None
            if stage is None:
                stage = detect_stage(after[after.find(name) + len(name) :] if name and name in after else "")
            if stage is None:
                stage = detect_stage(sentence[: c0 + money.start])  # 在建的投资X亿元的某项目
            if stage is None and self._context is not None:
                stage = self._context.stage  # 开工项目N个。其中，投资X亿元的某项目……
            if measure == "planned_investment" and re.fullmatch(r"(?:计划|拟)投资", word):
                measure = "total_investment"  # 某项目计划投资X亿元 states the project's size
        before = sentence[: c0 + money.start]
        region = list_place or self.region_for(before, clause[money.end :])
        if name:
            region = self._name_place(name, region)
        if region is None:
            return None
        period = self.period_for(before, stage)
        if period is None and list_place is not None and self._roundup and self._roundup[0] == measure:
            period = self._roundup[2]
        if subject == "portfolio" and list_place is None:
            self._roundup = (measure, stage, period)
        rate_m = _RATE_RE.match(after) or _RATE_RE.match(sentence[c0 + len(clause) :])
        rate = float(rate_m.group("r")) if rate_m and measure == "completed_investment" else None
        return Fact(
            region=region,
            region_code=self.gaz.code(region),
            subject=subject,
            project_name=name,
            project_count=count,
            measure=measure,
            amount_cny=money.value if money.currency == "CNY" else None,
            amount_original=money.value,
            currency=money.currency,
            approximate=money.approximate,
            stage=stage,
            category=category,
            period_start=period[0].isoformat() if period else None,
            period_end=period[1].isoformat() if period else None,
            completion_rate=rate,
            evidence="",
            char_start=0,
            char_end=0,
        )


def sentences(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in _SENTENCE_RE.finditer(text)]
