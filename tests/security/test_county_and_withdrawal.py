"""Issue 24 point 14: the county roll-up (every agency's drafts and figures) is for the
county's administrators, not every member of its staff; and a published item is withdrawn
only with its reason written down — refused in the transition, whatever page calls it."""

from datetime import date

import pytest
from django.urls import reverse

from gongkai.catalogue import transitions as t
from gongkai.catalogue.models import Category, ItemStatus
from gongkai.core.models import Membership, Role, User
from gongkai.core.transitions import TransitionError
from tests.conftest import publish_item

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("role", [Role.CLERK, Role.REVIEWER])
def test_county_staff_who_are_not_administrators_cannot_open_the_roll_up(client, county, role):
    staff = User.objects.create_user("xianzhiyuan", password="county-pass-1", full_name="县职员")
    Membership.objects.create(user=staff, agency=county, role=role)
    client.force_login(staff)
    url = reverse("office:rollup") + f"?agency={county.pk}&year=2025"
    for address in (url, url + "&format=xlsx"):
        assert client.get(address).status_code == 403


def test_the_county_administrator_still_opens_the_roll_up(client, county):
    client.force_login(User.objects.get(username="xian"))
    url = reverse("office:rollup") + f"?agency={county.pk}&year=2025"
    assert client.get(url).status_code == 200


@pytest.fixture
def published(township, clerk, reviewer):
    from gongkai.catalogue.subjects import seed_statutory_subjects

    seed_statutory_subjects(Category)
    item = t.create_draft(
        township,
        by=clerk,
        category=Category.objects.get(name="社会救助", source="article21"),
        title="12月临时救助对象公示",
        formed_on=date(2024, 12, 2),
        body="<p>公示</p>",
    )
    return publish_item(item, clerk=clerk, reviewer=reviewer, on=date(2024, 12, 5))


@pytest.mark.parametrize("reason", ["", "   ", "\u3000\n", "\x0b"])
def test_a_withdrawal_without_a_reason_is_refused_and_the_item_stays_published(published, reason):
    reviewer = User.objects.get(username="shenhe")
    with pytest.raises(TransitionError, match="须写明撤回理由"):
        t.withdraw(published, by=reviewer, on=date(2024, 12, 9), reason=reason)
    published.refresh_from_db()
    assert published.status == ItemStatus.PUBLISHED


def test_a_withdrawal_with_its_reason_is_recorded(published):
    reviewer = User.objects.get(username="shenhe")
    item = t.withdraw(published, by=reviewer, on=date(2024, 12, 9), reason="含个人信息")
    assert (item.status, item.withdrawn_on) == (ItemStatus.WITHDRAWN, date(2024, 12, 9))
