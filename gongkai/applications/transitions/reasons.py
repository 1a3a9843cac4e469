"""条例第三十五条: applications clearly beyond a reasonable number or frequency. The applicant is
asked for reasons, the answer (or silence) is recorded, and reasons found reasonable allow a
reasonable later date for the reply."""

from __future__ import annotations

from datetime import date

from gongkai.applications.models import (
    Application,
    EventKind,
)
from gongkai.applications.transitions.base import _clock, _step
from gongkai.core.dates import chinese_date as cn
from gongkai.core.models import User
from gongkai.core.transitions import TransitionError
from gongkai.statute.deadlines import ClockState


def request_reasons(application: Application, *, by: User, on: date, note: str) -> Application:
    """条例第三十五条: the number or frequency of applications clearly exceeds a reasonable
    range; the applicant is asked for reasons. Unreasonable → reply 三（五）4; reasonable
    but too many → set_later_date."""
    if not note.strip():
        raise TransitionError("请写明要求说明理由的内容")
    return _step(
        application,
        by=by,
        on=on,
        kind=EventKind.REASONS_REQUESTED,
        event={"note": note},
        tell=("请说明申请理由", f"您的申请（{application.tracking_number}）：{note}"),
    )


def record_reasons(
    application: Application, *, by: User, on: date, answer: str = "", silent: bool = False
) -> Application:
    """条例第三十五条: what the applicant said when asked for reasons, or that no reasons
    came. Only after this may the agency decide 三（五）4 or set a later date."""
    if not silent and not answer.strip():
        raise TransitionError("请登记申请人说明的理由，或勾选申请人未说明理由")

    def check(locked: Application) -> None:
        if not locked.events.filter(kind=EventKind.REASONS_REQUESTED).exists():
            raise TransitionError("条例第三十五条：尚未要求申请人说明理由")
        if locked.events.filter(kind=EventKind.REASONS_ANSWERED).exists():
            raise TransitionError("已登记申请人说明理由的情况")

    return _step(
        application,
        by=by,
        on=on,
        kind=EventKind.REASONS_ANSWERED,
        check=check,
        event={
            "note": "申请人未说明理由" if silent else answer.strip(),
            "details": {"silent": silent},
        },
    )


def set_later_date(
    application: Application, *, by: User, on: date, due: date, reason: str
) -> Application:
    """条例第三十五条: reasons asked and found reasonable, but too many to answer in time: a
    reasonable later date, told to the applicant. Never earlier than the statutory due date,
    and only while that date has not passed (it cannot revive an overdue application)."""
    if due <= on:
        raise TransitionError("合理答复期限应晚于今天")

    def check(locked: Application) -> None:
        if not locked.events.filter(kind=EventKind.REASONS_ANSWERED).exists():
            raise TransitionError(
                "条例第三十五条：须先要求申请人说明理由并登记其说明，认为理由合理的，"
                "才能确定合理的答复期限"
            )
        deadline = _clock(locked, today=on)
        if deadline.state is not ClockState.RUNNING or deadline.due is None:
            raise TransitionError("只能在计时中的申请上确定合理答复期限")
        if on > deadline.due:
            raise TransitionError(
                f"答复期限已于{cn(deadline.due)}届满，不能再确定合理答复期限（条例第三十三条）"
            )
        if due < deadline.due:
            raise TransitionError(
                f"条例第三十五条：合理答复期限不能早于法定答复期限（{cn(deadline.due)}）"
            )

    return _step(
        application,
        by=by,
        on=on,
        kind=EventKind.LATER_DATE_SET,
        check=check,
        event={"later_due": due, "note": reason},
        tell=(
            "答复期限告知",
            f"您的申请（{application.tracking_number}）将于{cn(due)}之前（含当日）答复。理由：{reason}",
        ),
    )
