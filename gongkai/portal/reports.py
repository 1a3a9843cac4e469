"""The published annual reports on the portal: each year's current version laid out like
the official format, its illustrated version (图解), superseded versions kept visible, and
downloads in every format."""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import get_object_or_404, render

from gongkai.core.models import Agency
from gongkai.reports.document import ReportRefused, build_document
from gongkai.reports.models import AnnualReport, ReportStatus
from gongkai.reports.render import FORMATS, http_response
from gongkai.reports.render import render as render_report
from gongkai.reports.render.html import report_fragment

PUBLIC = (ReportStatus.PUBLISHED, ReportStatus.SUPERSEDED)


def _versions(prefix: str, year: int):
    agency = get_object_or_404(Agency, index_prefix=prefix)
    versions = list(
        AnnualReport.objects.filter(agency=agency, year=year, status__in=PUBLIC)
        .select_related("agency", "item")
        .order_by("-version")
    )
    if not versions:
        raise Http404
    return agency, versions


def _chosen(request, versions) -> AnnualReport:
    wanted = request.GET.get("version", "")
    if wanted.isdigit():
        for report in versions:
            if report.version == int(wanted):
                return report
        raise Http404
    return next((r for r in versions if r.status == ReportStatus.PUBLISHED), versions[0])


def report_page(request, prefix: str, year: int):
    agency, versions = _versions(prefix, year)
    report = _chosen(request, versions)
    document = build_document(report)
    return render(
        request,
        "portal/report.html",
        {
            "agency": agency,
            "report": report,
            "document": document,
            "fragment": report_fragment(document),
            "versions": versions,
            "formats": [f for f in FORMATS if f != "html"],
        },
    )


def illustrated(request, prefix: str, year: int):
    from gongkai.reports.render.charts import charts

    agency, versions = _versions(prefix, year)
    report = _chosen(request, versions)
    document = build_document(report)
    drawn = []
    for chart in charts(document):
        # the same bars in HTML for a phone, where the SVG's labels would shrink with the
        # drawing to 7 px (640 units on a 390 px screen): text at the page's own size
        top = max([value for _, value in chart.bars] + [1])
        rows = [(label, value, f"{value * 100 / top:.1f}") for label, value in chart.bars]
        drawn.append({"chart": chart, "rows": rows})
    return render(
        request,
        "portal/report_illustrated.html",
        {"agency": agency, "report": report, "document": document, "charts": drawn},
    )


def download(request, prefix: str, year: int, fmt: str):
    if fmt not in FORMATS:
        raise Http404
    _, versions = _versions(prefix, year)
    document = build_document(_chosen(request, versions))
    try:
        rendered = render_report(document, fmt)
    except ReportRefused as error:
        return render(
            request, "portal/report_unavailable.html", {"message": str(error)}, status=503
        )
    return http_response(*rendered)
