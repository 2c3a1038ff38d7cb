"""Named projects inside batches, lists and one-project features (sentences invented for the test).

The figure after a project that a list item or 其中 singles out is that project's, not
the batch's; a project named after its city is a project, not the city's portfolio;
a ceremony held in a county for its city's projects is the city's.
"""

from __future__ import annotations

import pytest
from extract_helpers import check_case, filing_cases


@pytest.mark.parametrize("case", filing_cases("named_lists"))
def test_named_projects_and_batches(case: dict) -> None:
    check_case(case)
