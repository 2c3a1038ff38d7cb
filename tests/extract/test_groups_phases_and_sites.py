"""Groups, phases, sites and a county's own voice (issue 10): the cases of group
``groups_phases_sites`` in ``filing_cases.json``, each a sentence written for the test.

- a would-be name opening with a count (500个亿元以上社会投资类项目) is a group of projects;
- ``20个省重点项目、200个市重点项目分别完成投资X、Y``: each group its own count;
- 概算投资 is a project's total; a list's count after its last item is not that item's name;
- 这个投资X亿元的项目 points back to the project named before;
- 甲公司投资X亿元，增上乙项目: the project the company builds;
- 我县 in a title or lead: the county's own text, its city's event the county's part;
- a project sited in a county (选址某县的甲市乙项目) is that county's, its phases projects of their own;
- a completed figure against the year's plan with no 项目 (a headline) is the place's.
"""

from __future__ import annotations

import pytest
from extract_helpers import check_case, filing_cases


@pytest.mark.parametrize("case", filing_cases("groups_phases_sites"))
def test_groups_phases_and_sites_are_filed(case: dict) -> None:
    check_case(case)
