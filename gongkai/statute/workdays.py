"""The working-day calendar (工作日) that every statutory period is counted in.

A working day is a Monday–Friday that is not a statutory holiday, plus each weekend day the
State Council's yearly notice designates as a working day (调休上班) — 《全国年节及纪念日放假办法》
and the notice for each year. Periods count the start day as day 0 and end on the N-th working
day after it (条例 Arts. 30–33; see spec/workdays.md).

The State Council publishes a year's arrangement each November, so some deadlines fall in a
year the calendar does not know yet. Such a year is counted with the days the law itself fixes
(放假办法第二条: 元旦, 春节 除夕–初三, 清明, 劳动节 5/1–5/2, 端午, 中秋, 国庆 10/1–10/3), one 补假
weekday for each that falls on a weekend (第六条) and no guessed 调休 (第七条: it nets to zero);
every answer that depends on such a year is marked provisional until its arrangement is
imported (spec/workdays.md, corrected December 2026).

Answers take constant time: ranks of working days are precomputed over a span of years that
grows on demand.
"""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum
from typing import NamedTuple

# A notice moves weekend work days next to a holiday and gives the weekdays between off, so a
# period counted on the law's days alone can end earlier than the notice will make it end. The
# longest run of weekdays off one notice has brought since the 2024 amendment: 春节 2025
# (1/28–2/4) and 2026 (2/16–2/20, 2/23), 6 each. A period that runs against the applicant
# waits this much longer while its end depends on a year not yet arranged (spec/workdays.md).
LONGEST_NOTICE_BLOCK_WORKDAYS = 6

# Longest period any caller may ask for: the statutory ones are at most a few dozen working
# days; the cap keeps a typo from building centuries of tables.
MAX_PERIOD_WORKDAYS = 10_000


class DayKind(StrEnum):
    HOLIDAY = "放假"
    WORKDAY = "上班"


@dataclass(frozen=True)
class Arrangement:
    """One date of a State Council arrangement: a weekday off, or a weekend day at work."""

    day: date
    kind: DayKind
    source: str = ""

    @property
    def contradicts_weekday(self) -> bool:
        """A 放假 on a weekend or a 上班 on a weekday changes nothing and is a data error."""
        weekend = self.day.weekday() >= 5
        return weekend if self.kind is DayKind.HOLIDAY else not weekend


class WorkdayDate(NamedTuple):
    date: date
    provisional: bool


class WorkdayCount(NamedTuple):
    days: int
    provisional: bool


class _Span(NamedTuple):
    first_ordinal: int
    rank: list[int]  # rank[i]: working days in [first day, first day + i]
    workdays: list[int]  # ordinals of working days, in order

    def covers(self, ordinal: int) -> bool:
        return 0 <= ordinal - self.first_ordinal < len(self.rank)


class WorkdayCalendar:
    """Answers "is D a working day", "the N-th working day after D", "working days from A to B".

    `arrangements` may hold one date more than once; the later row wins, so an administrator's
    table given after the built-in data corrects it. `regional` are a region's own holidays
    (放假办法第四条: 少数民族习惯的节日, fixed by the local government); they apply on top of the
    national calendar and do not make a year "arranged" — only the State Council's notice does.
    """

    def __init__(
        self, arrangements: Iterable[Arrangement] = (), *, regional: Iterable[Arrangement] = ()
    ):
        kinds: dict[date, DayKind] = {}
        for arrangement in arrangements:
            _require_plain_date(arrangement.day)
            kinds[arrangement.day] = arrangement.kind
        self.arranged_years = frozenset(d.year for d in kinds)
        for arrangement in regional:
            _require_plain_date(arrangement.day)
            kinds[arrangement.day] = arrangement.kind
        self._holidays = frozenset(d for d, k in kinds.items() if k is DayKind.HOLIDAY)
        self._makeup_workdays = frozenset(d for d, k in kinds.items() if k is DayKind.WORKDAY)
        self._law_days: dict[int, frozenset[date]] = {}
        self._digests: dict[int, str] = {}
        self._lock = threading.Lock()
        # Any start works (the span grows on demand); the arranged years are the likely queries.
        years = self.arranged_years or {2025}
        self._span = self._build_span(min(years) - 1, max(years) + 2)

    def is_arranged(self, year: int) -> bool:
        return year in self.arranged_years

    def digest(self, year: int) -> str:
        """A fingerprint of how this calendar counts `year` and the year before: which days
        are working days, and whether each year is arranged. A publication of `year` formed
        within those two years is timed alike by any two calendars with the same digest
        (one formed earlier is late whatever the calendar says)."""
        found = self._digests.get(year)
        if found is None:
            kinds = []
            for each in (year - 1, year):
                day, last = date(each, 1, 1), date(each, 12, 31)
                kinds.append("A" if self.is_arranged(each) else "P")
                while day <= last:
                    kinds.append("1" if self.is_workday(day) else "0")
                    day += timedelta(days=1)
            found = self._digests[year] = hashlib.sha256("".join(kinds).encode()).hexdigest()
        return found

    def is_workday(self, day: date) -> bool:
        _require_plain_date(day)
        if day in self._makeup_workdays:
            return True
        if day.weekday() >= 5 or day in self._holidays:
            return False
        if day.year in self.arranged_years:
            return True
        return day not in self._law_days_of(day.year)

    def _law_days_of(self, year: int) -> frozenset[date]:
        days = self._law_days.get(year)
        if days is None:
            days = frozenset(law_days_off(year))
            self._law_days[year] = days
        return days

    def latest_plausible_add(self, start: date, workdays: int) -> WorkdayDate:
        """The latest day a period that runs against the applicant could lawfully end.

        While its end depends on a year not yet arranged, the notice may still give a block of
        weekdays off inside it; 视为放弃 and "period over" wait for the provisional count plus
        the longest block a notice has brought (spec/workdays.md). Once the year is arranged
        this is `add` itself."""
        answer = self.add(start, workdays)
        if not answer.provisional:
            return answer
        return WorkdayDate(self.add(answer.date, LONGEST_NOTICE_BLOCK_WORKDAYS).date, True)

    def add(self, start: date, workdays: int) -> WorkdayDate:
        """The `workdays`-th working day after `start` (start is day 0)."""
        _require_plain_date(start)
        if not 0 <= workdays <= MAX_PERIOD_WORKDAYS:
            raise ValueError(f"工作日数须在 0 到 {MAX_PERIOD_WORKDAYS} 之间：{workdays}")
        if workdays == 0:
            return WorkdayDate(start, False)
        span = self._span_covering(start.toordinal())
        target = span.rank[start.toordinal() - span.first_ordinal] + workdays
        while target > len(span.workdays):
            span = self._span_covering(span.first_ordinal + len(span.rank) + 366)
        due = date.fromordinal(span.workdays[target - 1])
        return WorkdayDate(due, self._depends_on_unarranged(start, due))

    def between(self, start: date, end: date) -> WorkdayCount:
        """Working days after `start` up to and including `end`; negative when end < start."""
        _require_plain_date(start)
        _require_plain_date(end)
        if end < start:
            days, provisional = self.between(end, start)
            return WorkdayCount(-days, provisional)
        self._span_covering(start.toordinal())
        span = self._span_covering(end.toordinal())
        days = (
            span.rank[end.toordinal() - span.first_ordinal]
            - span.rank[start.toordinal() - span.first_ordinal]
        )
        return WorkdayCount(days, self._depends_on_unarranged(start, end))

    def _depends_on_unarranged(self, start: date, end: date) -> bool:
        """Whether a day in (start, end] lies in a year without an arrangement."""
        if end <= start:
            return False
        first_year = (start + timedelta(days=1)).year
        if first_year == end.year:  # the usual case, asked thousands of times in a sweep
            return first_year not in self.arranged_years
        return any(year not in self.arranged_years for year in range(first_year, end.year + 1))

    def _span_covering(self, ordinal: int) -> _Span:
        span = self._span
        if span.covers(ordinal):
            return span
        with self._lock:
            span = self._span
            if not span.covers(ordinal):
                first_year = date.fromordinal(span.first_ordinal).year
                last_year = date.fromordinal(span.first_ordinal + len(span.rank) - 1).year
                wanted_year = date.fromordinal(ordinal).year
                span = self._build_span(min(first_year, wanted_year), max(last_year, wanted_year))
                self._span = span
            return span

    def _build_span(self, first_year: int, last_year: int) -> _Span:
        first = date(first_year, 1, 1)
        last = date(last_year, 12, 31)
        rank: list[int] = []
        workdays: list[int] = []
        day = first
        one_day = timedelta(days=1)
        while day <= last:
            if self.is_workday(day):
                workdays.append(day.toordinal())
            rank.append(len(workdays))
            day += one_day
        return _Span(first.toordinal(), rank, workdays)


def statutory_days(year: int) -> list[tuple[date, str]]:
    """The 13 days of 《全国年节及纪念日放假办法》第二条 (as amended 2024, in force 2025) in
    `year`, each with its holiday's name, in date order.

    春节 (除夕 to 初三), 端午 and 中秋 come from the lunar calendar and 清明 from its solar term,
    both computed by lunar-python (astronomical, any year) rather than a hand-made table."""
    from lunar_python import Lunar, Solar

    def lunar(month: int, day: int) -> date:
        solar = Lunar.fromYmd(year, month, day).getSolar()
        return date(solar.getYear(), solar.getMonth(), solar.getDay())

    first_of_year = lunar(1, 1)
    qingming_solar = Solar.fromYmd(year, 4, 15).getLunar().getJieQiTable()["清明"]
    qingming = date(qingming_solar.getYear(), qingming_solar.getMonth(), qingming_solar.getDay())
    if qingming.year != year or qingming.month != 4:
        raise ValueError(f"{year} 年清明日期计算有误：{qingming}")
    named = [
        (date(year, 1, 1), "元旦"),
        *((first_of_year + timedelta(days=offset), "春节") for offset in range(-1, 3)),
        (qingming, "清明节"),
        (date(year, 5, 1), "劳动节"),
        (date(year, 5, 2), "劳动节"),
        (lunar(5, 5), "端午节"),
        (lunar(8, 15), "中秋节"),
        *((date(year, 10, day), "国庆节") for day in (1, 2, 3)),
    ]
    return sorted(named)


def law_days_off(year: int) -> dict[date, str]:
    """The weekdays off in a year the State Council has not arranged yet: the statutory days
    that fall on a weekday, and one 补假 weekday for each that falls on a Saturday or Sunday
    (or on a day another holiday already takes), on the next working day after it (第六条).
    No 调休 is guessed (第七条: a notice moves days off and back, netting to zero)."""
    named = statutory_days(year)
    statutory = {day for day, _ in named}
    off: dict[date, str] = {}
    owed: list[tuple[date, str]] = []
    for day, name in named:
        if day.weekday() >= 5 or day in off:
            owed.append((day, name))
        else:
            off[day] = name
    one_day = timedelta(days=1)
    for after, name in owed:
        day = after + one_day
        while day.weekday() >= 5 or day in off or day in statutory:
            day += one_day
        off[day] = f"{name}补假"
    return off


def builtin_arrangements() -> list[Arrangement]:
    """The arrangements chinese-calendar carries (2004 up to the year of its release).

    Its holiday table lists whole holiday runs, weekends included; only the weekdays off change
    the count, so the weekend days are left out here as they would be in an imported file.
    """
    from importlib.metadata import version

    from chinese_calendar import constants

    source = f"chinese-calendar {version('chinese-calendar')}（国务院办公厅放假通知）"
    rows = [
        Arrangement(day, DayKind.HOLIDAY, source) for day in constants.holidays if day.weekday() < 5
    ]
    rows += [
        Arrangement(day, DayKind.WORKDAY, source)
        for day in constants.workdays
        if day.weekday() >= 5
    ]
    return sorted(rows, key=lambda row: row.day)


def _require_plain_date(value: object) -> None:
    # datetime is a subclass of date; letting one through would count in the wrong time zone.
    if isinstance(value, datetime) or not isinstance(value, date):
        raise TypeError(f"expected a date, got {type(value).__name__}")
