"""Each page offers only the steps its reader may take (the transitions still refuse the
rest), and the steps that cannot be undone — 答复, 出具, 审核通过并公开, 删除附件, 发布 —
ask for a tick that says what will happen (issue 15)."""

from datetime import date

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from gongkai.applications import transitions as at
from gongkai.applications.letters import draft_letter
from gongkai.applications.models import LetterKind
from gongkai.catalogue import transitions as ct
from gongkai.catalogue.models import Category
from gongkai.core.models import Membership, Role, User
from gongkai.reports import transitions as rt
from gongkai.statute.deadlines import Channel
from tests.applications.conftest import APPLICANT
from tests.catalogue.files import docx_with_text
from tests.conftest import enter_table_two

pytestmark = pytest.mark.django_db
TICK = 'name="confirmed" value="yes" required'


def page(client, user, url) -> str:
    client.force_login(user)
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def application(township, clerk):
    application, _ = at.register_application(
        township,
        by=clerk,
        channel=Channel.IN_PERSON,
        submitted_on=date(2025, 3, 3),
        today=date(2025, 3, 3),
        **APPLICANT,
    )
    return application


@time_machine.travel("2025-03-10 09:00 +0800", tick=False)
def test_the_clerk_is_not_offered_the_approval_of_an_extension(client, application, clerk):
    url = reverse("office:application", args=[application.pk])
    html = page(client, clerk, url)
    assert "申请延期" in html and "批准延期" not in html
    at.request_extension(application, by=clerk, on=date(2025, 3, 10), workdays=5, reason="调档")
    html = page(client, clerk, url)
    # she asked: someone else approves (第三十三条), and she cannot ask twice
    assert "批准延期" not in html and "<summary>申请延期</summary>" not in html


@time_machine.travel("2025-03-10 09:00 +0800", tick=False)
def test_the_reviewer_is_offered_the_approval_and_nothing_of_the_clerks(
    client, application, clerk, reviewer
):
    url = reverse("office:application", args=[application.pk])
    assert "批准延期" not in page(client, reviewer, url)  # nothing to approve yet
    at.request_extension(application, by=clerk, on=date(2025, 3, 10), workdays=5, reason="调档")
    html = page(client, reviewer, url)
    assert "<summary>批准延期</summary>" in html
    for clerks_step in ("<summary>答复</summary>", "告知补正", "生成草稿"):
        assert clerks_step not in html


@time_machine.travel("2025-03-10 09:00 +0800", tick=False)
def test_the_reply_and_the_issue_of_a_letter_ask_for_a_tick(client, application, clerk):
    draft_letter(application, kind=LetterKind.RECEIPT, by=clerk, on=date(2025, 3, 10))
    html = page(client, clerk, reverse("office:application", args=[application.pk]))
    reply = html.split("<summary>答复</summary>")[1].split("</details>")[0]
    assert TICK in reply and "答复后本申请即告办结" in reply
    letter = html.split('id="letters"')[1].split("</section>")[0]
    assert TICK in letter and "出具后文书不能再修改" in letter
    # saving the draft needs no tick: that button skips the browser's check
    assert '<button type="submit" name="save" formnovalidate>' in letter
    confirm = html.split("<summary>申请延期</summary>")[1].split("</details>")[0]
    assert TICK not in confirm  # a step that can be corrected asks nothing


@pytest.fixture
def submitted(township, clerk):
    category = Category.objects.get(name="社会救助", source="article21")
    item = ct.create_draft(
        township, by=clerk, category=category, title="低保公示", formed_on=date(2025, 3, 3)
    )
    return ct.submit(item, by=clerk)


def test_the_drafter_is_not_offered_the_review_of_her_own_item(client, township, submitted):
    # an administrator who is also a reviewer drafts an item: she may not review it herself
    admin = User.objects.get(username="guanli")
    Membership.objects.create(user=admin, agency=township, role=Role.REVIEWER)
    category = Category.objects.get(name="社会救助", source="article21")
    own = ct.submit(
        ct.create_draft(
            township, by=admin, category=category, title="自拟公示", formed_on=date(2025, 3, 3)
        ),
        by=admin,
    )
    html = page(client, admin, reverse("office:item", args=[own.pk]))
    assert "<summary>审核通过并公开…</summary>" not in html
    assert "审核通过并公开：保密审查须由起草人以外的审核人进行" in html
    assert "审核通过并公开" in page(client, admin, reverse("office:item", args=[submitted.pk]))


def test_the_clerk_is_not_offered_the_review_and_the_reviewer_not_the_edit(
    client, submitted, clerk, reviewer
):
    url = reverse("office:item", args=[submitted.pk])
    html = page(client, clerk, url)
    assert "审核通过并公开" not in html and "退回理由" not in html
    assert "等待审核人审查" in html
    html = page(client, reviewer, url)
    publish = html.split("<summary>审核通过并公开…</summary>")[1].split("</details>")[0]
    assert TICK in publish and "取得索引号" in publish
    ct.return_item(submitted, by=reviewer, reason="文号有误")
    html = page(client, reviewer, url)
    assert "保存修改" not in html and "提交审查" not in html and "由经办人编辑" in html


def test_removing_an_attachment_asks_for_a_tick(client, township, clerk, settings, tmp_path):
    settings.VAR_DIR = tmp_path
    category = Category.objects.get(name="社会救助", source="article21")
    item = ct.create_draft(
        township, by=clerk, category=category, title="带附件的公示", formed_on=date(2025, 3, 3)
    )
    upload = SimpleUploadedFile(
        "名单.docx",
        docx_with_text("名单"),
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    )
    ct.attach_file(item, upload, by=clerk)
    html = page(client, clerk, reverse("office:item", args=[item.pk]))
    remove = html.split("<summary>删除…</summary>")[1].split("</details>")[0]
    assert TICK in remove and "永久删除" in remove


@time_machine.travel("2026-01-20 09:00 +0800", tick=False)
def test_only_publishers_are_offered_the_publication_of_the_report(client, township, clerk):
    enter_table_two(township, clerk, 2025)
    report = rt.start_report(township, 2025, by=clerk, today=date(2026, 1, 20))
    url = reverse("office:report", args=[report.pk])
    html = page(client, clerk, url)
    assert "审核通过并发布" not in html and "由本机关的审核人（起草人以外）审核发布" in html
    assert "保存填报数" in html
    html = page(client, User.objects.get(username="shenhe"), url)
    assert "保存填报数" not in html
    publish = html.split('id="publish-h"')[1].split("</section>")[0]
    assert TICK in publish and "取得索引号" in publish
    listing = page(client, User.objects.get(username="shenhe"), reverse("office:reports"))
    assert "查看草稿" in listing and "继续编辑" not in listing
    listing = page(client, clerk, reverse("office:reports"))  # 保存 is open to the 经办人
    assert "继续编辑" in listing and "查看草稿" not in listing


def test_the_lists_offer_drafting_and_registering_only_to_those_who_may(client, township, clerk):
    reviewer = User.objects.get(username="shenhe")
    items = reverse("office:items") + f"?agency={township.pk}"
    inbox = reverse("office:inbox") + f"?agency={township.pk}"
    assert "起草新信息" in page(client, clerk, items)
    assert "登记当面、邮寄、传真或电子邮件申请" in page(client, clerk, inbox)
    assert "起草新信息" not in page(client, reviewer, items)
    assert "登记当面、邮寄、传真或电子邮件申请" not in page(client, reviewer, inbox)
