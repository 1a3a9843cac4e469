"""The staff 工作台: one list of what is due, gathered from every domain app.

Core knows no domain app (DESIGN.md layers), so each app registers a provider from its
AppConfig.ready(); the office page asks every provider and sorts the lines it gets. A
provider is a function

    provider(*, user, agencies, today, calendar) -> Iterable[DueLine]

where `agencies` are the agencies the user holds any role in (a dict agency -> set of roles),
`today` is the statutory date (Asia/Shanghai) and `calendar` the working-day calendar those
agencies count in: due_lines() asks each provider once per calendar among the user's agencies
(an agency whose region has its own holidays, 放假办法第四条, counts in its region's), so
every "due soon", "N working days left" and "overdue" a line says is the agency's own count.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from enum import IntEnum

from gongkai.core.registry import Registry

# "Due soon" is defined here once, for every line of every provider (issue 15).
DUE_SOON_WORKDAYS = 3


class Urgency(IntEnum):
    """Sort order of the 工作台, most urgent first."""

    OVERDUE = 0  # a statutory period has passed
    DUE_SOON = 1  # ends within DUE_SOON_WORKDAYS working days
    WAITING = 2  # waiting for this person's step (approval, confirmation) with no close limit
    NOTICE = 3  # worth knowing (a report deadline this month, a review date ahead)

    @staticmethod
    def horizon(*, today: date, calendar) -> date:
        """The last day that is "due soon": DUE_SOON_WORKDAYS working days after today (for
        queries that select what of() would call due soon)."""
        return calendar.add(today, DUE_SOON_WORKDAYS).date

    @classmethod
    def of(cls, due: date, *, today: date, calendar, otherwise: Urgency) -> Urgency:
        """The one definition of overdue and due soon, for the 工作台, the inbox and the
        overview: OVERDUE once `due` has passed, DUE_SOON when it falls within
        DUE_SOON_WORKDAYS working days, else `otherwise`."""
        if due < today:
            return cls.OVERDUE
        if due <= cls.horizon(today=today, calendar=calendar):
            return cls.DUE_SOON
        return otherwise


@dataclass(frozen=True, order=False)
class DueLine:
    urgency: Urgency
    agency_name: str
    kind: str  # a short Chinese heading for the group, e.g. "依申请公开", "保密审查"
    text: str  # one sentence for the clerk, e.g. "申请 2026-0012 已超期 2 个工作日"
    url: str  # the page where the step is taken
    due_on: date | None = None
    roles: frozenset[str] = field(default_factory=frozenset)  # who the line is for; empty: all

    def sort_key(self) -> tuple:
        return (int(self.urgency), self.due_on or date.max, self.agency_name, self.text)


Provider = Callable[..., Iterable[DueLine]]
PROVIDERS = Registry("lines of the 工作台")
register = PROVIDERS.register


def providers() -> list[Provider]:
    return list(PROVIDERS)


def by_calendar(agencies: dict, calendar) -> list[tuple[dict, object]]:
    """`agencies` split by the calendar each counts in: those without a region of their own
    with `calendar` (the national one, or the one a test chose), each region's with its own
    (放假办法第四条: a region's ethnic holidays are not working days there)."""
    from gongkai.core.calendar import current_calendar

    groups: dict[str, dict] = {}
    for agency, held in agencies.items():
        groups.setdefault(getattr(agency, "holiday_region", "") or "", {})[agency] = held
    return [
        (group, current_calendar(region) if region else calendar)
        for region, group in sorted(groups.items())
    ]


def due_lines(*, user, agencies, today: date, calendar) -> list[DueLine]:
    lines: list[DueLine] = []
    for group, counted_in in by_calendar(agencies, calendar):
        for provider in PROVIDERS:
            lines.extend(provider(user=user, agencies=group, today=today, calendar=counted_in))
    return sorted(lines, key=DueLine.sort_key)
