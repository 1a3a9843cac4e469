"""征求意见 (条例第三十二条、第三十四条): the time a third party or another agency takes does
not count (第三十三条第三款); a third party's answer is recorded as 同意, 不同意 with its
reasons, or 逾期未答复 once its 15 working days have run out."""

from __future__ import annotations

from datetime import date

from gongkai.applications.models import (
    Application,
    ApplicationEvent,
    EventKind,
)
from gongkai.applications.transitions.base import _clock, _open_pause, _step
from gongkai.applications.wording import (
    THIRD_PARTY_ANSWERS,
)
from gongkai.core.calendar import calendar_for
from gongkai.core.dates import chinese_date as cn
from gongkai.core.models import User
from gongkai.core.transitions import TransitionError
from gongkai.statute.deadlines import ClockState, PauseKind
from gongkai.statute.periods import (
    THIRD_PARTY_OPINION,
)


def start_consultation(
    application: Application, *, by: User, on: date, kind: PauseKind, note: str = ""
) -> Application:
    """条例第三十二条、第三十四条: the consultation time does not count. `on` is the day the
    third party or other agency received the request."""
    if kind is PauseKind.FEE:
        raise TransitionError("收费请使用“发出收费通知”")

    def check(locked: Application) -> None:
        deadline = _clock(locked, today=on)
        if deadline.state is not ClockState.RUNNING:
            raise TransitionError("只能在计时中的申请上开始征求意见")
        if on > deadline.due:
            # 第三十三条第三款 leaves out consultation time inside the period; it cannot
            # pause a clock that has already run out
            article = "第三十二条" if kind is PauseKind.THIRD_PARTY else "第三十四条"
            raise TransitionError(
                f"条例{article}、第三十三条第三款：征求意见须在答复期限（{cn(deadline.due)}）"
                "届满前开始；期限已过，不能再以征求意见中止计时"
            )

    return _step(
        application,
        by=by,
        on=on,
        kind=EventKind.PAUSE_STARTED,
        check=check,
        event={"pause_kind": kind.name, "note": note},
        audit_data={"pause": kind.value},
    )


def end_consultation(
    application: Application,
    *,
    by: User,
    on: date,
    note: str = "",
    answer: str = "",
    reasons: str = "",
) -> Application:
    """The third party or other agency answered (or the agency records the expiry).

    条例第三十二条: a third party's answer is recorded as 同意, 不同意 (with its reasons) or
    逾期未答复 — the reply's letter says which, and after 同意 the information is disclosed
    (第十五条)."""
    answer = answer.strip()
    if answer and answer not in THIRD_PARTY_ANSWERS:
        raise TransitionError("第三方意见请选择：" + "、".join(THIRD_PARTY_ANSWERS))
    if answer == "不同意" and not reasons.strip():
        raise TransitionError("条例第三十二条：第三方不同意公开的，请登记其理由")

    def consultation(locked: Application) -> ApplicationEvent:
        pause = _open_pause(locked)
        if pause is None or pause.pause_kind == PauseKind.FEE.name:
            raise TransitionError("该申请没有进行中的征求意见")
        third_party = pause.pause_kind == PauseKind.THIRD_PARTY.name
        if third_party and not answer:
            raise TransitionError(
                "条例第三十二条：请登记第三方的意见：同意、不同意（并写明理由）或逾期未答复"
            )
        if answer and not third_party:
            raise TransitionError("同意、不同意、逾期未答复只用于征求第三方意见")
        if answer == "逾期未答复":
            end = calendar_for(locked.agency).latest_plausible_add(
                pause.on, THIRD_PARTY_OPINION.workdays
            )
            if on <= end.date:
                raise TransitionError(
                    f"条例第三十二条：第三方提出意见的期限到{cn(end.date)}才届满，"
                    "届满前不能登记为逾期未答复"
                )
        return pause

    def event(locked: Application) -> dict:
        details = {"answer": answer, "reasons": reasons.strip()} if answer else {}
        return {"pause_kind": consultation(locked).pause_kind, "note": note, "details": details}

    return _step(
        application, by=by, on=on, kind=EventKind.PAUSE_ENDED, check=consultation, event=event
    )


def _third_party_answer(locked: Application, on: date) -> dict:
    """The answer of the latest third-party consultation (条例第三十二条): what was recorded
    when it ended, or 逾期未答复 once its 15 working days have run out (never earlier than the
    law could make them end: the latest plausible end while a year is unarranged). Empty
    while the consultation is still running."""
    events = locked.events
    consultation = (
        events.filter(kind=EventKind.PAUSE_STARTED, pause_kind=PauseKind.THIRD_PARTY.name)
        .order_by("on", "id")
        .last()
    )
    if consultation is None:
        return {}
    ended = (
        events.filter(
            kind=EventKind.PAUSE_ENDED,
            pause_kind=PauseKind.THIRD_PARTY.name,
            on__gte=consultation.on,
        )
        .order_by("on", "id")
        .first()
    )
    if ended is not None:
        recorded = ended.details or {}
        return {
            "third_party_answer": recorded.get("answer", ""),
            "third_party_reasons": recorded.get("reasons", ""),
        }
    end = calendar_for(locked.agency).latest_plausible_add(
        consultation.on, THIRD_PARTY_OPINION.workdays
    )
    return {"third_party_answer": "逾期未答复"} if end.date < on else {}
