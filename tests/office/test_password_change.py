"""The forced password change (issue 14): the printed demo password and Django's list of
common passwords are refused, in Chinese."""

import pytest
from django.urls import reverse

from gongkai.core.demo import DEMO_PASSWORD
from gongkai.core.models import User

pytestmark = pytest.mark.django_db


@pytest.fixture
def must_change(client, township, settings):
    settings.DEMO = False
    client.post(reverse("office:login"), {"username": "jingban", "password": DEMO_PASSWORD})
    assert User.objects.get(username="jingban").must_change_password
    return client


@pytest.mark.parametrize(
    ("new", "says"),
    [
        (DEMO_PASSWORD, "不能使用演示密码"),  # 12 characters: every other validator let it by
        ("qwertyuiop", "这个密码太常见了"),  # on Django's list of common passwords
        ("basketball", "这个密码太常见了"),
    ],
)
def test_the_demo_password_and_common_ones_are_refused(must_change, new, says):
    page = must_change.post(
        reverse("office:password_change"),
        {"old_password": DEMO_PASSWORD, "new_password1": new, "new_password2": new},
    )
    assert page.status_code == 200 and says in page.content.decode()
    assert User.objects.get(username="jingban").must_change_password
