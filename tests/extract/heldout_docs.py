"""A held-out set of short articles in styles the two labelled real texts do not show.

Every text, name and figure is invented for this file; nothing is copied from a
newspaper.  Each document lists the facts a correct extractor reports (only the
fields given are checked), ``noise`` amounts that must never become a fact, and
``optional`` amounts that are neither rewarded nor penalised (honestly ambiguous).
Documents with several ``parts`` are one story continued across pages (上接/下转).

``python tests/extract/heldout_docs.py`` prints precision and recall.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

D = dt.date
SJZ, HEB, SJZRB, HBRB = "石家庄市", "河北省", "sjzrb", "hbrb"
GK, GB, SG, DONE = "key_project", "groundbreaking", "signed", "completed"


def F(region: str | list[str], measure: str, amount: float, **kw: Any) -> dict[str, Any]:
    kw.setdefault("subject", "project" if "project_name" in kw else "portfolio")
    regions = [region] if isinstance(region, str) else region
    return {"regions": regions, "measure": measure, "amount": amount, **kw}


def T(region: str | list[str], amount: float, **kw: Any) -> dict[str, Any]:
    return F(region, "total_investment", amount, **kw)


DOCS: list[dict[str, Any]] = [
    {
        "id": "province_roundup_1_10",
        "newspaper": HBRB,
        "published": D(2024, 11, 15),
        "parts": [
            "# 1-10月全省省重点项目完成投资3016.4亿元\n\n"
            "本报讯（记者 孙立伟）记者从省发展改革委获悉，1-10月，全省省重点项目完成投资3016.4亿元，"
            "占年度计划的92.3%。今年我省共安排省重点项目2416个，总投资1.86万亿元，年度计划投资3268亿元。\n\n"
            "分地区看，石家庄、唐山、保定分别完成投资512.6亿元、468.3亿元、401.7亿元，均超过年度计划的90%。"
        ],
        "facts": [
            F(
                HEB,
                "completed_investment",
                301_640_000_000,
                stage=GK,
                completion_rate=92.3,
                period_start="2024-01-01",
                period_end="2024-10-31",
            ),
            T(HEB, 1_860_000_000_000, project_count=2416, stage=GK),
            F(HEB, "planned_investment", 326_800_000_000, project_count=2416),
            F(SJZ, "completed_investment", 51_260_000_000),
            F("唐山市", "completed_investment", 46_830_000_000),
            F("保定市", "completed_investment", 40_170_000_000),
        ],
    },
    {
        "id": "city_first_quarter",
        "newspaper": SJZRB,
        "published": D(2024, 4, 12),
        "parts": [
            "# 一季度全市重点项目开局良好\n\n"
            "本报讯（记者 王晓燕）从市发改委获悉，一季度，全市452个市重点项目完成投资286.5亿元，占年度计划的26.8%，"
            "高于时序进度1.8个百分点。其中，产业项目完成投资198.2亿元，同比增长15.6%。\n\n"
            "1-3月，全市新开工亿元以上项目68个，总投资412.3亿元。"
        ],
        "facts": [
            F(
                SJZ,
                "completed_investment",
                28_650_000_000,
                project_count=452,
                stage=GK,
                completion_rate=26.8,
                period_start="2024-01-01",
                period_end="2024-03-31",
            ),
            F(SJZ, "completed_investment", 19_820_000_000, period_start="2024-01-01"),
            T(SJZ, 41_230_000_000, project_count=68, stage=GB, period_start="2024-01-01", period_end="2024-03-31"),
        ],
    },
    {
        "id": "county_items_three_quarters",
        "newspaper": SJZRB,
        "published": D(2024, 10, 20),
        "parts": [
            "正定县\n\n"
            "前三季度，正定县41个县重点项目累计完成投资96.8亿元，完成年度计划的85.2%。其中，"
            "新开工项目23个、续建项目18个。\n\n"
            "新乐市\n\n"
            "1至9月，新乐市实施亿元以上项目37个，总投资156亿元，完成投资58.4亿元。"
        ],
        "facts": [
            F(
                "正定县",
                "completed_investment",
                9_680_000_000,
                project_count=41,
                stage=GK,
                completion_rate=85.2,
                period_start="2024-01-01",
                period_end="2024-09-30",
            ),
            T("新乐市", 15_600_000_000, project_count=37),
            F(
                "新乐市",
                "completed_investment",
                5_840_000_000,
                project_count=37,
                period_start="2024-01-01",
                period_end="2024-09-30",
            ),
        ],
    },
    {
        "id": "signing_with_foreign",
        "newspaper": HBRB,
        "published": D(2024, 6, 3),
        "parts": [
            "本报讯（记者 刘佳）6月2日，廊坊市举行国际经贸洽谈会重点项目签约仪式，"
            "现场集中签约项目86个，签约额1120亿元。"
            "其中，外资项目9个，协议利用外资6.5亿美元。"
        ],
        "facts": [
            T("廊坊市", 112_000_000_000, project_count=86, stage=SG, period_start="2024-06-02"),
            F("廊坊市", "foreign_investment", 650_000_000, currency="USD", project_count=9),
        ],
    },
    {
        "id": "completion_batch",
        "newspaper": SJZRB,
        "published": D(2024, 5, 16),
        "parts": [
            "本报讯（记者 赵阳）5月15日，我市举行二季度重点项目竣工投产活动，集中竣工投产项目42个，总投资218.6亿元。"
            "其中，总投资12.5亿元的恒远新能源电池壳体项目已全面达产，年产值可达30亿元。"
        ],
        "facts": [
            T(SJZ, 21_860_000_000, project_count=42, stage=DONE, period_start="2024-05-15"),
            T(SJZ, 1_250_000_000, project_name="恒远新能源电池壳体项目", stage=DONE),
        ],
        "noise": [3_000_000_000],
    },
    {
        "id": "new_and_continued_split",
        "newspaper": SJZRB,
        "published": D(2024, 3, 8),
        "parts": [
            "藁城区\n\n"
            "3月7日，藁城区春季重点项目集中开工。今年该区共安排重点项目86个，总投资423.5亿元，年度计划投资102.4亿元，"
            "其中新开工项目48个、续建项目38个。此次开工的项目中，总投资约25亿元的华冠生物基材料项目投资规模最大。"
        ],
        "facts": [
            T("藁城区", 42_350_000_000, project_count=86, stage=GK),
            F("藁城区", "planned_investment", 10_240_000_000, project_count=86),
            T("藁城区", 2_500_000_000, project_name="华冠生物基材料项目", approximate=True),
        ],
    },
    {
        "id": "project_list_plan_total",
        "newspaper": HBRB,
        "published": D(2024, 9, 12),
        "parts": [
            "邢台市\n\n"
            "9月11日，邢台市重点项目集中开工，共开工项目54个，计划总投资326亿元。主要包括："
            "计划总投资45亿元的绿色算力中心项目、"
            "总投资超20亿元的康达高端轴承项目，以及总投资约8亿元的城北污水处理厂扩建工程。"
        ],
        "facts": [
            T("邢台市", 32_600_000_000, project_count=54, stage=GB, period_start="2024-09-11"),
            T("邢台市", 4_500_000_000, project_name="绿色算力中心项目"),
            T("邢台市", 2_000_000_000, project_name="康达高端轴承项目", approximate=True),
            T("邢台市", 800_000_000, project_name="城北污水处理厂扩建工程", approximate=True),
        ],
    },
    {
        "id": "chinese_numerals_wanyuan",
        "newspaper": SJZRB,
        "published": D(2024, 7, 5),
        "parts": [
            "无极县\n\n"
            "本报讯 7月4日，无极县举行项目集中开工仪式，三十二个项目集中开工，总投资一百二十亿元。"
            "其中，投资8600万元的无极县皮革废水处理项目，建成后日处理废水2万吨。"
        ],
        "facts": [
            T("无极县", 12_000_000_000, project_count=32, stage=GB, period_start="2024-07-04"),
            T("无极县", 86_000_000, project_name="无极县皮革废水处理项目"),
        ],
    },
    {
        "id": "province_foreign_investment",
        "newspaper": HBRB,
        "published": D(2024, 8, 20),
        "parts": [
            "本报讯（记者 马丽）今年1-7月，全省实际使用外资12.6亿美元，同比增长8.3%。"
            "新设外商投资企业315家，其中合同外资1000万美元以上的大项目42个。"
        ],
        "facts": [
            F(
                HEB,
                "foreign_investment",
                1_260_000_000,
                currency="USD",
                period_start="2024-01-01",
                period_end="2024-07-31",
            ),
        ],
        "noise": [10_000_000],
    },
    {
        "id": "loans_bonds_revenue_rd",
        "newspaper": SJZRB,
        "published": D(2024, 12, 2),
        "parts": [
            "本报讯 今年以来，鹿泉区围绕主导产业强化招商引资，新引进亿元以上项目26个，总投资186亿元。"
            "为支持项目建设，区内银行业金融机构累计发放项目贷款32亿元，争取中央预算内投资资金2.8亿元、"
            "地方政府专项债券资金15亿元。全区规上工业企业实现营业收入860亿元，研发投入21亿元，固定资产投资增长12.5%。"
        ],
        "facts": [T("鹿泉区", 18_600_000_000, project_count=26, stage="introduced")],
        "noise": [3_200_000_000, 280_000_000, 1_500_000_000, 86_000_000_000, 2_100_000_000],
    },
    {
        "id": "zone_signing_gdp_land",
        "newspaper": HBRB,
        "published": D(2024, 10, 9),
        "parts": [
            "本报讯（记者 周航）沧州渤海新区今年以来新签约项目31个，协议投资额达426亿元。"
            "该区前三季度实现地区生产总值612亿元，固定资产投资增长9.6%；土地出让收入48亿元，工业总产值1350亿元。"
        ],
        "facts": [T(["沧州渤海新区", "沧州市"], 42_600_000_000, project_count=31, stage=SG)],
        "noise": [61_200_000_000, 4_800_000_000, 135_000_000_000],
    },
    {
        "id": "reserve_with_range",
        "newspaper": SJZRB,
        "published": D(2024, 11, 28),
        "parts": ["本报讯 栾城区今年谋划储备项目64个，总投资达350亿元，单个项目投资规模多在5亿至8亿元之间。"],
        "facts": [T("栾城区", 35_000_000_000, project_count=64, stage="reserve")],
        "noise": [500_000_000, 800_000_000],
    },
    {
        "id": "headline_body_repeat",
        "newspaper": HBRB,
        "published": D(2024, 7, 26),
        "parts": [
            "# 保定市上半年重点项目完成投资412.6亿元\n\n"
            "本报讯（记者 吴畅）上半年，保定市328个市重点项目完成投资412.6亿元，占年度计划的55.3%。\n\n"
            "保定市上半年重点项目完成投资412.6亿元，为完成全年目标任务打下坚实基础。"
        ],
        "facts": [
            F(
                "保定市",
                "completed_investment",
                41_260_000_000,
                project_count=328,
                completion_rate=55.3,
                period_start="2024-01-01",
                period_end="2024-06-30",
            ),
        ],
    },
    {
        "id": "semicolon_project_list",
        "newspaper": SJZRB,
        "published": D(2024, 2, 26),
        "parts": [
            "本报讯 2月25日，井陉矿区举行春季项目集中开工活动，开工项目12个，总投资46.2亿元。"
            "分别是：总投资18亿元的矿区智慧物流园项目；总投资9.6亿元的贾庄光伏发电项目；"
            "总投资12,500万元的矿区中心学校改扩建工程等。"
        ],
        "facts": [
            T("井陉矿区", 4_620_000_000, project_count=12, stage=GB, period_start="2024-02-25"),
            T("井陉矿区", 1_800_000_000, project_name="矿区智慧物流园项目"),
            T("井陉矿区", 960_000_000, project_name="贾庄光伏发电项目"),
            T("井陉矿区", 125_000_000, project_name="矿区中心学校改扩建工程"),
        ],
    },
    {
        "id": "city_quarter_county_counts",
        "newspaper": HBRB,
        "published": D(2024, 5, 9),
        "parts": [
            "唐山市\n\n"
            "唐山市一季度新开工亿元以上项目156个，总投资1286亿元。"
            "迁安市、遵化市、丰润区新开工项目数分别为28个、21个、19个。"
        ],
        "facts": [
            T(
                "唐山市",
                128_600_000_000,
                project_count=156,
                stage=GB,
                period_start="2024-01-01",
                period_end="2024-03-31",
            ),
        ],
    },
    {
        "id": "subsidies_and_funds",
        "newspaper": SJZRB,
        "published": D(2024, 9, 3),
        "parts": [
            "本报讯 为鼓励企业扩大有效投资，市财政今年安排产业发展专项资金5亿元，对设备投资额超过2000万元的技改项目，"
            "按设备投资额的10%给予补助，单个项目最高补助1000万元。截至8月底，已兑现补助资金1.2亿元，"
            "带动企业技改投资86亿元。"
        ],
        "facts": [],
        "noise": [500_000_000, 20_000_000, 10_000_000, 120_000_000],
        "optional": [8_600_000_000],
    },
    {
        "id": "province_target_gdp",
        "newspaper": HBRB,
        "published": D(2024, 3, 20),
        "parts": [
            "本报讯 今年全省固定资产投资目标增长6%以上，力争全年实施省重点项目2400个左右，总投资1.8万亿元以上，"
            "年度计划投资3000亿元以上。去年全省地区生产总值4.39万亿元。"
        ],
        "facts": [
            T(HEB, 1_800_000_000_000, project_count=2400, approximate=True),
            F(HEB, "planned_investment", 300_000_000_000, project_count=2400, approximate=True),
        ],
        "noise": [4_390_000_000_000],
    },
    {
        "id": "zone_project_foreign_capital",
        "newspaper": SJZRB,
        "published": D(2024, 6, 28),
        "parts": [
            "经开区\n\n"
            "6月27日，总投资5.6亿元的维思达新能源汽车零部件项目在经开区签约落地。"
            "项目由一家外资企业投资建设，注册资本8000万美元，达产后年产值可达15亿元。"
        ],
        "facts": [
            T("石家庄经济技术开发区", 560_000_000, project_name="维思达新能源汽车零部件项目", stage=SG),
        ],
        "noise": [80_000_000, 1_500_000_000],
    },
    {
        "id": "continued_story",
        "newspaper": HBRB,
        "published": D(2024, 4, 18),
        "parts": [
            "本报讯（记者 韩梅）4月17日，衡水市一季度重点项目集中开工，开工项目45个，总投资186.3亿元，"
            "年度计划投资62.1亿元。（下转第二版）",
            "（上接第一版）其中，投资26亿元的新型建材产业园项目主要建设装配式建筑部品部件生产线。"
            "活动现场还集中签约项目12个，签约额达58亿元。",
        ],
        "facts": [
            T("衡水市", 18_630_000_000, project_count=45, stage=GB, period_start="2024-04-17"),
            F("衡水市", "planned_investment", 6_210_000_000, project_count=45),
            T("衡水市", 2_600_000_000, project_name="新型建材产业园项目", stage=GB),
            T("衡水市", 5_800_000_000, project_count=12, stage=SG, period_start="2024-04-17"),
        ],
    },
    {
        "id": "threshold_split_counts",
        "newspaper": SJZRB,
        "published": D(2024, 8, 30),
        "parts": ["本报讯 今年以来，元氏县新开工项目53个，总投资136.5亿元，其中亿元以上项目21个、10亿元以上项目4个。"],
        "facts": [T("元氏县", 13_650_000_000, project_count=53, stage=GB)],
        "noise": [1_000_000_000],
    },
    {
        "id": "province_city_breakdown",
        "newspaper": HBRB,
        "published": D(2024, 12, 10),
        "parts": [
            "本报讯 截至11月底，全省11个设区市和雄安新区共开工建设省重点项目2186个，开工率90.5%。"
            "其中，石家庄市开工项目312个，完成投资628.4亿元；邯郸市开工项目256个，完成投资431.2亿元。"
        ],
        "facts": [
            F(
                SJZ,
                "completed_investment",
                62_840_000_000,
                project_count=312,
                period_start="2024-01-01",
                period_end="2024-11-30",
            ),
            F(
                "邯郸市",
                "completed_investment",
                43_120_000_000,
                project_count=256,
                period_start="2024-01-01",
                period_end="2024-11-30",
            ),
        ],
    },
    {
        "id": "annual_review",
        "newspaper": SJZRB,
        "published": D(2024, 1, 18),
        "parts": [
            "本报讯 2023年，全市实施市重点项目450个，总投资5260亿元，全年完成投资1020.5亿元，完成年度计划的108.6%；"
            "其中，竣工投产项目96个，总投资612亿元。"
        ],
        "facts": [
            T(SJZ, 526_000_000_000, project_count=450, stage=GK, period_start="2023-01-01"),
            F(
                SJZ,
                "completed_investment",
                102_050_000_000,
                project_count=450,
                completion_rate=108.6,
                period_start="2023-01-01",
                period_end="2023-12-31",
            ),
            T(SJZ, 61_200_000_000, project_count=96, stage=DONE),
        ],
    },
    {
        "id": "two_county_items",
        "newspaper": HBRB,
        "published": D(2024, 7, 2),
        "parts": [
            "本报讯 7月1日，威县举行重点项目集中开工活动，开工项目15个，总投资38.6亿元。\n\n"
            "本报讯 6月30日，临西县轴承产业园二期等8个项目集中签约，总投资27亿元。"
        ],
        "facts": [
            T("威县", 3_860_000_000, project_count=15, stage=GB, period_start="2024-07-01"),
            T("临西县", 2_700_000_000, project_count=8, stage=SG, period_start="2024-06-30"),
        ],
    },
    {
        "id": "project_sales_tax_phase",
        "newspaper": SJZRB,
        "published": D(2024, 10, 15),
        "parts": [
            "本报讯 10月14日，行唐县总投资3.2亿元的智能农机装备项目正式投产，该项目由一家本地机械企业投资建设，"
            "一期投资1.5亿元，年可实现销售收入5亿元、税收3000万元。"
        ],
        "facts": [T("行唐县", 320_000_000, project_name="智能农机装备项目", stage=DONE)],
        "noise": [500_000_000, 30_000_000],
        "optional": [150_000_000],
    },
    {
        "id": "county_quarter_city_paper",
        "newspaper": SJZRB,
        "published": D(2024, 7, 12),
        "parts": [
            "# 平山县上半年项目建设成效明显\n\n"
            "本报讯 上半年，平山县58个县级重点项目完成投资45.3亿元，占年度计划的56.2%。"
            "新开工项目19个，总投资67亿元；竣工项目7个，总投资12.4亿元。全县一般公共预算收入完成8.6亿元。"
        ],
        "facts": [
            F(
                "平山县",
                "completed_investment",
                4_530_000_000,
                project_count=58,
                completion_rate=56.2,
                period_start="2024-01-01",
                period_end="2024-06-30",
            ),
            T("平山县", 6_700_000_000, project_count=19, stage=GB),
            T("平山县", 1_240_000_000, project_count=7, stage=DONE),
        ],
        "noise": [860_000_000],
    },
    {
        "id": "introduced_foreign_and_wanyuan_threshold",
        "newspaper": HBRB,
        "published": D(2024, 9, 25),
        "parts": [
            "本报讯 今年以来，秦皇岛市新引进5000万元以上项目142个，总投资达815亿元；"
            "引进外资项目18个，合同利用外资3.2亿美元。全市对新落地项目给予奖励资金共计1.6亿元。"
        ],
        "facts": [
            T("秦皇岛市", 81_500_000_000, project_count=142, stage="introduced"),
            F("秦皇岛市", "foreign_investment", 320_000_000, currency="USD", project_count=18),
        ],
        "noise": [50_000_000, 160_000_000],
    },
]

C, P = "completed_investment", "planned_investment"

# Written after the rules had been tuned on DOCS and first run unchanged, as a check that
# the rules generalise (first run: precision 1.000, recall 0.917 and 0.960; see the note).
FRESH: list[dict[str, Any]] = [
    {
        "id": "f1",
        "newspaper": HBRB,
        "published": D(2024, 6, 20),
        "parts": [
            "本报讯（记者 高原）今年以来，承德市强化项目支撑，1-5月全市新开工项目128个，"
            "总投资356.8亿元，其中亿元以上项目64个。"
            "全市152个省市重点项目完成投资142.3亿元，占年度计划的48.6%。"
        ],
        "facts": [
            T(
                "承德市",
                35_680_000_000,
                project_count=128,
                stage=GB,
                period_start="2024-01-01",
                period_end="2024-05-31",
            ),
            F("承德市", "completed_investment", 14_230_000_000, project_count=152, completion_rate=48.6),
        ],
    },
    {
        "id": "f2",
        "newspaper": SJZRB,
        "published": D(2024, 9, 26),
        "parts": [
            "辛集市\n\n9月25日，辛集市秋季重点项目集中开工，此次开工项目20个，总投资68亿元。"
            "辛集市皮革城二期项目总投资12亿元，建成后年销售收入可达40亿元。"
        ],
        "facts": [
            T("辛集市", 6_800_000_000, project_count=20, stage=GB, period_start="2024-09-25"),
            T("辛集市", 1_200_000_000, project_name="辛集市皮革城二期项目"),
        ],
        "noise": [4_000_000_000],
    },
    {
        "id": "f3",
        "newspaper": HBRB,
        "published": D(2024, 5, 30),
        "parts": [
            "本报讯 记者从省商务厅获悉，今年以来我省引进省外资金项目1560个，到位资金2130亿元；"
            "新批外商投资项目186个，合同外资21.5亿美元。"
        ],
        "facts": [F(HEB, "foreign_investment", 2_150_000_000, currency="USD", project_count=186)],
        "optional": [213_000_000_000],
    },
    {
        "id": "f4",
        "newspaper": SJZRB,
        "published": D(2024, 11, 5),
        "parts": [
            "本报讯 10月30日，高邑县与某新材料企业签订投资协议，"
            "总投资20亿元的高性能陶瓷膜项目落户高邑经济开发区。该项目分两期建设，一期投资8亿元，"
            "预计明年6月投产，年纳税可达6000万元。"
        ],
        "facts": [T("高邑县", 2_000_000_000, project_name="高性能陶瓷膜项目")],
        "noise": [60_000_000],
        "optional": [800_000_000],
    },
    {
        "id": "f5",
        "newspaper": HBRB,
        "published": D(2024, 4, 2),
        "parts": [
            "本报讯 一季度，全省新开工省重点项目312个，总投资2856亿元。"
            "张家口、承德两市分别新开工38个、26个。全省金融机构新增中长期项目贷款1250亿元。"
        ],
        "facts": [
            T(HEB, 285_600_000_000, project_count=312, stage=GB, period_start="2024-01-01", period_end="2024-03-31")
        ],
        "noise": [125_000_000_000],
    },
    {
        "id": "f6",
        "newspaper": SJZRB,
        "published": D(2024, 8, 16),
        "parts": [
            "# 循环化工园区两项目同日投产\n\n本报讯 8月15日，循环化工园区内两个重点项目同日投产，"
            "总投资共计18.5亿元。其中，某某化工新材料项目投资11亿元，某某精细化学品项目投资7.5亿元。"
        ],
        "facts": [
            T("石家庄循环化工园区", 1_850_000_000, project_count=2, stage=DONE, period_start="2024-08-15"),
            T("石家庄循环化工园区", 1_100_000_000, project_name="某某化工新材料项目"),
            T("石家庄循环化工园区", 750_000_000, project_name="某某精细化学品项目"),
        ],
    },
    {
        "id": "f7",
        "newspaper": SJZRB,
        "published": D(2024, 3, 29),
        "parts": [
            "本报讯 今年我市共安排市重点建设项目500个，总投资约6000亿元，年度计划投资1200亿元，"
            "其中产业类项目386个、基础设施类项目72个、社会民生类项目42个。"
            "市财政安排重点项目前期经费2亿元。"
        ],
        "facts": [
            T(SJZ, 600_000_000_000, project_count=500, stage=GK, approximate=True),
            F(SJZ, "planned_investment", 120_000_000_000, project_count=500),
        ],
        "noise": [200_000_000],
    },
    {
        "id": "g1",
        "newspaper": SJZRB,
        "published": D(2024, 10, 12),
        "parts": [
            "# 我市1—9月重点项目完成投资超千亿\n\n本报讯（记者 李航 通讯员 张敏）记者从市发改委获悉，"
            "1—9月，全市市重点项目完成投资1086.2亿元，完成年度投资计划的86.4%，同比增长9.8%。"
            "其中，产业项目完成投资716.5亿元，占比66%。"
        ],
        "facts": [
            F(
                SJZ,
                C,
                108_620_000_000,
                stage=GK,
                completion_rate=86.4,
                period_start="2024-01-01",
                period_end="2024-09-30",
            ),
            F(SJZ, C, 71_650_000_000, period_start="2024-01-01"),
        ],
    },
    {
        "id": "g2",
        "newspaper": SJZRB,
        "published": D(2024, 4, 3),
        "parts": [
            "栾城区\n\n4月2日，栾城区二季度重点项目集中开工，共有32个项目集中开工，"
            "计划总投资168亿元。其中，工业项目21个，总投资112亿元；基础设施项目7个，总投资36亿元；"
            "社会事业项目4个，总投资20亿元。"
        ],
        "facts": [
            T("栾城区", 16_800_000_000, project_count=32, stage=GB, period_start="2024-04-02"),
            T("栾城区", 11_200_000_000, project_count=21, category="工业"),
            T("栾城区", 3_600_000_000, project_count=7, category="基础设施"),
            T("栾城区", 2_000_000_000, project_count=4, category="社会事业"),
        ],
    },
    {
        "id": "g3",
        "newspaper": HBRB,
        "published": D(2024, 11, 20),
        "parts": [
            "本报讯（记者 陈晨）今年前10个月，雄安新区累计完成固定资产投资同比增长12%，"
            "在建重点项目263个，总投资6900余亿元。"
        ],
        "facts": [T("雄安新区", 690_000_000_000, project_count=263, stage="under_construction", approximate=True)],
    },
    {
        "id": "g4",
        "newspaper": SJZRB,
        "published": D(2024, 8, 22),
        "parts": [
            "本报讯 8月21日，总投资50亿元的某某新能源电池项目在鹿泉经济开发区开工。项目占地600亩，"
            "亩均投资强度不低于800万元，达产后年产值100亿元，年纳税5亿元。"
        ],
        "facts": [
            T("鹿泉经济开发区", 5_000_000_000, project_name="某某新能源电池项目", stage=GB, period_start="2024-08-21")
        ],
        "noise": [8_000_000, 10_000_000_000, 500_000_000],
    },
    {
        "id": "g5",
        "newspaper": HBRB,
        "published": D(2024, 6, 18),
        "parts": [
            "本报讯 为加快项目建设，我省设立规模100亿元的重点项目建设基金，"
            "对单体投资10亿元以上的项目给予贴息支持。今年以来，"
            "全省已为312个项目争取专项债券资金860亿元。"
        ],
        "facts": [],
        "noise": [10_000_000_000, 1_000_000_000, 86_000_000_000],
    },
    {
        "id": "g6",
        "newspaper": SJZRB,
        "published": D(2024, 12, 28),
        "parts": [
            "本报讯 截至目前，我市今年新签约亿元以上项目218个，协议引资额1560亿元，已开工项目152个，开工率69.7%。"
        ],
        "facts": [T(SJZ, 156_000_000_000, project_count=218, stage=SG)],
    },
    {
        "id": "g7",
        "newspaper": HBRB,
        "published": D(2024, 3, 15),
        "parts": [
            "保定市\n\n3月14日，保定市一季度重大项目集中开工活动在高碑店市举行。"
            "全市集中开工项目186个，总投资1021.6亿元，其中10亿元以上项目26个。"
            "高碑店市开工项目18个，总投资96亿元。"
        ],
        "facts": [
            T("保定市", 102_160_000_000, project_count=186, stage=GB, period_start="2024-03-14"),
            T("高碑店市", 9_600_000_000, project_count=18, stage=GB),
        ],
        "noise": [1_000_000_000],
    },
    {
        "id": "g8",
        "newspaper": SJZRB,
        "published": D(2024, 5, 8),
        "parts": [
            "本报讯 近日，井陉县总投资8.2亿元的某某文旅康养项目主体完工。该项目计划投资8.2亿元，"
            "建成后年接待游客50万人次，实现旅游收入3亿元。"
        ],
        "facts": [T("井陉县", 820_000_000, subject="project")],
        "noise": [300_000_000],
    },
    {
        "id": "g9",
        "newspaper": HBRB,
        "published": D(2024, 9, 5),
        "parts": [
            "本报讯 今年1至8月，全省利用外资项目新签约94个，签约外资额28.6亿美元；"
            "实际利用外资11.2亿美元，同比增长6.7%。"
        ],
        "facts": [
            F(
                HEB,
                "foreign_investment",
                1_120_000_000,
                currency="USD",
                period_start="2024-01-01",
                period_end="2024-08-31",
            )
        ],
        "optional": [2_860_000_000],
    },
    {
        "id": "g10",
        "newspaper": SJZRB,
        "published": D(2024, 7, 3),
        "parts": [
            "新乐市\n\n7月2日，新乐市举行重点项目集中签约仪式，共签约项目15个，总投资86.5亿元，"
            "涉及新材料、食品加工等领域。\n\n"
            "深泽县\n\n深泽县此次集中签约项目9个，总投资32亿元，其中投资超10亿元的项目2个。"
        ],
        "facts": [
            T("新乐市", 8_650_000_000, project_count=15, stage=SG, period_start="2024-07-02"),
            T("深泽县", 3_200_000_000, project_count=9, stage=SG, period_start="2024-07-02"),
        ],
        "noise": [1_000_000_000],
    },
    {
        "id": "g11",
        "newspaper": HBRB,
        "published": D(2024, 10, 28),
        "parts": [
            "本报讯（记者 冯雪）前三季度，唐山市356个市重点项目完成投资1126.3亿元，"
            "投资完成率达92.1%。曹妃甸区、迁安市分别完成投资286.1亿元和163.4亿元。"
        ],
        "facts": [
            F(
                "唐山市",
                C,
                112_630_000_000,
                project_count=356,
                completion_rate=92.1,
                period_start="2024-01-01",
                period_end="2024-09-30",
            ),
            F("曹妃甸区", C, 28_610_000_000),
            F("迁安市", C, 16_340_000_000),
        ],
    },
    {
        "id": "g12",
        "newspaper": SJZRB,
        "published": D(2024, 2, 20),
        "parts": [
            "本报讯 今年，赞皇县计划实施县级重点项目45个，年度计划投资38亿元。其中，"
            "总投资5000万元以上的工业项目22个。县财政安排项目前期工作经费2000万元。"
        ],
        "facts": [F("赞皇县", P, 3_800_000_000, project_count=45)],
        "noise": [50_000_000, 20_000_000],
    },
    {
        "id": "g13",
        "newspaper": HBRB,
        "published": D(2024, 8, 2),
        "parts": [
            "本报讯 7月31日，衡水市举行二季度项目建设观摩活动。上半年，全市竣工投产项目61个，"
            "总投资215亿元；新开工项目140个，总投资468亿元。"
        ],
        "facts": [
            T("衡水市", 21_500_000_000, project_count=61, stage=DONE, period_start="2024-01-01"),
            T("衡水市", 46_800_000_000, project_count=140, stage=GB, period_start="2024-01-01"),
        ],
    },
    {
        "id": "g14",
        "newspaper": SJZRB,
        "published": D(2024, 6, 14),
        "parts": [
            "本报讯 6月13日，藁城区与3家企业集中签约，签约项目总投资45亿元。其中，"
            "某某智能装备项目投资25亿元，某某生物制药项目投资12亿元，某某冷链物流项目投资8亿元。"
        ],
        "facts": [
            T("藁城区", 4_500_000_000, stage=SG),
            T("藁城区", 2_500_000_000, project_name="某某智能装备项目"),
            T("藁城区", 1_200_000_000, project_name="某某生物制药项目"),
            T("藁城区", 800_000_000, project_name="某某冷链物流项目"),
        ],
    },
]
DOCS += FRESH


def _amount(fact: Any) -> float:
    d = fact if isinstance(fact, dict) else fact.to_dict()
    return float(d.get("amount_original") if d.get("currency", "CNY") != "CNY" else d.get("amount_cny") or 0)


def _close(a: float, b: float) -> bool:
    return b != 0 and abs(a - b) / abs(b) <= 0.005


def _matches(pred: dict[str, Any], gold: dict[str, Any]) -> bool:
    return (
        pred["subject"] == gold["subject"]
        and pred["measure"] == gold["measure"]
        and pred["region"] in gold["regions"]
        and _close(_amount(pred), gold["amount"])
    )


def extract_doc(doc: dict[str, Any]) -> list[dict[str, Any]]:
    import xiangmu.extract as ex

    extract_facts = ex.extract_facts
    extract_story = getattr(ex, "extract_story", None)
    if len(doc["parts"]) == 1 or extract_story is None:
        if extract_story is None:  # before story linking existed: parts read one by one
            return [f.to_dict() for t in doc["parts"] for f in extract_facts(t, doc["published"], doc["newspaper"])]
        facts = extract_facts(doc["parts"][0], doc["published"], doc["newspaper"])
        return [f.to_dict() for f in facts]
    return [f.to_dict() for part in extract_story(doc["parts"], doc["published"], doc["newspaper"]) for f in part]


def score(docs: list[dict[str, Any]] = DOCS) -> dict[str, Any]:
    """Precision/recall over the set, plus every problem found (for test messages)."""
    tp = fp = fn = noise_hits = checked = wrong = 0
    problems: list[str] = []
    for doc in docs:
        preds = extract_doc(doc)
        used: set[int] = set()
        for gold in doc["facts"]:
            hit = next((i for i, p in enumerate(preds) if i not in used and _matches(p, gold)), None)
            if hit is None:
                fn += 1
                problems.append(f"{doc['id']}: missing {gold}")
                continue
            used.add(hit)
            tp += 1
            pred = preds[hit]
            for key, want in gold.items():
                if key in ("regions", "measure", "amount", "subject"):
                    continue
                checked += 1
                if pred.get(key) != want:
                    wrong += 1
                    problems.append(f"{doc['id']}: {gold['amount']:.0f} {key}={pred.get(key)!r}, want {want!r}")
        optional = [float(a) for a in doc.get("optional", [])]
        for i, p in enumerate(preds):
            if i in used or any(_close(_amount(p), a) for a in optional):
                continue
            fp += 1
            if any(_close(_amount(p), float(a)) for a in doc.get("noise", [])):
                noise_hits += 1
            problems.append(f"{doc['id']}: extra {p['measure']} {p['region']} {_amount(p):.0f} {p['evidence']!r}")
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    fields = (checked - wrong) / checked if checked else 1.0
    return {"precision": precision, "recall": recall, "noise_hits": noise_hits, "fields": fields, "problems": problems}


if __name__ == "__main__":
    result = score()
    for line in result["problems"]:
        print(line)
    print(
        f"heldout: docs={len(DOCS)} facts={sum(len(d['facts']) for d in DOCS)} "
        f"precision={result['precision']:.3f} recall={result['recall']:.3f} noise_hits={result['noise_hits']} "
        f"field_accuracy={result['fields']:.3f}"
    )
