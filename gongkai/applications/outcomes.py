"""The reply outcomes: exactly the numbered result rows of the annual report's table 三, so
what a reply decides is what the report counts (spec/applications.md)."""

from __future__ import annotations

from gongkai.statute.report_format import FORMAT_2021

_RESULT_ROWS = [
    row
    for row in FORMAT_2021.tables["三"].blocks[0].value_rows
    if row.key.startswith("三（") and row.key != "三（七）"
]
_GROUPS = {row.key: row for row in FORMAT_2021.tables["三"].blocks[0].rows if row.group}


def _label(key: str) -> str:
    row = next(r for r in _RESULT_ROWS if r.key == key)
    group = _GROUPS.get(key[:4])
    return f"{group.label} {row.label}" if group else row.label


OUTCOME_CHOICES = [(row.key, _label(row.key)) for row in _RESULT_ROWS]
OUTCOMES = {key for key, _ in OUTCOME_CHOICES}

# Outcomes that conclude an application without a reply on its substance.
ABANDONED_NO_CORRECTION = "三（六）1"
ABANDONED_UNPAID_FEE = "三（六）2"
OTHER_HANDLING = "三（六）3"
NOT_PROCESSED_UNREASONABLE = "三（五）4"


# The legal basis each reply letter cites (spec/applications.md).
REGULATION = "《中华人民共和国政府信息公开条例》"
OUTCOME_BASIS = {
    "三（一）": "第三十六条第一项、第二项",
    "三（二）": "第三十七条",
    **{f"三（三）{i}": "第十四条" for i in (1, 2, 3)},
    "三（三）4": "第十五条、第三十二条",
    "三（三）5": "第十六条第一款",
    "三（三）6": "第十六条第二款",
    "三（三）7": "第十六条第二款",
    "三（三）8": "第三十六条第七项",
    "三（四）1": "第三十六条第四项、第五项",
    "三（四）2": "第三十八条",
    "三（四）3": "第三十条",
    "三（五）1": "第三十九条第一款",
    "三（五）2": "第三十六条第六项",
    "三（五）3": "第三十九条第二款",
    "三（五）4": "第三十五条",
    "三（五）5": "",
    "三（六）1": "第三十条",
    "三（六）2": "《政府信息公开信息处理费管理办法》",
    "三（六）3": "",
}


def basis_of(outcome: str) -> str:
    article = OUTCOME_BASIS.get(outcome, "")
    if not article:
        return ""
    return article if article.startswith("《") else REGULATION + article


def is_refusal(outcome: str) -> bool:
    """行政复议法 (2024) 第二十三条: a refusal to disclose goes to reconsideration first."""
    return outcome.startswith("三（三）")
