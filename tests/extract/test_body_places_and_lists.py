"""Places named only in the body, fairs, observed projects and foreign amounts (issue 10): the
cases of group ``body_places_and_lists`` in ``filing_cases.json``, each a sentence written for the test.

- 我县 in the lead: the one county the text names, even outside the only city it names;
- 在某市国际经贸洽谈会签约: the fair's host city is a venue; a list ending 等N个项目 is a portfolio;
- a bare subject the text named as a project before (观摩了X等项目。X总投资Y) is that project;
- 甲项目是某市一项重大民生工程: one project described, not a batch of one;
- 1.8亿美元(12.78亿元人民币): one figure, its yuan value;
- one project built 在某县 later in its clause is that county's; a batch started there is not;
- a zone's batch at a ceremony held in the zone is the zone's (沧州港: a port, no organiser);
- a figure with no place in a provincial paper: the county or city the text names most (short names
  too), 全省 as a yardstick (成为全省首个) making no roundup.
"""

from __future__ import annotations

import pytest
from extract_helpers import check_case, filing_cases


@pytest.mark.parametrize("case", filing_cases("body_places_and_lists"))
def test_body_places_and_lists_are_filed(case: dict) -> None:
    check_case(case)
