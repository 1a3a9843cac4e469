"""Hostile files: zip bombs dressed as Excel or Word, absurd widths and cells, binary junk
— each refused with one sentence in Chinese, nothing written, nothing decompressed first."""

import io
import zipfile
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from gongkai.catalogue import transitions as ct
from gongkai.catalogue.importer import ImportRefused, import_catalogue
from gongkai.catalogue.models import Category, Item
from gongkai.core.uploads import UploadRefused

pytestmark = pytest.mark.django_db


def zip_bomb(kind: str) -> bytes:
    """A valid-looking DOCX/XLSX whose one part inflates to 200 MB of zeros."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr(f"{kind}/document.xml", b"\0" * (200 * 1024 * 1024))
    return out.getvalue()


def test_a_zip_bomb_is_refused_before_it_is_opened(township, clerk, settings, tmp_path):
    settings.VAR_DIR = tmp_path
    bomb = zip_bomb("xl")
    assert len(bomb) < 1024 * 1024  # small on the wire
    with pytest.raises(ImportRefused, match=r"解压后过大|压缩比异常"):
        import_catalogue(township, bomb, "目录.xlsx", by=clerk)
    item = ct.create_draft(
        township,
        by=clerk,
        category=Category.objects.get(name="扶贫"),
        title="草稿",
        formed_on=date(2025, 3, 3),
    )
    with pytest.raises(UploadRefused, match=r"解压后过大|压缩比异常"):
        ct.attach_file(item, SimpleUploadedFile("表.docx", zip_bomb("word")), by=clerk)
    assert item.attachments.count() == 0


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (("名称," * 50 + "\n").encode(), "列数超过 40 列"),
        (
            ("名称,分类,发布日期\n" + "甲" * 200_001 + ",扶贫,2025-01-01\n").encode(),
            "超过 200,000 字",
        ),
        (b"\x00\x01\x02binary\x00junk" * 100, "第一行应是列名"),
    ],
)
def test_absurd_tables_are_refused_in_one_sentence(township, clerk, data, message):
    with pytest.raises(ImportRefused, match=message):
        import_catalogue(township, data, "x.csv", by=clerk)
    assert not Item.objects.exists()


def test_a_file_is_offered_again_under_a_harmless_name(township, clerk, settings, tmp_path):
    from tests.catalogue.files import pdf_with_text

    settings.VAR_DIR = tmp_path
    item = ct.create_draft(
        township,
        by=clerk,
        category=Category.objects.get(name="扶贫"),
        title="草稿",
        formed_on=date(2025, 3, 3),
    )
    hostile = "..\\\\../etc/通知\u202egpj.exe\x00.pdf"
    attachment = ct.attach_file(item, SimpleUploadedFile(hostile, pdf_with_text("x")), by=clerk)
    assert attachment.original_name == "通知gpj.exe.pdf"  # no path, no override, no NUL
    assert "/" not in attachment.storage_name and attachment.storage_name.endswith(".pdf")
