"""Staff pages for applications: the inbox, entry of paper applications, and the page of
one application where each step is taken. Views are thin: permission, form, transition."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from gongkai.applications import forms as f
from gongkai.applications import transitions as t
from gongkai.applications.letters import draft_letter, edit_letter, issue_letter, letter_response
from gongkai.applications.models import Application, EventKind, Letter, LetterKind, Status
from gongkai.core.audit import audit
from gongkai.core.calendar import current_calendar
from gongkai.core.models import Agency, Role
from gongkai.core.workbench import DUE_SOON_WORKDAYS
from gongkai.office.access import may, roles_in, staff_agency
from gongkai.statute.deadlines import Channel

INBOX_ROWS = 200  # the earliest due first; filters narrow the rest

# action name → (form, transition, how form data becomes the transition's arguments)
ACTIONS = {
    "confirm": ("确认收到", f.OnForm, t.confirm_receipt, lambda d: {}),
    "correction": (
        "告知补正",
        f.CorrectionForm,
        t.request_correction,
        lambda d: {"period_workdays": d["period_workdays"], "what": d["what"]},
    ),
    "corrected": ("登记补正", f.NoteForm, t.record_correction, lambda d: {"note": d["note"]}),
    "extension": (
        "申请延期",
        f.ExtensionForm,
        t.request_extension,
        lambda d: {"workdays": d["workdays"], "reason": d["reason"]},
    ),
    "approve_extension": ("批准延期", f.OnForm, t.approve_extension, lambda d: {}),
    "consultation": (
        "征求意见",
        f.ConsultationForm,
        t.start_consultation,
        lambda d: {"kind": d["kind"], "note": d["note"]},
    ),
    "consultation_end": ("收到意见", f.NoteForm, t.end_consultation, lambda d: {"note": d["note"]}),
    "fee_notice": (
        "发出收费通知",
        f.FeeNoticeForm,
        t.issue_fee_notice,
        lambda d: {
            "method": d["method"],
            "pages": d["pages"] or 0,
            "amount": d["amount"],
            "amount_reason": d["amount_reason"],
            "served_on": d["served_on"],
            "served_how": d["served_how"],
        },
    ),
    "waive_fee": (
        "减免费用",
        f.ReasonForm,
        t.waive_fee,
        lambda d: {"reason": d["reason"]},
    ),
    "reasons": (
        "要求说明理由（第三十五条）",
        f.NoteRequiredForm,
        t.request_reasons,
        lambda d: {"note": d["note"]},
    ),
    "appeal": (
        "登记行政复议或诉讼",
        f.AppealForm,
        lambda application, by, on, **kw: t.record_appeal(application, by=by, filed_on=on, **kw),
        lambda d: {"kind": d["kind"], "case_number": d["case_number"], "body": d["body"]},
    ),
    "appeal_decided": (
        "登记复议或诉讼结果",
        f.AppealDecisionForm,
        lambda application, by, on, appeal, result: t.decide_appeal(
            _appeal_of(application, appeal), by=by, decided_on=on, result=result
        ),
        lambda d: {"appeal": d["appeal"], "result": d["result"]},
    ),
    "payment": ("登记缴费", f.PaymentForm, t.record_payment, lambda d: {"amount": d["amount"]}),
    "fee_served": (
        "登记收费通知送达",
        f.FeeServedForm,
        t.record_fee_notice_served,
        lambda d: {"served_how": d["served_how"]},
    ),
    "reasons_answer": (
        "登记申请人说明理由情况（第三十五条）",
        f.ReasonsAnswerForm,
        t.record_reasons,
        lambda d: {"answer": d["answer"], "silent": d["silent"]},
    ),
    "reply": (
        "答复",
        f.ReplyForm,
        t.reply,
        lambda d: {
            "outcome": d["outcome"],
            "text": d["text"],
            "not_held_item": d["not_held_item"],
            "holder": d["holder"],
        },
    ),
    "delivery": ("登记送达", f.DeliveryForm, t.record_delivery, lambda d: {"how": d["how"]}),
    "later_date": (
        "确定合理答复期限（第三十五条）",
        f.LaterDateForm,
        t.set_later_date,
        lambda d: {"due": d["due"], "reason": d["reason"]},
    ),
    "withdraw": ("申请人撤回", f.NoteForm, t.withdraw, lambda d: {"note": d["note"]}),
    "abandon_correction": ("逾期未补正", f.OnForm, t.abandon_for_no_correction, lambda d: {}),
    "abandon_fee": ("逾期未缴费", f.OnForm, t.abandon_for_unpaid_fee, lambda d: {}),
}


# who may take each step, as its transition checks it (approve_extension: a reviewer)
ACTION_ROLES = {"approve_extension": (Role.REVIEWER,)}
# steps that cannot be undone: the page asks for a tick saying what will happen
IRREVERSIBLE = {
    "reply": "我已核对：答复后本申请即告办结，不能再修改，申请人将收到答复通知",
}


def _appeal_of(application: Application, pk: int):
    appeal = application.appeals.filter(pk=pk).first()
    if appeal is None:
        raise t.TransitionError(f"本申请没有编号为 {pk} 的复议或诉讼案件")
    return appeal


def staff_application(request, pk: int) -> Application:
    """The application, if the user works for its agency; 404 otherwise (no hint it exists)."""
    application = (
        Application.objects.filter(pk=pk, agency__memberships__user=request.user)
        .select_related("agency", "clerk")
        .first()
    )
    if application is None:
        raise Http404
    return application


@login_required
def inbox(request):
    agency = staff_agency(request)
    today = timezone.localdate()
    calendar = current_calendar()
    show = request.GET.get("show", "open")
    applications = Application.objects.of_agency(agency).select_related("clerk")
    if show in ("concluded", "late"):
        applications = applications.filter(status=Status.CONCLUDED).order_by("-concluded_on")
        if show == "late":  # 逾期答复: overdue is a fact that stays (条例第三十三条)
            applications = applications.filter(late_workdays__gt=0)
        if request.GET.get("outcome"):
            applications = applications.filter(outcome=request.GET["outcome"])
    else:
        applications = applications.open().order_by("due_on", "received_on", "pk")
    if request.GET.get("clerk"):
        applications = applications.filter(clerk_id=request.GET["clerk"])
    total = applications.count()
    rows = []
    for application in applications[:INBOX_ROWS]:
        left = calendar.between(today, application.due_on).days if application.due_on else None
        overdue = left is not None and left < 0
        soon = left is not None and 0 <= left <= DUE_SOON_WORKDAYS
        rows.append((application, left, overdue, soon, -left if overdue else None))
    return render(
        request,
        "office/inbox.html",
        {
            "agency": agency,
            "rows": rows,
            "total": total,
            "show": show,
            "today": today,
            "clerks": agency.memberships.select_related("user"),
            "outcomes": f.OUTCOME_CHOICES,
            "agencies": Agency.objects.staffed_by(request.user),
            "handles": may(roles_in(request.user, agency), t.HANDLERS),
        },
    )


@login_required
def new_application(request):
    agency = staff_agency(request)
    form = f.StaffEntryForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        fields = {name: data[name] for name in f.APPLICANT_FIELDS}
        try:
            application, code = t.register_application(
                agency,
                by=request.user,
                channel=Channel[data["channel"]],
                submitted_on=data["submitted_on"],
                signed_on=data["signed_on"],
                confirmed_on=data["confirmed_on"],
                late_confirmation_reason=data["late_confirmation_reason"],
                today=timezone.localdate(),
                **fields,
            )
        except t.TransitionError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request,
                f"已登记，申请编号 {application.tracking_number}，"
                f"查询码 {code}（请告知申请人，系统不再显示）",
            )
            return redirect("office:application", pk=application.pk)
    return render(request, "office/application_new.html", {"form": form, "agency": agency})


@never_cache  # shows the applicant's ID number: no browser or proxy may keep it
@login_required
def application_detail(request, pk: int):
    application = staff_application(request, pk)
    today = timezone.localdate()
    deadline = application.deadline(calendar=current_calendar(), today=today)
    audit(request.user, "application.personal_data.viewed", obj=application)
    forms = {name: spec[1](prefix=name) for name, spec in ACTIONS.items()}
    roles = roles_in(request.user, application.agency)
    return render(
        request,
        "office/application.html",
        {
            "application": application,
            "deadline": deadline,
            "today": today,
            "events": application.events.select_related("by", "approved_by"),
            "actions": [
                (name, ACTIONS[name][0], forms[name], IRREVERSIBLE.get(name, ""))
                for name in available(application, user=request.user, roles=roles)
            ],
            "handles": may(roles, t.HANDLERS),
            "appeals": application.appeals.all(),
            "letters": application.letters.all(),
            "letter_kinds": LetterKind.choices,
            "fee_per_item": _fee_hint(application),
        },
    )


def _fee_hint(application: Application) -> dict | None:
    """What the fee rules give 按件 for this application, shown beside the fee form."""
    if application.status != Status.OPEN or application.received_on is None:
        return None
    try:
        return t.fee_proposal(application, method="per_item")
    except t.TransitionError:
        return None


def available(application: Application, *, user=None, roles=None) -> list[str]:
    """The steps worth offering now to this user (all roles when none is given); the
    transitions still refuse what is not allowed."""
    steps = _steps(application)
    if "extension" in steps or "approve_extension" in steps:
        asked = application.events.filter(kind=EventKind.EXTENSION_REQUESTED).order_by("on", "id")
        pending = asked.count() > application.events.filter(kind=EventKind.EXTENDED).count()
        if pending:
            drop = {"extension"}
            if user is not None and asked.last().by_id == user.pk:
                drop.add("approve_extension")  # 第三十三条: someone else approves
        else:
            drop = {"approve_extension"}
        steps = [step for step in steps if step not in drop]
    if roles is None:
        return steps
    return [step for step in steps if may(roles, ACTION_ROLES.get(step, t.HANDLERS))]


def _steps(application: Application) -> list[str]:
    if application.status == Status.AWAITING_CONFIRMATION:
        return ["confirm", "withdraw"]
    if application.status == Status.CONCLUDED:
        replied = application.events.filter(kind=EventKind.REPLIED).exists()
        offered = ["delivery", "appeal"] if replied else []
        if application.appeals.filter(decided_on=None).exists():
            offered.append("appeal_decided")
        return offered
    state = application.clock_state
    if state == "AWAITING_CORRECTION":
        return ["corrected", "abandon_correction", "withdraw"]
    if state == "PAUSED":
        return [
            "consultation_end",
            "fee_served",
            "payment",
            "waive_fee",
            "abandon_fee",
            "withdraw",
        ]
    return [
        "reply",
        "correction",
        "extension",
        "approve_extension",
        "consultation",
        "fee_notice",
        "later_date",
        "reasons",
        "reasons_answer",
        "withdraw",
    ]


@login_required
@require_POST
def application_action(request, pk: int, action: str):
    application = staff_application(request, pk)
    if action not in ACTIONS:
        raise Http404
    label, form_class, transition, arguments = ACTIONS[action]
    form = form_class(request.POST, prefix=action)
    if not form.is_valid():
        errors = "；".join(e for field in form.errors.values() for e in field)
        messages.error(request, f"{label}：{errors}")
        return redirect("office:application", pk=pk)
    data = form.cleaned_data
    try:
        result = transition(application, by=request.user, on=data["on"], **arguments(data))
    except t.TransitionError as error:
        messages.error(request, f"{label}：{error}")
    else:
        messages.success(request, f"已{label}")
        # a late 复议 or suit is recorded all the same; the clerk is told (issue 13)
        late = getattr(result, "late_filing", None)
        if callable(late) and late():
            messages.warning(request, f"提示：{late()}")
    return redirect("office:application", pk=pk)


@login_required
@require_POST
def letter_new(request, pk: int):
    application = staff_application(request, pk)
    try:
        kind = LetterKind(request.POST.get("kind", ""))
        draft_letter(application, kind=kind, by=request.user, on=timezone.localdate())
    except ValueError:
        messages.error(request, "请选择文书种类")
    except t.TransitionError as error:
        messages.error(request, str(error))
    return redirect(reverse("office:application", args=[pk]) + "#letters")


@login_required
@require_POST
def letter_update(request, pk: int, letter_pk: int):
    application = staff_application(request, pk)
    letter = get_object_or_404(Letter, pk=letter_pk, application=application)
    try:
        if "issue" in request.POST:
            issue_letter(letter, by=request.user, on=timezone.localdate())
            messages.success(request, f"已出具{letter.get_kind_display()}")
        else:
            edit_letter(letter, by=request.user, body=request.POST.get("body", ""))
            messages.success(request, "草稿已保存")
    except t.TransitionError as error:
        messages.error(request, str(error))
    return redirect(reverse("office:application", args=[pk]) + "#letters")


@never_cache  # shows the applicant's ID number: no browser or proxy may keep it
@login_required
def letter_download(request, pk: int, letter_pk: int):
    application = staff_application(request, pk)
    letter = get_object_or_404(
        Letter, pk=letter_pk, application=application, issued_on__isnull=False
    )
    audit(request.user, "letter.downloaded", obj=application, letter=letter.pk)
    return letter_response(letter)


@never_cache  # shows the applicant's ID number: no browser or proxy may keep it
@login_required
def attachment_download(request, pk: int, attachment_pk: int):
    from django.http import Http404

    from gongkai.applications.attachments import FOLDER
    from gongkai.core import uploads
    from gongkai.core.http import download_response

    application = staff_application(request, pk)
    attachment = get_object_or_404(application.attachments, pk=attachment_pk)
    stored = uploads.open_file(FOLDER, attachment.storage_name)
    if stored is None:
        raise Http404
    audit(request.user, "application.attachment.viewed", obj=application, attachment=attachment.pk)
    return download_response(
        attachment.original_name, attachment.content_type, stored, inline=False
    )
