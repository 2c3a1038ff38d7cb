from __future__ import annotations

import pytest

from xiangmu.extract.numbers import find_money, parse_cn_int, parse_number


@pytest.mark.parametrize(
    ("text", "value"),
    [("三百五十", 350), ("十二", 12), ("两千零八", 2008), ("一〇八", 108), ("十", 10), ("九十九", 99)],
)
def test_chinese_integers(text: str, value: int) -> None:
    assert parse_cn_int(text) == value


def test_arabic_with_commas_and_decimals() -> None:
    assert parse_number("1,234.5") == 1234.5
    assert parse_number("六点五") == 6.5


def _money(text: str) -> tuple[float, str, bool]:
    [m] = find_money(text)
    return m.value, m.currency, m.approximate


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("总投资63.4亿元", 6_340_000_000),
        ("投资1.3万亿元", 1_300_000_000_000),
        ("投资八千万元", 80_000_000),
        ("投资二十五亿元", 2_500_000_000),
        ("投资4,500万元", 45_000_000),
        ("总投资12亿，", 1_200_000_000),
    ],
)
def test_money_in_yuan(text: str, value: float) -> None:
    assert _money(text) == (value, "CNY", False)


# 约, 超过, 近, 余, 以上: the amount is a bound or a rounding, not the figure.
APPROXIMATE = {"投资约7.2亿元": 720_000_000, "投资超过15亿元": 1_500_000_000, "投资近3亿元": 300_000_000}
APPROXIMATE |= {"投资40余亿元": 4_000_000_000, "投资2000万元以上": 20_000_000}


@pytest.mark.parametrize(("text", "value"), APPROXIMATE.items())
def test_approximate_money_is_marked(text: str, value: float) -> None:
    assert _money(text) == (value, "CNY", True)


@pytest.mark.parametrize(
    ("text", "value", "currency"), [("利用外资6.5亿美元", 650_000_000, "USD"), ("投资3000万欧元", 30_000_000, "EUR")]
)
def test_money_in_foreign_currency(text: str, value: float, currency: str) -> None:
    assert _money(text) == (value, currency, False)


def test_non_money_quantities_are_ignored() -> None:
    assert find_money("占地120亩，建筑面积8万平方米，新增就业300人") == []


def test_yi_without_yuan_is_money_only_before_no_unit() -> None:
    """总投资109亿续建项目 drops 元 before a noun; 1亿只 / 1.2亿人次 / 1亿支 count other things."""
    assert [m.value for m in find_money("总投资109.23亿续建项目，投资1.2亿建设甲项目")] == [1.0923e10, 1.2e8]
    assert find_money("年产1亿只肉鸡、1亿支注射剂，接待游客1.2亿人次，年发电3亿千瓦时") == []
    assert find_money("投资6100万新建甲项目") == []  # a bare 万 stays no amount
