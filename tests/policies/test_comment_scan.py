"""Issue 24 point 7: a comment is scanned like an item before the public sees it. One clerk
showed a comment with an ID number in it; now what is shown is masked, and a 反馈 can be
published from masked comments.

110105199001011232 has a valid GB 11643 check character; 13912345678 is a mobile number.
"""

from datetime import date

import pytest
from django.urls import reverse

from gongkai.core.audit import AuditEntry
from gongkai.core.transitions import TransitionError
from gongkai.policies import transitions as p
from gongkai.policies.models import Adoption, Comment, CommentStatus
from tests.policies.test_consultation import draft_item, open_for  # noqa: F401 (a fixture)

pytestmark = pytest.mark.django_db
ID = "110105199001011232"
TEXT = f"我是青石村村民张三，身份证号 {ID}，电话 139 1234 5678，建议增加遛狗时段。"


@pytest.fixture
def consultation(draft_item, clerk):  # noqa: F811
    return open_for(draft_item, clerk, starts=date(2026, 6, 1), ends=date(2026, 7, 1))


@pytest.fixture
def comment(consultation):
    return p.submit_comment(
        consultation, name="张三", contact="13900000000", text=TEXT, today=date(2026, 6, 2)
    )


def test_one_clerk_cannot_show_a_comment_with_an_id_number_unmasked(comment, clerk, client):
    p.moderate_comment(comment, by=clerk, show=True)
    comment.refresh_from_db()
    assert comment.status == CommentStatus.SHOWN
    assert comment.text == (
        "我是青石村村民张三，身份证号 110***********1232，电话 139 **** 5678，建议增加遛狗时段。"
    )
    page = client.get(reverse("portal:consultation", args=[comment.consultation_id]))
    html = page.content.decode()
    assert ID not in html and "1234 5678" not in html
    assert "110***********1232" in html and "建议增加遛狗时段" in html
    entry = AuditEntry.objects.filter(action="policies.comment.moderated").get()
    assert entry.data["masked"] == ["居民身份证号码", "手机号码"]


def test_a_hidden_comment_is_kept_as_written(comment, clerk):
    p.moderate_comment(comment, by=clerk, show=False)
    comment.refresh_from_db()
    assert comment.status == CommentStatus.HIDDEN and comment.text == TEXT


def test_a_comment_without_personal_numbers_is_shown_as_written(consultation, clerk):
    text = "建议每日7:00—9:00、18:00—21:00为遛狗时段，咨询电话0477-6486817。"
    comment = p.submit_comment(
        consultation, name="", contact="x@example.cn", text=text, today=date(2026, 6, 2)
    )
    p.moderate_comment(comment, by=clerk, show=True)
    comment.refresh_from_db()
    assert comment.text == text


def test_the_reason_published_with_a_comment_may_not_carry_personal_data(comment, clerk):
    p.moderate_comment(comment, by=clerk, show=True)
    with pytest.raises(TransitionError, match="个人信息"):
        p.decide_comment(
            comment, by=clerk, adoption=Adoption.NOT_ADOPTED, reason=f"已电话联系 {ID[:6]} {ID[6:]}"
        )


def test_the_feedback_publishes_the_masked_comment(comment, clerk, reviewer):
    p.moderate_comment(comment, by=clerk, show=True)
    p.decide_comment(Comment.objects.get(pk=comment.pk), by=clerk, adoption=Adoption.ADOPTED)
    consultation = p.publish_feedback(comment.consultation, by=reviewer, on=date(2026, 7, 2))
    body = consultation.feedback_item.body
    assert "110***********1232" in body and ID not in body


def test_comments_shown_before_the_scan_are_masked_by_the_migration(comment, clerk):
    from importlib import import_module

    from django.apps import apps

    # a comment shown by the old moderate_comment, unmasked
    Comment.objects.filter(pk=comment.pk).update(status=CommentStatus.SHOWN)
    hidden = p.submit_comment(
        comment.consultation, name="", contact="x@example.cn", text=TEXT, today=date(2026, 6, 3)
    )
    migration = import_module(
        "gongkai.policies.migrations.0005_mask_personal_numbers_in_shown_comments"
    )
    migration.mask_shown_comments(apps, None)
    assert ID not in Comment.objects.get(pk=comment.pk).text
    assert Comment.objects.get(pk=hidden.pk).text == TEXT  # not shown: kept as written
