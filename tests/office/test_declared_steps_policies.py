"""Issue 22, continued for consultations, their comments and 清理: per role the steps
offered and refused with their sentences; a hand-made POST of a step not offered is refused
with the same sentence; 公布反馈 and 公布清理结果 cannot be undone and are refused on the
server without their tick, nothing changed."""

from datetime import date

import pytest
import time_machine
from django.urls import reverse

from gongkai.core.models import User
from gongkai.policies import transitions as p
from gongkai.policies.models import CommentStatus
from tests.policies.conftest import draft, publish

pytestmark = pytest.mark.django_db
AFTER = date(2026, 5, 6)  # the consultation below ran 2026-03-06 to 2026-04-05


@pytest.fixture
def admin(township):
    return User.objects.get(username="guanli")


@pytest.fixture
def consultation(township, clerk, reviewer):
    item = publish(draft(township, clerk, "甲办法（征求意见稿）", normative=False), clerk, reviewer)
    return p.open_consultation(
        item,
        by=clerk,
        title="甲办法征求意见",
        starts_on=date(2026, 3, 6),
        ends_on=date(2026, 4, 5),
        today=date(2026, 3, 6),
    )


def test_a_consultation_offers_each_role_its_steps(consultation, clerk, reviewer, admin, outsider):
    county = User.objects.get(username="xian")
    during = date(2026, 3, 20)
    assert consultation.steps_for(clerk, today=AFTER).names == []
    assert consultation.steps_for(reviewer, today=AFTER).names == ["feedback"]
    assert consultation.steps_for(admin, today=AFTER).names == ["feedback"]
    early = consultation.steps_for(reviewer, today=during)
    assert early.refusal("feedback").sentence == "征集期至2026年4月5日，征集期结束后才能公布反馈"
    for stranger in (county, outsider):
        offer = consultation.steps_for(stranger, today=AFTER)
        assert offer.names == []
        assert offer.refusal("feedback").sentence == "只有本机关的审核人、管理员可以办理此事项"
    assert clerk_refusal(consultation, clerk) == "只有本机关的审核人、管理员可以办理此事项"


def clerk_refusal(consultation, clerk):
    return consultation.steps_for(clerk, today=AFTER).refusal("feedback").sentence


def test_a_comment_is_moderated_then_decided(consultation, clerk, reviewer):
    comment = p.submit_comment(
        consultation, name="", contact="a@example.cn", text="建议", today=date(2026, 3, 7)
    )
    assert comment.steps_for(clerk, today=AFTER).names == ["show", "hide"]
    assert comment.steps_for(reviewer, today=AFTER).names == ["show", "hide"]
    assert (
        comment.steps_for(clerk, today=AFTER).refusal("decide").sentence
        == "该意见当前为“待审核”，不能保存采纳情况"
    )
    p.moderate_comment(comment, by=reviewer, show=True)
    comment.refresh_from_db()
    assert comment.status == CommentStatus.SHOWN
    assert comment.steps_for(clerk, today=AFTER).names == ["hide", "decide"]


@time_machine.travel("2026-05-06 09:00 +0800", tick=False)
def test_a_hand_made_post_and_a_missing_tick_are_refused(client, consultation, clerk, reviewer):
    url = reverse("office:consultation_action", args=[consultation.pk, "feedback"])
    client.force_login(clerk)
    page = client.post(url, {"feedback-summary": "x", "confirmed": "yes"}, follow=True)
    assert "公布反馈：只有本机关的审核人、管理员可以办理此事项" in page.content.decode()
    client.force_login(reviewer)
    page = client.post(url, {"feedback-summary": "x"}, follow=True).content.decode()
    assert "公布反馈不能撤销：请先勾选“我已核对每条意见的采纳情况和理由，确认公布反馈”" in page
    consultation.refresh_from_db()
    assert consultation.feedback_item_id is None
    client.post(url, {"feedback-summary": "x", "confirmed": "yes"})
    consultation.refresh_from_db()
    assert consultation.feedback_item_id is not None


@time_machine.travel("2026-11-03 09:00 +0800", tick=False)
def test_a_cleanup_is_published_by_another_administrator_with_the_tick(
    client, township, clerk, reviewer, admin
):
    today = date(2026, 11, 3)
    own = p.start_cleanup(township, by=admin, title="管理员整理的清理", on=today)
    refusal = own.steps_for(admin, today=today).refusal("publish").sentence
    assert refusal == "清理结果须由整理人以外的管理员审核公布"
    client.force_login(admin)
    url = reverse("office:cleanup_action", args=[own.pk, "publish"])
    page = client.post(url, {"confirmed": "yes"}, follow=True).content.decode()
    assert f"公布清理结果：{refusal}" in page  # the hand-made POST: the page's sentence

    batch = p.start_cleanup(township, by=clerk, title="2026年度清理", on=today)
    assert batch.steps_for(clerk, today=today).names == ["record"]
    assert batch.steps_for(reviewer, today=today).names == []
    assert batch.steps_for(admin, today=today).names == ["record", "publish"]
    url = reverse("office:cleanup_action", args=[batch.pk, "publish"])
    page = client.post(url, follow=True).content.decode()
    assert "公布清理结果不能撤销：请先勾选“我已核对每份文件的清理结果" in page
    batch.refresh_from_db()
    assert batch.published_on is None
