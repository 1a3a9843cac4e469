"""The county's overview: for each agency under a county administrator (supervised_agencies),
its applications past their reply date, its items published late or still unpublished past
their limit (20 working days, 条例第二十六条, or their matter's shorter one), and where its
report on last year stands (条例第四十九条, reports.status) — a handful of grouped queries
for all the agencies together."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Q

from gongkai.applications.models import Application, Status
from gongkai.catalogue.models import Item, PublicationDues
from gongkai.core.models import Agency
from gongkai.core.workbench import Urgency, by_calendar
from gongkai.reports.status import ReportState, report_states
from gongkai.statute.deadlines import ClockState


@dataclass
class AgencyOverview:
    agency: Agency
    open_applications: int
    overdue_applications: int
    due_soon_applications: int
    unconfirmed: int
    unpublished_late: int  # not published and past the 20 working days today
    published_late: int  # published this year after the 20 working days
    report: ReportState
    replied_late: int = 0  # replies given this year after their due date (逾期答复)

    @property
    def attention(self) -> bool:
        return bool(
            self.overdue_applications
            or self.replied_late
            or self.unpublished_late
            or self.report.late
            or self.report.warning
        )


def _late_items(agencies, today: date, calendar) -> tuple[dict, dict]:
    """Per agency: unpublished items past their limit, and this year's items published
    late. Dates only (no model instances): each distinct formed_on and limit is summed once."""
    due = PublicationDues(calendar)  # catalogue.models.publication_due, the one rule
    unpublished: dict[int, int] = {}
    published: dict[int, int] = {}
    # migrated pages were published on the old site: their dates are not ours to time
    of_agencies = Item.objects.filter(agency__in=agencies, migrated_at__isnull=True)
    rows = of_agencies.unpublished() | of_agencies.published_in(today.year)
    for agency_id, formed, published_on, kind, days in rows.values_list(
        "agency_id", "formed_on", "published_on", *PublicationDues.LIMIT_FIELDS
    ):
        if published_on is None:
            if due(formed, kind, days) < today:
                unpublished[agency_id] = unpublished.get(agency_id, 0) + 1
        elif published_on > due(formed, kind, days):
            published[agency_id] = published.get(agency_id, 0) + 1
    return unpublished, published


def township_overview(agencies, *, today: date, calendar) -> list[AgencyOverview]:
    """Each agency counted in its own calendar (放假办法第四条: a region's own holidays), in
    the order given; `calendar` for those without a region of their own."""
    agencies = list(agencies)
    groups = by_calendar(dict.fromkeys(agencies), calendar)
    if len(groups) > 1:
        rows = {
            row.agency.pk: row
            for group, counted_in in groups
            for row in _overview(list(group), today=today, calendar=counted_in)
        }
        return [rows[agency.pk] for agency in agencies]
    return _overview(agencies, today=today, calendar=groups[0][1] if groups else calendar)


def _overview(agencies, *, today: date, calendar) -> list[AgencyOverview]:
    horizon = Urgency.horizon(today=today, calendar=calendar)  # as Urgency.of
    running = Q(status=Status.OPEN, clock_state=ClockState.RUNNING.name)
    # one grouped read: what is not concluded, and this year's replies given late
    # (条例第三十三条: a reply after its due date stays 逾期答复, recorded when it was given)
    not_concluded = ~Q(status=Status.CONCLUDED)
    replied_late = Q(concluded_on__year=today.year, late_workdays__gt=0)
    counts = {
        row["agency_id"]: row
        for row in Application.objects.filter(agency__in=agencies)
        .filter(not_concluded | replied_late)
        .values("agency_id")
        .annotate(
            open=Count("id", filter=not_concluded),
            overdue=Count("id", filter=running & Q(due_on__lt=today)),
            soon=Count("id", filter=running & Q(due_on__gte=today, due_on__lte=horizon)),
            unconfirmed=Count("id", filter=Q(status=Status.AWAITING_CONFIRMATION)),
            replied_late=Count("id", filter=replied_late),
        )
    }
    unpublished, published = _late_items(agencies, today, calendar)
    states = {s.agency.pk: s for s in report_states(agencies, today.year - 1, today)}
    empty = {"open": 0, "overdue": 0, "soon": 0, "unconfirmed": 0, "replied_late": 0}
    return [
        AgencyOverview(
            agency,
            (c := counts.get(agency.pk, empty))["open"],
            c["overdue"],
            c["soon"],
            c["unconfirmed"],
            unpublished.get(agency.pk, 0),
            published.get(agency.pk, 0),
            states[agency.pk],
            c["replied_late"],
        )
        for agency in agencies
    ]


@dataclass
class SubmissionCounts:
    """报送 → 采用 at a county's site for one year: rows per source agency and month, and
    each source's totals (what inspection notices quote: "乡镇报送583条，采用194条")."""

    year: int
    rows: list[dict]  # source, month, submitted, adopted, returned
    totals: list[dict]  # source, submitted, adopted, returned

    CSV_HEADER = ("报送单位", "月份", "报送", "采用", "退回")

    def csv_rows(self) -> list[list]:
        keys = ("submitted", "adopted", "returned")
        return [
            [r["source"], f"{self.year}年{r['month']}月", *(r[k] for k in keys)] for r in self.rows
        ]


def submission_counts(county: Agency, year: int) -> SubmissionCounts:
    """Counted from the steps' events at the county and its departments (forwarded ones
    included): one grouped query."""
    from gongkai.submissions.models import SubmissionEvent
    from gongkai.submissions.transitions import receivers_of

    rows = SubmissionEvent.objects.monthly_counts(receivers_of(county), year)
    totals: dict[str, dict] = {}
    for row in rows:
        total = totals.setdefault(
            row["source"], {"source": row["source"], "submitted": 0, "adopted": 0, "returned": 0}
        )
        for key in ("submitted", "adopted", "returned"):
            total[key] += row[key]
    return SubmissionCounts(year, rows, list(totals.values()))
