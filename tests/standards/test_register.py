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


def test_the_review_line_goes_only_to_those_the_review_is_offered_to(withheld, township):
    # 记录审查结论 is an editor's step (standards/steps.py): a reviewer, who may not take it,
    # is not told it waits for them
    from gongkai.core.models import User

    reviewer = User.objects.get(username="shenhe")
    lines = due_lines(
        user=reviewer,
        agencies={township: {"reviewer"}},
        today=date(2026, 2, 10),
        calendar=WorkdayCalendar(builtin_arrangements()),
    )
    assert [line for line in lines if line.kind == "不予公开信息审查"] == []


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


@pytest.fixture
def applied(township, clerk):
    from gongkai.applications.transitions import register_application
    from gongkai.statute.deadlines import Channel
    from tests.applications.conftest import APPLICANT

    def make(on, **changes):
        application, _ = register_application(
            township,
            by=clerk,
            channel=Channel.IN_PERSON,
            submitted_on=on,
            today=on,
            **{**APPLICANT, **changes},
        )
        return application

    return make


def test_an_application_answered_disclosed_becomes_a_draft_in_one_step(applied, clerk, relief):
    from gongkai.applications import transitions as at

    granted = at.reply(
        applied(date(2025, 3, 3)),
        by=clerk,
        on=date(2025, 3, 10),
        outcome="三（一）",
        text="予以公开",
    )
    item = r.draft_from_application(granted, by=clerk, category=relief, on=date(2025, 3, 11))
    assert (item.title, item.status, item.formed_on) == (
        "2024年青石镇低保资金发放明细",
        ItemStatus.DRAFT,
        date(2025, 3, 11),
    )
    assert AuditEntry.objects.get(action="item.drafted_from_application").data == {
        "application": granted.tracking_number
    }


def test_an_application_not_answered_disclosed_is_not_drafted(applied, clerk, relief):
    with pytest.raises(TransitionError, match="予以公开"):
        r.draft_from_application(
            applied(date(2025, 3, 3)), by=clerk, category=relief, on=date(2025, 3, 3)
        )


def test_applications_for_the_same_information_are_pointed_out(applied):
    first = applied(date(2025, 3, 3))
    second = applied(date(2025, 3, 5), information_title="青石镇2024年低保资金发放明细表")
    same_title = applied(date(2025, 3, 6))
    applied(date(2025, 3, 7), information_title="青石镇征地补偿标准")
    assert r.same_information(first) == [same_title]
    numbered = applied(
        date(2025, 3, 8), information_title="一份文件", document_number="青政发〔2024〕2号"
    )
    other = applied(
        date(2025, 3, 9), information_title="另一份", document_number="青政发〔2024〕2号"
    )
    assert r.same_information(numbered) == [other]
    assert second not in r.same_information(first)


def test_the_office_page_lists_the_others_and_drafts_the_item(applied, clerk, relief, client):
    from gongkai.applications import transitions as at

    first = applied(date(2025, 3, 3))
    applied(date(2025, 3, 4))
    at.reply(first, by=clerk, on=date(2025, 3, 10), outcome="三（一）", text="予以公开")
    client.force_login(clerk)
    page = client.get(f"/office/standards/application/{first.pk}/").content.decode()
    assert "申请相同信息的其他申请（1件）" in page
    for bad in ("x", "", "999999"):  # not a number, none, unknown: a sentence, not a 500
        page = client.post(
            f"/office/standards/application/{first.pk}/release/",
            {"release-category": bad},
            follow=True,
        )
        assert (
            page.status_code == 200 and "生成主动公开草稿：请选择信息分类" in page.content.decode()
        )
    assert not Item.objects.filter(title="2024年青石镇低保资金发放明细").exists()
    response = client.post(
        f"/office/standards/application/{first.pk}/release/", {"release-category": relief.pk}
    )
    item = Item.objects.get(title="2024年青石镇低保资金发放明细")
    assert response["Location"] == f"/office/items/{item.pk}/"


def test_a_draft_decided_withheld_on_the_item_page_cannot_be_submitted(
    township, clerk, relief, client
):
    item = t.create_draft(
        township, by=clerk, category=relief, title="内部请示", formed_on=date(2025, 2, 10)
    )
    client.force_login(clerk)
    client.post(
        f"/office/standards/item/{item.pk}/attribute/",
        {
            "attribute-attribute": "withheld",
            "attribute-reason": "内部事务信息",
            "attribute-basis": "条例第十六条第一款",
            "attribute-review_on": "2026-02-10",
        },
    )
    item.refresh_from_db()
    assert item.disclosure_attribute == DisclosureAttribute.WITHHELD
    with pytest.raises(TransitionError, match="不主动公开"):
        t.submit(item, by=clerk)
