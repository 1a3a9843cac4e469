"""Draft → personal-data scan → confidentiality review → published with a permanent index
number; returned, withdrawn, repealed. Through the real transitions, with the named cast."""

import threading
from datetime import date

import pytest
from django.db import connection

from gongkai.catalogue import transitions as t
from gongkai.catalogue.models import Category, Item, ItemStatus
from gongkai.core.models import AuditEntry
from gongkai.core.transitions import TransitionError

pytestmark = pytest.mark.django_db
BODY = "<p>低保对象：张三，身份证号11010519491231002X，联系电话13800001111。</p>"


@pytest.fixture
def draft(township, clerk):
    def make(**changes):
        fields = {
            "category": Category.objects.get(name="社会救助", source="article21"),
            "title": "2024年12月青石镇低保资金发放公示",
            "formed_on": date(2024, 12, 2),
            "body": BODY,
            **changes,
        }
        return t.create_draft(township, by=clerk, **fields)

    return make


def test_the_migration_seeds_the_statutory_subjects():
    from importlib import import_module

    from django.apps import apps

    Category.objects.filter(parent__isnull=False).delete()  # children first: parents are protected
    Category.objects.all().delete()
    import_module("gongkai.catalogue.migrations.0002_seed_statutory_subjects").seed(apps, None)

    def children(source):
        return Category.objects.filter(source=source, parent__isnull=False)

    assert children("article20").count() == 15
    assert Category.objects.get(article20_item=8).name == "行政事业性收费项目及其依据、标准"
    assert children("article21").count() == 8
    assert children("standard").count() == 26


def test_scripts_are_removed_from_pasted_text(draft):
    item = draft(body="<p onclick='x()'>公示</p><script>alert(1)</script>")
    assert item.body == "<p>公示</p>"


def test_personal_data_blocks_publication_until_redacted(draft, clerk, reviewer):
    item = t.submit(draft(), by=clerk)
    assert [hit["kind"] for hit in item.personal_data] == ["居民身份证号码", "手机号码"]
    with pytest.raises(TransitionError, match="未处理的个人信息"):
        t.approve_and_publish(item, by=reviewer, on=date(2024, 12, 5))
    item = t.redact_personal_data(item, by=reviewer)
    assert "11010519491231002X" not in item.body and "110***********002X" in item.body
    item = t.approve_and_publish(item, by=reviewer, on=date(2024, 12, 5))
    assert (item.status, item.index_number) == (ItemStatus.PUBLISHED, "012345671/2024-00001")


def test_a_reviewer_may_confirm_numbers_that_are_meant_to_be_public(draft, clerk, reviewer):
    item = t.submit(draft(body="<p>值班电话：13900000000</p>"), by=clerk)
    t.confirm_personal_data(item, by=reviewer, reason="值班公务电话，应当公开")
    item = t.approve_and_publish(item, by=reviewer, on=date(2024, 12, 5))
    assert "13900000000" in item.body


def test_the_clerk_cannot_review_her_own_item(draft, clerk):
    item = t.submit(draft(body="<p>公示</p>"), by=clerk)
    with pytest.raises(TransitionError, match="审核人"):
        t.approve_and_publish(item, by=clerk, on=date(2024, 12, 5))


def test_a_returned_item_is_resubmitted_and_numbers_run_per_year(draft, clerk, reviewer):
    first = t.submit(draft(body="<p>一</p>"), by=clerk)
    t.return_item(first, by=reviewer, reason="标题不规范")
    first = t.submit(first, by=clerk)
    numbers = [t.approve_and_publish(first, by=reviewer, on=date(2024, 12, 30)).index_number]
    second = t.submit(draft(body="<p>二</p>"), by=clerk)
    numbers.append(t.approve_and_publish(second, by=reviewer, on=date(2025, 1, 2)).index_number)
    assert numbers == ["012345671/2024-00001", "012345671/2025-00001"]


def test_a_withdrawn_item_keeps_its_number_and_it_is_never_reused(draft, clerk, reviewer):
    item = t.approve_and_publish(
        t.submit(draft(body="<p>一</p>"), by=clerk), by=reviewer, on=date(2024, 12, 5)
    )
    t.withdraw(item, by=reviewer, on=date(2024, 12, 9), reason="内容有误")
    item.refresh_from_db()
    assert (item.status, item.index_number) == (ItemStatus.WITHDRAWN, "012345671/2024-00001")
    again = t.approve_and_publish(
        t.submit(draft(body="<p>二</p>"), by=clerk), by=reviewer, on=date(2024, 12, 10)
    )
    assert again.index_number == "012345671/2024-00002"


def test_an_item_can_lose_its_validity_once(draft, clerk, reviewer):
    # an item with no register of its own: the agency's decision on the item page (a
    # registered 规范性文件 leaves force by its own paths, tests/policies/test_expiry.py)
    item = draft(body="<p>通知正文</p>", formed_on=date(2024, 6, 3))
    item = t.approve_and_publish(t.submit(item, by=clerk), by=reviewer, on=date(2024, 6, 3))
    t.change_validity(
        item, by=clerk, on=date(2025, 3, 1), validity="repealed", because=t.BY_DECISION
    )
    with pytest.raises(TransitionError, match="已经失效或废止"):
        t.change_validity(
            item, by=clerk, on=date(2025, 3, 2), validity="expired", because=t.BY_DECISION
        )
    assert AuditEntry.objects.filter(action="item.validity.changed").count() == 1


def test_an_outsider_cannot_draft_for_another_agency(township, outsider):
    with pytest.raises(TransitionError, match="只有本机关"):
        t.create_draft(
            township,
            by=outsider,
            category=Category.objects.first(),
            title="x",
            formed_on=date(2024, 1, 2),
        )


@pytest.mark.django_db(transaction=True)
def test_two_publishers_at_once_get_distinct_consecutive_numbers(draft, clerk, reviewer):
    items = [t.submit(draft(body=f"<p>{n}</p>"), by=clerk) for n in range(2)]
    barrier = threading.Barrier(2)
    results, errors = [], []

    def publish(item):
        try:
            barrier.wait(timeout=10)
            results.append(
                t.approve_and_publish(item, by=reviewer, on=date(2024, 12, 5)).index_number
            )
        except Exception as error:  # reported below; the thread must not die silently
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=publish, args=(item,)) for item in items]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert errors == []
    assert sorted(results) == ["012345671/2024-00001", "012345671/2024-00002"]
    assert Item.objects.filter(index_number__isnull=False).count() == 2


@pytest.mark.parametrize(
    ("formed", "published", "late_by"),
    [
        # 20 working days after Fri 2024-09-27 is Wed 2024-10-30 (spec/workdays.md)
        (date(2024, 9, 27), date(2024, 10, 30), 0),
        (date(2024, 9, 27), date(2024, 10, 31), 1),
        (date(2024, 9, 27), date(2024, 11, 4), 3),  # 10/31, 11/1, (weekend), 11/4
    ],
)
def test_publication_within_20_working_days_of_forming(
    draft, clerk, reviewer, formed, published, late_by
):
    from gongkai.core.calendar import current_calendar

    item = t.approve_and_publish(
        t.submit(draft(body="<p>x</p>", formed_on=formed), by=clerk), by=reviewer, on=published
    )
    timeliness = item.timeliness(calendar=current_calendar(), today=published)
    assert (timeliness.due, timeliness.late_by) == (date(2024, 10, 30), late_by)


def test_an_unpublished_item_shows_how_late_it_already_is(draft):
    from gongkai.core.calendar import current_calendar

    item = draft(formed_on=date(2024, 9, 27))
    timeliness = item.timeliness(calendar=current_calendar(), today=date(2024, 11, 1))
    assert (timeliness.published, timeliness.late_by) == (False, 2)  # 10/31, 11/1
