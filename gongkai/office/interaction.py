"""Staff pages of 互动交流: the inbox of messages in numbered pages, one message's page where
each declared step is taken (分办, 答复, 审核, 公开), the 常见问题 staff write themselves, and
the agency's answer periods (its 管理员's). Views are thin: access, form, declared step."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_POST

from gongkai.core.calendar import calendar_for
from gongkai.core.models import Role
from gongkai.core.workbench import Urgency
from gongkai.interaction.clock import veto_cutoff
from gongkai.interaction.models import OPEN, Kind, Message, Status, periods_for
from gongkai.interaction.periods import longest_allowed
from gongkai.interaction.steps import AgencyAnswerPeriods, AgencyFaq
from gongkai.office.access import read_only_for, roles_in, staff_agency, viewed_agency
from gongkai.office.admin_pages import admin_agency
from gongkai.office.item_list import PER_PAGE, page_links
from gongkai.office.steps import step_context, take_step

SHOW = {
    "open": ("办理中", list(OPEN)),
    "received": ("待分办", [Status.RECEIVED]),
    "drafted": ("待审核", [Status.DRAFTED]),
    "answered": ("已答复", [Status.ANSWERED]),
    "redirected": ("已告知其他渠道", [Status.REDIRECTED]),
}


def inbox_rows(agency, *, show: str = "open", kind: str = ""):
    """The inbox's query: one agency's messages in the chosen states, the earliest due first
    or the latest answered first. Each has its index (interaction/models.py): message_open and
    message_open_kind, partial on the open states, for the open list and its count;
    message_inbox for one open state; message_done for the answered (bench/interaction.py).
    The open states are listed in the order the partial indexes name them, so PostgreSQL
    sees that the query's condition implies theirs."""
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
    """One agency's messages in numbered pages of PER_PAGE, as the items' list pages them
    (office/item_list.py); the filters ride along in every page link."""
    agency, read_only = viewed_agency(request)
    today = timezone.localdate()
    calendar = calendar_for(agency)
    show = request.GET.get("show", "open")
    if show not in SHOW:
        show = "open"
    kind = request.GET.get("kind", "")
    if kind not in Kind.values:
        kind = ""
    rows = inbox_rows(agency, show=show, kind=kind)
    # the page's ids from the index alone (a deep page skips index entries, not rows), then
    # the page's fifty rows
    paginator = Paginator(rows.values_list("pk", flat=True), PER_PAGE)
    page = paginator.get_page(request.GET.get("page"))
    found = rows.in_bulk(list(page))
    cutoff = veto_cutoff(today)
    listed = []
    for message in (found[pk] for pk in page if pk in found):
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
    kept = request.GET.copy()
    kept.pop("page", None)
    kept["agency"] = str(agency.pk)
    roles = frozenset() if read_only else roles_in(request.user, agency)
    return render(
        request,
        "office/interaction/inbox.html",
        {
            "agency": agency,
            "rows": listed,
            "page": page,
            "total": paginator.count,
            "page_links": page_links(page.number, paginator.num_pages),
            "query": kept.urlencode(),
            "show": show,
            "shows": [(key, label) for key, (label, _) in SHOW.items()],
            "kind": kind,
            "kinds": Kind.choices,
            "today": today,
            "periods": periods_for(agency),
            "may_set_periods": read_only or Role.ADMIN in roles,
            "read_only": read_only,
            **step_context(
                AgencyFaq(agency), request.user, today=today, read_only=read_only, roles=roles
            ),
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
def faq_action(request, action: str):
    """编写常见问题 (interaction/steps.py), taken by the one handler; the new entry's page
    follows (ROUTES' after)."""
    return take_step(request, AgencyFaq(staff_agency(request)), action)


def _periods_page(request, agency, read_only, bound=None):
    today = timezone.localdate()
    target = AgencyAnswerPeriods(agency)
    context = step_context(target, request.user, today=today, read_only=read_only)
    row = next(iter(context["step_rows"]), None)
    if row is not None and bound is not None:
        row.form = bound
    current = periods_for(agency)
    limit, last = longest_allowed(agency, today)
    return render(
        request,
        "office/interaction/periods.html",
        {
            "agency": agency,
            "read_only": read_only,
            "periods": current,
            "inherited": current.pk is not None and current.agency_id != agency.pk,
            "row": row,
            "refusals": context["step_refusals"],
            "limit": limit,
            "last": last,
            "today": today,
        },
        status=400 if bound is not None else 200,
    )


@login_required
def periods_page(request):
    """The agency's answer periods: its 管理员 sets them; a county's administrator reads those
    of an agency under it (admin_agency: 404 for anyone else)."""
    agency, read_only = admin_agency(request)
    return _periods_page(request, agency, read_only)


@login_required
@require_POST
def periods_action(request, action: str):
    """保存答复期限 (interaction/steps.py): a refused form comes back with what was typed."""
    agency = staff_agency(request)
    return take_step(
        request,
        AgencyAnswerPeriods(agency),
        action,
        invalid=lambda form: _periods_page(request, agency, False, form),
    )
