"""An application comes in (条例第三十一条): submitted online, when no period runs until staff
confirm it, or entered by staff from the counter, post, fax or e-mail with the facts that fix
its date of receipt; each gets its tracking number in the agency's year."""

from __future__ import annotations

from datetime import date

from django.db import transaction

from gongkai.applications.citizen import status_address
from gongkai.applications.models import (
    Application,
    EventKind,
    Status,
)
from gongkai.applications.transitions.base import _notify, _step
from gongkai.core.audit import audit
from gongkai.core.calendar import calendar_for
from gongkai.core.dates import chinese_date as cn
from gongkai.core.models import Agency, User
from gongkai.core.roles import HANDLERS
from gongkai.core.transitions import TransitionError, require_role
from gongkai.statute.deadlines import Channel, date_of_receipt


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
        from gongkai.applications.steps import AgencyIntake
        from gongkai.core.steps import check

        # the step as applications/steps.py declares it (no state to lock: a new application)
        check(AgencyIntake(agency), "register", user=by, today=today)
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
