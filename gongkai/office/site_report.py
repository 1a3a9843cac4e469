"""The site's 《政府网站工作年度报表》 in the office: every cell with where it comes from —
counted from the records (with how) or 人工填报 (a form field, saved cell by cell and
audited) — and the declared 发布 step; DOCX and CSV of the draft for checking."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from gongkai.core.http import download_response
from gongkai.core.transitions import TransitionError
from gongkai.office.access import viewed_agency
from gongkai.office.steps import step_context, take_step
from gongkai.sitereport import transitions as t
from gongkai.sitereport.compute import compute, missing, runs_a_site
from gongkai.sitereport.format import BY_KEY, TITLE
from gongkai.sitereport.models import SiteReport
from gongkai.sitereport.render import STAFF_MARK, render_csv, render_docx, rows, title_of


def _year(request) -> int:
    today = timezone.localdate()
    text = request.POST.get("year") or request.GET.get("year", "")
    return int(text) if text.isdigit() and 2018 <= int(text) < today.year else today.year - 1


def _page_url(agency, year) -> str:
    return reverse("office:site_report") + f"?agency={agency.pk}&year={year}"


@login_required
def site_report(request):
    agency, read_only = viewed_agency(request)
    year = _year(request)
    if not runs_a_site(agency):
        return render(
            request,
            "office/site_report.html",
            {"agency": agency, "year": year, "no_site": True, "title": TITLE},
        )
    report = SiteReport.objects.filter(agency=agency, year=year).first()
    today = timezone.localdate()
    if request.method == "POST":
        if read_only:
            raise Http404
        try:
            if report is None:
                report = t.start_report(agency, year, by=request.user, today=today)
            else:
                values = {
                    key[len("cell_") :]: value
                    for key, value in request.POST.items()
                    if key.startswith("cell_")
                }
                t.fill_cells(report, by=request.user, values=values)
                messages.success(request, "人工填报的数据已保存")
        except TransitionError as error:
            messages.error(request, str(error))
        return redirect(_page_url(agency, year))
    cells = compute(agency, year, report.staff_values) if report else compute(agency, year, {})
    return render(
        request,
        "office/site_report.html",
        {
            "agency": agency,
            "year": year,
            "report": report,
            "read_only": read_only,
            "title": f"{TITLE}（{year}年度）" if report is None else title_of(report),
            "rows": [(row, cells[row.key], BY_KEY[row.key]) for row in rows(cells)],
            "missing": missing(cells),
            "staff_mark": STAFF_MARK,
            **(
                step_context(report, request.user, today=today, read_only=read_only)
                if report
                else {}
            ),
        },
    )


def _report(request, pk: int, *, acting: bool = False) -> SiteReport:
    """The report for its agency's staff, or — to read — the administrator above it."""
    report = SiteReport.objects.select_related("agency").filter(pk=pk).first()
    if report is None:
        raise Http404
    agency, read_only = viewed_agency(request)
    if agency.pk != report.agency_id or (acting and read_only):
        raise Http404
    return report


@login_required
@require_POST
def site_report_action(request, pk: int, action: str):
    report = _report(request, pk, acting=True)
    return take_step(request, report, action, back=_page_url(report.agency, report.year))


@login_required
def site_report_download(request, pk: int, fmt: str):
    report = _report(request, pk)
    renderers = {"docx": render_docx, "csv": render_csv}
    if fmt not in renderers:
        raise Http404
    return download_response(*renderers[fmt](report), inline=False)
