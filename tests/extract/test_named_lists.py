"""Named projects inside batches, lists and one-project features (sentences invented for the test).

The figure after a project that a list item or 其中 singles out is that project's, not
the batch's; a project named after its city is a project, not the city's portfolio;
a ceremony held in a county for its city's projects is the city's.
"""

from __future__ import annotations

from extract_helpers import one, run

HB = "hbrb"


def test_list_of_named_projects_in_the_batch_sentence() -> None:
    text = (
        "本报讯 今年，邢台市信都区实施重点项目5个，项目分别是：甲乙新能源科技有限公司年产2GW光伏组件项目，"
        "总投资12亿元；丙丁医药园，总投资8亿元；戊己物流中心建设工程，总投资3亿元。"
    )
    facts = run(text, HB)
    assert {(f.subject, f.project_name, f.amount_cny) for f in facts} == {
        ("project", "甲乙新能源科技有限公司年产2GW光伏组件项目", 1_200_000_000),
        ("project", "丙丁医药园", 800_000_000),
        ("project", "戊己物流中心建设工程", 300_000_000),
    }
    assert {f.region for f in facts} == {"信都区"}
    assert all(f.project_count is None for f in facts)


def test_list_after_a_count_of_signed_projects_keeps_the_stage() -> None:
    text = (
        "本报讯 秦皇岛市北戴河新区4个项目集中签约，项目分别是：甲乙康养小镇项目，总投资30亿元；"
        "丙丁文旅综合体项目，总投资20亿元。"
    )
    facts = run(text, HB)
    assert {(f.project_name, f.amount_cny, f.stage) for f in facts} == {
        ("甲乙康养小镇项目", 3_000_000_000, "signed"),
        ("丙丁文旅综合体项目", 2_000_000_000, "signed"),
    }


def test_ordinal_items_name_the_project_without_the_ordinal() -> None:
    text = "本报讯 栾城区今年开工项目2个，一是甲乙康养小镇项目，总投资30亿元；二是丙丁文旅综合体项目，总投资20亿元。"
    facts = run(text, HB)
    assert {f.project_name for f in facts} == {"甲乙康养小镇项目", "丙丁文旅综合体项目"}


def test_a_clause_that_only_describes_the_batch_is_not_a_list_item() -> None:
    facts = run("本报讯 栾城区今年开工项目6个，分别是：涉及新能源的项目，总投资30亿元。", HB)
    f = one(facts)
    assert (f.subject, f.project_count) == ("portfolio", 6)


def test_qizhong_singles_out_a_long_company_project_from_the_batch() -> None:
    text = (
        "本报讯 9月2日，邢台市任泽区举行重点项目集中开工仪式。在集中开工的18个项目中，市重点新开工项目2个，"
        "其中列入今年省重点项目的甲乙特种橡胶制品有限公司年产1万吨高分子密封材料生产项目，属战略性新兴产业项目，总投资4.2亿元。"
    )
    f = one(run(text, HB))
    assert (f.subject, f.project_name, f.region, f.stage) == (
        "project",
        "甲乙特种橡胶制品有限公司年产1万吨高分子密封材料生产项目",
        "任泽区",
        "groundbreaking",
    )


def test_qizhong_baokuo_gives_an_example_and_the_total_stays_the_batch() -> None:
    f = one(run("本报讯 邢台市任泽区此次开工项目20个，其中包括甲乙科技园项目，总投资50亿元。", HB))
    assert (f.subject, f.project_count) == ("portfolio", 20)


def test_city_named_project_held_in_a_county_is_a_project() -> None:
    text = (
        "本报讯 近日，张家口甲乙综合利用示范项目一期工程在张北县竣工。"
        "张家口市相关负责人介绍，项目总投资18亿元，今年计划投资5亿元。"
    )
    facts = run(text, HB)
    assert {(f.subject, f.project_name, f.measure) for f in facts} == {
        ("project", "张家口甲乙综合利用示范项目", "total_investment"),
        ("project", "张家口甲乙综合利用示范项目", "planned_investment"),
    }


def test_city_named_project_launched_the_same_sentence() -> None:
    f = one(run("本报讯 记者从张家口市获悉，张家口甲乙功能区示范项目日前启动，项目总投资18亿元。", HB))
    assert (f.subject, f.project_name, f.amount_cny) == ("project", "张家口甲乙功能区示范项目", 1_800_000_000)


def test_city_signing_ceremony_held_in_a_county_is_the_citys() -> None:
    text = "本报讯 9月28日上午，沧州市旅游项目签约仪式在吴桥县甲乙酒店举行，共成功签约旅游项目21个，总投资126.9亿元。"
    f = one(run(text, HB))
    assert (f.region, f.project_count, f.stage) == ("沧州市", 21, "signed")


def test_county_named_after_the_ceremony_venue_keeps_its_own_batch() -> None:
    text = "本报讯 9月6日，石家庄市秋季集中开工活动在正定县甲乙产业园举行，正定县开工项目12个，总投资30亿元。"
    f = one(run(text, HB))
    assert (f.region, f.project_count) == ("正定县", 12)


def test_county_ceremony_without_a_city_subject_stays_in_the_county() -> None:
    f = one(run("本报讯 9月6日，秋季项目集中签约仪式在吴桥县举行，共签约项目8个，总投资12亿元。", HB))
    assert f.region == "吴桥县"


def test_xiangmu_shu_counts_the_signed_batch() -> None:
    f = one(run("本报讯 日前，沧州市领导进京签约重点项目。本次签约项目数达到33个，总投资635亿元。", HB))
    assert (f.region, f.project_count, f.stage) == ("沧州市", 33, "signed")
