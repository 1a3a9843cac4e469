"""Staff pages for the annual report: the years and their deadlines, the draft with its
findings on every save, table 二's figures, publication, downloads, and a county's roll-up
of the agencies under it."""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from gongkai.core.forms import ControlCharactersStripped
from gongkai.core.models import Agency
from gongkai.core.transitions import TransitionError
from gongkai.office.access import may, roles_in, staff_agency, supervised_agencies, viewed_agency
from gongkai.reports import transitions as rt
from gongkai.reports.document import ReportRefused, build_document
from gongkai.reports.models import AnnualReport, YearFigures
from gongkai.reports.render import FORMATS, http_response
from gongkai.reports.render import render as render_report
from gongkai.reports.render.html import report_fragment
from gongkai.reports.status import report_state


class FiguresForm(ControlCharactersStripped, forms.ModelForm):
    class Meta:
        model = YearFigures
        fields = [
            "licences",
            "penalties",
            "enforcement",
            "fee_amount",
            "source",
            "oversight",
            "innovations",
        ]


class SectionsForm(ControlCharactersStripped, forms.Form):
    one = forms.CharField(
        label="一、总体情况", max_length=20_000, widget=forms.Textarea(attrs={"rows": 14})
    )
    five = forms.CharField(
        label="五、存在的主要问题及改进情况",
        max_length=20_000,
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    six = forms.CharField(
        label="六、其他需要报告的事项", max_length=20_000, widget=forms.Textarea(attrs={"rows": 6})
    )
    correction_note = forms.CharField(
        label="更正说明（更正版本填写）", max_length=500, required=False
    )


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
    try:
        year = int(request.POST.get("year", ""))
        report = rt.start_report(agency, year, by=request.user, today=timezone.localdate())
    except (ValueError, TransitionError) as error:
        messages.error(request, str(error) if isinstance(error, TransitionError) else "年份有误")
        return redirect(f"{reverse('office:reports')}?agency={agency.pk}")
    return redirect("office:report", pk=report.pk)


def _report(request, pk: int, *, act: bool) -> tuple[AnnualReport, bool]:
    report = get_object_or_404(AnnualReport.objects.select_related("agency", "item"), pk=pk)
    own = Agency.objects.staffed_by(request.user).filter(pk=report.agency_id).exists()
    if own:
        return report, False
    if not act and supervised_agencies(request.user).filter(pk=report.agency_id).exists():
        return report, True
    raise Http404


@login_required
def report_detail(request, pk: int):
    report, read_only = _report(request, pk, act=request.method == "POST")
    figures = YearFigures.objects.filter(agency=report.agency, year=report.year).first()
    sections = SectionsForm(
        request.POST if request.POST.get("form") == "sections" else None,
        initial={
            "one": report.section_one,
            "five": report.section_five,
            "six": report.section_six,
            "correction_note": report.correction_note,
        },
    )
    figures_form = FiguresForm(
        request.POST if request.POST.get("form") == "figures" else None,
        instance=figures,
        initial=None if figures else {"fee_amount": Decimal(0)},
    )
    if sections.is_bound and sections.is_valid():
        try:
            document = rt.save_sections(report, by=request.user, **sections.cleaned_data)
        except TransitionError as error:
            messages.error(request, str(error))
        else:
            messages.success(
                request,
                "已保存" + (f"；还有 {len(document.blocking)} 处问题" if document.blocking else ""),
            )
            return redirect("office:report", pk=pk)
    if figures_form.is_bound and figures_form.is_valid():
        try:
            rt.enter_figures(
                report.agency, report.year, by=request.user, **figures_form.cleaned_data
            )
        except TransitionError as error:
            figures_form.add_error(None, str(error))
        else:
            messages.success(request, "表二填报数已保存")
            return redirect("office:report", pk=pk)
    document = build_document(report)
    roles = frozenset() if read_only else roles_in(request.user, report.agency)
    return render(
        request,
        "office/report.html",
        {
            "is_editor": may(roles, rt.EDITORS),
            "is_publisher": may(roles, rt.PUBLISHERS),
            "report": report,
            "agency": report.agency,
            "read_only": read_only,
            "document": document,
            "fragment": report_fragment(document),
            "sections": sections,
            "figures": figures,
            "figures_form": figures_form,
            "formats": FORMATS,
        },
    )


@login_required
@require_POST
def report_publish(request, pk: int):
    report, _ = _report(request, pk, act=True)
    try:
        rt.publish_report(report, by=request.user, on=timezone.localdate())
    except TransitionError as error:
        messages.error(request, f"发布：{error}")
    else:
        messages.success(request, "报告已发布，已放入政府信息公开年报栏目")
    return redirect("office:report", pk=pk)


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
