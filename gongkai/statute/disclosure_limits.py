"""公开时限 of a standard-catalogue matter (国办发〔2019〕54号), as data, with its due dates.

A catalogue row states by when its information is published. The shapes counties write
(spec/catalogue.md, the real tables in ../shared/samples/standards/):

- the statutory default, "信息形成或变更之日起20个工作日内" (条例第二十六条), and the vague
  words that set no period of their own ("及时公开", "常态化公开", …), which fall back to it;
- another number of working days from an event (e.g. 7 working days for 行政许可/行政处罚
  results, "分配结果确定后20个工作日内");
- calendar days where a law sets them ("日内" without 工作日: 预算法第十四条 "批准后二十日内"),
  counted as 民法典第二百零一条 counts (the start day not counted; a last day on a holiday moves
  to the next working day, 第二百零三条);
- 实时 / 实时更新: published the day it is formed;
- periodic — 每月 / 每季度 / 每半年 / 每年 — due a number of working days after the period
  ends (without a stated number the 20 working days of 条例第二十六条 apply), or on a fixed
  date ("每月10日前": the 10th of the next month; "每年3月31日前": 31 March of the next year),
  or within the period ("每季度/半年至少更新1次": by the period's last day).

A row may shorten the 20 working days; it may lengthen them only where a 法律 or 法规 does,
and then names it (条例第二十六条: "法律、法规对政府信息公开的期限另有规定的，从其规定").

Pure Python: dates and a WorkdayCalendar in, dates out (DESIGN.md "time is a parameter").
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from gongkai.statute.periods import PROACTIVE_PUBLICATION
from gongkai.statute.workdays import WorkdayCalendar, WorkdayDate

DEFAULT_LABEL = "信息形成或变更之日起20个工作日内"


class LimitKind(StrEnum):
    DEFAULT = "default"
    WORKDAYS = "workdays"
    CALENDAR = "calendar"
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
# 20 working days always span at least 28 calendar days (four whole weeks), so a calendar
# period of up to 28 days is never longer than 条例第二十六条's limit
CALENDAR_DAYS_WITHIN_STATUTE = 28
WITHIN_PERIOD = "end"  # "至少更新1次": due by the period's last day
LAW_NEEDED = (
    "长于条例第二十六条的20个工作日：只有法律、法规另有规定的才从其规定，"
    "请在公开依据中写明该法律或法规"
)


class LimitError(ValueError):
    """A 公开时限 that cannot be read; str() is the sentence for the clerk."""


@dataclass(frozen=True)
class PublicationLimit:
    kind: LimitKind = LimitKind.DEFAULT
    days: int = PROACTIVE_PUBLICATION.workdays  # working days (calendar days for CALENDAR)
    # periodic kinds only: "" = `days` working days after the period ends; "end" = by the
    # period's last day; "10" = the 10th of the next month (每月); "3-31" = 31 March of the
    # next year (每年)
    on: str = ""
    law: str = ""  # the 法律/法规 that allows a period longer than 20 working days

    def __post_init__(self):
        if self.kind is LimitKind.DEFAULT and self.days != PROACTIVE_PUBLICATION.workdays:
            raise LimitError("默认时限固定为20个工作日")
        if self.kind is LimitKind.REALTIME and self.days != 0:
            raise LimitError("实时公开没有工作日数")
        if self.on and not self.kind.periodic:
            raise LimitError("只有定期公开的事项才有固定日期")
        if self.on:
            self.fixed_date(date(2025, 12, 31))  # raises LimitError for a date that is none
            if self.days != 0:
                raise LimitError("固定日期的时限没有工作日数")
        elif self.kind is not LimitKind.REALTIME and not 1 <= self.days <= MAX_DAYS:
            raise LimitError(f"天数须在 1 到 {MAX_DAYS} 之间")
        if self.longer_than_statute and not self.law.strip():
            raise LimitError(LAW_NEEDED)

    @classmethod
    def of(cls, kind: str, days: int | None, on: str = "", law: str = "") -> PublicationLimit:
        kind = LimitKind(kind)
        if kind is LimitKind.REALTIME:
            return cls(kind, 0)
        if kind is LimitKind.DEFAULT:
            return cls(kind, PROACTIVE_PUBLICATION.workdays)
        if on:
            return cls(kind, 0, on, law)
        if days is None:
            return cls(kind, PROACTIVE_PUBLICATION.workdays, "", law)
        return cls(kind, days, "", law)

    @property
    def longer_than_statute(self) -> bool:
        """Could this limit end later than 20 working days after the information is formed?"""
        workdays = PROACTIVE_PUBLICATION.workdays
        if self.kind in (LimitKind.WORKDAYS,) or (self.kind.periodic and not self.on):
            return self.days > workdays
        if self.kind is LimitKind.CALENDAR:
            return self.days > CALENDAR_DAYS_WITHIN_STATUTE
        if self.kind.periodic and self.on != WITHIN_PERIOD:
            # a fixed date after the period's end: 每年3月31日 is three months after 31 December
            end = date(2025, 12, 31) if self.kind is LimitKind.YEARLY else date(2025, 1, 31)
            return (self.fixed_date(end) - end).days > CALENDAR_DAYS_WITHIN_STATUTE
        return False

    def fixed_date(self, period_end: date) -> date:
        """The due date of a fixed-date or within-period limit for the period ending then."""
        if self.on == WITHIN_PERIOD:
            return period_end
        try:
            if self.kind is LimitKind.MONTHLY:
                following = period_end + timedelta(days=1)
                return following.replace(day=int(self.on))
            if self.kind is LimitKind.YEARLY:
                month, day = (int(part) for part in self.on.split("-"))
                return date(period_end.year + 1, month, day)
        except ValueError:
            pass
        raise LimitError(f"无法理解固定日期“{self.on}”")

    @property
    def label(self) -> str:
        if self.kind is LimitKind.DEFAULT:
            return DEFAULT_LABEL
        if self.kind is LimitKind.WORKDAYS:
            return f"信息形成或变更之日起{self.days}个工作日内"
        if self.kind is LimitKind.CALENDAR:
            return f"信息形成或变更之日起{self.days}日内"
        if self.kind is LimitKind.REALTIME:
            return "实时"
        word = PERIOD_WORDS[self.kind]
        if self.on == WITHIN_PERIOD:
            return f"{word}至少更新1次"
        if self.kind is LimitKind.MONTHLY and self.on:
            return f"每月{int(self.on)}日前"
        if self.kind is LimitKind.YEARLY and self.on:
            month, day = self.on.split("-")
            return f"每年{int(month)}月{int(day)}日前"
        return f"{word}（{PERIOD_ENDS[self.kind]}结束后{self.days}个工作日内）"

    @property
    def basis(self) -> str:
        if self.kind is LimitKind.DEFAULT:
            return PROACTIVE_PUBLICATION.basis
        return self.law or "标准目录"

    def due_after_forming(self, formed_on: date, calendar: WorkdayCalendar) -> WorkdayDate:
        """When information formed or changed on `formed_on` must be published (event kinds;
        a periodic matter's items are due by their period, see `period_due`)."""
        if self.kind is LimitKind.REALTIME:
            return WorkdayDate(formed_on, False)
        if self.kind is LimitKind.CALENDAR:
            # 民法典第二百零一条: the start day is not counted; 第二百零三条: a last day that
            # is a 法定休假日 moves to the day after the holiday ends
            last = formed_on + timedelta(days=self.days)
            if calendar.is_workday(last):
                return WorkdayDate(last, False)
            return calendar.add(last, 1)
        return calendar.add(formed_on, self.days)

    def period_of(self, day: date) -> tuple[date, date]:
        """The period (first day, last day) that contains `day`."""
        months = PERIOD_MONTHS[self.kind]
        first_month = (day.month - 1) // months * months + 1
        start = date(day.year, first_month, 1)
        return start, _add_months(start, months) - timedelta(days=1)

    def period_due(self, period_end: date, calendar: WorkdayCalendar) -> WorkdayDate:
        if self.on:
            return WorkdayDate(self.fixed_date(period_end), False)
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
    # "至少更新1次": something published within the period; otherwise after it ends
    since = start if limit.on == WITHIN_PERIOD else end + timedelta(days=1)
    if last_published_on is not None and last_published_on >= since:
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


_DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6,
           "七": 7, "八": 8, "九": 9}  # fmt: skip
_CN_NUMBER = re.compile(r"[〇零一二两三四五六七八九十百]+")


def _cn_to_int(text: str) -> int:
    """二十 → 20, 十 → 10, 七 → 7, 一百二十 → 120, 二〇 → 20."""
    if "十" not in text and "百" not in text:
        return int("".join(str(_DIGITS[c]) for c in text))
    total, current = 0, 0
    for char in text:
        if char == "百":
            total += (current or 1) * 100
            current = 0
        elif char == "十":
            total += (current or 1) * 10
            current = 0
        else:
            current = _DIGITS[char]
    return total + current


def _arabic(text: str) -> str:
    """Chinese numerals before a unit of time read as digits: 二十个工作日 → 20个工作日."""
    return _CN_NUMBER.sub(
        lambda m: (
            str(_cn_to_int(m.group(0)))
            if re.match(r"(个|日|天|次|月|工作日)", text[m.end() : m.end() + 3] or "x")
            else m.group(0)
        ),
        text,
    )


# 实时 and words that set no period of their own (spec/catalogue.md): 条例第二十六条 applies
_REALTIME = ("实时", "即时")
VAGUE_WORDS = ("及时", "常态化", "长期公开", "永久公开", "动态调整", "动态更新", "长期")
FALLBACK_NOTE = "没有规定期限，按条例第二十六条信息形成或者变更之日起20个工作日内公开"
_WORKDAYS = re.compile(r"(\d+)个?工作日")
_CALENDAR = re.compile(r"(\d+)(?:个自然日|个日历日|自然日|日历日|日|天)(?:内|以内|之内)")
_MONTH_DAY = re.compile(r"每月(\d{1,2})日(?:前|之前|以前)")
_YEAR_DATE = re.compile(r"每年(\d{1,2})月(\d{1,2})日(?:前|之前|以前)")
_AT_LEAST = re.compile(r"(每半年|半年|每季度|每季|季度|每月|每年)(?:至少)?(?:更新|公开|发布)\d*次")
_LAW_TITLE = re.compile(r"《([^《》]{2,60}?(?:法|条例))》")
_PERIODS = (
    (LimitKind.HALF_YEARLY, ("每半年", "半年")),
    (LimitKind.QUARTERLY, ("每季度", "每季", "季度")),
    (LimitKind.MONTHLY, ("每月", "按月", "月度")),
    (LimitKind.YEARLY, ("每年", "按年", "年度")),
)


def laws_named(text: str) -> list[str]:
    """The 法律 and 法规 a row names (《…法》, 《…条例》), except the disclosure 条例 itself,
    whose 20 working days are what a longer period departs from."""
    found = []
    for title in _LAW_TITLE.findall(text or ""):
        if "政府信息公开条例" in title or title in found:
            continue
        found.append(title)
    return found


def _kind_of(words: str) -> LimitKind:
    for kind, names in _PERIODS:
        if any(name in words for name in names):
            return kind
    raise LimitError(f"无法识别周期“{words}”")


def read_limit(text: str, *, basis: str = "") -> tuple[PublicationLimit, str]:
    """The 公开时限 column as counties write it, and a note saying what was assumed ("" when
    nothing was); LimitError when it cannot be read — never a silent guess. `basis` is the
    row's 公开依据: a period longer than 20 working days takes its 法律/法规 from there."""
    compact = re.sub(r"\s+", "", unicodedata.normalize("NFKC", text or ""))
    compact = _arabic(compact)
    law = "、".join(f"《{t}》" for t in laws_named(f"{text}{basis}")[:2])

    def build(kind, days=None, on="") -> PublicationLimit:
        try:
            return PublicationLimit.of(kind, days, on, law)
        except LimitError as error:
            raise LimitError(f"公开时限“{text.strip()}”：{error}") from None

    if not compact or compact.startswith(DEFAULT_LABEL):
        return PublicationLimit(), ""
    if match := _YEAR_DATE.search(compact):
        return build(LimitKind.YEARLY, on=f"{int(match[1])}-{int(match[2])}"), ""
    if match := _MONTH_DAY.search(compact):
        return build(LimitKind.MONTHLY, on=str(int(match[1]))), ""
    if match := _AT_LEAST.search(compact):
        return build(_kind_of(match[1]), on=WITHIN_PERIOD), ""
    workdays = _WORKDAYS.search(compact)
    days = int(workdays.group(1)) if workdays else None
    for kind, words in _PERIODS:
        if any(word in compact for word in words):
            return build(kind, days), ""
    if workdays:
        if days == PROACTIVE_PUBLICATION.workdays:
            return PublicationLimit(), ""
        return build(LimitKind.WORKDAYS, days), ""
    if calendar := _CALENDAR.search(compact):
        # "日内" without 工作日: calendar days, as a law such as 预算法第十四条 sets them
        return build(LimitKind.CALENDAR, int(calendar.group(1))), ""
    if any(compact.startswith(word) for word in _REALTIME):
        return PublicationLimit(LimitKind.REALTIME, 0), ""
    if any(word in compact for word in VAGUE_WORDS):
        return PublicationLimit(), f"公开时限“{text.strip()}”{FALLBACK_NOTE}"
    raise LimitError(
        f"无法识别公开时限“{text.strip()}”：请写“信息形成或变更之日起N个工作日内”、"
        "“批准后N日内”（日历日，须有法律规定）、“实时”、“每月N日前”、“每年M月D日前”、"
        "“每季度至少更新1次”或“每月/每季度/每半年/每年（结束后N个工作日内）”"
    )


def parse_limit(text: str, *, basis: str = "") -> PublicationLimit:
    """read_limit without its note."""
    return read_limit(text, basis=basis)[0]
