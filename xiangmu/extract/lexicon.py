"""Cue words the extraction rules share, and the ways the rules turn word lists into patterns.

Why a module: the same words (where a ceremony is held, a dateline, the province or the city
as a whole) were spelt out again in each rule that needed them; here each list has one home,
and a rule says how it uses a list (any of the words, a text opening or ending with one, a
position where none starts) instead of repeating the regular expression around it.  Alternatives are regex fragments,
tried in the order given: the order is part of what a rule means (共计 before 共).
"""

from __future__ import annotations

import re

# A newspaper's own dateline: 本报讯 / 本报北京5日电 (at most six characters between).
DATELINE = r"(?:本报讯|本报[^\s，。]{0,6}电)"
# A line that is one entry of a list (- 某区：30个项目。 / · 甲项目 / 1. / （2） / ③): it speaks of
# its entry only, so neither the item's place nor the next paragraph's comes from it.
LIST_ENTRY = re.compile(r"^\s*(?:[-－–—·•●▪◆■*]|[①-⑳]|\d{1,2}[.．、](?!\d)|[（(]\d{1,2}[）)])")
# A sentence opening with its topic (重大项目方面，甲新区……): a review by topic, whose places are
# each their own clause's, neither the paragraph's nor the text's.
TOPIC_OPENING = re.compile("^" + DATELINE + r"?\s*[^，。；,;]{2,12}方面[，,]")
# A name right after a place (衡水正大1亿只肉鸡全产业链项目): a firm or project named after the place, no
# verb between; the place is its home, not the sentence's subject.  (某市开工项目 / 重点项目 is no name.)
NAMED_AFTER_PLACE = re.compile(
    r"(?!谋划|实施|推进|完成|计划|共|全部|项目|今年|市|县|区|[\d这该此那各等和与及]|第[\d一二三四五六七八九十]+[批季次届期])"
    r"(?:(?!开工|签约|重点|集中|续建|竣工|投产|举行|召开|政府|领导|年度|季度|\d+个)[^，。；、,;\s在于是为将的]){2,30}?"
    r"(?:项目|工程|公司|集团|产业园|基地|医院)"
)
# Verbs saying where an event took place (……在某县举行).
HELD = ("举行", "举办", "召开")
PROVINCE_WORDS = ("全省", "我省", "本省", "该省")
CITY_WORDS = ("全市", "我市", "本市", "该市", "市内", "市直", "市本级")
LOCAL_WORDS = ("全县", "该县", "我县", "本县", "全区", "该区", "我区", "本区", "园区内")
NATION_WORDS = ("全国", "我国")
# Words pointing back at one thing named before (该项目, 这个基地), and the nouns they point with.
REFERENCE_WORDS = ("该", "此", "这个", "这一", "这座", "这家", "本")
REFERENCE_NOUNS = (
    "项目", "工程", "产业园", "园区", "基地", "工厂", "厂区", "中心", "生产线", "综合体", "小镇", "电站",
    "景区",  # 该景区: a scenic area built as a project
)
# How a company's name ends, longest first (甲科技股份有限公司, 乙集团).
FIRM_SUFFIXES = ("股份有限公司", "有限责任公司", "有限公司", "公司", "集团")
# Trade words a firm's short name goes on with after the place it is named after (冀南钢铁, 某某实业);
# with FIRM_SUFFIXES, what tells such a firm from the place itself.
FIRM_TRADES = (
    *("钢铁", "钢厂", "实业", "股份", "控股", "企业", "能源", "化工", "电力", "水泥", "药业", "制药", "建材"),
    *("矿业", "煤业", "焦化", "置业", "地产", "科技", "物流", "纺织", "食品", "机械", "装备", "重工", "汽车"),
    *("电器", "电气"),
)
# Words that never stand inside a company's name: verbs of the sentence, offices and titles.
NOT_IN_FIRM = (
    *("投资", "举行", "举办", "召开", "开工", "完成", "实施", "推进", "计划", "委", "政府", "书记", "长"),
    *("出席", "会见", "调研", "考察", "领导", "党", "人大", "政协", "参加"),
)
# Verbs of a visit (出席了/来到某县甲项目): the place after them is where the visitors went.
VISIT_VERBS = ("出席", "参加", "观摩", "调研", "考察", "视察", "察看", "走进", "来到", "深入")
# Verbs of projects settling in a place (落户某区).
LANDING_VERBS = ("落户", "落地")


# A road's route (起自甲县，途经乙县、丙县，止于丁县; 西起甲城区，东至乙县界): the places it runs
# through, never its subject.
_ROUTE = re.compile(
    r"(?:起自|起于|始于|途经|止于|终至|(?:起点|终点)(?:位于|在|为)|[东南西北]起|(?<=[，,])[东南西北]至)[^，,。；;]*"
)


def without_route(text: str) -> str:
    """``text`` with its route clauses blanked (same length, so offsets hold)."""
    if "起" not in text and "经" not in text and "止" not in text and "终" not in text and "至" not in text:
        return text
    return _ROUTE.sub(lambda m: "\u3000" * len(m.group()), text)


def in_short_quote(text: str, at: int) -> bool:
    """Whether ``at`` lies inside a short quotation (“四个一百进唐山”专场推介会): the name of a campaign,
    event or project, whose place is no subject.  A long or punctuated quotation is someone's speech,
    whose places still count."""
    start = text.rfind("“", 0, at)
    if start < 0 or start == at - 1 or text.find("”", start, at) >= 0:
        return False  # (宣布“某市重点项目集中开工”: a quotation opening with its place is about it)
    end = text.find("”", at)
    return 0 <= end - start <= 17 and not any(c in text[start:end] for c in "，。；！？,;")


def one_of(*alternatives: str) -> str:
    """``(?:a|b|c)``: a group matching one of the alternatives."""
    return "(?:" + "|".join(alternatives) + ")"


def none_of(*alternatives: str) -> str:
    """``(?!a|b|c)``: a look-ahead refusing a position where one of the alternatives starts."""
    return "(?!" + "|".join(alternatives) + ")"


def words(*alternatives: str) -> re.Pattern[str]:
    """A pattern finding any of the alternatives anywhere."""
    return re.compile("|".join(alternatives))


def opening(*alternatives: str) -> re.Pattern[str]:
    """A pattern for a text that opens with one of the alternatives."""
    return re.compile("^" + one_of(*alternatives))


def closing(*alternatives: str) -> re.Pattern[str]:
    """A pattern for a text that ends with one of the alternatives."""
    return re.compile(one_of(*alternatives) + "$")


# Province-level places outside Hebei and the large cities papers compare with: a figure whose
# subject one of them is (江苏省重大项目完成投资X) is no Hebei investment.
_MUNICIPALITIES = ("北京", "天津", "上海", "重庆")
_PROVINCES = (
    *("山西", "内蒙古", "辽宁", "吉林", "黑龙江", "江苏", "浙江", "安徽", "福建", "江西", "山东", "河南"),
    *("湖北", "湖南", "广东", "广西", "海南", "四川", "贵州", "云南", "西藏", "陕西", "甘肃", "青海"),
    *("宁夏", "新疆", "台湾"),
)
_BIG_CITIES = (
    *("深圳", "广州", "杭州", "南京", "苏州", "无锡", "宁波", "武汉", "成都", "西安", "郑州", "济南"),
    *("青岛", "太原", "沈阳", "大连", "长沙", "合肥", "福州", "厦门", "南昌", "长春", "哈尔滨", "昆明"),
    *("贵阳", "南宁", "兰州", "呼和浩特", "乌鲁木齐", "银川", "西宁", "拉萨", "海口", "东莞", "佛山"),
)
# The names alone: every OUTSIDE_PLACE match holds one (a quick test before the patterns using it).
OUTSIDE_NAMES = re.compile("|".join((*_MUNICIPALITIES, *_PROVINCES, *_BIG_CITIES)))
OUTSIDE_PLACE = (
    f"(?:{'|'.join(_MUNICIPALITIES)})市?|(?:{'|'.join(_PROVINCES)})(?:省|自治区|壮族自治区|回族自治区|维吾尔自治区)"
    f"|(?:{'|'.join(_BIG_CITIES)})市"
)
