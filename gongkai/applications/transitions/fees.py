"""信息处理费 (条例第四十二条, 国办函〔2020〕109号): the amount 按件 or 按量, the notice with basis,
standard, amount, way to pay and deadline, its delivery, the payment or waiver that ends the
pause, and 逾期未缴费 (三（六）2) once 20 working days from the day after delivery have run."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from gongkai.applications.citizen import payment_method, status_address
from gongkai.applications.models import (
    Application,
    ApplicationEvent,
    EventKind,
)
from gongkai.applications.outcomes import (
    ABANDONED_UNPAID_FEE,
)
from gongkai.applications.transitions.base import (
    _check_declared_step,
    _clock,
    _conclude,
    _locked,
    _open_pause,
    _step,
    _unarranged_note,
)
from gongkai.applications.wording import (
    POSTPONED_SENTENCE,
)
from gongkai.core.audit import audit
from gongkai.core.calendar import calendar_for
from gongkai.core.dates import chinese_date as cn
from gongkai.core.models import User
from gongkai.core.roles import HANDLERS
from gongkai.core.transitions import TransitionError, require_role
from gongkai.statute.deadlines import ClockState, PauseKind
from gongkai.statute.periods import (
    FEE_PAYMENT,
)
from gongkai.statute.workdays import WorkdayCalendar, WorkdayDate


def _fee_pending(locked: Application) -> ApplicationEvent:
    pause = _open_pause(locked)
    if pause is None or pause.pause_kind != PauseKind.FEE.name:
        raise TransitionError("该申请没有待缴的信息处理费")
    return pause


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
