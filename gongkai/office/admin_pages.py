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
from gongkai.office.access import roles_in, viewed_agency

ROLE_CHOICES = Role.choices


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


class NewAccountForm(ControlCharactersStripped, forms.Form):
    username = forms.CharField(label="用户名", max_length=150)
    full_name = forms.CharField(label="姓名", max_length=50)
    roles = forms.MultipleChoiceField(
        label="岗位", choices=ROLE_CHOICES, widget=forms.CheckboxSelectMultiple
    )
    password = forms.CharField(
        label="初始密码",
        max_length=128,
        widget=forms.PasswordInput(render_value=False),
        help_text="告知本人；首次登录时须改为自己的密码",
    )


class RolesForm(forms.Form):
    roles = forms.MultipleChoiceField(
        label="岗位", choices=ROLE_CHOICES, widget=forms.CheckboxSelectMultiple
    )


class ResetForm(forms.Form):
    password = forms.CharField(
        label="新的临时密码",
        max_length=128,
        widget=forms.PasswordInput(render_value=False),
        help_text="告知本人；登录后须立即改为自己的密码",
    )


@login_required
def staff_page(request):
    agency, read_only = admin_agency(request)
    if request.method == "POST":
        _staff_post(request, agency)
        return redirect(_back("office:admin_staff", agency))
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
                "roles_form": RolesForm(prefix=f"u{user.pk}", initial={"roles": row["roles"]}),
                "reset_form": ResetForm(prefix=f"r{user.pk}"),
                "is_me": user.pk == request.user.pk,
            }
        )
    return render(
        request,
        "office/admin/staff.html",
        {
            "agency": agency,
            "read_only": read_only,
            "rows": rows,
            "new_form": None if read_only else NewAccountForm(),
        },
    )


def _staff_post(request, agency: Agency) -> None:
    action = request.POST.get("action", "")
    try:
        if action == "create":
            form = NewAccountForm(request.POST)
            if not form.is_valid():
                errors = (
                    f"{form.fields[n].label}：{e}" for n, es in form.errors.items() for e in es
                )
                raise TransitionError("；".join(errors))
            user = accounts.create_account(agency, by=request.user, **form.cleaned_data)
            messages.success(request, f"已建立账号 {user.username}（首次登录须修改密码）")
            return
        user = User.objects.filter(
            pk=request.POST.get("user", "0") if request.POST.get("user", "").isdigit() else 0,
            memberships__agency=agency,
        ).first()
        if user is None:
            raise TransitionError("该账号不是本机关的工作人员")
        if action == "roles":
            form = RolesForm(request.POST, prefix=f"u{user.pk}")
            if not form.is_valid():
                raise TransitionError("请至少选择一个岗位")
            accounts.set_roles(user, agency, by=request.user, roles=form.cleaned_data["roles"])
            messages.success(request, f"已修改 {user} 的岗位")
        elif action == "deactivate":
            accounts.deactivate(user, agency, by=request.user)
            messages.success(request, f"已停用 {user} 的账号")
        elif action == "reactivate":
            accounts.reactivate(user, agency, by=request.user)
            messages.success(request, f"已启用 {user} 的账号")
        elif action == "reset":
            form = ResetForm(request.POST, prefix=f"r{user.pk}")
            if not form.is_valid():
                raise TransitionError("请填写新的临时密码")
            accounts.reset_password(
                user, agency, by=request.user, password=form.cleaned_data["password"]
            )
            messages.success(request, f"已重置 {user} 的密码；登录后须立即修改")
        elif action == "unlock":
            accounts.unlock(user, agency, by=request.user)
            messages.success(request, f"已解除 {user} 的登录锁定，现在可以重新登录")
        else:
            raise Http404
    except TransitionError as error:
        messages.error(request, str(error))


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
