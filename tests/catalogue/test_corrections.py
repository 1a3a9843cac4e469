"""更正 (issue 25): a published item is corrected through a draft pre-filled from the
published version, reviewed like any draft, published under the same 索引号 with its 更正说明
and a history; the first publication date stays the one timeliness is measured against.
Through the real transitions, with the named cast."""

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction
from django.urls import reverse

from gongkai.catalogue import attachments
from gongkai.catalogue import corrections as c
from gongkai.catalogue import transitions as t
from gongkai.catalogue.models import (
    Category,
    IndexCounter,
    Item,
    ItemAttachment,
    ItemCorrection,
    ItemStatus,
)
from gongkai.catalogue.search import search
from gongkai.core.calendar import current_calendar
from gongkai.core.models import AuditEntry
from gongkai.core.transitions import TransitionError
from tests.catalogue.files import pdf_with_text
from tests.conftest import publish_item

pytestmark = pytest.mark.django_db
TYPO = "<p>2024年12月低保经发放标准为每人每月680元。</p>"
FIXED = "<p>2024年12月低保金发放标准为每人每月680元。</p>"
PUBLISHED_ON = date(2024, 12, 5)


@pytest.fixture(autouse=True)
def private_var(settings, tmp_path):
    settings.VAR_DIR = tmp_path
    return tmp_path


@pytest.fixture
def published(township, clerk, reviewer):
    """Formed 2024-11-01, published 2024-12-05: 20 working days after 11-01 is 11-29, so it
    was published 4 working days late (12-02, 12-03, 12-04, 12-05) — a fact a correction
    must not change."""
    item = t.create_draft(
        township,
        by=clerk,
        category=Category.objects.get(name="社会救助", source="article21"),
        title="2024年12月低保经发放公示",
        document_number="青政发〔2024〕3号",
        keywords="低保",
        formed_on=date(2024, 11, 1),
        written_on=date(2024, 11, 1),
        body=TYPO,
    )
    t.attach_file(item, SimpleUploadedFile("名单.pdf", pdf_with_text("List")), by=clerk)
    return publish_item(item, clerk=clerk, reviewer=reviewer, on=PUBLISHED_ON)


def correct(item, by, note="标题和正文中“低保经”误写，更正为“低保金”", on=date(2025, 1, 6)):
    return c.start_correction(item, by=by, note=note, on=on)


def test_the_draft_is_prefilled_from_the_published_version(published, clerk):
    draft = correct(published, clerk)
    assert draft.status == ItemStatus.DRAFT and draft.corrects == published
    for name in (*c.CORRECTABLE_FIELDS, "formed_on", "document_kind", "matter"):
        assert getattr(draft, name) == getattr(published, name), name
    assert draft.index_number is None  # the 索引号 stays the published item's alone
    (copy,) = draft.attachments.all()
    (file,) = published.attachments.all()
    assert copy.original_name == "名单.pdf" and copy.copied_from == file
    assert copy.storage_name != file.storage_name  # its own file: removing it spares the public one
    assert attachments.read(copy) == attachments.read(file)


def test_the_item_stays_public_with_its_old_text_until_the_correction_is_published(
    published, clerk, client
):
    draft = correct(published, clerk)
    t.edit_item(draft, by=clerk, title="2024年12月低保金发放公示", body=FIXED)
    published.refresh_from_db()
    assert published.status == ItemStatus.PUBLISHED and "低保经" in published.body
    page = client.get(reverse("portal:item", args=[published.pk])).content.decode()
    assert "低保经" in page and "更正记录" not in page
    # a draft is not public
    assert client.get(reverse("portal:item", args=[draft.pk])).status_code == 404


def test_only_one_correction_is_open_at_a_time(published, clerk):
    correct(published, clerk)
    with pytest.raises(TransitionError, match="已有一份更正稿"):
        correct(published, clerk)
    # and the database holds it too, whatever path writes
    with pytest.raises(IntegrityError), transaction.atomic():
        Item.objects.create(
            agency=published.agency,
            category=published.category,
            title="x",
            formed_on=published.formed_on,
            created_by=clerk,
            corrects=published,
        )


def test_only_a_published_item_is_corrected_and_only_by_its_own_editors(
    published, clerk, reviewer, outsider
):
    with pytest.raises(TransitionError, match="只有本机关"):
        correct(published, outsider)
    with pytest.raises(TransitionError, match="更正说明"):
        correct(published, clerk, note="  ")
    t.withdraw(published, by=reviewer, on=date(2025, 1, 2), reason="内容有误")
    with pytest.raises(TransitionError, match="已撤回"):
        correct(published, clerk)


def test_a_published_correction_replaces_the_text_under_the_same_index_number(
    published, clerk, reviewer
):
    counter = IndexCounter.objects.get(agency=published.agency, year=2024).last_serial
    draft = correct(published, clerk)
    t.edit_item(draft, by=clerk, title="2024年12月低保金发放公示", body=FIXED)
    draft = t.submit(draft, by=clerk)
    with pytest.raises(TransitionError, match="审核人"):
        t.approve_and_publish(draft, by=clerk, on=date(2025, 1, 7))
    item = t.approve_and_publish(draft, by=reviewer, on=date(2025, 1, 7))
    assert item.pk == published.pk and item.status == ItemStatus.PUBLISHED
    assert (item.index_number, item.published_on) == (published.index_number, PUBLISHED_ON)
    assert (item.title, item.body) == ("2024年12月低保金发放公示", FIXED)
    assert not Item.objects.filter(pk=draft.pk).exists()  # the draft became the item
    # no number was spent on it: a correction is not a new publication
    assert IndexCounter.objects.get(agency=published.agency, year=2024).last_serial == counter
    record = ItemCorrection.objects.get(item=item)
    assert (record.number, record.corrected_on) == (1, date(2025, 1, 7))
    assert record.note == "标题和正文中“低保经”误写，更正为“低保金”"
    assert record.earlier == {"title": "2024年12月低保经发放公示", "body": TYPO}
    assert record.later == {"title": "2024年12月低保金发放公示", "body": FIXED}
    assert (record.drafted_by, record.approved_by) == (clerk, reviewer)
    assert [p.title for p in search("低保金")] == ["2024年12月低保金发放公示"]
    assert list(search("低保经")) == []
    actions = set(
        AuditEntry.objects.filter(object_id=str(item.pk), object_type="catalogue.item").values_list(
            "action", flat=True
        )
    )
    assert {"item.correction.started", "item.corrected"} <= actions
    draft_actions = list(
        AuditEntry.objects.filter(object_id=str(draft.pk), object_type="catalogue.item")
        .order_by("id")
        .values_list("action", flat=True)
    )
    assert draft_actions == [
        "item.drafted",
        "item.edited",
        "item.submitted",
        "item.correction.published",
    ]


def test_timeliness_keeps_the_first_publication(published, clerk, reviewer):
    calendar = current_calendar()
    today = date(2025, 1, 8)
    before = published.timeliness(calendar=calendar, today=today)
    assert (before.due, before.late_by) == (date(2024, 11, 29), 4)  # see the fixture
    draft = correct(published, clerk)
    # while the correction is open it is not information waiting to be published
    assert not Item.objects.unpublished().filter(pk=draft.pk).exists()
    assert list(Item.objects.corrections()) == [draft]
    assert draft.timeliness(calendar=calendar, today=today) == before  # not late by itself
    t.edit_item(draft, by=clerk, body=FIXED)
    t.approve_and_publish(t.submit(draft, by=clerk), by=reviewer, on=date(2025, 1, 7))
    published.refresh_from_db()
    assert published.timeliness(calendar=calendar, today=today) == before
    # counted once, in the year it was first published, as the annual report counts items
    assert list(Item.objects.published_in(2024)) == [published]
    assert not Item.objects.published_in(2025).exists()


def test_the_correction_may_not_move_the_dates_that_time_it(published, clerk):
    draft = correct(published, clerk)
    with pytest.raises(TransitionError, match="不能修改的字段"):
        t.edit_item(draft, by=clerk, formed_on=date(2024, 12, 1))
    with pytest.raises(TransitionError, match="不能修改的字段"):
        t.edit_item(draft, by=clerk, document_kind="normative")


def test_a_correction_without_a_note_or_without_a_change_is_not_submitted(published, clerk):
    draft = correct(published, clerk)
    with pytest.raises(TransitionError, match="没有需要更正的内容"):
        t.submit(draft, by=clerk)
    t.edit_item(draft, by=clerk, body=FIXED, correction_note="")
    with pytest.raises(TransitionError, match="请写明更正说明"):
        t.submit(draft, by=clerk)


def test_a_reviewer_who_rewrote_the_correction_may_not_approve_it(
    published, clerk, reviewer, township
):
    from gongkai.core.models import Membership, Role, User

    both = User.objects.create_user("jianren", password="x" * 12)
    Membership.objects.create(user=both, agency=township, role=Role.CLERK)
    Membership.objects.create(user=both, agency=township, role=Role.REVIEWER)
    draft = correct(published, clerk)
    t.edit_item(draft, by=both, body=FIXED)
    draft = t.submit(draft, by=clerk)
    with pytest.raises(TransitionError, match="修改过"):  # core/four_eyes.py
        t.approve_and_publish(draft, by=both, on=date(2025, 1, 7))
    assert t.approve_and_publish(draft, by=reviewer, on=date(2025, 1, 7)).body == FIXED


def test_personal_data_in_a_correction_is_caught_like_in_any_draft(published, clerk, reviewer):
    draft = correct(published, clerk, note="补充联系人张三，电话13800001111")
    t.edit_item(draft, by=clerk, body="<p>联系人身份证号11010519491231002X</p>")
    draft = t.submit(draft, by=clerk)
    assert {hit["where"] for hit in draft.personal_data} >= {"正文", "更正说明"}
    with pytest.raises(TransitionError, match="未处理的个人信息"):
        t.approve_and_publish(draft, by=reviewer, on=date(2025, 1, 7))
    draft = t.redact_personal_data(draft, by=reviewer)
    assert "13800001111" not in draft.correction_note
    item = t.approve_and_publish(draft, by=reviewer, on=date(2025, 1, 7))
    assert "11010519491231002X" not in item.body
    assert "13800001111" not in item.corrections.get().note


def test_an_abandoned_correction_leaves_the_published_item_as_it_was(published, clerk, private_var):
    draft = correct(published, clerk)
    copy = draft.attachments.get()
    t.edit_item(draft, by=clerk, body=FIXED)
    with pytest.raises(TransitionError):
        c.abandon_correction(published, by=clerk, on=date(2025, 1, 7))  # not a draft
    with transaction.atomic():  # files go once the abandonment is committed
        item = c.abandon_correction(draft, by=clerk, on=date(2025, 1, 7))
    assert item == published and not Item.objects.filter(pk=draft.pk).exists()
    item.refresh_from_db()
    assert item.body == TYPO and not item.corrections.exists()
    assert item.attachments.count() == 1 and attachments.read(item.attachments.get())
    assert not ItemAttachment.objects.filter(pk=copy.pk).exists()
    assert AuditEntry.objects.filter(
        action="item.correction.abandoned", object_id=str(item.pk)
    ).exists()
    correct(item, clerk)  # and a new one may be started


def test_withdrawing_the_item_abandons_its_open_correction(published, clerk, reviewer):
    draft = correct(published, clerk)
    t.withdraw(published, by=reviewer, on=date(2025, 1, 7), reason="含个人信息")
    assert not Item.objects.filter(pk=draft.pk).exists()
    entry = AuditEntry.objects.get(action="item.correction.abandoned")
    assert entry.data["reason"] == "原信息已撤回"


def test_an_unchanged_file_keeps_its_address_and_a_replaced_one_is_recorded(
    published, clerk, reviewer
):
    file = published.attachments.get()
    draft = correct(published, clerk)
    t.edit_item(draft, by=clerk, body=FIXED)
    item = t.approve_and_publish(t.submit(draft, by=clerk), by=reviewer, on=date(2025, 1, 7))
    assert list(item.attachments.all()) == [file]  # the same row, the same portal address
    assert "attachments" not in item.corrections.get().earlier

    draft = correct(item, clerk, note="附件名单有误，已更换")
    t.remove_attachment(draft.attachments.get(), by=clerk)
    t.attach_file(draft, SimpleUploadedFile("名单（更正）.pdf", pdf_with_text("Fixed")), by=clerk)
    item = t.approve_and_publish(t.submit(draft, by=clerk), by=reviewer, on=date(2025, 1, 8))
    (new,) = item.attachments.all()
    assert new.original_name == "名单（更正）.pdf" and new.copied_from is None
    assert not ItemAttachment.objects.filter(pk=file.pk).exists()
    second = item.corrections.get(number=2)
    assert second.earlier == {"attachments": ["名单.pdf"]}
    assert second.later == {"attachments": ["名单（更正）.pdf"]}


def test_a_correction_cannot_be_published_once_the_item_is_withdrawn(published, clerk, reviewer):
    draft = correct(published, clerk)
    t.edit_item(draft, by=clerk, body=FIXED)
    draft = t.submit(draft, by=clerk)
    t.withdraw(published, by=reviewer, on=date(2025, 1, 7), reason="内容有误")
    # the withdrawal took the draft with it: nothing is left to publish
    with pytest.raises(Item.DoesNotExist):
        t.approve_and_publish(draft, by=reviewer, on=date(2025, 1, 8))


def test_the_annual_report_counts_a_corrected_document_once_as_first_published(
    publish, clerk, reviewer, township
):
    """spec/annual-report.md (the 2021 format, 国办公开办函〔2021〕30号) has no row or column
    for corrections: table 二 counts 行政规范性文件 made, repealed and in force, and section
    一's publication figures count items published. A correction is neither a new document
    nor a new publication, so every figure stays as it was."""
    from gongkai.catalogue.statistics import monthly_statistics
    from gongkai.reports.compute import table_two

    document = publish(
        "青石镇村规民约管理办法（试形）",
        date(2024, 6, 3),
        document_kind="normative",
        document_number="青政发〔2024〕5号",
    )
    tables, stats = table_two(township, 2024), monthly_statistics(township, 2024)
    # hand-checked: one document made in 2024, none repealed, one in force on 31 December;
    # two items published — the document and its 解读, published with it (国办发〔2016〕80号)
    assert tables["行政规范性文件"] == [1, 0, 1]
    assert stats.portal_total == 2
    draft = correct(document, clerk, note="标题中“试形”应为“试行”", on=date(2024, 7, 1))
    t.edit_item(draft, by=clerk, title="青石镇村规民约管理办法（试行）")
    # the checks before a first publication (registration, 解读) are not asked again
    t.approve_and_publish(t.submit(draft, by=clerk), by=reviewer, on=date(2024, 7, 2))
    assert table_two(township, 2024) == tables
    assert monthly_statistics(township, 2024).by_category == stats.by_category
    assert monthly_statistics(township, 2024).portal_total == 2


def test_the_workbench_lists_a_correction_draft_for_whom_it_waits_and_never_as_late(
    published, clerk, reviewer
):
    from gongkai.catalogue.workbench import item_lines
    from gongkai.core.workbench import Urgency

    def lines(user):
        held: dict = {}
        for m in user.memberships.select_related("agency"):
            held.setdefault(m.agency, set()).add(m.role)
        found = item_lines(user=user, agencies=held, today=date(2025, 1, 8), calendar=calendar)
        return [(line.urgency, line.kind, line.text, line.due_on) for line in found]

    calendar = current_calendar()
    draft = correct(published, clerk)
    assert lines(clerk) == [
        (
            Urgency.NOTICE,
            "主动公开",
            "《2024年12月低保经发放公示》的更正稿尚未提交审查；在此之前门户仍显示原内容",
            None,  # no limit of its own: not "公开时限已过"
        )
    ]
    t.edit_item(draft, by=clerk, body=FIXED)
    t.submit(draft, by=clerk)
    assert lines(clerk) == []
    [(urgency, kind, text, due)] = lines(reviewer)
    assert (urgency, kind, due) == (Urgency.WAITING, "保密审查", None)
    assert text.startswith("《2024年12月低保经发放公示》的更正稿待保密审查（更正说明：")
