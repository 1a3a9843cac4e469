"""Files published with an item: recognised by content, scanned for personal data with
the item, served on the portal only while the item is published."""

import io
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from gongkai.catalogue import attachments
from gongkai.catalogue import transitions as t
from gongkai.catalogue.models import Category, ItemAttachment
from gongkai.core.transitions import TransitionError
from gongkai.core.uploads import UploadRefused
from tests.catalogue.files import docx_with_text, pdf_with_text, xlsx

pytestmark = pytest.mark.django_db
ID_NUMBER = "11010519491231002X"  # GB 11643 example number; its check character is valid


@pytest.fixture(autouse=True)
def private_var(settings, tmp_path):
    settings.VAR_DIR = tmp_path
    return tmp_path


@pytest.fixture
def item(township, clerk):
    return t.create_draft(
        township,
        by=clerk,
        category=Category.objects.get(name="社会救助", source="article21"),
        title="低保名单公示",
        formed_on=date(2024, 12, 2),
        body="<p>名单见附件。</p>",
    )


def test_an_id_number_inside_a_pdf_blocks_publication_until_confirmed(item, clerk, reviewer):
    upload = SimpleUploadedFile("名单.pdf", pdf_with_text(f"Zhang San {ID_NUMBER}"))
    attachment = t.attach_file(item, upload, by=clerk)
    assert attachment.content_type == "application/pdf"
    assert attachment.storage_name.endswith(".pdf") and "名单" not in attachment.storage_name
    item = t.submit(item, by=clerk)
    assert [(h["kind"], h["where"]) for h in item.personal_data] == [
        ("居民身份证号码", "附件“名单.pdf”")
    ]
    with pytest.raises(TransitionError, match="未处理的个人信息"):
        t.approve_and_publish(item, by=reviewer, on=date(2024, 12, 3))
    t.confirm_personal_data(item, by=reviewer, reason="经审查为公示所需")
    assert t.approve_and_publish(item, by=reviewer, on=date(2024, 12, 3)).index_number


def test_a_pdf_that_cannot_be_masked_goes_back_to_the_clerk_with_a_reason(item, clerk, reviewer):
    t.attach_file(item, SimpleUploadedFile("名单.pdf", pdf_with_text(ID_NUMBER)), by=clerk)
    item = t.redact_personal_data(t.submit(item, by=clerk), by=reviewer)
    assert item.status == "returned"
    assert "附件“名单.pdf”含有个人信息" in item.review_note and "重新上传" in item.review_note


def test_a_docx_is_masked_in_place_and_stays_a_docx(item, clerk, reviewer):
    import docx

    document = docx.Document()
    paragraph = document.add_paragraph("低保对象 张三 ")
    paragraph.add_run("110105").bold = True  # the number split across two runs
    paragraph.add_run("19491231002X，电话 139-1234-5678")
    document.add_paragraph("第二段不含个人信息。")
    out = io.BytesIO()
    document.save(out)
    t.attach_file(item, SimpleUploadedFile("名单.docx", out.getvalue()), by=clerk)
    item = t.redact_personal_data(t.submit(item, by=clerk), by=reviewer)
    assert item.status == "submitted" and item.personal_data == []
    attachment = item.attachments.get()
    masked = docx.Document(io.BytesIO(attachments.read(attachment)))
    assert [p.text for p in masked.paragraphs] == [
        "低保对象 张三 110***********002X，电话 139-****-5678",
        "第二段不含个人信息。",
    ]
    assert masked.paragraphs[0].runs[1].bold  # the formatting is kept
    assert t.approve_and_publish(item, by=reviewer, on=date(2024, 12, 3)).index_number


def test_an_xlsx_is_masked_cell_by_cell(item, clerk, reviewer):
    import openpyxl

    data = xlsx(
        [["姓名", "身份证号码", "电话", "补贴（元）"], ["张三", ID_NUMBER, 13912345678, 300]]
    )
    t.attach_file(item, SimpleUploadedFile("名单.xlsx", data), by=clerk)
    item = t.redact_personal_data(t.submit(item, by=clerk), by=reviewer)
    assert item.personal_data == []
    book = openpyxl.load_workbook(io.BytesIO(attachments.read(item.attachments.get())))
    assert [c.value for c in book.active[2]] == ["张三", "110***********002X", "139****5678", 300]


def test_a_docx_is_read_and_scanned_too(item, clerk):
    t.attach_file(item, SimpleUploadedFile("表.docx", docx_with_text(ID_NUMBER)), by=clerk)
    assert t.submit(item, by=clerk).personal_data[0]["where"] == "附件“表.docx”"


def test_a_csv_list_is_read_scanned_and_masked_cell_by_cell(item, clerk, reviewer):
    text = "姓名,身份证号码,电话,编号\n张三,110105 19900101 1232,139-1234-5678,110105\n"
    data = text.encode("gb18030")  # as Excel on a Chinese PC saves it
    attachment = t.attach_file(item, SimpleUploadedFile("名单.csv", data), by=clerk)
    assert attachment.content_type == "text/csv"
    item = t.submit(item, by=clerk)
    assert [h["masked"] for h in item.personal_data] == ["110***********1232", "139****5678"]
    item = t.redact_personal_data(item, by=reviewer)
    masked = attachments.read(item.attachments.get()).decode("gb18030")
    assert masked == "姓名,身份证号码,电话,编号\n张三,110*** ******** 1232,139-****-5678,110105\n"


def test_markup_named_csv_is_not_taken_for_a_csv(item, clerk):
    with pytest.raises(UploadRefused, match="附件只能是"):
        t.attach_file(item, SimpleUploadedFile("a.csv", b"<html><script>1</script>"), by=clerk)


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("report.pdf", b"MZ\x90\x00 a program", "PDF、DOCX、XLSX、OFD、JPG 或 PNG"),
        ("page.pdf", b"<html><script>alert(1)</script>", "PDF、DOCX、XLSX、OFD、JPG 或 PNG"),
        ("broken.pdf", b"%PDF-1.4 truncated", "已损坏"),
    ],
)
def test_files_are_judged_by_content_not_name(item, clerk, private_var, name, data, message):
    with pytest.raises(UploadRefused, match=message):
        t.attach_file(item, SimpleUploadedFile(name, data), by=clerk)
    assert not ItemAttachment.objects.exists()
    assert not list((private_var / "private").rglob("*.*"))


def test_oversized_files_are_refused(item, clerk, monkeypatch):
    from gongkai.catalogue import attachments

    monkeypatch.setattr(attachments, "MAX_BYTES", 1000)
    with pytest.raises(UploadRefused, match="超过"):
        t.attach_file(item, SimpleUploadedFile("a.pdf", pdf_with_text("x" * 2000)), by=clerk)


def test_the_portal_serves_a_published_file_and_stops_when_withdrawn(client, item, clerk, reviewer):
    data = pdf_with_text("Notice")
    attachment = t.attach_file(item, SimpleUploadedFile("公告.pdf", data), by=clerk)
    url = reverse("portal:attachment", args=[item.pk, attachment.pk])
    assert client.get(url).status_code == 404  # still a draft
    with pytest.raises(TransitionError):
        t.remove_attachment(attachment, by=reviewer)  # reviewers do not edit drafts
    item = t.approve_and_publish(t.submit(item, by=clerk), by=reviewer, on=date(2024, 12, 3))
    response = client.get(url)
    assert response.status_code == 200 and b"".join(response.streaming_content) == data
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "公告.pdf" in client.get(reverse("portal:item", args=[item.pk])).content.decode()
    with pytest.raises(TransitionError, match="已公开"):
        t.remove_attachment(attachment, by=clerk)  # part of the public record now
    t.withdraw(item, by=reviewer, on=date(2024, 12, 9), reason="有误")
    assert client.get(url).status_code == 404


def test_a_clerk_uploads_and_removes_a_file_through_the_office_page(client, item, clerk):
    client.force_login(clerk)
    response = client.post(
        reverse("office:item_attachment_add", args=[item.pk]),
        {"file": SimpleUploadedFile("附表.pdf", pdf_with_text("table"))},
        follow=True,
    )
    assert "已添加附件“附表.pdf”" in response.content.decode()
    attachment = ItemAttachment.objects.get()
    response = client.post(
        reverse("office:item_attachment_remove", args=[item.pk, attachment.pk]),
        {"confirmed": "yes"},  # removal cannot be undone: the server checks the tick
        follow=True,
    )
    assert "已删除附件" in response.content.decode()
    assert not ItemAttachment.objects.exists()


def test_a_file_left_by_a_killed_attachment_upload_is_swept(item, clerk, private_var):
    import os
    import time

    from django.core.management import call_command

    from gongkai.core import uploads

    kept = t.attach_file(item, SimpleUploadedFile("a.pdf", pdf_with_text("x")), by=clerk)
    orphan = uploads.write(pdf_with_text("y"), attachments.FOLDER, ".pdf")
    folder = private_var / "private" / attachments.FOLDER
    old = time.time() - 7200
    for name in (kept.storage_name, orphan):
        os.utime(folder / name, (old, old))
    out = io.StringIO()
    call_command("sweep-attachments", stdout=out)
    assert "1 个" in out.getvalue()
    assert [p.name for p in folder.iterdir()] == [kept.storage_name]
