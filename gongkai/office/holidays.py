"""The holiday-arrangement page (spec/workdays.md): each November an administrator imports the
State Council's notice for next year — the CSV `gongkai workdays import` reads — and a
region's own ethnic holidays (放假办法第四条), with the step core/calendar_steps.py declares,
taken by the one handler. The whole file is checked before anything is written; open
deadlines are recomputed at once (the applications app hears of the import)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone

from gongkai.core.calendar import current_calendar, next_year_missing
from gongkai.core.calendar_steps import AgencyCalendar
from gongkai.core.models import Agency, CalendarDay, Role
from gongkai.core.steps import steps_for
from gongkai.office.access import staff_agency
from gongkai.office.steps import take_step


def _calendar(request) -> AgencyCalendar:
    """The agency whose calendar page this is: the one of the user's agencies ?agency= names,
    else the first they administer (the 工作台 and the staff page link here without one, and
    the national notice is every administrator's)."""
    mine = Agency.objects.staffed_by(request.user)
    chosen = request.GET.get("agency", "")
    agency = mine.filter(pk=chosen).first() if chosen.isdigit() else None
    if agency is None:
        administered = Agency.objects.filter(
            memberships__user=request.user, memberships__role=Role.ADMIN
        )
        agency = administered.order_by("pk").first()
    # else their first agency, where the declaration refuses them (404 for a stranger)
    return AgencyCalendar(agency or staff_agency(request))


def _page(request, target: AgencyCalendar, form=None):
    """The arrangement in force and the upload; a refused file comes back with every wrong
    line listed (nothing was written) and the region as chosen."""
    today = timezone.localdate()
    offer = steps_for(target, request.user, today=today)
    if "import" not in offer:
        raise Http404  # the administrators' page (issue 23): no one else sees it
    problems = [] if form is None else [e for errors in form.errors.values() for e in errors]
    calendar = current_calendar()
    arranged = sorted(calendar.arranged_years)
    return render(
        request,
        "office/holidays.html",
        {
            "agency": target.agency,
            "form": form if form is not None else offer.step_set.get("import").make_form(target),
            "problems": problems,
            "regional": bool(target.agency.holiday_region),
            "missing": next_year_missing(today),
            "arranged": f"{arranged[0]}—{arranged[-1]}" if arranged else "",
            "imported": CalendarDay.objects.order_by("-day")[:60],
        },
        status=400 if problems else 200,
    )


@login_required
def upload(request):
    """导入 (core/calendar_steps.py): a POST from anyone the declaration refuses is refused
    with its sentence, shown on the 工作台 (the page is not theirs), and writes nothing."""
    target = _calendar(request)
    if request.method != "POST":
        return _page(request, target)
    offered = "import" in steps_for(target, request.user, today=timezone.localdate())
    return take_step(
        request,
        target,
        "import",
        back=None if offered else reverse("office:home"),
        invalid=lambda form: _page(request, target, form),
    )
