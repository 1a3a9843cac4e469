"""延长答复期限 (条例第三十三条第二款): the clerk asks, a reviewer other than that clerk
approves, within the ordinary 20 working days and at most 20 working days in all."""

from __future__ import annotations

from datetime import date

from gongkai.applications.models import (
    Application,
    ApplicationEvent,
    EventKind,
)
from gongkai.applications.transitions.base import _clock, _require_running, _step
from gongkai.core.dates import chinese_date as cn
from gongkai.core.models import Role, User
from gongkai.core.transitions import TransitionError
from gongkai.statute.periods import (
    EXTENSION_MAX,
    REPLY,
)


def request_extension(
    application: Application, *, by: User, on: date, workdays: int, reason: str
) -> Application:
    """The clerk asks; the head of the disclosure office approves (条例第三十三条第二款)."""
    if not reason.strip():
        raise TransitionError("请写明延期理由")

    def check(locked: Application) -> None:
        _require_running(locked, on, "只有计时中的申请可以延期")
        _require_within_ordinary_period(locked, on)
        granted = sum(e.workdays for e in locked.events.filter(kind=EventKind.EXTENDED))
        if workdays < 1 or granted + workdays > EXTENSION_MAX.workdays:
            raise TransitionError(f"延期合计不得超过{EXTENSION_MAX.workdays}个工作日")
        if _pending_extension(locked):
            raise TransitionError("已有待批准的延期申请")

    return _step(
        application,
        by=by,
        on=on,
        kind=EventKind.EXTENSION_REQUESTED,
        check=check,
        event={"workdays": workdays, "note": reason},
        audit_data={"workdays": workdays},
    )


def _require_within_ordinary_period(locked: Application, on: date) -> None:
    """条例第三十三条第二款: an extension is approved by the head of the disclosure office and
    the applicant told within the ordinary 20 working days; after them it is too late."""
    deadline = _clock(locked, today=on)
    if deadline.ordinary_due is not None and on > deadline.ordinary_due:
        raise TransitionError(
            f"条例第三十三条第二款：延长答复期限须在{REPLY.workdays}个工作日的答复期限内"
            f"（至{cn(deadline.ordinary_due)}）经批准并告知申请人；期限已过，不能延期"
        )


def _pending_extension(application: Application) -> ApplicationEvent | None:
    # one read of the events (or none, when a list such as the 工作台 prefetched them)
    events = application.events.all()
    requests = [e for e in events if e.kind == EventKind.EXTENSION_REQUESTED]
    decided = sum(1 for e in events if e.kind == EventKind.EXTENDED)
    return requests[-1] if len(requests) > decided else None


def approve_extension(application: Application, *, by: User, on: date) -> Application:
    def check(locked: Application) -> None:
        pending = _pending_extension(locked)
        if pending is None:
            raise TransitionError("没有待批准的延期申请")
        if pending.by_id == by.pk:
            raise TransitionError("延期须由申请延期的经办人以外的审核人批准")
        _require_within_ordinary_period(locked, on)

    def event(locked: Application) -> dict:
        pending = _pending_extension(locked)
        return {"workdays": pending.workdays, "note": pending.note, "approved_by": by}

    def tell(locked: Application) -> tuple[str, str]:
        granted = locked.events.filter(kind=EventKind.EXTENDED).last()
        return (
            "延期答复告知",
            f"您的申请（{locked.tracking_number}）经批准延长答复期限"
            f"{granted.workdays}个工作日，理由：{granted.note}",
        )

    return _step(
        application,
        by=by,
        on=on,
        kind=EventKind.EXTENDED,
        roles=(Role.REVIEWER,),
        check=check,
        event=event,
        tell=tell,
    )
