from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils import timezone

from gongkai.catalogue.models import Item, ItemStatus
from gongkai.core.calendar import current_calendar
from gongkai.office.access import supervised_agencies
from gongkai.reports.status import report_state

DUE_SOON_WORKDAYS = 5


def _publication_watch(agencies, today):
    """Unpublished items whose 20 working days end within a week or have ended, and items
    of this year published late (条例第二十六条)."""
    calendar = current_calendar()
    due_soon, late = [], []
    waiting = Item.objects.filter(
        agency__in=agencies,
        status__in=(ItemStatus.DRAFT, ItemStatus.SUBMITTED, ItemStatus.RETURNED),
    ).select_related("agency")
    horizon = calendar.add(today, DUE_SOON_WORKDAYS).date
    for item in waiting:
        timeliness = item.timeliness(calendar=calendar, today=today)
        if timeliness.due <= horizon:
            due_soon.append((item, timeliness))
    published = Item.objects.filter(
        agency__in=agencies,
        status__in=(ItemStatus.PUBLISHED, ItemStatus.WITHDRAWN),
        published_on__year=today.year,
    ).select_related("agency")
    for item in published:
        timeliness = item.timeliness(calendar=calendar, today=today)
        if timeliness.late:
            late.append((item, timeliness))
    due_soon.sort(key=lambda pair: pair[1].due)
    late.sort(key=lambda pair: pair[0].published_on, reverse=True)
    return due_soon, late


@login_required
def home(request):
    """Where a member of staff lands: their agencies and roles, what must be published soon,
    what went out late, and — for a county administrator — the agencies under them."""
    memberships = request.user.memberships.select_related("agency").order_by("agency__name", "role")
    agencies = {m.agency for m in memberships}
    today = timezone.localdate()
    due_soon, late = _publication_watch(agencies, today)
    return render(
        request,
        "office/home.html",
        {
            "memberships": memberships,
            "due_soon": due_soon,
            "late": late,
            "supervised": supervised_agencies(request.user),
            "report_states": [
                state
                for agency in sorted(agencies, key=lambda a: a.name)
                if (state := report_state(agency, today.year - 1, today)).warning
                or not state.published
            ],
            "today": today,
        },
    )
