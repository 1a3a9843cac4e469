"""Consultations (意见征集): the period of 《重大行政决策程序暂行条例》第十五条第一款 for a
县级以上人民政府's major decisions and the agency's setting elsewhere, counted as
民法典第二百零一条 counts (the start day not counted); a period already over is refused, and so
is a 反馈 for a consultation recorded after its period; comments moderated before they show
and never showing the contact, and the 反馈 required at the end."""

from datetime import date

import pytest

from gongkai.catalogue.models import ItemStatus
from gongkai.core.calendar import current_calendar
from gongkai.core.transitions import TransitionError
from gongkai.core.workbench import Urgency, due_lines
from gongkai.policies import transitions as p
from gongkai.policies.figures import narrative_counts
from gongkai.policies.models import Adoption, CommentStatus
from tests.policies.conftest import draft, publish


@pytest.fixture
def draft_item(township, clerk, reviewer):
    return publish(
        draft(township, clerk, "青石镇养犬管理办法（征求意见稿）", normative=False),
        clerk,
        reviewer,
        on=date(2026, 6, 1),
    )


def open_for(draft_item, clerk, *, starts, ends, reason="", today=None, major=False):
    return p.open_consultation(
        draft_item,
        by=clerk,
        title="《青石镇养犬管理办法（征求意见稿）》公开征求意见",
        starts_on=starts,
        ends_on=ends,
        short_period_reason=reason,
        today=today or starts,
        major_decision=major,
    )


def test_thirty_days_need_no_reason(draft_item, clerk):
    # first day not counted (民法典第二百零一条): 6月1日 + 30 days = 7月1日
    consultation = open_for(draft_item, clerk, starts=date(2026, 6, 1), ends=date(2026, 7, 1))
    assert consultation.short_period_reason == ""


def test_a_shorter_period_without_a_reason_is_refused(draft_item, clerk):
    # a township's draft: the 30 days are the province's rule (a setting), not the 条例
    with pytest.raises(
        TransitionError, match=r"不少于30日（本机关（本省）的规定.*第二百零一条.*29日"
    ):
        open_for(draft_item, clerk, starts=date(2026, 6, 1), ends=date(2026, 6, 30))


def test_a_county_governments_major_decision_cites_article_fifteen(township, clerk, reviewer):
    from gongkai.core.models import Membership, Role

    county = township.parent
    assert county.level == "county_gov"
    Membership.objects.get_or_create(user=clerk, agency=county, role=Role.CLERK)
    Membership.objects.get_or_create(user=reviewer, agency=county, role=Role.REVIEWER)
    item = publish(
        draft(county, clerk, "云岭县城市养犬管理规定（征求意见稿）", normative=False),
        clerk,
        reviewer,
        on=date(2026, 6, 1),
    )
    with pytest.raises(TransitionError, match=r"《重大行政决策程序暂行条例》第十五条第一款"):
        open_for(item, clerk, starts=date(2026, 6, 1), ends=date(2026, 6, 30), major=True)
    # the same draft, not a major decision, follows the setting the county chose
    from gongkai.core.models import User

    admin = User.objects.get(username="xian")
    p.configure(county, by=admin, require_sync=True, consultation_min_days=20)
    found = open_for(item, clerk, starts=date(2026, 6, 1), ends=date(2026, 6, 21))
    assert found.short_period_reason == "" and not found.major_decision


def test_a_townships_setting_comes_from_its_county(township, draft_item, clerk):
    from gongkai.core.models import User

    p.configure(township.parent, by=User.objects.get(username="xian"), require_sync=True,
                consultation_min_days=15)  # fmt: skip
    # 6月1日 to 6月16日 is 15 days with the start day not counted (民法典第二百零一条)
    open_for(draft_item, clerk, starts=date(2026, 6, 1), ends=date(2026, 6, 16))
    with pytest.raises(TransitionError, match=r"不少于15日.*14日"):
        open_for(draft_item, clerk, starts=date(2026, 6, 2), ends=date(2026, 6, 16))


def test_a_period_already_over_when_opened_is_refused(draft_item, clerk):
    with pytest.raises(TransitionError, match=r"已经结束"):
        open_for(
            draft_item,
            clerk,
            starts=date(2026, 6, 1),
            ends=date(2026, 7, 1),
            today=date(2026, 7, 2),
        )


def test_a_back_dated_start_counts_only_the_days_left(draft_item, clerk):
    # opened on 6月10日 for "6月1日 to 7月1日": the public has 21 days, not 30
    with pytest.raises(TransitionError, match=r"自今天起只剩21日"):
        open_for(
            draft_item,
            clerk,
            starts=date(2026, 6, 1),
            ends=date(2026, 7, 1),
            today=date(2026, 6, 10),
        )


def test_no_feedback_for_a_consultation_recorded_after_its_period(draft_item, clerk, reviewer):
    # issue 24: a row written before this guard, opened after its whole period had passed
    from gongkai.policies.models import Consultation

    consultation = open_for(draft_item, clerk, starts=date(2026, 6, 1), ends=date(2026, 7, 1))
    Consultation.objects.filter(pk=consultation.pk).update(opened_on=date(2026, 8, 1))
    consultation.refresh_from_db()
    with pytest.raises(TransitionError, match=r"8月1日才发起.*公众没有机会提出意见"):
        p.publish_feedback(consultation, by=reviewer, on=date(2026, 8, 2))
    consultation.refresh_from_db()
    assert consultation.feedback_item_id is None


def test_a_shorter_period_with_a_reason_is_allowed(draft_item, clerk):
    consultation = open_for(
        draft_item,
        clerk,
        starts=date(2026, 6, 1),
        ends=date(2026, 6, 15),
        reason="汛期临近，需尽快施行",
    )
    assert consultation.short_period_reason == "汛期临近，需尽快施行"


def test_an_unpublished_draft_cannot_be_put_out_for_comment(township, clerk):
    unpublished = draft(township, clerk, "未公开的稿件", normative=False)
    with pytest.raises(TransitionError, match="先作为政府信息公开"):
        open_for(unpublished, clerk, starts=date(2026, 6, 1), ends=date(2026, 7, 1))


def test_comments_are_accepted_only_within_the_period(draft_item, clerk):
    consultation = open_for(draft_item, clerk, starts=date(2026, 6, 1), ends=date(2026, 7, 1))
    p.submit_comment(
        consultation, name="", contact="13900000000", text="建议", today=date(2026, 7, 1)
    )
    with pytest.raises(TransitionError, match="不在征集期内"):
        p.submit_comment(
            consultation, name="", contact="13900000000", text="建议", today=date(2026, 7, 2)
        )


def test_a_comment_needs_a_contact_for_the_reply(draft_item, clerk):
    consultation = open_for(draft_item, clerk, starts=date(2026, 6, 1), ends=date(2026, 7, 1))
    with pytest.raises(TransitionError, match="联系方式"):
        p.submit_comment(consultation, name="", contact=" ", text="建议", today=date(2026, 6, 2))


def test_feedback_is_refused_before_the_end_and_while_comments_wait(draft_item, clerk, reviewer):
    consultation = open_for(draft_item, clerk, starts=date(2026, 6, 1), ends=date(2026, 7, 1))
    comment = p.submit_comment(
        consultation,
        name="",
        contact="13900000000",
        text="建议限定遛犬时间",
        today=date(2026, 6, 2),
    )
    with pytest.raises(TransitionError, match="征集期结束后"):
        p.publish_feedback(consultation, by=reviewer, on=date(2026, 7, 1))
    with pytest.raises(TransitionError, match="待审核"):
        p.publish_feedback(consultation, by=reviewer, on=date(2026, 7, 2))
    p.moderate_comment(comment, by=clerk, show=True)
    with pytest.raises(TransitionError, match="没有写明采纳情况"):
        p.publish_feedback(consultation, by=reviewer, on=date(2026, 7, 2))


def test_not_adopting_a_comment_needs_the_reason(draft_item, clerk):
    consultation = open_for(draft_item, clerk, starts=date(2026, 6, 1), ends=date(2026, 7, 1))
    comment = p.submit_comment(
        consultation, name="", contact="13900000000", text="建议", today=date(2026, 6, 2)
    )
    with pytest.raises(TransitionError, match="说明理由"):
        p.decide_comment(comment, by=clerk, adoption=Adoption.NOT_ADOPTED)


def test_the_published_feedback_counts_and_explains_and_never_shows_the_contact(
    township, draft_item, clerk, reviewer
):
    consultation = open_for(draft_item, clerk, starts=date(2026, 6, 1), ends=date(2026, 7, 1))
    first = p.submit_comment(
        consultation,
        name="王某",
        contact="13900000001",
        text="建议限定遛犬时间",
        today=date(2026, 6, 2),
    )
    second = p.submit_comment(
        consultation,
        name="",
        contact="a@example.cn",
        text="建议全面禁止养犬",
        today=date(2026, 6, 3),
    )
    spam = p.submit_comment(consultation, name="", contact="x", text="广告", today=date(2026, 6, 4))
    for c in (first, second):
        p.moderate_comment(c, by=clerk, show=True)
    p.moderate_comment(spam, by=clerk, show=False)
    p.decide_comment(first, by=clerk, adoption=Adoption.ADOPTED)
    p.decide_comment(second, by=clerk, adoption=Adoption.NOT_ADOPTED, reason="超出本镇权限")
    p.decide_comment(spam, by=clerk, adoption=Adoption.NOT_ADOPTED, reason="与征求意见稿无关")
    consultation = p.publish_feedback(consultation, by=reviewer, on=date(2026, 7, 2))
    item = consultation.feedback_item
    item.refresh_from_db()
    assert item.status == ItemStatus.PUBLISHED
    assert "共收到意见3条，采纳1条，部分采纳0条，未采纳2条" in item.body
    assert "超出本镇权限" in item.body
    assert "13900000001" not in item.body and "a@example.cn" not in item.body
    assert "王某" not in item.body
    counts = narrative_counts(township, 2026)
    assert counts == {
        "interpretations": 0,
        "consultations": 1,
        "comments": 3,
        "adopted": 1,
        "feedback_published": 1,
    }


def test_the_final_document_links_only_after_the_feedback(draft_item, township, clerk, reviewer):
    consultation = open_for(draft_item, clerk, starts=date(2026, 6, 1), ends=date(2026, 7, 1))
    final = publish(
        draft(township, clerk, "青石镇养犬管理办法"), clerk, reviewer, on=date(2026, 8, 3)
    )
    with pytest.raises(TransitionError, match="先公布征求意见的反馈"):
        p.link_final_document(consultation, final, by=clerk)
    p.publish_feedback(consultation, by=reviewer, on=date(2026, 7, 2))
    p.link_final_document(consultation, final, by=clerk)
    assert list(final.consulted_in.all()) == [consultation]


def test_the_workbench_lists_waiting_comments_and_a_missing_feedback(draft_item, township, clerk):
    consultation = open_for(draft_item, clerk, starts=date(2026, 6, 1), ends=date(2026, 7, 1))
    p.submit_comment(
        consultation, name="", contact="13900000000", text="建议", today=date(2026, 6, 2)
    )

    def lines(today):
        return [
            (line.urgency, line.text)
            for line in due_lines(
                user=clerk,
                agencies={township: {"clerk"}},
                today=today,
                calendar=current_calendar(),
            )
            if line.kind == "意见征集"
        ]

    assert lines(date(2026, 6, 2)) == [(Urgency.WAITING, f"“{consultation.title}”有1条意见待审核")]
    assert (
        Urgency.OVERDUE,
        f"“{consultation.title}”已于2026年7月1日截止，尚未公布意见采纳情况的反馈",
    ) in lines(date(2026, 7, 2))
    assert consultation.comments.get().status == CommentStatus.PENDING


def test_the_feedback_is_published_by_someone_other_than_who_opened_the_consultation(
    draft_item, admin
):
    # issue 14: a second person approves what the public reads
    consultation = open_for(draft_item, admin, starts=date(2026, 6, 1), ends=date(2026, 7, 1))
    with pytest.raises(TransitionError, match="发起人以外"):
        p.publish_feedback(consultation, by=admin, on=date(2026, 7, 2))
