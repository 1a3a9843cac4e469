"""Tables 三 and 四 of an agency's annual report, counted from its records.

Table 三 (spec/annual-report.md): 新收 are applications received in the year; 上年结转 those
received earlier and still open on 1 January; each application concluded in the year is
counted once under its outcome; 结转下年度 are those open on 31 December — per applicant
column. Table 四 counts the appeals filed in the year, each under its result on
31 December (尚未审结 when undecided then), in the report of the agency whose decision is
challenged."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.db.models import Count, Q, Sum
from django.db.models.functions import Coalesce

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


def _documents(agency, kind: str):
    """Published documents of a kind, each dated by when it was made (成文日期, else the
    publication date). Withdrawn publications are not counted: their publication was
    retracted."""
    from gongkai.catalogue.models import Item, ItemStatus

    return Item.objects.filter(
        agency=agency, document_kind=kind, status=ItemStatus.PUBLISHED
    ).annotate(made_on=Coalesce("written_on", "published_on"))


def documents_row(agency, year: int, kind: str) -> list[int]:
    """Table 二（一）: 本年制发, 本年废止, 现行有效 (at 31 December) for one document kind."""
    from gongkai.catalogue.models import Validity

    end = date(year, 12, 31)
    documents = _documents(agency, kind)
    made = documents.filter(made_on__year=year).count()
    repealed = documents.filter(validity=Validity.REPEALED, validity_changed_on__year=year).count()
    in_force = (
        documents.filter(made_on__lte=end)
        .filter(Q(validity=Validity.VALID) | Q(validity_changed_on__gt=end))
        .count()
    )
    return [made, repealed, in_force]


def table_two(agency, year: int, figures) -> dict[str, list]:
    """（一） from the catalogue; （五）（六）（八） from the figures staff entered (blank when
    they have not: a blank is "not reported", never 0)."""
    from gongkai.catalogue.models import DocumentKind

    rows: dict[str, list] = {
        "规章": documents_row(agency, year, DocumentKind.RULE),
        "行政规范性文件": documents_row(agency, year, DocumentKind.NORMATIVE),
    }
    if figures is None:
        rows.update({key: [None] for key in ("行政许可", "行政处罚", "行政强制", "行政事业性收费")})
    else:
        rows.update(
            {
                "行政许可": [figures.licences],
                "行政处罚": [figures.penalties],
                "行政强制": [figures.enforcement],
                "行政事业性收费": [_plain(figures.fee_amount)],
            }
        )
    return rows


def _plain(amount: Decimal) -> Decimal:
    """12.5000 → 12.5 and 100.0000 → 100 (never 1E+2)."""
    return amount.quantize(Decimal(1)) if amount == amount.to_integral() else amount.normalize()


def fee_block(agency, year: int) -> tuple[int, Decimal, Decimal]:
    """Section 六's 信息处理费: notices issued in the year (count, amount) and the amount
    actually collected, in yuan, from the applications' fee events."""
    from gongkai.applications.models import ApplicationEvent, EventKind

    events = ApplicationEvent.objects.filter(application__agency=agency, on__year=year)
    notices = events.filter(kind=EventKind.FEE_NOTICE).aggregate(n=Count("id"), total=Sum("amount"))
    paid = events.filter(kind=EventKind.FEE_PAID).aggregate(total=Sum("amount"))
    return (
        notices["n"],
        notices["total"] or Decimal("0.00"),
        paid["total"] or Decimal("0.00"),
    )
