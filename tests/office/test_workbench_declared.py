"""The 工作台 lists a line for a step only when the step's declaration would offer it to that
person (issue 22): the same declarations the pages offer from and the transitions check under
their locks. Everything is set up through the real transitions, at chosen dates."""

from datetime import date

import pytest

from gongkai.catalogue import transitions as ct
from gongkai.catalogue.models import Category
from gongkai.core.calendar import current_calendar
from gongkai.core.models import Membership, Role, User
from gongkai.core.workbench import due_lines
from gongkai.reports import transitions as rt
from tests.conftest import enter_table_two

pytestmark = pytest.mark.django_db


def lines_for(user, today):
    agencies: dict = {}
    for m in user.memberships.select_related("agency"):
        agencies.setdefault(m.agency, set()).add(m.role)
    return due_lines(user=user, agencies=agencies, today=today, calendar=current_calendar())


def texts(user, today) -> str:
    return "\n".join(line.text for line in lines_for(user, today))


@pytest.fixture
def both(township):
    """A small township's clerk who is also one of its reviewers."""
    user = User.objects.create_user("liangren", password="both-roles-1", full_name="兼任者")
    Membership.objects.create(user=user, agency=township, role=Role.CLERK)
    Membership.objects.create(user=user, agency=township, role=Role.REVIEWER)
    return user


def test_an_item_in_review_waits_for_another_reviewer_not_its_drafter(township, both, reviewer):
    category = Category.objects.get(name="社会救助", source="article21")
    item = ct.create_draft(
        township, by=both, category=category, title="兼任者起草的公示", formed_on=date(2024, 11, 22)
    )
    ct.submit(item, by=both)
    today = date(2024, 12, 16)
    # 保密审查须由起草人以外的审核人进行: she may not publish it, so nothing waits for her
    assert "兼任者起草的公示" not in texts(both, today)
    assert "《兼任者起草的公示》待保密审查" in texts(reviewer, today)


def test_an_item_with_personal_data_to_redact_still_waits_for_the_reviewer(
    township, clerk, reviewer
):
    category = Category.objects.get(name="社会救助", source="article21")
    item = ct.create_draft(
        township,
        by=clerk,
        category=category,
        title="低保名单公示",
        formed_on=date(2024, 11, 22),
        body="<p>张三，身份证号 110101199003074258，低保户。</p>",
    )
    item = ct.submit(item, by=clerk)
    assert item.personal_data  # 审核通过并公开 is refused until she redacts or confirms
    assert "《低保名单公示》待保密审查" in texts(reviewer, date(2024, 12, 16))


def test_a_draft_not_to_be_published_has_no_submission_line(township, clerk):
    from gongkai.standards import register as r

    category = Category.objects.get(name="社会救助", source="article21")
    item = ct.create_draft(
        township, by=clerk, category=category, title="内部处理意见", formed_on=date(2024, 11, 11)
    )
    today = date(2024, 12, 16)  # 20 working days after 11 Nov were 9 Dec
    assert "《内部处理意见》尚未提交审查" in texts(clerk, today)
    r.decide_attribute(
        item,
        by=clerk,
        attribute="withheld",
        reason="内部事务信息",
        basis="条例第十六条第一款",
        review_on=date(2025, 11, 11),
    )
    # 提交审查 is refused for information 不主动公开, so no 公开时限 runs against her
    assert "内部处理意见" not in texts(clerk, today)


def test_a_report_awaiting_publication_is_not_listed_for_its_drafter(township, both, reviewer):
    enter_table_two(township, both, 2025)
    rt.start_report(township, 2025, by=both, today=date(2026, 1, 10))
    today = date(2026, 1, 12)
    waiting = "2025年度报告（第1版）勾稽检查通过，待审核发布"
    # 年度报告须由起草人以外的审核人审核发布 (issue 14)
    assert waiting not in texts(both, today)
    assert waiting in texts(reviewer, today)
