"""What is due and what is missing, per agency, from its 标准目录.

- a periodic matter (每月/每季度/…) whose latest ended period has nothing published after it:
  due, or overdue once the period's due date has passed;
- an event matter's unpublished items (drafts, under review) against the matter's limit;
- proactive matters with nothing published in the year.

A handful of grouped queries for any number of agencies; the dates are summed by
gongkai.statute.disclosure_limits on the working-day calendar."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from django.db.models import Count, F, FilteredRelation, Max, Q

from gongkai.catalogue.models import LISTED, DisclosureAttribute, Item
from gongkai.core.workbench import DUE_SOON_WORKDAYS
from gongkai.standards.models import Adoption, Manner, Matter
from gongkai.statute.disclosure_limits import (
    Standing,
    event_standing,
    periodic_standing,
)

FEW_AGENCIES = 3


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


def standings(agency_ids, *, today: date, calendar, keep_lines=True, with_pending=True):
    """{agency id: AgencyStanding} for every agency in `agency_ids`; `keep_lines` True, False
    or the ids of the agencies whose lines (and missing matters) are kept — the others get
    their counts only. `with_pending` False leaves out the event matters' unpublished items
    (the 工作台 has them from the catalogue's provider, one line per draft)."""
    agency_ids = list(agency_ids)

    def keeps(agency_id) -> bool:
        return keep_lines if isinstance(keep_lines, bool) else agency_id in keep_lines

    result = {
        a: AgencyStanding(a, lines=[] if keeps(a) else None, missing=[] if keeps(a) else None)
        for a in agency_ids
    }
    # each row of the agencies' 目录 with what was published under it there, in one statement;
    # for a few agencies (the 工作台's budget, issue 25) the matter's columns come with it,
    # each matter built once; a county's thousands of rows carry only the matter's id and the
    # few hundred matters are read once after (their columns on every row cost more)
    few = len(agency_ids) <= FEW_AGENCIES
    matter_fields = [f.attname for f in Matter._meta.concrete_fields] if few else ["id"]
    rows = (
        Adoption.objects.in_force()
        .filter(agency_id__in=agency_ids, matter__manner=Manner.PROACTIVE)
        .annotate(
            theirs=FilteredRelation(
                "matter__items",
                # the agencies named again on the items' side: the database then reads
                # those agencies' items once (by their index), not every agency's per matter
                condition=Q(
                    matter__items__agency=F("agency"),
                    matter__items__agency_id__in=agency_ids,
                    matter__items__status__in=LISTED,
                ),
            )
        )
        .annotate(
            last=Max("theirs__published_on"),
            this_year=Count("theirs", filter=Q(theirs__published_on__year=today.year)),
        )
        .order_by("agency_id", "matter__order", "matter_id")
        .values_list(
            "agency_id", "adopted_on", "last", "this_year", *(f"matter__{f}" for f in matter_fields)
        )
    )
    if not few:
        rows = list(rows)
        matters = Matter.objects.in_bulk({row[4] for row in rows})
    else:
        matters = {}
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
    period_cache: dict[tuple, object] = {}
    event_cache: dict[tuple, tuple] = {}
    limits: dict[int, object] = {}
    for agency_id, adopted_on, last, this_year, *matter_values in rows:
        matter = matters.get(matter_values[0])
        if matter is None:
            matter = matters[matter_values[0]] = Matter.from_db(
                Matter.objects.db, matter_fields, matter_values
            )
        agency = result[agency_id]
        agency.matters += 1
        if not this_year:
            agency.missing_this_year += 1
            if agency.missing is not None:
                agency.missing.append(matter)
        if matter.pk not in limits:
            limits[matter.pk] = matter.limit
        limit = limits[matter.pk]
        found: list[MatterDue] = []
        if limit.kind.periodic:
            key = (limit, last)
            standing = period_cache.get(key)
            if standing is None:
                standing = period_cache[key] = periodic_standing(
                    limit,
                    today=today,
                    last_published_on=last,
                    calendar=calendar,
                    soon_workdays=DUE_SOON_WORKDAYS,
                )
            # a period that ended before the agency adopted the matter asks nothing of it
            if standing.period_end >= adopted_on and standing.standing in (
                Standing.DUE,
                Standing.OVERDUE,
            ):
                verb = (
                    f"已超期{standing.late_by}个工作日"
                    if standing.standing is Standing.OVERDUE
                    else "即将到期"
                )
                found.append(
                    MatterDue(
                        agency_id,
                        matter,
                        standing.standing,
                        standing.due,
                        standing.late_by,
                        f"“{matter.level2}”{standing.period_label}的信息尚未公开，{verb}",
                    )
                )
        else:
            for pk, title, formed_on in pending.get((agency_id, matter.pk), ()):
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
                if standing in (Standing.DUE, Standing.OVERDUE):
                    verb = (
                        f"已超过“{limit.label}”{late_by}个工作日"
                        if standing is Standing.OVERDUE
                        else f"应在{limit.label}公开"
                    )
                    found.append(
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
        for line in found:
            if line.standing is Standing.OVERDUE:
                agency.overdue += 1
            else:
                agency.due += 1
            if agency.lines is not None:
                agency.lines.append(line)
    return result


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
