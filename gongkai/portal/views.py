from django.shortcuts import get_object_or_404, redirect, render

from gongkai.catalogue.models import Item
from gongkai.core.models import Agency
from gongkai.portal.site_report import published_reports
from gongkai.portal.submissions import adopted_columns


def home(request):
    """The platform's front page: one agency goes straight to its page; a county platform
    hosting many lists them by level."""
    agencies = list(Agency.objects.select_related("parent"))
    if len(agencies) == 1:
        return redirect("portal:agency", prefix=agencies[0].index_prefix)
    from gongkai.sitereport.models import ReportStatus, SiteReport

    # 国办函〔2018〕12号: each site's 年度报表 on its home page, the latest year of each
    latest = {}
    for report in (
        SiteReport.objects.filter(status=ReportStatus.PUBLISHED)
        .select_related("agency")
        .order_by("-year")
    ):
        latest.setdefault(report.agency_id, report)
    return render(
        request,
        "portal/home.html",
        {"agencies": agencies, "site_reports": list(latest.values())},
    )


def agency_home(request, prefix: str):
    agency = get_object_or_404(Agency.objects.select_related("parent"), index_prefix=prefix)
    return render(
        request,
        "portal/agency.html",
        {
            "agency": agency,
            "children": agency.children.order_by("name"),
            "adopted_columns": adopted_columns(agency),
            "site_reports": published_reports(agency)[:3],
            "latest": Item.objects.live()
            .filter(agency=agency)
            .order_by("-published_on", "-pk")[:8],
        },
    )
