"""Every step of handling an application, one function each (DESIGN.md's recipe).

Each checks who acts and the current state, then in one transaction locks the row, records
the event, recomputes the deadline with the statute's engine, saves only what changed,
writes an audit entry, and tells the applicant by e-mail once the transaction commits.
An illegal step raises TransitionError with a sentence for the clerk.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.core.mail import send_mail
from django.db import transaction

from gongkai.applications.models import (
    Appeal,
    AppealResult,
    Application,
    ApplicationEvent,
    EventKind,
    Status,
)
from gongkai.applications.outcomes import (
    ABANDONED_NO_CORRECTION,
    ABANDONED_UNPAID_FEE,
    OTHER_HANDLING,
    OUTCOMES,
)
from gongkai.core.audit import audit
from gongkai.core.calendar import current_calendar
from gongkai.core.models import Agency, Role, User
from gongkai.core.transitions import TransitionError, require_role
from gongkai.statute.deadlines import Channel, ClockState, PauseKind, date_of_receipt
from gongkai.statute.periods import EXTENSION_MAX, FEE_PAYMENT

HANDLERS = (Role.CLERK, Role.ADMIN)
DEADLINE_FIELDS = ["clock_state", "due_on", "due_is_provisional", "updated_at"]


def _next_tracking_number(agency: Agency, year: int) -> str:
    """The next serial of the agency's year. The agency's row is locked first: locking the
    last application is not enough (two submitters both lock it, both see it as the last,
    and the second insert fails; nor is there any row to lock for the year's first)."""
    Agency.objects.select_for_update().filter(pk=agency.pk).first()
    prefix = f"{year}-{agency.pk}-"
    last = (
        Application.objects.filter(tracking_number__startswith=prefix)
        .order_by("-tracking_number")
        .values_list("tracking_number", flat=True)
        .first()
    )
    serial = int(last.rsplit("-", 1)[1]) + 1 if last else 1
    return f"{prefix}{serial:05d}"


def _create(agency: Agency, *, today: date, fields: dict) -> tuple[Application, str]:
    code = Application.new_query_code()
    application = Application(agency=agency, query_code_digest=Application.digest(code), **fields)
    application.full_clean(exclude=["tracking_number", "query_code_digest"])
    application.tracking_number = _next_tracking_number(agency, today.year)
    application.refresh_deadline(calendar=current_calendar(), today=today)
    application.save()
    return application, code


def submit_online(
    agency: Agency, *, today: date, attachments=(), **fields
) -> tuple[Application, str]:
    """A citizen's online application. Its date of receipt is the day staff confirm it
    (条例第三十一条), so until then no period runs. `attachments` are (kind, upload) pairs
    already checked by the form."""
    from gongkai.applications.attachments import FOLDER, store
    from gongkai.applications.models import Attachment
    from gongkai.core import uploads

    written: list[str] = []
    try:
        with transaction.atomic():
            application, code = _submit_online(agency, today=today, fields=fields)
            for kind, upload in attachments:
                name, content_type, size = store(upload)
                written.append(name)
                Attachment.objects.create(
                    application=application,
                    kind=kind,
                    original_name=uploads.display_name(upload.name),
                    storage_name=name,
                    content_type=content_type,
                    size=size,
                )
    except Exception:
        # a failed submission leaves no stray files behind (a killed one is swept later:
        # retention.sweep_orphaned_files, run by `gongkai anonymise`)
        uploads.delete(FOLDER, *written)
        raise
    return application, code


def _submit_online(agency: Agency, *, today: date, fields: dict) -> tuple[Application, str]:
    application, code = _create(
        agency,
        today=today,
        fields={
            **fields,
            "channel": Channel.ONLINE.name,
            "submitted_on": today,
            "status": Status.AWAITING_CONFIRMATION,
        },
    )
    audit(None, "application.submitted_online", obj=application, actor_label="申请人（网上）")
    _notify(
        application,
        "已收到您的政府信息公开申请",
        f"申请编号：{application.tracking_number}\n查询码：{code}\n"
        "凭申请编号和查询码可查询办理进度；工作人员确认收到后开始计算答复期限。",
    )
    return application, code


def register_application(
    agency: Agency,
    *,
    by: User,
    channel: Channel,
    submitted_on: date,
    signed_on: date | None = None,
    confirmed_on: date | None = None,
    today: date,
    **fields,
) -> tuple[Application, str]:
    """An application staff enter: in person, by post, fax or e-mail, with the facts that fix
    its date of receipt under 条例第三十一条."""
    require_role(by, agency, HANDLERS)
    try:
        received = date_of_receipt(
            channel, submitted=submitted_on, signed=signed_on, confirmed=confirmed_on
        )
    except ValueError as error:
        raise TransitionError(str(error)) from None
    if received > today:
        raise TransitionError("收到申请的日期不能晚于今天")
    with transaction.atomic():
        application, code = _create(
            agency,
            today=today,
            fields={
                **fields,
                "channel": channel.name,
                "submitted_on": submitted_on,
                "signed_on": signed_on,
                "confirmed_on": confirmed_on,
                "received_on": received,
                "status": Status.OPEN,
                "clerk": by,
            },
        )
        audit(
            by,
            "application.registered",
            obj=application,
            channel=channel.value,
            received_on=str(received),
        )
    return application, code


def _locked(application: Application) -> Application:
    return Application.objects.select_for_update().get(pk=application.pk)


def _step(
    application: Application,
    *,
    by: User,
    on: date,
    kind: EventKind,
    roles=HANDLERS,
    statuses=(Status.OPEN,),
    check=None,
    changes: dict | None = None,
    event=None,
    audit_data: dict | None = None,
    tell=None,
    then: tuple[tuple[EventKind, dict], ...] = (),
) -> Application:
    """The recipe shared by every step on an existing application. `then` lists further
    events that belong to the same step (a fee notice also pauses the clock), recorded in
    the same transaction."""
    require_role(by, application.agency, roles)
    with transaction.atomic():
        locked = _locked(application)
        if locked.status not in statuses:
            raise TransitionError(f"申请当前为“{locked.get_status_display()}”，不能{kind.label}")
        if locked.received_on and on < locked.received_on:
            raise TransitionError("日期不能早于收到申请的日期")
        if check:
            check(locked)
        for name, value in (changes or {}).items():
            setattr(locked, name, value)
        fields = event(locked) if callable(event) else (event or {})
        ApplicationEvent.objects.create(application=locked, kind=kind, on=on, by=by, **fields)
        for follow_kind, follow_fields in then:
            ApplicationEvent.objects.create(
                application=locked, kind=follow_kind, on=on, by=by, **follow_fields
            )
        try:
            locked.refresh_deadline(calendar=current_calendar(), today=on)
        except ValueError as error:  # the engine refuses an impossible sequence
            raise TransitionError(str(error)) from None
        locked.save(update_fields=[*(changes or {}), *DEADLINE_FIELDS])
        audit(by, f"application.{kind.value}", obj=locked, on=str(on), **(audit_data or {}))
        if tell:
            _notify(locked, *(tell(locked) if callable(tell) else tell))
    application.refresh_from_db()
    return application


def confirm_receipt(application: Application, *, by: User, on: date) -> Application:
    """Both sides confirm an online application: its date of receipt (条例第三十一条)."""
    return _step(
        application,
        by=by,
        on=on,
        kind=EventKind.RECEIPT_CONFIRMED,
        statuses=(Status.AWAITING_CONFIRMATION,),
        changes={"confirmed_on": on, "received_on": on, "status": Status.OPEN, "clerk": by},
        tell=(
            "您的政府信息公开申请已确认收到",
            f"申请编号：{application.tracking_number}，收到申请日期：{on:%Y-%m-%d}。",
        ),
    )


def _clock(application: Application, *, today: date):
    return application.deadline(calendar=current_calendar(), today=today)


def _require_running(locked: Application, on: date, message: str) -> None:
    if _clock(locked, today=on).state is not ClockState.RUNNING:
        raise TransitionError(message)


def _open_pause(locked: Application) -> ApplicationEvent | None:
    """The pause started and not yet ended. A consultation stays open until its answer is
    recorded, even past its 15 working days (the engine stops counting it then); a fee stays
    open until it is paid or waived."""
    started = list(locked.events.filter(kind=EventKind.PAUSE_STARTED).order_by("on", "id"))
    ended = locked.events.filter(kind=EventKind.PAUSE_ENDED).count()
    return started[-1] if len(started) > ended else None


def _fee_pending(locked: Application) -> ApplicationEvent:
    pause = _open_pause(locked)
    if pause is None or pause.pause_kind != PauseKind.FEE.name:
        raise TransitionError("该申请没有待缴的信息处理费")
    return pause


def request_correction(
    application: Application, *, by: User, on: date, period_workdays: int, what: str
) -> Application:
    """条例第三十条: ask once to correct an unclear application (a second time only after a
    correction that is still unclear), saying what and by when."""
    if not what.strip():
        raise TransitionError("请写明需要补正的事项")
    if not 1 <= period_workdays <= 60:
        raise TransitionError("补正期限应为 1—60 个工作日")

    def check(locked: Application) -> None:
        _require_running(locked, on, "只能在计时中的申请上告知补正")
        requests = locked.events.filter(kind=EventKind.CORRECTION_REQUESTED).count()
        if requests >= 2:
            raise TransitionError("已两次告知补正；仍不明确的，请以“补正后申请内容仍不明确”答复")

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
        locked.refresh_deadline(calendar=current_calendar(), today=on)
        locked.save(update_fields=DEADLINE_FIELDS)
        audit(None, "application.corrected", obj=locked, actor_label="申请人（网上）")
    application.refresh_from_db()
    return application


def request_extension(
    application: Application, *, by: User, on: date, workdays: int, reason: str
) -> Application:
    """The clerk asks; the head of the disclosure office approves (条例第三十三条第二款)."""
    if not reason.strip():
        raise TransitionError("请写明延期理由")

    def check(locked: Application) -> None:
        _require_running(locked, on, "只有计时中的申请可以延期")
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


def _pending_extension(application: Application) -> ApplicationEvent | None:
    requests = list(application.events.filter(kind=EventKind.EXTENSION_REQUESTED))
    decided = application.events.filter(kind=EventKind.EXTENDED).count()
    return requests[-1] if len(requests) > decided else None


def approve_extension(application: Application, *, by: User, on: date) -> Application:
    def check(locked: Application) -> None:
        pending = _pending_extension(locked)
        if pending is None:
            raise TransitionError("没有待批准的延期申请")
        if pending.by_id == by.pk:
            raise TransitionError("延期须由申请延期的经办人以外的审核人批准")

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


def start_consultation(
    application: Application, *, by: User, on: date, kind: PauseKind, note: str = ""
) -> Application:
    """条例第三十二条、第三十四条: the consultation time does not count. `on` is the day the
    third party or other agency received the request."""
    if kind is PauseKind.FEE:
        raise TransitionError("收费请使用“发出收费通知”")

    def check(locked: Application) -> None:
        _require_running(locked, on, "只能在计时中的申请上开始征求意见")

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
    application: Application, *, by: User, on: date, note: str = ""
) -> Application:
    """The third party or other agency answered (or the agency records the expiry)."""

    def consultation(locked: Application) -> ApplicationEvent:
        pause = _open_pause(locked)
        if pause is None or pause.pause_kind == PauseKind.FEE.name:
            raise TransitionError("该申请没有进行中的征求意见")
        return pause

    def event(locked: Application) -> dict:
        return {"pause_kind": consultation(locked).pause_kind, "note": note}

    return _step(
        application, by=by, on=on, kind=EventKind.PAUSE_ENDED, check=consultation, event=event
    )


def issue_fee_notice(
    application: Application, *, by: User, on: date, amount: Decimal, basis: str
) -> Application:
    """109号: the fee notice states basis, rate and amount; the clock waits for payment."""
    if amount <= 0:
        raise TransitionError("收费金额应大于 0")

    def check(locked: Application) -> None:
        _require_running(locked, on, "只能在计时中的申请上发出收费通知")

    return _step(
        application,
        by=by,
        on=on,
        kind=EventKind.FEE_NOTICE,
        then=((EventKind.PAUSE_STARTED, {"pause_kind": PauseKind.FEE.name}),),
        check=check,
        event={"amount": amount, "note": basis},
        audit_data={"amount": str(amount)},
        tell=(
            "信息处理费收费通知",
            f"您的申请（{application.tracking_number}）应缴信息处理费"
            f"{amount}元，依据：{basis}。请在收到通知次日起"
            f"{FEE_PAYMENT.workdays}个工作日内缴纳。",
        ),
    )


END_FEE_PAUSE = ((EventKind.PAUSE_ENDED, {"pause_kind": PauseKind.FEE.name}),)


def record_payment(application: Application, *, by: User, on: date, amount: Decimal) -> Application:
    return _step(
        application,
        by=by,
        on=on,
        kind=EventKind.FEE_PAID,
        check=_fee_pending,
        event={"amount": amount},
        audit_data={"amount": str(amount)},
        then=END_FEE_PAUSE,
    )


def waive_fee(application: Application, *, by: User, on: date, reason: str) -> Application:
    """The agency waives or reduces a fee it noticed (109号 allows 减免); the clock resumes."""
    if not reason.strip():
        raise TransitionError("请写明减免理由")
    return _step(
        application,
        by=by,
        on=on,
        kind=EventKind.FEE_WAIVED,
        check=_fee_pending,
        event={"note": reason},
        then=END_FEE_PAUSE,
    )


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


def _conclude(
    application: Application,
    *,
    by: User,
    on: date,
    outcome: str,
    kind: EventKind,
    note: str,
    check=None,
    tell=None,
) -> Application:
    return _step(
        application,
        by=by,
        on=on,
        kind=kind,
        check=check,
        changes={"status": Status.CONCLUDED, "outcome": outcome, "concluded_on": on},
        event={"note": note},
        audit_data={"outcome": outcome},
        tell=tell,
    )


def reply(application: Application, *, by: User, on: date, outcome: str, text: str) -> Application:
    """条例第三十六条至第三十九条: exactly one outcome, the row table 三 counts it in."""
    if outcome not in OUTCOMES or outcome in (ABANDONED_NO_CORRECTION, ABANDONED_UNPAID_FEE):
        raise TransitionError("请选择一种答复结果（逾期不补正、逾期不缴费另有办理步骤）")
    if not text.strip():
        raise TransitionError("请填写答复内容")

    def check(locked: Application) -> None:
        state = _clock(locked, today=on).state
        if state is ClockState.AWAITING_CORRECTION:
            raise TransitionError("申请正在等待补正，不能答复")
        pause = _open_pause(locked)
        if pause is not None and pause.pause_kind == PauseKind.FEE.name:
            raise TransitionError("信息处理费尚未缴纳，不能答复")

    return _conclude(
        application,
        by=by,
        on=on,
        outcome=outcome,
        kind=EventKind.REPLIED,
        note=text,
        check=check,
        tell=("政府信息公开申请答复", f"您的申请（{application.tracking_number}）已答复。"),
    )


def abandon_for_no_correction(application: Application, *, by: User, on: date) -> Application:
    """条例第三十条: no correction within the period, without good reason: abandoned."""

    def check(locked: Application) -> None:
        deadline = _clock(locked, today=on)
        if deadline.state is not ClockState.AWAITING_CORRECTION:
            raise TransitionError("该申请没有等待中的补正")
        if on <= deadline.waiting_until:
            raise TransitionError(f"补正期限到 {deadline.waiting_until:%Y-%m-%d} 才届满")

    return _conclude(
        application,
        by=by,
        on=on,
        outcome=ABANDONED_NO_CORRECTION,
        kind=EventKind.ABANDONED,
        note="逾期未补正",
        check=check,
    )


def abandon_for_unpaid_fee(application: Application, *, by: User, on: date) -> Application:
    """109号: no payment within 20 working days after the notice: abandoned (三（六）2)."""

    def check(locked: Application) -> None:
        noticed = _fee_pending(locked).on  # a fee notice and its pause are one step
        last_day = current_calendar().add(noticed, FEE_PAYMENT.workdays).date
        if on <= last_day:
            raise TransitionError(f"缴费期限到 {last_day:%Y-%m-%d} 才届满")

    return _conclude(
        application,
        by=by,
        on=on,
        outcome=ABANDONED_UNPAID_FEE,
        kind=EventKind.ABANDONED,
        note="逾期未缴纳信息处理费",
        check=check,
    )


def withdraw(application: Application, *, by: User, on: date, note: str = "") -> Application:
    """The applicant withdraws (counted as 三（六）3 其他)."""
    return _conclude(
        application,
        by=by,
        on=on,
        outcome=OTHER_HANDLING,
        kind=EventKind.WITHDRAWN,
        note=note or "申请人撤回申请",
    )


def record_delivery(application: Application, *, by: User, on: date, how: str) -> Application:
    def check(locked: Application) -> None:
        if not locked.events.filter(kind=EventKind.REPLIED).exists():
            raise TransitionError("尚未答复，无需送达")
        if locked.concluded_on and on < locked.concluded_on:
            raise TransitionError("送达日期不能早于答复日期")

    return _step(
        application,
        by=by,
        on=on,
        kind=EventKind.DELIVERED,
        check=check,
        statuses=(Status.CONCLUDED,),
        event={"note": how},
    )


def set_later_date(
    application: Application, *, by: User, on: date, due: date, reason: str
) -> Application:
    """条例第三十五条: reasonable but too many to answer in time: a reasonable later date."""
    if due <= on:
        raise TransitionError("合理答复期限应晚于今天")
    return _step(
        application,
        by=by,
        on=on,
        kind=EventKind.LATER_DATE_SET,
        event={"later_due": due, "note": reason},
        tell=(
            "答复期限告知",
            f"您的申请（{application.tracking_number}）将于 {due:%Y-%m-%d} 前答复。理由：{reason}",
        ),
    )


def record_appeal(
    application: Application,
    *,
    by: User,
    kind: str,
    filed_on: date,
    case_number: str = "",
    body: str = "",
) -> Appeal:
    require_role(by, application.agency, HANDLERS)
    with transaction.atomic():
        appeal = Appeal.objects.create(
            application=application,
            kind=kind,
            filed_on=filed_on,
            case_number=case_number,
            body=body,
        )
        audit(by, "appeal.recorded", obj=appeal, agency=application.agency, kind=kind)
    return appeal


def decide_appeal(appeal: Appeal, *, by: User, decided_on: date, result: str) -> Appeal:
    require_role(by, appeal.application.agency, HANDLERS)
    if result == AppealResult.PENDING:
        raise TransitionError("请选择审结结果")
    if decided_on < appeal.filed_on:
        raise TransitionError("审结日期不能早于申请或起诉日期")
    with transaction.atomic():
        locked = Appeal.objects.select_for_update().get(pk=appeal.pk)
        locked.decided_on, locked.result = decided_on, result
        locked.save(update_fields=["decided_on", "result"])
        audit(by, "appeal.decided", obj=locked, agency=appeal.application.agency, result=result)
    return locked


def _notify(application: Application, subject: str, body: str) -> None:
    if application.email:
        transaction.on_commit(
            lambda: send_mail(subject, body, None, [application.email], fail_silently=True)
        )
