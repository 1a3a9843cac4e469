"""The self-check in the office: one agency's findings with where to fix each, and a
county's agencies side by side. External links are answered from the nightly run's cache,
so a page never waits on another site. One agency's page computes its findings on each
visit; the county's summary shows each agency's result as last computed (at most
inspection.workbench.CACHE_SECONDS ago, the time on each row) and computes them all anew on
重新自查."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils import timezone

from gongkai.core.calendar import current_calendar
from gongkai.core.http import download_response
from gongkai.core.models import Agency
from gongkai.inspection.findings import Severity
from gongkai.inspection.links import ExternalChecker
from gongkai.inspection.output import as_csv, ordered
from gongkai.inspection.selfcheck import run
from gongkai.inspection.workbench import CACHE_SECONDS, remember, standing
from gongkai.office.access import staff_agency, supervised_agencies, viewed_agency


def _run(agencies):
    result = run(
        agencies,
        today=timezone.localdate(),
        calendar=current_calendar(),
        external=ExternalChecker(cached_only=True),
    )
    remember(result)  # what the 工作台 shows comes from here once a page has computed it
    return result


@login_required
def agency_page(request):
    agency, read_only = viewed_agency(request)
    result = _run([agency])
    if request.GET.get("format") == "csv":
        return download_response(
            "selfcheck.csv", "text/csv; charset=utf-8", as_csv(result).encode()
        )
    findings = ordered(result.findings)
    groups = [
        (severity, [f for f in findings if f.severity is severity])
        for severity in (Severity.VETO, Severity.DEDUCT, Severity.HINT)
    ]
    return render(
        request,
        "office/selfcheck.html",
        {
            "agency": agency,
            "read_only": read_only,
            "score": result.scores[agency.pk],
            "groups": groups,
            "today": result.today,
            "agencies": Agency.objects.staffed_by(request.user).order_by("name"),
        },
    )


@login_required
def county_page(request):
    agency = staff_agency(request)
    under = list(supervised_agencies(request.user).filter(parent=agency))
    everyone = [agency, *under]
    if request.method == "POST":  # 重新自查: every agency's result computed now
        standing(everyone, today=timezone.localdate(), calendar=current_calendar(), refresh=True)
        return redirect(request.get_full_path())
    stored = standing(everyone, today=timezone.localdate(), calendar=current_calendar())
    rows = [(a, stored[a.pk]["score"], stored[a.pk]["found"], stored[a.pk]["at"]) for a in everyone]
    rows.sort(key=lambda row: (not row[1].vetoed, row[1].points, row[0].name))
    return render(
        request,
        "office/selfcheck_county.html",
        {
            "agency": agency,
            "rows": rows,
            "today": timezone.localdate(),
            "kept_minutes": CACHE_SECONDS // 60,
        },
    )
