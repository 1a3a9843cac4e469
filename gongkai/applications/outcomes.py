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
