"""Which responses nginx may keep (X-Accel-Expires): public pages as every anonymous visitor
sees them, and nothing personal, nothing with a cookie, nothing of the office."""

from datetime import date

import pytest
from django.urls import reverse

from gongkai.catalogue import transitions as t
from gongkai.catalogue.models import Category
from gongkai.core.models import User

pytestmark = pytest.mark.django_db
KEEP = "X-Accel-Expires"


@pytest.fixture
def item(township, clerk):
    reviewer = User.objects.get(username="shenhe")
    draft = t.create_draft(
        township, by=clerk, category=Category.objects.get(name="社会救助", source="article21"),
        title="临时救助对象公示", formed_on=date(2026, 3, 2), body="<p>正文</p>",
    )  # fmt: skip
    return t.approve_and_publish(t.submit(draft, by=clerk), by=reviewer, on=date(2026, 3, 2))


def public_urls(item, township):
    prefix = township.index_prefix
    return [
        reverse("portal:home"),
        reverse("portal:agency", args=[prefix]),
        reverse("portal:items", args=[prefix]),
        reverse("portal:guide", args=[prefix]),
        reverse("portal:standards", args=[prefix]),
        reverse("portal:item", args=[item.pk]),
        reverse("portal:search") + "?q=救助",
    ]


def test_anonymous_visitors_public_pages_are_kept_for_the_configured_seconds(
    client, item, township, settings
):
    settings.PUBLIC_PAGE_SECONDS = 30
    for url in public_urls(item, township):
        response = client.get(url)
        assert response.status_code == 200, url
        assert response[KEEP] == "30", url
        assert not response.cookies, url


def test_a_logged_in_clerk_and_the_office_are_never_kept(client, item, township, clerk):
    client.force_login(clerk)
    for url in [*public_urls(item, township), reverse("office:home")]:
        response = client.get(url)
        assert response.status_code == 200, url
        assert KEEP not in response, url


def test_the_application_form_and_the_applicant_s_pages_are_never_kept(client, township):
    form = client.get(reverse("portal:apply", args=[township.index_prefix]))
    assert form.status_code == 200 and "csrftoken" in form.cookies
    assert KEEP not in form
    lookup = client.get(reverse("portal:lookup"))
    assert KEEP not in lookup


def test_errors_and_unpublished_pages_are_never_kept(client, item, township, clerk):
    draft = t.create_draft(
        township, by=clerk, category=item.category, title="草稿", formed_on=date(2026, 3, 3)
    )
    for url in (reverse("portal:item", args=[draft.pk]), reverse("portal:item", args=[10**9])):
        response = client.get(url)
        assert response.status_code == 404 and KEEP not in response


def test_a_withdrawn_item_shows_as_withdrawn_to_the_next_uncached_request(client, item, clerk):
    """The cache is nginx's; gongkai itself always answers with the current state."""
    url = reverse("portal:item", args=[item.pk])
    assert "临时救助对象公示" in client.get(url).content.decode()
    reviewer = User.objects.get(username="shenhe")
    t.withdraw(item, by=reviewer, on=date(2026, 3, 5), reason="含个人信息")
    assert "撤回，正文和附件不再公开" in client.get(url).content.decode()


def test_nothing_is_kept_when_the_setting_is_zero(client, item, township, settings):
    settings.PUBLIC_PAGE_SECONDS = 0
    for url in public_urls(item, township):
        assert KEEP not in client.get(url), url
