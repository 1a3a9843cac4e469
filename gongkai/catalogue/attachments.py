"""Files published with an item: checked by content, their text read so the personal-data
scan sees what a reader of the PDF would see."""

from __future__ import annotations

import io
import logging

from gongkai.core import uploads

MAX_BYTES = 20 * 1024 * 1024
MAX_PER_ITEM = 10
ACCEPTED = (uploads.PDF, uploads.DOCX, uploads.XLSX, uploads.OFD, uploads.JPEG, uploads.PNG)
FOLDER = "items"
log = logging.getLogger(__name__)


def extract_text(data: bytes, kind) -> str:
    """The readable text of a PDF, DOCX or XLSX; '' for images and OFD (nothing to scan
    without OCR — the reviewer is told so). A file that claims a format but cannot be read
    is refused: a reader could not open it either."""
    try:
        if kind is uploads.PDF:
            import pdfplumber

            with pdfplumber.open(io.BytesIO(data)) as pdf:
                return "\n".join(page.extract_text() or "" for page in pdf.pages)
        if kind is uploads.DOCX:
            import docx

            document = docx.Document(io.BytesIO(data))
            cells = [
                cell.text for table in document.tables for row in table.rows for cell in row.cells
            ]
            return "\n".join([p.text for p in document.paragraphs] + cells)
        if kind is uploads.XLSX:
            import openpyxl

            book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
            return "\n".join(
                " ".join(str(v) for v in row if v is not None)
                for sheet in book.worksheets
                for row in sheet.iter_rows(values_only=True)
            )
    except Exception as error:  # every parser raises its own kinds on a damaged file
        log.info("attachment unreadable: %r", error)
        raise uploads.UploadRefused("文件已损坏或无法打开，请重新导出后上传") from None
    return ""


def scannable(kind) -> bool:
    return kind in (uploads.PDF, uploads.DOCX, uploads.XLSX)


def kind_of(content_type: str):
    return next((k for k in ACCEPTED if k[1] == content_type), None)


def file_response(attachment):
    """The stored file under the name it was uploaded with; only the sniffed, accepted
    types were stored at all, and the browser is told not to guess another."""
    from django.http import FileResponse, Http404

    path = uploads.folder(FOLDER) / attachment.storage_name
    if not path.exists():
        raise Http404
    response = FileResponse(
        open(path, "rb"),  # noqa: SIM115 — FileResponse closes it
        as_attachment=not attachment.content_type.startswith(("image/", "application/pdf")),
        filename=attachment.original_name,
        content_type=attachment.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response
