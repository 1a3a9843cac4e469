"""`{% site_footer %}`: the identity block every government page carries at its foot, and
the 关怀版 switch (工信部《互联网网站适老化通用设计规范》)."""

from urllib.parse import urlencode

from django import template
from django.urls import reverse

from gongkai.inspection.models import identity_for

register = template.Library()


@register.inclusion_tag("inspection/footer.html", takes_context=True)
def site_footer(context):
    agency = context.get("agency")
    if agency is None:  # an item's, an application's or a report's page: its agency's
        for name in ("item", "application", "report", "document"):
            agency = getattr(context.get(name), "agency", None)
            if agency is not None:
                break
    if agency is not None and not hasattr(agency, "office_phone"):
        agency = None  # another context's "agency" (a plain value) is not an Agency
    request = context.get("request")
    match = getattr(request, "resolver_match", None)
    report_error = ""
    if match is not None and match.namespace == "portal" and match.url_name != "report_error":
        # 我为政府网站找错 (interaction): the page's own address goes with the link
        query = {"page": request.build_absolute_uri()}
        if agency is not None:
            query["agency"] = agency.index_prefix
        report_error = reverse("portal:report_error") + "?" + urlencode(query)
    return {
        "report_error": report_error,
        "identity": identity_for(agency, kept=True),
        "agency": agency,
        "care": bool(request and request.COOKIES.get("gongkai_care") == "1"),
        "here": request.get_full_path() if request else "/",
    }
