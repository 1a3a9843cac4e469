"""When an application must be answered, from what happened to it so far.

Pure functions of the application's events, a working-day calendar and "today"
(spec/applications.md):
- the reply is due 20 working days after the date of receipt (条例第三十三条第二款);
- a correction request stops that clock; the corrected application starts it again from the
  day it arrives (第三十条);
- an approved extension adds at most 20 working days to the end of the period (第三十三条);
- consulting a third party or another agency (第三十二条、第三十四条) and waiting for a fee
  (109号) do not count: the due date moves by the working days they took (第三十三条第三款);
  a consultation ends with the answer or when its 15 working days run out;
- under 第三十五条 the agency may set a reasonable later date, which then replaces the due date.

No step can revive an overdue clock (spec/applications.md, corrected): a correction notice
after the 7 working days of 第三十条 does not stop the clock (the period still runs from the
original receipt); an extension approved after the ordinary period (第三十三条第二款) and a
consultation or fee pause started after the due date move nothing. The transitions refuse
these steps; the engine reads a record that has them (older data, an import) the same way.
Dates in the explanation are written as a reader reads them (2024年3月4日, no leading zeros).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from .dates import chinese_date
from .periods import (
    CORRECTION_NOTICE,
    EXTENSION_MAX,
    OTHER_AGENCY_OPINION,
    REPLY,
    THIRD_PARTY_OPINION,
)
from .workdays import WorkdayCalendar


class Channel(StrEnum):
    """How an application arrived; fixes its date of receipt (条例第三十一条)."""

    IN_PERSON = "当面提交"
    REGISTERED_POST = "邮寄（需签收）"
    ORDINARY_LETTER = "平常信函"
    ONLINE = "互联网渠道"
    FAX = "传真"
    EMAIL = "电子邮件"


def date_of_receipt(
    channel: Channel,
    *,
    submitted: date | None = None,
    signed: date | None = None,
    confirmed: date | None = None,
) -> date:
    """条例第三十一条: submission day in person; the signing day for post that needs a
    signature; the confirmation day for the internet and fax. An ordinary letter is confirmed
    with the applicant on the day it arrives (`signed`), so that day is its date of receipt
    unless the applicant could not be reached that day and a later `confirmed` day is given."""
    needed = {
        Channel.IN_PERSON: ("submitted", submitted),
        Channel.REGISTERED_POST: ("signed", signed),
        Channel.ORDINARY_LETTER: ("signed", confirmed or signed),
    }.get(channel, ("confirmed", confirmed))
    if needed[1] is None:
        words = {
            "submitted": "提交日期",
            "signed": "到达日期" if channel is Channel.ORDINARY_LETTER else "签收日期",
            "confirmed": "双方确认日期",
        }
        raise ValueError(f"以“{channel}”方式提交的申请需要填写{words[needed[0]]}（条例第三十一条）")
    return needed[1]


class PauseKind(StrEnum):
    THIRD_PARTY = "征求第三方意见"
    OTHER_AGENCY = "征求其他机关意见"
    FEE = "等待缴纳信息处理费"


CONSULTATION_LIMITS = {
    PauseKind.THIRD_PARTY: THIRD_PARTY_OPINION,
    PauseKind.OTHER_AGENCY: OTHER_AGENCY_OPINION,
}


@dataclass(frozen=True)
class Received:
    on: date
    channel: Channel


@dataclass(frozen=True)
class CorrectionRequested:
    on: date
    period_workdays: int  # the period the notice gives the applicant


@dataclass(frozen=True)
class Corrected:
    on: date  # the corrected application arrived


@dataclass(frozen=True)
class Extended:
    on: date
    workdays: int


@dataclass(frozen=True)
class PauseStarted:
    on: date  # for a consultation: the day the other side received the request
    kind: PauseKind


@dataclass(frozen=True)
class PauseEnded:
    on: date
    kind: PauseKind


@dataclass(frozen=True)
class LaterDateSet:
    on: date
    due: date  # 第三十五条: a reasonable later date, told to the applicant


Event = (
    Received | CorrectionRequested | Corrected | Extended | PauseStarted | PauseEnded | LaterDateSet
)


class ClockState(StrEnum):
    RUNNING = "计时中"
    AWAITING_CORRECTION = "等待补正"
    PAUSED = "暂停计时"


@dataclass(frozen=True)
class Deadline:
    due: date | None  # None while the reply clock is stopped for a correction
    state: ClockState
    provisional: bool  # depends on a year without a holiday arrangement
    workdays_left: int | None  # negative when overdue
    overdue: bool
    waiting_until: date | None  # end of the correction period, consultation or fee payment
    correction_request_by: date  # the last day to ask for a correction (第三十条)
    explanation: tuple[str, ...] = field(default=())
    # the due date without any extension: an extension must be approved by then (第三十三条)
    ordinary_due: date | None = None


_cn = chinese_date  # 2024年3月4日: the one way a user reads a date (GB/T 9704)


class DeadlineError(ValueError):
    """Events that cannot have happened in this order; the message is for the clerk."""


def compute(
    events: list[Event], calendar: WorkdayCalendar, today: date, *, explain: bool = True
) -> Deadline:
    """The deadline as of `today`; `explain=False` leaves out the explanation lines (the
    morning sweep over every open application needs only the dates)."""
    if not events or not isinstance(events[0], Received):
        raise DeadlineError("申请的第一个事件必须是收到申请")
    ordered = [events[0], *sorted(events[1:], key=lambda e: e.on)]
    received = ordered[0]
    notes: list[str] = []
    provisional = False

    def add(start: date, days: int) -> date:
        nonlocal provisional
        answer = calendar.add(start, days)
        provisional |= answer.provisional
        return answer.date

    def count(start: date, end: date) -> int:
        nonlocal provisional
        answer = calendar.between(start, end)
        provisional |= answer.provisional
        return answer.days

    correction_by = add(received.on, CORRECTION_NOTICE.workdays)
    due: date | None = add(received.on, REPLY.workdays)
    ordinary: date | None = due  # the due date before extensions
    if explain:
        notes.append(
            f"{_cn(received.on)} 收到申请（{received.channel}，条例第三十一条）；"
            f"{REPLY.workdays}个工作日内答复 → {_cn(due)}（{REPLY.basis}）"
        )
    state = ClockState.RUNNING
    waiting_until: date | None = None
    extended = 0
    open_pause: PauseStarted | None = None
    pause_is_late = False  # started after the due date: moves nothing (第三十三条第三款)
    late_correction = False  # a notice after the 7 working days: the clock runs on (第三十条)
    for event in ordered[1:]:
        if isinstance(event, Received):
            raise DeadlineError("一件申请只能收到一次")
        if isinstance(event, CorrectionRequested):
            if open_pause:
                raise DeadlineError("暂停计时期间不能要求补正")
            if event.on > correction_by:
                # 第三十条: the notice is due within 7 working days of receipt; a late one
                # does not restart the reply period, which still runs from the receipt
                late_correction = True
                if explain:
                    notes.append(
                        f"{_cn(event.on)} 告知补正（已超过第三十条规定的7个工作日，"
                        f"最迟应于{_cn(correction_by)}告知），答复期限不因此中止或重新计算"
                    )
                continue
            state, due, ordinary = ClockState.AWAITING_CORRECTION, None, None
            waiting_until = add(event.on, event.period_workdays)
            if explain:
                notes.append(
                    f"{_cn(event.on)} 告知补正，补正期限{event.period_workdays}个工作日"
                    f" → {_cn(waiting_until)}；答复期限自收到补正申请之日起重新计算"
                )
        elif isinstance(event, Corrected):
            if late_correction and state is not ClockState.AWAITING_CORRECTION:
                late_correction = False
                if explain:
                    notes.append(f"{_cn(event.on)} 收到补正；答复期限仍自收到申请之日起计算")
                continue
            if state is not ClockState.AWAITING_CORRECTION:
                raise DeadlineError("没有待补正的告知，不能登记补正")
            state, waiting_until, extended = ClockState.RUNNING, None, 0
            due = ordinary = add(event.on, REPLY.workdays)
            if explain:
                notes.append(
                    f"{_cn(event.on)} 收到补正后的申请；{REPLY.workdays}个工作日"
                    f" → {_cn(due)}（{CORRECTION_NOTICE.basis}）"
                )
        elif isinstance(event, Extended):
            if due is None:
                raise DeadlineError("等待补正期间不能延期")
            if event.workdays < 1 or extended + event.workdays > EXTENSION_MAX.workdays:
                raise DeadlineError(
                    f"延期合计不得超过{EXTENSION_MAX.workdays}个工作日（{EXTENSION_MAX.basis}）"
                )
            if ordinary is not None and event.on > ordinary:
                # 第三十三条第二款: approved and notified within the ordinary period, or not at all
                if explain:
                    notes.append(
                        f"{_cn(event.on)} 批准延期，已超过法定答复期限{_cn(ordinary)}，"
                        "不延长答复期限（条例第三十三条第二款）"
                    )
                continue
            extended += event.workdays
            due = add(due, event.workdays)
            if explain:
                notes.append(f"{_cn(event.on)} 经批准延期{event.workdays}个工作日 → {_cn(due)}")
        elif isinstance(event, PauseStarted):
            if open_pause or due is None:
                raise DeadlineError("已在暂停计时或等待补正，不能再开始暂停")
            open_pause = event
            pause_is_late = event.on > due
            if pause_is_late:
                # 第三十三条第三款 leaves out time inside the period; an overdue clock stays overdue
                if explain:
                    notes.append(
                        f"{_cn(event.on)} 起{event.kind}，已超过答复期限{_cn(due)}，不暂停计时"
                    )
                waiting_until = None
                continue
            state = ClockState.PAUSED
            waiting_until = _pause_limit(event, add)
        elif isinstance(event, PauseEnded):
            if open_pause is None or open_pause.kind != event.kind:
                raise DeadlineError(f"没有进行中的“{event.kind}”")
            if not pause_is_late:
                # an answer after the consultation period does not stretch the pause beyond it
                ended = min(event.on, waiting_until) if waiting_until else event.on
                before = due
                due = _resume(open_pause, ended, due, add, count, notes if explain else None)
                if ordinary is not None and before is not None:
                    ordinary = add(ordinary, count(before, due)) if due != before else ordinary
            open_pause, pause_is_late, state, waiting_until = None, False, ClockState.RUNNING, None
        elif isinstance(event, LaterDateSet):
            due = event.due
            if explain:
                notes.append(f"{_cn(event.on)} 依条例第三十五条确定合理的答复期限 → {_cn(due)}")
    if open_pause is not None and not pause_is_late:
        limit = waiting_until
        if limit is not None and today > limit:
            # a consultation whose 15 working days ran out ends by itself
            before = due
            due = _resume(open_pause, limit, due, add, count, notes if explain else None)
            if ordinary is not None and due != before:
                ordinary = add(ordinary, count(before, due))
            state, waiting_until = ClockState.RUNNING, None
        else:
            if explain:
                notes.append(
                    f"{_cn(open_pause.on)} 起{open_pause.kind}，暂停计时"
                    + (f"（最迟至{_cn(limit)}）" if limit else "")
                )
    if state is ClockState.RUNNING and due is not None:
        left = count(today, due)
        return Deadline(
            due,
            state,
            provisional,
            left,
            today > due,
            None,
            correction_by,
            tuple(notes),
            ordinary,
        )
    return Deadline(
        due, state, provisional, None, False, waiting_until, correction_by, tuple(notes), ordinary
    )


def _pause_limit(pause: PauseStarted, add) -> date | None:
    period = CONSULTATION_LIMITS.get(pause.kind)
    return add(pause.on, period.workdays) if period else None


def _resume(pause: PauseStarted, ended: date, due: date, add, count, notes: list | None) -> date:
    """Move the due date by the working days after the pause's start up to its end."""
    days = count(pause.on, ended)
    moved = add(due, days) if days > 0 else due
    if notes is None:
        return moved
    notes.append(
        f"{pause.kind} {_cn(pause.on)}至{_cn(ended)}，不计入期限{days}个工作日"
        f" → {_cn(moved)}（条例第三十三条第三款）"
    )
    return moved
