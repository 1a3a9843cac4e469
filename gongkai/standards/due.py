"""What is due and what is missing, per agency, from its 标准目录.

- a periodic matter (每月/每季度/…) whose latest ended period has nothing published after it:
  due, or overdue once the period's due date has passed;
- an event matter's unpublished items (drafts, under review) against the matter's limit;
- proactive matters with nothing published in the year.

A handful of queries for any number of agencies, each row of a 目录 read by one index probe
(never all of an agency's items); the dates are summed by gongkai.statute.disclosure_limits
on the working-day calendar."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from django.db.models import OuterRef, Subquery

from gongkai.catalogue.models import DisclosureAttribute, Item
from gongkai.core.workbench import DUE_SOON_WORKDAYS
from gongkai.standards.models import Adoption, Manner, Matter
from gongkai.statute.disclosure_limits import (
    PublicationLimit,
    Standing,
    event_standing,
    periodic_standing,
)

FEW_AGENCIES = 3
MATTER_FIELDS = [f.attname for f in Matter._meta.concrete_fields]
# where Matter.limit reads its limit from, among MATTER_FIELDS
LIMIT_COLUMNS = [MATTER_FIELDS.index(name) for name in Matter.LIMIT_FIELDS]
DUE_OR_OVERDUE = (Standing.DUE, Standing.OVERDUE)


@dataclass(frozen=True)
class MatterDue:
    agency_id: int
    matter: Matter
    standing: Standing  # DUE or OVERDUE
    due: date
    late_by: int
    text: str
    item_id: int | None = None


@dataclass
class AgencyStanding:
    agency_id: int
    matters: int = 0
    due: int = 0
    overdue: int = 0
    missing_this_year: int = 0
    lines: list[MatterDue] | None = None
    missing: list[Matter] | None = None


def standings(
    agency_ids, *, today: date, calendar, keep_lines=True, with_pending=True, with_missing=True
):
    """{agency id: AgencyStanding} for every agency in `agency_ids`; `keep_lines` True, False
    or the ids of the agencies whose lines (and missing matters) are kept — the others get
    their counts only. `with_pending` False leaves out the event matters' unpublished items
    (the 工作台 has them from the catalogue's provider, one line per draft); `with_missing`
    False keeps the lines but only counts the matters missing this year (the 工作台 shows
    their number: a county department's 225 matters were made for it to show none)."""
    agency_ids = list(agency_ids)

    def keeps(agency_id) -> bool:
        return keep_lines if isinstance(keep_lines, bool) else agency_id in keep_lines

    result = {
        a: AgencyStanding(
            a,
            lines=[] if keeps(a) else None,
            missing=[] if keeps(a) and with_missing else None,
        )
        for a in agency_ids
    }
    # each row of the agencies' 目录 with the newest item listed under it there, in one
    # statement: per row one probe of item_agency_matter_newest (the newest entry of the
    # row's (agency, matter) range, LIMIT 1), so the pages read follow the rows of the 目录,
    # not the agency's items (issue 27: grouping them all read 8,091 pages for the largest
    # agency at 1,000,000 items). For a few agencies (the 工作台's budget, issue 25) the
    # matter's columns come with it, each matter built once; a county's thousands of rows
    # carry only the matter's id and the few hundred matters are read once after (their
    # columns on every row cost more)
    few = len(agency_ids) <= FEW_AGENCIES
    matter_fields = MATTER_FIELDS if few else ["id"]
    newest = (
        Item.objects.listed()
        .filter(
            agency_id=OuterRef("agency_id"),
            matter_id=OuterRef("matter_id"),
            # the index's own condition, as SQLite needs to see it to use the index
            published_on__isnull=False,
        )
        .order_by("-published_on")
        .values("published_on")[:1]
    )
    rows = (
        Adoption.objects.in_force()
        .filter(agency_id__in=agency_ids, matter__manner=Manner.PROACTIVE)
        .annotate(last=Subquery(newest))
        .order_by("agency_id", "matter__order", "matter_id")
        .values_list("agency_id", "adopted_on", "last", *(f"matter__{f}" for f in matter_fields))
    )
    rows = list(rows)
    # 本年度 follows from the newest date: something this year, or nothing since last year.
    # Only a row whose newest date lies past this year (an old site's mistyped date) asks
    # again, for anything within the year itself
    later = {(row[0], row[3]) for row in rows if row[2] is not None and row[2].year > today.year}
    this_year = _published_within(later, today.year) if later else set()
    # each matter's columns; a Matter is made only for a line or a missing matter kept (a
    # county's few hundred matters mostly only count: issue 27, making them all was a tenth
    # of the office 标准目录's Python)
    if few:
        columns = {row[3]: row[3:] for row in rows}
        rows = [row[:4] for row in rows]
    else:
        columns = _matter_columns({row[3] for row in rows})
    made: dict[int, Matter] = {}

    def matter_of(matter_id: int) -> Matter:
        matter = made.get(matter_id)
        if matter is None:
            matter = made[matter_id] = Matter.from_db(
                Matter.objects.db, MATTER_FIELDS, columns[matter_id]
            )
        return matter

    # each matter's limit, read as Matter.limit reads it (once per distinct limit), and
    # whether it is periodic
    distinct: dict[tuple, PublicationLimit] = {}
    limits = {}
    for matter_id, values in columns.items():
        key = tuple(values[i] for i in LIMIT_COLUMNS)
        limit = distinct.get(key)
        if limit is None:
            limit = distinct[key] = PublicationLimit.of(*key)
        limits[matter_id] = limit
    periodic = {matter_id for matter_id, limit in limits.items() if limit.kind.periodic}
    pending = defaultdict(list)
    if with_pending:
        for row in (
            Item.objects.unpublished()
            .filter(
                agency_id__in=agency_ids,
                matter__isnull=False,
                disclosure_attribute=DisclosureAttribute.PROACTIVE,
            )
            .values_list("agency_id", "matter_id", "pk", "title", "formed_on")
            .order_by()
        ):
            pending[(row[0], row[1])].append(row[2:])
    period_cache: dict[object, list] = {}
    # a periodic row's standing follows from its matter and its newest date alone: asked
    # once per distinct pair (a county's thousands of rows share a few hundred); False for
    # a pair that is neither due nor overdue
    period_of: dict[tuple, object] = {}
    event_cache: dict[tuple, tuple] = {}
    year = today.year
    # a county's thousands of rows are counted; only the kept agencies' lines are written
    for agency_id, adopted_on, last, matter_id in rows:
        agency = result[agency_id]
        agency.matters += 1
        if last is None or (last.year != year and (agency_id, matter_id) not in this_year):
            agency.missing_this_year += 1
            if agency.missing is not None:
                agency.missing.append(matter_of(matter_id))
        if matter_id in periodic:
            key = (matter_id, last)
            standing = period_of.get(key)
            if standing is None:
                standing = _period_standing(period_cache, limits[matter_id], last, today, calendar)
                if standing.standing not in DUE_OR_OVERDUE:
                    standing = False
                period_of[key] = standing
            # a period that ended before the agency adopted the matter asks nothing of it
            if standing is False or standing.period_end < adopted_on:
                continue
            if standing.standing is Standing.OVERDUE:
                agency.overdue += 1
                verb = f"已超期{standing.late_by}个工作日"
            else:
                agency.due += 1
                verb = "即将到期"
            if agency.lines is not None:
                matter = matter_of(matter_id)
                agency.lines.append(
                    MatterDue(
                        agency_id,
                        matter,
                        standing.standing,
                        standing.due,
                        standing.late_by,
                        f"“{matter.level2}”{standing.period_label}的信息尚未公开，{verb}",
                    )
                )
            continue
        limit = limits[matter_id]
        for pk, title, formed_on in pending.get((agency_id, matter_id), ()):
            key = (limit, formed_on)
            if key not in event_cache:
                event_cache[key] = event_standing(
                    limit,
                    formed_on=formed_on,
                    today=today,
                    calendar=calendar,
                    soon_workdays=DUE_SOON_WORKDAYS,
                )
            due, standing, late_by = event_cache[key]
            if standing not in DUE_OR_OVERDUE:
                continue
            if standing is Standing.OVERDUE:
                agency.overdue += 1
                verb = f"已超过“{limit.label}”{late_by}个工作日"
            else:
                agency.due += 1
                verb = f"应在{limit.label}公开"
            if agency.lines is not None:
                matter = matter_of(matter_id)
                agency.lines.append(
                    MatterDue(
                        agency_id,
                        matter,
                        standing,
                        due.date,
                        late_by,
                        f"“{title}”（{matter.level2}）尚未公开，{verb}",
                        pk,
                    )
                )
    return result


def _period_standing(cache: dict, limit, last: date | None, today: date, calendar):
    """periodic_standing for one row, asked once per limit and side: the latest period and
    its due date are the limit's, and whether it counts as published only grows with the
    date of the newest item — so a date at or before one found unpublished is unpublished,
    and one at or after a date found published is published (a county's thousands of rows
    have a few dozen limits and hundreds of distinct dates)."""
    known = cache.get(limit)
    if known is None:
        unpublished = periodic_standing(
            limit,
            today=today,
            last_published_on=None,
            calendar=calendar,
            soon_workdays=DUE_SOON_WORKDAYS,
        )
        # [the standing unpublished, the latest date found unpublished, the standing
        # published, the earliest date found published]
        known = cache[limit] = [unpublished, None, None, None]
    unpublished, before, published, after = known
    if last is None or (before is not None and last <= before):
        return unpublished
    if after is not None and last >= after:
        return published
    standing = periodic_standing(
        limit,
        today=today,
        last_published_on=last,
        calendar=calendar,
        soon_workdays=DUE_SOON_WORKDAYS,
    )
    if standing.standing is Standing.PUBLISHED:
        known[2], known[3] = standing, last
    else:
        known[1] = last
    return standing


def _matter_columns(matter_ids: set[int]) -> dict[int, tuple]:
    """{matter id: its MATTER_FIELDS' values}, in batches as in_bulk reads them."""
    from django.db import connections

    ids = list(matter_ids)
    batch = connections[Matter.objects.db].features.max_query_params or len(ids) or 1
    columns = {}
    for start in range(0, len(ids), batch):
        for values in (
            Matter.objects.filter(pk__in=ids[start : start + batch])
            .values_list(*MATTER_FIELDS)
            .order_by()
        ):
            columns[values[0]] = values
    return columns


def _published_within(pairs: set[tuple[int, int]], year: int) -> set[tuple[int, int]]:
    """The (agency, matter) pairs among `pairs` with an item listed in `year`."""
    agencies = {agency_id for agency_id, _ in pairs}
    matters = {matter_id for _, matter_id in pairs}
    found = set(
        Item.objects.published_in(year)
        .filter(agency_id__in=agencies, matter_id__in=matters)
        .values_list("agency_id", "matter_id")
        .distinct()
    )
    return found & pairs


def county_overview(agencies, *, today: date, calendar, counts=None) -> list[tuple]:
    """Per agency under a county: (agency, matters in its 目录, due, overdue, nothing this
    year) — the county overview's counts; `counts` when the page computed the standings of
    these agencies already (with its own)."""
    agencies = list(agencies)
    if counts is None:
        counts = standings(
            [a.pk for a in agencies], today=today, calendar=calendar, keep_lines=False
        )
    return [
        (
            a,
            counts[a.pk].matters,
            counts[a.pk].due,
            counts[a.pk].overdue,
            counts[a.pk].missing_this_year,
        )
        for a in agencies
    ]
