"""Notices drafted from templates, edited, issued as DOCX and kept with the application."""

import io
from datetime import date

import docx
import pytest

from gongkai.applications import transitions as t
from gongkai.applications.letters import draft_letter, edit_letter, issue_letter
from gongkai.applications.models import LetterKind

pytestmark = pytest.mark.django_db


def text_of(document_bytes: bytes) -> str:
    return "\n".join(p.text for p in docx.Document(io.BytesIO(document_bytes)).paragraphs)


def test_a_reply_letter_cites_the_article_and_the_remedies(in_person, clerk, county):
    application = in_person(date(2024, 3, 4))
    t.reply(
        application,
        by=clerk,
        on=date(2024, 3, 20),
        outcome="三（二）",
        text="所需信息中涉及个人隐私的部分不予公开，其余部分予以公开。",
        withheld=[{"what": "低保户家庭成员身份证号码", "ground": "三（三）4"}],
    )
    letter = draft_letter(application, kind=LetterKind.REPLY, by=clerk, on=date(2024, 3, 20))
    assert application.tracking_number in letter.body
    assert "第三十七条" in letter.body  # 部分公开: Art. 37
    assert f"向{county.name}申请行政复议" in letter.body
    assert "六个月内" in letter.body  # not a refusal: court directly is open


def test_a_refusal_goes_to_reconsideration_first(in_person, clerk):
    application = in_person(date(2024, 3, 4))
    t.start_consultation(application, by=clerk, on=date(2024, 3, 6), kind=t.PauseKind.THIRD_PARTY)
    t.end_consultation(
        application, by=clerk, on=date(2024, 3, 12), answer="不同意", reasons="商业秘密"
    )
    t.reply(application, by=clerk, on=date(2024, 3, 20), outcome="三（三）4", text="涉及商业秘密")
    letter = draft_letter(application, kind=LetterKind.REPLY, by=clerk, on=date(2024, 3, 20))
    assert "第十五条、第三十二条" in letter.body
    assert "对行政复议决定不服的" in letter.body and "六个月内" not in letter.body


def test_the_clerk_edits_the_draft_then_issues_a_docx_that_cannot_change(in_person, clerk):
    application = in_person(date(2024, 9, 27))
    t.request_correction(
        application, by=clerk, on=date(2024, 10, 8), period_workdays=10, what="请写明所需信息的年份"
    )
    letter = draft_letter(application, kind=LetterKind.CORRECTION, by=clerk, on=date(2024, 10, 8))
    assert "请写明所需信息的年份" in letter.body
    # 10 working days after 10/8: 10/9–11 (3), make-up Sat 10/12 (4), 10/14–18 (9), 10/21 (10)
    assert "2024年10月21日" in letter.body
    edit_letter(letter, by=clerk, body=letter.body + "\n联系电话：0000-7654321")
    issue_letter(letter, by=clerk, on=date(2024, 10, 8))
    letter.refresh_from_db()
    text = text_of(bytes(letter.document))
    assert "政府信息公开申请补正告知书" in text
    assert "联系电话：0000-7654321" in text and application.agency.name in text
    assert "2024年10月8日" in text
    with pytest.raises(t.TransitionError, match="不能修改"):
        edit_letter(letter, by=clerk, body="改")
    with pytest.raises(t.TransitionError, match="已经出具"):
        issue_letter(letter, by=clerk, on=date(2024, 10, 9))


def test_fee_and_extension_letters_carry_their_figures(in_person, clerk, reviewer):
    application = in_person(date(2024, 9, 27))
    t.request_extension(
        application, by=clerk, on=date(2024, 10, 21), workdays=20, reason="需调取档案"
    )
    t.approve_extension(application, by=reviewer, on=date(2024, 10, 22))
    extension = draft_letter(
        application, kind=LetterKind.EXTENSION, by=clerk, on=date(2024, 10, 22)
    )
    assert "延长20个工作日" in extension.body and "2024年11月27日" in extension.body
    t.issue_fee_notice(
        application,
        by=clerk,
        on=date(2024, 10, 23),
        method="per_page",
        pages=250,
        served_on=date(2024, 10, 24),
        served_how="邮寄签收",
    )
    fee = draft_letter(application, kind=LetterKind.FEE, by=clerk, on=date(2024, 10, 24))
    # spec/applications.md: 250 pages → 70×10 + 100×20 + 50×40 = 4,700 元
    assert "4700" in fee.body and "本申请提供信息250页" in fee.body


def test_an_outsider_cannot_draft_letters(in_person, outsider):
    application = in_person(date(2024, 3, 4))
    with pytest.raises(t.TransitionError):
        draft_letter(application, kind=LetterKind.RECEIPT, by=outsider, on=date(2024, 3, 4))


def test_an_agencys_own_template_is_used_and_a_bad_placeholder_explained(
    in_person, clerk, township
):
    from gongkai.applications.models import LetterTemplate

    application = in_person(date(2024, 3, 4))
    LetterTemplate.objects.create(
        agency=township,
        kind=LetterKind.RECEIPT,
        body="{applicant}：您的申请{tracking_number}已收到。青石镇（自定义）",
    )
    letter = draft_letter(application, kind=LetterKind.RECEIPT, by=clerk, on=date(2024, 3, 4))
    assert letter.body.endswith("青石镇（自定义）") and application.tracking_number in letter.body
    LetterTemplate.objects.filter(agency=township).update(body="{收件人}")
    with pytest.raises(t.TransitionError, match="无法识别的占位符"):
        draft_letter(application, kind=LetterKind.RECEIPT, by=clerk, on=date(2024, 3, 4))
