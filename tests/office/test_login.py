import pytest
from django.urls import reverse

from gongkai.core.demo import DEMO_PASSWORD

pytestmark = pytest.mark.django_db


def test_the_office_asks_for_a_login(client):
    page = client.get(reverse("office:home"))
    assert page.status_code == 302
    assert page.url.startswith(reverse("office:login"))


def test_a_clerk_logs_in_and_sees_her_agency_and_role(client, township):
    page = client.post(
        reverse("office:login"), {"username": "jingban", "password": DEMO_PASSWORD}, follow=True
    )
    html = page.content.decode()
    assert page.redirect_chain[-1][0] == reverse("office:home")
    assert township.name in html
    assert "经办人" in html


def test_a_wrong_password_is_refused_in_chinese(client, township):
    page = client.post(reverse("office:login"), {"username": "jingban", "password": "wrong"})
    assert page.status_code == 200
    assert "请输入一个正确的用户名和密码" in page.content.decode()


def test_an_outsider_sees_only_his_own_agency(client, township, outsider):
    client.force_login(outsider)
    html = client.get(reverse("office:home")).content.decode()
    assert "外县白沙乡人民政府" in html
    assert township.name not in html


def test_logout_is_a_post_and_ends_the_session(client, clerk):
    client.force_login(clerk)
    client.post(reverse("office:logout"))
    assert client.get(reverse("office:home")).status_code == 302


def test_logging_in_and_out_is_audited(client, township):
    from gongkai.core.models import AuditEntry

    client.post(reverse("office:login"), {"username": "jingban", "password": DEMO_PASSWORD})
    client.post(reverse("office:logout"))
    actions = list(
        AuditEntry.objects.filter(actor_label="jingban")
        .order_by("id")
        .values_list("action", flat=True)
    )
    assert actions == ["account.logged_in", "account.logged_out"]


def test_repeated_wrong_passwords_lock_the_login_out(client, township, settings):
    """django-axes: after LOGIN_FAILURES_ALLOWED (5) failures for the account from this
    address, even the right password is refused, with a page saying why and for how long."""
    url = reverse("office:login")
    statuses = [
        client.post(url, {"username": "jingban", "password": "wrong-password"}).status_code
        for _ in range(settings.AXES_FAILURE_LIMIT)
    ]
    assert statuses == [200] * (settings.AXES_FAILURE_LIMIT - 1) + [429]  # the 5th locks
    locked = client.post(url, {"username": "jingban", "password": DEMO_PASSWORD})
    assert locked.status_code == 429
    assert "登录已暂停 30 分钟" in locked.content.decode()
    assert "_auth_user_id" not in client.session
    # another account from the same address is not locked
    other = client.post(url, {"username": "shenhe", "password": DEMO_PASSWORD})
    assert other.status_code == 302


def test_outside_demo_mode_a_demo_account_must_choose_its_own_password(client, township, settings):
    from gongkai.core.models import AuditEntry, User

    settings.DEMO = False
    assert (
        client.post(
            reverse("office:login"), {"username": "jingban", "password": DEMO_PASSWORD}
        ).status_code
        == 302
    )
    for url in (reverse("office:home"), reverse("office:items"), reverse("office:inbox")):
        response = client.get(url)
        assert response.status_code == 302 and response["Location"] == reverse(
            "office:password_change"
        ), url
    page = client.get(reverse("office:password_change")).content.decode()
    assert "初始密码" in page
    weak = client.post(
        reverse("office:password_change"),
        {"old_password": DEMO_PASSWORD, "new_password1": "12345678", "new_password2": "12345678"},
    )
    assert weak.status_code == 200  # refused by the validators: too short, too common, digits
    new = "qingshi-clerk-2026-secret"
    done = client.post(
        reverse("office:password_change"),
        {"old_password": DEMO_PASSWORD, "new_password1": new, "new_password2": new},
    )
    assert done.status_code == 302
    assert client.get(reverse("office:home")).status_code == 200
    assert not User.objects.get(username="jingban").must_change_password
    assert AuditEntry.objects.filter(action="account.password.changed").count() == 1


def test_a_staff_session_ends_after_thirty_idle_minutes(client, township, settings):
    import time_machine

    assert settings.SESSION_COOKIE_AGE == 30 * 60
    with time_machine.travel("2026-03-02 09:00 +0800", tick=False) as clock:
        client.post(reverse("office:login"), {"username": "jingban", "password": DEMO_PASSWORD})
        clock.shift(29 * 60)
        assert client.get(reverse("office:home")).status_code == 200  # active: renewed
        clock.shift(29 * 60)
        assert client.get(reverse("office:home")).status_code == 200
        clock.shift(31 * 60)
        response = client.get(reverse("office:home"))
        assert response.status_code == 302 and "/office/login/" in response["Location"]


def test_an_idle_session_is_renewed_at_most_once_a_minute(client, township):
    """Idle expiry without a write on every request (gongkai/core/sessions.py, issue 25): a
    request within a minute of the last renewal leaves the session row alone, the first one
    after renews it for another 30 minutes."""
    from datetime import datetime
    from zoneinfo import ZoneInfo

    import time_machine
    from django.contrib.sessions.models import Session

    def expires():
        return Session.objects.get().expire_date.astimezone(ZoneInfo("Asia/Shanghai"))

    def at(hh, mm, ss=0):
        return datetime(2026, 3, 2, hh, mm, ss, tzinfo=ZoneInfo("Asia/Shanghai"))

    with time_machine.travel("2026-03-02 09:00 +0800", tick=False) as clock:
        client.post(reverse("office:login"), {"username": "jingban", "password": DEMO_PASSWORD})
        assert expires() == at(9, 30)
        clock.shift(59)
        assert client.get(reverse("office:home")).status_code == 200
        assert expires() == at(9, 30)  # 59 seconds after the login: not written
        clock.shift(1)
        assert client.get(reverse("office:home")).status_code == 200
        assert expires() == at(9, 31)  # a minute after: renewed from this request
        clock.shift(30)
        assert client.get(reverse("office:home")).status_code == 200
        assert expires() == at(9, 31)  # 09:01:30: within the minute, not written
        # 29 minutes 35 seconds idle after 09:01:30, but 30 minutes and 5 seconds after the
        # last renewal: ended — a session may end up to a minute early, never late
        clock.shift(29 * 60 + 35)
        response = client.get(reverse("office:home"))
        assert response.status_code == 302 and "/office/login/" in response["Location"]
