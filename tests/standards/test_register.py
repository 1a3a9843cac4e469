"""公开属性 at drafting, the register of 依申请公开 and 不予公开 information, its review
(条例第十八条), and applications answered 予以公开 made proactive (条例第四十四条)."""

from datetime import date

import pytest

from gongkai.catalogue import transitions as t
from gongkai.catalogue.models import DisclosureAttribute, Item, ItemStatus
from gongkai.core.models import AuditEntry
from gongkai.core.transitions import TransitionError
from gongkai.core.workbench import due_lines
from gongkai.standards import register as r
from gongkai.standards.models import ReviewDecision
from gongkai.statute.workdays import WorkdayCalendar, builtin_arrangements

pytestmark = pytest.mark.django_db


@pytest.fixture
def withheld(township, clerk, relief):
    item = t.create_draft(
        township,
        by=clerk,
        category=relief,
        title="青石镇信访事项内部处理意见",
        document_number="青政办〔2025〕3号",
        written_on=date(2025, 2, 10),
        formed_on=date(2025, 2, 10),
        body="<p>内部意见正文</p>",
    )
    r.decide_attribute(
        item,
        by=clerk,
        attribute=DisclosureAttribute.WITHHELD,
        reason="内部事务信息",
        basis="条例第十六条第一款",
        review_on=date(2026, 2, 10),
    )
    return item


def test_withheld_at_drafting_enters_the_register_without_its_body(withheld, township):
    entry = r.search_register(township).get()
    assert (entry.title, entry.document_number, entry.dated_on) == (
        "青石镇信访事项内部处理意见",
        "青政办〔2025〕3号",
        date(2025, 2, 10),
    )
    assert (entry.reason, entry.basis, entry.item) == (
        "内部事务信息",
        "条例第十六条第一款",
        withheld,
    )
    assert not hasattr(entry, "body")
    withheld.refresh_from_db()
    assert withheld.disclosure_attribute == DisclosureAttribute.WITHHELD


def test_a_reason_and_an_article_are_required_for_not_publishing(township, clerk, relief):
    item = t.create_draft(
        township, by=clerk, category=relief, title="某文件", formed_on=date(2025, 2, 10)
    )
    with pytest.raises(TransitionError, match="理由和依据条款"):
        r.decide_attribute(item, by=clerk, attribute=DisclosureAttribute.ON_APPLICATION)


def test_withheld_information_needs_a_review_date(township, clerk):
    with pytest.raises(TransitionError, match="条例第十八条"):
        r.record_entry(
            township,
            by=clerk,
            attribute=DisclosureAttribute.WITHHELD,
            title="某文件",
            dated_on=date(2025, 2, 10),
            reason="内部事务信息",
            basis="条例第十六条第一款",
        )


def test_staff_find_an_entry_by_any_words_of_title_or_number(withheld, township, clerk):
    r.record_entry(
        township,
        by=clerk,
        attribute=DisclosureAttribute.ON_APPLICATION,
        title="青石镇2024年土地承包台账",
        dated_on=date(2025, 1, 5),
        reason="涉及特定群体，依申请提供",
        basis="条例第二十七条",
    )
    assert [e.title for e in r.search_register(township, "信访 3号")] == [withheld.title]
    assert [e.title for e in r.search_register(township, "台账")] == ["青石镇2024年土地承包台账"]
    assert list(r.search_register(township, "不存在的词")) == []


def test_the_workbench_lists_a_withheld_entry_on_its_review_date(withheld, township, clerk):
    calendar = WorkdayCalendar(builtin_arrangements())

    def review_lines(today):
        lines = due_lines(
            user=clerk, agencies={township: {"clerk"}}, today=today, calendar=calendar
        )
        return [line for line in lines if line.kind == "不予公开信息审查"]

    assert review_lines(date(2026, 2, 9)) == []
    (line,) = review_lines(date(2026, 2, 10))
    assert "条例第十八条" in line.text and line.due_on == date(2026, 2, 10)


def test_a_review_still_withholding_sets_the_next_review(withheld, township, clerk):
    entry = r.search_register(township).get()
    with pytest.raises(TransitionError, match="下次审查日期"):
        r.review_entry(
            entry,
            by=clerk,
            on=date(2026, 2, 10),
            decision=ReviewDecision.STILL_WITHHELD,
            note="仍属内部事务",
        )
    r.review_entry(
        entry,
        by=clerk,
        on=date(2026, 2, 10),
        decision=ReviewDecision.STILL_WITHHELD,
        note="仍属内部事务",
        next_review_on=date(2027, 2, 10),
    )
    entry.refresh_from_db()
    assert entry.review_on == date(2027, 2, 10)
    assert list(r.reviews_due([township], today=date(2026, 2, 11))) == []


def test_a_review_releasing_the_information_drafts_an_item(withheld, township, clerk, relief):
    entry = r.search_register(township).get()
    r.review_entry(
        entry, by=clerk, on=date(2026, 2, 10), decision=ReviewDecision.RELEASED, category=relief
    )
    entry.refresh_from_db()
    drafted = entry.released_item
    assert (drafted.title, drafted.status, drafted.formed_on) == (
        "青石镇信访事项内部处理意见",
        ItemStatus.DRAFT,
        date(2026, 2, 10),
    )
    assert entry.review_on is None
    assert AuditEntry.objects.filter(action="standards.register.reviewed").count() == 1
    with pytest.raises(TransitionError, match="已转为主动公开"):
        r.review_entry(
            entry, by=clerk, on=date(2026, 2, 11), decision=ReviewDecision.RELEASED, category=relief
        )


def test_an_outsider_cannot_record_in_the_townships_register(township, outsider):
    with pytest.raises(TransitionError):
        r.record_entry(
            township,
            by=outsider,
            attribute=DisclosureAttribute.ON_APPLICATION,
            title="x",
            dated_on=date(2025, 1, 5),
            reason="x",
            basis="x",
        )


def test_an_application_answered_disclosed_becomes_a_draft_in_one_step(township, clerk, relief):
    from gongkai.applications.models import Application

    granted = Application(
        agency=township,
        information_title="2024年青石镇低保资金发放明细",
        document_number="",
        outcome="三（一）",
        tracking_number="T1",
    )
    item = r.draft_from_application(granted, by=clerk, category=relief, on=date(2025, 3, 3))
    assert Item.objects.get(pk=item.pk).title == "2024年青石镇低保资金发放明细"
    assert AuditEntry.objects.get(action="item.drafted_from_application").data == {
        "application": "T1"
    }
    refused = Application(agency=township, information_title="x", outcome="三（三）1")
    with pytest.raises(TransitionError, match="予以公开"):
        r.draft_from_application(refused, by=clerk, category=relief, on=date(2025, 3, 3))
