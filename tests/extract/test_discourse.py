"""Discourse state: what a sentence inherits from the sentences and headings around it.

Every sentence here is invented for the test (issue 10's failure classes); none is
copied from a newspaper.
"""

from __future__ import annotations

import datetime as dt

from extract_helpers import one, run

HB = "hbrb"


def test_follow_up_sentence_without_xiangmu_is_the_batch_completed_investment() -> None:
    facts = run(
        "本报讯 10月9日，保定市举行秋季重点项目集中开工活动，集中开工项目30个，总投资150亿元。"
        "截至9月底，已累计完成投资52.3亿元，占年度计划的81.2%。",
        HB,
    )
    done = one(facts, measure="completed_investment")
    assert (done.region, done.project_count, done.stage) == ("保定市", 30, "groundbreaking")
    assert done.completion_rate == 81.2
    assert (done.period_start, done.period_end) == ("2024-01-01", "2024-09-30")


def test_bare_figure_with_no_batch_in_context_stays_out() -> None:
    # No batch before, none after: a completed figure about nothing named is not reported.
    assert run("本报讯 保定市召开座谈会。截至9月底，已完成投资52.3亿元。会议要求加快进度。", HB) == []


def test_batch_noun_gongcheng_with_count_after() -> None:
    f = one(run("本报讯 邯郸市重点推进“双基”工程41项，总投资96亿元。", HB), measure="total_investment")
    assert (f.region, f.subject, f.project_count) == ("邯郸市", "portfolio", 41)


def test_count_after_the_batch_noun() -> None:
    f = one(run("本报讯 今年，沧州市谋划总投资320亿元的重点项目439项。", HB), measure="total_investment")
    assert (f.subject, f.project_count, f.region) == ("portfolio", 439, "沧州市")


def test_size_class_after_over_is_not_a_total() -> None:
    facts = run("本报讯 深泽县此次签约项目9个，总投资32亿元，其中投资超10亿元的项目2个。")
    assert [f.amount_cny for f in facts] == [3_200_000_000]


def test_figures_before_the_batch_they_belong_to() -> None:
    facts = run("总投资120亿元、年度计划投资45亿元……日前，廊坊市发布今年重点项目80个。", HB)
    total = one(facts, measure="total_investment")
    plan = one(facts, measure="planned_investment")
    assert (total.region, total.project_count) == ("廊坊市", 80)
    assert (plan.region, plan.project_count, plan.period_end) == ("廊坊市", 80, "2024-12-31")


def test_figures_before_a_batch_named_in_the_next_sentence() -> None:
    facts = run("本报讯（记者 甲乙）总投资120亿元，年度计划投资45亿元。日前，廊坊市发布今年重点项目80个。", HB)
    assert {(f.measure, f.region, f.project_count) for f in facts} == {
        ("total_investment", "廊坊市", 80),
        ("planned_investment", "廊坊市", 80),
    }


def test_reference_word_to_a_park_named_before() -> None:
    f = one(run("本报讯 衡水市甲乙产业园今年开工建设。该产业园总投资14.5亿元，主要建设标准化厂房。", HB))
    assert (f.subject, f.project_name, f.region) == ("project", "衡水市甲乙产业园", "衡水市")


def test_reference_word_to_a_project_at_the_ceremony_site_beats_the_batch() -> None:
    facts = run(
        "本报讯 今年沧州市安排重点项目11个。推进会在沧州市丙丁教育园项目建设现场举行。该项目计划投资18.7亿元。",
        HB,
    )
    f = one(facts, amount_cny=1_870_000_000)
    assert (f.subject, f.project_name, f.measure) == ("project", "沧州市丙丁教育园项目", "total_investment")


def test_quote_before_xiangmu_zongtouzi() -> None:
    facts = run("本报讯 甲乙食品生产基地项目投用后产能将翻番。“项目总投资9亿元，分两期建设。”", HB)
    f = one(facts)
    assert (f.subject, f.project_name) == ("project", "甲乙食品生产基地项目")


def test_gaishi_resolves_to_the_city_named_before_in_the_sentence() -> None:
    f = one(run("本报讯 全省项目观摩第三站来到唐山市，该市今年重点项目总投资800亿元。", HB))
    assert f.region == "唐山市"


def test_gaixian_resolves_to_the_county_of_an_earlier_sentence() -> None:
    text = "本报讯 全省秋季观摩活动昨日举行。观摩团来到兴隆县。该县新开工项目8个，总投资12亿元。"
    assert one(run(text, HB)).region == "兴隆县"


def test_ranking_phrase_quansheng_diyi_is_not_the_subject() -> None:
    f = one(
        run("本报讯 今年，石家庄市安排市重点项目380项，项目数量保持全省第一；总投资2650亿元。", HB),
        measure="total_investment",
    )
    assert f.region == "石家庄市"


def test_county_outside_shijiazhuang_keeps_its_figure() -> None:
    f = one(run("# 承德：项目建设提速\n\n本报讯 9月20日，兴隆县举行秋季集中开工，8个项目总投资12亿元。", HB))
    assert (f.region, f.project_count) == ("兴隆县", 8)


def test_slogan_headline_takes_the_place_from_the_subtitle() -> None:
    text = "# 奋力冲刺四季度\n\n## 涉县：项目建设跑出加速度\n\n今年以来，该县新开工项目25个，总投资80亿元。"
    assert one(run(text, HB)).region == "涉县"


def test_kicker_in_brackets_then_place_and_colon() -> None:
    text = "【项目一线】香河：抓项目促发展\n\n本报讯 今年，新开工项目12个，总投资30亿元。"
    assert one(run(text, HB)).region == "香河县"


def test_breadcrumb_city_then_title_county() -> None:
    text = (
        "当前位置 地区新闻 张家口 正文\n\n"
        "张家口市宣化区11个重点项目集中开工\n\n本报讯 今天，总投资46亿元的11个重点项目集中开工。"
    )
    f = one(run(text, HB))
    assert (f.region, f.project_count) == ("宣化区", 11)


def test_source_line_and_paper_name_never_set_the_place() -> None:
    text = "来源：保定日报\n\n本报讯 今年，新开工项目12个，总投资30亿元。"
    assert one(run(text, HB)).region == "河北省"
    assert one(run("保定日报讯（记者 甲乙）全省新开工项目12个，总投资30亿元。", HB)).region == "河北省"


def test_county_in_brackets_after_its_city() -> None:
    text = "本报讯 9月20日，石家庄(正定县)举行集中开工活动，开工项目10个，总投资40亿元。"
    assert one(run(text, HB)).region == "正定县"


def test_teaser_paragraph_then_lead_with_the_place() -> None:
    text = (
        "据了解，这次集中开工项目为甲项目、乙工程，共计2个，总投资5亿元。\n\n"
        "近日，石家庄(正定县)秋季项目集中开工仪式举行。\n\n"
        "据了解，这次集中开工项目为甲项目、乙工程，共计2个，总投资5亿元。"
    )
    f = one(run(text, HB))
    assert (f.region, f.project_count, f.subject) == ("正定县", 2, "portfolio")


def test_project_location_from_an_earlier_sentence() -> None:
    text = "本报讯 全市项目观摩活动举行。位于鹿泉区的甲乙智能制造项目日前开工。该项目总投资5亿元。"
    f = one(run(text, "sjzrb"))
    assert (f.region, f.project_name) == ("鹿泉区", "甲乙智能制造项目")


def test_later_progress_sentence_is_the_project_of_its_paragraph() -> None:
    text = (
        "本报讯 唐山市观摩团来到丰润区。甲乙科技有限公司新材料项目位于丰润经济开发区，总投资2.6亿元。"
        "目前，正在进行设备安装，累计完成投资2.1亿元。"
    )
    facts = run(text, HB)
    done = one(facts, measure="completed_investment")
    assert (done.subject, done.region, done.project_name) == ("project", "丰润区", "甲乙科技有限公司新材料项目")


def test_zone_named_by_county_short_name_is_the_county() -> None:
    f = one(run("本报讯 丙丁项目位于滦南经济开发区，总投资3亿元。", HB))
    assert f.region == "滦南县"


def test_bare_kaifaqu_resolves_to_the_city_of_the_context() -> None:
    text = "本报讯 秦皇岛市争列省重点项目12项。按县区划分：海港区2项，总投资5亿元；开发区7项，总投资31亿元。"
    facts = run(text, HB)
    assert one(facts, amount_cny=3_100_000_000).region == "秦皇岛市经济技术开发区"
    assert one(facts, amount_cny=500_000_000).region == "海港区"


def test_main_venue_is_not_the_batch_place() -> None:
    text = (
        "本报讯 9月20日，承德举行全市秋季重点项目集中开工活动。"
        "活动在承德高新区设主会场，共有64个项目集中开工，总投资215.6亿元。"
    )
    assert one(run(text, HB)).region == "承德市"


def test_branch_venue_is_its_own_place() -> None:
    text = "本报讯 今天上午，张家口市春季重点项目集中开工活动宣化分会场举行，总投资46亿元的11个重点项目集中开工。"
    assert one(run(text, HB)).region == "宣化区"


def test_section_heading_goes_on_with_the_article_place() -> None:
    text = (
        "本报讯 4月1日，衡水市召开重点项目建设发布会。\n\n# 总体安排\n\n"
        "今年全市共安排重点项目196个，总投资733.4亿元，其中新开工项目121个，年预计投资88.2亿元。"
    )
    facts = run(text, HB, dt.date(2025, 4, 2))
    plan = one(facts, measure="planned_investment")
    assert (plan.region, plan.project_count, plan.stage) == ("衡水市", 121, "groundbreaking")


def test_signed_amount_of_bank_loans_is_not_investment() -> None:
    facts = run("本报讯 截至11月底，已签约甲项目等60个项目，签约金额88.5亿元，银行已投放贷款35亿元。", HB)
    assert facts == []


def test_autonomous_county_written_short() -> None:
    f = one(run("本报讯 今年，丰宁县安排重点项目85个，总投资312.5亿元。", HB))
    assert f.region == "丰宁满族自治县"


def test_dominant_place_when_title_and_lead_name_none() -> None:
    text = (
        "# 奋力冲刺 全力以赴\n\n"
        "本报讯 连日来，项目工地一片繁忙。今年以来，新开工项目25个，总投资80亿元。\n\n"
        "武安市坚持项目为王，武安市各部门靠前服务。"
    )
    assert one(run(text, HB)).region == "武安市"


def test_no_dominant_place_in_a_province_wide_item() -> None:
    text = (
        "本报讯 全省重点项目建设加快。今年以来，全省新开工项目2500个，总投资9000亿元。\n\n"
        "唐山市、唐山市曹妃甸区项目进展较快。"
    )
    assert one(run(text, HB)).region == "河北省"


def test_county_named_beside_woshi_keeps_its_project() -> None:
    text = "本报讯 金秋的南宫市，我市重点合作项目之一，总投资9.6亿元的甲乙光伏发电项目正加快建设。"
    f = one(run("# 邢台市\n\n" + text, HB))
    assert (f.subject, f.region) == ("project", "南宫市")


def test_zone_short_names_resolve_to_the_city_in_context() -> None:
    text = (
        "本报讯 唐山市重点项目观摩活动举行。高新区新开工项目6个，总投资30亿元；汉沽管理区新开工项目2个，总投资5亿元。"
    )
    facts = run(text, HB)
    assert one(facts, amount_cny=3_000_000_000).region == "唐山高新技术产业开发区"
    assert one(facts, amount_cny=500_000_000).region == "唐山市汉沽管理区"
    assert one(run("本报讯 保定高新区新开工项目6个，总投资30亿元。", "sjzrb")).region == "保定高新技术产业开发区"


def test_zhege_jidi_and_gai_gongcheng_point_back() -> None:
    text = (
        "本报讯 记者走进辛集市甲乙皮革生产基地。这个基地总投资6亿元。丙丁河道综合治理工程日前开工。该工程总投资2亿元。"
    )
    facts = run(text, HB)
    assert one(facts, amount_cny=600_000_000).project_name == "辛集市甲乙皮革生产基地"
    assert one(facts, amount_cny=200_000_000).project_name == "丙丁河道综合治理工程"


def test_paragraph_opening_place_beats_the_item_place() -> None:
    text = (
        "# 廊坊市重点项目建设提速\n\n"
        "本报讯 今年以来，廊坊市重点项目建设进展顺利，新开工项目120个，总投资600亿元。\n\n"
        "3月12日，河北省香河县举行项目集中开工现场会。此次开工项目9个，总投资41.2亿元。\n\n"
        "据悉，此次开工的项目数量在廊坊市位居前列。工业项目有4个，总投资22.5亿元。"
    )
    facts = run(text, HB, dt.date(2024, 3, 20))
    assert one(facts, amount_cny=60_000_000_000).region == "廊坊市"
    assert one(facts, amount_cny=4_120_000_000).region == "香河县"
    assert one(facts, amount_cny=2_250_000_000).region == "香河县"
