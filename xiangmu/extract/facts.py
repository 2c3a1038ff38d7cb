"""The rules that turn sentences into investment facts.

A figure becomes a fact only when an investment keyword (总投资, 完成投资, 计划投资,
利用外资 ...) stands right before it; that one requirement keeps out revenue, tax,
loans, R&D spend, rewards and funds, which newspapers state with other verbs.  The
sentence is then read clause by clause, carrying the batch of projects a clause
announces (``开工项目共15个``) to the figures that follow it, so a total is tied
to its project count, stage and category, and a named project to its own name.

A figure's place is the most specific place its sentence names before it; failing
that, the place its paragraph is about (``SentenceReader._paragraph_place``: decided
per paragraph from its opening or, when that names none, its later sentences; never
carried out of a list of places or onto an unknown zone), then the item's place
(``items.split_items``), and in a provincial paper, last, the county or city the whole text
names most (``_leading_place``) rather than the province.  A list of places of several cities as one subject is the
province's; a signing's figure is the signing party's, not the venue's, and what an
investment-promotion event signs is its host's (``venues.event_host``), not the venue's nor the
dateline's city's.  Photo captions
(``normalize.Para.caption``) are read only for a figure they state themselves, and lend
the project they show to a neighbouring paragraph that says 该项目 without naming one.

A would-be name opening with a count (500个亿元以上项目) is a group of projects, not one; a
project's phases (一期计划投资X) are projects of their own named after it; and a project
the item says is sited somewhere (选址某县的甲市乙项目) is that place's, whatever its name opens with.

A road's route (起自甲县，途经乙县，止于丙县) names none of its figures' places (``lexicon.without_route``);
a reference word after a clause's opening words (手续完善后该项目) still points back, it names no
project; and in an item that named exactly one project and no batch, a figure whose keyword says only
项目 (……签订合作协议，整体规划项目投资X) is that project's.

A heading that is only a project's name is the subject of the figures right under it
(``title_project``); a clause's subject the item called a project before (甲小镇项目……。甲小镇位于……)
is that project without its 项目; a trade's projects singled out of a batch (其中X产业项目……，包括：甲、乙等)
are a part of the batch by category; a paragraph after a list's entries (- 某区：30个项目。) does
not inherit the last entry's place.

A figure bounding a criterion (总投资1亿元及以上, 3亿元以上(含), 2亿元以下) is no one's investment; a
clause headed by a place outside Hebei (江苏省重大项目完成投资X) states no Hebei figure unless a Hebei
place or an investor follows it.  An approval (同意甲公司建设乙项目) or a notice's 项目名称：entry names
the project a later bare 总投资 is about; a public body's amount before the project it builds
(某管委会拟投资X，在某镇建设乙项目) is that project's.  A portfolio total followed by 包括 its places'
amounts gives one fact per place; 完成X亿元投资 states the amount before 投资; works counted in their
own units (改造96个老旧小区, 中小学12所) and an area's housing programme (全省棚改) are portfolios
though no 项目 is said; projects described by their fields (甲、乙等领域的……项目) or a financing
model (PPP项目) are a kind, not a name.

Places that say nothing of a figure's own: whom projects serve or border (服务雄安新区, venues.served),
a place inside an event's short quoted name (“四个一百进唐山”推介会), a rank (市级), a topic review's
clauses (重大项目方面，甲新区……: each place its clause's own).  A township names its county when the
text names none (gazetteer.township_county); a district name two cities share (新华区) is the one its
city or the item's context gives, reported by its plain name and its own code.  A list written as one
name (甲、乙等4个项目 / 甲县段、乙区段) and counts of works (31条(段)……项目) are groups, not projects.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass

from xiangmu.vocabulary import CATEGORIES, STAGES

from .bands import category_subset, size_band, verb_before_object
from .gazetteer import COMMON_SHORTS, PROVINCE, PROVINCE_SHORT, Gazetteer
from .items import Item, most_specific, province_wide
from .lexicon import CITY_WORDS as _CITY_WORDS
from .lexicon import (
    DATELINE,
    FIRM_SUFFIXES,
    LANDING_VERBS,
    LIST_ENTRY,
    NAMED_AFTER_PLACE,
    NOT_IN_FIRM,
    OUTSIDE_NAMES,
    OUTSIDE_PLACE,
    REFERENCE_NOUNS,
    REFERENCE_WORDS,
    TOPIC_OPENING,
    VISIT_VERBS,
    closing,
    in_short_quote,
    none_of,
    one_of,
    opening,
    without_route,
    words,
)
from .lexicon import LOCAL_WORDS as _LOCAL_WORDS
from .lexicon import NATION_WORDS as _NATION_WORDS
from .lexicon import PROVINCE_WORDS as _PROVINCE_WORDS
from .model import Fact
from .nametrim import trim_name
from .normalize import Para
from .numbers import COUNT_END, COUNT_NUM, Money, find_money, parse_count
from .periods import Period, find_period
from .venues import (
    HELD_AT,
    PROJECT_AT,
    event_host,
    firm_home,
    landed_in,
    not_the_subject,
    object_mention,
    organiser_before,
    owner_after_event,
    served,
    subjects_only,
)

_SENTENCE_RE = re.compile(r"[^。！？!?]+[。！？!?]*")
# A clause: a run up to a clause mark; a comma between digits (1,200) is no mark.  (Runs of other
# characters are taken whole, [^...]+, so the alternation is tried only at commas: same matches.)
_CLAUSE_RE = re.compile(r"(?:[^，；,;：:]+|(?<=\d),(?=\d{3}))+")

# Words that date a figure to a year (今年计划投资, 年度投资目标).
_YEAR_WORDS = ("年度", "当年", "全年", "今年", "本年", "明年", "年内")
_YEAR_WORD = words(*_YEAR_WORDS)
# The investment keyword's measure (``_fact``): planned, else done (compiled once, not per figure).
_PLAN_WORD = words("计划", "预计", "拟", "目标", "任务")
_DONE_WORD = words("完成", "实现", "累计")
_AIM_BEFORE = re.compile(r"(?:力争|确保|争取|计划|预计)[^，,。；;]{0,4}$")  # 力争(年底前)完成投资X
_PERIOD_CHAR = re.compile("[年月季截今]")  # a sentence with none of them states no period
# After a place: the name of one project given as the example of a batch (甲区乙产业园等229个项目).
_EXAMPLE_OF_BATCH = re.compile(rf"(?![和及与])[^，。；,;、等]{{2,30}}?等\s*{COUNT_NUM}\s*[个项]")
# 是今年年度目标X的88.1% / 占年度计划X的: the year's plan a completed figure is a share of
_YARDSTICK_BEFORE = re.compile(r"(?:占|是|为|达到)了?(?:今年|全年|本年|当年)?(?:年度|全年)(?:投资)?(?:计划|目标|任务)$")
_ITEM_BREAK = re.compile("[；;]")
_SHARE_AFTER = re.compile(r"的\s*\d+(?:\.\d+)?\s*[%％]")
_BY_BUILDER = re.compile(r"由[\u4e00-\u9fffA-Za-z（）()]{2,24}")
_A_YEARS = re.compile(r"(?:\d{4}年|今年|年内|当年|本年|全年)\s*$")
_YEAR_AHEAD = re.compile(r"(?:全年|年内|年底前|今年)(?:累计)?")
_AIM_BEFORE_CLAUSE = re.compile(r"(?:力争|确保|争取)[^。；;]*[，,]$")  # a goal the sentence's clauses go on with
_DONE_BEFORE = re.compile(r"(?<!计划)(?<!预计)(?<!力争)(?:已|累计)?(?:完成|实现)$")
# 完成总投资X (a keyword of _KW_RE): done, unless planned or expected (计划完成总投资)
_DONE_TOTAL = re.compile(r"^(?!.*(?:计划|预计|拟)).*(?:完成|实现)总投资")
# The investment words a figure must follow: 总投资, 年度计划投资, 累计完成投资, 实际利用外资,
# 签约金额, 协议引资 ..., then filler (共, 约, 达 ...) before the amount.
_KW_RE = re.compile(
    r"(?P<kw>(?:" + one_of(*_YEAR_WORDS)
    + r"?(?:计划|预计|拟|(?:批复)?(?:初设|初步设计)?概算|估算|(?:整体)?规划(?:项目)?)?(?:累计)?"
    r"(?:共|共计|合计|总计)?(?:完成|实现)?(?:总投资|投资)(?:总额|额|总规模|规模|计划|目标|任务|概算|工作量)?"
    r"|(?:实际|合同|协议)?(?:利用|使用|引进)外资|(?:合同|协议)外资"
    r"|签约(?:总金额|金额|总额|额)|(?:协议|合同)引(?:资|进资金)(?:总额|额)?"  # 协议引进资金X: 协议引资
    r"|累计(?:完成)?投入(?:资金)?"  # 该项目累计投入资金X: a project's spend so far (``_fact``: a project's only)
    r"|投资(?:累计)?完成(?:额)?))"  # 全省港口建设投资累计完成X: the words of 累计完成投资 turned round
    r"(?P<fill>(?:共|约|高达|达|为|计|合计|共计|达到|超过|超|近|逾|分别为|分别是|分别|总计|累计|已|将|不超过)*)$"
)
# What every keyword of _KW_RE holds: a quick test before that pattern, which is tried at every character.
_KW_CORE = words("投资", "外资", "签约", "引资", "引进资金", "投入")


def _keyword_at_end(text: str) -> re.Match[str] | None:
    """``_KW_RE.search(text)``, skipped when ``text`` holds no keyword's core word (an amount
    after 营收, 利税 or no word at all is ruled out without the slow search)."""
    return _KW_RE.search(text) if _KW_CORE.search(text) else None


# Words that turn a following 投资 into something other than project investment.
_MONEY_WORDS = words("投资", "外资", "签约[总金]{0,2}额", "引资", "引进资金", "累计(?:完成)?投入")
# The investment keyword a ranking list of places with bracketed figures follows.
_BRACKET_KW = re.compile(r"(?:计划|年度|累计)?(?:完成投资|投资完成|总投资|计划投资|投资目标|投资任务)")
_LOAN_WORDS = words("贷款", "授信", "信贷", "融资", "放款", "投放", "银行")
_NOISE_BEFORE_KW = closing(
    *("研发", "科研", "研究", "设备", "固定资产", "社会", "民间", "技术改造", "基金", "融资", "贷款", "补贴"),
    *("奖励", "资金", "股权", "风险", "对外", "境外", "单体", "单个", "单项", "平均", "人均", "亩均", "每亩"),
    # 带动投资/拉动投资/撬动社会资本投资: induced spending elsewhere, not the projects' own
    *("带动", "拉动", "撬动", "吸引", "吸纳", "资本", "有效"),
)
_INDUCED = re.compile(r"(?:带动|拉动|撬动|吸引|吸纳)[^，。；,;]{0,8}$")  # 拉动上下游投资X
# 安平县的甲项目、饶阳县的乙项目: each project's place, for a later sentence naming it alone.
_PLACE_DE_NAME = re.compile(r"的(?P<name>[^，。；、,;的]{2,30}?(?:项目|工程))")
# 甲项目是某市一项…工程 / 作为全县一个…项目: the count of one describes the project named before it.
_IS_ONE = re.compile(r"(?:是|为|作为|属于|系)[^，。；,;]{0,12}$")
_BARE_REF_OPENING = re.compile(
    r"^(?:该|这一|此)?(?:项目|工程)(?:选址|位于|总占地|占地|规划|建筑面积|总建筑面积|建设内容|主要建设)"
)
_PER = r"(?:个(?!月|工作日|小时|星期|百分点)|项)"  # (建设周期36个月: a duration, no count)
_COUNT_AFTER_RE = re.compile(rf"(?P<n>{COUNT_NUM})\s*{_PER}(?P<mid>[^，。；、,]{{0,12}}?)(?:项目|工程)")
# Words between a batch noun and its count (项目总数达, 项目计划340项, 项目安排350项, 项目签约17个).
_COUNT_LINK = (
    r"(?:总数|数量|数)?(?:计划|安排)?(?:新签约|签约|开工|竣工|投产|落地)?(?:共|共计|合计|总计)?(?:达到|达|为|有)?\s*"
)
_COUNT_BEFORE_RE = re.compile(rf"(?P<mid>[^，。；、,]{{0,16}}?)(?:项目|工程){_COUNT_LINK}(?P<n>{COUNT_NUM})\s*{_PER}")
# 按县区划分：某区3项: a place's share of the batch, the batch noun left out.
_PLACE_COUNT_RE = re.compile(
    rf"^\s*(?:其中)?(?P<p>[^，。；、\d]{{1,12}}?)(?:共有|有)?(?P<n>{COUNT_NUM})(?:个|项)(?:项目)?\s*$"
)
# The rate is bounded (at most 4 digits and 4 decimals): a rate, never a digit run.
_RATE_RE = re.compile(
    r"^[^。；;]{0,4}?(?:(?:占|完成|为|达到|达)[^，。；;]{0,12}?(?:目标|计划|任务|总投资)(?:投资)?的?"
    r"|(?:投资)?完成率(?:分别)?(?:为|达)?)(?P<r>(?<!\d)\d{1,4}(?:\.\d{1,4})?)[%％]"
)
# A dateline or byline before the first figure (某某日报讯（记者 某某）总投资X亿元……).
_DATELINE = (
    r"(?:(?:本报|[\u4e00-\u9fff]{2,8}(?:日报|晚报|新闻网))(?:讯|电)?\s*(?:[（(][^）)]{0,40}[）)])?"
    r"|[（(](?:记者|通讯员)[^）)]{0,40}[）)])\s*"
)
_LEADING = re.compile(
    r"^(?:" + _DATELINE
    + r"|其中|包括|另外|此外|同时|据介绍|据悉|据了解|目前|如|比如|例如|以及|和|及|与|还有|分别是|即|为|预计|预期)+"
)
# Only multi-character connectors are stripped from names: 和/如/与 may begin a real name.
_LEADING_NAME = re.compile(
    r"^(?:" + DATELINE + r"\s*(?:[（(][^）)]{0,30}[）)])?\s*|" + _DATELINE
    + r"|其中|包括|另外|此外|同时|据介绍|据悉|据了解|"
    r"目前|近日|日前|比如|例如|以及|还有|分别是|[一二三四五六七八九十]是|其[一二三四五六七八九十]是|(?:记者|笔者)?(?:在|走进|来到|深入)|(?:此次|本次|这次|集中|现场)?(?:签约|开工|竣工|投产|观摩)的|(?:这次|此次|本次|这批|该批)[^的，,]{0,8}的"
    r"|(?:公司)?(?:控股|全资)子公司)+"  # (公司控股子公司甲公司: the announcer's relation to the firm)
)
# A name ends before the list it was put on (甲项目列入全省重点项目 / 被列为省级重点项目).
_LISTED_AS = ("列入", "纳入", "被列", "被纳", "列为", "入选", "被确定为", "被评为", "跻身")
_NAME_STOP = re.compile(
    one_of(
        *("正在", "已经", "已于", "已", "将于", "将", "于", "目前", "预计", "计划"),
        *("顺利", "全面", "主要", "建成后", "部分", "等", "，", ","),
        *_LISTED_AS,
        "在内",  # 包括甲公司建设乙项目在内的20个项目: 乙项目, one of them
    )
)
_ANAPHORA = {"项目", "该项目", "此项目", "这个项目", "这一项目", "本项目", "项目计划", "工程", "该工程"}
_NP_END = re.compile(
    one_of(
        *("是", "位于", "选址", "为", "由", "总投资", "投资", "总占地", "占地", "计划", "将"),
        *("于", "主要", "已", "正在", "建成", "作为", "属于", "系"),
        # 甲河生态修复二期工程西起某城区，全长43公里，概算总投资X: a route or a length after the works
        *("全长", "总长", "西起", "东起", "南起", "北起", "起自", "起于"),
        r"进展(?=顺利|迅速|良好|加快)",  # 甲工程进展顺利
        # 甲小镇以建设乙示范项目为目标: the goal after the subject, not its name
        r"以(?=(?:建设|打造|创建|争创)[^，。；,;]{2,40}?为(?:目标|定位|方向|重点|抓手|主题))",
        # 甲医院开工奠基，总投资X: the works' event closing the clause after its name
        r"(?:正式|成功|顺利)?(?:开工奠基|开工建设|开工|奠基|动工|开建|签约|落地|竣工|投产)(?=[，,。；;！!]|$)",
        # 甲产业园(项目)规划占地N亩 / 该项目拟占地 (城市规划馆 stays whole)
        r"(?<=项目|工程)(?:规划|拟)|(?<=[园场])(?:规划|拟)(?=占地|建设|总投资|投资|面积)",
        r"(?<=[园场目程心地厂])(?:总建筑面积|建筑面积|用地面积)",  # 甲产业园总建筑面积N平方米，总投资X
        *_LISTED_AS,
    )
)
# What happens to a project as news: it breaks ground, is completed, signed, put into use ...
_EVENTS = one_of("建成", "开工", "竣工", "投产", "签约", "落地", "落户", "开业", "投用", "运营", "启动", "动工", "奠基")
_EVENT_VERB = re.compile(r"(?:项目|工程)[^，]{0,16}?" + _EVENTS)
# 某某示范项目(一期工程)(日前)(在某县)(正式)开工: the project the item's next figures are about.
_NP_EVENT = re.compile(
    r"(?:^|的)(?P<name>[^，、的在于]{2,30}?(?:项目|工程)(?:[（(][^（()）]{1,16}[）)])?)"  # 道路工程(某路以南)
    r"(?:[一二三四]期|[\u4e00-\u9fff]{2,6}?部分)?(?:工程)?(?:日前|近日|当日|今天|昨天)?"  # 甲项目新能源部分开工
    r"(?:[在于][^，、的在于]{2,12}?)?"
    r"(?:\d{1,2}月\d{1,2}日)?(?:正式|顺利|全面|已经|已|日前|近日|当日|集中|如期|按期|提前)?(?:破土)?" + _EVENTS
)
_EVENT_TAIL = re.compile(
    r"(?<=[项目工程园区心地线厂站])(?:正式|顺利|全面|集中)?(?:开工|建成|竣工|投产|签约|落地|开业|投用)(?:建设|仪式)?$"
)
# 活动在某某项目(建设)现场举行: the site names the project the next sentence's 该项目 means.
_NP_SITE = re.compile(
    r"(?:^|在|于|到|赴|走进|的)(?P<name>[^，、的在于]{3,30}?(?:项目|工程|产业园|基地|电站)(?:[一二三]期(?=建设|施工))?)"
    r"(?:一期|二期|三期)?(?:建设|施工)?(?:现场|工地)"
)
_SINGLED_OUT = re.compile(r"^\s*其中[，,]?(?!包括|包含|含|有|涉及|既有|如|像)")
_OPENERS = ("分别(?:是|为)", "依次(?:是|为)", "具体(?:是|为)")
_LIST_OPENER = closing(*_OPENERS, "如下", "包括")
_OPENER_INSIDE = re.compile(one_of(*_OPENERS) + "(?![：:])")  # 项目分别是甲项目 (no colon)
_ORDINAL = re.compile(r"^(?:[一二三四五六七八九十]是|其[一二三四五六七八九十]是?|第[一二三四五六七八九十]个?[是为]?)")
_NOT_A_NAME = opening("涉及", "涵盖", "包括", "主要", "其他", "其余", "另有", "还有", "此外")
_PREDICATE = opening("属于", "属", "是", "也是", "还是", "为", "系", "作为", "成为", "列为", "入选")
# The words a project's name ends with (甲产业园, 乙生产线); _NP_EVENT and _NP_SUBJECT take the first two.
_NAME_SUFFIXES = ("项目", "工程", "工厂", "厂", "园", "园区", "中心", "基地", "生产线", "机场")
# (甲产业园一期: a park's first phase; 项目二期 is a phase of the project in context, _PHASE_HEAD)
_NP_SUFFIX = re.compile(
    one_of(*_NAME_SUFFIXES) + "$|" + one_of(*(s for s in _NAME_SUFFIXES if s not in ("项目", "工程"))) + "[一二三四]期$"
)
# 总投资X亿元(在某县)建设的甲项目: the figure of the project named after it, where it is built.
# 新建/兴建, never ending right before 设: after a place ending in 兴 or 新, 在定兴建设 is 定兴 + 建设,
# not 定 + 兴建 (the place and the project's name would each lose a character).
_NEW_BUILD = r"新建(?!设)|兴建(?!设)"
# 投资X亿元(在某县)建设/开发了……项目: what the figure builds, and where.
_BUILD_VERBS = r"(?:建设|" + _NEW_BUILD + r"|打造|实施|建成|开发|迁建|扩建|改扩建)了?"
_BUILD_AFTER = re.compile(
    r"^(?:在(?P<at>[^，；。的]{2,12}?))?" + _BUILD_VERBS + r"的?(?=[^，；。]*(?:项目|工程|医院|学校|电站))"
)
# 某县投资了X亿元，修建了甲大道: a spend stated in the past, then the works it built (named, not a count).
_SPENT_ON = re.compile(
    r"[，,]\s*(?:" + _BUILD_VERBS.removesuffix("了?") + r"|修建|改造|建起)了"
    r"(?!(?:\d+|[一二两三四五六七八九十百千多数]+)[条个座所处项批家])"  # 修建了20条道路: a count, no name
    r"(?P<name>[^，,；;。、的]{2,30}?(?:项目|工程|大道|公路|道路|大桥|隧道|景区|公园|广场|园区|基地|中心|小镇|场馆|医院|学校))"
    r"(?=$|[，,；;。])"
)
# 某新区设立6年多来 / 自某区成立以来: the span since a place was set up, ending the clause before a total.
_SINCE_SET_UP = re.compile(
    r"(?:设立|成立|获批|批复设立|建区|设区)(?:(?:\d+|[一二两三四五六七八九十]+)(?:多)?(?:年|个月)(?:多)?)?(?:以来|来)[，,\s]*$"
)
# 总投资X、占地N亩的甲产业园: the figure's project after its other measures (size, floor area, output).
_SIZED_OF = re.compile(
    r"^[、，,]\s*(?:占地面积|占地|(?:规划)?总?建筑面积|规划面积|规划用地|用地面积|流转土地|年产|装机容量|装机)"
    r"(?:约|达|近|超过)?[\d.一二三四五六七八九十百千万]+\s*(?:万?亩|万?平方米|平方公里|公顷|万?吨|万?千瓦|兆瓦)的"
    r"(?=[^，；。]{2,40}(?:项目|工程|园|基地|中心|城|楼|学校|小学|中学|医院|馆))"  # (a school's building too)
)
# Where the next item of a list begins: its own investment word (、总投资5亿元的……) or its own
# figure (、3亿元的……).
_NEXT_KEYWORD = (
    r"[、，；]?(?:以及|和|及)?(?:计划总投资|总投资|计划投资|投资)\s*(?:约|达|为|超过|超|近|逾)?\s*[\d一二三四五六七八九十]"
)
_NEXT_FIGURE = re.compile(_NEXT_KEYWORD + r"|、\s*(?:约|近|超)?\d+(?:\.\d+)?\s*(?:万|亿)元的")
# 投资X亿元的重点项目439项 / 的“双基”工程41项: the count follows the batch noun.
_NOUN_COUNT = re.compile(
    rf"^[^，。；、,]{{0,12}}?(?:项目|工程)(?:共|共计|总数|数量)?(?:达到|达|为|有)?(?P<n>{COUNT_NUM})(?:个|项)"
)
# After a list's last item, its count and the list's noun (……丙项目5个过亿元项目).
_COUNT_OF_LIST = re.compile(r"[^，。；、,]{0,10}?(?:项目|工程)")
_ETC_COUNT = re.compile(rf"^[^，。；,;]{{0,60}}?等\s*(?P<n>{COUNT_NUM})\s*(?:个|项)[^，。；,;]{{0,20}}?(?:项目|工程)")
_SIZE_CLASS = re.compile(r"^(?:及以上|以上)?(?:的)?(?:[\u4e00-\u9fff]{0,4})?项目[0-9一二三四五六七八九十]")
_LEAD_COUNT = re.compile(rf"(?:共|总计)?(?P<n>{COUNT_NUM})(?:个|项)")
# Works named by what they are (甲水库, 乙医院丙院区): a name needs no 项目 after them (``_named_works``).
_WORKS_KINDS = (
    *("专用线", "生产线", "铁路", "公路", "大桥", "水库", "电站", "医院", "院区", "隧道", "枢纽", "码头", "风电场"),
    "基地", "中心", "校区",
)
# (a route or hub names itself in a description as often as in a name: 这个……大型物流枢纽)
_NP_SUFFIX_ANY = words(
    *("项目", "工程", "厂", "园", "中心", "基地", "生产线", "医院", "院区", "电站", "水库", "机场", "校区"),
)
# Sectors a city's projects are grouped by besides the categories of xiangmu.vocabulary.
_SECTOR_WORDS = ("交通", "城建", "市政", "水利", "能源", "教育", "卫生", "医疗", "生态", "环保", "战略性", "新兴")
# 包括：投资2亿元甲中学建设项目；投资3000万元的乙项目: a list item's name right after its figure, no 的.
_DIRECT_NAME = re.compile(
    r"(?=[\u4e00-\u9fffA-Za-z0-9（）()“”]{2,48}?(?:项目|工程)(?:$|[；;，,。、]|和|及|"
    rf"{COUNT_NUM}(?:个|项)))(?![以及和与])"  # (……亿新建项目14个: the batch noun and its count)
)
# A "name" made only of these words and characters denotes a batch, not one project.
_GENERIC_NAME = words(
    r"(?:\d+|[一二两三四五六七八九十百千]+)(?:个|项|批)",
    *("项目", "工程", "重点", "省市", "省级", "市级", "县级", "本次", "此次", "这次", "本批", "该批"),
    *("这批", "首批", "[春夏秋冬]季", "观摩", "集中", "新开工", "开工", "续建", "新建", "在建", "建设", "实施"),
    *("完工", "竣工", "投产", "达产", "落地", "单个", "单体", "每个"),
    *("计划", "安排", "签约", "引进", "入库", "储备", "谋划", "产业", "累计", "今年", "去年", "上年"),
    *("前年", "全年", "年度", "上半年", "下半年", "以上", "各类", "所有", "全部", "上述", "这些", "一批"),
    *("亿元", "万元", "全市", "全省", "全县", "全区", "我市", "我省", "该市", "该县", "该区", "本市"),
    *("重大", "优质", "龙头", "季度", "招商", "好", r"\d", "[一二三四五六七八九十百千]", "总体", "整体"),
    # a financing model names a kind of project, none of them (PPP项目签约17个)
    *("PPP", "EPC", "BOT", "TOT", "ROT", "BOO", "模式"),
    # a trade or sector names a kind of project (重大民生项目, 城建交通项目), longest first
    *sorted({*CATEGORIES, *_SECTOR_WORDS}, key=len, reverse=True),
)
# Projects a place attracted (吸引……项目): brought in, as 引进 says.
_ATTRACTED = re.compile(r"吸引(?!力)[^，。；,;]{0,40}?项目")
# Projects described by the fields they are in (生物医药、装备制造等领域的新兴产业项目): a kind, no name.
_FIELDS_OF = re.compile(r"等(?:领域|行业|产业|方面|门类)的?")
_ORDINAL_NAME = re.compile(r"^(?:其)?第[\d一二三四五六七八九十]+(?:条|个|家|座|批|处)")
_YEAR_LEAD = re.compile(r"^(?:\d{4}|今|去|明|前)年度?")
_GENERIC_CHARS = '新省市县区年月日在第个的等类共批大小该此本这各其余中及和、“”"（）() '
_THRESHOLD_AFTER = re.compile(r"^(?:的)?[\u4e00-\u9fff]{0,6}?项目")
# A place opening an outlet's name in a byline (北京青年报记者了解到, 上海证券报讯): the reporter's paper,
# not what the sentence is about.
_NOT_OUTLET = (
    r"(?![^，,。；;：:\s]{0,5}?(?:报|电视台|广播电台|电台|新闻网|通讯社)社?"
    r"(?:记者|通讯员|讯|消息|报道|客户端|获悉|了解到))"
)
# A place outside Hebei heading a clause (2024年江苏省重大项目完成投资X / 北京市今年安排……): the figure's subject.
_OUTSIDE_HEAD = re.compile(
    r"(?:^|[，,；;：:。])\s*(?:(?:" + DATELINE
    + r"|(?:\d{4}|今|去|明|前)年(?:以来|上半年|下半年|前三季度|[一二三四]季度|\d{1,2}月)?"
    r"|近年来|目前|近日|据悉|据了解|同时|此外|另外|而|截至\d{4}年(?:\d{1,2}月)?(?:底|末)?)[，,]?\s*)*"
    r"(?P<place>" + OUTSIDE_PLACE + ")" + _NOT_OUTLET
)
# What, after such a place, makes the figure Hebei's again: a Hebei word or an investor from there.
_BACK_HOME = words(*_PROVINCE_WORDS, *_CITY_WORDS, *_LOCAL_WORDS, "河北", "公司", "集团", "企业", "客商", "投资商")
# An amount bounding what qualifies (1亿元及以上, 5亿元以上(含), 2亿元及以下): a criterion.
_BOUND_AFTER = re.compile(r"^\s*(?:[及或和](?:以上|以下)|以下|以内)")
_CATEGORY_LEAD = re.compile(
    r"^.*(?:安排|实施|推进|谋划|开工|签约|续建|新建|在建|储备|竣工|投产|引进|共有|共|有|其中|包括|市|县|区|省|级|的|重点)(?=.{2,})"
)
_CATEGORIES = CATEGORIES
# A batch's part (……开工项目中，产业项目36项): the words before it end with 其中 or ……项目中.
# A name of a trade's projects, no one project's: 生物医药产业项目, 现代物流业项目, 文旅类项目.
# (装备制造及系列产业项目, 甲和乙产业项目: one partner's own projects, no trade's share of a batch.)
_TRADE_NAME = re.compile(r"^(?![^及和与、]*[及和与、])(?!.*系列)[\u4e00-\u9fff]{2,10}(?:产业|行业|业|类)项目$")
_PARTITIVE = re.compile(r"(?:其中|(?:项目|工程)中)[，,：:]?\s*$")
_INCLUDES = re.compile(r"包括|其中")
_KIND = re.compile(r"[\u4e00-\u9fff]{2,10}")
# Words of a part that is no kind of project: a status, a level, a size, money (前期项目, 在库重大项目,
# 通过审核的项目, 一般性项目, 省级项目, 引资项目).
_NOT_KIND = words(
    *("期", "复工", "复产", "在库", "入库", "储备", "审核", "审批", "通过", "一般", "重大", "重点", "资"),
    *("亿元", "万元", "以下", "批", "省", "市", "县", "级"),
)
# Stages and their cue words, in detection order: xiangmu/vocabulary.py.
_STAGES = tuple((s.code, re.compile(s.cue)) for s in STAGES)
# Only the venue of a ceremony (在某区设主会场); 某区分会场 is that place's own part of it.
_VENUE_AFTER = re.compile(r"[^，,。；]{0,6}?(?:设(?:主|分)?会场|主会场)")
# A signing: 签约, or an agreement signed (签署合作协议, 签订投资合同).
_SIGNING = re.compile(r"签约|(?:签署|签订)[^，。；]{0,10}?(?:协议|合同)")
_PLACE_JOIN = re.compile(r"\s*(?:段|本级)?(?:、|和|及|与)\s*")  # 甲县段、乙区段: a route's sections, one list
# After a list of places, a word that makes them one subject (两地, 三县, 等地, 共).
_AREAS = r"(?:地|县|市|区|县区|县市区|区县|区县市|县市)"
_JOINT = re.compile(rf"(?:等{_AREAS}|等?[两二三四五六七八九十\d]{{1,3}}个?{_AREAS}|共|合计|共计)")
_NEW_LEAD = opening(DATELINE, "[（(]记者")
_MANY = "*"  # a paragraph opening with a list of places: about none of them alone
# A photo caption: one short sentence with no figure (位于某县的某公司生产车间。).
_CAPTION = re.compile(r"^(?:图为)?[^。！？\d：:]{4,40}[。]?$")
# A paragraph opening with a zone's name (某某新区总投资……): if we do not know the zone,
# the figure is not about the place the paragraph before spoke of.
_ZONE_OPENING = re.compile(
    r"^[\u4e00-\u9fff]{2,10}?(?:新区|经开区|高新区|开发区|管理区|新城|示范区|园区)"
    r"(?=[^\u4e00-\u9fff]|总|投资|共|今年|实施|完成|谋划|集中)"
)
_PLACE_RANKED = re.compile(r"[^，,。；]{0,4}?(?:位居|位列|排名|排在|名列)")
# After a project's place (在某县……开工建设 / ……首届农博会上签约): the project's own verb, not a ceremony's.
_SITED_VERB = re.compile(r"[^，,；;。]{0,12}?(?:开工|建设|签约|投产|竣工|落地|落户)")
_BATCH_IN_TAIL = re.compile(r"\d+\s*(?:个|项|批)|[一二三四五六七八九十两]+(?:个|项|批)|集中|举行|举办|等")
_CLAUSE_END_RE = re.compile(r"[，,；;。！？!?]")
# The same, and a colon or a line break too: 甲市：乙、丙 lists after the place, not the place in a list.
_CLAUSE_OR_COLON_END = re.compile(r"[，,；;。！？!?：:\n]")
# A port named after its city's short name (沧州港, 唐山港): the port's, not the city's own words.
_PORT_OF = re.compile(r"[\u4e00-\u9fff]{2,3}港(?![澳台])")
_VENUE_BEFORE = closing("在", "于", *LANDING_VERBS, "位于")
# 在某县/赴某市: a place the paragraph's subject went to (得益于某县 is the subject itself).
_AT_PLACE = re.compile(r"(?:在|赴|到|落户|落地|(?<![益由对关属至等善敢])于)$")
# A sentence that details the batch or period of the sentence before it.
_FOLLOW_UP = re.compile(
    r"^\s*(?:其中|这些项目中|上述项目中|此次(?:集中)?(?:开工|签约|竣工)?的?项目中"
    rf"|(?:这|上述|以上)(?:{COUNT_NUM})?(?:个|项|批)?项目(?:分别|包括|依次))"  # 这7个项目分别为：……
)
# 石家庄、唐山、保定分别完成投资A、B、C: one figure per place (or category), in order.
_RESPECTIVELY = re.compile(r"分别(?:为|是|达|达到|完成|实现)?")
_LIST_GAP = re.compile(r"^(?:、|和|及|以及|，)?$")
_PROJECT_JOIN = re.compile(r"(?<=项目|工程)(?:、|和|及|以及|与)")
_GROUP_JOIN = re.compile(r"(?<=[个项目程])(?:、|和|及|以及|与)")  # 20个甲项目、200个乙项目 / 甲项目20个、乙项目200个
# A verb or level word before a list of categories (安排工业项目和……, 重点服务业项目……).
_TRADE_LEAD = opening("安排", "实施", "推进", "谋划", "新开工", "开工", "签约", "续建", "新建", "在建", "重点")
_EVENT_STAGES = ("groundbreaking", "signed", "completed")
_AREA_RE = words(*_LOCAL_WORDS[:-1])  # 全县/该区 ... (not 园区内)
_DEICTIC_RE = words(*_CITY_WORDS, *_PROVINCE_WORDS, *_LOCAL_WORDS, *_NATION_WORDS)
# The words a county's or district's own text names itself by: when none of the text's places
# is of that kind, the figure's place is unknown (rejected.py records it), never the city.
_OWN_AREA = words("我县", "本县", "全县", "我区", "本区", "全区")
_RANKING_AFTER = re.compile(r"(?:第[一二三四五六七八九十\d]|前列|前[三五十]|首位|之首|领先|排名|最[多高大])")
# ……居全市前列 / 列入全省重点项目: 全省 there is a yardstick or a list, not the figure's subject.
_RANKING_BEFORE = closing("居", "位居", "位列", "列", "排", "占", *_LISTED_AS)
# Which kinds of place a deictic word can point back to (该县 -> a county named earlier).
_DEICTIC_KINDS = {"市": ("city", "county_city"), "县": ("county", "county_city"), "区": ("district", "zone")}
# A head made only of time words and adverbs: the figure is about the batch in context
# (……集中开工项目30个。截至9月底，已累计完成投资X).
_TIME_ONLY = re.compile(
    r"^(?:截至|截止)?(?:目前|当前|今年以来|年初以来|今年|明年|\d{4}年度?|全年|[^，。；]{0,8}?月(?:底|末|份)?(?:以来)?|"
    r"(?:第?[一二三四1-4]|前三)季度(?:末|以来)?|[上下]半年|"
    r"已经|已|实际|共|累计|均|还|并|同时|其中|此外|另外|这些项目|上述项目|以上项目)*$"
)
# An area's sector as a figure's whole subject (今年全省高速公路建设): its projects, named by no 项目.
_SECTOR = (
    r"(?:高速公路|普通干线公路|普通国省干线|干线公路|农村公路|公路养护|公路|地方铁路|铁路|(?:交通|市政)?基础设施|交通运输|交通"
    r"|水利|港口|港航)(?:建设)?(?:领域)?(?:年度)?"
)
_TIME_LEAD = re.compile(r"^(?:今年|年内|全年|明年)")
_SECTOR_HEAD = re.compile(
    r"(?:今年|年内|全年|\d{4}年)?" + one_of(*_PROVINCE_WORDS, *_CITY_WORDS, *_LOCAL_WORDS)
    + r"(?:今年|年内|全年)?" + _SECTOR
)
_PLACE_SECTOR = re.compile(r"(?:今年|年内|全年)?(?P<place>[\u4e00-\u9fff]{2,12}?)(?:今年|年内|全年)?" + _SECTOR)
# An area's housing programme (今年全省棚改计划开工N套，完成投资X): its works, counted in homes, not 项目.
_PROGRAMME_HEAD = re.compile(
    one_of(*_PROVINCE_WORDS, *_CITY_WORDS, *_LOCAL_WORDS)
    + r"(?:今年|年内|全年)?(?:棚改|棚户区改造|老旧小区改造|城中村改造)"
)
# ……，其中高速公路计划建设173公里，计划完成投资X: a sector's item, its figure in the next clause
_SECTOR_ITEM = re.compile(r"(?:^|[，,；;])\s*(?:其中)?" + _SECTOR + r"[^，,；;。]*[，,]\s*$")
_SECTOR_WORKS = re.compile(_SECTOR + r"(?:养护|改造|新改建|改建|新建|维修|提升)?(?:工程|项目)?")
_SECTOR_ALONE = re.compile(_SECTOR)  # 全省高速公路计划投资X，普通干线公路计划投资Y: the next sector of that area
_ADVERB_TAIL = re.compile(r"(?:目前|现已|已经|已|共|均|将|预计|累计|今年|年内)+$")
_FIRM = words("公司", "集团", "企业", "厂")
# A word pointing back at one project named before (该产业园, 这个基地, 该工程).
# What follows the reference word: the noun it points back with, a phase, a plan (该基地一期计划).
_REF_NOUN = "(?P<noun>" + "|".join(REFERENCE_NOUNS) + ")(?:一期|二期|三期)?(?:计划|建成后)?$"
_REF_RE = re.compile("^" + one_of(*REFERENCE_WORDS) + _REF_NOUN)
_REF_BEFORE = closing(*REFERENCE_WORDS)
# A bare 项目 with only planning words before it (整体规划项目, 项目): one project, never a count of them.
# (此次签约项目总投资X: in an item naming one project and no batch, that project)
_ONE_PROJECT = re.compile(r"(?:此次|本次|这次)?(?:签约|落户|引进|开工)?(?:整体|总体)?(?:规划|计划)?(?:项目|工程)")
# The same word after a clause's opening words (手续完善后该项目, 投产后此工程): still the referent,
# never a name of its own (本 only opening: 资本项目 is no reference).
_REF_TAIL = re.compile(one_of(*(w for w in REFERENCE_WORDS if w != "本")) + _REF_NOUN)


def _ref_word(head: str) -> re.Match[str] | None:
    """The reference word (该项目) ``head`` is, or ends with after words that name nothing."""
    return _REF_RE.match(head) or _REF_TAIL.search(head)


# 该公司(实施的)乙项目: a project named after the firm the text named before.
_THE_FIRM = ("该公司", "该企业", "该集团", "这家企业", "这家公司")
_THE_FIRM_HEAD = re.compile(one_of(*_THE_FIRM) + r"(?:[^，。；的]{0,4}的)?")
_FIRM_NAME = re.compile(
    r"[^\W\d_的在于和与及是为由将对从向]{2,30}?(?:股份有限公司|有限责任公司|有限公司|集团)(?![\u4e00-\u9fff]{0,2}的?项目)"
)
# 这一(总投资X的)绿色能源项目: a few words describing what the reference word points back at
_DESCRIBED_NOUN = re.compile(r"[^，。；、,;的\d]{1,8}?(?P<noun>" + "|".join(REFERENCE_NOUNS) + r")(?=[，。；,;\s]|$)")
# 这个(投资X亿元的项目): a reference word alone before the figure
_REF_ONLY = re.compile("^" + one_of(*REFERENCE_WORDS) + "$")  # 该产业园: the noun's own reference word, no name
_NAME_BOUNDARY = words(
    # 甲纸业(河北)有限公司: a firm's bracketed place is part of its name, no boundary
    r"[，。；、：！？\s“”\"]|[（(](?![\u4e00-\u9fff]{2,6}[）)](?:股份)?(?:有限|公司|集团))"
    r"|[）)](?!(?:股份)?(?:有限|公司|集团))",
    *("的", "在", "于", "是", "将", "建设", "新建", "开工", "位于", "投资"),
    *("落户", "签约", "实施", "推进", "所属"),  # 甲集团所属乙公司丙项目: the subsidiary's project
    *("了", "听取", *VISIT_VERBS),  # 市长听取了甲项目进展汇报: a verb and its doer, never in the name
)
# 投资3亿元的甲电站、1.2亿元的乙制氢等项目: a figure in a list shares the keyword before it.
_LIST_ITEM_GAP = re.compile(r"^的?[^，；。：]{1,40}?[、和及]$")

# A paragraph opening with a reference word (该项目……): the project it means may be named
# only in the photo caption next to it.
_REF_OPENING = re.compile(r"^\s*[“\"]?" + one_of(*REFERENCE_WORDS) + "(?:项目|工程)")
_CAPTION_MARK = re.compile(r"^[▲△▼↑↓←→\s\u3000]*(?:(?:上|下|左|右|组)?图[为：:]|图片为)?")
_CAPTION_NAME = re.compile(r"[^，。；、：:\s（(]{2,40}?(?:项目|工程)(?:[一二三四]期)?")



def caption_subject(caption: str, gaz: Gazetteer, context: str | None) -> tuple[str, str | None] | None:
    """The project a photo caption shows (图为某县甲项目施工现场) and the place it names.

    A caption is no prose: it only lends this name to the paragraph beside it that says
    该项目 without naming one; it never sets the place of any other paragraph.
    """
    text = _CAPTION_MARK.sub("", caption, count=1)
    m = _CAPTION_NAME.search(text)
    if m is None or _is_generic(m.group(), gaz):
        return None
    found = gaz.find(text[: m.end()], context)
    return m.group(), (found[-1][2] if found else None)


# A section heading that is only a project's name (甲公司乙项目 / 丙产业园二期工程).
_TITLE_NAME = re.compile(r"^[^，。；、,;：:！？!?\s“”\"]{3,40}?(?:项目|工程)(?:[一二三四]期)?$")


# What numbers or marks a section heading (## , （一）, 二、, 3., ①, **……**): no part of the name.
_TITLE_MARK = re.compile(
    r"^[\s\u3000#*]*(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]{1,3}[）)]|\d{1,2}[.．、]|[①-⑳])?"
)


def title_project(paras: list[Para], gaz: Gazetteer) -> tuple[str, int] | None:
    """The project a section heading names alone, and the body paragraph right under it.

    A report that gives each project a heading of its own (甲项目, then 总投资X……) states the
    project's figures with no subject: the heading is it.  Only the heading right above the
    item's first body paragraph counts, and only a name (no count, no generic batch)."""
    for k, para in enumerate(paras):
        if para.caption:
            continue
        if not para.heading:
            return None
        nxt = paras[k + 1] if k + 1 < len(paras) else None
        if nxt is None or nxt.heading:
            continue
        text = _TITLE_MARK.sub("", para.text).strip(" \u3000*#")
        if _TITLE_NAME.match(text) and _np(text, gaz) == text and not _batch_in(text, None, "", gaz):
            return text, k + 1
        return None
    return None


@dataclass
class _Batch:
    """The group of projects a clause announces; later figures in the sentence refer to it."""

    count: int | None
    stage: str | None
    category: str | None
    place: str | None = None  # set when the batch was announced after its figures, with its place


def _inside(text: str, found: tuple[int, int, str]) -> bool:
    """A place right after 的 is part of a name (…的晋州市某某牧场), unless a clause ends with it."""
    s, e, _name = found
    return s > 0 and text[s - 1] == "的" and text[e : e + 1] not in ("，", ",", "：", ":")


def _without_parties(name: str, gaz: Gazetteer) -> str:
    """甲集团与乙县新能源项目 -> 乙县新能源项目; 乙县与甲集团新能源项目 -> 甲集团新能源项目:
    the parties of a signing are no part of the project's name."""
    for s, e, _place in gaz.find(name):
        if name[s - 1 : s] in ("与", "和") and _FIRM.search(name, 0, s):
            rest = name[s:]
        elif name[e : e + 1] in ("与", "和") and s == 0 and _FIRM.search(name, e):
            rest = name[e + 1 :]
        else:
            continue
        return rest if len(rest) >= 4 else name
    return name


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
    # 某市安排产业类: the category is what follows the last verb, place or level word.
    mid = _CATEGORY_LEAD.sub("", _SIZE_WORDS.sub("", mid))  # 亿元以上社会投资类: the size is no category
    if mid.endswith("类") and 2 <= len(mid) <= 10:
        return mid
    for cat in _CATEGORIES:
        if mid.endswith(cat) or mid.endswith(cat + "类"):
            return cat
    return None


def _first_batch(text: str) -> tuple[_Batch, int] | None:
    """The first batch ``text`` announces, and where the clause announcing it ends."""
    for cm in _CLAUSE_RE.finditer(text):
        found = _batch_in(cm.group(), None, text[: cm.start()])
        if found is not None:
            return found, cm.end()
    return None


_NATION_HEAD = re.compile(r"^\s*(?:" + "|".join(_NATION_WORDS) + ")")


def _batch_in(
    clause: str, parent: _Batch | None, sentence_head: str, gaz: Gazetteer | None = None, before: str = ""
) -> _Batch | None:
    """The batch ``clause`` announces (开工项目15个 / 15个开工项目 / 某区3项), else None.

    ``parent`` is the batch in context, ``sentence_head`` the sentence before its first
    batch, ``before`` the sentence before this clause (……开工项目中，: this batch is a part)."""
    if "项目" not in clause and "工程" not in clause:
        if not clause.rstrip().endswith(("个", "项")):
            return None
        pm = _PLACE_COUNT_RE.match(clause)
        if pm is None:
            return None
        label = pm.group("p")
        bare = re.fullmatch(r"(?:共|共计|合计|总计|一共)", label)
        if bare and "项目" not in sentence_head and "工程" not in sentence_head:
            return None
        trade = re.search(r"(?:类|产业|行业|业)$", label) is not None
        category = (_category(label) or (_kind(label, gaz) if gaz is not None else None)) if trade else None
        if not bare and not category and (gaz is None or not gaz.exact(label)):
            return None
        count = parse_count(pm.group("n"))
        stage = parent.stage if parent and not bare else detect_stage(sentence_head)
        return _Batch(count, stage, category) if count else None
    if COUNT_END.search(clause) is None:
        return None  # no count (N个/N项) at all: neither count pattern can match
    if _NATION_HEAD.match(clause):
        return None  # 全国共设试点项目10个: the nation's projects, no batch of ours
    m = _COUNT_AFTER_RE.search(clause) or _COUNT_BEFORE_RE.search(clause)
    if not m:
        return None
    inner = _INCLUDES.search(clause, m.end())
    if inner:  # 开工的336个项目包括省市重点项目48个，总投资X: the part the clause ends with
        m = _COUNT_BEFORE_RE.search(clause, inner.end()) or _COUNT_AFTER_RE.search(clause, inner.end()) or m
    count = parse_count(m.group("n"))
    if count is None or (count == 1 and _IS_ONE.search(clause, 0, m.start())):
        return None  # 甲项目是某市一项重大民生工程: what the named project is, not a batch of one
    category = _category(m.group("mid"))
    part = _PARTITIVE.search(before[-12:]) is not None or "其中" in clause or sentence_head.startswith("其中")
    kind = None
    if category is None and gaz is not None and (parent is not None or part):
        kind = category = _kind(m.group("mid"), gaz)  # 开工项目中，战略新兴项目86项: a part by kind
    stage = detect_stage(clause)
    if stage is None and parent is not None and ((category and not kind) or part):
        stage = parent.stage  # a part of the batch before it (a kind named so needs 其中 or ……中 to say so)
    if stage is None:
        stage = detect_stage(sentence_head)
    return _Batch(count, stage, category)


# A would-be name opening with a count (500个亿元以上社会投资类项目, 20个省重点项目): a group of projects.
_COUNTED_NAME = re.compile(
    rf"^(?:共有|共|共计|合计|总计|有)?(?P<n>{COUNT_NUM})\s*(?:个|项|条|座|所|处)(?:[（(]段[）)])?(?P<mid>[^，。；、,]{{0,16}}?)(?:项目|工程)$"
    # or the count after the noun: 省重点项目20个
    rf"|^(?P<mid2>[^，。；、,\d]{{0,16}}?)(?:项目|工程)(?:共|共计|合计)?(?P<n2>{COUNT_NUM})\s*(?:个|项)$"
)
_SIZE_WORDS = re.compile(r"^.*?(?:以上|以下|过亿元|超亿元|亿元级)的?")


def _counted_group(name: str, gaz: Gazetteer) -> tuple[int, str | None] | None:
    """(count, category) when ``name``, after the places it opens with, is a count of projects
    (某市500个亿元以上社会投资类项目), not one project's name; else None."""
    rest = name
    for s, e, _place in gaz.find(name):
        if s != len(name) - len(rest):
            break
        rest = rest[e - s :]
    rest = re.sub(r"^(?:全市|全县|全区|全省|我市|我县|我区|我省|该市|该县|该区)", "", rest)
    m = _COUNTED_NAME.match(rest)
    if m is None:
        return None
    count = parse_count(m.group("n") or m.group("n2"))
    if count is None:
        return None
    return count, _category(m.group("mid") or m.group("mid2") or "")


# A would-be name that lists several projects as one: 甲、乙等4个项目 / 甲段、乙段4个项目 (a count
# closing a list) or 甲和乙等新兴产业项目 (a kind of projects after 等 closing a list), and a list of a route's
# sections (甲县段、乙区段、丙县段).  A group, not one project: one project's products (年产甲、乙项目)
# are no list of projects.
_LISTED_NAME = re.compile(
    rf"[、和与及][^，。；,;]*?(?:等)?(?P<n>{COUNT_NUM})\s*(?:个|项)[^，。；,;、]{{0,12}}?(?:项目|工程)$"
    rf"|等\s*(?P<n3>{COUNT_NUM})\s*(?:个|项|所|座|条|处)[^，。；,;、]{{0,12}}?(?:项目|工程)$"  # 甲小学等3所学校改建项目
    r"|[、和与及][^，。；,;]{2,}?等[^，。；,;、等]{0,10}?项目$"  # (等四大提升工程: one programme's works)
    r"|^(?:[^，。；,;、]{1,12}段、)+[^，。；,;、]{1,12}段$"
)


def _listed_name(name: str) -> int | None:
    """The count of projects (0 when not said) when ``name`` lists several as one, else None."""
    m = _LISTED_NAME.search(name)
    if m is None:
        return None
    if m.group("n") or m.group("n3"):
        return parse_count(m.group("n") or m.group("n3")) or 0
    return name.count("、") + 1 if name.endswith("段") else 0


# 开工的项目包括甲项目和乙项目(，总投资X): the projects a batch is made of, listed by name, not one project.
_LISTED_MEMBERS = re.compile(r"^[^，。；,;]{0,12}?项目(?:包括|有|分别为|分别是)[：:]?(?P<items>[^，。；,;]+)$")
_MEMBER_SPLIT = re.compile(r"以及|[和及与、]")


def _listed_group(name: str) -> int | None:
    """How many projects ``name`` lists when it is a batch spelled out by its members
    (项目包括甲项目和乙项目): two or more names each ending in 项目 or 工程; else None."""
    m = _LISTED_MEMBERS.match(name)
    if m is None:
        return None
    items = [i.strip() for i in _MEMBER_SPLIT.split(m.group("items"))]
    if len(items) < 2 or not all(len(i) >= 3 and i.endswith(("项目", "工程")) for i in items):
        return None
    return len(items)


_FIRM_HEAD = re.compile(r"^[^，。；、,;的]{2,30}?" + one_of(*FIRM_SUFFIXES) + "$")
# Works counted in their own units (改造96个老旧小区 / 新改扩建中小学、幼儿园12所): a programme of projects.
_COUNTED_WORKS = re.compile(
    r"(?:改造|新建|改扩建|扩建|建设|完成|实施|开工)[^，。；,;]{0,64}?\d+\s*(?:个|所|座|处|条|套|栋|户)"
    r"(?![^，。；,;]{0,6}?(?:项目|工程))"
)
_COUNTED_LISTED = re.compile(
    r"^(?:[^。；;]*[，,])?[^，。；,;]*?\d+\s*(?:所|座|处|条|套|栋)[^，。；,;]{0,20}?" + one_of(*_LISTED_AS)
)
_PART_COUNT = re.compile(r"其中[^，。；,;]{0,12}?\d+\s*(?:个|所|座|处|条|套|栋)")
# 完成X亿元投资: a completed (计划完成: a planned) amount stated before its 投资.
_DONE_AMOUNT = re.compile(r"(?P<plan>计划|预计|力争|确保|将|要)?(?:已经|已|累计|共|已累计)?(?:完成|实现)$")
_INVEST_AFTER = re.compile(r"投资(?![额者方人商主体协议合同任务计划目标])")
# ……完成了N个重点项目的投资，累计金额达X: a sum whose keyword closed the clause before it.
_SUM_ONLY = re.compile(
    r"^(?:(?:累计|共计|合计|总计)?(?:总金额|金额|总额)|累计|共计|合计|总计)(?:共|约|达到|达|为|超过|近)*$"
)
_KW_CLAUSE_END = re.compile(r"[，,]\s*$")
_ADVERB_BEFORE_VERB = re.compile(r"(?:就|已经|已|共|均|还|也|都|又)+$")
# A list of a total's parts by place (，包括甲市X、乙市Y等): where it opens, and one entry's words before its amount.
_SHARES_OPEN = re.compile(r"[，,；;]\s*(?:包括|其中|含)[：:，,]?\s*")
_SHARE_ENTRY = re.compile(r"[、，,和及]?\s*(?P<place>[\u4e00-\u9fff]{2,10}?)\s*(?:为|达|约|共)?")
# A notice's labelled entry (一、项目名称：甲项目): the project its later entries (总投资X) are about.
_LABELLED_NAME = re.compile(
    r"项目名称\s*[：:]\s*(?P<np>[^，。；,;：:\s]{3,60}?(?:项目|工程))(?=\s*(?:[。；;]|$|[一二三四五六七八九十\d]{1,2}[、.．]))"
)
# A public body as a figure's subject (某管理委员会拟投资X): it builds a project, it names none.
_FIRM_AT = re.compile(
    r"^(?P<firm>[^，。；、,;的]{2,30}?" + one_of(*FIRM_SUFFIXES) + r")(?:将|拟|计划)?在(?P<at>[^，。；、,;的]{2,8})$"
)
# ……，建设日处理生鲜乳4000吨、年产150万吨的乙加工基地: what is built, after its description
_FIRM_BUILDS_DESCRIBED = re.compile(
    r"^[，,]?\s*(?:在(?P<at>[^，。；、,;的]{2,12}?))?(?:建设|新建|投建|打造)[^，。；,;]{2,40}?的"
    r"(?P<np>[^，。；、,;的]{2,30}?(?:项目|工程|基地|产业园|园区))(?=[，。；,;]|$)"
)
_BODY_HEAD = re.compile(r"^[^，。；、,;的]{2,30}?(?:管理委员会|管委会|人民政府|政府|委员会|管理局|局|管理处|办公室)$")
# An approval naming what a body is to build (同意甲公司建设乙项目): that project, for the figures after it.
_APPROVED_NP = re.compile(
    r"(?:同意|批准|核准|准予)[^，。；,;]{2,40}?(?:投资建设|建设|实施|新建|扩建|改建)"
    r"(?P<np>[^，。；,;、的]{3,60}?(?:项目|工程))[。；;]?$"
)
# 甲公司投资X亿元，增上/新建/实施乙项目: what the company's money builds, right after the figure.
_FIRM_BUILDS = re.compile(
    r"^[，,]?\s*(?:用于|主要用于|计划|拟|将|并|重点|全力)?(?:在(?P<at>[^，。；、,;的]{2,12}?))?"
    r"(?:增上|新上|上马|建设|" + _NEW_BUILD + r"|实施|投建|打造|扩建|布局)"
    r"(?P<np>[^，。；、,;的]{2,40}?(?:项目|工程))"
)


# A project's own name after a place (沧州甲港码头项目), not a batch of the place's (沧州市重点项目, 春季项目).
_OWN_NAME = re.compile(
    r"(?:(?!重点|春季|夏季|秋季|冬季|季度|年度|全市|全县|全区|集中|一批|\d+个|[两一二三四五六七八九十]+个)[^，。；、的]){2,20}?项目"
)
# 在泊头，……: a sentence opening with only a place (short names too) is a roundup's stop there.
_AT_OPENING = re.compile(r"^\s*在(?P<place>[\u4e00-\u9fff]{2,8})[，,]")
# 来自北京的甲项目按下建设的快进键: a project named as the subject of a figurative predicate.
_NP_SUBJECT = re.compile(
    r"^[^，、的]{1,12}的(?P<name>[^，、的在于是为]{3,30}?(?:项目|工程))(?=[^，、\d]{2,16}$)(?![^，]*(?:项目|工程))"
)
# A clause that is only the event (，成功签约。) after the clause naming a project and its figure.
_BARE_EVENT = re.compile(
    r"[，,]\s*((?:成功|正式|顺利|集中|现场|已经|已)(?:签约|开工|竣工|投产|落地|开业|奠基|动工))\s*(?=[。；;！!]|$)"
)
# 由甲公司投资X亿元打造的乙项目: the company that pays for the project is part of its name
# (某公司 names no company).
_BY_FIRM = re.compile(
    r"(?:^|[，,\s])由(?!某)(?P<firm>[^，。；、,;的由与和]{2,30}?" + one_of(*FIRM_SUFFIXES) + r")\s*(?:共|总)?$"
)


# 二是投资X，加快推进总投资Y的甲项目: a figure with no subject, then the project it is spent on.
_ORDINAL_HEAD = re.compile(r"(?:[一二三四五六七八九十]是|其中|同时|另外|此外)?")
_PUSHES_ON = re.compile(
    r"^[，,]\s*(?:加快|全力|积极|重点)?(?:推进|实施|推动|建设)(?:总投资(?P<total>[^，。；,;的]{2,16})的)?"
    r"(?P<np>[^，。；、,;的]{2,40}?(?:项目|工程))(?=$|[，。；,;])"
)


def _firm_builds(head: str, after: str, rest: str) -> tuple[str, str | None] | None:
    """The project a company named as the figure's subject builds with it (甲公司投资X亿元，增上乙项目):
    the company's name and the project's, and where it is built (在某县建设), else None.  A public
    body's (某管理委员会拟投资X，在某镇建设乙项目) is the project's name alone."""
    where = _FIRM_AT.match(head)  # 甲集团将在某市投资X，建设……的乙基地: the firm, and where it builds
    if where is not None:
        head = where.group("firm")
    body = _BODY_HEAD.match(head) is not None
    if not body and not _FIRM_HEAD.match(head):
        return None
    tail = after if after.strip() else rest
    m = _FIRM_BUILDS.match(tail) or _FIRM_BUILDS_DESCRIBED.match(tail)
    if m is None:
        return None
    return (m.group("np") if body else head + m.group("np")), m.group("at") or (where.group("at") if where else None)


def _enumerated(text: str, found: tuple[int, int, str]) -> bool:
    """Whether the place at ``found`` is one item of a list of places or sites (甲区……、乙市……现场):
    what 该市 points back to is a place the text talks about, not one of a list it enumerates."""
    start, end, _name = found
    if start and text[start - 1] in "、":
        return True
    stop = _CLAUSE_OR_COLON_END.search(text, end)
    return "、" in text[end : stop.start() if stop else len(text)][:24]


def _threshold(money_text: str, after: str) -> bool:
    """An amount bounding what qualifies, no one's investment: a criterion (总投资1亿元及以上,
    5亿元以上(含), 2亿元以下) or a size class (投资5000万元以上项目)."""
    if _BOUND_AFTER.match(after):
        return True
    if money_text.endswith("以上") and after.lstrip().startswith(("(含", "（含")):
        return True
    return "以上" in money_text and _THRESHOLD_AFTER.match(after) is not None


def _kind(mid: str, gaz: Gazetteer) -> str | None:
    """The kind of projects a part of a batch is named by (战略新兴项目86项, 汽车等高端制造项目48个,
    民生补短板项目22项), when it is no stage, level, size, place, firm or investment word."""
    kind = _CATEGORY_LEAD.sub("", re.split(r"的|等|以上", _LEADING.sub("", mid.strip()))[-1])
    if not _KIND.fullmatch(kind) or _NOT_KIND.search(kind) or _FIRM.search(kind) or detect_stage(kind):
        return None
    if gaz.find(kind) or (kind != "产业" and _is_generic(kind + "项目", gaz)):
        return None  # 产业项目 (against 基础设施项目) is a kind, though no project's name
    return kind


def _before_keyword(text: str) -> str:
    """``text`` without the investment word it ends with (工业项目和服务业项目总投资 -> 工业项目和服务业项目)."""
    kw = _keyword_at_end(text)
    return text[: kw.start()] if kw else text


def _is_generic(name: str, gaz: Gazetteer) -> bool:
    if _FIELDS_OF.search(name) or _ORDINAL_NAME.match(name) or _SECTOR_WORKS.fullmatch(name):
        return True  # 甲、乙等领域的项目 / 第二条全产业链项目 / 普通干线公路养护工程: a description, no name
    name = _YEAR_LEAD.sub("", name)  # 2018年某县重点项目: the year hides the short name after it
    rest = name
    for s, e, _ in reversed(gaz.find(name)):
        rest = rest[:s] + rest[e:]
    rest = _GENERIC_NAME.sub("", rest)
    return not rest.strip(_GENERIC_CHARS)


# A company, its capacity and two products make names of 50 characters and more
# (甲科技有限公司年产800万平方米乙板材和8万套丙产品生产线项目); a clause bounds them anyway.
_NAME_MAX = 64


_KIND_AFTER_LIST = re.compile(r"等[^，。；,;、等]{0,10}?(?:项目|工程)")


_CJK_PAIR = re.compile(r"[\u4e00-\u9fff]{2}")


_DESCRIBED_LATER = re.compile(r"的(?P<name>[^，。；、的\d]{4,40}?(?:项目|工程))")


def _named_later(rest: str, gaz: Gazetteer) -> str | None:
    """The project the rest of a builder's sentence describes (……，占地N亩的乙项目一期工程……)."""
    m = _DESCRIBED_LATER.search(rest)
    name = m.group("name") if m else None
    return name if name and not _is_generic(name, gaz) else None


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
    kind = _KIND_AFTER_LIST.match(tail, len(name)) if re.search("[、和与及]", name) else None
    if kind:
        name = tail[: kind.end()]  # 投资X的甲和乙等新兴产业项目: the list with its kind (_listed_name)
    name = _EVENT_TAIL.sub("", name.strip().rstrip("。；;，,：:"))
    if not _CJK_PAIR.search(name):
        return None  # 占年度计划投资X的88.1%: a share, no name
    return name if 2 <= len(name) <= _NAME_MAX else None


_PHASE_END = re.compile(r"(?:项目|工程)(?:[一二三四]期|[（(][^（()）]{1,8}[）)])$")


# A project's site: 选址/位于/落户/坐落于 (在/于) right before the place.
_SITE_WORDS = ("选址", "位于", "落户", "坐落于", "坐落在", "建在", "落址")
_SITE_WORD = words(*_SITE_WORDS)  # a sentence worth looking at for sites at all
_SITE_BEFORE = re.compile(one_of(*_SITE_WORDS) + "(?:在|于)?$")
# 落址无极的甲公司“乙项目”: a county named short where a project is sited (no full name to find).
_SHORT_SITE = re.compile(
    one_of(*_SITE_WORDS) + r"(?:在|于)?(?P<short>[\u4e00-\u9fff]{2,3}?)的"
    r"(?P<name>[^，。；、,;的]{2,40}?(?:项目|工程))"
)


def _site_key(name: str) -> str:
    return name.replace("项目", "").replace("工程", "")


# A head naming only a phase of the project in context (一期, 项目二期, 二期工程).
_PHASE_HEAD = re.compile(r"^(?:项目|工程)?(?:其中)?(?P<phase>[一二三四五六七八九]期)(?:工程|项目)?$")


_YEAR_COMMA = re.compile(r"^(?:今年|去年|明年|\d{4}年|今年以来|年初以来)[，,]$")
# 今天开工的项目二期，计划投资X: a clause that is only a phase of the project, after its event.
_PHASE_CLAUSE = re.compile(
    r"^(?:今天|今日|当天|当日|此次|本次|这次|日前|近日)?(?:集中|正式)?(?:开工|签约|奠基|启动|动工|竣工|投产)的"
    r"(?P<head>(?:项目|工程)?[一二三四五六七八九]期(?:工程|项目)?)$"
)


def _phase_clause_before(before: str) -> str | None:
    """The phase head (项目二期) of the clause that ends ``before`` (its comma included), else None."""
    if not before.rstrip().endswith(("，", ",")):
        return None
    clauses = _CLAUSE_RE.findall(before)
    m = _PHASE_CLAUSE.match(clauses[-1].strip()) if clauses else None
    return m.group("head") if m else None


def _phase_name(whole: str, phase: str) -> str:
    """甲项目 + 一期 -> 甲项目一期 (a name already ending in a phase keeps only its project's part)."""
    return re.sub(r"[一二三四五六七八九]期(?:工程|项目)?$", "", whole) + phase


# A road or railway named without 项目 (冀中南高速公路, 云岭高速西段, 某某大道): a project of its own when
# a figure is its; the words before the suffix must name it (全省高速公路 is a sector, not a road).
# A section is named by a direction or by a place's short name (衡水段, 石家庄段), not by works (施工段, 标段).
_ROAD_SUFFIX = (
    r"(?:高速公路|高速|城际铁路|铁路|快速路|大道)"
    r"(?:[东西南北中]段|(?!施工|建设|试验|收费|养护)[\u4e00-\u9fff]{2,3}(?<![标路])段|[一二三四]期)?"
)
_ROAD_END = re.compile(
    r"(?:^|的)(?P<name>[\u4e00-\u9fff]{2,10}?" + _ROAD_SUFFIX + r")(?:[…\s]*(?:目前|现已|已经|已|正在|将))?[…\s]*$"
)
_ROAD_SUBJECT = re.compile(
    r"^(?:全长[\d.]+(?:公里|千米)的)?(?P<name>[\u4e00-\u9fff]{2,10}?" + _ROAD_SUFFIX + r")"
    r"(?=起自|起于|始于|全长|位于|是|为|途经|连接|，|,|$)"
)
_NOT_ROAD_HEAD = re.compile(
    r"^(?:全|我|本|该|各|其|今年|年内|上半年|前三季度|目前|截至|另外|此外|同时|新建|在建|续建|建设|推进|实施|加快|完成)"
    r"|[和与及、等]|(?:省|市|县|区|乡|镇|村|农村|城市|城区|普通|国省|干线)$"
)


def _road(name: str, gaz: Gazetteer) -> str | None:
    """``name`` when it is one road or railway's name, not a sector said of an area."""
    head = re.sub(_ROAD_SUFFIX + "$", "", name)
    if len(head) < 2 or _NOT_ROAD_HEAD.match(head) or _DEICTIC_RE.search(head) or gaz.exact(head):
        return None
    core = _TIME_LEAD.sub("", _PLACE_LEAD.sub("", name.removeprefix(PROVINCE_SHORT)))  # 石家庄市今年高速公路 too
    if _SECTOR_ALONE.fullmatch(core) or _KIND_OF_WORKS.match(core):
        return None  # 高速公路 / 农村公路 / 河北地方铁路: a sector or a kind of works, no road's name
    return name


_OPEN_QUOTES, _CLOSE_QUOTES = "“‘「『\"", "”’」』"


def _unquoted(name: str) -> str:
    """``name`` without a quote mark at an edge whose partner is not in it (“甲示范工程 -> 甲示范工程)."""
    opened_alone = name[0] in _OPEN_QUOTES and not any(c in name for c in _CLOSE_QUOTES)
    if opened_alone or name[0] in _CLOSE_QUOTES:
        name = name[1:]
    if name and name[-1] in _CLOSE_QUOTES and not any(c in name for c in _OPEN_QUOTES):
        name = name[:-1]
    if len(name) >= 2 and name[0] in _OPEN_QUOTES and name[-1] in _CLOSE_QUOTES and name.count(name[-1]) == 1:
        name = name[1:-1]  # “甲示范工程”: the whole name quoted
    return name


_PARK_END = closing("园", "产业基地", "生产基地")  # 某科技产业园, 万亩林下经济园 (园区 ends in 区: a zone)


# 普通干线公路 / 农村公路 / 高速公路: a kind of works, no name (a province's plan for all of them)
_KIND_OF_WORKS = opening(
    *("普通", "干线", "国道", "省道", "国省", "农村", "城乡", "城市", "乡村", "县乡", "旅游", "高速"),
    *("地方", "重点", "骨干", "各类", "主要"),
)
_PLACE_LEAD = re.compile(r"^(?:[\u4e00-\u9fff]{1,6}?(?:省|市|县|区))+")  # 正定县高速公路: only a place and a kind
_WORKS_END = closing(*_WORKS_KINDS)
# 建设一座二级医院: works described by what is done and how many, not named
_WORKS_DESCRIBED = re.compile(
    r"^(?:建设|新建|兴建|实施|推进|打造|建成)|[一二两三四五六七八九十\d]+(?:座|所|个|处|家|条)"
)


_FIRM_INVESTS = re.compile(r"(?<=公司|集团)(?:拟|计划|将|决定)?投资(?:建设|兴建)?(?=[^，。；,;]{4,}$)")


def _named_works(pre: str) -> bool:
    """Whether ``pre`` names works by what they are, with a name of their own before the kind
    (邯郸国际陆港铁路专用线, 某某水库, 甲学院附属医院乙院区; not 普通干线公路 or 全县水库)."""
    works_m = _WORKS_END.search(pre)
    lead = pre[: works_m.start()].removeprefix(PROVINCE_SHORT) if works_m else ""  # (河北地方铁路: a kind)
    own = _TIME_LEAD.sub("", _PLACE_LEAD.sub("", lead))
    return (
        len(own) >= 3 and not _KIND_OF_WORKS.match(own) and not _DEICTIC_RE.search(pre)
        and not _WORKS_DESCRIBED.search(own)
    )


def _name_before(pre: str) -> str | None:
    """Project name in ``<name>项目总投资X亿元``."""
    pre = _FIRM_INVESTS.sub("", _LEADING_NAME.sub("", pre.strip()))  # 甲公司拟投资乙项目: 甲公司乙项目
    # 涿州某某科技产业园总投资X: a park named as one project (its own name, long enough)
    park = _PARK_END.search(pre) is not None and len(pre) >= 7 and not _DEICTIC_RE.search(pre)
    works = _named_works(pre)  # 邯郸国际陆港铁路专用线总投资X / 某某水库总投资X
    if not pre.endswith(("项目", "工程")) and not _PHASE_END.search(pre) and not park and not works:
        return None
    return pre if 2 <= len(pre) <= _NAME_MAX else None


_FIRM_END = re.compile(one_of(*FIRM_SUFFIXES))
_OTHER_NAME = re.compile(r"[^，。；、,;\d]{2,20}?(?:工程|项目|水库|电站)(?:[，。；、,;]|$|顺利|正式|开工|建成|竣工)")
_NP_ACTING = re.compile(
    r"^(?P<name>[^，、的在于是为将\d]{4,30}?(?:项目|工程))"
    r"(?=(?:压茬|加快|全面|稳步|有序|正在|持续|顺利|按期|积极|扎实|已经|已)[\u4e00-\u9fff]{1,14}$)"
)
# After ；, a clause opening with a project of its own (not 其中/共/总投资 ...): a new item of a list.
_NEW_ITEM = re.compile(r"^(?!其中|另有|此外|包括|共|总投资|计划|年度|累计|全年|今年)[^，。；\d]{4,40}?(?:项目|工程)")
_HOLDS = re.compile(r"^[^，。；]*?(?:举行|举办|召开)了?")
# (积极推进)甲产业园(项目)建设: a project as what a programme pushes on with, its work after it.
_PUSHED = re.compile(
    r"(?:积极|加快|全力|大力|扎实|持续|全面|推进|推动|实施|抓好|做好)*"
    r"(?P<name>(?:"
    + none_of("推进", "推动", "抓好", "做好", "加快", "到", *NOT_IN_FIRM, *VISIT_VERBS)
    + r"[^，。；、的]){2,40}?"
    r"(?:项目|工程|产业园|园区|基地))(?:的)?(?:建设|施工)"
)
# 该“甲物流园”: a reference word before a quoted name, the project named so before.
_REF_QUOTED = re.compile(
    r"^(?:(?:该|这个|这一|此)[“\"](?P<name>[^”\"，。；,;]{2,24}?)[”\"]"
    # “甲物流园”规划占地N亩: a quoted facility as the clause's subject, no reference word
    r"|[“\"](?P<site>[^”\"，。；,;]{2,24}?(?:园|园区|基地|中心|港|小镇|项目|工程))[”\"]"
    r"(?=规划|占地|总投资|计划|位于|是|将|已|一期|首期|项目总投资))"
)


def _ref_lead(text: str, at: int) -> str:
    """The text before a reference noun at ``at`` that its name may take: 24 characters, or 48
    when those hold no boundary (甲纸业(河北)有限公司年产N万吨……项目: a long name's tail)."""
    lead = text[max(0, at - 24) : at]
    return text[max(0, at - 48) : at] if at > 24 and not _NAME_BOUNDARY.search(lead) else lead


# 甲港位于某县: the subject a sentence places (for 该项目 with no project named before).
_LOCATED = re.compile(
    r"(?:^|(?<=[。！？!?\n，,]))(?P<name>[\u4e00-\u9fff]{2,12}?(?:港|园|园区|基地|中心|城|站|枢纽|小镇))位于"
)
_NAME_LEAD_WORD = re.compile(r"[的在于是对和与及为将把被从向到了这该此本各其]")


_ALIAS_NOTE = re.compile(r"[（(](?:以下)?简称[^（()）]{0,20}[）)]")  # 甲公司（以下简称“甲”）


def _np(clause: str, gaz: Gazetteer) -> str | None:
    """``_np_phrase`` within its clause and without a visit's verbs (nametrim.py)."""
    found = _np_phrase(_ALIAS_NOTE.sub("", clause) if "简称" in clause else clause, gaz)
    if found and _REF_TAIL.search(found):
        return None  # 手续完善后该项目于10月开工: the project named before (_referred_subject)
    if found and _COUNTED_LISTED.match(found):
        return None  # 我市24所学校建设列入民生实事工程: counted works on a list, no one project
    if found and _listed_name(found) is not None:
        return None  # 甲、乙等多个建设项目正在推进: a group, not the project a later 该项目 means
    name = trim_name(found)
    if name and _FIRM_INVESTS.search(name):
        name = _FIRM_INVESTS.sub("", name)  # 甲公司拟投资乙项目: 甲公司乙项目
    return name if name == found or (name and not _is_generic(name, gaz)) else None


# The cues each branch of ``_np_phrase`` looks for before trying its pattern: a site (_NP_SITE),
# a road (_ROAD_SUBJECT: 高速公路, 铁路, 快速路 ...; a bare 大道 is no cue) and a quote (_REF_QUOTED).
_SITE_CUES = ("现场", "工地")
_ROAD_CUES = ("路", "高速")
_QUOTE_CUES = ("“", '"')
# A clause with none of these, nor a name's suffix, names nothing: one scan instead of a dozen.
_NP_NEEDS = words(*_NAME_SUFFIXES, *_WORKS_KINDS, *_SITE_CUES, *_ROAD_CUES, *_QUOTE_CUES)


# 扎实推进建设甲项目 closing a clause: the project is what follows the last verb done to it.
_NAME_VERBS = ("推进", "建设", "实施", "开工", "新建", "兴建", "加快", "抓好", "做好")
_COPULAS = ("是", "为", "属于", "系")
_BARE_PHASE = re.compile(r"[一二三四五六七八九]期(?:工程|项目)")
_SPENT_SO_FAR = re.compile(r"(?P<place>[\u4e00-\u9fff]{2,10}?)(?:已经|已|累计)")
_BUILDS_AFTER = re.compile(r"\s*(?:用于)?(?:建设|打造|发展)")
_DESIGNATED_AS = closing("作为", "成为", "被评为", "列为", "列入", "确定为", "是")
_COPULA_REF = re.compile(one_of(*REFERENCE_WORDS) + r"(?:项目|工程)(?:也)?(?:是|为|属于|系)")
_BUILT_NAME = re.compile(
    one_of(*_NAME_VERBS)
    + rf"了?(?!{'|'.join(_NAME_VERBS)}|项目|工程)(?P<name>[^，。；、的了]{{4,40}}?(?:项目|工程))[。；;]?$"
)


def _np_phrase(clause: str, gaz: Gazetteer) -> str | None:
    """The project a clause is about, for a later bare 项目 or 总投资 in the sentence.

    Either its leading noun phrase (``X工程是……``) or, for a clause that is itself a
    noun phrase (``由某公司建设的X项目``), the part after its last 的.
    """
    if _NP_NEEDS.search(clause) is None:
        return None  # most clauses: no branch below can name anything
    site = _NP_SITE.search(clause) if any(c in clause for c in _SITE_CUES) else None
    if site and not _is_generic(site.group("name"), gaz):
        return site.group("name")  # 在X项目现场: the site names the project
    clause = _LEADING_NAME.sub("", clause.strip())
    if clause.endswith(("建设", "施工")) and (pushed := _PUSHED.fullmatch(clause)):
        clause = pushed.group("name")  # (积极推进)甲产业园项目建设，年内完成投资X: the project pushed on
    road = _ROAD_SUBJECT.match(clause) if any(c in clause for c in _ROAD_CUES) else None
    if road and _road(road.group("name"), gaz):
        return road.group("name")  # 云岭高速西段起自甲县，……，概算投资X: the road is the project
    quoted = _REF_QUOTED.match(clause) if any(c in clause for c in _QUOTE_CUES) else None
    named = quoted.group("name") or quoted.group("site") if quoted else None
    if named and not _is_generic(named, gaz) and not gaz.exact(named):
        return named  # 该“甲物流园”规划占地N亩: the project the quotes named before
    if _PREDICATE.match(clause):
        return None  # 属战略性新兴产业项目: says what the project is, names none
    m = _NP_END.search(clause)
    # a clause opening with its list (列入省重点项目的甲项目) names the project after its 的
    head = clause[: m.start()] if m and m.start() > 0 else clause
    if "的" in head and head.endswith(("项目", "工程")):
        tail = head[head.rfind("的") + 1 :]  # 列入省重点项目的甲公司年产1万吨乙项目: the part after 的
        if len(tail) >= 4 and not _is_generic(tail, gaz):
            head = tail
    if (built := _BUILT_NAME.search(head)) is not None and _PLACE_LEAD.sub("", head[: built.start()]):
        # 某局扎实推进建设甲项目: the project after what is done to it (某区新建人民医院项目: a name)
        head = built.group("name")
    if 3 <= len(head) <= _NAME_MAX and (_NP_SUFFIX.search(head) or _named_works(head)) and not _is_generic(head, gaz):
        return head  # (甲医院乙院区位于某区。……总投资X: works named by what they are)
    if m and m.group() in _COPULAS and head.startswith(REFERENCE_WORDS):
        return None  # 该工程是国家确定的甲重点项目: what the project is, named before (_referred_subject)
    if clause.endswith(("项目", "工程")):
        tail = clause[clause.rfind("的") + 1 :]
        if 3 <= len(tail) <= 40 and not _is_generic(tail, gaz):
            return tail
    if clause.endswith(("项目”", '项目"', "工程”", '工程"')):
        # 落址某县的甲公司“年产N万吨乙项目”: the quoted name closes the clause (quotes dropped)
        tail = re.sub(r"[“”\"]", "", clause[clause.rfind("的") + 1 :])
        if 3 <= len(tail) <= 40 and not _is_generic(tail, gaz) and not _REF_TAIL.search(tail):
            return tail
    m = _NP_EVENT.search(clause) if _EVENT_VERB.search(clause) else None  # 位于某县的某某项目一期建成投产
    if m:
        name = _HOLDS.sub("", m.group("name"))  # 某县举行甲项目签约仪式: the project, not who holds it
        if len(name) >= 3 and not _is_generic(name, gaz):
            return name
    m = _NP_ACTING.match(clause)  # 甲防洪工程项目压茬推进: a project opening its clause, then what it does
    if m and not _is_generic(m.group("name"), gaz) and not gaz.exact(m.group("name")):
        return m.group("name")
    m = _NP_SUBJECT.match(clause)  # 来自北京的甲项目按下建设的快进键
    if m and not _is_generic(m.group("name"), gaz) and not gaz.find(m.group("name")):
        return m.group("name")
    return None


# After a name the item speaks of as a project: its phase maybe, then 项目/工程 or a list's 、/等.
_SEEN_AFTER = re.compile(r"(?P<phase>[一二三四五六七八九]期)?(?:项目|工程|、|等)")
_VISIT_SET = frozenset(VISIT_VERBS)
_VISIT_LENGTHS = sorted({len(v) for v in VISIT_VERBS})


def _first_sighting(text: str, bare: str) -> str | None:
    """How ``text`` first names ``bare`` as a project: after a visit verb (观摩了甲二期) or
    before 项目/工程 or a list's 、/等 (甲二期、乙基地等项目).  ``bare`` for the earliest such
    mention, or its phase with it (甲医院乙院区一期工程开工: the phase the item named);
    None when there is none.

    The same as ``re.search("(?:<visit verbs>)了?" + re.escape(bare) + "|" + re.escape(bare)
    + _SEEN_AFTER.pattern, text)`` and its phase group, written with ``str.find``: that pattern
    was compiled anew for every name (re's cache holds few of them), the costliest step of the rule.
    """
    best: tuple[int, int, int] | None = None  # (start, alternative: 0 after a verb / 1 before a suffix, end)
    at = text.find(bare)
    while at >= 0:
        for gap in ("", "了"):  # a visit verb, 了 maybe, then bare: the match starts at the verb
            if not text.endswith(gap, 0, at):
                continue
            for n in _VISIT_LENGTHS:
                start = at - len(gap) - n
                if start >= 0 and text[start : at - len(gap)] in _VISIT_SET:
                    best = min(best, (start, 0, at + len(bare))) if best else (start, 0, at + len(bare))
        after = _SEEN_AFTER.match(text, at + len(bare))
        if after is not None:
            best = min(best, (at, 1, after.end())) if best else (at, 1, after.end())
        at = text.find(bare, at + 1)
    if best is None:
        return None
    start, alternative, end = best
    if alternative == 1 and _SEEN_AFTER.match(text, start + len(bare)).group("phase"):
        return text[start:end]
    return bare


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
        self.para_no = 0
        self._named: set[str] = set()  # every project ``last_ref`` named so far ("" for a batch)
        self.last_ref = last_ref
        # The latest period a sentence stated; a follow-up sentence (其中……) inherits it.
        self.last_period: Period | None = last_period
        self._context: _Batch | None = None  # the batch a follow-up sentence details
        self._ref_stage: str | None = None  # stage of the event the named ``last_ref`` was in
        self._np_stages: dict[str, str] = {}  # 此次集中签约的项目中，……甲项目: the event a project was named in
        # Measure, stage and period of the item's latest portfolio figure: in a roundup
        # (全省完成投资X。石家庄市完成投资Y，唐山市完成投资Z) each place's figure shares them.
        self._roundup: tuple[str, str | None, Period | None] | None = None
        self._follow_up = False
        # Sentences of the item read so far, and the next ones: a reference word points
        # back into the former, a figure stated before its batch forward into the latter.
        self._history = ""
        self.unresolved: str | None = None  # the 我县 the last region_for could not place (see _OWN_AREA)
        self._whole: str | None = None  # the item's text, joined when a rule first asks (_item_text)
        self.refused: list[tuple[int, int, str]] = []  # figures of no known place (offsets, why): see _extract
        # the item's sentences, the one being read, and where its paragraph's sentences end
        self.ahead: tuple[list[str], int, int] = ([], 0, 0)
        self._ref_place_val: str | None = None  # where the named ``last_ref`` lies (位于某区的X项目)
        self._abroad = False  # the paragraph speaks of a place outside Hebei (_note_abroad)
        self._labelled: str | None = None  # the project a notice's 项目名称：entry named
        self._ref_pending: tuple[str, str] | None = None  # (clause, name) to find that place in, lazily
        self._last_word: str | None = None  # keyword of the clause's latest figure (for lists)
        self.para_no = 0  # set by the caller: which paragraph of the item is being read
        self._para_seen = -1
        self.para_place: str | None = None  # the place the current paragraph opens with
        self._ref_para = 0  # paragraph where ``last_ref`` was set
        self._sentence_names: list[str] = []  # projects the current sentence already named
        self._name_places: dict[str, str] = {}  # 某县的X项目 said earlier in the item
        self._sites: dict[str, str] = {}  # 选址某县的X项目 / X项目位于某县: where a project is sited
        # Every paragraph of the article (set by the caller), for a place named only late.
        self.doc_texts: list[str] = [p.text for p in item.paras]
        self.doc_cache: dict[str, str | None] = {}  # answers about ``doc_texts``, shared by the article's items
        # ``_np`` of each clause read so far (set by the caller to one dict per article): an article
        # repeats clauses (a slogan, a paragraph under every item's heading) and the answer depends
        # on the clause alone.
        self.np_cache: dict[str, str | None] = {}
        self.para_text = ""  # set by the caller: the paragraph being read
        self._openings: list[str] = []  # the places paragraphs of the item opened with, in order
        self._openings_seen = False  # whether the item's first paragraph was read
        # The host of an investment-promotion event the item reported (由甲县主办的推介会在北京举行),
        # and the other places that sentence named (its venue, the dateline's city).
        self._host: tuple[str, frozenset[str]] | None = None
        self._in_host_sentence = False  # whether the sentence being read is the one naming the host

    @property
    def last_ref(self) -> str | _Batch | None:
        """What a bare 项目 in a later sentence refers to: a named project or a batch."""
        return self._last_ref

    @last_ref.setter
    def last_ref(self, ref: str | _Batch | None) -> None:
        self._prev_np = getattr(self, "_last_ref", None)
        self._last_ref = ref
        self._ref_para = getattr(self, "para_no", 0)
        if isinstance(ref, str):
            self._named.add(ref.strip(_OPEN_QUOTES + _CLOSE_QUOTES))
        elif ref is not None:
            self._named.add("")  # a batch: a bare 项目 may be one of its projects

    def _only_project(self) -> str | None:
        """The item's one named project when it has named exactly one and announced no batch
        (a feature on one project: ……签订合作协议，整体规划项目投资X is that project's)."""
        if len(self._named) != 1 or not isinstance(self.last_ref, str):
            return None
        return self.last_ref if "" not in self._named else None

    def name_section(self, name: str, para_no: int) -> None:
        """The project the item's heading names is what paragraph ``para_no`` states figures of."""
        self.last_ref = name
        self._ref_para, self._ref_stage = para_no, None
        self._note_np(name, name)

    def region_for(self, before: str, after: str = "") -> str | None:
        """The most specific place the sentence names before the figure, else the item's.

        None means the figure is about no place we cover (全国, or 全市 in a provincial
        paper with no city in sight) and must not be reported.
        """
        item_place = self.item.place
        before = without_route(before)
        self.unresolved = None
        best: tuple[int, str | None] | None = None
        run: list[str] = []  # the places of a list the latest place closes (甲区、乙县两地……)
        last_end = -1
        for s, e, name in self.gaz.find(before, item_place):
            named = s > 0 and before[s - 1] == "的" and not owner_after_event(before, s)  # venues.py
            if named and before[e : e + 1] not in ("，", ",", "；", ";", "：", ":"):
                continue  # …的晋州市某某项目: part of a name (初秋时节的某县，…: the place itself)
            if _VENUE_AFTER.match(before, e) or _PLACE_RANKED.match(before, e):
                continue  # 活动在某区设主会场 / 在某市位居前列: a venue or a comparison
            if best is not None and (ex := _EXAMPLE_OF_BATCH.match(before, e)) and not self.gaz.find(ex.group()):
                continue  # 某市……开工活动举行，甲区乙产业园等229个项目: the example's place, not the batch's
            prior = (best[0], last_end, best[1]) if best is not None and best[1] else None
            if not_the_subject(self.gaz, before, s, e, name, self.para_place or item_place, prior):
                continue  # 主会场设在某开发区 / 由甲市乙公司投资 (venues.py)
            if best is not None and self._hosted_in(before, s, e, name, best):
                continue  # 某市……签约仪式在某县某酒店举行: the city's event, held at a venue in it
            joined = last_end >= 0 and _PLACE_JOIN.fullmatch(before, last_end, s) is not None
            run = [*run, name] if joined else [name]
            best, last_end = (s, name), e
        if len(run) >= 2 and best is not None:
            joint = _JOINT.match(before, last_end) is not None or before.startswith("段", last_end)
            listed = self._list_subject(run, joint, before[: best[0]])
            best = (best[0], listed or best[1])  # (a route's sections: one route)
        for m in _DEICTIC_RE.finditer(before):
            if best is not None and best[0] > m.start():
                continue
            if _RANKING_AFTER.match(before, m.end()) or _RANKING_BEFORE.search(before, 0, m.start()):
                continue  # 数量保持全省第一 / 居全市前列 ranks the place, it is not the subject
            resolved = self._named_before(m.group(), before[: m.start()]) or self._deictic(m.group(), item_place)
            if resolved is None and best is not None and m.group() not in _NATION_WORDS:
                continue  # 某县，我市重点项目之一: 我市 unresolved in a provincial paper; keep the county
            best = (m.start(), resolved)
            # 我县 (全区 …) in a text that never names the county: not the city the item is about
            self.unresolved = m.group() if _OWN_AREA.fullmatch(m.group()) and not (
                resolved and self._kind_ok(resolved, m.group())
            ) else None
        if best is None:
            for s, _e, name in self.gaz.find(after):
                if _VENUE_BEFORE.search(after[max(0, s - 2) : s]):
                    return name  # 总投资X亿元的N个项目在某县集中开工
            if self.para_place is None and self.item.unnamed_self:
                self.unresolved = self.item.unnamed_self  # 到我县观摩 … 共谋划N个项目，总投资X: which county?
            return self.para_place or item_place or self._leading_place() or self.gaz.home
        region = best[1]
        landed = landed_in(self.gaz, after) or self._sited_after(after)
        if landed is not None and self.gaz.within(landed, region):
            return landed  # 某市……总投资X亿元的N个项目签约落户某区: where the projects land, inside it
        if region and item_place and self.gaz.parent(item_place) == region and self.gaz.is_city(region):
            lead = before[: best[0]].strip(" \u3000“”\"")
            if _YEAR_COMMA.match(lead):
                lead = ""  # 今年，某市共谋划……: a year and a comma before the city, its subject still
            end = next((e for s, e, _n in self.gaz.find(before, item_place) if s == best[0]), None)
            named = end is not None and NAMED_AFTER_PLACE.match(before, end)  # 衡水正大甲项目是……: the firm's home
            if (not lead or _TIME_ONLY.match(lead)) and not _FIRM.search(before, best[0]) and not named:
                return region  # 某市锚定……谋划项目N个: the city as the sentence's subject is meant
            return item_place  # 某县 item naming its city (石家庄市某公司): the county is more specific
        return region

    def _list_subject(self, run: list[str], joint: bool, before: str) -> str | None:
        """The place a list of places stands for as one subject: the province for places of
        several cities (石家庄、唐山、邯郸等市开工项目N个: none of them alone), the city for
        places of one city joined as one (正定县、藁城区两地共……) or of the city the text
        before the list names (某市正在建设甲区、乙区2个产业园，……总投资X); None keeps the latest."""
        cities = {n if self.gaz.is_city(n) else self.gaz.parent(n) for n in run}
        if len(cities) > 1:
            return PROVINCE
        city = cities.pop()
        if city is None or not self.gaz.is_city(city):
            return None
        if joint or any(n == city for _s, _e, n in self.gaz.find(before, self.item.place)):
            return city
        return None

    def _hosted_in(self, text: str, s: int, e: int, venue: str, best: tuple[int, str | None]) -> bool:
        """Whether ``venue`` (at ``s:e``) is only where the event of the place named before
        (``best``: offset, name) was held: 在/于 it, 举行/举办/召开 later in the same clause, and
        that place the city or county it lies in, or a party to a signing (甲集团与乙县签约仪式
        在丙市举行: the county signed, the city only hosted)."""
        at, subject = best
        if text[s - 1 : s] not in ("在", "于") or subject is None:
            return False
        up = self.gaz.parent
        end = len(text)
        for stop in "，,；;。":
            found = text.find(stop, e)
            end = min(end, found) if found >= 0 else end
        res = self.gaz.resolved.get(venue)
        if res is not None and res.type == "zone" and not text.startswith(subject, at) and _PORT_OF.match(text, at):
            return False  # 沧州港码头项目集中开工仪式在某新区举行: a port named after its city, the zone's event
        signing = _SIGNING.search(text, at, end)
        if subject not in (up(venue), up(up(venue))) and not signing and not organiser_before(text, at, s):
            return False  # 甲市投资说明会在乙市举行: the organiser's event anywhere (venues.py)
        # 在某市举行 / 在某市签署协议: the venue of the event or of the signing.
        return HELD_AT.search(text, e, end) is not None or (signing is not None and signing.start() >= e)

    def _name_place(self, name: str, region: str | None) -> str | None:
        """A project named after its place (鹿泉区某某项目) lies there, unless the text said a part of it."""
        found = self.gaz.find(name, self.item.place)
        place = found[0][2] if found and found[0][0] == 0 else self.gaz.prefix_place(name)
        if place in (None, PROVINCE) and region in (None, PROVINCE) and (firm := _FIRM_END.search(name)):
            # 甲工程有限公司赤城20万千瓦风电项目: the county a firm's project is named after, short
            place = self.gaz.county_at(name[firm.end() :]) or place
        if place is None:
            return region
        if found and found[0][0] == 0 and self.gaz.is_city(place):
            inner = self.gaz.county_at(name[found[0][1] :])  # 张家口怀来甲产业园: the city, then its county short
            place = inner if inner and self.gaz.parent(inner) == place else place
        if region is None or region == PROVINCE or region == self.gaz.parent(place):
            return place
        if self.gaz.parent(place) and region == self.gaz.parent(self.gaz.parent(place) or ""):
            return place
        return region

    def _county_opening(self, name: str) -> str | None:
        """The county, district or county-level city a project's name opens with, written in
        full (峰峰矿区甲公司乙项目), else None: a short name may be a word, a city a firm's home."""
        found = self.gaz.find(name, self.item.place)
        if not found or found[0][0] != 0 or name[: found[0][1]] != found[0][2]:
            return None
        res = self.gaz.resolved.get(found[0][2])
        return found[0][2] if res is not None and res.type in ("county", "district", "county_city") else None

    def _kind_ok(self, place: str, word: str) -> bool:
        res = self.gaz.resolved.get(place)
        kinds = _DEICTIC_KINDS.get(word[-1], ())
        if word in ("全市", "我市", "本市", "市内", "市直", "市本级"):
            kinds = ("city",)  # 全市 is a prefecture; a county-level city says 该市 or its name
        return res is not None and res.type in kinds

    def _named_before(self, word: str, before: str) -> str | None:
        """The place 该市/全县 points back to: the latest of its kind named before it in the
        sentence, else (该X only, or in a provincial paper) in the item's earlier sentences."""
        if word in _PROVINCE_WORDS or word in _NATION_WORDS or word == "园区内":
            return None
        for _s, _e, name in reversed(self.gaz.find(before, self.item.place)):
            if self._kind_ok(name, word):
                return name
        if word.startswith("该") or self.gaz.home == PROVINCE:

            history = self._history

            def latest() -> tuple[int, int, str] | None:  # the item's latest place of the kind (scanned when asked)
                found = reversed(self.gaz.find(history, self.item.place))
                return next(
                    (f for f in found if self._kind_ok(f[2], word) and not (f[0] and history[f[0] - 1] == "的")), None
                )

            up = self.gaz.parent
            for place in (self.para_place, self.item.place):
                if place and self._kind_ok(place, word):
                    just = latest() if word.startswith("该") else None
                    if just and place in (up(just[2]), up(up(just[2]))) and not _enumerated(history, just):
                        return just[2]  # 保定市……，涿州市全力……。该市: the county-level city just named
                    return place  # 会场设在甲区……、乙市……现场。该市: one of a list is no one's 该市
            just = latest()
            return just[2] if just else None
        return None

    @property
    def lookahead(self) -> str:
        """The next two sentences of the item (built only when a rule asks for them)."""
        sents, n, _end = self.ahead
        return "".join(sents[n + 1 : n + 3])

    @property
    def lookahead_in_paragraph(self) -> str:
        """The next two sentences of the paragraph, else only the next one: a batch announced deeper
        into the next paragraph (……加快推进甲等4个续建项目) is its own, not this figure's."""
        sents, n, end = self.ahead
        return "".join(sents[n + 1 : max(min(n + 3, end), n + 2)])

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
            if parent and self.gaz.is_city(parent):
                return parent
            return None if item_place else self._dominant_of_kind(word, PROVINCE)
        if item_place is None and word[-1] in _DEICTIC_KINDS and self.gaz.home == PROVINCE:
            # 我县 in a provincial paper's item of no one place (产品销往甲市、乙市……): the county it names most
            found = self._dominant_of_kind(word, PROVINCE) or self._leading_place()
            return found if found and self._kind_ok(found, word) else None
        if item_place and not self._kind_ok(item_place, word) and word[-1] in _DEICTIC_KINDS:
            # 全区 in an item about a city: the one district the article names (maybe only late).
            inner = self._dominant_of_kind(word, item_place)
            if inner:
                return inner
        return item_place or (self.gaz.home if self.gaz.home != PROVINCE else None)

    def _leading_place(self) -> str | None:
        """For a provincial paper's figure with no place of its own, in an item of none: the
        county or city the whole text names most (at least twice, more than any other), unless
        the text opens as a province-wide roundup (全省/我省)."""
        if self.gaz.home != PROVINCE or not self.doc_texts:
            return None
        key = "@leading"
        if key not in self.doc_cache:
            self.doc_cache[key] = self._text_leader()
        return self.doc_cache[key]

    def _text_leader(self) -> str | None:
        """``_leading_place`` computed: the place named most, else (none named in full) a county named short."""
        if any(province_wide(t) for t in self.doc_texts[:3]):
            return None
        counts = Counter(
            name for text in self.doc_texts for s, _e, name in self.gaz.find(text)
            if not (s and text[s - 1] == "的") and name != PROVINCE and not served(text, s)
            and not in_short_quote(text, s)
        )
        if not counts:
            return self._short_county()
        ranked = counts.most_common(2)
        if ranked[0][1] >= 2 and (len(ranked) == 1 or ranked[0][1] > ranked[1][1]):
            return ranked[0][0]
        return None

    def _short_county(self) -> str | None:
        """The county a text names only short (隆化立足……，在隆化……): at least twice, the only one so."""
        text = "\n".join(self.doc_texts)
        hits = {self.gaz.alias_zone[a] for a in self.gaz.short_in_text if text.count(a) >= 2}
        return hits.pop() if len(hits) == 1 else None

    def _dominant_of_kind(self, word: str, within: str) -> str | None:
        """The place of the kind ``word`` points to (县/区) that the whole article names most,
        among those inside ``within``; None unless one leads."""
        key = f"{word}@{within}"
        if key not in self.doc_cache:
            counts: dict[str, int] = {}
            for text in self.doc_texts:
                for s, _e, name in self.gaz.find(text, within):
                    inside = self.gaz.within(name, within)
                    if inside and self._kind_ok(name, word) and not (s and text[s - 1] == "的") and not served(text, s):
                        counts[name] = counts.get(name, 0) + 1
            ranked = sorted(counts.items(), key=lambda kv: -kv[1])
            lead = len(ranked) == 1 or (len(ranked) > 1 and ranked[0][1] > 2 * ranked[1][1])
            self.doc_cache[key] = ranked[0][0] if ranked and lead else None
        return self.doc_cache[key]

    def period_for(self, before: str, stage: str | None) -> Period | None:
        semi = max(before.rfind("；"), before.rfind(";"))
        # 2017年，甲……；2018年，又投资X: the figure's own item after ； says its year
        period = (find_period(before[semi + 1 :], self.published) if semi >= 0 else None) or find_period(
            before, self.published
        )
        if period and period[0] == period[1]:
            return period
        if stage in _EVENT_STAGES and self.item.event_date and period is None:
            return self.item.event_date, self.item.event_date
        if period is None and self._follow_up:
            return self.last_period
        return period

    def _note_period(self, sentence: str) -> None:
        if _PERIOD_CHAR.search(sentence):
            period = find_period(sentence, self.published)
            if period:
                self.last_period = period

    @staticmethod
    def _respective_head(clause: str, moneys: list[Money]) -> str | None:
        """The words before 分别 in ``A、B、C分别……X、Y、Z`` (the figures one list after it), else None."""
        if len(moneys) < 2:
            return None  # (most clauses: decided before the search)
        m = _RESPECTIVELY.search(clause)
        if m is None or moneys[0].start < m.end():
            return None
        if any(not _LIST_GAP.match(clause[a.end : b.start]) for a, b in zip(moneys, moneys[1:], strict=False)):
            return None
        return clause[: m.start()]

    def _respectively(self, head: str, moneys: list[Money]) -> list[str] | None:
        """Places of ``A、B、C分别……X、Y、Z`` in the order of the figures, else None."""
        found = [name for s, _e, name in self.gaz.find(head) if not (s and head[s - 1] == "的")]
        return found if len(found) == len(moneys) and len(set(found)) == len(found) else None

    def _respective_trades(self, listed: str, moneys: list[Money]) -> list[str] | None:
        """Categories of ``工业项目和服务业项目(总投资)分别……X、Y`` in the order of the figures, else
        None: each figure is its category's part of the place's projects, none is the whole.
        ``listed``: the words before 分别 without their investment word (``_before_keyword``)."""
        trades = self._trades(listed)
        parts = trades.split("、") if trades else []
        return parts if len(parts) == len(moneys) else None

    def _respective_projects(self, listed: str, moneys: list[Money], focus: str | None) -> list[str] | None:
        """Projects of ``甲项目和乙项目(总投资)分别为X、Y`` in the order of the figures, else None;
        with nothing before the keyword, the projects the clause before named (``focus``:
        甲项目和乙项目集中开工，总投资分别为X、Y)."""
        text = _LEADING_NAME.sub("", listed.strip())
        if not text and focus:
            text = focus
        parts = [p for p in _PROJECT_JOIN.split(text) if p]
        if len(parts) != len(moneys) or len(set(parts)) != len(parts):
            return None
        ok = all(len(p) >= 4 and p.endswith(("项目", "工程")) and not _is_generic(p, self.gaz) for p in parts)
        return parts if ok else None

    def _respective_groups(self, listed: str, moneys: list[Money], parent: _Batch | None) -> list[_Batch] | None:
        """Groups of ``20个省重点项目、200个市重点项目分别完成投资X、Y`` in the order of the figures,
        each with its own count, else None."""
        text = _LEADING_NAME.sub("", listed.strip())
        parts = [p for p in _GROUP_JOIN.split(text) if p]
        if len(parts) != len(moneys):
            return None
        out: list[_Batch] = []
        for part in parts:
            group = _counted_group(part, self.gaz)
            if group is None:
                return None
            stage = detect_stage(part) or (parent.stage if parent else None)
            out.append(_Batch(group[0], stage, group[1]))
        return out

    def _trades(self, text: str) -> str | None:
        """``bands.category_subset`` of ``text`` without the place, connector or verb it opens
        with (某县工业项目和服务业项目 / 其中安排工业项目和服务业项目)."""
        found = [f for f in self.gaz.find(text, self.item.place) if not (f[0] and text[f[0] - 1] == "的")]
        rest = text[found[-1][1] :] if found else text
        return category_subset(_TRADE_LEAD.sub("", _LEADING.sub("", rest.strip())))

    def read(self, sentence: str) -> list[tuple[Fact, int, int]]:
        """Facts of one sentence with their (start, end) inside ``sentence``."""
        if self.para_no != self._para_seen:
            self._para_seen = self.para_no
            self.para_place = self._paragraph_place(sentence)
            self._abroad = False
        self._note_abroad(sentence)
        at = _AT_OPENING.match(sentence)
        if at and (visited := self.gaz.exact(at.group("place"))):
            self.para_place = visited  # 在献县，……。在泊头，……: a roundup's stop, until the next 在X
        if _SITE_WORD.search(sentence):
            self._note_sites(sentence)
        host = event_host(self.gaz, sentence)
        if host is not None:
            named = frozenset(n for _s, _e, n in self.gaz.find(sentence, self.item.place))
            self._host = (host, named - {host})
        self._in_host_sentence = host is not None
        out = self._read(sentence)
        self._history = (self._history + sentence)[-400:]
        if "的" in sentence and ("项目" in sentence or "工程" in sentence) and not _MONEY_WORDS.search(sentence):
            for _s, e, place in self.gaz.find(sentence, self.item.place):
                m = _PLACE_DE_NAME.match(sentence, e)
                if m:
                    self._name_places[m.group("name")] = place
        return out

    def _hosted(self, region: str | None, before: str) -> str | None:
        """The host of the item's investment-promotion event for a figure the text would file
        under the event's venue, the dateline's city, the host's city or the province (the
        projects signed at 由甲县主办的推介会 are 甲县's wherever it was held); ``region``
        itself when the figure's sentence names a place or area of its own."""
        assert self._host is not None
        host, named_there = self._host
        up = self.gaz.parent
        if region not in (None, PROVINCE, up(host), up(up(host))) and region not in named_there:
            return region
        named = {n for s, _e, n in self.gaz.find(before, self.item.place) if not (s and before[s - 1] == "的")}
        if named - {host} - (named_there if self._in_host_sentence else frozenset()) or _DEICTIC_RE.search(before):
            return region  # a later 某市今年签约项目N个 / 全市……: the sentence's own subject
        return host

    def _against_plan(self, head: str, after: str, rest: str) -> bool:
        """Whether a completed figure with no 项目 in its sentence is a place's projects' progress:
        its subject a place (or 全市-like word) and a share of the year's plan right after it."""
        rate = _RATE_RE.match(after) or _RATE_RE.match(rest)
        if rate is None or "计划" not in rate.group(0):
            return False
        place = [f for f in self.gaz.find(head, self.item.place) if f[1] == len(head)]
        return bool(place) or _DEICTIC_RE.fullmatch(head) is not None

    def _note_sites(self, sentence: str) -> None:
        """Where a project is sited (选址某县的甲项目 / 甲项目位于某县): kept for the item, so the
        project's figures are that place's even when its name opens with its city."""
        for cm in _CLAUSE_RE.finditer(sentence):
            clause = cm.group()
            for s, e, place in self.gaz.find(clause, self.item.place):
                verb = _SITE_BEFORE.search(clause, 0, s)
                if verb is None:
                    continue
                after = _PLACE_DE_NAME.match(clause, e)
                name = after.group("name") if after else _name_before(clause[: verb.start()])
                if name:
                    self._sites[_site_key(trim_name(name) or name)] = place
        for m in _SHORT_SITE.finditer(sentence):
            place = self.gaz.alias_zone.get(m.group("short"))
            if place and m.group("short") not in COMMON_SHORTS and not self.gaz.find(m.group("short")):
                name = re.sub(r"[“”\"]", "", m.group("name"))
                self._sites.setdefault(_site_key(trim_name(name) or name), place)

    def _site(self, name: str) -> str | None:
        """The place the item said ``name`` (or the project it is a phase of) is sited in."""
        if not self._sites:
            return None
        key = _site_key(name)
        return self._sites.get(key) or self._sites.get(re.sub(r"[一二三四五六七八九]期$", "", key))

    def _paragraph_place(self, sentence: str) -> str | None:
        """The place the paragraph opening with ``sentence`` is about, for figures that name none.

        Decided per paragraph, from what the paragraph itself says: a place its opening
        sentence names as subject, or 全区/全县 there; failing that, the one place a later
        sentence names as subject (累计完成投资X。这是某县……的成果).  A list of places (a
        ranking, 按县区划分……) is about no place of ours, so its figures fall back to the
        item's place; so is a zone we do not know (某某新区总投资……), unless the paragraph
        names the county or city it lies in.  A photo caption (位于某县的某车间。) is not the
        text's subject and changes nothing.  Otherwise the paragraph goes on about the place
        the one before zoomed into.
        """
        self._openings_seen, first = True, not self._openings_seen
        if TOPIC_OPENING.match(sentence):
            return None  # 重大项目方面，甲新区……：a roundup by topic; each place is its clause's own
        opening = self._opening_place(sentence)
        if opening and opening == self.gaz.parent(self.item.place) and (
            self.item.own_voice or (first and self.gaz.visited(sentence) == self.item.place)
        ):
            # 我县……。某市秋季集中开工活动举行……: the county's part of its city's event;
            # 记者走进某市某区(short)……: the district the reporter visits, not its city
            opening = self.item.place
        if first and opening and opening != _MANY:
            self._openings.append(opening)
            return opening  # the lead, however short
        if opening == _MANY:
            return None
        if opening:
            if self._openings_seen and _CAPTION.match(self.para_text) and not _NEW_LEAD.match(self.para_text):
                return self.para_place  # not the lead: a caption between paragraphs
            if opening not in self._openings:
                self._openings.append(opening)
            return opening
        area = self._opening_area(sentence)
        if area:
            return area
        later = self._later_place(sentence)
        unknown = _ZONE_OPENING.match(sentence)
        if unknown and not self.gaz.find(unknown.group()):
            # 某某开发区总投资……，该区地处某县: the county the paragraph names, else none
            return later or self._single_place(sentence[unknown.end() :])
        if later:
            return later  # 累计完成投资X。这是某县坚持……的成果: the subject comes second
        if len(self._openings) >= 2 and self._siblings(*self._openings[-2:]):
            return None  # 甲县……。乙县……。两地共……: after a paragraph per place, the whole again
        if self._after_list_entry():
            return None  # - 某区：30个项目。 then a paragraph of its own: the list's last place ends with it
        return self.para_place

    def _after_list_entry(self) -> bool:
        """Whether the paragraph being read follows a list entry and is none itself."""
        paras, k = self.item.paras, self.para_no
        if LIST_ENTRY.match(self.para_text) or not 0 < k <= len(paras):
            return False
        prev = next((p for p in reversed(paras[:k]) if not p.caption), None)
        return prev is not None and LIST_ENTRY.match(prev.text) is not None

    def _single_place(self, text: str) -> str | None:
        """The one place ``text`` names (outside names), if it names exactly one."""
        found = [f for f in self.gaz.find(text, self.item.place) if not _inside(text, f)]
        names = {f[2] for f in most_specific(found, text, self.gaz)}
        return names.pop() if len(names) == 1 else None

    def _later_place(self, opening: str) -> str | None:
        """The one place the rest of the paragraph names as its subject, when its opening
        sentence names none: not a part singled out (其中某县……), not a place with a figure
        of its own (某县完成投资Y: a part), not a venue, never one of several."""
        at = self.para_text.find(opening)
        rest = self.para_text[at + len(opening) :] if at >= 0 else ""
        if not rest or _DEICTIC_RE.search(opening):
            return None
        # One pass over the rest; then only the first sentence naming a place is read.
        first = next((f for f in self.gaz.find(rest, self.item.place) if not _inside(rest, f)), None)
        if first is None:
            return None
        start = max(rest.rfind(ch, 0, first[0]) for ch in "。！？!?") + 1
        for m in _SENTENCE_RE.finditer(rest, start):
            sentence = m.group()
            found = [f for f in self.gaz.find(sentence, self.item.place) if not _inside(sentence, f)]
            if not found:
                continue
            found = most_specific(found, sentence, self.gaz)
            if len({f[2] for f in found}) != 1 or _MONEY_WORDS.search(sentence) or _FOLLOW_UP.match(sentence):
                return None
            s, e, name = found[0]
            if _VENUE_AFTER.match(sentence, e) or _PLACE_RANKED.match(sentence, e) or _AT_PLACE.search(sentence, 0, s):
                return None
            if sentence[s - 1 : s] == "、" or sentence[e : e + 1] == "、":
                return None  # 甲、某区、乙枢纽: one of a list the paragraph enumerates, not its subject
            if PROJECT_AT.match(sentence, e) or firm_home(sentence, e):
                return None  # 某县甲乙项目已投产 / 甲市乙集团……: where a project or firm lies, not the subject
            if _DESIGNATED_AS.search(sentence, max(0, s - 3), s):
                return None  # 本园区作为河北省再生资源重点建设园区: a status the province gave, not the subject
            return name
        return None

    def _siblings(self, a: str, b: str) -> bool:
        """Neither place lies in the other (两县, not a city and its county)."""
        up = self.gaz.parent
        return a not in (up(b), up(up(b))) and b not in (up(a), up(up(a)))

    def _opening_place(self, sentence: str) -> str | None:
        """The place a paragraph is about: the first one its opening sentence names as a
        subject (涿州市：…… / 今年以来，某县……), not inside a name, not a venue, and not
        after 全省/全市 (a roundup paragraph is about the whole area).  ``_MANY`` for a
        list of places."""
        held = self._groundbreaking_venue(sentence)
        if held is not None:
            return held
        sentence = without_route(sentence)
        found = [
            f for f in self.gaz.find(sentence, self.item.place)
            if not (f[0] and sentence[f[0] - 1] == "的" and sentence[f[1] : f[1] + 1] not in ("，", ",", "：", ":"))
        ]
        found = [
            f for f in most_specific(found, sentence, self.gaz)
            if not _PLACE_RANKED.match(sentence, f[1])
            and not object_mention(sentence, f[0], f[1])
            and not served(sentence, f[0])  # 服务雄安新区建设: whom the projects serve
            and not in_short_quote(sentence, f[0])  # “四个一百进唐山”推介会: an event's name
        ]
        found = subjects_only(self.gaz, sentence, found, self.para_place or self.item.place)  # venues.py
        if len({f[2] for f in found}) != 1:
            # none, or a list of places (按县区划分：甲区4项……乙县2项): no single subject
            return _MANY if found else None
        s, e, name = found[0]
        if _VENUE_AFTER.match(sentence, e) or _DEICTIC_RE.search(sentence, 0, s):
            return None
        if sentence[s - 1 : s] in ("在", "于") and HELD_AT.search(sentence, e):
            return None  # 活动在某开发区某项目现场举行: the venue, not what the paragraph is about
        return name

    def _groundbreaking_venue(self, sentence: str) -> str | None:
        """Where a groundbreaking is held (甲港项目集中开工活动在某新区举行): a zone or county of
        the city the sentence names otherwise, where the projects breaking ground lie (a
        signing's venue is only a hall, so this is for groundbreaking alone)."""
        if detect_stage(sentence) != "groundbreaking":
            return None
        found = self.gaz.find(sentence, self.item.place)
        up = self.gaz.parent
        for s, e, name in found:
            res = self.gaz.resolved.get(name)
            if sentence[s - 1 : s] not in ("在", "于") or not HELD_AT.match(sentence, e) or res is None:
                continue
            others = [(oe, n) for _s, oe, n in found if n != name]
            if res.type not in ("zone", "county", "district", "county_city"):
                continue
            if any(n not in (up(name), up(up(name))) for _e, n in others):
                continue
            # 沧州甲港项目集中开工: the city opens a project's name; 沧州市重点项目集中开工: the city's own batch
            if all(_OWN_NAME.match(sentence, oe) for oe, _n in others):
                return name
        return None

    def _opening_area(self, sentence: str) -> str | None:
        """全区/全县 opening a paragraph of an item about a city: the district or county it
        means (named maybe only later), which the paragraph's next sentences go on about."""
        m = _AREA_RE.search(sentence)
        item_place = self.item.place
        if m is None or not item_place or self.gaz.find(sentence[: m.start()], item_place):
            return None
        place = self._deictic(m.group(), item_place)
        return place if place and place != item_place else None

    def _bracket_list(self, sentence: str) -> list[tuple[Fact, int, int]]:
        """甲县(8.2亿元)、乙区(7.6亿元) after an investment keyword: one fact per place."""
        out: list[tuple[Fact, int, int]] = []
        if "(" not in sentence and "（" not in sentence:
            return out
        kw_end: int | None = None
        for money in find_money(sentence):
            opened = sentence[money.start - 1 : money.start] in ("(", "（")
            if not opened or sentence[money.end : money.end + 1] not in (")", "）"):
                continue
            chunk = re.split(r"[、，,：:；;]", sentence[: money.start - 1])[-1].strip()
            chunk = re.sub(r"^(?:和|及|以及|分别为|分别是|依次为|是|为|有)", "", chunk)
            place = self.gaz.exact(chunk)
            if place is None:  # 完成投资较多的有邢台市宁晋县(8.2亿元): the place ending right at the bracket
                ends = [f for f in self.gaz.find(chunk, self.item.place) if f[1] == len(chunk)]
                place = ends[-1][2] if ends else None
            if place is None:
                continue
            if kw_end is None:
                kws = list(_BRACKET_KW.finditer(sentence, 0, money.start))
                if not kws:
                    return out
                kw_end = kws[-1].end()
                word = kws[-1].group()
                measure = (
                    "completed_investment" if "完成" in word
                    else "planned_investment" if re.search("计划|年度|目标|任务", word)
                    else "total_investment"
                )
            ref = self.last_ref if isinstance(self.last_ref, _Batch) else None
            stage = ref.stage if ref else detect_stage(sentence[:kw_end])
            period = find_period(sentence[:kw_end], self.published) or self.last_period
            out.append((self._make(place, None, None, measure, money, stage, None, period, None), 0, len(sentence)))
        return out

    def _make(
        self, region: str, name: str | None, count: int | None, measure: str, money: Money,
        stage: str | None, category: str | None, period: Period | None, rate: float | None,
    ) -> Fact:
        return Fact(
            region=region, region_code=self.gaz.code(region), subject="project" if name else "portfolio",
            project_name=name, project_count=count, measure=measure,
            amount_cny=money.value if money.currency == "CNY" else None, amount_original=money.value,
            currency=money.currency, approximate=money.approximate, stage=stage, category=category,
            period_start=period[0].isoformat() if period else None,
            period_end=period[1].isoformat() if period else None,
            completion_rate=rate, evidence="", char_start=0, char_end=0,
        )

    def _read(self, sentence: str) -> list[tuple[Fact, int, int]]:
        out: list[tuple[Fact, int, int]] = self._bracket_list(sentence)
        self._sentence_names = []
        self._follow_up = bool(_FOLLOW_UP.match(sentence))
        self._context = self.last_ref if self._follow_up and isinstance(self.last_ref, _Batch) else None
        if not _MONEY_WORDS.search(sentence):
            self._note_period(sentence)
            if not _NP_SUFFIX_ANY.search(sentence):
                return out  # names no project or batch a later sentence could refer to
            for clause in _CLAUSE_RE.finditer(sentence):
                parent = self.last_ref if isinstance(self.last_ref, _Batch) else None
                before = sentence[: clause.start()]  # 此次开工的项目中，包括……项目144个: a part of the batch
                batch = _batch_in(clause.group(), parent, before, self.gaz, before)
                approved = _APPROVED_NP.search(clause.group()) if batch is None else None
                np = approved.group("np") if approved else self._clause_np(clause.group()) if batch is None else None
                if np is None and batch is None and _COPULA_REF.match(clause.group()):
                    np = self._referred_subject(clause.group())  # 该工程是国家确定的……项目: the one named before
                if batch is not None or np:
                    self.last_ref = batch or np
                    self._ref_stage = self._np_stage(clause.group(), np) if np else None
                    self._note_np(clause.group(), np)
            if isinstance(self.last_ref, str) and _BARE_REF_OPENING.match(sentence):
                self._ref_para = self.para_no  # 甲工程。(next paragraph) 项目选址位于……: still that project's paragraph
            self._note_label(sentence)
            return out
        self._note_label(sentence)
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
        head_end: int | None = None  # where the sentence's first batch begins
        for cm in _CLAUSE_RE.finditer(sentence):
            clause, c0 = cm.group(), cm.start()
            self._last_word = None
            if batch is not None and c0 and sentence[c0 - 1] in "；;" and (
                _NEW_ITEM.match(clause) or self._opens_with_place(clause)
            ):
                # 甲区推进7个项目，完成投资X；乙工程(乙市)……完成投资Y: a new item, not a part of the batch
                batch, focus = None, None
            pushes = focus is not None and c0 and sentence[c0 - 1] in "；;"
            if pushes and _PUSHES_ON.match(sentence[c0 + len(clause) :]):
                focus = None  # ……甲项目；投资X，加快推进乙项目: the next item's own project
            parent = batch or (self.last_ref if isinstance(self.last_ref, _Batch) else None)
            # A later batch takes its stage from the event before the first one, never
            # from the batch before it (开工项目…；签约项目…；其他项目…).
            new_batch = _batch_in(
                clause, parent, sentence[: c0 if head_end is None else head_end], self.gaz, sentence[:c0]
            )
            if new_batch is not None:
                head_end = c0 if head_end is None else head_end
                batch = new_batch
                self.last_ref = batch
                focus = None
            prev_end = 0
            moneys = find_money(clause)
            # A、B分别……X、Y: the first reading that pairs every figure wins (places, trades, projects, groups)
            places = trades = named = groups = None
            head = self._respective_head(clause, moneys)
            if head is not None:
                listed = _before_keyword(head)
                places = self._respectively(head, moneys)
                trades = None if places else self._respective_trades(listed, moneys)
                named = None if places or trades else self._respective_projects(
                    listed, moneys, focus[1] if focus else None
                )
                groups = None if places or trades or named else self._respective_groups(listed, moneys, parent)
            for i, money in enumerate(moneys):
                if groups:  # 20个省重点项目、200个市重点项目分别完成投资X、Y: each group its own count
                    fact = self._fact(
                        sentence, clause, c0, money, groups[i], None, 0, clause[: moneys[0].start],
                        list_at=(i, len(moneys)),
                    )
                elif trades or named:  # 工业项目和服务业项目分别完成投资X、Y: one figure per category
                    fact = self._fact(
                        sentence, clause, c0, money, batch, focus, 0, clause[: moneys[0].start], None,
                        trades[i] if trades else None, named[i] if named else None, list_at=(i, len(moneys)),
                    )
                elif places:
                    fact = self._fact(
                        sentence, clause, c0, money, batch, focus, 0, clause[: moneys[0].start], places[i],
                        list_at=(i, len(moneys)),
                    )
                    if fact is not None and fact.project_name and "、" in fact.project_name:
                        parts = fact.project_name.split("、")  # 甲县A项目、乙区B项目总投资分别为X、Y
                        fact.project_name = parts[i] if len(parts) == len(places) else fact.project_name
                else:
                    fact = self._fact(sentence, clause, c0, money, batch, focus, prev_end)
                prev_end = money.end
                if fact is not None:
                    out.append((fact, 0, len(sentence)))
                    if fact.project_name:
                        self._sentence_names.append(fact.project_name)
                        self.last_ref = fact.project_name
                        self._ref_place = fact.region
                        focus = ("fact", fact.project_name)
            np = self._clause_np(clause) if new_batch is None and prev_end == 0 else None
            if focus and focus[0] == "sub" and sentence[c0 - 1 : c0] in ("；", ";"):
                focus = None  # the list's previous item is closed
            if np is None and new_batch is None and prev_end == 0 and batch is not None:
                np = self._bare_item(sentence, c0, clause)  # 项目分别是：甲医药园，总投资X
            if np is None and new_batch is None and prev_end == 0 and batch is None:
                np = self._seen_subject(clause)  # 甲小镇位于某区，规划总投资X: the project named before
            referred = False
            if np is None and new_batch is None and prev_end == 0 and batch is None:
                np = self._referred_subject(clause)  # 该工程位于某区，总投资X: the project named before
                referred = np is not None
            kind_part = self._kind_part(np, batch) if np else None
            if kind_part is not None:
                # 其中生物医药产业项目是……重头戏，包括：甲园、乙项目等，总投资X: the batch's part by trade
                batch, focus, np = kind_part, None, None
                self.last_ref = batch
            if np:
                # 市重点项目2个，其中甲公司年产5万吨乙项目，……，总投资X: the one project 其中 singles
                # out, not the batch, owns the figures that follow with no subject of their own.
                # (其中包括X项目 gives an example of the batch; the total stays the batch's.)
                # A list item (项目分别是：A项目，总投资X；B项目，总投资Y) is one project too.
                sub = batch is not None and (
                    _SINGLED_OUT.match(clause) is not None or self._list_item(sentence, c0, clause, np)
                )
                focus = ("sub" if sub else "ref" if referred else "np", np)
                stage_before = self._ref_stage
                self.last_ref = np
                # 该工程位于某区: the work keeps the stage of the event it was named in (……正式动工)
                self._ref_stage = detect_stage(clause) or (stage_before if referred else None)
                self._note_np(clause, np)
            elif new_batch is not None and prev_end == 0:
                item = self._opened_item(clause)  # N个项目分别是甲项目，总投资X；乙项目……
                if item:
                    focus = ("sub", item)
                    self.last_ref = item
                    self._ref_stage = detect_stage(clause)
                    self._note_np(clause, item)
        if out and ("包括" in sentence or "其中" in sentence):
            out += self._place_shares(sentence, out)
        if out and ("目标" in sentence or "计划" in sentence or "任务" in sentence):
            out += self._yardsticks(sentence, out)
        self._note_period(sentence)
        return out

    def _yardsticks(self, sentence: str, out: list[tuple[Fact, int, int]]) -> list[tuple[Fact, int, int]]:
        """The year's plan a completed figure is measured against (已完成投资X，是今年年度目标Y的Z%):
        a planned figure of the same projects and place for the whole year."""
        done = [f for f, _a, _b in out if f.measure == "completed_investment"]
        if not done:
            return []
        found: list[tuple[Fact, int, int]] = []
        moneys = find_money(sentence)
        for k, money in enumerate(moneys):
            if not (_YARDSTICK_BEFORE.search(sentence, 0, money.start) and _SHARE_AFTER.match(sentence, money.end)):
                continue
            if any(f.amount_original == money.value for f, _a, _b in out) or money.currency != "CNY":
                continue  # (占年度计划投资X的: the keyword rules read it already)
            # the figure measured is the one before it in its own item (签约额X，是年度目标Y的: no investment)
            same_item = [m for m in moneys[:k] if not _ITEM_BREAK.search(sentence, m.end, money.start)]
            prior = same_item[-1] if same_item else None
            base = next((f for f in reversed(done) if prior and f.amount_original == prior.value), None)
            if base is None:
                continue
            year = int(base.period_start[:4]) if base.period_start else self.published.year
            found.append((
                dataclasses.replace(
                    base, measure="planned_investment", amount_cny=money.value, amount_original=money.value,
                    approximate=money.approximate, completion_rate=None,
                    period_start=dt.date(year, 1, 1).isoformat(), period_end=dt.date(year, 12, 31).isoformat(),
                ),
                0,
                len(sentence),
            ))
        return found

    def _place_shares(self, sentence: str, out: list[tuple[Fact, int, int]]) -> list[tuple[Fact, int, int]]:
        """A portfolio total followed by the places it is made of (投资额X，包括甲市Y、乙市Z等): one
        fact per place with the total's measure; the total is then the places' whole (the province
        for places of several cities).  A list after a figure that is no fact stays out."""
        openers = [o for o in _SHARES_OPEN.finditer(sentence) if self.gaz.find(sentence[o.end() : o.end() + 12])]
        if not openers or not any(f.subject == "portfolio" for f, _a, _b in out):
            return []
        moneys = find_money(sentence)
        shares: list[tuple[Fact, int, int]] = []
        for opener in openers:
            total_money = next((m for m in reversed(moneys) if m.end <= opener.start()), None)
            if total_money is None or sentence[total_money.end : opener.start()].strip():
                continue
            total = next(
                (f for f, _a, _b in out if f.amount_original == total_money.value and f.subject == "portfolio"), None
            )
            if total is None:
                continue
            listed: list[tuple[str, Money, int]] = []
            pos = opener.end()
            for m in moneys:
                if m.start < pos:
                    continue
                gap = sentence[pos : m.start]
                entry = _SHARE_ENTRY.fullmatch(gap)
                place = self.gaz.exact(entry.group("place")) if entry else None
                if place is None or m.value >= total_money.value or sentence[m.end : m.end + 1] == "的":
                    break
                listed.append((place, m, pos + entry.start("place")))
                pos = m.end
            if len(listed) < 2:
                continue
            cities = {n if self.gaz.is_city(n) else self.gaz.parent(n) for n, _m, _s in listed}
            whole = PROVINCE if len(cities) > 1 else cities.pop()
            total.region, total.region_code = whole, self.gaz.code(whole)
            for place, m, at in listed:
                share = dataclasses.replace(
                    total, region=place, region_code=self.gaz.code(place), project_count=None,
                    amount_cny=m.value if m.currency == "CNY" else None, amount_original=m.value,
                    currency=m.currency, approximate=m.approximate,
                )
                shares.append((share, at, m.end))
        return shares

    def _note_label(self, sentence: str) -> None:
        """A notice's labelled entry (一、项目名称：甲项目): the project its later entries are about."""
        labelled = _LABELLED_NAME.search(sentence) if "名称" in sentence else None
        if labelled:
            self.last_ref = self._labelled = labelled.group("np")
            self._ref_stage = None
            self._note_np(labelled.group(0), self._labelled)

    def _kind_part(self, np: str, batch: _Batch | None) -> _Batch | None:
        """A would-be name that is a trade's projects (生物医药产业项目, 文旅类项目) said of the
        batch in context: that part of the batch (its category, the batch's stage), not one project."""
        parent = batch or (self.last_ref if isinstance(self.last_ref, _Batch) else None)
        if parent is None or not _TRADE_NAME.search(np):
            return None
        kind = _kind(np[: -len("项目")], self.gaz)
        return _Batch(None, parent.stage, kind) if kind else None

    def _opened_item(self, clause: str) -> str | None:
        """The first item of a list a batch's own clause opens with no colon (N个项目分别是甲项目):
        the clause's tail after 分别是 is only a project's name."""
        opened = _OPENER_INSIDE.search(clause)
        if opened is None:
            return None
        tail = clause[opened.end() :].strip()
        np = _np(tail, self.gaz) if tail else None
        return np if np and np == tail and not _NOT_A_NAME.match(np) else None

    def _bare_item(self, sentence: str, c0: int, clause: str) -> str | None:
        """A list item's name with no 项目/工程 suffix (甲医药园, 乙物流中心二期)."""
        bare = _ORDINAL.sub("", _LEADING_NAME.sub("", clause.strip()))
        if not 3 <= len(bare) <= 40 or re.search(r"[\d０-９。，]", bare) or _PREDICATE.match(bare):
            return None
        if _is_generic(bare, self.gaz) or self.gaz.exact(bare):
            return None
        return bare if self._list_item(sentence, c0, clause, bare) else None

    @staticmethod
    def _list_item(sentence: str, c0: int, clause: str, np: str) -> bool:
        """Whether ``clause`` is only a project's name opening an item of a list: after
        ``分别是：``/``如下：``, after the ``；`` that closes the item before it, or after 一是/二是."""
        if sentence[c0 - 1 : c0] in ("；", ";") or _ORDINAL.match(clause.strip()):
            opened = True  # 一是甲项目，总投资X；二是乙项目……
        elif sentence[c0 - 1 : c0] in ("：", ":"):
            opened = _LIST_OPENER.search(sentence, 0, c0 - 1) is not None
        elif _OPENER_INSIDE.match(clause.strip()):
            opened = True  # ……，分别是甲项目，总投资X；乙项目……
        else:
            return False
        bare = _ORDINAL.sub("", _LEADING_NAME.sub("", clause.strip()))
        if bare.endswith("等") and "、" in bare:
            return False  # 包括：甲园、乙项目等: examples of the batch, no item of a list
        return opened and bare == np and not _NOT_A_NAME.match(bare)

    def _names_place(self, text: str) -> bool:
        """Whether ``text`` names a place itself (a place or 该市-like word not inside a name)."""
        places = [s for s, _e, _n in self.gaz.find(text, self.item.place) if not (s and text[s - 1] == "的")]
        return bool(places) or bool(_DEICTIC_RE.search(text))

    def _county_later(self, city: str, sentence: str, end: int) -> str | None:
        """The one county or district of ``city`` that the paragraph names after ``sentence[:end]``
        (a figure); None if it names none, several, or a place outside ``city``.

        The places are the paragraph's, found once (``find`` remembers them) and taken from
        the figure on: finding them again in the rest of the paragraph for every figure made
        a paragraph of a thousand figures quadratic."""
        at = self.para_text.find(sentence)
        if at >= 0:
            cut = at + end
            later = [m for m in self.gaz.find(self.para_text, self.item.place) if m[0] >= cut]
        else:
            later = self.gaz.find(sentence[end:], self.item.place)
        inner: set[str] = set()
        for _s, _e, name in later:
            if name == city:
                continue  # the city itself (某市第三届旅发大会): the whole, not another place
            if not self.gaz.within(name, city):
                return None
            inner.add(name)
        return inner.pop() if len(inner) == 1 else None

    @property
    def _ref_place(self) -> str | None:
        if self._ref_pending is not None:
            clause, np = self._ref_pending
            self._ref_pending = None
            self._ref_place_val = self._place_of(clause, np)
        return self._ref_place_val

    @_ref_place.setter
    def _ref_place(self, place: str | None) -> None:
        self._ref_pending, self._ref_place_val = None, place

    def _sited_after(self, after: str) -> str | None:
        """Where the one project a figure introduces is signed or built, later in its clause
        (我市……，投资X亿元的甲项目在某县开工建设); never a batch's venue (N个项目在某县集中开工)."""
        if not after.startswith("的"):
            return None
        stop = _CLAUSE_END_RE.search(after)
        clause = after[: stop.start()] if stop else after
        if "在" not in clause or _BATCH_IN_TAIL.search(clause):
            return None
        for s, e, name in self.gaz.find(clause):
            if clause[s - 1 : s] == "在" and _SITED_VERB.match(clause, e):
                return name
        return None

    def _seen_project(self, bare: str) -> str | None:
        """``bare`` (a subject with no 项目) when the item named it as a project before: after a
        visit verb (观摩了甲二期) or before 项目/工程 or a list's 、/等 (甲二期、乙基地等项目)."""
        if not 3 <= len(bare) <= 24 or re.search(r"[\d０-９，,。；;、]", bare) or _is_generic(bare, self.gaz):
            return None
        if self.gaz.find(bare) or _DEICTIC_RE.search(bare):
            return None
        text = self._item_text()
        if text.count(bare) < 2:
            return None
        return _first_sighting(text, bare)

    def _phase_owner(self, head: str) -> str | None:
        """The project the item named with this phase (甲物流园项目二期举行奠基仪式), for a later
        clause that says only 项目二期; None when the item names none."""
        phase = _PHASE_HEAD.match(head)
        if phase is None:
            return None
        text = self._item_text()
        for m in re.finditer(
            r"(?:^|(?<=[，,。；;：:\n]))(?P<name>[^，,。；;：:\n的]{2,30}?(?:项目|工程))" + phase.group("phase"), text
        ):
            name = _LEADING_NAME.sub("", m.group("name").strip())
            if len(name) > 4 and not name.startswith(("项目", "工程")) and not _is_generic(name, self.gaz):
                return name
        return None

    def _seen_subject(self, clause: str) -> str | None:
        """A clause's subject with no 项目 (甲小镇位于……) that the item named as a project before
        (甲小镇项目已完成……): that project, so a figure after it with no subject is its own."""
        m = _NP_END.search(clause)
        if m is None or m.start() < 3:
            return None
        return self._seen_project(_LEADING_NAME.sub("", clause[: m.start()].strip()))

    def _referred_subject(self, clause: str) -> str | None:
        """The project a clause's reference word (该工程位于某区 / 该项目由……) points back to, so
        the next clause's figure with no subject of its own is that project's."""
        m = _NP_END.search(clause)
        if m is None or m.start() < 2:
            return None
        head = _LEADING.sub("", clause[: m.start()].strip())
        if head in ("项目", "项目总", "工程", "工程总") and isinstance(self.last_ref, str):
            return self.last_ref  # 甲专用线工程项目，……。项目总占地N亩，总投资X: the project just named
        ref = _ref_word(head)
        return self._referent(ref.group("noun"), "") if ref else None

    def _np_stage(self, clause: str, np: str) -> str | None:
        """The stage of a project a sentence names without a figure: its own event word, else the
        batch the sentence details (此次集中签约的项目中，甲项目备受瞩目), else the event it was
        named in before (……确定联合建设甲项目: still the signed one)."""
        # a stage word inside the name (甲基础设施建设项目) is no event of it
        stage = (
            detect_stage(clause.replace(np, " "))
            or (self._context.stage if self._context else None)
            or self._np_stages.get(np)
        )
        if stage:
            self._np_stages[np] = stage
        return stage

    def _clause_np(self, clause: str) -> str | None:
        """``_np`` of ``clause`` (remembered in ``np_cache``: it depends on the clause alone); works
        named by what they are (甲医院乙院区位于……) in the form the item first named them as a
        project (甲医院乙院区一期工程开工), so one project has one name."""
        if clause in self.np_cache:
            np = self.np_cache[clause]
        else:
            np = self.np_cache[clause] = _np(clause, self.gaz)
        if np and _WORKS_END.search(np) and not _NP_SUFFIX.search(np):
            return self._seen_project(np) or np
        if np and _BARE_PHASE.fullmatch(np):
            return self._phase_named(np) or np  # 甲河生态修复二期工程开工……。二期工程位于……: that work's phase
        return np

    def _item_text(self) -> str:
        """The item's paragraphs as one text (its paragraphs are all split off before it is read)."""
        if self._whole is None:
            self._whole = "\n".join(p.text for p in self.item.paras)
        return self._whole

    def _phase_named(self, phase: str) -> str | None:
        """The item's first full name of a bare phase (二期工程 -> 甲河生态修复二期工程)."""
        text = self._item_text()
        for m in re.finditer(r"([^\s，,。；;、的:：（()）“”\d]{2,30}?)" + phase, text):
            name = _LEADING_NAME.sub("", m.group(1)) + phase
            if len(name) > len(phase) + 1 and not _is_generic(name, self.gaz):
                return name
        return None

    def _opens_with_place(self, clause: str) -> bool:
        """Whether ``clause`` opens with a place's name (乙市完成旅游投资Y): its own subject."""
        found = self.gaz.find(clause, self.item.place)
        return bool(found) and found[0][0] == len(clause) - len(clause.lstrip())

    def _firm_named(self, name: str, before: str) -> str:
        """``该公司(实施的)乙项目`` with 该公司 the firm the item named last (甲科技有限公司乙项目);
        without one in sight, the project's own words (乙项目)."""
        rest = _THE_FIRM_HEAD.sub("", name)
        firms = _FIRM_NAME.findall(self._history[-400:] + before)
        return firms[-1] + rest if firms else rest

    def _note_np(self, clause: str, np: str | None) -> None:
        """Remember where the project a clause names lies (found only if a rule asks);
        a project named again without a place keeps the place it had."""
        if not np:
            self._ref_place = None
        elif np == self._prev_np:
            place = self._place_of(clause, np)
            if place:
                self._ref_place = place
        else:
            self._ref_pending = (clause, np)

    def _place_of(self, clause: str, name: str) -> str | None:
        """Where a project named in ``clause`` lies: a place stated before its name."""
        at = clause.find(name)
        found = self.gaz.find(clause[: at if at >= 0 else len(clause)] + name, self.item.place)
        if len(found) >= 2 and self.gaz.within(found[-2][2], found[-1][2]):
            return found[-2][2]  # 故城县引进的衡水正大甲项目: the county, not the city the name opens with
        return found[-1][2] if found else None

    def _signing(self, before: str) -> bool:
        """Whether the figure's sentence, or the one before it, reports a signing (签约)."""
        tail = self._history[self._history.rfind("。", 0, len(self._history) - 1) + 1 :]
        return bool(_SIGNING.search(before) or _SIGNING.search(tail))

    def adopt_caption(self, paragraph: str, subject: tuple[str, str | None] | None) -> None:
        """Before a paragraph: if it opens with 该项目, no project was named before it, and the
        caption beside it shows one, that project (and the caption's place) is what 该项目 means."""
        if subject is not None and not isinstance(self.last_ref, str) and _REF_OPENING.match(paragraph):
            name, place = subject
            self.last_ref = name
            self._ref_place = place or self._name_place(name, None)
            self._ref_stage = detect_stage(name)

    def _referent(self, noun: str, before: str) -> str | None:
        """The project ``该<noun>`` points back to: the named ``last_ref`` if it is one,
        else the latest noun phrase ending in ``noun`` in the item so far."""
        if isinstance(self.last_ref, str) and (noun in ("项目", "工程") or noun in self.last_ref):
            return self.last_ref
        text = self._history + before
        end = len(text)
        while True:
            at = text.rfind(noun, 0, end)
            if at < 0:
                return None
            end = at
            lead = _ref_lead(text, at)
            if _REF_BEFORE.search(lead):
                continue
            cut = max((m.end() for m in _NAME_BOUNDARY.finditer(lead)), default=0)
            name = trim_name(_LEADING_NAME.sub("", lead[cut:]) + noun) or ""
            if len(name) >= 4 and not _is_generic(name, self.gaz):
                return name
            return None

    def _located_subject(self, before: str) -> str | None:
        """For 该项目 when the item named no project: the subject the text before placed somewhere
        (甲智能港位于某县……), in the longest form the item repeats (乙甲智能港 said twice or more)."""
        text = self._history + before
        found = list(_LOCATED.finditer(text))
        if not found:
            return None
        name = _LEADING_NAME.sub("", found[-1].group("name"))
        if len(name) < 2 or self.gaz.find(name) or _DEICTIC_RE.search(name) or _is_generic(name, self.gaz):
            return None
        whole = self._item_text()
        longest = name
        for m in re.finditer(r"[\u4e00-\u9fff]{1,4}" + re.escape(name), whole):
            lead = m.group()[: -len(name)]
            for k in range(len(lead), 0, -1):
                longer = lead[-k:] + name
                if len(longer) > len(longest) and not _NAME_LEAD_WORD.search(lead[-k:]) and whole.count(longer) >= 2:
                    longest = longer
                    break
        return longest if len(longest) >= 4 else None

    def _project_ahead(self, head: str) -> tuple[str, str | None] | None:
        """In an item's first sentence, a figure with no subject whose project the next
        sentence names (总投资X亿元的某项目): that project and the place said before it."""
        if self._history or not _TIME_ONLY.match(head):
            return None
        m = re.search(r"(?:万|亿)元的", self.lookahead)
        cand = _name_after(self.lookahead[m.end() :]) if m else None
        if not cand or "项目" not in cand or _is_generic(cand, self.gaz):
            return None
        places = self.gaz.find(self.lookahead[: m.start()] if m else "", self.item.place)
        return cand, (places[-1][2] if places else None)

    def _batch_later(self, rest: str, place: str) -> _Batch | None:
        """The batch the rest of a place's sentence announces (……，实施2项教育惠民工程), as that place's."""
        announced = _first_batch(rest)
        if announced is not None:
            announced[0].place = place
        return announced[0] if announced else None

    def _carried_batch(self, head: str, rest: str) -> _Batch | None:
        """The batch a figure with no subject of its own belongs to: one announced later in
        the sentence, the item's latest batch, else one the next sentences announce (我市计划总投资X，
        ……，实施2项教育惠民工程: the place's own word before the figure is no subject of another)."""
        if not _TIME_ONLY.match(_DEICTIC_RE.sub("", head)):
            return None
        for text in (rest, None, self.lookahead_in_paragraph):
            if text is None:
                if isinstance(self.last_ref, _Batch):
                    return self.last_ref
                continue
            announced = _first_batch(text)
            if announced is not None:
                found, end = announced
                places = self.gaz.find(text[:end], self.item.place)
                found.place = places[-1][2] if places else None
                return found
        return None

    def _note_abroad(self, sentence: str) -> None:
        """Whether the paragraph is, from this sentence on, about a place outside Hebei: a sentence
        headed by one (北京市今年安排重点项目300个。其中，……) until a sentence names a Hebei place."""
        head = _OUTSIDE_HEAD.match(sentence) if OUTSIDE_NAMES.search(sentence) else None  # (quick test first)
        if head is not None:
            self._abroad = not self._names_home(sentence[head.end() :])
        elif self._abroad and self._names_home(sentence):
            self._abroad = False

    def _outside(self, before: str) -> bool:
        """Whether the clause heads of ``before`` (a sentence up to a figure) make a place outside
        Hebei the figure's subject, no Hebei place or investor named after it."""
        if OUTSIDE_NAMES.search(before) is None:
            return False  # names no place outside Hebei: no head can match
        heads = list(_OUTSIDE_HEAD.finditer(before))
        return bool(heads) and not self._names_home(before[heads[-1].end() :])

    def _names_home(self, text: str) -> bool:
        """Whether ``text`` brings a figure back to Hebei: a Hebei place or word, or an investor."""
        return bool(_BACK_HOME.search(text) or self.gaz.find(text))

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
        list_trade: str | None = None,
        list_name: str | None = None,
        list_at: tuple[int, int] | None = None,
    ) -> Fact | None:
        """The fact of ``money`` in ``clause`` (at ``c0`` of ``sentence``), else None.  The ``list_``
        arguments are set for the i-th of n figures of ``A、B分别……X、Y`` (``list_at``: (i, n))."""
        pre = (clause[: money.start] if list_pre is None else list_pre).rstrip()
        spent_on = None  # the works a past spend built (某县投资了X，修建了甲大道)
        kw = _keyword_at_end(pre[-16:])
        if kw is not None:
            word, pre_kw = kw.group("kw"), pre[: len(pre) - len(kw.group(0))]
        elif (done := _DONE_AMOUNT.search(pre)) and _INVEST_AFTER.match(clause, money.end):
            # 一季度已完成5.12亿元投资: the amount before 投资, done (or, after 计划, planned)
            word, pre_kw = ("计划" if done.group("plan") else "") + "完成投资", pre[: done.start()]
        elif (
            not prev_end and _SUM_ONLY.match(pre) and _KW_CLAUSE_END.search(sentence, 0, c0)
            and (kw := _keyword_at_end(last := _CLAUSE_RE.findall(sentence[:c0])[-1].rstrip()))
            and not kw.group("fill")
        ):
            # ……完成了N个项目的投资，累计金额达X: the keyword closed the clause before the sum
            word, pre_kw = kw.group("kw"), last[: len(last) - len(kw.group(0))]
        elif (
            self._last_word and prev_end and _LIST_ITEM_GAP.match(pre[prev_end:]) and clause.startswith("的", money.end)
        ):
            word, pre_kw = self._last_word, pre  # 投资3亿元的甲电站、1.2亿元的乙制氢等项目
        elif (
            pre.endswith("投资了")
            and not clause[money.end :].strip()
            and (spent := _SPENT_ON.match(sentence, c0 + len(clause)))
            and not _is_generic(spent["name"], self.gaz)
        ):
            word, pre_kw, spent_on = "投资", pre[:-3], spent["name"]  # 某县投资了X，修建了甲大道: what it built
        else:
            return None
        if _NOISE_BEFORE_KW.search(pre_kw) or _INDUCED.search(pre_kw):
            return None
        if word.startswith("签约") and _LOAN_WORDS.search(sentence):
            return None  # 签约金额 of bank loans (贷款、授信) is credit, not investment
        after = clause[money.end :]
        money_text = clause[money.start : money.end]
        if _threshold(money_text, after):
            return None
        if self._abroad or self._outside(sentence[: c0 + money.start]):
            return None  # 江苏省重大项目完成投资X: a figure of a place outside Hebei
        # 投资超10亿元的项目2个 sizes projects; 总投资超320亿元的项目439项 totals them.
        over = "总" not in word and money_text.startswith(("超", "逾", "突破", "过"))
        # (总投资161亿新项目29个: a total, its 的 dropped; 10亿元项目3个 without 总: a size class)
        sized = "以上" in money_text or over or (not after.startswith("的") and "总" not in word)
        if sized and _SIZE_CLASS.match(after):
            return None  # 亿元以上项目12个: counts projects by size
        if size_band(word, money_text, after, sentence[: c0 + money.start], self._history):
            return None  # 其中总投资超5亿元的项目17个、超10亿元的5个: thresholds (bands.py)
        verb_obj = verb_before_object(pre_kw) if word == "投资" else None
        if verb_obj:
            # 完成重点项目投资X: the batch's completed investment (某市就完成了……: no adverb in its subject)
            pre_kw = _ADVERB_BEFORE_VERB.sub("", verb_obj[2]) + verb_obj[1]
        if verb_obj:
            measure = verb_obj[0]
        elif "外资" in word:
            measure = "foreign_investment"
        elif "总" in word:
            # 重点项目完成总投资X: what the projects completed, not what they cost
            done = _DONE_TOTAL.search(word) or _DONE_BEFORE.search(pre_kw)
            measure = "completed_investment" if done else "total_investment"
        elif _PLAN_WORD.search(word):
            measure = "planned_investment"
        elif _DONE_WORD.search(word):
            # 年内完成投资X / 力争全年完成投资X: a target, not what was done
            aimed = word.startswith("年内") or _AIM_BEFORE.search(pre_kw) is not None
            # 力争一季度……开工，全年完成投资X: the year's figure in a string of goals is one of them
            aimed = aimed or (
                (_YEAR_AHEAD.fullmatch(pre_kw.strip()) or (not pre_kw.strip() and _YEAR_AHEAD.match(word)))
                and _AIM_BEFORE_CLAUSE.search(sentence, 0, c0) is not None
            )
            measure = "planned_investment" if aimed else "completed_investment"
        elif _YEAR_WORD.search(word):
            # 完成年度投资X: what was done of the year's investment (计划完成年度投资X: a plan)
            measure = "completed_investment" if _DONE_BEFORE.search(pre_kw) else "planned_investment"
        else:
            measure = "total_investment"

        subject = "portfolio"
        name: str | None = None
        from_ref = False  # the name came from a reference word, so may its place
        signed_deal = False  # a bare 项目 that is the deal a signing sentence reports
        count = batch.count if batch else None
        stage = batch.stage if batch else None
        category = batch.category if batch else None
        built = _BUILD_AFTER.match(after) or _SIZED_OF.match(after)  # what stands between figure and name
        if built is None and not after.strip() and _TIME_ONLY.match(_LEADING.sub("", pre_kw[prev_end:].strip())):
            # 目前总投资X，建筑面积N平方米的甲楼已开工: the figure's clause names nothing, the next its project
            nxt = sentence[c0 + len(clause) :]
            if (sized := _SIZED_OF.match(nxt)) is not None:
                after, built = nxt, sized
        direct = None if after.startswith("的") or built else _DIRECT_NAME.match(after)
        if spent_on is not None:
            subject, name = "project", spent_on
        elif after.startswith("的") or built or direct:
            tail = after[built.end() :] if built else after if direct else after[1:]
            cm = (
                _LEAD_COUNT.match(tail)
                or _NOUN_COUNT.match(tail)
                or _ETC_COUNT.search(tail)  # 总投资X亿元的甲、乙等11个项目
            )
            if cm and cm.re is _ETC_COUNT:
                nxt = _NEXT_FIGURE.search(tail)
                listed = prev_end > 0 and pre_kw[prev_end:].rstrip().endswith(("、", "和", "及"))
                if (nxt and nxt.start() < cm.start("n")) or listed:
                    # 总投资X的甲项目、总投资Y的乙项目等5个项目: each item has its own figure; 等N个 is the list's
                    tail = tail[: nxt.start()] if nxt else tail[: tail.rfind("等", 0, cm.start("n"))]
                    cm = None
            if cm and cm.re is _NOUN_COUNT and _COUNT_OF_LIST.match(tail, cm.end()):
                # ……、总投资X的丙小城镇项目5个过亿元项目: the count is the whole list's, the noun before it
                # this item's name (重点项目439项 stays a count: a generic noun names no project)
                own = tail[: cm.start("n")]
                if not _is_generic(own, self.gaz):
                    cm, tail = None, own
            if cm:
                count = parse_count(cm.group("n"))
                # 总投资X的甲、乙等11个项目，在某仪式上签约: the batch's verb may follow in the sentence
                stage = detect_stage(clause) or stage or detect_stage(sentence[c0 + len(clause) :])
            else:
                noun = next((n for n in REFERENCE_NOUNS if tail.startswith(n)), None)
                if noun is None and (described := _DESCRIBED_NOUN.match(tail)):
                    noun = described.group("noun")  # 这一总投资X的绿色能源项目: a description, then its noun
                pointed = noun is not None and _REF_ONLY.match(_LEADING.sub("", pre_kw[prev_end:].strip()))
                # 这个投资X亿元的项目 / 该总投资X的产业园: the one named before
                referent = self._referent(noun, sentence[:c0]) if pointed and noun else None
                cand = _name_after(tail) if referent is None else None
                if referent:
                    subject, name, from_ref = "project", referent, True
                    stage = stage or (self._ref_stage if referent == self.last_ref else None)
                elif cand and not _is_generic(cand, self.gaz):
                    subject, name = "project", cand
                    if built and (at := built.groupdict().get("at")) and (sited := self.gaz.find(at, self.item.place)):
                        list_place = list_place or sited[-1][2]  # 甲集团投资X亿元在某县建设乙项目: built there
                    if built and (by := _BY_FIRM.search(pre_kw[prev_end:])) and not cand.startswith(by["firm"]):
                        name = by["firm"] + cand  # 由甲公司投资X亿元打造的乙项目: the company's project
                        ref = self.last_ref if isinstance(self.last_ref, _Batch) else None
                        stage = stage or (ref.stage if ref and ref.stage in _EVENT_STAGES else None)
        else:
            head = _LEADING.sub("", pre_kw[prev_end:].strip().lstrip("、和及与").strip("“”\"'‘’」"))
            head = _ADVERB_TAIL.sub("", head) if len(head) > 2 else head
            phase_whole = None
            if not head and not prev_end and c0 and (phase_clause := _phase_clause_before(sentence[:c0])):
                # 今天开工的项目二期，计划投资X: the phase the clause before names, of the project the
                # item named with that phase (else of the one in context, when the clause named none)
                phase_whole = self._phase_owner(phase_clause)
                head = phase_clause if phase_whole or focus is None else head
            ref_word = _ref_word(head)
            referent = self._referent(ref_word.group("noun"), sentence[:c0]) if ref_word else None
            if referent and (head not in _ANAPHORA or (focus is None and batch is None)):
                subject, name, from_ref = "project", referent, True  # 该产业园总投资X
                stage = stage or (self._ref_stage if referent == self.last_ref else None)
            elif head in _ANAPHORA:
                if focus:
                    subject, name = "project", focus[1]
                elif batch is None and isinstance(self.last_ref, str):
                    subject, name, from_ref = "project", self.last_ref, True
                    stage = stage or self._ref_stage
                elif batch is None and isinstance(self.last_ref, _Batch):
                    batch = self.last_ref
                    count, stage, category = batch.count, batch.stage, batch.category
                elif batch is None and self._signing(sentence[: c0 + money.start]):
                    signed_deal = True  # 甲集团与乙县签约……，项目总投资X: the signed deal, named by none
                elif batch is None and self.last_ref is None and (located := self._located_subject(sentence[:c0])):
                    subject, name = "project", located  # 甲港位于某县……。该项目总投资X: what was located
                elif (
                    batch is None
                    and self.last_ref is None
                    and (ref := self._referent(head[-2:], sentence[:c0]))
                    and not _DEICTIC_RE.search(ref)  # (全市新设外资项目32家: a count of a place's, no name)
                ):
                    subject, name, from_ref = "project", ref, True  # 甲项目取得关键进展。项目总投资X: the one named
                elif batch is None:
                    return None
            elif (
                (not head or _TIME_ONLY.match(head) or _BY_BUILDER.fullmatch(head))  # (由甲公司计划投资X打造)
                and focus and (focus[0] in ("fact", "sub") or batch is None)
            ):
                subject, name = "project", focus[1]
                stage = stage or (self._ref_stage if focus[0] == "ref" else None)
            elif not head and batch is None and self._labelled is not None and self._labelled == self.last_ref:
                subject, name, from_ref = "project", self._labelled, True  # 项目名称：甲项目 …… 总投资X
            elif not head and "项目" in word and batch is None and (only := self._only_project()):
                subject, name, from_ref = "project", only, True  # ……签订协议，整体规划项目投资X: the one project named
                stage = stage or self._ref_stage
            elif (phase := _PHASE_HEAD.match(head)) and (
                whole := phase_whole
                or (focus[1] if focus else self.last_ref if isinstance(self.last_ref, str) else None)
            ):
                # 该项目总投资X，一期计划投资Y；二期……: each phase a project of its own, named after the whole
                subject, name, from_ref = "project", _phase_name(whole, phase.group("phase")), whole == self.last_ref
                stage = stage or self._ref_stage
            else:
                named = _LEADING_NAME.sub("", pre_kw[prev_end:].strip().lstrip("、，"))
                # 甲孵化器项目已完成投资X / 目前已完成: an adverb between the name and its verb
                cand = _name_before(named)
                if cand is None and (bare := _name_before(_ADVERB_TAIL.sub("", named))):
                    cand = bare[bare.rfind("的") + 1 :] if len(bare) - bare.rfind("的") > 4 else bare  # (全长N公里的)
                if cand is None and (road := _ROAD_END.search(pre_kw[prev_end:])):
                    cand = _road(road.group("name"), self.gaz)  # 全长68公里的冀中南高速公路已累计完成投资X
                if cand and _COUNTED_LISTED.match(cand):
                    cand = None  # 我市24所学校建设列入民生实事工程: counted works on a list
                group = _counted_group(cand, self.gaz) if cand else None
                if cand and (trades := category_subset(cand)):
                    category, count = trades, None  # 其中，先进制造业项目和现代服务业项目总投资X: a part by trade
                elif group is not None:
                    count = group[0]  # 某市500个亿元以上社会投资类项目完成投资X: a group, not one project
                    category = category or group[1]
                    stage = stage or detect_stage(cand)
                elif cand and not _is_generic(cand, self.gaz):
                    subject, name = "project", cand
                elif cand and batch is None and (only := self._only_project()) and _ONE_PROJECT.fullmatch(cand):
                    subject, name, from_ref = "project", only, True  # 整体规划项目投资X: the one project named
                    stage = stage or self._ref_stage
                elif (
                    cand is None
                    and _ORDINAL_HEAD.fullmatch(head)
                    and (pushed := _PUSHES_ON.match(after if after.strip() else sentence[c0 + len(clause) :]))
                    and not _is_generic(pushed.group("np"), self.gaz)
                ):
                    # 投资X，加快推进(总投资Y的)甲项目: the project the money pushes on with; beside its
                    # total, X is this year's part of it
                    subject, name = "project", pushed.group("np")
                    if word == "投资" and pushed.group("total"):
                        measure = "planned_investment"
                elif cand is None and (built_np := _firm_builds(head, after, sentence[c0 + len(clause) :])):
                    subject, name = "project", built_np[0]  # 甲公司投资X亿元，增上乙项目: the project it builds
                    sited = self.gaz.find(built_np[1], self.item.place) if built_np[1] else []
                    list_place = list_place or (sited[-1][2] if sited else None)  # ……，在某县建设乙项目
        if list_trade is not None:
            subject, name, count, category = "portfolio", None, None, list_trade  # a part by trade, not the whole
        elif list_name is not None:
            subject, name = "project", list_name  # 甲项目和乙项目分别投资X、Y: each project its own
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
                bare = _LEADING.sub("", head.lstrip("、，,和及与"))
                rest = sentence[c0 + len(clause) :]
                # 某市计划总投资X，……，实施2项甲工程: a place's figure, the batch its sentence goes on to name
                carried = self._batch_later(rest, place_head) if place_head else self._carried_batch(bare, rest)
                if place_head and self._roundup and self._roundup[0] == measure:
                    list_place, stage = place_head, self._roundup[1]  # 唐山市完成投资X, after 全省完成投资Y
                elif (
                    _TIME_ONLY.match(bare) and isinstance(self.last_ref, str) and self._ref_para == self.para_no
                    and not _DEICTIC_RE.search(before_all := sentence[: c0 + money.start])
                    and not self.gaz.find(before_all)
                ):
                    subject, name, from_ref = "project", self.last_ref, True  # ……。目前，累计完成投资X
                    stage = self._ref_stage
                elif carried is None and (ahead := self._project_ahead(bare)):
                    subject, name = "project", ahead[0]  # 目前已完成投资X。……总投资Y的某项目建设稳步推进
                    list_place = list_place or ahead[1]
                elif carried is not None:
                    batch = carried
                    count, stage, category = batch.count, batch.stage, batch.category
                    list_place = list_place or batch.place
                elif measure == "completed_investment" and self._against_plan(
                    bare, after, sentence[c0 + len(clause) :]
                ):
                    pass  # 某市共完成投资X，占年度计划的Y%: the place's projects, done against their plan
                elif measure != "foreign_investment" and (seen := self._seen_project(bare)):
                    subject, name = "project", seen  # 观摩了丙粮油二期等项目。丙粮油二期总投资X
                elif _SECTOR_HEAD.fullmatch(bare) or (
                    (_SECTOR_ALONE.fullmatch(bare) or _SECTOR_WORKS.fullmatch(bare))
                    and (
                        _SECTOR_HEAD.search(sentence, 0, c0)
                        or (_SECTOR_ALONE.search(sentence, 0, c0) and self.gaz.find(sentence[:c0], self.item.place))
                    )
                ):
                    # 今年全省高速公路计划投资X(，……；普通干线公路养护工程计划投资Y): an area's whole sector (or a
                    # sector's works after the area's sector total), a portfolio though no 项目 is said
                    category = category or "基础设施"
                elif (
                    (not bare or _TIME_ONLY.match(bare))
                    and _SECTOR_ITEM.search(sentence, 0, c0)
                    and self.gaz.find(sentence[:c0], self.item.place)
                ):
                    category = category or "基础设施"  # ……，其中高速公路计划建设N公里，计划完成投资X: a sector's
                elif (sector := _PLACE_SECTOR.fullmatch(bare)) and (sector_place := self.gaz.exact(sector["place"])):
                    category = category or "基础设施"  # 今年某市高速公路计划投资X: the same, the place by name
                    list_place = list_place or sector_place
                elif (not bare or _TIME_ONLY.match(bare)) and _PROGRAMME_HEAD.search(sentence, 0, c0 + money.start):
                    pass  # 今年全省棚改计划开工N套，完成投资X: the area's programme, a portfolio
                elif (not bare or _TIME_ONLY.match(bare)) and (
                    _COUNTED_WORKS.search(sentence, 0, c0 + money.start)
                    or _COUNTED_LISTED.match(sentence[: c0 + money.start])
                ):
                    # 某市计划改造96个老旧小区……，计划投资X / 我市24所学校建设列入民生实事工程: works counted in
                    # their own units, a portfolio of the whole place (其中某区6所 is a part of it)
                    whole = _PART_COUNT.sub(lambda m: " " * len(m.group()), sentence[: c0 + money.start])
                    list_place = self.region_for(whole)
                elif (
                    measure == "completed_investment"
                    and "累计" in word
                    and (not bare or _TIME_ONLY.match(bare))
                    and (since := _SINCE_SET_UP.search(sentence, 0, c0))
                    and self.gaz.find(sentence[: since.start()], self.item.place)
                ):
                    pass  # 某新区设立N年来，累计完成投资X: all the place built since it was set up
                elif (
                    (spent := _SPENT_SO_FAR.fullmatch(bare))
                    and (spender := self.gaz.exact(spent["place"]))
                    and _BUILDS_AFTER.match(after)
                ):
                    # 截至目前，曲阳已投资超过120亿元建设光伏发电: what the place has spent on what it builds
                    list_place, measure = list_place or spender, "completed_investment"
                elif _BY_BUILDER.fullmatch(bare) and (later := _named_later(sentence[c0 + len(clause) :], self.gaz)):
                    subject, name = "project", later  # 由甲集团投资X，……，占地N亩的乙项目一期接近尾声
                elif measure != "foreign_investment":
                    return None  # 全省实际使用外资X美元 is a fact without 项目; other bare totals are not
            else:
                stage = detect_stage(sentence[: c0 + money.start])
        if signed_deal:
            count, stage = None, "signed"
        if subject == "portfolio" and stage is None and _ATTRACTED.search(pre_kw):
            stage = "introduced"  # 该区吸引甲、乙等领域的新兴产业项目总投资X: the projects it brought in
        if "投入" in word and subject != "project":
            return None  # 累计投入资金X of an area or a fund is spending of any kind, not its projects'
        if subject == "project":
            count, category = None, None
            if stage is None:
                stage = detect_stage(after[after.find(name) + len(name) :] if name and name in after else "")
            if stage is None:
                # 在建的投资X亿元的某项目 (a stage word inside the name, 甲农田建设项目, is no event of it)
                lead_in = sentence[: c0 + money.start]
                stage = detect_stage(lead_in.replace(name, " ") if name else lead_in)
            if stage is None and (verb := _BARE_EVENT.match(sentence, c0 + len(clause))):
                stage = detect_stage(verb.group(1))  # 投资X的甲项目在某县农博会上，成功签约
            if stage is None and self._context is not None:
                stage = self._context.stage  # 开工项目N个。其中，投资X亿元的某项目……
            if (
                measure == "planned_investment" and re.fullmatch(r"(?:计划|拟|预计)投资", word)
                and not _A_YEARS.search(pre_kw)  # (2017年计划投资X: that year's part of it)
            ):
                measure = "total_investment"  # 某项目计划投资X亿元 states the project's size
        if name and ("与" in name or "和" in name):
            name = _without_parties(name, self.gaz)
        if name and name[0] in _OPEN_QUOTES + _CLOSE_QUOTES or name and name[-1] in _CLOSE_QUOTES:
            name = _unquoted(name)
        before = sentence[: c0 + money.start]
        # A place inside a project named earlier in the sentence (A区甲项目、乙项目) is that
        # project's, not the next one's.
        scope = before
        for prior in self._sentence_names:
            scope = scope.replace(prior, " " * len(prior))
        if subject == "project" and name:
            for other in _CLAUSE_RE.finditer(before):
                if name in other.group() or c0 <= other.start():
                    continue
                for s_, e_, _p in self.gaz.find(other.group(), self.item.place):
                    if _OTHER_NAME.match(other.group(), e_):
                        # 乙县甲水库工程开工，丙水库完成投资X: a place opening another project's name is that one's
                        s_, e_ = s_ + other.start(), e_ + other.start()
                        scope = scope[:s_] + " " * (e_ - s_) + scope[e_:]
        if name and (group := _counted_group(name, self.gaz)) is not None:
            subject, name, count = "portfolio", None, group[0]  # 31条(段)中小河流治理项目: a count of works
        semi = max(before.rfind("；"), before.rfind(";"))
        if subject == "project" and name and semi >= 0 and name in before[semi:]:
            # 甲新区推进……，完成投资X；乙防洪工程……完成投资Y: the item after ； is its own project's
            scope = "…" * (semi + 1) + scope[semi + 1 :]  # (not blank: the item is no sentence's opening)
        if subject == "project" and name and (listed := _listed_group(name)):
            subject, name, count = "portfolio", None, listed  # 开工的项目包括甲项目和乙项目，总投资X: the batch
        if name and name.startswith(_THE_FIRM):
            name = self._firm_named(name, before)  # 该公司实施的乙项目: the firm named before, its project
        if name and (listed := _listed_name(name)) is not None:
            subject, name, count = "portfolio", None, count or listed or None  # 甲、乙等4个项目总投资X
        region = list_place or self.region_for(scope, clause[money.end :])
        unplaced = self.unresolved if list_place is None else None
        guessed = region  # what region_for fell back to when ``unplaced``: refused unless a rule below places it
        if from_ref and self._ref_place and not self._names_place(before):
            region = self._ref_place  # 位于某区的X项目……。该项目总投资Y
        elif name in self._name_places and not self._names_place(scope):
            region = self._name_places[name]  # 来到饶阳县的乙项目。……乙项目总投资X
        elif subject == "project" and region and self.gaz.is_city(region) and _DEICTIC_RE.search(scope):
            # 某县，我市重点项目之一，总投资X的Y项目: a project lies in the county, not "the city".
            inner = [n for _s, _e, n in self.gaz.find(scope, self.item.place) if self.gaz.parent(n) == region]
            region = inner[-1] if inner else region
        elif (
            subject == "project"
            and region
            and self.para_place is None
            and self.gaz.is_city(region)
            and not self._names_place(before)
        ):
            # 投资X的甲项目、Y的乙项目正在施工……某县今年……: the one county of the city the paragraph
            # goes on to name, not the city a masthead or dateline gave the item
            region = self._county_later(region, sentence, c0 + money.end) or region
        if name:
            region = self._name_place(name, region)
            site = self._site(name)
            up = self.gaz.parent
            if site and region in (None, PROVINCE, up(site), up(up(site))):
                region = site  # 选址某县的甲市乙项目: the county it is sited in, not the city in its name
            lead = self._county_opening(name)
            if lead and region and region != lead and not site and list_place is None and self._siblings(lead, region):
                rest = (before + clause[money.end :]).replace(name, " ")
                if not self._names_place(rest):
                    region = lead  # 甲县……。总投资X的乙区丙公司丁项目: the district the name opens with
        if self._host is not None and (self._in_host_sentence or stage in ("signed", "introduced") or "会上" in before):
            region = self._hosted(region, before)  # what the event signed, not other figures of the item
        if clause.startswith("不超过", money.start) and subject != "project":
            return None  # 入库项目总投资不超过X: a ceiling bounds a criterion; only a named project's is its total
        if unplaced and region == guessed:
            kind = {"区": "district", "市": "city"}.get(unplaced[-1], "county")
            self.refused.append((c0 + money.start, c0 + money.end, f"{unplaced}: the text names no {kind} it is"))
            return None
        if region is None:
            return None
        period = self.period_for(before, stage)
        if period is None and list_place is not None and self._roundup and self._roundup[0] == measure:
            period = self._roundup[2]
        if measure == "planned_investment" and (
            _YEAR_WORD.search(word) or period is None or period[1] == self.published
        ):
            # 今年计划投资 / 年度计划 is the plan for the whole year, not a figure to date.
            # 明年计划投资: next year's plan, whatever event the sentence follows
            year = self.published.year + 1 if "明年" in word else period[0].year if period else self.published.year
            if period is not None and period[0] == period[1] and period[0].year == year:
                # a batch that broke ground on day D plans its investment from D to the year's end
                period = (period[0], dt.date(year, 12, 31))
            elif period is None or period[0].month == 1 or period[0] == period[1]:
                period = (dt.date(year, 1, 1), dt.date(year, 12, 31))
        if subject == "portfolio" and list_place is None:
            self._roundup = (measure, stage, period)
        self._last_word = word
        rate: float | None = None  # only a completed figure has a completion rate: look for one then
        if measure == "completed_investment":
            rate_m = _RATE_RE.match(after) or _RATE_RE.match(sentence[c0 + len(clause) :])
            rate = _rate_of(rate_m, list_at) if rate_m else None
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


# 分别占年度计划的85%、78.5%: the rates after the first, one per figure of the list.
_MORE_RATES = re.compile(r"\s*(?:、|和|及)\s*(?P<r>(?<!\d)\d{1,4}(?:\.\d{1,4})?)[%％]")


def _rate_of(rate_m: re.Match[str], list_at: tuple[int, int] | None) -> float | None:
    """The completion rate of a figure: the one stated after it, or for the i-th of n figures
    (甲、乙分别完成投资X、Y，分别占年度计划的A%、B%) the i-th of n rates; None when a list's
    rates do not pair one to one with its figures (which rate is whose is then unknown)."""
    rates = [rate_m.group("r")]
    if list_at is not None:
        at = rate_m.end()
        while (more := _MORE_RATES.match(rate_m.string, at)) is not None:
            rates.append(more.group("r"))
            at = more.end()
    i, n = list_at or (0, 1)
    if len(rates) == 1:
        # one rate after n figures is their sum's (……，占年度计划的82%), unless said of each (均占)
        return float(rates[0]) if n == 1 or "均" in rate_m.group(0) else None
    return float(rates[i]) if len(rates) == n else None


def sentences(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in _SENTENCE_RE.finditer(text)]
