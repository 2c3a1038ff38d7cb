from __future__ import annotations

import datetime as dt

import pytest

from xiangmu.extract.periods import find_event_date, find_period

PUB = dt.date(2024, 9, 10)
D = dt.date


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("9月3日，全市", D(2024, 9, 3), D(2024, 9, 3)),
        ("12月28日", D(2023, 12, 28), D(2023, 12, 28)),  # later month than the paper: last year
        ("2022年5月1日", D(2022, 5, 1), D(2022, 5, 1)),
        ("上半年", D(2024, 1, 1), D(2024, 6, 30)),
        ("去年下半年", D(2023, 7, 1), D(2023, 12, 31)),
        ("1-7月", D(2024, 1, 1), D(2024, 7, 31)),
        ("1月至9月", D(2024, 1, 1), D(2024, 9, 10)),  # the running month ends on the publish date
        ("二季度", D(2024, 4, 1), D(2024, 6, 30)),
        ("前三季度", D(2024, 1, 1), D(2024, 9, 30)),
        ("今年以来", D(2024, 1, 1), PUB),
        ("全年", D(2024, 1, 1), D(2024, 12, 31)),
        ("2023年", D(2023, 1, 1), D(2023, 12, 31)),
    ],
)
def test_periods(text: str, start: dt.date, end: dt.date) -> None:
    assert find_period(text, PUB) == (start, end)


def test_no_period_and_impossible_dates() -> None:
    assert find_period("项目进展顺利", PUB) is None
    assert find_period("2月31日", PUB) is None


def test_event_date() -> None:
    assert find_event_date("本报讯 9月4日，某县举行", PUB) == D(2024, 9, 4)
    assert find_event_date("日前召开", PUB) is None


def test_single_months_and_first_n_months() -> None:
    import datetime as dt

    from xiangmu.extract.periods import find_period

    day = dt.date(2024, 8, 15)
    assert find_period("今年前7个月，", day) == (dt.date(2024, 1, 1), dt.date(2024, 7, 31))
    assert find_period("7月份，全省", day) == (dt.date(2024, 7, 1), dt.date(2024, 7, 31))
    assert find_period("5月份以来", day) == (dt.date(2024, 5, 1), day)
    assert find_period("11月，", day) == (dt.date(2023, 11, 1), dt.date(2023, 11, 30))
    assert find_period("1-7月份，", day) == (dt.date(2024, 1, 1), dt.date(2024, 7, 31))
