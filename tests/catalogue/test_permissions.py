"""Who may see and do what in the catalogue: staff only in their own agency, reviewers only
review, a county administrator sees the townships under it read only, and an outsider from
another agency is refused everywhere."""

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from gongkai.catalogue import transitions as t
from gongkai.catalogue.models import Category, ItemStatus
from gongkai.core.models import User
from gongkai.core.transitions import TransitionError
from tests.catalogue.files import pdf_with_text

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def private_var(settings, tmp_path):
    settings.VAR_DIR = tmp_path


@pytest.fixture
def item(township, clerk):
    item = t.create_draft(
        township,
        by=clerk,
        category=Category.objects.get(name="社会救助", source="article21"),
        title="低保公示",
        formed_on=date(2024, 3, 1),
    )
    t.attach_file(item, SimpleUploadedFile("a.pdf", pdf_with_text("x")), by=clerk)
    return t.submit(item, by=clerk)


def test_only_reviewers_review_and_only_editors_draft(township, item, clerk):
    reviewer = User.objects.get(username="shenhe")
    for step in (t.redact_personal_data, t.return_item, t.approve_and_publish):
        kwargs = {"reason": "x"} if step is t.return_item else {}
        if step is t.approve_and_publish:
            kwargs = {"on": date(2024, 3, 4)}
        with pytest.raises(TransitionError, match="审核人"):
            step(item, by=clerk, **kwargs)
    with pytest.raises(TransitionError, match="经办人"):
        t.create_draft(
            township, by=reviewer, category=item.category, title="x", formed_on=date(2024, 3, 1)
        )


def outsider_urls(item, township):
    attachment = item.attachments.get()
    agency = f"?agency={township.pk}"
    return {
        "get": [
            reverse("office:item", args=[item.pk]),
            reverse("office:item_attachment", args=[item.pk, attachment.pk]),
            reverse("office:items") + agency,
            reverse("office:channels") + agency,
            reverse("office:monthly") + agency,
            reverse("office:import") + agency,
            reverse("office:import_template") + agency,
        ],
        "post": [
            *(
                reverse("office:item_action", args=[item.pk, a])
                for a in (
                    "submit",
                    "redact",
                    "confirm",
                    "return",
                    "publish",
                    "withdraw",
                    "validity",
                )
            ),
            reverse("office:item_attachment_add", args=[item.pk]),
            reverse("office:item_attachment_remove", args=[item.pk, attachment.pk]),
            reverse("office:channels") + agency,
            reverse("office:import") + agency,
        ],
    }


def test_an_outsider_is_refused_everywhere(client, item, township, outsider):
    client.force_login(outsider)
    urls = outsider_urls(item, township)
    for url in urls["get"]:
        assert client.get(url).status_code == 404, url
    for url in urls["post"]:
        assert client.post(url, {"reason": "x", "title": "x"}).status_code == 404, url
    item.refresh_from_db()
    assert item.status == ItemStatus.SUBMITTED and item.attachments.count() == 1


def test_the_county_administrator_reads_the_township_but_cannot_act(client, item, township, county):
    supervisor = User.objects.get(username="xian")
    client.force_login(supervisor)
    home = client.get(reverse("office:home")).content.decode()
    assert "下级机构（只读）" in home and township.name in home
    listing = client.get(reverse("office:items") + f"?agency={township.pk}").content.decode()
    assert "低保公示" in listing and "只读" in listing and "起草新信息" not in listing
    page = client.get(reverse("office:item", args=[item.pk])).content.decode()
    assert "只读" in page and "审核通过并公开" not in page
    monthly = client.get(reverse("office:monthly") + f"?agency={township.pk}")
    assert monthly.status_code == 200
    attachment = item.attachments.get()
    assert (
        client.get(reverse("office:item_attachment", args=[item.pk, attachment.pk])).status_code
        == 200
    )
    # reading is all: every action is refused
    for action in ("publish", "return", "withdraw"):
        url = reverse("office:item_action", args=[item.pk, action])
        assert client.post(url, {"reason": "x"}).status_code == 404
    assert client.get(reverse("office:channels") + f"?agency={township.pk}").status_code == 404
    assert client.get(reverse("office:import") + f"?agency={township.pk}").status_code == 404


def test_a_township_cannot_look_upwards_or_sideways(client, township, county, outsider):
    """Supervision goes down only: the township's administrator cannot read the county."""
    client.force_login(User.objects.get(username="guanli"))
    assert client.get(reverse("office:items") + f"?agency={county.pk}").status_code == 404
    other = outsider.memberships.get().agency
    assert client.get(reverse("office:monthly") + f"?agency={other.pk}").status_code == 404
