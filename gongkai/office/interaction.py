"""Staff pages of 互动交流: the inbox of messages, one message's page where each declared
step is taken (分办, 答复, 审核, 公开), and the 常见问题 staff write themselves. Views are
thin: access, form, transition."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from gongkai.core.calendar import calendar_for
from gongkai.core.roles import HANDLERS
from gongkai.core.workbench import Urgency
from gongkai.interaction import transitions as t
from gongkai.interaction.clock import veto_cutoff
from gongkai.interaction.forms import FaqForm
from gongkai.interaction.models import OPEN, Kind, Message, Status, periods_for
from gongkai.office.access import may, read_only_for, roles_in, viewed_agency
from gongkai.office.steps import step_context, take_step

# the earliest due first, filters narrow the rest; 200 rows cost 60% of the page at a
# province scale (bench/interaction.py) and no clerk reads that many at once
INBOX_ROWS = 50
SHOW = {
    "open": ("办理中", list(OPEN)),
    "received": ("待分办", [Status.RECEIVED]),
    "drafted": ("待审核", [Status.DRAFTED]),
    "answered": ("已答复", [Status.ANSWERED]),
    "redirected": ("已告知其他渠道", [Status.REDIRECTED]),
}


def inbox_rows(agency, *, show: str = "open", kind: str = ""):
    """The inbox's query: one agency's messages in the chosen states, the earliest due first
    (message_inbox serves it at a province's scale: bench/interaction.py)."""
    rows = Message.objects.filter(agency=agency, status__in=SHOW[show][1])
    if kind in Kind.values:
        rows = rows.filter(kind=kind)
    order = ("due_on", "pk") if show in ("open", "received", "drafted") else ("-answered_on", "-pk")
    return rows.order_by(*order).only(
        "pk",
        "tracking_number",
        "kind",
        "origin",
        "subject",
        "submitted_on",
        "due_on",
        "status",
        "answered_on",
        "late_workdays",
        "published_on",
        "agency_id",
    )


@login_required
def inbox(request):
    agency, read_only = viewed_agency(request)
    today = timezone.localdate()
    calendar = calendar_for(agency)
    show = request.GET.get("show", "open")
    if show not in SHOW:
        show = "open"
    kind = request.GET.get("kind", "")
    rows = inbox_rows(agency, show=show, kind=kind)
    total = rows.count()
    cutoff = veto_cutoff(today)
    listed = []
    for message in rows[:INBOX_ROWS]:
        urgency = None
        if message.is_open:
            urgency = Urgency.of(
                message.due_on, today=today, calendar=calendar, otherwise=Urgency.WAITING
            )
        listed.append(
            (
                message,
                urgency is Urgency.OVERDUE,
                urgency is Urgency.DUE_SOON,
                message.is_open and message.submitted_on < cutoff,
            )
        )
    roles = frozenset() if read_only else roles_in(request.user, agency)
    return render(
        request,
        "office/interaction/inbox.html",
        {
            "agency": agency,
            "rows": listed,
            "total": total,
            "show": show,
            "shows": [(key, label) for key, (label, _) in SHOW.items()],
            "kind": kind,
            "kinds": Kind.choices,
            "today": today,
            "periods": periods_for(agency),
            "faq_form": FaqForm() if may(roles, HANDLERS) else None,
            "read_only": read_only,
        },
    )


def _message(request, pk: int) -> tuple[Message, bool]:
    message = Message.objects.select_related("agency", "assignee").filter(pk=pk).first()
    if message is None:
        raise Http404
    return message, read_only_for(request, message)


@login_required
def message_detail(request, pk: int):
    message, read_only = _message(request, pk)
    today = timezone.localdate()
    context = {
        "message": message,
        "agency": message.agency,
        "read_only": read_only,
        "today": today,
        # the asker's identity only for the agency answering (a supervisor reads the rest)
        "show_asker": not read_only,
        "overdue": message.is_open and message.due_on < today,
        "veto": message.is_open and message.submitted_on < veto_cutoff(today),
        **step_context(message, request.user, today=today, read_only=read_only),
    }
    return render(request, "office/interaction/message.html", context)


@login_required
@require_POST
def message_action(request, pk: int, action: str):
    message, read_only = _message(request, pk)
    if read_only:
        raise Http404
    return take_step(request, message, action)


@login_required
@require_POST
def faq_new(request):
    agency, read_only = viewed_agency(request)
    if read_only:
        raise Http404
    form = FaqForm(request.POST)
    back = reverse("office:messages") + f"?agency={agency.pk}"
    if not form.is_valid():
        errors = "；".join(e for field in form.errors.values() for e in field)
        messages.error(request, f"编写常见问题：{errors}")
        return redirect(back)
    try:
        message = t.write_faq(
            agency,
            by=request.user,
            today=timezone.localdate(),
            question=form.cleaned_data["question"],
            answer=form.cleaned_data["answer"],
        )
    except t.TransitionError as error:
        messages.error(request, f"编写常见问题：{error}")
        return redirect(back)
    messages.success(request, "常见问题已提交审核")
    return redirect("office:message", pk=message.pk)
