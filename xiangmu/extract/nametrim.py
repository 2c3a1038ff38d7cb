"""The edges of a project name found by pattern: no clause mark inside, no visiting verb before.

Why: the noun-phrase rules (``facts._np``) look back from 项目/现场 over a bounded run of
characters, and in a 观摩 report that run crosses the clause before the name (……来到某港区，
实地察看甲产业园项目建设现场): the name then carries the tour's route and verbs.  A project's
name never holds a clause mark, and the verbs of a visit (察看, 观摩, 调研 ...) are the
visitors', not part of the name; nor are the verbs that say what an event means (标志着,
意味着 ...), which open the clause after it.
"""

from __future__ import annotations

import re

_CLAUSE_MARK = re.compile(r"[，,；;：:。！？!?]")
# Anything trim_name could cut: a clause mark anywhere, or a visit word at the start.
_FAST = re.compile(
    r"[，,；;：:。！？!?]|^(?:先后|随后|接着|还|又|一同|一起|共同|实地|现场|深入|详细"
    r"|察看|查看|考察|观摩|调研|视察|参观|走访|督导|检查|了解|来到|走进|标志着|意味着|预示着|宣告|宣布)"
    r"|宣布|致辞|讲话|介绍|表态发言"
)
_SPEECH = re.compile(r"宣布|致辞|讲话|介绍了?|表态发言")
_VISIT_LEAD = re.compile(
    r"^(?:(?:先后|随后|接着|还|又|一同|一起|共同)?(?:实地|现场|深入|详细)?"
    r"(?:察看|查看|考察|观摩|调研|视察|参观|走访|督导|检查|了解|来到|走进|深入)了?"
    r"|标志着|意味着|预示着|宣告|宣布)+"  # ……，标志着甲项目进入实施阶段: the sentence's verb, not the name
)


def trim_name(name: str | None) -> str | None:
    """``name`` cut after its last clause mark and stripped of leading visit verbs; None if
    too little is left to name anything (two characters or fewer)."""
    if not name or (_FAST.search(name) is None and len(name) > 2):
        return name  # the common case: nothing to trim, decided by one scan
    marks = list(_CLAUSE_MARK.finditer(name))
    if marks:
        name = name[marks[-1].end() :]
    said = list(_SPEECH.finditer(name))
    if said:
        name = name[said[-1].end() :]  # 县委书记某某宣布甲项目: the official's verb and doer are not the name
    name = _VISIT_LEAD.sub("", name.strip())
    return name if len(name) > 2 else None
