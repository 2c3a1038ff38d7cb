"""The fact record every rule produces and the CLI prints."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any


@dataclass
class Fact:
    """One investment figure.

    ``amount_original`` is the figure in the currency the text states; ``amount_cny``
    is set only when that currency is yuan, because converting at an unknown rate
    would invent data.  ``text[char_start:char_end] == evidence`` always holds for
    the text given to ``extract_facts``.
    """

    region: str | None
    region_code: str | None
    subject: str  # a code of xiangmu.vocabulary.SUBJECTS
    project_name: str | None
    project_count: int | None
    measure: str  # a code of xiangmu.vocabulary.MEASURES
    amount_cny: float | None
    amount_original: float
    currency: str
    approximate: bool
    stage: str | None  # a code of xiangmu.vocabulary.STAGES
    category: str | None
    period_start: str | None
    period_end: str | None
    completion_rate: float | None
    evidence: str
    char_start: int
    char_end: int
    # The name as every article and paper would agree on it (see ``normalize.project_key``):
    # what the warehouse's dim_project should group one project's facts by.
    project_key: str | None = None

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        for key in ("amount_cny", "amount_original"):
            v = d[key]
            if isinstance(v, float) and v.is_integer():
                d[key] = int(v)
        # "amount" (figure in its own currency) is what scorers read for non-yuan facts.
        d["amount"] = d["amount_original"]
        return d
