"""An agency's 管理员 looks after its own staff (issue 25, "The administrator's office"):
accounts, roles, deactivation, a password reset that forces a change, and unlocking a
colleague that django-axes locked out. Each is one audited transition, refused with a
Chinese sentence to anyone who is not a 管理员 of the agency, and never reaching past it:
an account that also works for another agency is that agency's business as well.

The steps are declared here, beside the transitions (core/steps.py): each transition checks
its declaration under the account's row lock, and the administrator's page offers what the
declarations open. Accounts are core, so their steps are too (core knows no domain app).
Deactivation and a password reset are taken only with the tick that states what follows."""

from __future__ import annotations

from django import forms
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from gongkai.core.audit import audit
from gongkai.core.forms import ControlCharactersStripped
from gongkai.core.models import Agency, Membership, Role, User
from gongkai.core.steps import AgencyPage, Guard, Step, StepSet, check, page_steps, register
from gongkai.core.transitions import TransitionError, require_role

ADMINS = (Role.ADMIN,)


def _roles(roles) -> list[str]:
    chosen = sorted({str(role) for role in roles})
    if not chosen:
        raise TransitionError("请至少选择一个角色")
    unknown = set(chosen) - set(Role.values)
    if unknown:
        raise TransitionError("没有这样的角色：" + "、".join(sorted(unknown)))
    return chosen


def _password(password: str, user: User | None = None) -> None:
    try:
        validate_password(password, user)
    except ValidationError as error:
        # Django's zh-Hans catalogue lacks the plural of the length rule: say it ourselves
        said = [
            f"密码太短，至少需要 {e.params['min_length']} 个字符"
            if e.code == "password_too_short"
            else " ".join(e.messages)
            for e in error.error_list
        ]
        raise TransitionError("；".join(said)) from None


def _staff_of(user: User, agency: Agency) -> None:
    if not Membership.objects.filter(user=user, agency=agency).exists():
        raise TransitionError("该账号不是本机关的工作人员")


def _only_here(user: User, agency: Agency, action: str) -> None:
    """A change to the whole account (active, password) touches every agency it works for."""
    if Membership.objects.filter(user=user).exclude(agency=agency).exists():
        raise TransitionError(f"该账号同时在其他机关任职，不能由本机关{action}，请联系系统管理员")


def _keeps_an_admin(agency: Agency, *, without: User) -> None:
    others = Membership.objects.filter(
        agency=agency, role=Role.ADMIN, user__is_active=True
    ).exclude(user=without)
    if not others.exists():
        raise TransitionError("本机关至少要有一名在用的管理员")


def create_account(
    agency: Agency, *, by: User, username: str, full_name: str, roles, password: str
) -> User:
    """A new colleague with the roles given; the first password is one the administrator
    knows, so it must be changed at the first login."""
    require_role(by, agency, ADMINS)
    chosen = _roles(roles)
    username = username.strip()
    if not username:
        raise TransitionError("请填写用户名")
    if User.objects.filter(username__iexact=username).exists():
        raise TransitionError(f"用户名“{username}”已被使用，请换一个")
    _password(password, User(username=username, full_name=full_name))
    with transaction.atomic():
        Agency.objects.select_for_update().filter(pk=agency.pk).exists()
        check(AgencyStaff(agency), "create", user=by, today=timezone.localdate())
        user = User(username=username, full_name=full_name.strip(), must_change_password=True)
        user.set_password(password)
        user.save()
        for role in chosen:
            Membership.objects.create(user=user, agency=agency, role=role)
        audit(by, "account.created", obj=user, agency=agency, roles=chosen)
    return user


def set_roles(user: User, agency: Agency, *, by: User, roles) -> User:
    """The account's roles in this agency, and only here."""
    require_role(by, agency, ADMINS)
    chosen = _roles(roles)
    with transaction.atomic():
        user = User.objects.select_for_update().get(pk=user.pk)
        _staff_of(user, agency)
        check(StaffAccount(user, agency), "roles", user=by, today=timezone.localdate())
        before = sorted(
            Membership.objects.filter(user=user, agency=agency).values_list("role", flat=True)
        )
        if before == chosen:
            return user
        if Role.ADMIN not in chosen:
            _keeps_an_admin(agency, without=user)
        Membership.objects.filter(user=user, agency=agency).exclude(role__in=chosen).delete()
        for role in set(chosen) - set(before):
            Membership.objects.create(user=user, agency=agency, role=role)
        audit(by, "account.roles.changed", obj=user, agency=agency, before=before, after=chosen)
    return user


def deactivate(user: User, agency: Agency, *, by: User) -> User:
    """The colleague has left: the account can no longer log in; its records stay theirs."""
    require_role(by, agency, ADMINS)
    if user.pk == by.pk:
        raise TransitionError("不能停用自己的账号")
    with transaction.atomic():
        user = User.objects.select_for_update().get(pk=user.pk)
        _staff_of(user, agency)
        _only_here(user, agency, "停用")
        if not user.is_active:
            raise TransitionError("该账号已停用")
        _keeps_an_admin(agency, without=user)
        check(StaffAccount(user, agency), "deactivate", user=by, today=timezone.localdate())
        user.is_active = False
        user.save(update_fields=["is_active"])
        audit(by, "account.deactivated", obj=user, agency=agency)
    return user


def reactivate(user: User, agency: Agency, *, by: User) -> User:
    require_role(by, agency, ADMINS)
    with transaction.atomic():
        user = User.objects.select_for_update().get(pk=user.pk)
        _staff_of(user, agency)
        _only_here(user, agency, "启用")
        if user.is_active:
            raise TransitionError("该账号正在使用")
        check(StaffAccount(user, agency), "reactivate", user=by, today=timezone.localdate())
        user.is_active = True
        user.save(update_fields=["is_active"])
        audit(by, "account.reactivated", obj=user, agency=agency)
    return user


def reset_password(user: User, agency: Agency, *, by: User, password: str) -> User:
    """A password the administrator knows: the colleague must choose their own at once."""
    require_role(by, agency, ADMINS)
    if user.pk == by.pk:
        raise TransitionError("请在“修改密码”页面修改自己的密码")
    _password(password, user)
    with transaction.atomic():
        user = User.objects.select_for_update().get(pk=user.pk)
        _staff_of(user, agency)
        _only_here(user, agency, "重置密码")
        check(StaffAccount(user, agency), "reset", user=by, today=timezone.localdate())
        user.set_password(password)
        user.must_change_password = True
        user.save(update_fields=["password", "must_change_password"])
        audit(by, "account.password.reset", obj=user, agency=agency)
    return user


def locked_out(usernames) -> set[str]:
    """Which of these accounts django-axes is refusing now (from any address)."""
    from axes.models import AccessAttempt
    from django.conf import settings

    return set(
        AccessAttempt.objects.filter(
            username__in=list(usernames), failures_since_start__gte=settings.AXES_FAILURE_LIMIT
        ).values_list("username", flat=True)
    )


def unlock(user: User, agency: Agency, *, by: User) -> int:
    """Clear the account's failed logins (every address), so the colleague may log in now
    rather than after the cool-off; returns how many records were cleared."""
    from axes.utils import reset

    require_role(by, agency, ADMINS)
    with transaction.atomic():
        user = User.objects.select_for_update().get(pk=user.pk)
        _staff_of(user, agency)
        check(StaffAccount(user, agency), "unlock", user=by, today=timezone.localdate())
    cleared = reset(username=user.username)
    audit(by, "account.unlocked", obj=user, agency=agency, cleared=cleared)
    return cleared


# ---------------------------------------------------------------- the declared steps


class StaffAccount:
    """A colleague's account as the administrator of one agency acts on it."""

    def __init__(self, user: User, agency: Agency):
        self.user = user
        self.agency = agency
        self.pk = user.pk

    def __eq__(self, other):
        return isinstance(other, StaffAccount) and (other.pk, other.agency.pk) == (
            self.pk,
            self.agency.pk,
        )

    def __hash__(self):
        return hash(("StaffAccount", self.pk, self.agency.pk))


class AgencyStaff(AgencyPage):
    """The agency's staff as a whole: where a new colleague's account is made."""


class NewAccountForm(ControlCharactersStripped, forms.Form):
    username = forms.CharField(label="用户名", max_length=150)
    full_name = forms.CharField(label="姓名", max_length=50)
    roles = forms.MultipleChoiceField(
        label="岗位", choices=Role.choices, widget=forms.CheckboxSelectMultiple
    )
    password = forms.CharField(
        label="初始密码",
        max_length=128,
        widget=forms.PasswordInput(render_value=False),
        help_text="告知本人；首次登录时须改为自己的密码",
    )


class RolesForm(forms.Form):
    roles = forms.MultipleChoiceField(
        label="岗位",
        choices=Role.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "请至少选择一个岗位"},
    )


class ResetForm(forms.Form):
    password = forms.CharField(
        label="新的临时密码",
        max_length=128,
        widget=forms.PasswordInput(render_value=False),
        help_text="告知本人；登录后须立即改为自己的密码",
        error_messages={"required": "请填写新的临时密码"},
    )


def _current_roles(target: StaffAccount) -> dict:
    held = Membership.objects.filter(user=target.user, agency=target.agency)
    return {
        "initial": {"roles": list(held.values_list("role", flat=True))},
        "auto_id": f"u{target.pk}-%s",  # one form per colleague on the page
    }


NOT_SELF = Guard(
    lambda target, s: target.pk != s.user.pk,
    "请在“修改密码”页面修改自己的密码",
)
NOT_SELF_DEACTIVATED = Guard(lambda target, s: target.pk != s.user.pk, "不能停用自己的账号")


def _only_here_guard(action: str) -> Guard:
    return Guard(
        lambda target, _: (
            not Membership.objects.filter(user=target.user).exclude(agency=target.agency).exists()
        ),
        f"该账号同时在其他机关任职，不能由本机关{action}，请联系系统管理员",
    )


ACCOUNT_STATES = {"active": "在用", "inactive": "已停用"}


def _state(target: StaffAccount) -> str:
    return "active" if target.user.is_active else "inactive"


ACCOUNT_STEPS = register(
    StepSet(
        model=StaffAccount,
        noun="该账号",
        state=_state,
        state_label=lambda target: ACCOUNT_STATES[_state(target)],
        steps=(
            Step(
                "unlock",
                "解除登录锁定",
                lambda target, *, by, today, data: unlock(target.user, target.agency, by=by),
                ADMINS,
                guards=(
                    Guard(
                        lambda target, _: bool(locked_out([target.user.username])),
                        "该账号没有被锁定",
                    ),
                ),
                done=lambda cleared: "已解除登录锁定，现在可以重新登录",
                waits=False,
            ),
            Step(
                "roles",
                "保存岗位",
                lambda target, *, by, today, data: set_roles(
                    target.user, target.agency, by=by, roles=data["roles"]
                ),
                ADMINS,
                form=RolesForm,
                form_kwargs=_current_roles,
                summary="修改岗位",
                done=lambda user: f"已修改 {user} 的岗位",
                waits=False,
            ),
            Step(
                "reset",
                "重置密码",
                lambda target, *, by, today, data: reset_password(
                    target.user, target.agency, by=by, password=data["password"]
                ),
                ADMINS,
                guards=(NOT_SELF, _only_here_guard("重置密码")),
                form=ResetForm,
                done=lambda user: f"已重置 {user} 的密码；登录后须立即修改",
                form_kwargs=lambda target: {"auto_id": f"r{target.pk}-%s"},
                irreversible="我已知晓：原密码立即失效，该同事须用管理员告知的临时密码登录并立即修改",
                waits=False,
            ),
            Step(
                "deactivate",
                "停用账号",
                lambda target, *, by, today, data: deactivate(target.user, target.agency, by=by),
                ADMINS,
                states=frozenset({"active"}),
                guards=(NOT_SELF_DEACTIVATED, _only_here_guard("停用")),
                done=lambda user: f"已停用 {user} 的账号",
                irreversible="我已知晓：停用后该同事立即不能登录，其经手的记录仍署其名",
                waits=False,
            ),
            Step(
                "reactivate",
                "重新启用",
                lambda target, *, by, today, data: reactivate(target.user, target.agency, by=by),
                ADMINS,
                states=frozenset({"inactive"}),
                guards=(_only_here_guard("启用"),),
                done=lambda user: f"已启用 {user} 的账号",
                waits=False,
            ),
        ),
    )
)

STAFF_STEPS = register(
    page_steps(
        model=AgencyStaff,
        noun="本机关",
        steps=(
            Step(
                "create",
                "建立账号",
                lambda target, *, by, today, data: create_account(target.agency, by=by, **data),
                ADMINS,
                form=NewAccountForm,
                summary="填写新同事的账号",
                done=lambda user: f"已建立账号 {user.username}（首次登录须修改密码）",
                waits=False,
            ),
        ),
    )
)


AGENCY_FIELDS = (
    "office_name",
    "office_address",
    "office_hours",
    "office_phone",
    "office_fax",
    "office_email",
    "reconsideration_body",
    "fee_payment_method",
    "letter_prefix",
)


class AgencySettings(AgencyPage):
    """The agency's own settings (contact details, 复议机关, 缴费方式, 文号前缀) as its
    administrator keeps them."""


class AgencySettingsForm(ControlCharactersStripped, forms.ModelForm):
    """Validates against the model's own fields; the transition takes its cleaned data."""

    class Meta:
        model = Agency
        fields = list(AGENCY_FIELDS)


SETTINGS_STEPS = register(
    page_steps(
        model=AgencySettings,
        noun="本机关",
        steps=(
            Step(
                "save",
                "保存机关信息",
                lambda target, *, by, today, data: update_agency(target.agency, by=by, **data),
                ADMINS,
                form=AgencySettingsForm,
                # a fresh row: the form's validation must not touch the wrapper's agency
                form_kwargs=lambda target: {
                    "instance": Agency.objects.get(pk=target.pk),
                    "prefix": "agency",  # the settings page holds the identity's form too
                },
                done=lambda agency: "已保存机关信息",
                waits=False,
            ),
        ),
    )
)


def update_agency(agency: Agency, *, by: User, **fields) -> Agency:
    """The agency's contact details, 复议机关, 缴费方式 and 文号前缀 — what its letters and
    guide print. Its name, level and 索引号前缀 stay the system administrator's."""
    require_role(by, agency, ADMINS)
    unknown = set(fields) - set(AGENCY_FIELDS)
    if unknown:
        raise TransitionError("不能修改的字段：" + "、".join(sorted(unknown)))
    with transaction.atomic():
        agency = Agency.objects.select_for_update().get(pk=agency.pk)
        check(AgencySettings(agency), "save", user=by, today=timezone.localdate())
        changed = [name for name, value in fields.items() if getattr(agency, name) != value]
        if not changed:
            return agency
        for name in changed:
            setattr(agency, name, fields[name])
        try:
            agency.full_clean()
        except ValidationError as error:
            messages = (m for ms in error.message_dict.values() for m in ms)
            raise TransitionError("；".join(messages)) from None
        agency.save(update_fields=changed)
        audit(by, "agency.settings.changed", obj=agency, fields=changed)
    return agency
