from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils import timezone

from gongkai.catalogue.models import Item
from gongkai.core.calendar import current_calendar, one_look
from gongkai.core.workbench import DUE_SOON_WORKDAYS, Urgency, by_calendar, due_lines
from gongkai.office.access import supervised_agencies
from gongkai.office.overview import township_overview

URGENCY_LABELS = {
    Urgency.OVERDUE: "已逾期",
    Urgency.DUE_SOON: "即将到期",
    Urgency.WAITING: "待办理",
    Urgency.NOTICE: "提示",
}


def _published_late(agencies, today, calendar):
    """Items of this year published after their 20 working days (条例第二十六条), each counted
    in its agency's calendar (a region's own holidays, 放假办法第四条)."""
    counted_in = {
        agency.pk: own
        for group, own in by_calendar(dict.fromkeys(agencies), calendar)
        for agency in group
    }
    published = (
        Item.objects.published_in(today.year)
        .filter(agency__in=agencies)
        .select_related("agency", "matter")
        .defer("body")  # the bodies are the table's bulk
    )
    late = [
        (item, timeliness)
        for item in published
        if (
            timeliness := item.timeliness(
                calendar=counted_in.get(item.agency_id, calendar), today=today
            )
        ).late
    ]
    late.sort(key=lambda pair: pair[0].published_on, reverse=True)
    return late


@login_required
def home(request):
    """Where a member of staff lands: everything due from them across their agencies and
    roles, most urgent first (core/workbench.py gathers it from every domain app), and — for
    a county administrator, first — the agencies under them."""
    with one_look():  # the calendar table checked once for the page, not once per period
        return _home(request)


def _home(request):
    memberships = request.user.memberships.select_related("agency").order_by("agency__name", "role")
    agencies: dict = {}
    for membership in memberships:
        agencies.setdefault(membership.agency, set()).add(membership.role)
    today = timezone.localdate()
    calendar = current_calendar()
    lines = due_lines(user=request.user, agencies=agencies, today=today, calendar=calendar)
    supervised = list(supervised_agencies(request.user))
    return render(
        request,
        "office/home.html",
        {
            "memberships": memberships,
            "lines": [(line, URGENCY_LABELS[line.urgency]) for line in lines],
            "due_soon_workdays": DUE_SOON_WORKDAYS,
            "late": _published_late(agencies, today, calendar),
            "supervised": supervised,
            "overview": township_overview(supervised, today=today, calendar=calendar)
            if supervised
            else None,
            "overview_parent": supervised[0].parent if supervised else None,
            "today": today,
        },
    )
