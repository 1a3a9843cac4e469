"""行政复议 and 行政诉讼 against a reply or a failure to reply (条例第五十一条, 行政复议法第十一条):
recorded even when filed late (the 复议机关 or court decides that), and their decision."""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.utils import timezone

from gongkai.applications.models import (
    Appeal,
    AppealResult,
    Application,
)
from gongkai.applications.transitions.base import _check_declared_step, _locked
from gongkai.core.audit import audit
from gongkai.core.models import User
from gongkai.core.roles import HANDLERS
from gongkai.core.transitions import TransitionError, require_role


def record_appeal(
    application: Application,
    *,
    by: User,
    kind: str,
    filed_on: date,
    case_number: str = "",
    body: str = "",
) -> Appeal:
    """A reconsideration or suit is recorded even when filed late (the 复议机关 or court
    decides late filing); the clerk sees the flag (Appeal.late_filing). It lies against a
    reply, or against a failure to reply once the period has passed (条例第五十一条, 行政复议法
    第十一条): the declared step "appeal" checks which, as of the day it was filed."""
    require_role(by, application.agency, HANDLERS)
    if filed_on > timezone.localdate():
        raise TransitionError("申请或起诉日期不能晚于今天")
    from gongkai.core.year_lock import locked_year_reason

    if reason := locked_year_reason(application.agency, filed_on.year):
        raise TransitionError(reason)
    with transaction.atomic():
        locked = _locked(application)
        _check_declared_step(locked, "appeal", by=by, on=filed_on)
        appeal = Appeal.objects.create(
            application=locked,
            kind=kind,
            filed_on=filed_on,
            case_number=case_number,
            body=body,
        )
        late = appeal.late_filing()
        audit(
            by,
            "appeal.recorded",
            obj=appeal,
            agency=application.agency,
            kind=kind,
            **({"late_filing": late} if late else {}),
        )
    return appeal


def decide_appeal(appeal: Appeal, *, by: User, decided_on: date, result: str) -> Appeal:
    require_role(by, appeal.application.agency, HANDLERS)
    if result == AppealResult.PENDING:
        raise TransitionError("请选择审结结果")
    if decided_on < appeal.filed_on:
        raise TransitionError("审结日期不能早于申请或起诉日期")
    if decided_on > timezone.localdate():
        raise TransitionError("审结日期不能晚于今天")
    from gongkai.core.year_lock import locked_year_reason

    if reason := locked_year_reason(appeal.application.agency, decided_on.year):
        raise TransitionError(reason)
    with transaction.atomic():
        _check_declared_step(_locked(appeal.application), "appeal_decided", by=by, on=decided_on)
        locked = Appeal.objects.select_for_update().get(pk=appeal.pk)
        locked.decided_on, locked.result = decided_on, result
        locked.save(update_fields=["decided_on", "result"])
        audit(by, "appeal.decided", obj=locked, agency=appeal.application.agency, result=result)
    return locked
