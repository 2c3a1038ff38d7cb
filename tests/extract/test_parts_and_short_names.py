"""Parts of a batch, lists read 分别, counties by their short names and mirror punctuation
(issue 10): the cases of group ``parts_short_names`` in ``filing_cases.json``, each a
sentence written for the test.

- ``A项目和B项目分别完成投资X、Y``: one figure per category (or per project), none of them the
  place's whole portfolio;
- a part of a batch named by its kind (……开工项目中，战略新兴项目86项) carries that kind as its
  category and the batch's stage; status, level and size words are no kind;
- 元氏签约项目12个: a county's short name before an event or measure word is the county, never
  a common word (兴隆) nor the tail of a longer word;
- a lead whose motto ends with ASCII ``!`` or ``?`` (mirror pages) reads like one ending with ``！``.
"""

from __future__ import annotations

import pytest
from extract_helpers import check_case, filing_cases


@pytest.mark.parametrize("case", filing_cases("parts_short_names"))
def test_parts_and_short_names_are_filed(case: dict) -> None:
    check_case(case)
