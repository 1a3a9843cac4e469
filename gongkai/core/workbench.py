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

Three ways a read needs no statement of its own: a value per agency comes with the page's
memberships (`register_columns`, `column`); a provider reading a table another asker needs
too reads the other's rows in its statement and hands them over (`unread`, `offer`); and on
a county administrator's page the overview's rows ride on the providers' (`supervised`,
`wanted_for_overview`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from datetime import date
from enum import IntEnum
from functools import lru_cache

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

# A provider needing one value per agency (e.g. the state of a yearly report) registers
# `columns(today) -> {name: expression over OuterRef("agency")}`: the page reads them as
# columns of its memberships (no statement of their own) and providers ask column().
COLUMNS = Registry("per-agency values read with the 工作台's memberships")
register_columns = COLUMNS.register


@lru_cache(maxsize=4)
def membership_columns(today: date) -> Mapping:
    """Every registered column, for the page's read of the user's memberships: compiled once
    a day (core/compiled.py; they depend on the day alone, and were most of the time the
    page took to build its first statement)."""
    from gongkai.core.compiled import compiled
    from gongkai.core.models import Membership

    columns: dict = {}
    for columns_of in COLUMNS:
        columns.update(columns_of(today))
    return compiled(Membership, **columns)


def path_for(viewname: str) -> Callable[[object], str]:
    """reverse(viewname, args=[pk]) for the many lines of one page: the URL resolver walked
    once (a page of a busy agency links a hundred items), each line's pk put in its place."""
    from django.urls import reverse

    placeholder = 918273645  # an id no row has before the others; only digits match <int:pk>
    pattern = reverse(viewname, args=[placeholder]).replace("{", "{{").replace("}", "}}")
    return pattern.replace(str(placeholder), "{}", 1).format


def providers() -> list[Provider]:
    return list(PROVIDERS)


def by_calendar(agencies: dict, calendar) -> list[tuple[dict, object]]:
    """`agencies` split by the calendar each counts in: those without a region of their own
    with `calendar` (the national one, or the one a test chose), each region's with its own
    (放假办法第四条: a region's ethnic holidays are not working days there)."""
    from gongkai.core.calendar import current_calendar

    return [
        (
            {agency: agencies[agency] for agency in group},
            current_calendar(region) if region else calendar,
        )
        for region, group in sorted(by_region(agencies).items())
    ]


def by_region(agencies) -> dict[str, list]:
    """`agencies` by holiday region (放假办法第四条; "" national), each once, in order."""
    groups: dict[str, dict] = {}
    for agency in agencies:
        groups.setdefault(getattr(agency, "holiday_region", "") or "", {})[agency] = None
    return {region: list(group) for region, group in groups.items()}


@dataclass
class Desk:
    """One request's 工作台: who asks, for which agencies (agency -> roles held there), on
    which day and calendar, and the reads its providers share."""

    user: object
    agencies: dict
    today: date
    calendar: object
    # the agencies the page overviews for a county administrator (office/overview.py): a
    # provider reading the same table reads theirs with its own rows and offers them
    supervised: list = field(default_factory=list)
    # name -> {agency pk: value}, read with the memberships (membership_columns)
    columns: dict = field(default_factory=dict)
    reads: dict = field(default_factory=dict)

    def shared(self, key, read: Callable[[], object]):
        if key not in self.reads:
            self.reads[key] = read()
        return self.reads[key]


_desk: ContextVar[Desk | None] = ContextVar("workbench_desk", default=None)


@contextmanager
def at_desk(
    *, user, agencies, today: date, calendar, supervised=(), columns=None
) -> Iterator[Desk]:
    """The request's desk: within the block, shared() reads each named read once."""
    desk = Desk(user, agencies, today, calendar, list(supervised), columns or {})
    token = _desk.set(desk)
    try:
        yield desk
    finally:
        _desk.reset(token)


def current_desk() -> Desk | None:
    return _desk.get()


def _key(name: str, agencies) -> tuple:
    return (name, tuple(sorted(getattr(a, "pk", a) for a in agencies)))


def shared(name: str, agencies, read: Callable[[], object]):
    """`read()` once per request for every asker of `name` over the same `agencies` (a
    provider is asked once per calendar group: each group is its own key)."""
    desk = _desk.get()
    if desk is None:
        return read()
    return desk.shared(_key(name, agencies), read)


def column(name: str, agencies, read: Callable[[], dict]) -> dict:
    """{agency pk: value} of a registered column for `agencies`: as read with the page's
    memberships, else by `read()` (outside a desk, or a desk opened without them)."""
    desk = _desk.get()
    if desk is None or name not in desk.columns:
        return read()
    known = desk.columns[name]
    return {agency.pk: known[agency.pk] for agency in agencies}


def unread(name: str, agencies) -> bool:
    """Within a desk, whether no one has read (or offered) `name` over `agencies` yet: a
    provider may then read those rows with its own and offer() them."""
    desk = _desk.get()
    return desk is not None and _key(name, agencies) not in desk.reads


def wanted_for_overview(name: str) -> list:
    """The supervised agencies whose `name` rows the overview will ask shared() for, when
    no provider has offered them yet: the asker reads them with its own rows (one statement
    for both) and hands them over with offer(). Empty outside a desk or without an overview."""
    desk = _desk.get()
    if desk is None or not desk.supervised or not unread(name, desk.supervised):
        return []
    return desk.supervised


def offer(name: str, agencies, rows) -> None:
    """Rows of `name` over `agencies` read by a provider with its own, for the next asker."""
    desk = _desk.get()
    if desk is not None:
        desk.reads.setdefault(_key(name, agencies), rows)


def due_lines(*, user, agencies, today: date, calendar) -> list[DueLine]:
    """Every provider's lines, most urgent first, within the request's desk (the page opens
    it first, naming the agencies it overviews; else one is opened here)."""
    desk = _desk.get()
    if desk is None or desk.user is not user:
        with at_desk(user=user, agencies=agencies, today=today, calendar=calendar):
            return due_lines(user=user, agencies=agencies, today=today, calendar=calendar)
    lines: list[DueLine] = []
    for group, counted_in in by_calendar(agencies, calendar):
        for provider in PROVIDERS:
            lines.extend(provider(user=user, agencies=group, today=today, calendar=counted_in))
    return sorted(lines, key=DueLine.sort_key)


# Lines that send the clerk to one page (the 标准目录 page's overdue matters, a column of
# self-check findings): past this many, the page shows the most urgent and one line for the
# rest — the page they link to lists them all, and a wall of forty alike buries the others
MAX_ALIKE = 8


def folded(lines: list[DueLine], *, keep: int = MAX_ALIKE) -> list[DueLine]:
    """`lines` (sorted) with each group sharing an agency, a heading and a page cut to its
    `keep` most urgent and one line counting the others, linked to that page (a group of
    keep + 1 stays whole: one line for one would say no less)."""
    groups: dict[tuple, list[DueLine]] = {}
    for line in lines:
        groups.setdefault((line.agency_name, line.kind, line.url), []).append(line)
    folded_away: dict[int, DueLine] = {}  # id of the first line folded -> the line instead
    dropped: set[int] = set()
    for group in groups.values():
        if len(group) <= keep + 1:
            continue
        rest = group[keep:]
        overdue = sum(1 for line in rest if line.urgency is Urgency.OVERDUE)
        first = rest[0]
        folded_away[id(first)] = DueLine(
            first.urgency,
            first.agency_name,
            first.kind,
            f"另有{len(rest)}条{first.kind}事项"
            + (f"（其中已逾期{overdue}条）" if overdue else "")
            + "，点击查看全部",
            first.url,
            first.due_on,
            # for whom any of them is (empty: everyone)
            frozenset()
            if any(not line.roles for line in rest)
            else frozenset().union(*(line.roles for line in rest)),
        )
        dropped.update(id(line) for line in rest)
    return [
        folded_away.get(id(line), line)
        for line in lines
        if id(line) not in dropped or id(line) in folded_away
    ]
