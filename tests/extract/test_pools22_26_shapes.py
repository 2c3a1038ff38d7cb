"""Shapes the twenty-second to twenty-sixth blind pools of real reporting failed on (issue 10).

Each in sentences written here: a county's short name as a party to a signing; a hospital's
campus and a named base as works; the project an agency pushes on with; a year's figure in a
string of goals; the example project of a batch; a web dateline with no date; the year of an
item after ；; 签署 as a signing.
"""

from __future__ import annotations

import datetime as dt

from extract_helpers import one, run

HB = "hbrb"


def _facts(text: str, day: dt.date = dt.date(2024, 6, 1)):
    return run(text, HB, day)


def test_a_county_short_name_signing_with_firms_is_the_county() -> None:
    text = "本报讯 此次论坛上，丰宁与相关企业签署了12个项目的框架协议，总投资达187亿元。"
    f = one(_facts(text), amount_cny=18_700_000_000)
    assert (f.region, f.stage, f.project_count) == ("丰宁满族自治县", "signed", 12)


def test_a_short_name_not_before_a_signing_stays_no_place() -> None:
    text = "本报讯 承德市今年签约项目30个，总投资300亿元。丰宁风光秀美，游客众多。"
    assert {f.region for f in _facts(text)} == {"承德市"}


def test_a_hospital_campus_then_a_figure_with_no_subject_is_the_campus() -> None:
    text = "据悉，甲学院附属第一医院乙院区位于张家口经开区景观大道北侧。占地总面积200亩，总投资约12.5亿元。"
    f = one(_facts(text), amount_cny=1_250_000_000)
    assert (f.subject, f.project_name, f.region) == ("project", "甲学院附属第一医院乙院区", "张家口经济开发区")


def test_a_named_base_before_its_total_is_a_project() -> None:
    f = one(_facts("本报讯 甲大学附属医院国家重大疫情救治基地总投资近3.5亿元，总建筑面积2万平方米。"))
    assert (f.subject, f.project_name) == ("project", "甲大学附属医院国家重大疫情救治基地")


def test_works_described_not_named_are_no_project() -> None:
    text = "其中，竞秀区人民医院作为重点民生工程之一，建设一座二级医院，占地近40亩。项目总投资3.7亿元。"
    assert all(f.project_name != "建设一座二级医院" for f in _facts(text))


def test_the_project_an_agency_pushes_on_with_is_what_a_later_reference_means() -> None:
    text = (
        "为改善人居环境，某市城市管理综合行政执法局扎实推进建设深州市生活垃圾焚烧发电项目。"
        "截至目前，项目形象进度完成15%。据悉，该项目位于深州市北部，占地面积80亩，总投资3.93亿元。"
    )
    f = one(_facts(text), amount_cny=393_000_000)
    assert (f.subject, f.project_name, f.region) == ("project", "深州市生活垃圾焚烧发电项目", "深州市")


def test_a_verb_inside_a_places_project_name_stays_in_the_name() -> None:
    text = "竞秀区新建人民医院项目\n项目总投资3.7亿元，位于乐凯南大街以西。"
    f = one(_facts(text), amount_cny=370_000_000)
    assert f.project_name == "竞秀区新建人民医院项目"


def test_a_years_figure_in_a_string_of_goals_is_a_plan() -> None:
    text = (
        "本报讯 今年，丰润区全力推进总投资275.6亿元的21个市重点项目，力争一季度三分之二以上新建项目开工，"
        "全年完成投资74.5亿元。"
    )
    f = one(_facts(text, dt.date(2019, 3, 11)), amount_cny=7_450_000_000)
    assert (f.measure, f.period_start, f.period_end) == ("planned_investment", "2019-01-01", "2019-12-31")


def test_a_years_completed_figure_without_a_goal_stays_completed() -> None:
    text = "本报讯 去年，丰润区推进21个市重点项目，一季度新建项目全部开工，全年完成投资74.5亿元。"
    f = one(_facts(text, dt.date(2019, 3, 11)), amount_cny=7_450_000_000)
    assert f.measure == "completed_investment"


def test_the_place_of_a_batchs_example_project_is_not_the_batchs() -> None:
    text = (
        "2月14日，廊坊市2022年一季度重点项目集中开工活动拉开帷幕，廊坊临空经济区甲无人机科技产业园等229个重点项目"
        "集中开工，总投资1054.8亿元。"
    )
    f = one(_facts(text, dt.date(2022, 2, 15)), amount_cny=105_480_000_000)
    assert (f.region, f.project_count) == ("廊坊市", 229)


def test_a_zones_own_batch_with_an_example_stays_the_zones() -> None:
    text = "本报讯 廊坊临空经济区甲无人机科技产业园等6个项目集中开工，总投资64.96亿元。"
    assert one(_facts(text), amount_cny=6_496_000_000).region == "廊坊临空经济区"


def test_a_web_datelines_city_without_a_date_is_not_the_texts_place() -> None:
    text = (
        "长城网张家口讯（记者甲）来到中国百佳深呼吸小城之一的张家口市崇礼区，仿佛置身于画中。\n"
        "2018年，崇礼又投资900亿元实施了甲度假区、乙小镇等86个重点项目。"
    )
    f = one(_facts(text, dt.date(2018, 7, 13)), amount_cny=90_000_000_000)
    assert f.region == "崇礼区"


def test_an_item_after_a_semicolon_has_its_own_year() -> None:
    text = "本报讯 2017年，崇礼区获评冬季旅游目的地十强；2018年，崇礼区又投资900亿元实施了86个重点项目。"
    f = one(_facts(text, dt.date(2018, 7, 13)), amount_cny=90_000_000_000)
    assert (f.period_start, f.period_end) == ("2018-01-01", "2018-12-31")


def test_signing_an_agreement_is_a_signing() -> None:
    f = one(run("会上，正定县与5家企业签署了项目合作协议，总投资35亿元。", HB), amount_cny=3_500_000_000)
    assert (f.region, f.stage) == ("正定县", "signed")


# Older pools' misses, read again (check21): a route of works, a list of zones, a year's target.
def test_works_with_a_route_and_a_length_before_the_figure() -> None:
    text = "本报讯 甲河生态修复二期工程西起藁城城区东，东至深泽与安平县界，全长43公里，概算总投资34.68亿元。"
    f = one(run(text, "sjzrb"), amount_cny=3_468_000_000)
    assert (f.subject, f.project_name) == ("project", "甲河生态修复二期工程")
    assert f.region != "安平县"


def test_a_list_of_county_zones_is_the_citys() -> None:
    text = (
        "我市新能源装备产业加快集聚\n"
        "城市东部，市经开区、任泽经开区、南和经开区分列两侧，形成一条产业带。\n"
        "甲氢能装备研发制造基地项目，总投资60.7亿元，致力打造氢能产业集群。"
    )
    f = one(_facts(text), amount_cny=6_070_000_000)
    assert f.region not in ("任泽区", "南和区")


def test_a_completed_figures_yardstick_is_the_years_plan() -> None:
    text = "本报讯 截至8月底，全省农业项目今年已完成投资722.5亿元，是今年年度目标820亿元的88.1%。"
    facts = {(f.region, f.measure, f.amount_cny) for f in _facts(text, dt.date(2022, 9, 5))}
    assert facts == {
        ("河北省", "completed_investment", 72_250_000_000),
        ("河北省", "planned_investment", 82_000_000_000),
    }


def test_a_signing_totals_yardstick_is_no_investment_plan() -> None:
    text = (
        "本报讯 全省农业项目今年已完成投资722.5亿元；全省签约农业招商项目433个，签约额1671.2亿元，"
        "是今年年度目标1700亿元的98.3%。"
    )
    assert all(f.amount_cny != 170_000_000_000 for f in _facts(text, dt.date(2022, 9, 5)))


def test_a_share_after_a_plan_names_no_project() -> None:
    text = "本报讯 全省农业项目今年已完成投资722.5亿元，占年度计划投资820亿元的88.1%。"
    f = one(_facts(text, dt.date(2022, 9, 5)), amount_cny=82_000_000_000)
    assert (f.subject, f.project_name, f.measure) == ("portfolio", None, "planned_investment")


# check25 and check26
def test_taiwan_wording_reads_as_the_mainland_words() -> None:
    text = "本报讯 去年唐山全市共安排省市重点专案343个，总投资9601.7亿元，年度计画投资1500亿元。"
    got = {(f.measure, f.amount_cny, f.project_count) for f in _facts(text, dt.date(2020, 1, 6))}
    assert got == {("total_investment", 960_170_000_000, 343), ("planned_investment", 150_000_000_000, 343)}


def test_a_month_end_later_than_a_january_paper_is_last_year() -> None:
    text = "本报讯 唐山市重点项目截至11月底已完成投资1780亿元。"
    f = one(_facts(text, dt.date(2020, 1, 6)), amount_cny=178_000_000_000)
    assert (f.period_start, f.period_end) == ("2019-01-01", "2019-11-30")


def test_a_projects_total_site_area_ends_its_name() -> None:
    text = "本报讯 张家口市第一医院重大疫情救治基地项目总占地51.55亩，床位753张，总投资14.6亿元。"
    f = one(_facts(text), amount_cny=1_460_000_000)
    assert (f.subject, f.project_name) == ("project", "张家口市第一医院重大疫情救治基地项目")


def test_a_title_opening_with_its_figure_is_the_figure_of_what_it_names() -> None:
    text = (
        "总投资2.66亿元!张家口西山医院开工奠基!\n"
        "9月21日上午，万全区隆重举行新建区第二医院项目奠基仪式。\n"
        "我们积极筹措资金2.8亿元，实施了区第二医院和疾控中心迁址新建项目。"
    )
    f = one(_facts(text, dt.date(2021, 9, 22)), amount_cny=266_000_000)
    assert (f.subject, f.project_name, f.region, f.stage) == ("project", "张家口西山医院", "万全区", "groundbreaking")


def test_a_title_figure_the_body_rounds_is_reported_once() -> None:
    text = "某市15个项目集中开工 总投资86亿元\n本报讯 正定县15个项目集中开工，总投资86.3亿元。"
    assert [f.amount_cny for f in _facts(text)] == [8_630_000_000]


def test_a_zone_named_by_its_demonstration_zone() -> None:
    text = (
        "自2016年国务院批准成立北戴河生命健康产业创新示范区以来，新区以项目建设为重点。\n"
        "新区今年计划实施项目86个，总投资421.68亿元。"
    )
    assert one(_facts(text, dt.date(2017, 11, 2)), amount_cny=42_168_000_000).region == "北戴河新区"


def test_an_adverb_between_a_project_and_its_verb() -> None:
    f = one(_facts("本报讯 正定县甲孵化器项目已完成投资1.5亿元。"), amount_cny=150_000_000)
    assert (f.subject, f.project_name, f.measure) == ("project", "正定县甲孵化器项目", "completed_investment")


def test_a_centre_named_as_works_is_a_project() -> None:
    text = "本报讯 北戴河新区产业项目初具规模。甲国际康养旅游中心已完成投资1.8亿元。"
    f = one(_facts(text), amount_cny=180_000_000)
    assert (f.subject, f.project_name) == ("project", "甲国际康养旅游中心")


def test_a_goal_after_the_subject_is_not_its_name_and_a_builders_plan_is_its_total() -> None:
    text = (
        "昌黎葡萄小镇项目稳步推进\n"
        "目前，葡萄小镇项目正在稳步推进中。\n"
        "据了解，葡萄小镇以建设京津冀创意休闲农业转型示范项目为目标，由甲公司计划投资60亿元打造。"
        "2017年计划投资15亿元，着力打造新业态。"
    )
    facts = {(f.region, f.subject, f.measure, f.amount_cny) for f in _facts(text, dt.date(2017, 5, 11))}
    assert facts == {
        ("昌黎县", "project", "total_investment", 6_000_000_000),
        ("昌黎县", "project", "planned_investment", 1_500_000_000),
    }


# Older pools' misses, read again (check7, check10)
def test_a_city_building_in_two_of_its_places_keeps_the_figure() -> None:
    text = (
        "张家口市冰雪产业加快发展\n"
        "本报讯 张家口市正在建设高新区、宣化区2个冰雪产业园，累计签约冰雪项目25个，总投资约96亿元。"
    )
    f = one(_facts(text, dt.date(2018, 5, 1)), amount_cny=9_600_000_000)
    assert (f.region, f.project_count) == ("张家口市", 25)


def test_two_districts_named_as_the_subject_keep_the_latest() -> None:
    text = "本报讯 宣化区、万全区今年各签约项目10个。其中，宣化区签约项目总投资约9.6亿元。"
    assert one(_facts(text, dt.date(2018, 5, 1)), amount_cny=960_000_000).region == "宣化区"


def test_a_places_own_word_before_a_figure_of_a_batch_named_later() -> None:
    text = "遵化市推进教育惠民工程\n今年，我市计划总投资9.35亿元，年度投资2.75亿元，实施2项教育惠民工程。"
    facts = {(f.region, f.measure, f.amount_cny) for f in _facts(text, dt.date(2021, 6, 15))}
    assert ("遵化市", "total_investment", 935_000_000) in facts


def test_a_builders_figure_is_the_project_its_sentence_goes_on_to_describe() -> None:
    text = (
        "昌黎县旅游项目加快建设\n"
        "由甲控股集团投资10亿元，突出“红酒+大健康”理念，占地1300亩的乙红酒养疗庄园项目一期工程接近尾声。"
    )
    f = one(_facts(text, dt.date(2017, 6, 26)), amount_cny=1_000_000_000)
    assert (f.subject, f.project_name, f.region) == ("project", "乙红酒养疗庄园项目", "昌黎县")


def test_a_builders_figure_with_nothing_described_after_it_is_no_fact() -> None:
    text = "昌黎县旅游项目加快建设\n由甲控股集团投资10亿元，突出“红酒+大健康”理念，带动周边发展。"
    assert _facts(text, dt.date(2017, 6, 26)) == []


# check27 and check28
def test_a_title_naming_a_project_signed_then_its_total() -> None:
    text = "藁城一中新校区PPP项目成功签约,总投资4.97亿元,总建筑面积13.8万平方米!\n4月11日，我区举行签约仪式。"
    f = one(run(text, "sjzrb"), amount_cny=497_000_000)
    assert (f.subject, f.project_name, f.stage) == ("project", "藁城一中新校区PPP项目", "signed")


def test_a_construction_period_in_months_is_no_count_of_projects() -> None:
    text = (
        "本报讯 甲集团全力以赴做好唐山市中医医院迁建工程。\n"
        "项目选址位于唐山市朝阳道，占地105.9亩。规划床位1200张，计划总投资15.51亿元，建设周期36个月。"
    )
    f = one(_facts(text, dt.date(2022, 3, 28)), amount_cny=1_551_000_000)
    assert (f.subject, f.project_name, f.project_count) == ("project", "唐山市中医医院迁建工程", None)


def test_a_sectors_investment_completed_with_its_words_turned_round() -> None:
    text = "本报讯 从省港航事业发展中心获悉，2021年，全省港口建设投资累计完成53.18亿元，超额完成全年任务目标。"
    f = one(_facts(text, dt.date(2022, 1, 20)), amount_cny=5_318_000_000)
    assert (f.region, f.subject, f.measure) == ("河北省", "portfolio", "completed_investment")


def test_a_provincial_departments_figures_are_the_provinces() -> None:
    text = (
        "本报讯 从省港航事业发展中心获悉，今年以来，河北港口建设形势持续向好。1至2月，港口项目建设完成投资8.5亿元。\n"
        "分港口看，秦皇岛港完成货物吞吐量2913.9万吨。"
    )
    assert one(_facts(text, dt.date(2023, 3, 30)), amount_cny=850_000_000).region == "河北省"


def test_a_ceiling_on_a_projects_total_is_its_total() -> None:
    text = "本报讯 固安县甲公司拟投资新一代云计算产业园项目，总投资不超过40亿元。"
    f = one(_facts(text, dt.date(2021, 2, 4)), amount_cny=4_000_000_000)
    assert (f.region, f.subject, f.project_name) == ("固安县", "project", "固安县甲公司新一代云计算产业园项目")


def test_an_announcements_short_name_and_subsidiary_are_not_the_projects_name() -> None:
    text = (
        "本报讯 公司控股子公司固安甲自动化设备有限公司(以下简称“固安甲”)拟投资“新一代云计算产业园项目”，"
        "总投资不超过40.00亿元人民币。"
    )
    f = one(_facts(text, dt.date(2021, 2, 4)), amount_cny=4_000_000_000)
    assert f.project_name == "固安甲自动化设备有限公司新一代云计算产业园项目"


def test_one_figure_named_long_then_short_is_one_fact() -> None:
    text = (
        "本报讯 固安县甲公司拟投资乙云计算产业园项目，总投资40亿元。\n"
        "项目信息：1、项目名称：乙云计算产业园项目；2、投资规模：总投资40亿元。"
    )
    assert len([f for f in _facts(text, dt.date(2021, 2, 4)) if f.amount_cny == 4e9]) == 1


def test_generic_stage_words_before_项目_name_nothing() -> None:
    text = "本报讯 2019年乐亭县新开工重点项目100个，竣工项目投资完成175亿元。"
    assert all(f.project_name != "竣工项目" for f in _facts(text, dt.date(2019, 3, 20)))


def test_a_ceiling_on_a_criterion_is_no_fact() -> None:
    for text in ("本报讯 入库项目总投资不超过5000万元。", "本报讯 单个项目总投资不超过5000万元。"):
        assert _facts(text) == []


def test_a_list_of_a_citys_places_counted_as_areas_is_the_citys() -> None:
    text = (
        "本报讯 自2013年起，甲水务在邢台市本级、南和区、内丘县、清河县和南宫市等5个区县市布局10个水务项目，"
        "投资总额达13.30亿元。"
    )
    f = one(_facts(text, dt.date(2025, 6, 20)), amount_cny=1_330_000_000)
    assert (f.region, f.period_start, f.period_end) == ("邢台市", "2013-01-01", "2025-06-20")


# check29 and check30
def test_an_estimated_or_approved_budget_is_a_total() -> None:
    text = (
        "8月28日，甲水库工程主坝开工建设。该工程是国家确定的防洪减灾重点项目、增发国债资金项目。"
        "总库容2.91亿立方米。批复初设概算总投资104.68亿元，工程已于5月28日开工。"
    )
    f = one(_facts(text, dt.date(2024, 9, 2)), amount_cny=10_468_000_000)
    assert (f.subject, f.project_name) == ("project", "甲水库工程")


def test_a_bare_phase_is_the_phase_the_item_named_in_full() -> None:
    text = (
        "本报讯 2月17日，石家庄市甲河生态修复二期工程在藁城、无极同时开工。\n"
        "整个工程分为水利工程、道路工程两个部分。二期工程位于一期工程下游，河道全长43公里，项目估算总投资37.43亿元。"
    )
    f = one(_facts(text, dt.date(2020, 2, 24)), amount_cny=3_743_000_000)
    assert (f.subject, f.project_name) == ("project", "石家庄市甲河生态修复二期工程")


def test_a_status_the_province_gave_is_not_the_paragraphs_place() -> None:
    text = (
        "11月14日，定州市第四批重点项目集中开工仪式在本园区举行。\n"
        "市长主持集中开工仪式\n"
        "第四批集中开工的15个项目全部位于开发区核心区，总投资41亿元。本园区作为河北省再生资源重点建设园区，产业链逐步形成。"
    )
    assert one(_facts(text, dt.date(2017, 11, 14)), amount_cny=4_100_000_000).region == "定州市"


def test_what_a_place_has_spent_on_what_it_builds() -> None:
    f = one(_facts("本报讯 截至目前，曲阳已投资超过120亿元建设光伏发电，装机总量1200兆瓦。", dt.date(2017, 4, 7)))
    assert (f.region, f.subject, f.measure, f.amount_cny) == ("曲阳县", "portfolio", "completed_investment", 12e9)


def test_the_provinces_local_railways_are_a_sector_not_a_project() -> None:
    f = one(_facts("本报讯 2022年截至11月底，河北地方铁路累计完成投资168.4亿元。", dt.date(2022, 12, 7)))
    assert (f.region, f.subject, f.measure) == ("河北省", "portfolio", "completed_investment")


def test_the_province_said_as_该省_with_a_year_before_its_sector() -> None:
    text = "本报讯 2019年该省高速公路建设计划完成投资552亿元，建设里程将达到1172公里。"
    f = one(_facts(text, dt.date(2019, 3, 20)), amount_cny=55_200_000_000)
    assert (f.region, f.subject, f.measure) == ("河北省", "portfolio", "planned_investment")


def test_a_firm_investing_in_a_place_then_building_a_described_base() -> None:
    text = (
        "本报讯 日前，沧州市与甲乙集团举行签约仪式，甲乙集团将在沧州投资约152亿元，"
        "建设日处理生鲜乳4000吨、年产150万吨的乳制品加工基地，同步建设奶牛养殖场。"
    )
    f = one(_facts(text, dt.date(2022, 5, 30)), amount_cny=15_200_000_000)
    assert (f.region, f.subject, f.project_name) == ("沧州市", "project", "甲乙集团乳制品加工基地")


def test_an_officials_announcement_is_not_part_of_the_name_after_it() -> None:
    text = (
        "本报讯 上午9时许，县委书记某某宣布项目开工某某介绍项目基本情况有关部门作表态发言"
        "魏县甲文化艺术中心项目位于魏州西路南侧，总占地约40亩，总投资2.1亿元。"
    )
    f = one(_facts(text, dt.date(2020, 5, 1)), amount_cny=210_000_000)
    assert f.project_name == "魏县甲文化艺术中心项目"


def test_a_span_of_months_yet_to_begin_in_a_january_paper_is_last_years() -> None:
    f = one(_facts("本报讯 6-11月，唐山市重点项目完成投资1780亿元。", dt.date(2020, 1, 6)))
    assert (f.period_start, f.period_end) == ("2019-06-01", "2019-11-30")
