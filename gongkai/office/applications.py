"""Staff pages for applications: the inbox, entry of paper applications, and the page of
one application where each step is taken. Views are thin: permission, form, transition."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch, prefetch_related_objects
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from gongkai.applications import forms as f
from gongkai.applications import transitions as t
from gongkai.applications.citizen import paused_because
from gongkai.applications.letters import draft_letter, edit_letter, issue_letter, letter_response
from gongkai.applications.models import (
    Application,
    ApplicationEvent,
    Letter,
    LetterKind,
    Status,
)
from gongkai.core.audit import audit
from gongkai.core.calendar import calendar_for, one_look
from gongkai.core.models import Agency
from gongkai.core.steps import CONFIRM_FIELD, CONFIRM_VALUE
from gongkai.core.workbench import Urgency
from gongkai.office.access import acting_on, may, roles_in, staff_agency
from gongkai.office.steps import step_context, take_step
from gongkai.statute.deadlines import Channel

INBOX_ROWS = 200  # the earliest due first; filters narrow the rest
LETTER_ISSUE = "出具时勾选：我已核对，出具后文书不能再修改，可下载送达申请人"


def staff_application(request, pk: int) -> Application:
    """The application, if the user works for its agency; 404 otherwise (no hint it exists).
    Through the office's one access rule (office/access.py); a supervising administrator is
    refused too: an application carries the applicant's personal information, which only the
    agency handling it needs."""
    application = Application.objects.select_related("agency", "clerk").filter(pk=pk).first()
    if application is None:
        raise Http404
    return acting_on(request, application)


@login_required
def inbox(request):
    agency = staff_agency(request)
    today = timezone.localdate()
    calendar = calendar_for(agency)  # its region's holidays too (放假办法第四条)
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
        due = application.due_on
        left = calendar.between(today, due).days if due else None
        urgency = (
            Urgency.of(due, today=today, calendar=calendar, otherwise=Urgency.WAITING)
            if due
            else None
        )
        overdue, soon = urgency is Urgency.OVERDUE, urgency is Urgency.DUE_SOON
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
    with one_look():  # the calendar table checked once for the page, not once per guard
        return _application_detail(request, pk)


def _application_detail(request, pk: int):
    application = staff_application(request, pk)
    # the events and appeals read once: the deadline, the pause, every declared step's guard
    # and the page's history all use these rows (issue 25: one read per guard was 10× its SQL)
    prefetch_related_objects(
        [application],
        Prefetch("events", ApplicationEvent.objects.select_related("by", "approved_by")),
        "appeals",
    )
    today = timezone.localdate()
    deadline = application.deadline(calendar=calendar_for(application.agency), today=today)
    audit(request.user, "application.personal_data.viewed", obj=application)
    roles = roles_in(request.user, application.agency)
    hint = _fee_hint(application)
    hints = {"fee_notice": FEE_HINT.format(**hint)} if hint else {}
    return render(
        request,
        "office/application.html",
        {
            "application": application,
            "deadline": deadline,
            "paused_because": paused_because(application),
            "today": today,
            "events": application.events.all(),
            **step_context(application, request.user, today=today, hints=hints),
            "handles": may(roles, t.HANDLERS),
            "appeals": application.appeals.all(),
            "letters": application.letters.all(),
            "letter_kinds": LetterKind.choices,
            "letter_issue": LETTER_ISSUE,
        },
    )


FEE_HINT = (
    "按收费标准（国办函〔2020〕109号）：{basis}，按件计收应收 {amount} 元；"
    "按量计收按所填页数计算。金额与计算结果不同的，须写明理由。"
)


def _fee_hint(application: Application) -> dict | None:
    """What the fee rules give 按件 for this application, shown beside the fee form."""
    if application.status != Status.OPEN or application.received_on is None:
        return None
    try:
        return t.fee_proposal(application, method="per_item")
    except t.TransitionError:
        return None


@login_required
@require_POST
def application_action(request, pk: int, action: str):
    return take_step(request, staff_application(request, pk), action)


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
            # issuing cannot be undone: the tick is checked here, not only by the browser
            if request.POST.get(CONFIRM_FIELD) != CONFIRM_VALUE:
                raise t.TransitionError(f"出具后文书不能再修改：请先勾选“{LETTER_ISSUE}”，再出具")
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
