from django.shortcuts import get_object_or_404, redirect, render

from gongkai.catalogue.models import Item
from gongkai.core.models import Agency
from gongkai.portal.submissions import adopted_columns


def home(request):
    """The platform's front page: one agency goes straight to its page; a county platform
    hosting many lists them by level."""
    agencies = list(Agency.objects.select_related("parent"))
    if len(agencies) == 1:
        return redirect("portal:agency", prefix=agencies[0].index_prefix)
    return render(request, "portal/home.html", {"agencies": agencies})


def agency_home(request, prefix: str):
    agency = get_object_or_404(Agency.objects.select_related("parent"), index_prefix=prefix)
    return render(
        request,
        "portal/agency.html",
        {
            "agency": agency,
            "children": agency.children.order_by("name"),
            "adopted_columns": adopted_columns(agency),
            "latest": Item.objects.live()
            .filter(agency=agency)
            .order_by("-published_on", "-pk")[:8],
        },
    )
