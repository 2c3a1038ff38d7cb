from __future__ import annotations

import datetime as dt

from xiangmu.extract import extract_facts
from xiangmu.extract.gazetteer import gazetteer, gazetteer_rows


def test_rows_hold_the_hierarchy_with_codes() -> None:
    rows = {r["name"]: r for r in gazetteer_rows()}
    assert set(next(iter(rows.values()))) == {"name", "code", "type", "parent_name", "short_names"}
    assert rows["河北省"]["type"] == "province"
    assert rows["石家庄市"] == {**rows["石家庄市"], "code": "130100", "parent_name": "河北省", "type": "city"}
    assert rows["晋州市"]["code"] == "130183" and rows["晋州市"]["parent_name"] == "石家庄市"
    assert rows["赵县"]["type"] == "county"
    assert rows["鹿泉区"]["type"] == "district"
    assert len([r for r in rows.values() if r["type"] in ("county", "district", "county_city")]) >= 160


def test_zones_have_no_code_but_short_names() -> None:
    rows = {r["name"]: r for r in gazetteer_rows()}
    for zone in ("石家庄高新技术产业开发区", "石家庄经济技术开发区", "鹿泉经济开发区", "石家庄循环化工园区"):
        assert rows[zone]["type"] == "zone"
        assert rows[zone]["code"] is None
    assert "高新区" in rows["石家庄高新技术产业开发区"]["short_names"].split("|")


def test_short_zone_names_resolve_by_home_city() -> None:
    sjz = gazetteer("sjzrb")
    assert [n for _, _, n in sjz.find("高新区和经开区")] == ["石家庄高新技术产业开发区", "石家庄经济技术开发区"]
    # Every Hebei city has a 高新区; the provincial paper cannot tell which one.
    assert gazetteer("hbrb").find("高新区") == []


def test_ambiguous_district_names_prefer_the_home_city() -> None:
    sjz = gazetteer("sjzrb")
    name = sjz.find("桥西区")[0][2]
    assert (sjz.display(name), sjz.code(name)) == ("桥西区", "130104")
    assert gazetteer("hbrb").find("桥西区") == []  # two cities have one: no context, no place


def test_a_shared_district_name_resolves_by_its_city_or_the_context() -> None:
    hb = gazetteer("hbrb")
    assert [hb.code(n) for _, _, n in hb.find("沧州新华区和石家庄市新华区")] == ["130902", "130105"]
    assert hb.code(hb.find("桥西区今年", "张家口市")[0][2]) == "130703"
    assert hb.code(hb.find("新华区今年", "石家庄市新华区")[0][2]) == "130105"


def test_facts_report_a_shared_district_by_its_plain_name_and_its_own_code() -> None:
    text = "本报讯 记者从沧州市新华区获悉，新华区今年安排重点项目20个，总投资80亿元。"
    f = extract_facts(text, dt.date(2024, 3, 1), "hbrb")[0]
    assert (f.region, f.region_code) == ("新华区", "130902")


def test_longest_match_wins() -> None:
    found = gazetteer("sjzrb").find("石家庄市正定县")
    assert [n for _, _, n in found] == ["石家庄市", "正定县"]
