"""Tables 三 and 四 of an agency's annual report, counted from its records.

Table 三 (spec/annual-report.md): 新收 are applications received in the year; 上年结转 those
received earlier and still open on 1 January; each application concluded in the year is
counted once under its outcome; 结转下年度 are those open on 31 December — per applicant
column. Table 四 counts, in the report of the agency whose decision is challenged, the
appeals filed in the year, each under its result on 31 December (尚未审结 when undecided
then), and the appeals filed in an earlier year and decided in this one, under their result.

The year rule for appeals (issue 13; the spec leaves it open): an appeal decided in a later
year appears in that later year's table 四 with its result, besides its filing year's
尚未审结. Of the two readings — count each appeal once, in its filing year, forever
尚未审结 if decided after 31 December; or also count it when decided — the second is the
one that lets a reader of the later report see how the case ended, which is what table 四
is for; the filing year's published report is not changed. An appeal pending through a
whole year in between (filed 2024, decided 2026) is not counted in 2025: nothing about it
happened then."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.db.models import Count, Q, Sum
from django.db.models.functions import Coalesce

from gongkai.applications.models import (
    Appeal,
    AppealKind,
    AppealResult,
    Application,
    YearRule,
)
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


def _year_counts(agency_ids: list[int], year: int):
    """One pass over the applications that matter to the year, counting each into the four
    figures it belongs to. The index application_year_counts holds every column read, so
    PostgreSQL answers from the index alone."""
    return (
        Application.objects.filter(YearRule.matters_to(year), agency_id__in=agency_ids)
        .values("agency_id", "applicant_type", "outcome")
        .annotate(
            received=Count("id", filter=YearRule.received_in(year)),
            carried=Count("id", filter=YearRule.carried_into(year)),
            still_open=Count("id", filter=YearRule.open_at_end_of(year)),
            concluded=Count("id", filter=YearRule.concluded_in(year)),
        )
        .order_by()
    )


def tables_three(agency_ids: list[int], year: int, fmt: ReportFormat | None = None) -> dict:
    """Table 三 of every agency in `agency_ids`, in one grouped query whatever their number
    (a province's roll-up counts a thousand agencies this way)."""
    fmt = fmt or format_for_year(year)
    outcome_keys = outcome_row_keys(fmt)
    received: dict[int, dict[str, int]] = {}
    carried: dict[int, dict[str, int]] = {}
    still_open: dict[int, dict[str, int]] = {}
    by_outcome: dict[int, dict[str, dict[str, int]]] = {}
    for record in _year_counts(agency_ids, year):
        agency, kind = record["agency_id"], record["applicant_type"]
        for figure, counts in (
            ("received", received), ("carried", carried), ("still_open", still_open)
        ):  # fmt: skip
            if record[figure]:
                by_type = counts.setdefault(agency, {})
                by_type[kind] = by_type.get(kind, 0) + record[figure]
        if record["concluded"]:
            key = record["outcome"]
            if key not in outcome_keys:  # the 2019 format has one row for all of （六）
                key = key[:4]
            by_type = by_outcome.setdefault(agency, {}).setdefault(key, {})
            by_type[kind] = by_type.get(kind, 0) + record["concluded"]
    tables = {}
    for agency_id in agency_ids:
        rows = {
            "一": _row(received.get(agency_id, {})),
            "二": _row(carried.get(agency_id, {})),
            "四": _row(still_open.get(agency_id, {})),
        }
        outcomes = by_outcome.get(agency_id, {})
        for key in outcome_keys:
            rows[key] = _row(outcomes.get(key, {}))
        rows["三（七）"] = [sum(rows[key][c] for key in outcome_keys) for c in range(7)]
        tables[agency_id] = rows
    return tables


def table_three(agency, year: int, fmt: ReportFormat | None = None) -> dict[str, list[int]]:
    return tables_three([agency.pk], year, fmt)[agency.pk]


def tables_four(agency_ids: list[int], year: int) -> dict[int, list[int]]:
    end = date(year, 12, 31)
    tables = {agency_id: [0] * 15 for agency_id in agency_ids}
    appeals = Appeal.objects.filter(
        Q(filed_on__year=year) | Q(filed_on__lt=date(year, 1, 1), decided_on__year=year),
        application__agency_id__in=agency_ids,
    ).select_related("application")
    for appeal in appeals:
        cells = tables[appeal.application.agency_id]
        group = APPEAL_GROUPS.index(appeal.kind)
        cells[group * 5 + RESULTS.index(appeal.result_at(end))] += 1
        cells[group * 5 + 4] += 1
    return tables


def table_four(agency, year: int) -> list[int]:
    return tables_four([agency.pk], year)[agency.pk]


def application_tables(agency, year: int) -> ReportTables:
    return {"三": table_three(agency, year), "四": {"四": table_four(agency, year)}}


def documents_rows(agency_ids: list[int], year: int, kind: str) -> dict[int, list[int]]:
    """Table 二（一） for one document kind: 本年制发, 本年废止, 现行有效 (at 31 December),
    per agency, in one grouped query. Documents are dated by when they were made (成文日期,
    else the publication date); withdrawn publications are not counted (their publication
    was retracted)."""
    from gongkai.catalogue.models import InfoType, Item, Validity

    end = date(year, 12, 31)
    counts = (
        Item.objects.live()
        .filter(
            agency_id__in=agency_ids,
            document_kind=kind,
            info_type=InfoType.GOVERNMENT,  # 党务 and 村务 items are not the report's figures
        )
        .annotate(made_on=Coalesce("written_on", "published_on"))
        .values("agency_id")
        .annotate(
            made=Count("id", filter=Q(made_on__year=year)),
            repealed=Count(
                "id", filter=Q(validity=Validity.REPEALED, validity_changed_on__year=year)
            ),
            in_force=Count(
                "id",
                filter=Q(made_on__lte=end)
                & (Q(validity=Validity.VALID) | Q(validity_changed_on__gt=end)),
            ),
        )
        .order_by()
    )
    rows = {agency_id: [0, 0, 0] for agency_id in agency_ids}
    for r in counts:
        rows[r["agency_id"]] = [r["made"], r["repealed"], r["in_force"]]
    return rows


def tables_two(agency_ids: list[int], year: int) -> dict[int, dict[str, list]]:
    """（一） from the catalogue; （五）（六）（八） from the figures staff entered (blank when
    they have not: a blank is "not reported", never 0)."""
    from gongkai.catalogue.models import DocumentKind
    from gongkai.reports.models import YearFigures

    rules = documents_rows(agency_ids, year, DocumentKind.RULE)
    normative = documents_rows(agency_ids, year, DocumentKind.NORMATIVE)
    figures = {
        f.agency_id: f for f in YearFigures.objects.filter(agency_id__in=agency_ids, year=year)
    }
    tables = {}
    for agency_id in agency_ids:
        rows: dict[str, list] = {"规章": rules[agency_id], "行政规范性文件": normative[agency_id]}
        entered = figures.get(agency_id)
        if entered is None:
            rows.update(
                {key: [None] for key in ("行政许可", "行政处罚", "行政强制", "行政事业性收费")}
            )
        else:
            rows.update(
                {
                    "行政许可": [entered.licences],
                    "行政处罚": [entered.penalties],
                    "行政强制": [entered.enforcement],
                    "行政事业性收费": [_plain(entered.fee_amount)],
                }
            )
        tables[agency_id] = rows
    return tables


def table_two(agency, year: int) -> dict[str, list]:
    return tables_two([agency.pk], year)[agency.pk]


def report_tables(agency_ids: list[int], year: int) -> dict[int, ReportTables]:
    """Tables 二, 三 and 四 of every agency in `agency_ids`, in a handful of grouped queries."""
    two = tables_two(agency_ids, year)
    three = tables_three(agency_ids, year)
    four = tables_four(agency_ids, year)
    return {a: {"二": two[a], "三": three[a], "四": {"四": four[a]}} for a in agency_ids}


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
