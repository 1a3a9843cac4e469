"""The site's 《政府网站工作年度报表》 in the office: every cell with where it comes from —
counted from the records (with how) or 人工填报 (a field of the declared step 保存人工填报的
数据, saved and audited cell by cell) — and the declared 发布 step, both posted through the
generic step handler; DOCX and CSV of the draft for checking."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST, require_safe

from gongkai.core.http import download_response
from gongkai.office.access import staff_agency, viewed_agency
from gongkai.office.steps import route, step_context, take_step
from gongkai.sitereport.compute import compute, missing, runs_a_site
from gongkai.sitereport.format import BY_KEY, TITLE
from gongkai.sitereport.models import ReportedSite, SiteReport
from gongkai.sitereport.render import STAFF_MARK, render_csv, render_docx, rows, title_of


def _year(request) -> int:
    today = timezone.localdate()
    text = request.GET.get("year", "")
    return int(text) if text.isdigit() and 2018 <= int(text) < today.year else today.year - 1


def _page_url(agency, year) -> str:
    return reverse("office:site_report") + f"?agency={agency.pk}&year={year}"


@login_required
@require_safe
def site_report(request):
    agency, read_only = viewed_agency(request)
    return _page(request, agency, _year(request), read_only)


@login_required
@require_POST
def site_report_start(request, action: str):
    """编制 (sitereport/steps.py, routed as the agency's page-level step); the report's page
    on that year comes next."""
    return take_step(request, ReportedSite(staff_agency(request)), action)


def _page(request, agency, year, read_only, bound=None):
    """The report's page; `bound`: the 人工填报 form the fill step refused, shown again with
    what was typed and a sentence at each refused cell."""
    if not runs_a_site(agency):
        return render(
            request,
            "office/site_report.html",
            {"agency": agency, "year": year, "no_site": True, "title": TITLE},
        )
    report = SiteReport.objects.filter(agency=agency, year=year).first()
    today = timezone.localdate()
    cells = compute(agency, year, report.staff_values if report else {})
    steps = (
        step_context(report, request.user, today=today, read_only=read_only, apart=("fill",))
        if report
        else {}
    )
    start = None
    if report is None and not read_only:
        rows_offered = step_context(ReportedSite(agency), request.user, today=today)["step_rows"]
        start = next(iter(rows_offered), None)
    fill = None
    if report is not None and not read_only:
        offer = steps["step_offer"]
        if "fill" in offer:
            step = offer.step_set.get("fill")
            fill = {
                "form": bound if bound is not None else step.make_form(report),
                "url": route(report).action(report, "fill"),
                "label": step.label,
            }
    form = fill["form"] if fill else None
    return render(
        request,
        "office/site_report.html",
        {
            "agency": agency,
            "year": year,
            "report": report,
            "read_only": read_only,
            "title": f"{TITLE}（{year}年度）" if report is None else title_of(report),
            "rows": [
                (
                    row,
                    cells[row.key],
                    BY_KEY[row.key],
                    form[row.key] if form is not None and row.key in form.fields else None,
                )
                for row in rows(cells)
            ],
            "fill": fill,
            "start": start,
            "missing": missing(cells),
            "staff_mark": STAFF_MARK,
            **steps,
        },
        status=400 if bound is not None else 200,
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
    """A declared step on the report (sitereport/steps.py): 保存人工填报的数据 shows a refused
    form again with what was typed; 发布 posts through the same handler."""
    report = _report(request, pk, acting=True)
    return take_step(
        request,
        report,
        action,
        back=_page_url(report.agency, report.year),
        invalid=lambda form: _page(request, report.agency, report.year, False, form),
    )


@login_required
def site_report_download(request, pk: int, fmt: str):
    report = _report(request, pk)
    renderers = {"docx": render_docx, "csv": render_csv}
    if fmt not in renderers:
        raise Http404
    return download_response(*renderers[fmt](report), inline=False)
