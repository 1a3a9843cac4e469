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

The page has a statement budget (issue 25: at most 15 for any role), so providers do not each
read what another has read already. due_lines() opens a Desk for the request: the user, every
agency they hold a role in, today and the calendar, and a memo of shared reads. A provider
asks `shared(name, agencies, read)` for a read that another provider (or the page itself)
needs too — the first asker runs `read()`, the others get its rows — and reads what only it
needs in one query per app (its lines' counts aggregated, not one query per line). Outside a
desk (a provider called on its own, in a test or a command) `shared` simply reads.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
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


@dataclass
class Desk:
    """One request's 工作台: who asks, for which agencies (agency -> roles held there), on
    which day and calendar, and the reads its providers share."""

    user: object
    agencies: dict
    today: date
    calendar: object
    reads: dict = field(default_factory=dict)

    def shared(self, key, read: Callable[[], object]):
        if key not in self.reads:
            self.reads[key] = read()
        return self.reads[key]


_desk: ContextVar[Desk | None] = ContextVar("workbench_desk", default=None)


@contextmanager
def at_desk(*, user, agencies, today: date, calendar) -> Iterator[Desk]:
    """The request's desk: within the block, shared() reads each named read once."""
    desk = Desk(user, agencies, today, calendar)
    token = _desk.set(desk)
    try:
        yield desk
    finally:
        _desk.reset(token)


def current_desk() -> Desk | None:
    return _desk.get()


def shared(name: str, agencies, read: Callable[[], object]):
    """`read()` once per request for every asker of `name` over the same `agencies` (a
    provider is asked once per calendar group: each group is its own key)."""
    desk = _desk.get()
    if desk is None:
        return read()
    return desk.shared((name, tuple(sorted(getattr(a, "pk", a) for a in agencies))), read)


def due_lines(*, user, agencies, today: date, calendar) -> list[DueLine]:
    desk = _desk.get()
    if desk is None or desk.user is not user:
        with at_desk(user=user, agencies=agencies, today=today, calendar=calendar):
            return due_lines(user=user, agencies=agencies, today=today, calendar=calendar)
    lines: list[DueLine] = []
    for group, counted_in in by_calendar(agencies, calendar):
        for provider in PROVIDERS:
            lines.extend(provider(user=user, agencies=group, today=today, calendar=counted_in))
    return sorted(lines, key=DueLine.sort_key)
