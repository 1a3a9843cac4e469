"""Files published with an item: checked by content, their text read so the personal-data
scan sees what a reader of the PDF would see."""

from __future__ import annotations

import io
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


def _cell_text(value) -> str:
    return str(int(value)) if isinstance(value, float) and value.is_integer() else str(value)


def extract_text(data: bytes, kind) -> str:
    """The readable text of a PDF, DOCX or XLSX; '' for images and OFD (nothing to scan
    without OCR — the reviewer is told so). A file that claims a format but cannot be read
    is refused: a reader could not open it either."""
    try:
        if kind is uploads.CSV:
            return _csv_text(data)[0]
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
                # cells apart ("|" is no separator a number is written with), so two
                # neighbouring cells are never read as one number
                " | ".join(_cell_text(v) for v in row if v is not None)
                for sheet in book.worksheets
                for row in sheet.iter_rows(values_only=True)
            )
    except Exception as error:  # every parser raises its own kinds on a damaged file
        log.info("attachment unreadable: %r", error)
        raise uploads.UploadRefused("文件已损坏或无法打开，请重新导出后上传") from None
    return ""


def _docx_paragraphs(document):
    """Every paragraph a reader sees: the body, tables (nested too), headers and footers."""

    def of(container):
        yield from container.paragraphs
        for table in getattr(container, "tables", []):
            for row in table.rows:
                for cell in row.cells:
                    yield from of(cell)

    yield from of(document)
    for section in document.sections:
        for part in (section.header, section.footer):
            if not part.is_linked_to_previous:
                yield from of(part)


def mask(data: bytes, kind) -> bytes | None:
    """The same DOCX or XLSX with every personal number's digits masked where they stand
    (runs, cells), everything else left as it was; None for a format that cannot be masked
    here (PDF, OFD, images) — the clerk must mask it at the source and upload it again."""
    from gongkai.statute.personal_data import mask_pieces, redact, scan, scan_pieces

    if kind is uploads.CSV:  # commas are no separator: neighbouring cells stay apart
        text, encoding = _csv_text(data)
        return redact(text, scan(text)).encode(encoding)
    if kind is uploads.DOCX:
        import docx

        document = docx.Document(io.BytesIO(data))
        for paragraph in _docx_paragraphs(document):
            runs = paragraph.runs
            pieces = [run.text for run in runs]
            hits = scan_pieces(pieces)
            if hits:
                for run, old, new in zip(runs, pieces, mask_pieces(pieces, hits), strict=True):
                    if old != new:
                        run.text = new
        out = io.BytesIO()
        document.save(out)
        return out.getvalue()
    if kind is uploads.XLSX:
        import openpyxl

        book = openpyxl.load_workbook(io.BytesIO(data))
        for sheet in book.worksheets:
            for row in sheet.iter_rows():
                for cell in row:
                    value = cell.value
                    if value is None or isinstance(value, bool):
                        continue
                    text = str(int(value)) if isinstance(value, float | int) else str(value)
                    hits = scan_pieces([text])
                    if hits:
                        cell.value = mask_pieces([text], hits)[0]
        out = io.BytesIO()
        book.save(out)
        return out.getvalue()
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
    attachment.text = read_text(data, kind)
    attachment.save(update_fields=["storage_name", "size", "text"])
    transaction.on_commit(lambda: uploads.delete(FOLDER, old))


def scannable(kind) -> bool:
    return kind in (uploads.PDF, uploads.DOCX, uploads.XLSX, uploads.CSV)


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


def read_text(data: bytes, kind) -> str:
    """extract_text in a child process with limits on pages, time and memory (issue 24:
    a 54 KB PDF of 400 pages took a worker to 3.9 GB); a refusal is the clerk's sentence."""
    from gongkai.core import bounded

    if kind not in (uploads.PDF, uploads.DOCX, uploads.XLSX):
        return extract_text(data, kind)  # CSV is decoded text; pictures and OFD give ''
    try:
        return bounded.run("gongkai.catalogue.attachments:_text_in_child", data, kind[0])
    except bounded.Refused as refused:
        raise uploads.UploadRefused(str(refused)) from None


def _text_in_child(data: bytes, kind_name: str) -> str:
    from gongkai.core import bounded

    kind = next(k for k in ACCEPTED if k[0] == kind_name)  # by name: tuples are compared by is
    if kind is uploads.PDF:
        bounded.check_pdf(data)
    return extract_text(data, kind)
