"""Staff pages for the annual report: the years and their deadlines, the draft with its
findings on every save, table 二's figures, publication, downloads, and a county's roll-up
of the agencies under it."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST, require_safe

from gongkai.core.models import Role
from gongkai.core.roles import PUBLISHERS, role_names
from gongkai.core.steps import refusal_of
from gongkai.office.access import read_only_for, roles_in, staff_agency, viewed_agency
from gongkai.office.steps import step_context, take_step
from gongkai.reports.document import ReportRefused, build_document
from gongkai.reports.models import AnnualReport, YearFigures
from gongkai.reports.render import FORMATS, http_response
from gongkai.reports.render import render as render_report
from gongkai.reports.render.html import report_fragment
from gongkai.reports.status import report_state
from gongkai.reports.steps import REPORT_STEPS, ReportYear, document_of


def _years(today):
    return range(today.year - 1, max(2021, today.year - 4) - 1, -1)


@login_required
def report_list(request):
    agency, read_only = viewed_agency(request)
    today = timezone.localdate()
    roles = roles_in(request.user, agency)
    # each year with 编制 (reports/steps.py) where it is offered to this person
    states = [
        (
            report_state(agency, year, today),
            step_context(
                ReportYear(agency, year),
                request.user,
                today=today,
                read_only=read_only,
                roles=roles,
            )["step_rows"],
        )
        for year in _years(today)
    ]
    return render(
        request,
        "office/reports.html",
        {
            "agency": agency,
            "read_only": read_only,
            "states": states,
            # 继续编辑 where the draft's 保存 is open to this person (reports/steps.py)
            "editable": {
                state.draft.pk
                for state, _ in states
                if state.draft is not None
                and not read_only
                and refusal_of(state.draft, "sections", user=request.user, today=today, roles=roles)
                is None
            },
        },
    )


@login_required
@require_POST
def report_start(request, year: int):
    """编制 (reports/steps.py); the new draft's page comes next."""
    return take_step(request, ReportYear(staff_agency(request), year), "start")


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
@require_safe
def report_detail(request, pk: int):
    report, read_only = _report(request, pk, act=False)
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
def report_step(request, pk: int, action: str):
    """保存填报数 or 保存 (reports/steps.py), taken by the one handler."""
    report, _ = _report(request, pk, act=True)
    return take_step(request, report, action)


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
