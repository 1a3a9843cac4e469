"""The agency 管理员's office (issue 25, "The administrator's office"): staff accounts and
roles, unlocking a locked-out colleague, the agency's settings and site identity, and its own
告知书模板 — in Chinese, each change an audited transition (core/accounts.py,
applications/letter_templates.py, inspection/identity_settings.py), within the
administrator's own agency. A county's administrator reads the pages of the agencies under
it, read only. Django's admin stays the system administrator's (superuser)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from gongkai.applications.letter_templates import placeholders
from gongkai.applications.letters import DEFAULT_TEMPLATES
from gongkai.applications.models import LetterKind, LetterTemplate
from gongkai.applications.steps import AgencyLetterTemplate
from gongkai.core import accounts
from gongkai.core.models import Agency, Membership, Role, User
from gongkai.core.steps import step_set_of
from gongkai.inspection.identity_settings import AgencyIdentity
from gongkai.office.access import roles_in, staff_agency, viewed_agency
from gongkai.office.steps import route, step_context, take_step


def admin_agency(request) -> tuple[Agency, bool]:
    """(agency, read_only): an agency where the user is 管理员, or one under it (read only);
    404 for anyone else, as every office page answers."""
    agency, read_only = viewed_agency(request)
    if not read_only and Role.ADMIN not in roles_in(request.user, agency):
        raise Http404
    if read_only and request.method == "POST":
        raise Http404
    return agency, read_only


def _back(name: str, agency: Agency) -> str:
    return reverse(name) + f"?agency={agency.pk}"


@login_required
def staff_page(request):
    """The agency's staff, each with the steps core/accounts.py declares open on their
    account (a county administrator reads a township's, read only: nothing is offered)."""
    agency, read_only = admin_agency(request)
    today = timezone.localdate()
    roles = roles_in(request.user, agency)
    memberships = Membership.objects.filter(agency=agency).select_related("user")
    people: dict[int, dict] = {}
    for m in memberships.order_by("user__username", "role"):
        row = people.setdefault(m.user_id, {"user": m.user, "roles": []})
        row["roles"].append(m.role)
    locked = accounts.locked_out(row["user"].username for row in people.values())
    rows = []
    for row in people.values():
        user = row["user"]
        rows.append(
            {
                "user": user,
                "role_labels": "、".join(Role(r).label for r in row["roles"]),
                "locked": user.username in locked,
                "elsewhere": Membership.objects.filter(user=user).exclude(agency=agency).exists(),
                "steps": step_context(
                    accounts.StaffAccount(user, agency),
                    request.user,
                    today=today,
                    read_only=read_only,
                    roles=roles,
                ),
            }
        )
    return render(
        request,
        "office/admin/staff.html",
        {
            "agency": agency,
            "read_only": read_only,
            "rows": rows,
            **step_context(
                accounts.AgencyStaff(agency),
                request.user,
                today=today,
                read_only=read_only,
                roles=roles,
            ),
        },
    )


@login_required
@require_POST
def staff_action(request, action: str):
    """建立账号 (core/accounts.py), taken by the one handler."""
    return take_step(request, accounts.AgencyStaff(staff_agency(request)), action)


@login_required
@require_POST
def account_action(request, pk: int, action: str):
    """A step on a colleague's account (core/accounts.py): the declaration refuses whoever
    is not this agency's 管理员, with its sentence."""
    agency = staff_agency(request)
    user = User.objects.filter(pk=pk, memberships__agency=agency).distinct().first()
    if user is None:
        raise Http404
    return take_step(request, accounts.StaffAccount(user, agency), action)


def _settings_page(request, agency, read_only, bound=None):
    """The settings page: the agency's settings and its site identity, each with the one step
    core/accounts.py and inspection/steps.py declare; a refused form comes back bound."""
    today = timezone.localdate()
    roles = roles_in(request.user, agency)
    sections = {}
    for key, target in (
        ("agency", accounts.AgencySettings(agency)),
        ("identity", AgencyIdentity(agency)),
    ):
        context = step_context(target, request.user, today=today, read_only=read_only, roles=roles)
        row = next(iter(context["step_rows"]), None)
        save = step_set_of(target).get("save")
        form = bound if bound is not None and bound.prefix == key else save.make_form(target)
        sections[key] = {"form": form, "row": row, "refusals": context["step_refusals"]}
    return render(
        request,
        "office/admin/settings.html",
        {"agency": agency, "read_only": read_only, "sections": sections},
    )


@login_required
def settings_page(request):
    agency, read_only = admin_agency(request)
    return _settings_page(request, agency, read_only)


@login_required
@require_POST
def settings_action(request, action: str):
    """保存机关信息 (core/accounts.py): a refused form is shown again with what was typed."""
    agency = staff_agency(request)
    return take_step(
        request,
        accounts.AgencySettings(agency),
        action,
        invalid=lambda form: _settings_page(request, agency, False, form),
    )


@login_required
@require_POST
def identity_action(request, action: str):
    """保存网站标识 (inspection/steps.py), as the settings above."""
    agency = staff_agency(request)
    return take_step(
        request,
        AgencyIdentity(agency),
        action,
        invalid=lambda form: _settings_page(request, agency, False, form),
    )


def _kind(kind: str) -> LetterKind:
    if kind not in LetterKind.values or kind not in DEFAULT_TEMPLATES:
        raise Http404
    return LetterKind(kind)


@login_required
def letters_page(request):
    agency, read_only = admin_agency(request)
    today = timezone.localdate()
    roles = roles_in(request.user, agency)
    own = {t.kind: t for t in LetterTemplate.objects.filter(agency=agency)}
    rows = []
    for kind in LetterKind:
        if kind not in DEFAULT_TEMPLATES:
            continue
        target = AgencyLetterTemplate(agency, kind)
        rows.append(
            {
                "kind": kind,
                "own": own.get(kind),
                "default": DEFAULT_TEMPLATES[kind],
                **step_context(target, request.user, today=today, read_only=read_only, roles=roles),
            }
        )
    return render(
        request,
        "office/admin/letters.html",
        {
            "agency": agency,
            "read_only": read_only,
            "rows": rows,
            "placeholders": placeholders(),
        },
    )


@login_required
@require_POST
def letter_template_action(request, kind: str, action: str):
    """保存模板 (applications/steps.py), taken by the one handler."""
    agency = staff_agency(request)
    target = AgencyLetterTemplate(agency, _kind(kind))
    return take_step(request, target, action, back=route(target).page(target) + f"#kind-{kind}")
