"""更正 through the pages (issue 25): the office item page offers it on a published item,
the clerk edits the 更正稿 and submits it, a reviewer publishes it, and the portal's item page
shows the 更正说明 and what changed — as far as the earlier text may be public again."""

from datetime import date

import pytest
from django.urls import reverse

from gongkai.catalogue import corrections as c
from gongkai.catalogue import transitions as t
from gongkai.catalogue.models import Category, Item, ItemStatus
from tests.conftest import publish_item

pytestmark = pytest.mark.django_db
DAY = date(2026, 12, 3)  # a Thursday
TYPO = "<p>本月低保经按每人每月680元发放。</p>"


@pytest.fixture(autouse=True)
def _on_the_day(travel_to, settings, tmp_path):
    settings.VAR_DIR = tmp_path
    travel_to(DAY, tick=False)


@pytest.fixture
def published(township, clerk, reviewer):
    item = t.create_draft(
        township,
        by=clerk,
        category=Category.objects.get(name="社会救助", source="article21"),
        title="2026年11月低保经发放公示",
        formed_on=date(2026, 11, 2),
        body=TYPO,
    )
    return publish_item(item, clerk=clerk, reviewer=reviewer, on=date(2026, 11, 3))


def action(pk, name):
    return reverse("office:item_action", args=[pk, name])


def test_a_clerk_corrects_a_typo_and_a_reviewer_publishes_it_through_the_pages(
    client, published, clerk, reviewer
):
    client.force_login(clerk)
    page = client.get(reverse("office:item", args=[published.pk]) + "?step=correct")
    html = page.content.decode()
    assert 'id="correct"' in html and 'data-step="correct" open' in html  # opened by the link
    response = client.post(
        action(published.pk, "correct"), {"correct-note": "“低保经”误写，应为“低保金”"}
    )
    draft = Item.objects.get(corrects=published)
    assert response.url == reverse("office:item", args=[draft.pk])  # straight to the 更正稿
    html = client.get(response.url).content.decode()
    assert "更正稿" in html and published.index_number in html
    assert 'name="correction_note"' in html and 'name="formed_on"' not in html
    client.post(
        reverse("office:item", args=[draft.pk]),
        {
            "correction_note": "标题和正文中“低保经”误写，应为“低保金”",
            "category": published.category_id,
            "title": "2026年11月低保金发放公示",
            "body": "本月低保金按每人每月680元发放。",
        },
    )
    draft.refresh_from_db()
    assert draft.title == "2026年11月低保金发放公示" and "低保金" in draft.body
    client.post(action(draft.pk, "submit"))
    draft.refresh_from_db()
    assert draft.status == ItemStatus.SUBMITTED
    # the published page meanwhile says a correction is under way and offers no second one
    html = client.get(reverse("office:item", args=[published.pk])).content.decode()
    assert "更正稿正在办理" in html and "已有一份更正稿正在办理" in html
    assert 'id="correct"' not in html

    client.force_login(reviewer)
    response = client.post(action(draft.pk, "publish"), {"confirmed": "yes"})
    assert response.url == reverse("office:item", args=[published.pk])  # the draft is gone
    html = client.get(response.url).content.decode()
    assert "第1次更正 · 2026年12月3日" in html and "<del>经</del><ins>金</ins>" in html
    published.refresh_from_db()
    assert published.title == "2026年11月低保金发放公示"
    assert published.published_on == date(2026, 11, 3)

    page = client.get(reverse("portal:item", args=[published.pk])).content.decode()
    assert "本信息已于 2026年12月3日 更正" in page
    assert "更正于 2026年12月3日" in page
    assert "更正说明：标题和正文中“低保经”误写，应为“低保金”" in page
    assert "2026年11月低保经发放公示" in page  # the earlier title, in the history
    assert "“经”更正为“金”" in page
    assert published.index_number in page and "2026年11月3日" in page


def test_a_correction_is_abandoned_from_its_page(client, published, clerk):
    client.force_login(clerk)
    client.post(action(published.pk, "correct"), {"correct-note": "标题有误"})
    draft = Item.objects.get(corrects=published)
    refused = client.post(action(draft.pk, "abandon_correction"))  # no tick
    assert Item.objects.filter(pk=draft.pk).exists() and refused.status_code == 302
    response = client.post(action(draft.pk, "abandon_correction"), {"confirmed": "yes"})
    assert response.url == reverse("office:item", args=[published.pk])
    assert not Item.objects.filter(corrects=published).exists()


def test_staff_of_another_agency_cannot_correct(client, published, outsider):
    client.force_login(outsider)
    assert client.post(action(published.pk, "correct"), {"correct-note": "x"}).status_code == 404
    assert not Item.objects.filter(corrects=published).exists()


def test_an_earlier_text_marked_not_to_be_shown_stays_off_the_portal(
    client, township, clerk, reviewer
):
    item = t.create_draft(
        township,
        by=clerk,
        category=Category.objects.get(name="社会救助", source="article21"),
        title="低保对象公示",
        formed_on=date(2026, 11, 2),
        body="<p>低保对象：王秀英，每月680元。</p>",
    )
    item = t.approve_and_publish(t.submit(item, by=clerk), by=reviewer, on=date(2026, 11, 3))
    draft = c.start_correction(item, by=clerk, note="删去不应公开的个人姓名", on=DAY)
    t.edit_item(draft, by=clerk, body="<p>低保对象：王某某，每月680元。</p>", withhold_earlier=True)
    t.approve_and_publish(t.submit(draft, by=clerk), by=reviewer, on=DAY)
    page = client.get(reverse("portal:item", args=[item.pk])).content.decode()
    assert "删去不应公开的个人姓名" in page and "原文不予显示" in page
    assert "秀英" not in page
    # staff still read the earlier version
    client.force_login(clerk)
    staff = client.get(reverse("office:item", args=[item.pk])).content.decode()
    assert "低保对象：王<del>秀英</del><ins>某某</ins>" in staff


def test_an_earlier_passage_with_a_personal_number_is_never_shown_again(
    client, township, clerk, reviewer
):
    item = t.create_draft(
        township,
        by=clerk,
        category=Category.objects.get(name="社会救助", source="article21"),
        title="救助公示",
        formed_on=date(2026, 11, 2),
        body="<p>联系电话13800001111，每月680元。</p>",
    )
    item = t.submit(item, by=clerk)
    t.confirm_personal_data(item, by=reviewer, reason="误以为是办公电话")
    item = t.approve_and_publish(item, by=reviewer, on=date(2026, 11, 3))
    draft = c.start_correction(item, by=clerk, note="删去个人手机号码", on=DAY)
    t.edit_item(draft, by=clerk, body="<p>联系电话0471-1234567，每月680元。</p>")
    t.approve_and_publish(t.submit(draft, by=clerk), by=reviewer, on=DAY)
    page = client.get(reverse("portal:item", args=[item.pk])).content.decode()
    assert "删去个人手机号码" in page and "原文含个人信息，不予显示" in page
    assert "13800001111" not in page


def test_a_withdrawn_item_shows_only_that_it_was_corrected(client, published, clerk, reviewer):
    draft = c.start_correction(published, by=clerk, note="“低保经”应为“低保金”", on=DAY)
    t.edit_item(draft, by=clerk, body="<p>本月低保金按每人每月680元发放。</p>")
    t.approve_and_publish(t.submit(draft, by=clerk), by=reviewer, on=DAY)
    t.withdraw(published, by=reviewer, on=DAY, reason="含个人信息")
    page = client.get(reverse("portal:item", args=[published.pk])).content.decode()
    assert "本信息已于 2026年12月3日 更正" in page
    assert "低保经" not in page.replace(published.title, "") and "更正说明" not in page
