"""Staff pages for the annual report: the years and their deadlines, the draft with its
findings on every save, table 二's figures, publication, downloads, and a county's roll-up
of the agencies under it."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from gongkai.core.models import Role
from gongkai.core.roles import PUBLISHERS, role_names
from gongkai.core.transitions import TransitionError
from gongkai.office.access import may, read_only_for, roles_in, staff_agency, viewed_agency
from gongkai.office.steps import step_context, take_step
from gongkai.reports import transitions as rt
from gongkai.reports.document import ReportRefused, build_document
from gongkai.reports.models import AnnualReport, YearFigures
from gongkai.reports.render import FORMATS, http_response
from gongkai.reports.render import render as render_report
from gongkai.reports.render.html import report_fragment
from gongkai.reports.status import report_state
from gongkai.reports.steps import REPORT_STEPS, document_of


class YearForm(forms.Form):
    """Which year's report to start (or to correct: the next version of a published one)."""

    year = forms.IntegerField(min_value=2008)


def _years(today):
    return range(today.year - 1, max(2021, today.year - 4) - 1, -1)


@login_required
def report_list(request):
    agency, read_only = viewed_agency(request)
    today = timezone.localdate()
    return render(
        request,
        "office/reports.html",
        {
            "agency": agency,
            "read_only": read_only,
            "states": [report_state(agency, year, today) for year in _years(today)],
            "is_editor": not read_only and may(roles_in(request.user, agency), rt.EDITORS),
        },
    )


@login_required
@require_POST
def report_start(request):
    agency = staff_agency(request)
    form = YearForm(request.POST)
    try:
        if not form.is_valid():
            raise TransitionError("年份有误")
        report = rt.start_report(
            agency, form.cleaned_data["year"], by=request.user, today=timezone.localdate()
        )
    except TransitionError as error:
        messages.error(request, str(error))
        return redirect(f"{reverse('office:reports')}?agency={agency.pk}")
    return redirect("office:report", pk=report.pk)


def _report(request, pk: int, *, act: bool) -> tuple[AnnualReport, bool]:
    """The report and whether this person only reads it (office/access.read_only_for);
    a supervisor's POST is refused as an outsider's is."""
    report = get_object_or_404(AnnualReport.objects.select_related("agency", "item"), pk=pk)
    read_only = read_only_for(request, report)
    if act and read_only:
        raise Http404
    return report, read_only


EDITED = ("figures", "sections")  # the page lays these two out itself


@login_required
def report_detail(request, pk: int):
    report, read_only = _report(request, pk, act=request.method == "POST")
    if request.method == "POST":  # 保存填报数 or 保存 (the step named by the form field)
        step = request.POST.get("form", "")
        if step not in EDITED:
            raise Http404
        return take_step(request, report, step)
    today = timezone.localdate()
    context = step_context(report, request.user, today=today, read_only=read_only, apart=EDITED)
    offer = context["step_offer"]
    document = document_of(report)
    return render(
        request,
        "office/report.html",
        {
            **context,
            "report": report,
            "agency": report.agency,
            "read_only": read_only,
            "document": document,
            "fragment": report_fragment(document),
            "figures": YearFigures.objects.filter(agency=report.agency, year=report.year).first(),
            "figures_form": REPORT_STEPS.get("figures").make_form(report)
            if "figures" in offer
            else None,
            "sections": REPORT_STEPS.get("sections").make_form(report)
            if "sections" in offer
            else None,
            "formats": FORMATS,
            # who may publish, as the rule (core.roles.PUBLISHERS) says it — not restated
            "publishers": role_names(PUBLISHERS),
        },
    )


@login_required
@require_POST
def report_publish(request, pk: int):
    report, _ = _report(request, pk, act=True)
    return take_step(request, report, "publish")


@login_required
def report_download(request, pk: int, fmt: str):
    report, _ = _report(request, pk, act=False)
    if fmt not in FORMATS:
        raise Http404
    document = build_document(report)
    try:
        rendered = render_report(document, fmt)
    except ReportRefused as error:
        messages.error(request, str(error))
        return redirect("office:report", pk=pk)
    return http_response(*rendered)


@login_required
def rollup(request):
    """For an administrator of an agency with agencies under it (a county's 政务公开办)."""
    from gongkai.reports.rollup import roll_up, rollup_xlsx

    parent = staff_agency(request)
    if not parent.children.exists():
        raise Http404
    if Role.ADMIN not in roles_in(request.user, parent):
        # the roll-up reads every agency's unpublished drafts: the 政务公开办's administrators
        raise PermissionDenied("只有本机关的管理员可以查看所属机构的年度报告汇总")
    today = timezone.localdate()
    text = request.GET.get("year", "")
    year = int(text) if text.isdigit() and 2021 <= int(text) < today.year else today.year - 1
    result = roll_up(parent, year, today)
    if request.GET.get("format") == "xlsx":
        return http_response(
            f"{parent.name}{year}年度报告汇总.xlsx", FORMATS["xlsx"][0], rollup_xlsx(parent, result)
        )
    from gongkai.reports.render.html import laid_tables
    from gongkai.statute.report_format import format_for_year

    laid = laid_tables(format_for_year(year), result.tables)
    return render(
        request,
        "office/rollup.html",
        {
            "agency": parent,
            "rollup": result,
            "laid": laid,
            "years": _years(today),
        },
    )
