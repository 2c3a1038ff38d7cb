"""Shapes the thirteenth and fourteenth blind pools of real reporting failed on (issue 10).

Each in sentences written here: a place a text serves is not its subject; a list of projects
or of a route's sections is a group; 这一……的X项目 and 该公司……项目 point back; an agency's
dateline city, a photographer's credit, a port named after its zone, a county named short
after its city, 投资工作量 and a building named after its size.
"""

from __future__ import annotations

import datetime as dt

from extract_helpers import one, run

from xiangmu.extract.rejected import collecting_refusals

HB = "hbrb"


# 1. A place named as whom the projects serve or link to is not what the text is about.
def test_a_served_place_is_not_the_texts_place() -> None:
    text = (
        "我市重点项目集中开工\n"
        "本报讯 我市举行第四批重点项目集中开工仪式。此次集中开工项目共12个，总投资30亿元。\n"
        "开发区要精准对接京津、服务雄安新区建设，推动产业转型升级。"
    )
    with collecting_refusals() as refusals:
        facts = run(text, HB)
    assert all(f.region != "雄安新区" for f in facts)
    # naming no city of its own in the provincial paper, the figure is refused, not the served place's
    assert [(r.reason, r.raw_text) for _t, r in refusals] == [("place_unknown", "30亿元")]


def test_a_place_in_a_list_after_a_serving_verb_is_not_the_texts_place() -> None:
    text = (
        "冷链物流园开工建设\n"
        "本报讯 记者从某集团了解到，智慧冷链物流园项目已全面开工建设，成为保障首都、雄安新区农产品供应的民生工程。\n"
        "智慧冷链物流园项目占地620亩，计划总投资36亿元。"
    )
    f = one(run(text, HB), amount_cny=3.6e9)
    assert f.region != "雄安新区"


# 2. 甲项目规划占地N亩，总投资X: 规划 after the name ends it.
def test_planning_words_after_a_name_end_it() -> None:
    text = "本报讯 据了解，华创集团新材料产业园项目规划占地面积500亩，总投资约30亿元。"
    f = one(run(text), amount_cny=3e9)
    assert (f.subject, f.project_name) == ("project", "华创集团新材料产业园项目")


def test_planning_inside_a_name_stays() -> None:
    text = "本报讯 城市规划展览馆项目总投资2亿元。"
    assert one(run(text), amount_cny=2e8).project_name == "城市规划展览馆项目"


# 3. A list of projects written as one name is a group of them.
def test_a_list_closed_by_a_kind_after_etc_is_a_group() -> None:
    text = (
        "本报讯 3月23日，秦皇岛经济技术开发区举行集中开工活动，总投资75亿元的华信精密电子手机主板产业化"
        "和耀光功能玻璃绿色产业园等新兴产业项目开工建设。"
    )
    f = one(run(text, HB), amount_cny=7.5e9)
    assert (f.subject, f.project_name, f.region) == ("portfolio", None, "秦皇岛市经济技术开发区")


def test_a_route_s_sections_counted_are_a_group_of_the_city() -> None:
    text = (
        "本报讯 据了解，沧州市大运河步道运河区段、沧县段、泊头段3个项目总投资5亿元，计划2026年竣工。"
        "今年以来，我市共谋划5个大运河步道项目，分别是青县段、运河区段、沧县段、泊头段、南皮段，总投资8亿元。"
    )
    facts = run(text, HB)
    three, five = one(facts, amount_cny=5e8), one(facts, amount_cny=8e8)
    assert (three.subject, three.project_count, three.region) == ("portfolio", 3, "沧州市")
    assert (five.subject, five.project_count, five.region) == ("portfolio", 5, "沧州市")


def test_one_project_s_products_are_no_list() -> None:
    text = "本报讯 辛集市年产5万吨甲材料、3万吨乙材料项目总投资6亿元。"
    assert one(run(text, HB), amount_cny=6e8).subject == "project"


# 4. Reference words pointing back at what the item named.
def test_this_with_a_description_points_back_at_the_project_named() -> None:
    text = (
        "迁西县项目建设提速\n"
        "本报讯 5月19日，华能山地光伏发电项目现场一片繁忙。这一总投资约7.5亿元的绿色能源项目，即将并网发电。"
    )
    f = one(run(text, HB), amount_cny=7.5e8)
    assert (f.project_name, f.region) == ("华能山地光伏发电项目", "迁西县")


def test_the_firm_s_project_is_named_after_the_firm_named_before() -> None:
    text = (
        "邢台市高铁片区项目建设忙\n"
        "3月20日，在任泽区国晶新能源有限公司光伏组件生产线上，工人正在生产。据了解，该公司光伏组件产业园项目"
        "是协同发展项目。张明 摄\n"
        "3月25日，在市高新区的邢东锂电科技有限公司厂房内，技术工人正在调试。据了解，该公司实施的储能电池生产项目"
        "总投资54亿元。李华 摄"
    )
    f = one(run(text, HB), amount_cny=5.4e9)
    assert f.project_name == "邢东锂电科技有限公司储能电池生产项目"
    # the paragraph ended with its credit: the next one's place is its own (市高新区 of 邢台)
    assert f.region == "邢台高新技术产业开发区"


# 5. Where a figure belongs.
def test_an_agency_dateline_city_is_not_the_subject() -> None:
    text = (
        "央广网唐山5月29日消息 今年一季度，河北省唐山市迁西县项目建设提速。\n"
        "5月19日，华能山地光伏发电项目现场一片繁忙，该项目总投资约7.5亿元。"
    )
    assert one(run(text, HB), amount_cny=7.5e8).region == "迁西县"


def test_a_port_named_after_its_zone_is_the_zone() -> None:
    text = "沧州黄骅港码头建设提速\n本报讯 今年上半年，总投资300亿元的集装箱、原油等12个专业码头项目在黄骅港全面启动。"
    f = one(run(text, HB), amount_cny=3e10)
    assert (f.region, f.subject, f.project_count) == ("沧州渤海新区", "portfolio", 12)


def test_a_county_named_short_after_its_city_in_a_project_name() -> None:
    text = (
        "本报讯 日前，在张家口怀来云谷数据产业园一期建设现场，塔吊林立。"
        "作为产业园一期工程，项目总投资约100亿元，可容纳五万架机柜。"
    )
    f = one(run(text, HB), amount_cny=1e10)
    assert (f.project_name, f.region) == ("张家口怀来云谷数据产业园一期", "怀来县")


# 6. Measures and names.
def test_investment_workload_is_a_plan_of_all_projects() -> None:
    text = "本报讯 今年，雄安新区总体建设项目年度预计完成投资工作量2000亿元以上，持续保持强劲态势。"
    f = one(run(text, HB), amount_cny=2e11)
    assert (f.region, f.subject, f.measure) == ("雄安新区", "portfolio", "planned_investment")


def test_a_building_after_its_size_in_the_next_clause() -> None:
    text = (
        "张家口经济开发区教育设施建设提速\n"
        "本报讯 目前总投资1200万元，建筑面积6700平方米的经开区第一中学综合楼已开工建设；"
        "投资4000万元，规划建筑面积1.3万平方米的经开区第二小学教学楼已封顶。"
    )
    facts = run(text, HB)
    assert one(facts, amount_cny=1.2e7).project_name == "经开区第一中学综合楼"
    assert one(facts, amount_cny=4e7).project_name == "经开区第二小学教学楼"


# 7. Shapes of the fifteenth pool: a target to complete within the year, a project a programme
# pushes on with, a park named by its own words, the nation's batch and a project's title.
def test_completing_within_the_year_is_a_plan() -> None:
    text = "本报讯 积极推进同福现代农业产业园建设，年内完成投资8.5亿元。"
    f = one(run(text), amount_cny=8.5e8)
    assert (f.subject, f.project_name, f.measure) == ("project", "同福现代农业产业园", "planned_investment")
    assert (f.period_start, f.period_end) == ("2024-01-01", "2024-12-31")


def test_striving_to_complete_is_a_plan_and_done_stays_done() -> None:
    facts = run("本报讯 今年，正定县重点项目力争全年完成投资50亿元。前三季度，正定县重点项目已完成投资38亿元。")
    assert one(facts, amount_cny=5e9).measure == "planned_investment"
    assert one(facts, amount_cny=3.8e9).measure == "completed_investment"


def test_a_project_pushed_on_with_is_named_without_its_work() -> None:
    text = "本报讯 赞皇县药用酸枣产业项目建设，总投资10.7亿元，力争打造酸枣仁加工聚集区。"
    f = one(run(text), amount_cny=1.07e9)
    assert (f.subject, f.project_name, f.region) == ("project", "赞皇县药用酸枣产业项目", "赞皇县")


def test_pushing_on_with_key_projects_names_none() -> None:
    f = one(run("本报讯 加快推进重点项目建设，完成投资30亿元。"), amount_cny=3e9)
    assert (f.subject, f.project_name) == ("portfolio", None)


def test_a_park_named_by_its_own_words_before_a_colon() -> None:
    text = "迁西县花乡果巷\n本报讯 项目分为四大板块：万亩林下经济园：投资5.3亿元，依托现有千亩安梨。"
    f = one(run(text, HB), amount_cny=5.3e8)
    assert (f.subject, f.project_name, f.region) == ("project", "万亩林下经济园", "迁西县")


def test_the_nation_s_batch_is_not_the_texts_and_a_title_names_no_project() -> None:
    text = (
        "本报讯 近日，全省田园综合体试点项目答辩会举行，迁西县的花乡果巷田园综合体项目获专家一致认可，"
        "成为河北省唯一入选的国家田园综合体试点项目，全国共设田园综合体试点项目10个。\n"
        "据了解，该项目位于迁西县东莲花院乡，占地7万亩。项目总投资17.2亿元，建设期为三年。"
    )
    f = one(run(text, HB), amount_cny=1.72e9)
    assert (f.subject, f.project_name, f.region) == ("project", "花乡果巷田园综合体项目", "迁西县")


# 8. Shapes of the sixteenth pool (township reports, works, provincial reviews, 亿 without 元).
def test_yi_without_yuan_before_a_verb_or_noun_is_money() -> None:
    text = (
        "本报讯 今年，廊坊市狠抓22个总投资109.23亿续建项目，初步谋划总投资161.23亿新项目29个。"
        "香河县投资1.2亿建设水岸蔬艺园项目，年接待游客1.2亿人次。"
    )
    facts = run(text, HB)
    assert (one(facts, amount_cny=1.0923e10).project_count, one(facts, amount_cny=1.6123e10).project_count) == (22, 29)
    park = one(facts, amount_cny=1.2e8)
    assert (park.subject, park.project_name, park.region) == ("project", "水岸蔬艺园项目", "香河县")
    assert len(facts) == 3  # 1.2亿人次 counts visitors


def test_a_total_with_its_batch_noun_and_no_de_is_a_total() -> None:
    f = one(run("本报讯 今年，廊坊市谋划总投资161亿元新项目29个。", HB), amount_cny=1.61e10)
    assert (f.subject, f.measure, f.project_count) == ("portfolio", "total_investment", 29)


def test_a_township_report_is_its_county_s_and_a_rank_names_no_place() -> None:
    text = (
        "小乡要有大作为\n"
        "北鱼乡现代农业园区规划面积2.4万亩，被认定为邢台市级农业园区。"
        "今年，北鱼乡与某公司签约总投资1.06亿元、流转土地1万亩的苜蓿标准化基地项目。"
    )
    f = one(run(text, HB), amount_cny=1.06e8)
    assert (f.region, f.subject, f.project_name) == ("宁晋县", "project", "苜蓿标准化基地项目")


def test_a_figure_then_a_relocation_verb_names_the_works() -> None:
    f = one(run("本报讯 固安今年财政总投资6.65亿元迁建固安县人民医院，占地110亩。", HB), amount_cny=6.65e8)
    assert (f.subject, f.project_name, f.region) == ("project", "固安县人民医院", "固安县")


def test_works_named_by_what_they_are_and_kinds_of_works_named_by_none() -> None:
    facts = run("本报讯 邯郸国际陆港铁路专用线总投资5.3亿元，铺轨里程10公里。", HB)
    assert one(facts, amount_cny=5.3e8).project_name == "邯郸国际陆港铁路专用线"
    plan = one(run("本报讯 今年全省普通干线公路计划投资160亿元。", HB), amount_cny=1.6e10)
    assert (plan.subject, plan.project_name) == ("portfolio", None)


def test_a_bare_project_after_a_sentence_naming_one() -> None:
    text = "本报讯 近日，赤城县风电项目取得关键进展，首台风机完成吊装。项目总投资约12.3亿元。"
    f = one(run(text, HB), amount_cny=1.23e9)
    assert (f.subject, f.project_name, f.region) == ("project", "赤城县风电项目", "赤城县")


def test_a_firm_s_project_named_after_a_county_short() -> None:
    text = "本报讯 近日，河北交投基础设施工程有限公司赤城20万千瓦风电项目首台风机吊装。项目总投资约12.3亿元。"
    f = one(run(text, HB), amount_cny=1.23e9)
    assert (f.project_name, f.region) == ("河北交投基础设施工程有限公司赤城20万千瓦风电项目", "赤城县")


def test_a_project_named_alone_then_its_size_and_total() -> None:
    text = (
        "本报讯 甲钢搬迁铁路专用线工程项目，属于甲钢搬迁改造项目配套工程，由威县负责实施。"
        "项目总占地1852亩，总投资18.5亿元。"
    )
    f = one(run(text, HB), amount_cny=1.85e9)
    assert (f.subject, f.project_name, f.region) == ("project", "甲钢搬迁铁路专用线工程项目", "威县")


def test_a_signing_held_by_a_county_names_the_project_not_the_host() -> None:
    text = "本报讯 18日，保定市定兴县举行同福集团大健康产业园项目签约仪式。据介绍，该项目拟占地790亩，总投资约15亿元。"
    f = one(run(text, HB), amount_cny=1.5e9)
    assert (f.subject, f.project_name, f.region, f.stage) == ("project", "同福集团大健康产业园项目", "定兴县", "signed")


def test_a_review_by_topic_keeps_each_place_to_its_clause() -> None:
    text = (
        "全省水利工程建设稳步推进\n"
        "本报讯 重大项目方面，雄安新区推进西北围堤等7个续建项目，年度完成投资56.2亿元；"
        "大陆泽蓄滞洪区防洪工程与安全建设项目压茬推进，年度完成投资8.07亿元。"
        "中小河流治理方面，31条(段)中小河流治理项目累计完成投资11.01亿元。"
        "新建水库方面，青山水库、魏县引黄调蓄水库工程顺利开工，茅岭底水库完成投资6.81亿元。"
    )
    facts = run(text, HB)
    assert one(facts, amount_cny=5.62e9).region == "雄安新区"
    dyke = one(facts, amount_cny=8.07e8)
    assert (dyke.region, dyke.subject, dyke.project_count) == ("河北省", "project", None)
    rivers = one(facts, amount_cny=1.101e9)
    assert (rivers.region, rivers.subject, rivers.project_count) == ("河北省", "portfolio", 31)
    assert one(facts, amount_cny=6.81e8).region == "河北省"  # 魏县 names the other reservoir


def test_completing_a_trade_s_investment_is_done() -> None:
    text = "本报讯 1至7月，保定市旅游项目达206个，完成投资84亿元；秦皇岛市完成旅游投资189亿元，同比增长20%。"
    f = one(run(text, HB), amount_cny=1.89e10)
    assert (f.region, f.measure) == ("秦皇岛市", "completed_investment")
    assert f.project_count is None  # 保定's 206 projects are 保定's: after ；, another place's item


def test_a_start_on_schedule_names_the_works() -> None:
    text = "本报讯 一是涿州城市防洪工程11月20日如期开工，累计完成投资6.5亿元，完成率62.3%。"
    f = one(run(text, HB), amount_cny=6.5e8)
    assert (f.subject, f.project_name, f.measure) == ("project", "涿州城市防洪工程", "completed_investment")


def test_starting_early_is_a_goal_not_a_groundbreaking() -> None:
    text = "本报讯 今年，桥西区全力推动10个省市重点项目早开工、快建设，年内完成投资27亿元以上。"
    f = one(run(text), amount_cny=2.7e9)
    assert (f.measure, f.stage) == ("planned_investment", "key_project")


# 9. Shapes of the seventeenth pool: a campaign's name in quotes, a project one of a batch, 引进资金.
def test_a_place_inside_an_event_s_quoted_name_is_not_the_text_s() -> None:
    text = (
        "丰南区举办“四个一百进唐山”专场推介会\n"
        "本报讯 日前，“四个一百进唐山”丰南专场推介会举办。\n"
        "活动期间，高端制造产业基地等28个项目签约，计划总投资172亿元。"
    )
    f = one(run(text, HB), amount_cny=1.72e10)
    assert (f.region, f.project_count, f.stage) == ("丰南区", 28, "signed")


def test_a_quotation_opening_with_its_place_is_about_it() -> None:
    text = "本报讯 9月9日，副市长宣布“霸州市重点项目集中开工”。今天，我市总投资23.4亿元的9个项目集体开工。"
    assert one(run(text, HB), amount_cny=2.34e9).region == "霸州市"


def test_a_project_one_of_a_batch_including_it() -> None:
    text = "本报讯 其中，包括某控股集团投资10亿元建设农产品智慧交易商贸城在内的20个产业项目，带动能力强。"
    f = one(run(text, HB), amount_cny=1e9)
    assert (f.subject, f.project_name) == ("project", "农产品智慧交易商贸城")


def test_funds_brought_in_under_agreements_are_investment() -> None:
    text = "本报讯 截至6月中旬，迁安市共计完成签约和落地项目6个，协议引进资金约11.27亿元。"
    f = one(run(text, HB), amount_cny=1.127e9)
    assert (f.region, f.subject, f.project_count) == ("迁安市", "portfolio", 6)


# 10. Shapes of the eighteenth pool: a firm named after its city, descriptions that are no names,
# facilities and their phases, works counted after a long list of places.
def test_a_firm_named_after_its_city_leaves_the_county_the_subject() -> None:
    text = (
        "投资103亿！第二条肉鸡全产业链项目落地\n"
        "本报讯 12月29日，衡水正大1亿只肉鸡全产业链项目推进恳谈会在衡水市故城县召开。\n"
        "据悉，故城县引进的衡水正大1亿只肉鸡全产业链项目是某集团在中国投资建设的第二条全产业链项目，"
        "也是全省第一家现代农牧全产业链项目。项目总投资103亿元。\n"
        "衡水正大食品加工项目是全产业链项目的核心项目，总投资18亿元。"
    )
    facts = run(text, HB)
    whole = one(facts, amount_cny=1.03e10)
    assert (whole.project_name, whole.region) == ("衡水正大1亿只肉鸡全产业链项目", "故城县")
    assert one(facts, amount_cny=1.8e9).region == "故城县"


def test_an_airport_and_a_park_s_phase_are_projects() -> None:
    text = (
        "本报讯 辛集市通用机场及航空产业园选址于辛集市区东部。通用机场及航空产业园规划占地15平方公里，总投资200亿元。"
        "其中，通用机场占地0.67平方公里，投资3.5亿元；航空产业园一期占地4.9平方公里，投资65亿元。"
    )
    facts = run(text, HB)
    assert [one(facts, amount_cny=a).project_name for a in (2e10, 3.5e8, 6.5e9)] == [
        "通用机场及航空产业园",
        "通用机场",
        "航空产业园一期",
    ]
    assert {f.region for f in facts} == {"辛集市"}


def test_works_counted_after_a_long_list_of_places() -> None:
    text = (
        "本报讯 今年，沧州市计划改造渤海新区、泊头市、黄骅市、河间市、任丘市、青县、肃宁县、献县等10个县(市、区)"
        "的130个老旧小区，改造建筑面积164万平方米，计划投资2.6亿元。"
    )
    f = one(run(text, HB), amount_cny=2.6e8)
    assert (f.region, f.subject, f.measure) == ("沧州市", "portfolio", "planned_investment")


# 11. Shapes of the nineteenth pool: a city's plan by sector, schools named after their city,
# and a batch the next paragraph announces deep in its text.
def test_a_city_s_road_plan_by_sector_is_portfolios_of_the_city() -> None:
    text = (
        "本报讯 今年，沧州市公路建设领域计划投资126.98亿元，其中高速公路计划建设173.8公里，计划完成投资99.1亿元；"
        "普通干线公路计划新改建151.9公里，计划完成投资13.14亿元；普通干线公路养护工程计划完成投资3.24亿元。\n"
        "今年，沧州市全力推进甲高速等7条段高速公路项目建设。加快推进乙公路等4个续建项目建设。"
    )
    facts = run(text, HB)
    assert sorted(f.amount_cny for f in facts) == [3.24e8, 1.314e9, 9.91e9, 1.2698e10]
    assert {(f.region, f.subject, f.measure, f.project_count) for f in facts} == {
        ("沧州市", "portfolio", "planned_investment", None)
    }


def test_a_school_named_after_its_city_lies_in_the_district_of_the_text() -> None:
    text = (
        "安次区4个学校新建项目开工\n"
        "本报讯 2021年，廊坊市安次区将全力推进城区学校建设工作。"
        "廊坊市第二十中学新建项目位于甲道以南，占地面积59.1亩，计划投资10885万元，总建筑面积1.8万平方米。"
    )
    f = one(run(text, HB), amount_cny=1.0885e8)
    assert (f.project_name, f.region) == ("廊坊市第二十中学新建项目", "安次区")


def test_a_batch_the_next_paragraph_opens_with_still_counts() -> None:
    text = (
        "本报讯 5月30日，唐山市二季度重点工程集中开工活动举行，总投资1046亿元。\n"
        "此次集中开工的336个项目涵盖多个产业领域。"
    )
    f = one(run(text, HB), amount_cny=1.046e11)
    assert (f.region, f.project_count, f.stage) == ("唐山市", 336, "groundbreaking")


def test_a_plan_spending_on_projects_it_pushes_on_with() -> None:
    text = (
        "本报讯 今年，遵化市计划总投资9.35亿元，年度投资2.75亿元，实施2项教育惠民工程：一是投资5007万元，"
        "实施甲小学等3所学校改建项目。二是投资8000万元，加快推进总投资4.5亿元的燕山学校二期项目；"
        "投资1.45亿元，加快推进总投资4.35亿元的第四中学项目，力争9月投入使用。"
    )
    facts = run(text, HB, dt.date(2021, 6, 15))
    plan = one(facts, amount_cny=9.35e8)
    assert (plan.region, plan.subject, plan.project_count) == ("遵化市", "portfolio", 2)
    schools = one(facts, amount_cny=5.007e7)
    assert (schools.subject, schools.project_count) == ("portfolio", 3)
    for part, whole, name in ((8e7, 4.5e8, "燕山学校二期项目"), (1.45e8, 4.35e8, "第四中学项目")):
        this_year, total = one(facts, amount_cny=part), one(facts, amount_cny=whole)
        assert (this_year.project_name, this_year.measure) == (name, "planned_investment")
        assert (total.project_name, total.measure) == (name, "total_investment")


# 12. The twentieth pool (blind f1 0.970): a park's floor area after its name ends the name.
def test_a_floor_area_after_a_park_s_name_ends_it() -> None:
    text = "本报讯 据了解，保定市中央厨房预制菜产业园总建筑面积50万平方米，总投资21.5亿元。"
    f = one(run(text, HB), amount_cny=2.15e9)
    assert (f.subject, f.project_name, f.region) == ("project", "保定市中央厨房预制菜产业园", "保定市")


# 13. The twenty-first pool (blind f1 0.476): sites, signings, officials' visits and a city's plan.
def test_a_project_sited_somewhere_is_the_one_named_before() -> None:
    text = (
        "本报讯 10月6日，保定市政府市长到涿州市指导检查重点项目建设。会上，市长听取了中央广电总台涿州文化产业综合项目"
        "进展情况汇报。据悉，该项目选址于涿州市北部码头镇，总投资约300亿元。"
    )
    f = one(run(text, HB), amount_cny=3e10)
    assert (f.subject, f.project_name, f.region) == ("project", "中央广电总台涿州文化产业综合项目", "涿州市")


def test_the_project_signed_is_the_one_that_settled() -> None:
    text = (
        "本报讯 6月11日从冀州区政府与某住宅设备公司的项目签约仪式上了解到，住宅工业化内装北方生产基地项目落户冀州区。"
        "据介绍，此次签约项目总投资20亿元，占地300亩。"
    )
    f = one(run(text, HB), amount_cny=2e9)
    assert (f.subject, f.project_name, f.region) == ("project", "住宅工业化内装北方生产基地项目", "冀州区")


def test_a_city_s_plan_by_sector_named_with_the_year() -> None:
    text = (
        "本报讯 据介绍，石家庄市今年高速公路计划完成投资35.2亿元，建设2项；市政基础设施计划完成投资7.1亿元，建设6项；"
        "公路养护计划完成投资4.8亿元。"
    )
    facts = run(text, HB)
    assert {(f.region, f.subject, f.project_name, f.measure) for f in facts} == {
        ("石家庄市", "portfolio", None, "planned_investment")
    }
    assert sorted(f.amount_cny for f in facts) == [4.8e8, 7.1e8, 3.52e9]


def test_a_zone_known_by_its_later_name() -> None:
    text = "本报讯 2月7日，张家口高新技术产业开发区冰雪运动装备产业园已累计签约冰雪类项目49个，计划总投资45.29亿元。"
    assert one(run(text, HB), amount_cny=4.529e9).region == "张家口经济开发区"
