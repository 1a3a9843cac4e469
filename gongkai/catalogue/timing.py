"""Late publication recorded (条例第二十六条): each published item's working days past its due
date, kept in Item.late_workdays, so that a year's late items are read from a small index
(item_agency_maybe_late) instead of timing every item the agencies published that year.

What keeps the stored figures true:
- they are written when an item is published (catalogue.transitions) and by `gongkai
  time-publications` (time_publications below), each from the item's row locked;
- the database sets one back to NULL (not timed) when the item's dates, matter or agency
  change, its matter's 公开时限 or its agency's holiday region (catalogue.0024's triggers);
- a calendar that changes — a holiday notice imported, a release's built-in arrangements —
  changes WorkdayCalendar.digest(); a region's stored figures of a year are read only while
  its TimingBasis row holds the digest of the calendar in force (trusted()), and
  time_publications times that year again when it does not.

Readers treat NULL as "time it now", so an item no one has timed yet (imported, edited) is
never counted wrong, only counted more slowly."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from datetime import date
from typing import NamedTuple

from django.db import transaction
from django.db.models import Exists, Q, QuerySet
from django.utils import timezone

from gongkai.catalogue.models import LISTED, Item, TimingBasis, timeliness
from gongkai.core.calendar import calendar_for, current_calendar
from gongkai.core.models import Agency
from gongkai.statute.disclosure_limits import PublicationLimit
from gongkai.statute.workdays import WorkdayCalendar

BATCH = 5000


def late_workdays(
    formed_on: date, published_on: date, limit: PublicationLimit | None, calendar
) -> int:
    """Working days after the due date the item was published; 0 in time (Item.timeliness)."""
    return timeliness(formed_on, published_on, limit, calendar, today=published_on).late_by


def time_item(item: Item) -> None:
    """Set a published item's late_workdays (the caller saves it, its row locked); an item
    migrated from an old site was not published by us: not timed (Item.timeliness)."""
    if item.migrated_at is not None or item.published_on is None:
        item.late_workdays = None
        return
    limit = item.matter.limit if item.matter_id is not None else None
    item.late_workdays = late_workdays(
        item.formed_on, item.published_on, limit, calendar_for(item.agency)
    )


def timed_publications():
    """The items whose lateness is ours to time: published (listed), not migrated."""
    return Item.objects.filter(
        status__in=LISTED, migrated_at__isnull=True, published_on__isnull=False
    )


def trusted(region: str, year: int, calendar: WorkdayCalendar) -> Exists:
    """A condition true while the stored figures of `region`'s publications of `year` were
    timed in a calendar that counts that year and the one before as `calendar` does."""
    return Exists(
        TimingBasis.objects.filter(region=region, year=year, digest=calendar.digest(year))
    )


def time_publications(
    today: date, *, all_years: bool = False, say: Callable[[str], None] = print
) -> int:
    """What `gongkai time-publications` does: for each holiday region whose calendar no
    longer matches the basis `today.year`'s figures were timed in, time that year's
    publications again and record the new basis; then time every publication not timed
    yet — of `today.year` (the year the 工作台 reads), or of every year. Batch by batch,
    each committed: an interrupted run goes on where it stopped. Returns the items timed."""
    year = today.year
    regions = sorted({"", *Agency.objects.values_list("holiday_region", flat=True)})
    timed = 0
    for region in regions:
        calendar = current_calendar(region)
        digest = calendar.digest(year)
        basis = TimingBasis.objects.filter(region=region, year=year).first()
        if basis is not None and basis.digest == digest:
            continue
        # not read while it is being timed again: the readers time that year themselves
        TimingBasis.objects.filter(region=region, year=year).delete()
        agencies = list(Agency.objects.filter(holiday_region=region).values_list("pk", flat=True))
        again = _time(timed_publications().filter(agency__in=agencies, published_on__year=year))
        TimingBasis.objects.update_or_create(
            region=region, year=year, defaults={"digest": digest, "timed_at": timezone.now()}
        )
        say(f"{region or '全国'}：{year}年发布的 {again} 条信息按现行节假日安排重新计时")
        timed += again
    everyone = list(Agency.objects.values_list("pk", flat=True))
    untimed = timed_publications().filter(agency__in=everyone, late_workdays__isnull=True)
    if not all_years:
        untimed = untimed.filter(published_on__year=year)
    first = _time(untimed)
    say(f"尚未计时的 {first} 条信息已计时" + ("" if all_years else f"（{year}年发布）"))
    return timed + first


def _time(items) -> int:
    """Time `items` in batches by primary key. Their keys are read first, from an index of
    each agency's items by date (the caller names the agencies: a walk of the primary key
    in order read a province's every row to find none, 7.5 s at 6,000,000 items)."""
    done = 0
    keys = sorted(items.values_list("pk", flat=True))
    for start in range(0, len(keys), BATCH):
        with transaction.atomic():
            # the rows locked before their matters and regions are read: a change to a
            # matter's limit or an agency's region waits for this batch (its trigger then
            # sets what was timed back to NULL), or this batch waits for it and reads it;
            # one timed meanwhile (published, or by another run) is left as it was timed
            batch = list(
                items.filter(pk__in=keys[start : start + BATCH])
                .select_for_update(of=("self",))
                .values_list("pk", "agency_id", "matter_id", "formed_on", "published_on")
            )
            if not batch:
                continue
            regions = dict(
                Agency.objects.filter(pk__in={row[1] for row in batch}).values_list(
                    "pk", "holiday_region"
                )
            )
            matters = Item.matter.field.related_model.objects  # 标准目录 matters (standards)
            limits = {
                matter.pk: matter.limit
                for matter in matters.filter(pk__in={row[2] for row in batch} - {None})
            }
            calendars: dict[str, WorkdayCalendar] = {}
            found: dict[tuple, int] = {}
            by_value: dict[int, list[int]] = defaultdict(list)
            for pk, agency_id, matter_id, formed_on, published_on in batch:
                region = regions[agency_id]
                key = (region, matter_id, formed_on, published_on)
                if key not in found:
                    if region not in calendars:
                        calendars[region] = current_calendar(region)
                    found[key] = late_workdays(
                        formed_on, published_on, limits.get(matter_id), calendars[region]
                    )
                by_value[found[key]].append(pk)
            for value, pks in by_value.items():
                Item.objects.filter(pk__in=pks).update(late_workdays=value)
            done += len(batch)
    return done


def untimed_or_late() -> Q:
    """The rows item_agency_maybe_late holds (its condition, as a query must say it)."""
    return Q(migrated_at__isnull=True, published_on__isnull=False) & (
        Q(late_workdays__isnull=True) | Q(late_workdays__gt=0)
    )


class MaybeLate(NamedTuple):
    """`published` narrowed to what may have come out late, as three reads for a UNION (an OR
    of them is planned as one scan of every item)."""

    recorded: QuerySet  # recorded late at publication, in the calendar in force
    untimed: QuerySet  # not timed yet, and could be late
    live: QuerySet  # where the stored figures are not trusted: every one that could be late


def recorded_late(published, *, region: str, year: int, calendar) -> QuerySet:
    """Those of `published` (items of `region`'s agencies published in `year`) recorded late
    at publication, where the stored figures were timed in `calendar` (MaybeLate.recorded
    alone, for a reader that wants no more)."""
    return published.filter(untimed_or_late(), trusted(region, year, calendar), late_workdays__gt=0)


def maybe_late(published, *, region: str, year: int, calendar, could_be_late: Q) -> MaybeLate:
    """`published` (items of `region`'s agencies published in `year`) narrowed to those that
    may have come out late: where the stored figures were timed in `calendar`, the late ones
    and those not timed yet that `could_be_late`, from item_agency_maybe_late; elsewhere every
    one that `could_be_late` (migrated pages are not ours to time). Where the basis stands
    `live` returns no row, elsewhere the other two return none."""
    basis = trusted(region, year, calendar)
    return MaybeLate(
        recorded=recorded_late(published, region=region, year=year, calendar=calendar),
        untimed=published.filter(untimed_or_late(), basis, late_workdays__isnull=True).filter(
            could_be_late
        ),
        live=published.filter(~basis, migrated_at__isnull=True).filter(could_be_late),
    )
