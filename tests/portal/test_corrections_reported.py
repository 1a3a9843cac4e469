"""更正 beyond the item's page (issue 25 follow-up): the JSON API gives each item's
corrections (date, 更正说明) and the day it was last corrected; the Atom feed brings a
corrected entry back with its <updated> moved to the 更正 day; search results mark a
corrected item "已更正" with the day. An earlier text the history withholds — by the
personal-data scan or because the correction said 更正记录不显示原文 — reaches none of them.
Items are published and corrected through the real transitions."""

from datetime import date
from xml.etree import ElementTree

import pytest
from django.urls import reverse

from gongkai.catalogue import corrections as c
from gongkai.catalogue import transitions as t
from gongkai.catalogue.models import Category

pytestmark = pytest.mark.django_db
DAY = date(2026, 12, 3)  # a Thursday; the corrections are published on it
PUBLISHED_ON = date(2026, 11, 3)
ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture(autouse=True)
def _on_the_day(travel_to, settings, tmp_path):
    settings.VAR_DIR = tmp_path
    travel_to(DAY, tick=False)


@pytest.fixture
def make_item(township, clerk, reviewer):
    def make(title, body, *, on=PUBLISHED_ON, confirm=False):
        item = t.create_draft(
            township,
            by=clerk,
            category=Category.objects.get(name="社会救助", source="article21"),
            title=title,
            formed_on=on,
            body=body,
        )
        item = t.submit(item, by=clerk)
        if confirm:  # the reviewer let a number through (the earlier text the scan withholds)
            t.confirm_personal_data(item, by=reviewer, reason="误以为是办公电话")
        return t.approve_and_publish(item, by=reviewer, on=on)

    return make


@pytest.fixture
def correct(clerk, reviewer):
    def run(item, note, *, withhold_earlier=False, **changes):
        draft = c.start_correction(item, by=clerk, note=note, on=DAY)
        t.edit_item(draft, by=clerk, withhold_earlier=withhold_earlier, **changes)
        t.approve_and_publish(t.submit(draft, by=clerk), by=reviewer, on=DAY)
        item.refresh_from_db()
        return item

    return run


def _feed_entries(client, township) -> dict[str, ElementTree.Element]:
    xml = client.get(reverse("portal:feed", args=[township.index_prefix])).content
    entries = ElementTree.fromstring(xml).findall(f"{ATOM}entry")
    return {entry.findtext(f"{ATOM}title"): entry for entry in entries}


def test_the_api_gives_the_corrections_and_the_day_last_corrected(
    client, township, make_item, correct
):
    typo = make_item("2026年11月低保经发放公示", "<p>本月低保经按每人每月680元发放。</p>")
    untouched = make_item("2026年11月临时救助公示", "<p>本月临时救助3户。</p>")
    correct(
        typo,
        "“低保经”应为“低保金”",
        title="2026年11月低保金发放公示",
        body="<p>本月低保金按每人每月680元发放。</p>",
    )
    detail = client.get(f"/api/items/{typo.pk}").json()
    assert detail["corrected"] == "2026-12-03"
    assert detail["published_on"] == "2026-11-03"  # the first publication stays
    assert detail["corrections"] == [
        {
            "number": 1,
            "corrected_on": "2026-12-03",
            "note": "“低保经”应为“低保金”",
            "fields": ["名称", "正文"],
        }
    ]
    assert client.get(f"/api/items/{untouched.pk}").json()["corrections"] == []
    listed = client.get(f"/api/agencies/{township.index_prefix}/items").json()["items"]
    by_id = {row["id"]: row for row in listed}
    assert by_id[typo.pk]["corrected"] == "2026-12-03"
    assert by_id[untouched.pk]["corrected"] is None


def test_a_corrected_entry_comes_back_in_the_feed_updated_on_the_correction_day(
    client, township, make_item, correct, monkeypatch
):
    from gongkai.portal import feeds

    older = make_item("2026年10月低保经发放公示", "<p>低保经</p>", on=date(2026, 10, 9))
    make_item("2026年11月临时救助公示", "<p>本月临时救助3户。</p>")
    # a feed of one entry: before the correction it is the newer item, after it the older
    monkeypatch.setattr(feeds, "FEED_ENTRIES", 1)
    assert list(_feed_entries(client, township)) == ["2026年11月临时救助公示"]
    correct(older, "“低保经”应为“低保金”", body="<p>低保金</p>")
    [(title, entry)] = _feed_entries(client, township).items()
    assert title == "2026年10月低保经发放公示"
    assert entry.findtext(f"{ATOM}updated") == "2026-12-03T08:00:00+08:00"
    assert entry.findtext(f"{ATOM}published") == "2026-10-09T08:00:00+08:00"
    assert "已更正：2026年12月3日" in entry.findtext(f"{ATOM}summary")


def test_an_uncorrected_entry_is_updated_when_it_was_published(client, township, make_item):
    make_item("2026年11月临时救助公示", "<p>本月临时救助3户。</p>")
    entry = _feed_entries(client, township)["2026年11月临时救助公示"]
    assert entry.findtext(f"{ATOM}updated") == "2026-11-03T08:00:00+08:00"
    assert "已更正" not in entry.findtext(f"{ATOM}summary")


def test_search_results_mark_a_corrected_item_with_the_day(client, make_item, correct):
    typo = make_item("2026年11月低保资金发放公示", "<p>低保经</p>")
    untouched = make_item("2026年10月低保资金发放公示", "<p>低保金</p>")
    correct(typo, "“低保经”应为“低保金”", body="<p>低保金</p>")
    page = client.get(reverse("portal:search"), {"q": "低保资金"}).content.decode()
    assert f'<span class="tag" data-corrected="{typo.pk}">已更正（2026年12月3日）</span>' in page
    assert f'data-corrected="{untouched.pk}"' not in page
    assert page.count("已更正") == 1


def test_withheld_earlier_text_never_reaches_the_api_or_the_feed(
    client, township, reviewer, make_item, correct
):
    named = make_item("低保对象公示", "<p>低保对象：王秀英，每月680元。</p>")
    correct(
        named,
        "删去不应公开的个人姓名",
        withhold_earlier=True,  # 更正记录不显示原文
        body="<p>低保对象：王某某，每月680元。</p>",
    )
    numbered = make_item("救助公示", "<p>联系电话13800001111，每月680元。</p>", confirm=True)
    correct(numbered, "删去个人手机号码", body="<p>联系电话0471-1234567，每月680元。</p>")
    # the history keeps both earlier texts for staff (so the test would see a leak)
    assert "王秀英" in named.corrections.get().earlier["body"]
    assert "13800001111" in numbered.corrections.get().earlier["body"]
    outputs = [
        client.get(f"/api/items/{named.pk}").content.decode(),
        client.get(f"/api/items/{numbered.pk}").content.decode(),
        client.get(f"/api/agencies/{township.index_prefix}/items").content.decode(),
        client.get(reverse("portal:feed", args=[township.index_prefix])).content.decode(),
    ]
    for output in outputs:
        assert "秀英" not in output and "13800001111" not in output
    # what may be said is said: the 更正说明 and the day
    api = client.get(f"/api/items/{numbered.pk}").json()
    assert [(x["note"], x["corrected_on"]) for x in api["corrections"]] == [
        ("删去个人手机号码", "2026-12-03")
    ]
    # once withdrawn, the 更正说明 goes with the text (as on the item's page): the dates stay
    t.withdraw(named, by=reviewer, on=DAY, reason="含个人信息")
    withdrawn = client.get(f"/api/items/{named.pk}").json()
    assert withdrawn["corrected"] == "2026-12-03"
    assert withdrawn["corrections"] == [
        {"number": 1, "corrected_on": "2026-12-03", "note": "", "fields": []}
    ]
