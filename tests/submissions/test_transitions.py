"""报送 → 采用 through the real steps: a township submits, the county adopts (the item keeps
its 索引号), returns with a reason, or forwards; the law of the house (four eyes where
publication happens, the personal-data scan before it) is enforced in the transition."""

from datetime import date

import pytest

from gongkai.core.transitions import TransitionError
from gongkai.submissions import transitions as t
from gongkai.submissions.models import EventKind, Status, Submission
from tests.submissions.conftest import DAY

pytestmark = pytest.mark.django_db


def test_an_adopted_item_keeps_its_source_agency_and_index_number(
    township, county, clerk, county_editor, publish, relief_column
):
    item = publish("青石镇2026年第一季度临时救助名单公示", DAY)
    number = item.index_number
    sub = t.submit_item(item, by=clerk, column=relief_column, on=DAY)
    assert sub.target == county and sub.status == Status.SUBMITTED
    t.adopt(sub, by=county_editor, on=date(2026, 3, 10))
    sub.refresh_from_db()
    item.refresh_from_db()
    assert sub.status == Status.ADOPTED and sub.adopted_on == date(2026, 3, 10)
    assert item.index_number == number and item.agency == township  # never reissued
    assert sub.index_number == number
    assert list(Submission.objects.adopted_into(county, relief_column)) == [sub]


def test_only_a_published_item_is_submitted_and_only_once(
    township, clerk, county_editor, publish, relief_column
):
    from gongkai.catalogue import transitions as c

    draft = c.create_draft(
        township, by=clerk, category=relief_column, title="草稿", formed_on=DAY, body="正文"
    )
    with pytest.raises(TransitionError, match="只能报送本机关已公开的信息"):
        t.submit_item(draft, by=clerk, column=relief_column, on=DAY)
    item = publish("已公开的信息", DAY)
    t.submit_item(item, by=clerk, column=relief_column, on=DAY)
    with pytest.raises(TransitionError, match="不能重复报送"):
        t.submit_item(item, by=clerk, column=relief_column, on=DAY)


def test_the_county_cannot_submit_to_itself_nor_a_stranger_submit(
    county, county_editor, outsider, news_column
):
    with pytest.raises(TransitionError, match="只有本机关的经办人、管理员"):
        t.submit_news(
            county.children.first(),
            by=outsider,
            column=news_column,
            title="标题",
            body="正文",
            on=DAY,
        )
    with pytest.raises(TransitionError, match="乡镇（街道）和县级政府部门"):
        t.submit_news(
            county,
            by=county_editor,
            column=news_column,
            title="标题",
            body="正文",
            on=DAY,
            target=county,
        )


def test_a_returned_news_post_carries_its_reason_and_is_resubmitted(
    township, clerk, county_editor, news_column
):
    sub = t.submit_news(
        township, by=clerk, column=news_column, title="青石镇开展春耕备耕", body="正文", on=DAY
    )
    with pytest.raises(TransitionError, match="请写明退回理由"):
        t.return_submission(sub, by=county_editor, on=DAY, reason="  ")
    t.return_submission(sub, by=county_editor, on=DAY, reason="请补充图片说明")
    sub.refresh_from_db()
    assert sub.status == Status.RETURNED and sub.note == "请补充图片说明"
    # the township's editor, not the county's, resubmits
    with pytest.raises(TransitionError, match="只有本机关的经办人、管理员"):
        t.resubmit(sub, by=county_editor, on=DAY)
    t.resubmit(sub, by=clerk, on=date(2026, 3, 11), body="<p>补充了图片说明</p>")
    sub.refresh_from_db()
    assert sub.status == Status.SUBMITTED and sub.note == "" and "补充了图片说明" in sub.body
    kinds = list(sub.events.values_list("kind", flat=True))
    assert kinds == [EventKind.SUBMITTED, EventKind.RETURNED, EventKind.RESUBMITTED]


def test_the_township_cannot_adopt_its_own_submission(township, clerk, reviewer, news_column):
    sub = t.submit_news(township, by=clerk, column=news_column, title="标题", body="正文", on=DAY)
    with pytest.raises(TransitionError, match="只有本机关的"):
        t.adopt(sub, by=reviewer, on=DAY)  # a reviewer of the township holds no county role


def test_whoever_changed_the_text_does_not_also_adopt_it(
    township, county, clerk, county_editor, news_column
):
    """Four eyes where publication happens (issue 24): the county editor who masked the
    numbers changed the text, so another county editor adopts it."""
    from gongkai.core.models import Membership, Role, User

    sub = t.submit_news(
        township,
        by=clerk,
        column=news_column,
        title="走访慰问困难群众",
        body="<p>联系人电话 13912345678</p>",
        on=DAY,
    )
    assert sub.personal_data and not sub.personal_data[0]["confirmed"]
    with pytest.raises(TransitionError, match="还有未处理的个人信息"):
        t.adopt(sub, by=county_editor, on=DAY)
    t.redact_submission(sub, by=county_editor, on=DAY)
    sub.refresh_from_db()
    assert "13912345678" not in sub.body and sub.personal_data == []
    with pytest.raises(TransitionError, match="修改过这份稿件"):
        t.adopt(sub, by=county_editor, on=DAY)
    other = User.objects.create_user("xian2", password="county-pass-2", full_name="县编辑二")
    Membership.objects.create(user=other, agency=county, role=Role.CLERK)
    assert t.adopt(sub, by=other, on=DAY).status == Status.ADOPTED


def test_a_number_the_county_confirms_may_be_published(township, clerk, county_editor, news_column):
    sub = t.submit_news(
        township,
        by=clerk,
        column=news_column,
        title="便民服务中心搬迁",
        body="<p>咨询电话 13912345678</p>",
        on=DAY,
    )
    t.confirm_personal_data(sub, by=county_editor, on=DAY, reason="便民服务中心的公开服务电话")
    assert t.adopt(sub, by=county_editor, on=DAY).status == Status.ADOPTED


def test_a_withdrawn_item_is_not_adopted_and_leaves_the_column(
    township, county, clerk, county_editor, publish, relief_column
):
    from gongkai.catalogue import transitions as c

    first = publish("第一条", DAY)
    second = publish("第二条", DAY)
    sub1 = t.submit_item(first, by=clerk, column=relief_column, on=DAY)
    sub2 = t.submit_item(second, by=clerk, column=relief_column, on=DAY)
    t.adopt(sub2, by=county_editor, on=DAY)
    c.withdraw(first, by=clerk, on=DAY, reason="有误")
    c.withdraw(second, by=clerk, on=DAY, reason="有误")
    with pytest.raises(TransitionError, match="已被报送单位撤回"):
        t.adopt(sub1, by=county_editor, on=DAY)
    assert not Submission.objects.adopted_into(county).exists()


def test_forwarding_hands_the_decision_to_the_county_department(
    township, county, clerk, county_editor, department, news_column
):
    from gongkai.core.models import User

    dept_column = department.categories.get(name="民政动态")
    sub = t.submit_news(township, by=clerk, column=news_column, title="低保", body="正文", on=DAY)
    with pytest.raises(TransitionError, match="不是云岭县人民政府的栏目"):
        t.forward(sub, by=county_editor, on=DAY, target=county, column=dept_column)
    t.forward(sub, by=county_editor, on=DAY, target=department, column=dept_column)
    sub.refresh_from_db()
    assert sub.target == department and sub.column == dept_column
    with pytest.raises(TransitionError, match="只有本机关的"):
        t.adopt(sub, by=county_editor, on=DAY)  # the county no longer holds it
    t.adopt(sub, by=User.objects.get(username="minzheng"), on=DAY)
    assert list(Submission.objects.adopted_into(department, dept_column)) == [sub]


def test_every_step_is_audited(township, clerk, county_editor, news_column):
    from gongkai.core.models import AuditEntry

    sub = t.submit_news(township, by=clerk, column=news_column, title="标题", body="正文", on=DAY)
    t.return_submission(sub, by=county_editor, on=DAY, reason="重复")
    t.resubmit(sub, by=clerk, on=DAY)
    t.adopt(sub, by=county_editor, on=DAY)
    actions = list(
        AuditEntry.objects.filter(object_type="submissions.submission", object_id=str(sub.pk))
        .order_by("id")
        .values_list("action", flat=True)
    )
    assert actions == [
        "submission.submitted",
        "submission.returned",
        "submission.resubmitted",
        "submission.adopted",
    ]


def test_counts_per_source_and_month_come_from_the_steps(
    township, county, clerk, county_editor, department, news_column
):
    """Hand-counted: March — 3 submitted, 1 returned, 1 adopted; April — the returned one
    resubmitted (not a new submission) and adopted, one more submitted and returned."""
    from gongkai.office.overview import submission_counts

    a = t.submit_news(township, by=clerk, column=news_column, title="甲", body="正文", on=DAY)
    b = t.submit_news(township, by=clerk, column=news_column, title="乙", body="正文", on=DAY)
    t.submit_news(township, by=clerk, column=news_column, title="丙", body="正文", on=DAY)
    t.adopt(a, by=county_editor, on=DAY)
    t.return_submission(b, by=county_editor, on=DAY, reason="缺图")
    april = date(2026, 4, 2)
    t.resubmit(b, by=clerk, on=april)
    t.adopt(b, by=county_editor, on=april)
    d = t.submit_news(township, by=clerk, column=news_column, title="丁", body="正文", on=april)
    t.return_submission(d, by=county_editor, on=april, reason="重复")
    counts = submission_counts(county, 2026)
    rows = [
        (r["source"], r["month"], r["submitted"], r["adopted"], r["returned"]) for r in counts.rows
    ]
    assert rows == [
        ("云岭县青石镇人民政府", 3, 3, 1, 1),
        ("云岭县青石镇人民政府", 4, 1, 1, 1),
    ]
    assert counts.totals == [
        {"source": "云岭县青石镇人民政府", "submitted": 4, "adopted": 2, "returned": 2}
    ]
    assert submission_counts(county, 2025).rows == []
