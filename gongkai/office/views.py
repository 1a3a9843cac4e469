from django.contrib.auth.decorators import login_required
from django.db.models import Exists, OuterRef
from django.shortcuts import render
from django.utils import timezone

from gongkai.catalogue.models import Timeliness, publication_due
from gongkai.core.calendar import current_calendar, one_look, seen_state, state_columns
from gongkai.core.models import Agency, Role
from gongkai.core.workbench import (
    DUE_SOON_WORKDAYS,
    Urgency,
    at_desk,
    by_calendar,
    due_lines,
    membership_columns,
)
from gongkai.office.overview import (
    LIMIT_FIELDS,
    item_dates,
    submission_counts,
    supervised_with_counts,
    township_overview,
)
from gongkai.statute.disclosure_limits import PublicationLimit

URGENCY_LABELS = {
    Urgency.OVERDUE: "已逾期",
    Urgency.DUE_SOON: "即将到期",
    Urgency.WAITING: "待办理",
    Urgency.NOTICE: "提示",
}


def _published_late(agencies, today, calendar, rows):
    """Items of this year published after their 20 working days (条例第二十六条), as
    Item.timeliness() times them, each agency in its own calendar (a region's own holidays,
    放假办法第四条). Read as plain values, not model instances: a busy agency publishes
    thousands of items a year and only the late ones are shown; each distinct (formed_on,
    matter limit) is timed once per calendar. `rows`: overview.item_dates(), read with the
    overview's (those of `agencies` published this year are timed)."""
    late = []
    for group, counted_in in by_calendar(dict.fromkeys(agencies), calendar):
        wanted = {agency.pk for agency in group}
        mine = [r for r in rows if r["agency_id"] in wanted and r["published_on"] is not None]
        late += _late_in(mine, counted_in)
    late.sort(key=lambda pair: pair[0]["published_on"], reverse=True)
    return late


def _late_in(published, calendar):
    dues: dict[tuple, object] = {}
    late = []
    for item in published:
        key = (item["formed_on"], *(item[f] for f in LIMIT_FIELDS))
        if key not in dues:  # Matter.limit, then Item.publication_due()
            kind, days, on, law = key[1:]
            limit = None if kind is None else PublicationLimit.of(kind, days, on, law)
            dues[key] = publication_due(item["formed_on"], limit, calendar)
        due = dues[key]
        if item["published_on"] > due.date:
            late_by = calendar.between(due.date, item["published_on"]).days
            if late_by > 0:
                late.append((item, Timeliness(due.date, due.provisional, late_by, True)))
    return late


@login_required
def home(request):
    """Where a member of staff lands: everything due from them across their agencies and
    roles, most urgent first (core/workbench.py gathers it from every domain app), and — for
    a county administrator, first — the agencies under them."""
    with one_look():  # the calendar table checked once for the page, not once per period
        return _home(request)


def _home(request):
    # the calendar table's state and whether an administrator's agency has any below it the
    # user holds no role in (access.supervised_agencies) come with the memberships: one
    # statement for what every provider and the overview start from, with the values the
    # providers read per agency (core.workbench.COLUMNS)
    today = timezone.localdate()
    columns = membership_columns(today)
    memberships = (
        request.user.memberships.select_related("agency")
        .annotate(
            **state_columns(),
            **columns,
            supervises=Exists(
                Agency.objects.filter(parent=OuterRef("agency")).exclude(
                    memberships__user=request.user
                )
            ),
        )
        .order_by("agency__name", "role")
    )
    agencies: dict = {}
    for membership in memberships:
        seen_state(membership)
        agencies.setdefault(membership.agency, set()).add(membership.role)
    calendar = current_calendar()
    # only an administrator of an agency with agencies below supervises: no query for anyone
    # else; the parent and their applications' counts are read with them (the overview)
    administers = any(m.role == Role.ADMIN and m.supervises for m in memberships)
    supervised = (
        supervised_with_counts(request.user, today=today, calendar=calendar) if administers else []
    )
    # the late-publication list's items and the overview's in one read
    items = item_dates(list(agencies), supervised, today.year)
    with at_desk(
        user=request.user,
        agencies=agencies,
        today=today,
        calendar=calendar,
        supervised=supervised,
        columns={name: {m.agency_id: getattr(m, name) for m in memberships} for name in columns},
    ):
        lines = due_lines(user=request.user, agencies=agencies, today=today, calendar=calendar)
        # within the desk: the overview's reports on last year come with the reports provider's
        overview = (
            township_overview(supervised, today=today, calendar=calendar, items=items)
            if supervised
            else None
        )
    return render(
        request,
        "office/home.html",
        {
            "memberships": memberships,
            "lines": [(line, URGENCY_LABELS[line.urgency]) for line in lines],
            "due_soon_workdays": DUE_SOON_WORKDAYS,
            "late": _published_late(agencies, today, calendar, items),
            "supervised": supervised,
            "overview": overview,
            "overview_parent": supervised[0].parent if supervised else None,
            # 报送 → 采用 at the county's site, per source agency and month (counts only)
            "submission_counts": submission_counts(supervised[0].parent, today.year)
            if supervised
            else None,
            "today": today,
        },
    )
