"""The agency 管理员's office (issue 25): staff accounts, roles, deactivation, password
resets that force a change, unlocking a locked-out colleague, the agency's settings and site
identity, its own 告知书模板 — each audited, within the administrator's own agency; the
county's administrator reads the township's pages and changes nothing."""

import pytest
from django.urls import reverse

from gongkai.applications.models import LetterTemplate
from gongkai.core.models import AuditEntry, Membership, Role, User
from gongkai.inspection.models import SiteIdentity

pytestmark = pytest.mark.django_db
STRONG = "Qingshi-2026-strong"


@pytest.fixture
def admin(township):
    return User.objects.get(username="guanli")


def post(client, name, township, data):
    return client.post(reverse(name) + f"?agency={township.pk}", data, follow=True)


def step(client, township, action, user=None, **data):
    """A declared step (core/accounts.py) posted to the one handler, its fields prefixed."""
    url = (
        reverse("office:admin_staff_action", args=[action])
        if user is None
        else reverse("office:admin_account_action", args=[user.pk, action])
    )
    fields = {f"{action}-{name}": value for name, value in data.items() if name != "confirmed"}
    if "confirmed" in data:
        fields["confirmed"] = data["confirmed"]
    return client.post(url + f"?agency={township.pk}", fields, follow=True)


def test_the_administrator_creates_an_account_that_must_change_its_password(
    client, admin, township, settings
):
    client.force_login(admin)
    page = step(
        client,
        township,
        "create",
        username="xinren",
        full_name="新同事",
        roles=["clerk"],
        password=STRONG,
    ).content.decode()
    assert "已建立账号 xinren" in page
    user = User.objects.get(username="xinren")
    assert user.must_change_password and user.check_password(STRONG)
    assert set(Membership.objects.filter(user=user).values_list("agency", "role")) == {
        (township.pk, Role.CLERK)
    }
    assert AuditEntry.objects.filter(action="account.created", actor=admin).exists()
    # the new colleague is sent to choose a password first (outside demo mode)
    settings.DEMO = False
    client.force_login(user)
    assert client.get(reverse("office:home")).url == reverse("office:password_change")


def test_a_weak_or_taken_username_is_refused_in_chinese(client, admin, township):
    client.force_login(admin)
    page = step(
        client,
        township,
        "create",
        username="jingban",
        full_name="重名",
        roles=["clerk"],
        password=STRONG,
    ).content.decode()
    assert "用户名“jingban”已被使用" in page
    page = step(
        client,
        township,
        "create",
        username="ruo",
        full_name="弱",
        roles=["clerk"],
        password="123",
    ).content.decode()
    assert not User.objects.filter(username="ruo").exists()
    assert "密码太短，至少需要" in page and "This password" not in page


def test_roles_deactivation_and_reset_are_audited(client, admin, township, clerk):
    client.force_login(admin)
    step(client, township, "roles", clerk, roles=["clerk", "reviewer"])
    assert set(clerk.memberships.values_list("role", flat=True)) == {"clerk", "reviewer"}
    # a password reset and a deactivation are taken only with their tick (server-side)
    page = step(client, township, "reset", clerk, password=STRONG).content.decode()
    assert "重置密码不能撤销：请先勾选“我已知晓：原密码立即失效" in page
    clerk.refresh_from_db()
    assert not clerk.check_password(STRONG)
    step(client, township, "reset", clerk, password=STRONG, confirmed="yes")
    clerk.refresh_from_db()
    assert clerk.check_password(STRONG) and clerk.must_change_password
    page = step(client, township, "deactivate", clerk).content.decode()
    assert "停用账号不能撤销：请先勾选" in page
    clerk.refresh_from_db()
    assert clerk.is_active
    step(client, township, "deactivate", clerk, confirmed="yes")
    clerk.refresh_from_db()
    assert not clerk.is_active
    actions = set(AuditEntry.objects.filter(actor=admin).values_list("action", flat=True))
    assert {"account.roles.changed", "account.password.reset", "account.deactivated"} <= actions


def test_the_last_administrator_cannot_remove_their_own_role(client, admin, township):
    client.force_login(admin)
    page = step(client, township, "roles", admin, roles=["clerk"])
    assert "本机关至少要有一名在用的管理员" in page.content.decode()
    assert Membership.objects.filter(user=admin, role=Role.ADMIN).exists()


def test_a_locked_out_colleague_is_unlocked(client, admin, township, clerk, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(reverse("office:login"), {"username": "jingban", "password": "wrong-1"})
    from gongkai.core.accounts import locked_out

    assert locked_out(["jingban"]) == {"jingban"}
    client.force_login(admin)
    page = client.get(reverse("office:admin_staff") + f"?agency={township.pk}").content.decode()
    assert "登录已锁定" in page
    page = step(client, township, "unlock", clerk)
    assert "已解除" in page.content.decode() and locked_out(["jingban"]) == set()
    assert AuditEntry.objects.filter(action="account.unlocked").exists()


def test_settings_identity_and_letter_templates_are_saved_and_checked(client, admin, township):
    client.force_login(admin)
    fields = {
        f"agency-{name}": getattr(township, name)
        for name in (
            "office_name",
            "office_address",
            "office_hours",
            "office_phone",
            "office_fax",
            "office_email",
            "reconsideration_body",
            "letter_prefix",
        )
    }
    fields["agency-fee_payment_method"] = "到镇便民服务中心窗口缴纳"
    settings_step = reverse("office:admin_settings_action", args=["save"])
    client.post(settings_step + f"?agency={township.pk}", fields)
    township.refresh_from_db()
    assert township.fee_payment_method == "到镇便民服务中心窗口缴纳"
    identity_step = reverse("office:admin_identity_action", args=["save"])
    client.post(
        identity_step + f"?agency={township.pk}",
        {"identity-sponsor": "青石镇人民政府", "identity-site_code": "5300000001"},
    )
    assert SiteIdentity.objects.get(agency=township).site_code == "5300000001"
    template_step = reverse("office:admin_letter_template_action", args=["receipt", "save"])
    page = client.post(
        template_step + f"?agency={township.pk}",
        {"save-body": "编号{tracking_number}，{nonsense}"},
        follow=True,
    )
    assert "无法识别的占位符：{nonsense}" in page.content.decode()
    assert not LetterTemplate.objects.exists()
    client.post(
        template_step + f"?agency={township.pk}",
        {"save-body": "您的申请编号为{tracking_number}。特此告知。"},
    )
    assert LetterTemplate.objects.get(agency=township).body.startswith("您的申请编号")
    actions = set(AuditEntry.objects.filter(actor=admin).values_list("action", flat=True))
    assert {"agency.settings.changed", "site_identity.changed", "letter_template.saved"} <= actions


def test_a_refused_setting_comes_back_with_what_was_typed(client, admin, township):
    client.force_login(admin)
    url = reverse("office:admin_settings_action", args=["save"]) + f"?agency={township.pk}"
    page = client.post(
        url,
        {"agency-office_email": "不是邮箱", "agency-office_address": "青石镇新街 8 号"},
    ).content.decode()
    assert "青石镇新街 8 号" in page and "不是邮箱" in page  # nothing typed is lost
    assert 'class="error"' in page
    township.refresh_from_db()
    assert township.office_address != "青石镇新街 8 号"


def test_clerks_outsiders_and_the_county_cannot_change_anything(client, township, clerk, outsider):
    for url in ("office:admin_staff", "office:admin_settings", "office:admin_letters"):
        for user in (clerk, outsider):
            client.force_login(user)
            assert client.get(reverse(url) + f"?agency={township.pk}").status_code == 404
        county_admin = User.objects.get(username="xian")
        client.force_login(county_admin)
        page = client.get(reverse(url) + f"?agency={township.pk}")
        assert page.status_code == 200 and "只读" in page.content.decode()
        assert "<button" not in page.content.decode().split("<main", 1)[1]
        assert client.post(reverse(url) + f"?agency={township.pk}", {}).status_code == 404
