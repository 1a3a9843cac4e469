"""The county's overview: for each agency under a county administrator (supervised_agencies),
its applications past their reply date, its items published late or still unpublished past
their limit (20 working days, 条例第二十六条, or their matter's shorter one), and where its
report on last year stands (条例第四十九条, reports.status) — a handful of grouped queries
for all the agencies together."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from typing import NamedTuple

from django.db import connection
from django.db.models import (
    CharField,
    Count,
    DateField,
    DurationField,
    ExpressionWrapper,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.functions import Cast, Coalesce

from gongkai.applications.models import Application, Status
from gongkai.catalogue.models import Item, PublicationDues
from gongkai.catalogue.timing import maybe_late, recorded_late
from gongkai.core.calendar import current_calendar
from gongkai.core.compiled import compiled
from gongkai.core.models import Agency
from gongkai.core.workbench import Urgency, by_calendar, by_region, shared
from gongkai.reports.models import AnnualReport
from gongkai.reports.status import ReportState, report_states
from gongkai.reports.workbench import LAST_YEARS
from gongkai.standards.models import Matter
from gongkai.statute.deadlines import ClockState
from gongkai.statute.disclosure_limits import LimitKind
from gongkai.statute.periods import PROACTIVE_PUBLICATION


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


def item_dates(own, supervised, year: int, *, newest: int | None = None) -> list[dict]:
    """One read of item dates for the 工作台 (issue 25): `year`'s published items of the
    user's own agencies (the late-publication list) and of the supervised ones, and the
    supervised agencies' unpublished items (the overview). Plain values, with the matter's
    limit; migrated pages were published on the old site: their dates are not ours to time.

    Of the published, only those that could be late are read. Where the lateness stored at
    publication can be trusted (catalogue/timing.py: the region's calendar is the one they
    were timed in), those recorded late are counted per agency in the database — a row with
    no item (`pk` None) and the agency's `recorded_late` — and of the own agencies' only the
    `newest` most recently published are sent (all where None), with their titles and
    `stored_late`; those not timed yet come from the small index item_agency_maybe_late. A
    county of a 6,000,000-item province published about 60,000 items this year, 6,702 of
    them recorded late: sending them all cost more than the rest of the page's reads (issue
    27). Elsewhere every one that _could_be_late, from item_agency_newest alone. A row
    without `stored_late` is to be timed by the reader; the titles of those found late come
    after (with_titles).

    The read is built once for each shape and kept (_built): what it asks depends only on
    the agencies and their regions, the year, `newest` and the digest of each region's
    calendar, and building it took longer than running it (6.3 of 15.9 ms, issue 27)."""
    own = tuple(_Asked(agency.pk, agency.holiday_region or "") for agency in own)
    supervised = tuple(_Asked(agency.pk, agency.holiday_region or "") for agency in supervised)
    regions = {agency.holiday_region for agency in (*own, *supervised)}
    # each region's calendar as the stored figures are trusted under it (catalogue/timing.py);
    # one changed between this ask and _built's is read with its new digest: its figures are
    # then timed live, never counted wrong
    digests = tuple(sorted((region, current_calendar(region).digest(year)) for region in regions))
    read = _built(own, supervised, year, newest, digests)
    return list(read.all()) if read is not None else []  # no agencies


class _Asked(NamedTuple):
    """What item_dates() reads of an agency: the key its read is kept under."""

    pk: int
    holiday_region: str


@lru_cache(maxsize=64)
def _built(own, supervised, year: int, newest: int | None, digests) -> QuerySet | None:
    """item_dates()' read, unevaluated (a copy of it is run). `digests` is in the key only:
    the calendars are asked again below, as maybe_late() needs them."""
    fields = ("agency_id", "pk", "formed_on", "published_on", *LIMIT_FIELDS)
    published = Item.objects.published_in(year)
    own_ids = {agency.pk for agency in own}
    rows, counts = [], []
    for region, agencies in by_region([*own, *supervised]).items():
        ids = [agency.pk for agency in agencies]
        calendar = current_calendar(region)
        found = maybe_late(
            published.filter(agency__in=ids),
            region=region,
            year=year,
            calendar=calendar,
            could_be_late=_could_be_late(),
        )
        rows.append(found.untimed.values(*fields, **TO_TIME))
        rows.append(found.live.values(*fields, **TO_TIME))
        counts.append(
            found.recorded.order_by()
            .values("agency_id")
            .annotate(**NO_ITEM, recorded_late=Count("pk"))
        )
        for agency_id in (pk for pk in ids if pk in own_ids):
            # the late ones shown come with their titles, from their rows; an agency by
            # itself, its newest are the first entries of its range of the index, walked
            # backwards (two agencies together were sorted: 2,466 rows for the 20, issue 27;
            # with the region's list said too the planner thought it had few, and sorted)
            shown = recorded_late(
                published.filter(agency=agency_id), region=region, year=year, calendar=calendar
            ).values(*fields, stored_late=F("late_workdays"), **TITLES, recorded_late=NOT_STORED)
            if newest is not None and connection.features.supports_slicing_ordering_in_compound:
                # SQLite takes no LIMIT inside a UNION: it sends them all (one office's), and
                # the reader keeps the newest as it does the items it timed itself
                shown = shown.order_by("-published_on", "-pk")[:newest]
            rows.append(shown)
    if supervised:
        # apart, not OR'ed: an OR of the two reads one plan for both, a scan of every item
        rows.append(
            Item.objects.filter(
                agency__in=[agency.pk for agency in supervised], migrated_at__isnull=True
            )
            .unpublished()
            .values(*fields, **TO_TIME)
        )
    parts = rows + counts  # a row of items first: its columns name the union's
    return parts[0].union(*parts[1:], all=True) if parts else None


# NULLs cast to their column's type: PostgreSQL types a UNION's columns part after part, and
# two untyped NULLs make a text column no integer can join
NOT_STORED = Cast(Value(None), IntegerField())
TITLES = {"shown_title": F("title"), "shown_number": F("index_number")}
NO_TITLES = {name: Cast(Value(None), CharField()) for name in TITLES}
# a row to time, with neither title nor count
TO_TIME = {"stored_late": NOT_STORED, **NO_TITLES, "recorded_late": NOT_STORED}


def with_titles(rows: list[dict]) -> list[dict]:
    """`rows` of item_dates() with each item's title and 索引号: as read with them, else
    (an item timed on the page, not read with its title) by primary key — only for the rows
    a page shows (the items found late), never for every candidate."""
    missing = [row["pk"] for row in rows if row["shown_title"] is None]
    names = {}
    if missing:
        shown = Item.objects.filter(pk__in=missing).values_list("pk", "title", "index_number")
        names = {pk: (title, number) for pk, title, number in shown}
    for row in rows:
        row["title"], row["index_number"] = names.get(
            row["pk"], (row["shown_title"], row["shown_number"])
        )
    return rows


def _could_be_late() -> Q:
    """The published items surely_in_time() does not clear: more than the statute's 20 days
    after formed_on, or more than their matter's own number of days (or, under 实时, at all)
    after it; surely_in_time() and the calendar then decide."""
    if connection.vendor == "postgresql":
        own_days = F("formed_on") + ExpressionWrapper(
            F("matter__limit_days") * timedelta(days=1), output_field=DurationField()
        )
    else:  # SQLite multiplies no duration by a column: all after formed_on (one office's items)
        own_days = F("formed_on")
    statute = PROACTIVE_PUBLICATION.workdays
    return (
        Q(published_on__gt=F("formed_on") + timedelta(days=statute))
        | Q(matter__limit_kind=LimitKind.REALTIME, published_on__gt=F("formed_on"))
        # a matter's days count only when fewer than the statute's (every matter has a
        # number, 20 by default: at 4,000,000 items "has one" kept 26,348 rows of 40,316),
        # and not for a periodic matter, whose items the statute alone times
        | Q(
            matter__limit_days__lt=statute,
            matter__limit_kind__in=DAYS_AFTER_FORMING,
            published_on__gt=own_days,
        )
    )


# the limits counted in days after formed_on (surely_in_time: min(20, days))
DAYS_AFTER_FORMING = [
    kind for kind in LimitKind if not kind.periodic and kind is not LimitKind.REALTIME
]


# the matter's limit as Item.publication_due() reads it (Matter.limit)
LIMIT_FIELDS = tuple(f"matter__{name}" for name in Matter.LIMIT_FIELDS)
# an agency's count of those recorded late (item_dates): an item row's columns, NULL but the
# agency's and the count's, each of its column's type (NOT_STORED); a union's names are its
# first part's
NO_ITEM = {
    f"no_{name}": Cast(Value(None), kind())
    for name, kind in (
        ("pk", IntegerField),
        ("formed_on", DateField),
        ("published_on", DateField),
        ("limit_kind", CharField),  # LIMIT_FIELDS, in order
        ("limit_days", IntegerField),
        ("limit_on", CharField),
        ("limit_law", CharField),
        ("stored_late", IntegerField),
        ("shown_title", CharField),  # TITLES
        ("shown_number", CharField),
    )
}


def surely_in_time(kind: str | None, days: int | None) -> int:
    """Days after formed_on within which an item is in time whatever the calendar says, for a
    matter limit (kind, days): publication_due() is the 20th working day after (条例第二十六条)
    or the matter's own limit where shorter, and N working days (or N calendar days) after a
    day are never fewer than N days after it; 实时 allows none; a periodic matter's items
    are held to the 20 working days. A province's busy agency publishes thousands of items a
    year, nearly all within days: only the others are counted in working days."""
    statute = PROACTIVE_PUBLICATION.workdays
    if kind is None or LimitKind(kind).periodic:
        return statute
    if kind == LimitKind.REALTIME:
        return 0
    return min(statute, statute if days is None else days)


def _late_items(agencies, today: date, calendar, rows=None) -> tuple[dict, dict]:
    """Per agency: unpublished items past their limit, and this year's items published
    late. Dates only (no model instances): each distinct formed_on and limit is summed once.
    `rows`: item_dates() read by the caller (those of `agencies` are counted)."""
    due = PublicationDues(calendar)  # catalogue.models.publication_due, the one rule
    unpublished: dict[int, int] = {}
    published: dict[int, int] = {}
    if rows is None:
        rows = item_dates((), agencies, today.year)
    wanted = {agency.pk for agency in agencies}
    kind_field, days_field = PublicationDues.LIMIT_FIELDS
    floors: dict[tuple, int] = {}
    for row in rows:
        agency_id, formed, published_on = row["agency_id"], row["formed_on"], row["published_on"]
        if agency_id not in wanted:
            continue
        if row["recorded_late"] is not None:  # the agency's count of those recorded late
            published[agency_id] = published.get(agency_id, 0) + row["recorded_late"]
            continue
        if row["stored_late"] is not None:  # one of them, sent to be shown: counted above
            continue
        kind, days = row[kind_field], row[days_field]
        floor = floors.get((kind, days))
        if floor is None:
            floor = floors[kind, days] = surely_in_time(kind, days)
        if ((published_on or today) - formed).days <= floor:
            continue  # in time (or not yet late) on any calendar
        if published_on is None:
            if due(formed, kind, days) < today:
                unpublished[agency_id] = unpublished.get(agency_id, 0) + 1
        elif published_on > due(formed, kind, days):
            published[agency_id] = published.get(agency_id, 0) + 1
    return unpublished, published


def _counts(**conditions) -> dict:
    """Per supervised agency, its applications counted under each condition (subqueries of
    the agencies' own read: no statement of their own)."""
    return {
        f"counted_{name}": Coalesce(
            Subquery(
                Application.objects.filter(condition, agency=OuterRef("pk"))
                .order_by()
                .values("agency")
                .annotate(n=Count("pk"))
                .values("n")[:1]
            ),
            0,
        )
        for name, condition in conditions.items()
    }


@lru_cache(maxsize=8)
def _counted(today: date, horizon: date) -> Mapping:
    """_counts() of _application_conditions(), compiled once a day (core/compiled.py): the
    five subqueries took the page longer to build than the database took to count them."""
    return compiled(Agency, **_counts(**_application_conditions(today, horizon)))


def _application_conditions(today: date, horizon: date) -> dict:
    running = Q(status=Status.OPEN, clock_state=ClockState.RUNNING.name)
    return {
        # what is not concluded, and this year's replies given late (条例第三十三条: a reply
        # after its due date stays 逾期答复, recorded when it was given)
        "open": ~Q(status=Status.CONCLUDED),
        "overdue": running & Q(due_on__lt=today),
        "soon": running & Q(due_on__gte=today, due_on__lte=horizon),
        "unconfirmed": Q(status=Status.AWAITING_CONFIRMATION),
        "replied_late": Q(concluded_on__year=today.year, late_workdays__gt=0),
    }


def supervised_with_counts(user, *, today: date, calendar) -> list[Agency]:
    """supervised_agencies(user) with their parent and their applications counted, in one
    statement (issue 25); "due soon" as `calendar` counts it — an agency with a region of
    its own holidays is counted again in its own (township_overview)."""
    from gongkai.office.access import supervised_agencies

    horizon = Urgency.horizon(today=today, calendar=calendar)
    counted = _counted(today, horizon)
    agencies = list(supervised_agencies(user).select_related("parent").annotate(**counted))
    # the conditions' names, from the kept columns (not the conditions built again per agency)
    names = [column.removeprefix("counted_") for column in counted]
    for agency in agencies:
        agency.counted_to = horizon
        agency.application_counts = {name: getattr(agency, f"counted_{name}") for name in names}
    return agencies


def township_overview(agencies, *, today: date, calendar, items=None) -> list[AgencyOverview]:
    """Each agency counted in its own calendar (放假办法第四条: a region's own holidays), in
    the order given; `calendar` for those without a region of their own. `items`: their
    item_dates(), read by the caller with its own. Their reports on last year come from the
    工作台's reports provider when it read them (core.workbench.offer)."""
    agencies = list(agencies)
    year = today.year - 1
    reports = shared(
        LAST_YEARS,
        agencies,
        lambda: list(
            AnnualReport.objects.filter(agency__in=agencies, year=year).select_related(
                "agency", "item"
            )
        ),
    )
    if items is None:
        items = item_dates((), agencies, today.year)
    rows = {
        row.agency.pk: row
        for group, counted_in in by_calendar(dict.fromkeys(agencies), calendar)
        for row in _overview(list(group), today=today, calendar=counted_in, items=items,
                             reports=reports)
    }  # fmt: skip
    return [rows[agency.pk] for agency in agencies]


def _overview(agencies, *, today: date, calendar, items, reports) -> list[AgencyOverview]:
    horizon = Urgency.horizon(today=today, calendar=calendar)  # as Urgency.of
    if all(getattr(agency, "counted_to", None) == horizon for agency in agencies):
        # read with the agencies (supervised_with_counts), in this calendar
        counts = {agency.pk: agency.application_counts for agency in agencies}
    else:
        conditions = _application_conditions(today, horizon)
        counts = {
            row["agency_id"]: row
            for row in Application.objects.filter(agency__in=agencies)
            .filter(conditions["open"] | conditions["replied_late"])
            .values("agency_id")
            .annotate(**{name: Count("id", filter=q) for name, q in conditions.items()})
        }
    unpublished, published = _late_items(agencies, today, calendar, items)
    states = {s.agency.pk: s for s in report_states(agencies, today.year - 1, today, rows=reports)}
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
