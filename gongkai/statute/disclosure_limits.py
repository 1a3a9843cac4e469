"""公开时限 of a standard-catalogue matter (国办发〔2019〕54号), as data, with its due dates.

A catalogue row states by when its information is published. Four shapes occur on the
catalogues counties publish:

- the statutory default, "信息形成或变更之日起20个工作日内" (条例第二十六条);
- another number of working days from when the information is formed or changed (other laws
  or the catalogue set e.g. 7 working days for 行政许可/行政处罚 results);
- 实时: published the day it is formed;
- periodic — 每月 / 每季度 / 每半年 / 每年 — due a number of working days after the period
  ends (the information of a period is formed when the period ends, so without a stated
  number the 20 working days of 条例第二十六条 apply).

Pure Python: dates and a WorkdayCalendar in, dates out (DESIGN.md "time is a parameter").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from gongkai.statute.periods import PROACTIVE_PUBLICATION
from gongkai.statute.workdays import WorkdayCalendar, WorkdayDate

DEFAULT_LABEL = "信息形成或变更之日起20个工作日内"


class LimitKind(StrEnum):
    DEFAULT = "default"
    WORKDAYS = "workdays"
    REALTIME = "realtime"
    MONTHLY = "monthly"
    QUARTERLY = "quarterly"
    HALF_YEARLY = "half_yearly"
    YEARLY = "yearly"

    @property
    def periodic(self) -> bool:
        return self in PERIOD_MONTHS


PERIOD_MONTHS = {
    LimitKind.MONTHLY: 1,
    LimitKind.QUARTERLY: 3,
    LimitKind.HALF_YEARLY: 6,
    LimitKind.YEARLY: 12,
}
PERIOD_WORDS = {
    LimitKind.MONTHLY: "每月",
    LimitKind.QUARTERLY: "每季度",
    LimitKind.HALF_YEARLY: "每半年",
    LimitKind.YEARLY: "每年",
}
PERIOD_ENDS = {
    LimitKind.MONTHLY: "月",
    LimitKind.QUARTERLY: "季度",
    LimitKind.HALF_YEARLY: "半年",
    LimitKind.YEARLY: "年度",
}
MAX_DAYS = 365


class LimitError(ValueError):
    """A 公开时限 that cannot be read; str() is the sentence for the clerk."""


@dataclass(frozen=True)
class PublicationLimit:
    kind: LimitKind = LimitKind.DEFAULT
    days: int = PROACTIVE_PUBLICATION.workdays  # working days (after forming, or period end)

    def __post_init__(self):
        if self.kind is LimitKind.DEFAULT and self.days != PROACTIVE_PUBLICATION.workdays:
            raise LimitError("默认时限固定为20个工作日")
        if self.kind is LimitKind.REALTIME and self.days != 0:
            raise LimitError("实时公开没有工作日数")
        if self.kind is not LimitKind.REALTIME and not 1 <= self.days <= MAX_DAYS:
            raise LimitError(f"工作日数须在 1 到 {MAX_DAYS} 之间")

    @classmethod
    def of(cls, kind: str, days: int | None) -> PublicationLimit:
        kind = LimitKind(kind)
        if kind is LimitKind.REALTIME:
            return cls(kind, 0)
        if kind is LimitKind.DEFAULT or days is None:
            return cls(kind, PROACTIVE_PUBLICATION.workdays)
        return cls(kind, days)

    @property
    def label(self) -> str:
        if self.kind is LimitKind.DEFAULT:
            return DEFAULT_LABEL
        if self.kind is LimitKind.WORKDAYS:
            return f"信息形成或变更之日起{self.days}个工作日内"
        if self.kind is LimitKind.REALTIME:
            return "实时"
        return f"{PERIOD_WORDS[self.kind]}（{PERIOD_ENDS[self.kind]}结束后{self.days}个工作日内）"

    @property
    def basis(self) -> str:
        return PROACTIVE_PUBLICATION.basis if self.kind is LimitKind.DEFAULT else "标准目录"

    def due_after_forming(self, formed_on: date, calendar: WorkdayCalendar) -> WorkdayDate:
        """When information formed or changed on `formed_on` must be published (event kinds;
        a periodic matter's items are due by their period, see `period_due`)."""
        if self.kind is LimitKind.REALTIME:
            return WorkdayDate(formed_on, False)
        return calendar.add(formed_on, self.days)

    def period_of(self, day: date) -> tuple[date, date]:
        """The period (first day, last day) that contains `day`."""
        months = PERIOD_MONTHS[self.kind]
        first_month = (day.month - 1) // months * months + 1
        start = date(day.year, first_month, 1)
        return start, _add_months(start, months) - timedelta(days=1)

    def period_due(self, period_end: date, calendar: WorkdayCalendar) -> WorkdayDate:
        return calendar.add(period_end, self.days)

    def last_ended_period(self, today: date) -> tuple[date, date]:
        """The latest period that ended before `today`."""
        start, _ = self.period_of(today)
        return self.period_of(start - timedelta(days=1))


def _add_months(day: date, months: int) -> date:
    month = day.month - 1 + months
    return date(day.year + month // 12, month % 12 + 1, 1)


class Standing(StrEnum):
    PUBLISHED = "published"  # the period's information is out
    WAITING = "waiting"  # due later than the line "due soon" draws
    DUE = "due"  # due within the given number of working days (or today)
    OVERDUE = "overdue"  # its due date has passed


@dataclass(frozen=True)
class PeriodStanding:
    """Where a periodic matter stands for the latest period that has ended."""

    period_start: date
    period_end: date
    due: date
    provisional: bool
    standing: Standing
    late_by: int  # working days past the due date (0 unless overdue)

    @property
    def period_label(self) -> str:
        return period_label(self.period_start, self.period_end)


def period_label(start: date, end: date) -> str:
    """2025年 / 2025年3月 / 2025年第3季度 / 2025年上半年."""
    if start.month == 1 and end.month == 12:
        return f"{start.year}年"
    if start.month == end.month:
        return f"{start.year}年{start.month}月"
    if end.month - start.month == 2:
        return f"{start.year}年第{(start.month + 2) // 3}季度"
    return f"{start.year}年{'上' if start.month == 1 else '下'}半年"


def periodic_standing(
    limit: PublicationLimit,
    *,
    today: date,
    last_published_on: date | None,
    calendar: WorkdayCalendar,
    soon_workdays: int,
) -> PeriodStanding:
    """A periodic matter's latest ended period: published when anything of the matter was
    published after the period ended, else due or overdue against the period's due date."""
    start, end = limit.last_ended_period(today)
    due, provisional = limit.period_due(end, calendar)
    late_by = 0
    if last_published_on is not None and last_published_on > end:
        standing = Standing.PUBLISHED
    elif today > due:
        standing = Standing.OVERDUE
        late_by = calendar.between(due, today).days
    elif calendar.between(today, due).days <= soon_workdays:
        standing = Standing.DUE
    else:
        standing = Standing.WAITING
    return PeriodStanding(start, end, due, provisional, standing, late_by)


def event_standing(
    limit: PublicationLimit,
    *,
    formed_on: date,
    today: date,
    calendar: WorkdayCalendar,
    soon_workdays: int,
) -> tuple[WorkdayDate, Standing, int]:
    """An unpublished item of an event-driven matter: (due, standing, working days late)."""
    due = limit.due_after_forming(formed_on, calendar)
    if today > due.date:
        return due, Standing.OVERDUE, calendar.between(due.date, today).days
    if calendar.between(today, due.date).days <= soon_workdays:
        return due, Standing.DUE, 0
    return due, Standing.WAITING, 0


_WORKDAYS = re.compile(r"(\d+)个?工作日")
_PERIODS = (
    (LimitKind.HALF_YEARLY, ("每半年", "半年")),
    (LimitKind.QUARTERLY, ("每季度", "每季", "季度")),
    (LimitKind.MONTHLY, ("每月", "按月", "月度")),
    (LimitKind.YEARLY, ("每年", "按年", "年度")),
)


def parse_limit(text: str) -> PublicationLimit:
    """Read the 公开时限 column as counties write it; LimitError when it cannot be read.

    "信息形成或变更之日起20个工作日内" (also blank) → default; "…7个工作日内" → 7 working days;
    "实时"/"即时" → real time; "每季度…10个工作日内" → quarterly, 10 working days after the
    quarter (without a number: 20, 条例第二十六条)."""
    compact = re.sub(r"\s+", "", text or "")
    if not compact or compact == DEFAULT_LABEL:
        return PublicationLimit()
    match = _WORKDAYS.search(compact)
    days = int(match.group(1)) if match else None
    for kind, words in _PERIODS:
        if any(word in compact for word in words):
            try:
                return PublicationLimit.of(kind, days)
            except LimitError as error:
                raise LimitError(f"公开时限“{text}”：{error}") from None
    if compact in ("实时", "即时", "实时公开", "即时公开"):
        return PublicationLimit(LimitKind.REALTIME, 0)
    if days is not None:
        try:
            if days == PROACTIVE_PUBLICATION.workdays:
                return PublicationLimit()
            return PublicationLimit(LimitKind.WORKDAYS, days)
        except LimitError as error:
            raise LimitError(f"公开时限“{text}”：{error}") from None
    raise LimitError(
        f"无法识别公开时限“{text}”：请写“信息形成或变更之日起N个工作日内”、“实时”"
        "或“每月/每季度/每半年/每年（结束后N个工作日内）”"
    )
