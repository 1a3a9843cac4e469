"""Staff pages for applications: the inbox, entry of paper applications, and the page of
one application where each step is taken. Views are thin: permission, form, transition."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch, prefetch_related_objects
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from gongkai.applications import forms as f
from gongkai.applications import transitions as t
from gongkai.applications.citizen import paused_because
from gongkai.applications.letters import letter_response
from gongkai.applications.models import (
    Application,
    ApplicationEvent,
    Letter,
    Status,
)
from gongkai.applications.steps import AgencyIntake, ApplicationLetters
from gongkai.core.audit import audit
from gongkai.core.calendar import calendar_for, one_look
from gongkai.core.models import Agency
from gongkai.core.steps import steps_for
from gongkai.core.workbench import Urgency
from gongkai.office.access import acting_on, may, roles_in, staff_agency
from gongkai.office.steps import step_context, take_step

INBOX_ROWS = 200  # the earliest due first; filters narrow the rest


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


def _entry_page(request, intake: AgencyIntake, form=None):
    offer = steps_for(intake, request.user, today=timezone.localdate())
    step = offer.step_set.get("register")
    return render(
        request,
        "office/application_new.html",
        {
            "agency": intake.agency,
            "form": form if form is not None else step.make_form(intake),
            "offered": "register" in offer,
            "refusal": offer.refusal("register"),
        },
    )


@login_required
def new_application(request):
    """登记 (applications/steps.py): a form the transition refuses comes back with what was
    typed; the query code is shown once, in the message after registering."""
    intake = AgencyIntake(staff_agency(request))
    if request.method != "POST":
        return _entry_page(request, intake)
    return take_step(
        request, intake, "register", invalid=lambda form: _entry_page(request, intake, form)
    )


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
    steps = step_context(application, request.user, today=today, hints=hints)
    item_search = _narrow_published_items(request, application, steps["step_rows"])
    return render(
        request,
        "office/application.html",
        {
            "application": application,
            "deadline": deadline,
            "paused_because": paused_because(application),
            "today": today,
            "events": application.events.all(),
            **steps,
            "item_search": item_search,
            # named only by a reply (条例第三十六条第一项): no read while the case is open
            "answered_with": application.answered_with.all()
            if application.status == Status.CONCLUDED
            else (),
            "appeals": application.appeals.all(),
            "letters": [
                {"letter": letter, **step_context(letter, request.user, today=today, roles=roles)}
                for letter in application.letters.all()
            ],
            "letter_steps": step_context(
                ApplicationLetters(application), request.user, today=today, roles=roles
            ),
        },
    )


def _narrow_published_items(request, application, step_rows) -> dict | None:
    """The reply's drop-down of published items (条例第三十六条第一项) narrowed by the page's
    search (名称、文号或索引号, ?item_q=), the reply unfolded to show what was found; None
    when the reply is not offered."""
    reply = next((row for row in step_rows if row.step.name == "reply"), None)
    if reply is None:
        return None
    query = request.GET.get("item_q", "")[:100]
    listed = reply.form.narrow(query, agency=application.agency) if query else None
    reply.open = bool(query)
    return {"query": query, "listed": listed, "shown": f.ITEMS_LISTED}


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
    """生成草稿 (applications/steps.py), taken by the one handler."""
    return take_step(request, ApplicationLetters(staff_application(request, pk)), "draft")


@login_required
@require_POST
def letter_update(request, pk: int, letter_pk: int, action: str):
    """保存草稿 or 出具 (applications/steps.py): 出具 cannot be undone, and the handler checks
    its tick on the server."""
    application = staff_application(request, pk)
    letter = get_object_or_404(Letter, pk=letter_pk, application=application)
    return take_step(request, letter, action)


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
