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
from django.utils import timezone

from gongkai.applications.citizen import payment_method, reply_sentence, status_address
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
    NOT_PROCESSED_UNREASONABLE,
    OTHER_HANDLING,
    OUTCOMES,
)
from gongkai.applications.wording import (
    NOT_GOVERNMENT_INFORMATION,
    POSTPONED_SENTENCE,
    REFUSAL_REASONS,
    THIRD_PARTY_ANSWERS,
)
from gongkai.core.audit import audit
from gongkai.core.calendar import calendar_for
from gongkai.core.dates import chinese_date as cn
from gongkai.core.models import Agency, Role, User
from gongkai.core.roles import HANDLERS
from gongkai.core.transitions import TransitionError, require_role
from gongkai.statute.deadlines import Channel, ClockState, PauseKind, date_of_receipt
from gongkai.statute.periods import (
    CORRECTION_NOTICE,
    EXTENSION_MAX,
    FEE_PAYMENT,
    REPLY,
    THIRD_PARTY_OPINION,
)
from gongkai.statute.workdays import WorkdayCalendar, WorkdayDate

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
    application.refresh_deadline(calendar=calendar_for(agency), today=today)
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
        "凭申请编号和查询码可查询办理进度；工作人员确认收到后开始计算答复期限。\n"
        f"办理进度：{status_address(application)}",
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
    late_confirmation_reason: str = "",
    today: date,
    **fields,
) -> tuple[Application, str]:
    """An application staff enter: in person, by post, fax or e-mail, with the facts that fix
    its date of receipt under 条例第三十一条. For an ordinary letter `signed_on` is the day
    the letter arrived: the agency confirms with the applicant that day, and a later
    confirmation needs its reason."""
    require_role(by, agency, HANDLERS)
    try:
        received = date_of_receipt(
            channel, submitted=submitted_on, signed=signed_on, confirmed=confirmed_on
        )
    except ValueError as error:
        raise TransitionError(str(error)) from None
    if received > today:
        raise TransitionError("收到申请的日期不能晚于今天")
    from gongkai.core.year_lock import locked_year_reason

    if reason := locked_year_reason(agency, received.year):
        raise TransitionError(reason)
    # 条例第三十一条: the date of receipt is the agency's receipt of what was submitted
    for label, day in (("签收或到达日期", signed_on), ("确认日期", confirmed_on)):
        if day is not None and day < submitted_on:
            raise TransitionError(
                f"{label}（{cn(day)}）不能早于提交（寄出）日期（{cn(submitted_on)}）（条例第三十一条）"
            )
    receipt_note = ""
    if channel is Channel.ORDINARY_LETTER:
        if signed_on is None:
            raise TransitionError("平常信函请填写信函到达本机关的日期（条例第三十一条）")
        if confirmed_on is not None and confirmed_on > signed_on:
            # 条例第三十一条: 行政机关应当于收到申请的当日与申请人确认; the arrival day is the
            # date of receipt unless the applicant could not be reached that day
            if not late_confirmation_reason.strip():
                raise TransitionError(
                    f"条例第三十一条：平常信函应于收到信函当日（{cn(signed_on)}）与申请人确认，"
                    "以到达之日为收到申请之日；因无法与申请人取得联系而晚于当日确认的，请写明原因"
                )
            receipt_note = (
                f"信函{cn(signed_on)}到达，{cn(confirmed_on)}确认：{late_confirmation_reason}"
            )
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
                "receipt_note": receipt_note,
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
    changes=None,
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
        _require_in_order(locked, on, kind)
        if check:
            check(locked)
        _check_declared(locked, kind, by=by, on=on)
        if callable(changes):  # known only under the row lock (a reply's lateness)
            changes = changes(locked)
        for name, value in (changes or {}).items():
            setattr(locked, name, value)
        fields = event(locked) if callable(event) else (event or {})
        ApplicationEvent.objects.create(application=locked, kind=kind, on=on, by=by, **fields)
        for follow_kind, follow_fields in then:
            ApplicationEvent.objects.create(
                application=locked, kind=follow_kind, on=on, by=by, **follow_fields
            )
        try:
            locked.refresh_deadline(calendar=calendar_for(locked.agency), today=on)
        except ValueError as error:  # the engine refuses an impossible sequence
            raise TransitionError(str(error)) from None
        locked.save(update_fields=[*(changes or {}), *DEADLINE_FIELDS])
        audit(by, f"application.{kind.value}", obj=locked, on=str(on), **(audit_data or {}))
        if tell:
            _notify(locked, *(tell(locked) if callable(tell) else tell))
    application.refresh_from_db()
    return application


def _check_declared(locked: Application, kind: EventKind, *, by: User, on: date) -> None:
    """The step as applications/steps.py declares it, checked under the lock: what the page
    offers and what the transition allows cannot drift apart."""
    from gongkai.applications.steps import STEP_OF_EVENT  # it imports this module
    from gongkai.core.steps import check

    if kind in STEP_OF_EVENT:
        check(locked, STEP_OF_EVENT[kind], user=by, today=on)


def _check_declared_step(locked: Application, name: str, *, by: User, on: date) -> None:
    from gongkai.core.steps import check

    check(locked, name, user=by, today=on)


def _require_in_order(locked: Application, on: date, kind: EventKind) -> None:
    """A step happens on or after the receipt and the previous step, and not in the future:
    otherwise a clerk could date a notice back inside the period and make an overdue
    application look answered in time (条例第三十三条)."""
    today = timezone.localdate()
    if on > today:
        raise TransitionError(f"{kind.label}的日期（{cn(on)}）不能晚于今天（{cn(today)}）")
    if locked.received_on and on < locked.received_on:
        raise TransitionError(
            f"{kind.label}的日期（{cn(on)}）不能早于收到申请的日期（{cn(locked.received_on)}）"
        )
    if locked.submitted_on and on < locked.submitted_on:
        raise TransitionError(
            f"{kind.label}的日期（{cn(on)}）不能早于提交申请的日期（{cn(locked.submitted_on)}）"
            "（条例第三十一条）"
        )
    previous = locked.events.order_by("-on", "-id").first()
    if previous is not None and on < previous.on:
        raise TransitionError(
            f"{kind.label}的日期（{cn(on)}）不能早于上一办理步骤"
            f"“{previous.get_kind_display()}”的日期（{cn(previous.on)}）；办理记录按时间顺序登记"
        )
    if locked.concluded_on and on < locked.concluded_on:
        raise TransitionError(f"{kind.label}的日期不能早于办结日期（{cn(locked.concluded_on)}）")
    from gongkai.core.year_lock import locked_year_reason

    reason = locked_year_reason(locked.agency, on.year)
    if reason:
        raise TransitionError(reason)


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
            f"申请编号：{application.tracking_number}，收到申请日期：{cn(on)}。",
        ),
    )


def _clock(application: Application, *, today: date):
    return application.deadline(calendar=calendar_for(application.agency), today=today)


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


class FeeMethod:
    """109号: per application the agency charges 按件 or 按量, never both."""

    PER_ITEM = "per_item"
    PER_PAGE = "per_page"
    LABELS = {PER_ITEM: "按件计收", PER_PAGE: "按量计收"}


FEE_SERVICE_WAYS = ("当面送达", "邮寄签收", "网上确认")


def fee_proposal(application: Application, *, method: str, pages: int = 0) -> dict:
    """The amount the product's fee rules give (statute.fees), with what it is computed from,
    for the clerk to see before issuing the notice.

    按件: the applicant's applications to this agency received in the same natural month
    (本自然月), the same applicant found by the keyed digest of the ID number; this
    application is the n-th and pays the n-th rate. 按量: this application's pages."""
    from gongkai.statute import fees

    if method == FeeMethod.PER_ITEM:
        received = application.received_on
        if received is None:
            raise TransitionError("尚未确认收到申请，不能计算按件收费")
        # counted per agency: each agency charges for the applications it receives
        month = Application.objects.filter(
            agency_id=application.agency_id,
            id_number_digest=application.id_number_digest,
            received_on__year=received.year,
            received_on__month=received.month,
        ).exclude(id_number_digest="")
        nth = (
            month.filter(received_on__lt=received).count()
            + month.filter(received_on=received, pk__lte=application.pk).count()
        )
        amount = fees.per_item_rate(max(nth, 1))
        standard = (
            "按件计收：同一申请人一个自然月内申请10件以下（含）不收费；11—30件（含）"
            "每件100元；31件以上每增加10件，每件收费标准提高100元"
        )
        basis = f"{received.year}年{received.month}月本申请人第{nth}件申请"
        return {"method": method, "quantity": nth, "amount": amount, "standard": standard,
                "basis": basis}  # fmt: skip
    if method == FeeMethod.PER_PAGE:
        if pages < 1:
            raise TransitionError("按量计收请填写页数")
        amount = fees.per_page_fee(pages)
        standard = (
            "按量计收：30页以下（含）不收费；31—100页（含）每页10元；101—200页（含）"
            "每页20元；201页以上每页40元（超额累进）"
        )
        return {"method": method, "quantity": pages, "amount": amount, "standard": standard,
                "basis": f"本申请提供信息{pages}页"}  # fmt: skip
    raise TransitionError("请选择按件计收或按量计收")


def issue_fee_notice(
    application: Application,
    *,
    by: User,
    on: date,
    method: str,
    served_on: date | None,
    served_how: str,
    pages: int = 0,
    amount: Decimal | None = None,
    amount_reason: str = "",
) -> Application:
    """国办函〔2020〕109号: the notice states basis, standard, amount, how to pay and the
    deadline; the amount is what the fee rules give unless a written reason says otherwise.
    `served_on` is the day the applicant received the notice (in person, post signed, online
    confirmed): the 20 working days to pay run from the day after it. A notice sent by post
    is issued with `served_on` None and its delivery recorded when the receipt comes back
    (record_fee_notice_served); until then no payment period runs. The clock waits."""
    if served_how not in FEE_SERVICE_WAYS:
        raise TransitionError("请选择收费通知的送达方式：" + "、".join(FEE_SERVICE_WAYS))
    _check_served_on(served_on, issued_on=on)
    proposal = fee_proposal(application, method=method, pages=pages)
    computed = Decimal(proposal["amount"])
    charged = computed if amount is None else Decimal(amount)
    if charged != computed and not amount_reason.strip():
        raise TransitionError(
            f"按收费标准计算应收{computed}元；收取{charged}元的，请写明理由（国办函〔2020〕109号）"
        )
    if charged <= 0:
        raise TransitionError(f"按收费标准本申请不收费（{proposal['basis']}），无需发出收费通知")
    pay_by = (
        calendar_for(application.agency).add(served_on, FEE_PAYMENT.workdays) if served_on else None
    )
    last_day = pay_by.date if pay_by else None
    details = {
        **proposal,
        "amount": str(charged),
        "computed": str(computed),
        "amount_reason": amount_reason.strip(),
        "served_on": served_on.isoformat() if served_on else None,
        "served_how": served_how,
        "pay_by": last_day.isoformat() if last_day else None,
        "pay_by_provisional": bool(pay_by and pay_by.provisional),
    }
    deadline_words = (
        f"请于{cn(last_day)}之前（含当日）缴纳（收到通知次日起{FEE_PAYMENT.workdays}个工作日）"
        + ("。" + POSTPONED_SENTENCE.rstrip("。") if pay_by.provisional else "")
        if last_day
        else f"请自收到本通知次日起{FEE_PAYMENT.workdays}个工作日内缴纳"
    )

    def check(locked: Application) -> None:
        deadline = _clock(locked, today=on)
        if deadline.state is not ClockState.RUNNING:
            raise TransitionError("只能在计时中的申请上发出收费通知")
        if on > deadline.due:
            raise TransitionError(
                f"答复期限已于{cn(deadline.due)}届满，收费通知不能中止已届满的答复期限"
                "（条例第三十三条）"
            )

    return _step(
        application,
        by=by,
        on=on,
        kind=EventKind.FEE_NOTICE,
        then=((EventKind.PAUSE_STARTED, {"pause_kind": PauseKind.FEE.name}),),
        check=check,
        event={"amount": charged, "note": proposal["basis"], "details": details},
        audit_data={"amount": str(charged), "computed": str(computed)},
        tell=(
            "信息处理费收费通知",
            f"您的申请（{application.tracking_number}）应缴信息处理费{charged}元，"
            f"收费依据：国办函〔2020〕109号，{proposal['standard']}；{proposal['basis']}。"
            f"{deadline_words}。\n缴费方式：{payment_method(application.agency)}。"
            f"\n办理进度：{status_address(application)}",
        ),
    )


def _check_served_on(served_on: date | None, *, issued_on: date) -> None:
    if served_on is None:
        return
    if served_on < issued_on:
        raise TransitionError("收费通知的送达日期不能早于发出日期")
    if served_on > timezone.localdate():
        raise TransitionError("收费通知的送达日期不能晚于今天")


def fee_payment_deadline(notice: ApplicationEvent, calendar: WorkdayCalendar) -> date | None:
    """109号: 20 working days from the day after the applicant received the notice; None
    while its delivery is not recorded (the period has not begun). This is the date the
    notice prints."""
    served = notice.details.get("served_on") if notice.details else None
    if not served:
        return None
    return calendar.add(date.fromisoformat(served), FEE_PAYMENT.workdays).date


def fee_period_end(notice: ApplicationEvent, calendar: WorkdayCalendar) -> WorkdayDate | None:
    """The last day the applicant may still pay as far as the law can tell today: the printed
    date, or while it depends on a year not yet arranged the latest plausible end
    (spec/workdays.md: a period against the applicant never ends earlier than the law could
    make it end)."""
    served = notice.details.get("served_on") if notice.details else None
    if not served:
        return None
    return calendar.latest_plausible_add(date.fromisoformat(served), FEE_PAYMENT.workdays)


def correction_period_end(events, calendar: WorkdayCalendar) -> WorkdayDate | None:
    """条例第三十条: the correction period's end as far as the law can tell today (the latest
    plausible end while it depends on a year not yet arranged); None without a notice."""
    notices = [e for e in events if e.kind == EventKind.CORRECTION_REQUESTED]
    if not notices:
        return None
    notice = notices[-1]
    return calendar.latest_plausible_add(notice.on, notice.workdays or 0)


def _unarranged_note(end: WorkdayDate, printed: date) -> str:
    if not end.provisional or end.date == printed:
        return ""
    return (
        f"（期限涉及国务院办公厅尚未公布节假日安排的年份，按法定节日计算为{cn(printed)}；"
        f"公布安排前以可能的最晚届满日{cn(end.date)}为准）"
    )


def record_fee_notice_served(
    application: Application, *, by: User, on: date, served_how: str
) -> Application:
    """109号: the payment period runs from the day after the applicant received the notice
    (`on`); a posted notice's delivery is known when the signed receipt comes back."""
    served_on = on
    require_role(by, application.agency, HANDLERS)
    if served_how not in FEE_SERVICE_WAYS:
        raise TransitionError("请选择收费通知的送达方式：" + "、".join(FEE_SERVICE_WAYS))
    with transaction.atomic():
        locked = _locked(application)
        pause = _fee_pending(locked)
        _check_declared_step(locked, "fee_served", by=by, on=on)
        notice = (
            locked.events.filter(kind=EventKind.FEE_NOTICE, on__lte=pause.on)
            .order_by("-on", "-id")
            .first()
        )
        if notice.details.get("served_on"):
            raise TransitionError("该收费通知的送达日期已经登记")
        _check_served_on(served_on, issued_on=notice.on)
        pay_by = calendar_for(locked.agency).add(served_on, FEE_PAYMENT.workdays)
        notice.details = {
            **notice.details,
            "served_on": served_on.isoformat(),
            "served_how": served_how,
            "pay_by": pay_by.date.isoformat(),
            "pay_by_provisional": pay_by.provisional,
        }
        notice.save(update_fields=["details"])
        audit(
            by,
            "application.fee_notice.served",
            obj=locked,
            served_on=served_on.isoformat(),
            served_how=served_how,
        )
    application.refresh_from_db()
    return application


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


NOT_HELD = "三（四）1"
STILL_UNCLEAR = "三（四）3"
THIRD_PARTY = "三（三）4"


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


def _require_outcome_prerequisites(locked: Application, outcome: str, on: date) -> None:
    """Each outcome only after the step the law requires before it."""
    events = locked.events
    if outcome == STILL_UNCLEAR and not events.filter(kind=EventKind.CORRECTED).exists():
        # 条例第三十条: the outcome of a correction that is still unclear, never instead of one
        raise TransitionError(
            "条例第三十条：“补正后申请内容仍不明确”只能在告知补正并收到补正后作出；"
            "本申请尚未收到补正"
        )
    if (
        outcome == NOT_PROCESSED_UNREASONABLE
        and not events.filter(kind=EventKind.REASONS_ANSWERED).exists()
    ):
        # 条例第三十五条: 可以要求申请人说明理由。认为申请理由不合理的，告知申请人不予处理
        raise TransitionError(
            "条例第三十五条：须先要求申请人说明理由，并登记申请人的说明（或未说明理由），"
            "才能以“无正当理由大量反复申请”不予处理"
        )
    if outcome == THIRD_PARTY:
        # 条例第三十二条: 书面征求第三方意见; 第三方应当自收到之日起15个工作日内提出意见. The
        # 15 working days never end earlier than the law could make them end (see
        # _third_party_answer).
        answer = _third_party_answer(locked, on).get("third_party_answer")
        if not answer:
            raise TransitionError(
                "条例第三十二条：以“保护第三方合法权益”不予公开前，须书面征求第三方意见，"
                f"并登记第三方的答复或待{THIRD_PARTY_OPINION.workdays}个工作日期限届满"
            )
        if answer == "同意":
            # 条例第十五条: 第三方同意公开或者行政机关认为不公开会对公共利益造成重大影响的，予以公开
            raise TransitionError(
                "条例第十五条：第三方同意公开的，予以公开；不能以“保护第三方合法权益”不予公开"
            )


def reply(
    application: Application,
    *,
    by: User,
    on: date,
    outcome: str,
    text: str,
    not_held_item: str = "",
    holder: str = "",
    reason: str = "",
    disclosed_item: str = "二",
    published_where: str = "",
    withheld: list[dict] | None = None,
) -> Application:
    """条例第三十六条至第三十九条: exactly one outcome, the row table 三 counts it in.

    三（四）1 says which item of 第三十六条 applies: 第四项 (the information does not exist
    after search) or 第五项 (not this agency's to disclose; `holder` names the agency that is
    and how to reach it). A reply after the due date is recorded as 逾期答复 with the
    working days late: overdue is a fact that stays (条例第三十三条)."""
    if outcome not in OUTCOMES or outcome in (ABANDONED_NO_CORRECTION, ABANDONED_UNPAID_FEE):
        raise TransitionError("请选择一种答复结果（逾期不补正、逾期不缴费另有办理步骤）")
    if not text.strip():
        raise TransitionError("请填写答复内容")
    details: dict = {}
    if outcome == NOT_HELD:
        if not_held_item not in ("四", "五"):
            raise TransitionError(
                "请选择依据：条例第三十六条第四项（经检索没有所申请公开信息）"
                "或第五项（不属于本机关负责公开）"
            )
        if not_held_item == "五" and not reason.strip():
            # 条例第三十六条第五项: 告知申请人并说明理由；能够确定负责公开该政府信息的行政机关
            # 的，告知申请人该行政机关的名称、联系方式 — the reason always, the holder if known
            raise TransitionError(
                "条例第三十六条第五项：请说明不属于本机关负责公开的理由"
                "（能够确定负责公开的机关的，并写明其名称、联系方式）"
            )
        details = {
            "article_36_item": not_held_item,
            "holder": holder.strip(),
            "reason": reason.strip(),
        }
    if outcome == "三（一）":
        details = _disclosure_details(application, disclosed_item or "二", published_where, on)
    if outcome == "三（二）":
        details = {"withheld": _withheld_parts(withheld)}
    late: dict = {}

    def check(locked: Application) -> None:
        deadline = _clock(locked, today=on)
        if deadline.state is ClockState.AWAITING_CORRECTION:
            raise TransitionError("申请正在等待补正，不能答复")
        pause = _open_pause(locked)
        if pause is not None and pause.pause_kind == PauseKind.FEE.name:
            raise TransitionError("信息处理费尚未缴纳，不能答复")
        _require_outcome_prerequisites(locked, outcome, on)
        if outcome == THIRD_PARTY:
            details.update(_third_party_answer(locked, on))
        if deadline.due is not None and on > deadline.due:
            # 条例第三十三条: recorded as 逾期答复, the working days after the due date
            late["workdays"] = calendar_for(locked.agency).between(deadline.due, on).days
            late["due"] = deadline.due.isoformat()

    def changes(locked: Application) -> dict:
        return {
            "status": Status.CONCLUDED,
            "outcome": outcome,
            "concluded_on": on,
            "late_workdays": late.get("workdays"),
        }

    def event(locked: Application) -> dict:
        return {
            "note": text,
            "details": {**details, **({"late": late} if late else {})},
            "workdays": late.get("workdays"),
        }

    return _step(
        application,
        by=by,
        on=on,
        kind=EventKind.REPLIED,
        check=check,
        changes=changes,
        event=event,
        audit_data={"outcome": outcome},
        tell=lambda locked: (
            "政府信息公开申请答复",
            f"{reply_sentence(locked)}\n答复告知书和办理过程请凭申请编号和查询码查看："
            f"{status_address(locked)}",
        ),
    )


def _disclosure_details(application: Application, item: str, where: str, on: date) -> dict:
    """三（一）: 条例第三十六条第一项 (already published: the letter says where and how to get it)
    or 第二项 (the 方式、途径和时间 of provision, from the application's record)."""
    if item == "一":
        if not where.strip():
            raise TransitionError("条例第三十六条第一项：请写明已公开信息的获取方式和途径")
        return {"article_36_item": "一", "published_where": where.strip()}
    if item != "二":
        raise TransitionError(
            "请选择依据：条例第三十六条第一项（已经主动公开）或第二项（予以公开）"
        )
    form = application.get_provision_form_display()
    way = application.delivery_way
    if way == "pick_up":
        provision = f"请自{cn(on)}起到本机关政府信息公开工作机构领取{form}件"
    else:
        provision = (
            f"本机关以{form}形式通过{application.get_delivery_way_display()}于{cn(on)}向您提供"
        )
    return {"article_36_item": "二", "provision": provision}


def _withheld_parts(parts: list[dict] | None) -> list[dict]:
    """三（二）: every withheld part with its ground (条例第三十七条: 说明理由), one of 三（三）1–7
    or that it is not government information; the remedy follows the ground."""
    grounds = (*REFUSAL_REASONS, NOT_GOVERNMENT_INFORMATION)
    cleaned = [
        {"what": (p.get("what") or "").strip(), "ground": (p.get("ground") or "").strip()}
        for p in parts or []
        if (p.get("what") or "").strip() or (p.get("ground") or "").strip()
    ]
    if not cleaned:
        raise TransitionError("条例第三十七条：部分公开的，请逐项写明不予公开的部分及其理由")
    for part in cleaned:
        if not part["what"]:
            raise TransitionError("条例第三十七条：请写明不予公开的是哪一部分")
        if part["ground"] not in grounds:
            raise TransitionError(f"条例第三十七条：请为“{part['what']}”选择不予公开的理由")
    return cleaned


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


def abandon_for_unpaid_fee(application: Application, *, by: User, on: date) -> Application:
    """109号: no payment within 20 working days after the notice: abandoned (三（六）2)."""

    def check(locked: Application) -> None:
        pause = _fee_pending(locked)  # a fee notice and its pause are one step
        notice = (
            locked.events.filter(kind=EventKind.FEE_NOTICE, on__lte=pause.on)
            .order_by("-on", "-id")
            .first()
        )
        calendar = calendar_for(locked.agency)
        end = fee_period_end(notice, calendar)
        if end is None:
            raise TransitionError(
                "国办函〔2020〕109号：缴费期限自申请人收到收费通知次日起计算；"
                "请先登记收费通知的送达日期"
            )
        if on <= end.date:
            # 109号: 自收到收费通知次日起20个工作日内缴纳; not before that is it 逾期未缴费
            printed = fee_payment_deadline(notice, calendar)
            raise TransitionError(
                f"国办函〔2020〕109号：缴费期限自收到收费通知次日起{FEE_PAYMENT.workdays}个工作日，"
                f"到{cn(end.date)}才届满{_unarranged_note(end, printed)}，"
                "届满前不能按逾期未缴费办结"
            )

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


def _notify(application: Application, subject: str, body: str) -> None:
    if application.email:
        transaction.on_commit(
            lambda: send_mail(subject, body, None, [application.email], fail_silently=True)
        )
