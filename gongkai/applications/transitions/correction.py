"""补正 (条例第三十条): one notice (一次性告知) within 7 working days of receipt, saying
everything to correct and by when; the correction, recorded by staff or sent online by the
applicant; and, with no correction once the period has ended, the application deemed
abandoned (三（六）1)."""

from __future__ import annotations

from datetime import date

from django.db import transaction

from gongkai.applications.models import (
    Application,
    ApplicationEvent,
    EventKind,
    Status,
)
from gongkai.applications.outcomes import (
    ABANDONED_NO_CORRECTION,
)
from gongkai.applications.transitions.base import (
    DEADLINE_FIELDS,
    _clock,
    _conclude,
    _locked,
    _step,
    _unarranged_note,
)
from gongkai.core.audit import audit
from gongkai.core.calendar import calendar_for
from gongkai.core.dates import chinese_date as cn
from gongkai.core.models import User
from gongkai.core.transitions import TransitionError
from gongkai.statute.deadlines import ClockState
from gongkai.statute.periods import (
    CORRECTION_NOTICE,
)
from gongkai.statute.workdays import WorkdayCalendar, WorkdayDate


def request_correction(
    application: Application, *, by: User, on: date, period_workdays: int, what: str
) -> Application:
    """条例第三十条: ask once (一次性告知), within 7 working days of receipt, saying everything
    to correct and by when. There is no second notice: still unclear after the correction is
    outcome 三（四）3. A late notice is refused: it would stop a clock the law keeps running."""
    if not what.strip():
        raise TransitionError("请写明需要补正的事项")
    if not 1 <= period_workdays <= 60:
        raise TransitionError("补正期限应为 1—60 个工作日")

    def check(locked: Application) -> None:
        deadline = _clock(locked, today=on)
        if locked.events.filter(kind=EventKind.CORRECTION_REQUESTED).exists():
            # 条例第三十条: 一次性告知申请人作出补正
            raise TransitionError(
                "条例第三十条：补正应当一次性告知，不能再次告知补正；补正后申请内容仍不明确的，"
                "请以“补正后申请内容仍不明确”答复"
            )
        if deadline.state is not ClockState.RUNNING:
            raise TransitionError("只能在计时中的申请上告知补正")
        if on > deadline.correction_request_by:
            # 条例第三十条: 应当自收到申请之日起7个工作日内一次性告知
            raise TransitionError(
                f"条例第三十条：补正应当自收到申请之日起{CORRECTION_NOTICE.workdays}个工作日内"
                f"告知（最迟{cn(deadline.correction_request_by)}），现已超过，不能告知补正；"
                "答复期限仍自收到申请之日起计算"
            )

    return _step(
        application,
        by=by,
        on=on,
        kind=EventKind.CORRECTION_REQUESTED,
        check=check,
        event={"workdays": period_workdays, "note": what},
        audit_data={"period_workdays": period_workdays},
        tell=(
            "请补正您的政府信息公开申请",
            f"需要补正的事项：{what}\n补正期限：{period_workdays}个工作日。",
        ),
    )


def record_correction(
    application: Application, *, by: User, on: date, note: str = ""
) -> Application:
    def check(locked: Application) -> None:
        if _clock(locked, today=on).state is not ClockState.AWAITING_CORRECTION:
            raise TransitionError("该申请没有等待中的补正")

    return _step(
        application, by=by, on=on, kind=EventKind.CORRECTED, check=check, event={"note": note}
    )


def submit_correction_online(application: Application, *, on: date, text: str) -> Application:
    """The applicant sends the correction from the status page; it arrives the day it is sent."""
    if not text.strip():
        raise TransitionError("请填写补正内容")
    with transaction.atomic():
        locked = _locked(application)
        if locked.status != Status.OPEN or _clock(locked, today=on).state is not (
            ClockState.AWAITING_CORRECTION
        ):
            raise TransitionError("该申请当前不需要补正")
        ApplicationEvent.objects.create(
            application=locked, kind=EventKind.CORRECTED, on=on, note=text
        )
        locked.refresh_deadline(calendar=calendar_for(locked.agency), today=on)
        locked.save(update_fields=DEADLINE_FIELDS)
        audit(None, "application.corrected", obj=locked, actor_label="申请人（网上）")
    application.refresh_from_db()
    return application


def correction_period_end(events, calendar: WorkdayCalendar) -> WorkdayDate | None:
    """条例第三十条: the correction period's end as far as the law can tell today (the latest
    plausible end while it depends on a year not yet arranged); None without a notice."""
    notices = [e for e in events if e.kind == EventKind.CORRECTION_REQUESTED]
    if not notices:
        return None
    notice = notices[-1]
    return calendar.latest_plausible_add(notice.on, notice.workdays or 0)


def abandon_for_no_correction(application: Application, *, by: User, on: date) -> Application:
    """条例第三十条: no correction within the period, without good reason: abandoned."""

    def check(locked: Application) -> None:
        deadline = _clock(locked, today=on)
        if deadline.state is not ClockState.AWAITING_CORRECTION:
            raise TransitionError("该申请没有等待中的补正")
        end = correction_period_end(
            list(locked.events.order_by("on", "id")), calendar_for(locked.agency)
        )
        if on <= end.date:
            # 条例第三十条: only who does not correct within the period set is deemed to abandon;
            # a period reaching into a year not yet arranged waits for its latest plausible end
            raise TransitionError(
                f"条例第三十条：补正期限到{cn(end.date)}才届满"
                f"{_unarranged_note(end, deadline.waiting_until)}，届满前不能按逾期未补正办结"
            )

    return _conclude(
        application,
        by=by,
        on=on,
        outcome=ABANDONED_NO_CORRECTION,
        kind=EventKind.ABANDONED,
        note="逾期未补正",
        check=check,
    )
