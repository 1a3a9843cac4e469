"""Four eyes means four eyes (issue 24 point 3): whoever changed the content of what goes to
the public since its last approval cannot approve it — not only the person who created it.
Found: a clerk who is also a reviewer rewrote another clerk's item and published it; the same
for the annual report; the county administrator alone recorded and published a 清理's
results. The cast here adds one person who holds two roles in the township."""

from datetime import date

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile

from gongkai.catalogue import transitions as t
from gongkai.catalogue.models import Category, ItemStatus
from gongkai.core.models import Membership, Role, User
from gongkai.core.transitions import TransitionError
from gongkai.policies import transitions as p
from gongkai.policies.models import Adoption, CleanupResult
from gongkai.reports import transitions as rt
from tests.conftest import enter_table_two
from tests.policies.conftest import draft as policy_draft
from tests.policies.conftest import publish as policy_publish
from tests.policies.conftest import registered

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def statutory_subjects(db):
    from gongkai.catalogue.subjects import seed_statutory_subjects

    seed_statutory_subjects(Category)


@pytest.fixture
def admin(township):
    return User.objects.get(username="guanli")


@pytest.fixture
def both(township):
    """A clerk who is also a reviewer (a small township's office has two or three people)."""
    user = User.objects.create_user("liangzhi", password="two-roles-pass-1", full_name="两职人员")
    for role in (Role.CLERK, Role.REVIEWER, Role.ADMIN):
        Membership.objects.create(user=user, agency=township, role=role)
    return user


@pytest.fixture
def submitted(township, clerk):
    item = t.create_draft(
        township,
        by=clerk,
        category=Category.objects.get(name="社会救助", source="article21"),
        title="12月临时救助对象公示",
        formed_on=date(2024, 12, 2),
        body="<p>公示名单</p>",
    )
    return item


# -- items ----------------------------------------------------------------------------------


def test_a_reviewer_who_rewrote_a_colleagues_item_cannot_publish_it(submitted, both, reviewer):
    item = t.edit_item(submitted, by=both, body="<p>改写后的公示名单</p>")
    t.submit(item, by=both)
    with pytest.raises(TransitionError, match="修改过内容的人以外的审核人"):
        t.approve_and_publish(item, by=both, on=date(2024, 12, 5))
    item.refresh_from_db()
    assert item.status == ItemStatus.SUBMITTED
    published = t.approve_and_publish(item, by=reviewer, on=date(2024, 12, 5))
    assert published.status == ItemStatus.PUBLISHED  # a third person may


def test_adding_a_file_is_changing_the_content(submitted, both):
    t.attach_file(
        submitted, SimpleUploadedFile("名单.csv", "姓名,金额\n张三,500\n".encode()), by=both
    )
    t.submit(submitted, by=both)
    with pytest.raises(TransitionError, match="修改过内容的人以外的审核人"):
        t.approve_and_publish(submitted, by=both, on=date(2024, 12, 5))


def test_a_reviewer_who_changed_nothing_publishes_as_before(submitted, clerk, both):
    t.submit(submitted, by=clerk)
    assert t.approve_and_publish(submitted, by=both, on=date(2024, 12, 5)).index_number


# -- the annual report --------------------------------------------------------------------


@time_machine.travel("2026-01-20 09:00 +0800", tick=False)
def test_a_reviewer_who_rewrote_the_report_cannot_publish_it(township, clerk, both, reviewer):
    enter_table_two(township, clerk, 2025)
    report = rt.start_report(township, 2025, by=clerk, today=date(2026, 1, 20))
    rt.save_sections(report, by=both, one="改写的总体情况", five="问题", six="其他")
    with pytest.raises(TransitionError, match="修改人和填报数据的人以外的审核人"):
        rt.publish_report(report, by=both, on=date(2026, 1, 20))
    assert rt.publish_report(report, by=reviewer, on=date(2026, 1, 20)).item_id


@time_machine.travel("2026-01-20 09:00 +0800", tick=False)
def test_the_person_who_entered_the_figures_cannot_publish_the_report(township, clerk, both):
    enter_table_two(township, both, 2025, fee="0.5")
    report = rt.start_report(township, 2025, by=clerk, today=date(2026, 1, 20))
    with pytest.raises(TransitionError, match="填报数据的人以外的审核人"):
        rt.publish_report(report, by=both, on=date(2026, 1, 20))


# -- 清理 and the consultation's 反馈 --------------------------------------------------------


def test_an_administrator_who_recorded_the_results_cannot_publish_the_cleanup(
    township, clerk, reviewer, admin
):
    document = registered(township, clerk, reviewer, "甲办法", effective=date(2026, 1, 5))
    batch = p.start_cleanup(
        township, by=clerk, title="2026年度规范性文件清理", on=date(2026, 11, 2)
    )
    p.record_cleanup_result(batch, document, by=admin, result=CleanupResult.CONTINUE)
    with pytest.raises(TransitionError, match="记录清理结果的人以外的管理员"):
        p.publish_cleanup(batch, by=admin, on=date(2026, 11, 30))


def test_whoever_decided_the_comments_cannot_publish_the_feedback(township, clerk, reviewer, both):
    item = policy_publish(
        policy_draft(township, clerk, "青石镇养犬管理办法（征求意见稿）", normative=False),
        clerk,
        reviewer,
        on=date(2026, 6, 1),
    )
    consultation = p.open_consultation(
        item,
        by=clerk,
        title="《青石镇养犬管理办法（征求意见稿）》公开征求意见",
        starts_on=date(2026, 6, 1),
        ends_on=date(2026, 7, 1),
        today=date(2026, 6, 1),
    )
    comment = p.submit_comment(
        consultation, name="", contact="13900000000", text="建议设遛犬时段", today=date(2026, 6, 5)
    )
    p.moderate_comment(comment, by=clerk, show=True)
    p.decide_comment(comment, by=both, adoption=Adoption.ADOPTED)
    with pytest.raises(TransitionError, match="填写采纳情况的人以外的审核人"):
        p.publish_feedback(consultation, by=both, on=date(2026, 7, 2))
    assert p.publish_feedback(consultation, by=reviewer, on=date(2026, 7, 2)).feedback_item_id
