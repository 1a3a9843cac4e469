"""公示期: 7 days from a date; the nightly command ends it, the portal says so (or takes the
body down when the matter says), the 索引号 page stays, and the audit log records it."""

from datetime import date

import pytest
from django.core.management import call_command

from gongkai.catalogue import transitions as t
from gongkai.core.models import AuditEntry
from gongkai.core.transitions import TransitionError
from gongkai.standards import transitions as s
from gongkai.standards.models import NoticeEnd

pytestmark = pytest.mark.django_db


@pytest.fixture
def notice(model, township, clerk, reviewer, relief):
    catalogue, rows = model
    s.adopt_catalogue(township, catalogue, by=clerk, on=date(2025, 3, 10))

    def make(matter):
        item = t.create_draft(
            township,
            by=clerk,
            category=relief,
            title="2025年低保对象拟认定名单公示",
            formed_on=date(2025, 5, 6),
            body="<p>拟认定名单：……</p>",
        )
        s.link_item(item, matter, by=clerk)
        s.set_notice_period(item, by=clerk, starts_on=date(2025, 5, 8), days=7)
        t.submit(item, by=clerk)
        return t.approve_and_publish(item, by=reviewer, on=date(2025, 5, 8))

    return make, rows


def test_seven_days_from_8_may_end_on_14_may(notice):
    make, rows = notice
    item = make(rows["低保"])
    assert item.notice_last_day == date(2025, 5, 14)  # 8, 9, 10, 11, 12, 13, 14


def test_the_notice_still_runs_on_its_last_day_and_ends_the_day_after(notice, client):
    make, rows = notice
    item = make(rows["低保"])
    assert s.end_notice_periods(today=date(2025, 5, 14)) == []
    page = client.get(f"/item/{item.pk}/").content.decode()
    assert "公示期：2025年5月8日至2025年5月14日" in page
    call_command("notices", today="2025-05-15")
    item.refresh_from_db()
    assert item.notice_ended_on == date(2025, 5, 14) and not item.notice_body_hidden
    page = client.get(f"/item/{item.pk}/").content.decode()
    assert "公示期已结束（2025年5月8日至2025年5月14日）" in page
    assert "拟认定名单：" in page  # the matter says mark, not take down
    entry = AuditEntry.objects.get(action="item.notice.ended")
    assert entry.data["body_taken_down"] is False and entry.object_id == str(item.pk)
    # run again: nothing more to do, nothing logged twice
    assert s.end_notice_periods(today=date(2025, 5, 16)) == []
    assert AuditEntry.objects.filter(action="item.notice.ended").count() == 1


def test_a_matter_that_says_take_down_removes_the_body_but_keeps_the_index_page(notice, client):
    make, rows = notice
    matter = rows["低保"]
    matter.notice_end = NoticeEnd.TAKE_DOWN
    matter.save()
    item = make(matter)
    s.end_notice_periods(today=date(2025, 5, 15))
    page = client.get(f"/item/{item.pk}/")
    text = page.content.decode()
    assert page.status_code == 200
    assert item.index_number in text and "正文不再公开" in text
    assert "拟认定名单：" not in text


def test_a_notice_period_cannot_be_changed_after_it_ended(notice, clerk):
    make, rows = notice
    item = make(rows["低保"])
    s.end_notice_periods(today=date(2025, 5, 15))
    with pytest.raises(TransitionError, match="公示期已结束"):
        s.set_notice_period(item, by=clerk, starts_on=date(2025, 5, 20), days=7)


def test_a_taken_down_body_is_gone_from_the_api_and_its_files_too(notice, clerk, client):
    make, rows = notice
    matter = rows["低保"]
    matter.notice_end = NoticeEnd.TAKE_DOWN
    matter.save()
    item = make(matter)
    attachment = item.attachments.create(
        original_name="名单.pdf",
        storage_name="x.pdf",
        content_type="application/pdf",
        size=1,
        text="",
        uploaded_by=clerk,
    )
    assert client.get(f"/api/items/{item.pk}").json()["body"]
    s.end_notice_periods(today=date(2025, 5, 15))
    data = client.get(f"/api/items/{item.pk}").json()
    assert (data["body"], data["attachments"]) == ("", [])
    assert data["index_number"] == item.index_number
    assert client.get(f"/item/{item.pk}/files/{attachment.pk}/").status_code == 404
