"""`{% site_footer %}`: the identity block every government page carries at its foot, and
the 关怀版 switch (工信部《互联网网站适老化通用设计规范》)."""

from django import template

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
    return {
        "identity": identity_for(agency),
        "agency": agency,
        "care": bool(request and request.COOKIES.get("gongkai_care") == "1"),
        "here": request.get_full_path() if request else "/",
    }
