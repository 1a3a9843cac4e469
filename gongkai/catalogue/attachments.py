"""Files published with an item: checked by content, their text read so the personal-data
scan sees what a reader of the PDF would see."""

from __future__ import annotations

import logging

from gongkai.core import uploads

MAX_BYTES = 20 * 1024 * 1024
MAX_PER_ITEM = 10
ACCEPTED = (
    uploads.CSV,
    uploads.PDF,
    uploads.DOCX,
    uploads.XLSX,
    uploads.OFD,
    uploads.JPEG,
    uploads.PNG,
)
FOLDER = "items"
log = logging.getLogger(__name__)


def _csv_text(data: bytes) -> tuple[str, str]:
    """A CSV's text and the encoding to write it back in."""
    try:
        return data.decode("utf-8-sig"), "utf-8-sig" if data[:3] == b"\xef\xbb\xbf" else "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("gb18030"), "gb18030"
    except UnicodeDecodeError:
        raise uploads.UploadRefused(uploads.DAMAGED) from None


def extract_text(data: bytes, kind):
    """Everything a reader of the file sees, as a documents.Reading (its text, and what could
    not be read and why: see catalogue/documents.py). A file that claims a format but cannot
    be read is refused: a reader could not open it either."""
    from gongkai.catalogue import documents

    if kind is uploads.CSV:
        return documents.Reading(text=_csv_text(data)[0])
    try:
        return documents.read(data, kind)
    except uploads.UploadRefused:
        raise
    except Exception as error:  # every parser raises its own kinds on a damaged file
        log.info("attachment unreadable: %r", error)
        raise uploads.UploadRefused("文件已损坏或无法打开，请重新导出后上传") from None


def mask(data: bytes, kind) -> bytes | None:
    """The same CSV, DOCX or XLSX with every personal number's digits masked where they
    stand (every part of a DOCX, an XLSX's cells, comments, headers and footers), everything
    else left as it was; None for a format that cannot be masked here (PDF, OFD, images) —
    the clerk must mask it at the source and upload it again."""
    from gongkai.catalogue import documents
    from gongkai.statute.personal_data import redact, scan

    if kind is uploads.CSV:  # commas are no separator: neighbouring cells stay apart
        text, encoding = _csv_text(data)
        return redact(text, scan(text)).encode(encoding)
    if kind is uploads.DOCX:
        return documents.mask_docx(data)
    if kind is uploads.XLSX:
        return documents.mask_xlsx(data)
    return None


def sweep_orphaned_files(*, older_than=None) -> int:
    """Items' files no attachment row names, left by a process killed mid-upload."""
    from datetime import timedelta

    from gongkai.catalogue.models import ItemAttachment

    referenced = set(ItemAttachment.objects.values_list("storage_name", flat=True))
    return uploads.sweep(FOLDER, referenced, older_than or timedelta(hours=1))


def read(attachment) -> bytes:
    return uploads.read(FOLDER, attachment.storage_name)


def replace_content(attachment, data: bytes, kind) -> None:
    """Store `data` as the attachment's new content (a masked copy): a new file, the row
    pointed at it, the old file deleted once the change is committed."""
    from django.db import transaction

    old = attachment.storage_name
    attachment.storage_name = uploads.write(data, FOLDER, kind[2])
    attachment.size = len(data)
    reading = read_text(data, kind)
    attachment.text = reading.text
    attachment.scan_coverage, attachment.scan_note = reading.coverage, reading.note
    attachment.save(update_fields=["storage_name", "size", "text", "scan_coverage", "scan_note"])
    transaction.on_commit(lambda: uploads.delete(FOLDER, old))


def kind_of(content_type: str):
    return next((k for k in ACCEPTED if k[1] == content_type), None)


def file_response(attachment):
    """The stored file under the name it was uploaded with; only the sniffed, accepted
    types were stored at all, and the browser is told not to guess another."""
    from django.http import Http404

    from gongkai.core.http import download_response

    stored = uploads.open_file(FOLDER, attachment.storage_name)
    if stored is None:
        raise Http404
    response = download_response(  # streamed, and closed once sent
        attachment.original_name,
        attachment.content_type,
        stored,
        inline=attachment.content_type.startswith(("image/", "application/pdf")),
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


def read_text(data: bytes, kind):
    """extract_text in a child process with limits on pages, pixels, time and memory
    (issue 24: a 54 KB PDF of 400 pages took a worker to 3.9 GB); a documents.Reading, or
    UploadRefused with the clerk's sentence."""
    from gongkai.catalogue import documents
    from gongkai.core import bounded

    if kind is uploads.CSV:
        return extract_text(data, kind)  # decoded text, nothing to bound
    try:
        fields = bounded.run(
            "gongkai.catalogue.attachments:_text_in_child",
            data,
            kind[0],
            documents.OCR_MAX_PICTURES,  # the parent's value is the one in force
        )
    except bounded.Refused as refused:
        raise uploads.UploadRefused(str(refused)) from None
    return documents.Reading(**fields)


def _text_in_child(data: bytes, kind_name: str, max_pictures: int) -> dict:
    from dataclasses import asdict

    from gongkai.catalogue import documents
    from gongkai.core import bounded

    documents.OCR_MAX_PICTURES = max_pictures
    kind = next(k for k in ACCEPTED if k[0] == kind_name)  # by name: tuples are compared by is
    if kind is uploads.PDF:
        bounded.check_pdf(data)
    # a picture too large to decode is flagged 无法自动扫描 by documents.read, not refused
    return asdict(extract_text(data, kind))
