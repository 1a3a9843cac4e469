"""Which agency a member of staff is working in; shared by every office page."""

from django.http import Http404

from gongkai.core.models import Agency


def staff_agency(request) -> Agency:
    """The agency named by ?agency= among the user's, else the first of them; 404 for others."""
    agencies = list(Agency.objects.staffed_by(request.user))
    chosen = request.GET.get("agency")
    for agency in agencies:
        if chosen is None or str(agency.pk) == chosen:
            return agency
    raise Http404
