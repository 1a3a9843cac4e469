"""Which agency a member of staff is working in; shared by every office page.

Staff act only in their own agencies. An administrator of an agency (a county government's
政务公开办) may also look at the agencies directly under it — read only: every change still
goes through a transition that checks the role in the item's own agency."""

from django.http import Http404

from gongkai.core.models import Agency, Membership, Role


def staff_agency(request) -> Agency:
    """The agency named by ?agency= among the user's, else the first of them; 404 for others."""
    agencies = list(Agency.objects.staffed_by(request.user))
    chosen = request.GET.get("agency")
    for agency in agencies:
        if chosen is None or str(agency.pk) == chosen:
            return agency
    raise Http404


def supervised_agencies(user):
    """Agencies directly under one where `user` is an administrator."""
    return (
        Agency.objects.filter(parent__memberships__user=user, parent__memberships__role=Role.ADMIN)
        .exclude(memberships__user=user)
        .distinct()
        .order_by("name")
    )


def viewed_agency(request) -> tuple[Agency, bool]:
    """(agency, read_only): the user's own agency as staff_agency chooses it, or — named by
    ?agency= — one they supervise, read only; 404 for anything else."""
    chosen = request.GET.get("agency")
    if chosen and chosen.isdigit():
        supervised = supervised_agencies(request.user).filter(pk=chosen).first()
        if supervised is not None:
            return supervised, True
    return staff_agency(request), False


def roles_in(user, agency) -> frozenset[str]:
    """The user's roles in `agency`: pages offer only the steps these roles may take (the
    transitions still check, require_role)."""
    return frozenset(
        Membership.objects.filter(user=user, agency=agency).values_list("role", flat=True)
    )


def may(roles: frozenset[str], allowed) -> bool:
    return bool(roles & {str(role) for role in allowed})


def read_only_for(request, obj, *, agency=None) -> bool:
    """The one access rule for an object on an office page (issue 22, consolidation 4): the
    object's agency is one of the user's (False: they may act), or one they supervise (True:
    read only, Agency.supervises); 404 for anyone else, with no hint the object exists."""
    agency = agency if agency is not None else obj.agency
    if Agency.objects.staffed_by(request.user).filter(pk=agency.pk).exists():
        return False
    if agency.supervises(request.user):
        return True
    raise Http404


def acting_on(request, obj, *, agency=None):
    """`obj`, for a page that acts on it or shows what only its own agency may see (an
    application with the applicant's personal information, its letters): the user's own
    agency's; 404 for anyone else — a supervising administrator included, who may only read
    what read_only_for lets them read."""
    if read_only_for(request, obj, agency=agency):
        raise Http404
    return obj
