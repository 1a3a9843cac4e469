"""The agency 管理员's office (issue 25, "The administrator's office"): staff accounts and
roles, unlocking a locked-out colleague, the agency's settings and site identity, and its own
告知书模板 — in Chinese, each change an audited transition (core/accounts.py,
applications/letter_templates.py, inspection/identity_settings.py), within the
administrator's own agency. A county's administrator reads the pages of the agencies under
it, read only. Django's admin stays the system administrator's (superuser)."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from gongkai.applications.letter_templates import placeholders, save_template
from gongkai.applications.letters import DEFAULT_TEMPLATES
from gongkai.applications.models import LetterKind, LetterTemplate
from gongkai.core import accounts
from gongkai.core.forms import ControlCharactersStripped
from gongkai.core.models import Agency, Membership, Role, User
from gongkai.core.transitions import TransitionError
from gongkai.inspection.identity_settings import save_identity
from gongkai.inspection.models import FIELDS as IDENTITY_FIELDS
from gongkai.inspection.models import SiteIdentity
from gongkai.office.access import roles_in, staff_agency, viewed_agency
from gongkai.office.steps import step_context, take_step


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


class AgencyForm(ControlCharactersStripped, forms.ModelForm):
    class Meta:
        model = Agency
        fields = list(accounts.AGENCY_FIELDS)


class IdentityForm(ControlCharactersStripped, forms.ModelForm):
    class Meta:
        model = SiteIdentity
        fields = list(IDENTITY_FIELDS)


@login_required
def settings_page(request):
    agency, read_only = admin_agency(request)
    identity = SiteIdentity.objects.filter(agency=agency).first() or SiteIdentity(agency=agency)
    agency_form = AgencyForm(instance=agency, prefix="agency")
    identity_form = IdentityForm(instance=identity, prefix="identity")
    if request.method == "POST":
        which = request.POST.get("form")
        if which == "agency":
            agency_form = AgencyForm(request.POST, instance=agency, prefix="agency")
            bound, save = agency_form, accounts.update_agency
        elif which == "identity":
            identity_form = IdentityForm(request.POST, instance=identity, prefix="identity")
            bound, save = identity_form, save_identity
        else:
            raise Http404
        if bound.is_valid():
            try:
                save(Agency.objects.get(pk=agency.pk), by=request.user, **bound.cleaned_data)
            except TransitionError as error:
                bound.add_error(None, str(error))
            else:
                messages.success(request, "已保存")
                return redirect(_back("office:admin_settings", agency))
    return render(
        request,
        "office/admin/settings.html",
        {
            "agency": agency,
            "read_only": read_only,
            "agency_form": agency_form,
            "identity_form": identity_form,
        },
    )


class TemplateForm(forms.Form):
    body = forms.CharField(
        label="正文模板",
        required=False,
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text="留空即使用系统内置的模板",
    )


@login_required
def letters_page(request):
    agency, read_only = admin_agency(request)
    own = {t.kind: t for t in LetterTemplate.objects.filter(agency=agency)}
    if request.method == "POST":
        kind = request.POST.get("kind", "")
        if kind not in LetterKind.values:
            raise Http404
        form = TemplateForm(request.POST, prefix=kind)
        if form.is_valid():
            try:
                saved = save_template(
                    agency, by=request.user, kind=kind, body=form.cleaned_data["body"]
                )
            except TransitionError as error:
                messages.error(request, f"{LetterKind(kind).label}：{error}")
            else:
                label = LetterKind(kind).label
                messages.success(
                    request, f"已保存“{label}”模板" if saved else f"“{label}”改用内置模板"
                )
        else:
            messages.error(request, "模板过长（最多 10000 字）")
        return redirect(_back("office:admin_letters", agency))
    rows = [
        {
            "kind": kind,
            "own": kind in own,
            "form": TemplateForm(
                prefix=kind.value,
                initial={"body": own[kind].body if kind in own else ""},
            ),
            "default": DEFAULT_TEMPLATES.get(kind, ""),
        }
        for kind in LetterKind
        if kind in DEFAULT_TEMPLATES
    ]
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
