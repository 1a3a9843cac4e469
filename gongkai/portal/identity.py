"""Pages every government site must have besides its content: the 关怀版 switch, a 网站地图
(政府网站发展指引), and an agency's 办理情况 — how its applications were handled this year,
from the same records as the annual report."""

from __future__ import annotations

from datetime import date

from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme

from gongkai.applications.handling import handling_by_month
from gongkai.core.calendar import calendar_for
from gongkai.core.models import Agency

CARE_COOKIE = "gongkai_care"


def care(request):
    """Switch the 关怀版 on or off and go back where the visitor was (a same-site path only)."""
    back = request.GET.get("next", "/")
    if not url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}):
        back = "/"
    response = redirect(back)
    if request.COOKIES.get(CARE_COOKIE) == "1":
        response.delete_cookie(CARE_COOKIE, samesite="Lax")
    else:
        response.set_cookie(
            CARE_COOKIE, "1", max_age=365 * 24 * 3600, samesite="Lax", httponly=True
        )
    return response


def site_map(request):
    agencies = Agency.objects.select_related("parent").order_by("level", "name")
    return render(request, "portal/site_map.html", {"agencies": agencies})


def handling(request, prefix: str):
    agency = get_object_or_404(Agency, index_prefix=prefix)
    today = timezone.localdate()
    try:
        year = int(request.GET.get("year", today.year))
    except ValueError:
        year = today.year
    year = min(max(year, 2008), today.year)  # the 条例 took effect on 1 May 2008
    summary = handling_by_month(agency, year, calendar=calendar_for(agency), today=today)
    return render(
        request,
        "portal/handling.html",
        {
            "agency": agency,
            "year": year,
            "years": range(today.year, max(2008, today.year - 5) - 1, -1),
            "summary": summary,
            "as_of": min(today, date(year, 12, 31)),
        },
    )
