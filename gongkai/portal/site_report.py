"""The site's 《政府网站工作年度报表》 on the portal, linked from the site's home page
(国办函〔2018〕12号: 在本网站首页显著位置发布), as HTML and as DOCX and CSV downloads. Only
published reports, as frozen at publication."""

from __future__ import annotations

from django.shortcuts import get_object_or_404, render

from gongkai.core.http import download_response
from gongkai.core.models import Agency
from gongkai.sitereport.models import ReportStatus, SiteReport
from gongkai.sitereport.render import cells_of, render_csv, render_docx, rows, title_of


def published_reports(agency: Agency):
    return SiteReport.objects.filter(agency=agency, status=ReportStatus.PUBLISHED).order_by("-year")


def _published(prefix: str, year: int) -> SiteReport:
    agency = get_object_or_404(Agency, index_prefix=prefix)
    return get_object_or_404(published_reports(agency), year=year)


def site_report(request, prefix: str, year: int):
    report = _published(prefix, year)
    return render(
        request,
        "portal/site_report.html",
        {"report": report, "title": title_of(report), "rows": rows(cells_of(report))},
    )


def site_report_docx(request, prefix: str, year: int):
    return download_response(*render_docx(_published(prefix, year)), inline=False)


def site_report_csv(request, prefix: str, year: int):
    return download_response(*render_csv(_published(prefix, year)), inline=False)
