"""The calendar in force: the built-in arrangements merged with the administrators' table, and
for an agency whose region has its own ethnic holidays (放假办法第四条) that region's rows."""

from __future__ import annotations

import threading
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from functools import cache

from django.db import connection, transaction
from django.db.models import Count, DateTimeField, IntegerField, Max
from django.db.models.expressions import RawSQL

from gongkai.core.audit import audit
from gongkai.core.models import CalendarDay, User
from gongkai.core.registry import Registry
from gongkai.statute.workdays import Arrangement, WorkdayCalendar, builtin_arrangements

_cached: dict[tuple, WorkdayCalendar] = {}
_cache_lock = threading.Lock()


@cache
def _builtin() -> tuple[Arrangement, ...]:
    return tuple(builtin_arrangements())


# Inside one_look() the table's state is read once, not once per call: a page that counts
# many periods (the 工作台, asking each application's declared steps) sees one calendar.
_looked: ContextVar[list | None] = ContextVar("calendar_state", default=None)


@contextmanager
def one_look():
    """One page's work: current_calendar() checks the table once within the block."""
    token = _looked.set([])
    try:
        yield
    finally:
        _looked.reset(token)


def state_columns() -> dict:
    """The table's state as two columns a page reads with its first query (annotate), so
    that one_look() costs no statement of its own (the 工作台's budget, issue 25); the same
    count and latest change _table_state() reads."""
    table = connection.ops.quote_name(CalendarDay._meta.db_table)
    return {
        "calendar_rows": RawSQL(f"SELECT COUNT(*) FROM {table}", (), output_field=IntegerField()),
        "calendar_changed": RawSQL(
            f"SELECT MAX(changed_at) FROM {table}", (), output_field=DateTimeField()
        ),
    }


def seen_state(row) -> None:
    """Inside one_look(), before the calendar is first asked for: the state `row` was read
    with (state_columns())."""
    looked = _looked.get()
    if looked is not None and not looked:
        looked.append((row.calendar_rows, row.calendar_changed))


def _table_state() -> tuple:
    looked = _looked.get()
    if looked:
        return looked[0]
    state = CalendarDay.objects.aggregate(rows=Count("id"), changed=Max("changed_at"))
    key = (state["rows"], state["changed"])
    if looked is not None:
        looked.append(key)
    return key


def current_calendar(region: str = "") -> WorkdayCalendar:
    """The calendar with every administrator change so far (national rows, plus `region`'s own
    holidays when one is given); rebuilt only when the table changed (one small aggregate
    query per call, so every process sees an import at once)."""
    key = _table_state()
    calendar = _cached.get((key, region))
    if calendar is None:
        national = [d.as_arrangement() for d in CalendarDay.objects.filter(region="")]
        regional = (
            [d.as_arrangement() for d in CalendarDay.objects.filter(region=region)]
            if region
            else []
        )
        calendar = WorkdayCalendar([*_builtin(), *national], regional=regional)
        with _cache_lock:
            for stale in [k for k in _cached if k[0] != key]:
                del _cached[stale]
            _cached[(key, region)] = calendar
    return calendar


def calendar_for(agency) -> WorkdayCalendar:
    """The calendar an agency counts its periods in: its region's, or the national one."""
    return current_calendar(getattr(agency, "holiday_region", "") or "")


def next_year_missing(today) -> int | None:
    """From 1 November the State Council's notice for next year is due (it is published each
    November); the year whose arrangement is still missing then, else None."""
    if today.month < 11:
        return None
    year = today.year + 1
    return None if current_calendar().is_arranged(year) else year


@dataclass(frozen=True)
class ImportResult:
    added: int
    changed: int
    unchanged: int
    years: tuple[int, ...]


def import_arrangements(
    rows: list[Arrangement],
    *,
    by: User | None,
    actor_label: str = "",
    file_name: str = "",
    region: str = "",
) -> ImportResult:
    """Store a validated arrangement file (national, or one region's own holidays): new dates
    added, changed dates replaced, in one transaction with one audit entry."""
    added = changed = unchanged = 0
    with transaction.atomic():
        existing = {
            day.day: day
            for day in CalendarDay.objects.select_for_update().filter(
                region=region, day__in=[row.day for row in rows]
            )
        }
        new_days = []
        for row in rows:
            current = existing.get(row.day)
            if current is None:
                new_days.append(
                    CalendarDay(day=row.day, kind=row.kind, source=row.source, region=region)
                )
                added += 1
            elif (current.kind, current.source) != (row.kind.value, row.source):
                current.kind, current.source = row.kind.value, row.source
                current.save(update_fields=["kind", "source", "changed_at"])
                changed += 1
            else:
                unchanged += 1
        CalendarDay.objects.bulk_create(new_days)
        years = tuple(sorted({row.day.year for row in rows}))
        audit(
            by,
            "calendar.arrangements.imported",
            actor_label=actor_label,
            file=file_name,
            region=region,
            added=added,
            changed=changed,
            unchanged=unchanged,
            years=list(years),
        )
    return ImportResult(added, changed, unchanged, years)


# What the apps above do once the calendar changed (the applications app recomputes the open
# deadlines): each `follow(today=...)` returns a sentence for the administrator, or "".
AFTER_IMPORT = Registry("what follows an administrator's change of the calendar")
after_import = AFTER_IMPORT.register


def follow_import(*, today) -> tuple[str, ...]:
    """Run what the apps above do after any import (the office page and the command alike)."""
    return tuple(sentence for follow in AFTER_IMPORT if (sentence := follow(today=today)))


@dataclass(frozen=True)
class Uploaded:
    result: ImportResult
    followed: tuple[str, ...]  # what the apps above did, each in a sentence


def upload_arrangements(
    agency, rows: list[Arrangement], *, by: User, today, file_name: str = "", region: str = ""
) -> Uploaded:
    """An administrator's upload of the CSV `gongkai workdays import` reads (日期,类型,依据),
    read whole by the step's form (core/calendar_steps.py) before anything is written: the
    declaration checked with the agency's row locked (only its 管理员 may change the
    calendar every period is counted in), stored with one audit entry; then the apps above
    recompute what they counted in the old calendar.

    A region's own holidays (放假办法第四条) only for the agency's own region."""
    from gongkai.core.calendar_steps import AgencyCalendar
    from gongkai.core.models import Agency
    from gongkai.core.steps import check
    from gongkai.core.transitions import TransitionError

    region = region.strip()
    with transaction.atomic():
        locked = Agency.objects.select_for_update().get(pk=agency.pk)
        check(AgencyCalendar(locked), "import", user=by, today=today)
        if region and region != locked.holiday_region:
            raise TransitionError(f"{locked.name}不属于“{region}”，不能导入该地区的节假日")
        result = import_arrangements(rows, by=by, file_name=file_name, region=region)
    return Uploaded(result, follow_import(today=today))


def missing_arrangement_lines(*, user, agencies, today, calendar):
    """工作台 (core/workbench.py): from 1 November, administrators see that next year's
    arrangement has not been imported (the State Council publishes it each November)."""
    from django.urls import reverse

    from gongkai.core.models import Role
    from gongkai.core.workbench import DueLine, Urgency

    year = next_year_missing(today)
    if year is None or not any(Role.ADMIN in roles for roles in agencies.values()):
        return []
    return [
        DueLine(
            Urgency.WAITING,
            "全国",
            "节假日安排",
            f"尚未导入{year}年节假日安排：国务院办公厅公布放假通知后请导入；导入前，"
            f"涉及{year}年的期限按法定节日计算并标为“暂定”",
            reverse("office:holidays"),
            None,
            frozenset({Role.ADMIN}),
        )
    ]
