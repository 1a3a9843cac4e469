"""Tables 三 and 四 of an agency's annual report, counted from its records.

Table 三 (spec/annual-report.md): 新收 are applications received in the year; 上年结转 those
received earlier and still open on 1 January; each application concluded in the year is
counted once under its outcome; 结转下年度 are those open on 31 December — per applicant
column. Table 四 counts the appeals filed in the year, each under its result on
31 December (尚未审结 when undecided then), in the report of the agency whose decision is
challenged."""

from __future__ import annotations

from datetime import date

from django.db.models import Count

from gongkai.applications.models import Appeal, AppealKind, AppealResult, Application
from gongkai.statute.report_format import (
    APPLICANT_COLUMNS,
    ReportFormat,
    ReportTables,
    format_for_year,
    outcome_row_keys,
)

COLUMN_INDEX = {column.key: index for index, column in enumerate(APPLICANT_COLUMNS[:6])}
APPEAL_GROUPS = [
    AppealKind.RECONSIDERATION,
    AppealKind.DIRECT_SUIT,
    AppealKind.SUIT_AFTER_RECONSIDERATION,
]
RESULTS = [AppealResult.UPHELD, AppealResult.CORRECTED, AppealResult.OTHER, AppealResult.PENDING]


def _row(counts: dict[str, int]) -> list[int]:
    cells = [0] * 6
    for applicant_type, n in counts.items():
        cells[COLUMN_INDEX[applicant_type]] += n
    return [*cells, sum(cells)]


def _by_type(queryset) -> dict[str, int]:
    return {
        r["applicant_type"]: r["n"]
        for r in queryset.values("applicant_type").annotate(n=Count("id")).order_by()
    }


def table_three(agency, year: int, fmt: ReportFormat | None = None) -> dict[str, list[int]]:
    fmt = fmt or format_for_year(year)
    applications = Application.objects.of_agency(agency)
    rows = {
        "一": _row(_by_type(applications.received_in(year))),
        "二": _row(_by_type(applications.carried_into(year))),
        "四": _row(_by_type(applications.open_at_end_of(year))),
    }
    by_outcome: dict[str, dict[str, int]] = {key: {} for key in outcome_row_keys(fmt)}
    concluded = (
        applications.concluded_in(year)
        .values("outcome", "applicant_type")
        .annotate(n=Count("id"))
        .order_by()
    )
    for record in concluded:
        key = record["outcome"]
        if key not in by_outcome:  # the 2019 format has one row for all of （六）
            key = key[:4]
        counts = by_outcome[key]
        counts[record["applicant_type"]] = counts.get(record["applicant_type"], 0) + record["n"]
    for key, counts in by_outcome.items():
        rows[key] = _row(counts)
    rows["三（七）"] = [sum(rows[key][c] for key in by_outcome) for c in range(7)]
    return rows


def table_four(agency, year: int) -> list[int]:
    end = date(year, 12, 31)
    cells = [0] * 15
    for appeal in Appeal.objects.filter(application__agency=agency, filed_on__year=year):
        group = APPEAL_GROUPS.index(appeal.kind)
        cells[group * 5 + RESULTS.index(appeal.result_at(end))] += 1
        cells[group * 5 + 4] += 1
    return cells


def application_tables(agency, year: int) -> ReportTables:
    return {"三": table_three(agency, year), "四": {"四": table_four(agency, year)}}
