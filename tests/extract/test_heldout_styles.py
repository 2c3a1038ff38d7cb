"""The held-out set of invented articles (heldout_docs.py) must be read exactly."""

from __future__ import annotations

import pytest
from heldout_docs import DOCS, score


def test_heldout_precision_recall_and_fields() -> None:
    result = score()
    assert result["problems"] == []
    assert (result["precision"], result["recall"], result["noise_hits"]) == (1.0, 1.0, 0)


@pytest.mark.parametrize("doc", DOCS, ids=[d["id"] for d in DOCS])
def test_each_heldout_doc(doc: dict) -> None:
    assert score([doc])["problems"] == []
