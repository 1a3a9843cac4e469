"""The calendar in force: the built-in arrangements merged with the administrators' table."""

from __future__ import annotations

import threading
from dataclasses import dataclass
from functools import cache

from django.db import transaction
from django.db.models import Count, Max

from gongkai.core.audit import audit
from gongkai.core.models import CalendarDay, User
from gongkai.statute.workdays import Arrangement, WorkdayCalendar, builtin_arrangements

_cached: dict[tuple, WorkdayCalendar] = {}
_cache_lock = threading.Lock()


@cache
def _builtin() -> tuple[Arrangement, ...]:
    return tuple(builtin_arrangements())


def current_calendar() -> WorkdayCalendar:
    """The calendar with every administrator change so far; rebuilt only when the table
    changed (one small aggregate query per call, so every process sees an import at once)."""
    state = CalendarDay.objects.aggregate(rows=Count("id"), changed=Max("changed_at"))
    key = (state["rows"], state["changed"])
    calendar = _cached.get(key)
    if calendar is None:
        rows = [day.as_arrangement() for day in CalendarDay.objects.all()]
        calendar = WorkdayCalendar([*_builtin(), *rows])
        with _cache_lock:
            _cached.clear()
            _cached[key] = calendar
    return calendar


@dataclass(frozen=True)
class ImportResult:
    added: int
    changed: int
    unchanged: int
    years: tuple[int, ...]


def import_arrangements(
    rows: list[Arrangement], *, by: User | None, actor_label: str = "", file_name: str = ""
) -> ImportResult:
    """Store a validated arrangement file: new dates added, changed dates replaced, in one
    transaction with one audit entry."""
    added = changed = unchanged = 0
    with transaction.atomic():
        existing = {
            day.day: day
            for day in CalendarDay.objects.select_for_update().filter(
                day__in=[row.day for row in rows]
            )
        }
        new_days = []
        for row in rows:
            current = existing.get(row.day)
            if current is None:
                new_days.append(CalendarDay(day=row.day, kind=row.kind, source=row.source))
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
            added=added,
            changed=changed,
            unchanged=unchanged,
            years=list(years),
        )
    return ImportResult(added, changed, unchanged, years)
