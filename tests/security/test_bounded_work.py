"""Files from outside are read in a child process with limits (gongkai/core/bounded.py): on
pages, pixels, time and memory, refused with a Chinese sentence; and a report-check file is
checked once, however often its run is resumed (issue 24 point 5). The hostile files are
built here: a 400-page PDF of a few KB, a ruled grid, a PNG of a billion pixels."""

import struct
import time
import zlib
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from gongkai.core import bounded
from gongkai.core.uploads import UploadRefused
from gongkai.reports import check_runs
from gongkai.reports.models import CheckedFile, CheckRun
from tests.office.test_report_checks import checked, reports, supervisor  # noqa: F401

pytestmark = pytest.mark.django_db


def pdf(contents: list[bytes], size=(595, 842)) -> bytes:
    """A PDF of one page per content stream (uncompressed, as small as PDF allows)."""
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b""]
    kids, streams = [], {}
    for content in contents:
        if content not in streams:  # pages with the same content share one stream
            objects.append(b"<< /Length %d >>\nstream\n%s\nendstream" % (len(content), content))
            streams[content] = len(objects)
        stream = streams[content]
        kids.append(f"{len(objects) + 1} 0 R".encode())
        objects.append(b"<< /Type /Page /Parent 2 0 R /Contents %d 0 R >>" % stream)
    objects[1] = (  # size and font inherited by every page
        b"<< /Type /Pages /Kids [%s] /Count %d /MediaBox [0 0 %d %d] /Resources << /Font"
        b" << /F1 << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> >> >> >>"
        % (b" ".join(kids), len(kids), *size)
    )
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def png(width: int, height: int) -> bytes:
    """A one-colour greyscale PNG: every row compresses to almost nothing."""
    row = b"\x00" + b"\xff" * width
    compressor = zlib.compressobj(9)
    data = b"".join(compressor.compress(row) for _ in range(height)) + compressor.flush()

    def chunk(kind: bytes, body: bytes) -> bytes:
        return (
            struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))
        )

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", data) + chunk(b"IEND", b"")
    )


def ruled_grid(lines: int = 200) -> bytes:
    """One page ruled into lines × lines cells 4 pt apart (beyond pdfplumber's snapping):
    read as a table, 200 lines took 146 s on the test machine without the limit."""
    step = 800 / lines
    strokes = [b"0.1 w"]
    for n in range(lines + 1):
        at = 20 + n * step
        strokes.append(b"20 %.2f m 820 %.2f l S" % (at, at))
        strokes.append(b"%.2f 20 m %.2f 820 l S" % (at, at))
    strokes.append(b"BT /F1 12 Tf 30 830 Td (2024 annual report) Tj ET")
    return pdf([b"\n".join(strokes)], size=(842, 842))


# -- attachments ------------------------------------------------------------------------


@pytest.fixture
def draft(township, clerk):
    from gongkai.catalogue import transitions as t
    from gongkai.catalogue.models import Category
    from gongkai.catalogue.subjects import seed_statutory_subjects

    seed_statutory_subjects(Category)
    return t.create_draft(
        township,
        by=clerk,
        category=Category.objects.get(name="社会救助", source="article21"),
        title="低保对象名单",
        formed_on=date(2024, 12, 2),
    )


def test_a_400_page_pdf_of_a_few_kilobytes_is_refused_with_a_sentence(draft, clerk):
    from gongkai.catalogue import transitions as t

    many = pdf([b"BT /F1 12 Tf 72 720 Td (page) Tj ET"] * 400)
    assert len(many) < 60_000
    started = time.monotonic()
    with pytest.raises(UploadRefused, match="PDF 共 400 页，超过可自动读取的 300 页"):
        t.attach_file(draft, SimpleUploadedFile("名单.pdf", many), by=clerk)
    assert time.monotonic() - started < 60
    assert draft.attachments.count() == 0


def test_a_short_pdf_is_still_read_in_the_child(draft, clerk):
    from gongkai.catalogue import transitions as t

    one = pdf([b"BT /F1 12 Tf 72 720 Td (Qingshi 2024) Tj ET"])
    attachment = t.attach_file(draft, SimpleUploadedFile("通知.pdf", one), by=clerk)
    assert "Qingshi 2024" in attachment.text


# -- the limits themselves ------------------------------------------------------------------


def test_work_beyond_the_memory_limit_is_stopped_with_a_sentence():
    limits = bounded.Limits(seconds=30, memory_mb=300, pages=300, pixels=40_000_000)
    with pytest.raises(bounded.Exceeded, match="所需内存超过 300 MB"):
        bounded.run("builtins:bytearray", 2 * 1024**3, limits=limits)


def test_work_beyond_the_time_limit_is_stopped_with_a_sentence():
    limits = bounded.Limits(seconds=2, memory_mb=512, pages=300, pixels=40_000_000)
    started = time.monotonic()
    with pytest.raises(bounded.Exceeded, match="2 秒内未能读完"):
        bounded.run("time:sleep", 60, limits=limits)
    assert time.monotonic() - started < 30


# -- the report check -----------------------------------------------------------------------


def test_a_picture_of_a_billion_pixels_is_refused_before_it_is_decoded(
    supervisor,  # noqa: F811
    django_capture_on_commit_callbacks,
):
    huge = png(40_000, 25_000)
    assert len(huge) < 2_000_000
    run = checked(supervisor, django_capture_on_commit_callbacks, ("报告.png", huge))
    result = run.files.get().result
    assert "图片为 40000×25000 像素，超过可识别的 40 百万像素" in result["error"]


def test_a_ruled_grid_that_would_run_for_minutes_is_stopped_at_the_time_limit(
    supervisor,  # noqa: F811
    django_capture_on_commit_callbacks,
    settings,
):
    settings.BOUNDED_WORK_SECONDS = 5
    grid = ruled_grid()
    started = time.monotonic()
    run = checked(supervisor, django_capture_on_commit_callbacks, ("报告.pdf", grid))
    assert time.monotonic() - started < 60
    result = run.files.get().result
    assert "5 秒内未能读完" in result["error"], result


def test_a_resumed_run_does_not_check_a_file_another_thread_is_checking(
    supervisor,  # noqa: F811
    reports,  # noqa: F811
    django_capture_on_commit_callbacks,
):
    """A page load that thinks the run stale starts a second thread; the file the first
    thread has taken is not read again, and the run is not called done without it."""
    with django_capture_on_commit_callbacks(execute=False):
        supervisor.post(
            f"/office/checks/?agency={supervisor.county.pk}",
            {
                "files": [
                    SimpleUploadedFile("a.html", reports["consistent.html"]),
                    SimpleUploadedFile("b.docx", reports["changed.docx"]),
                ]
            },
        )
    run = CheckRun.objects.get()
    first, second = CheckedFile.objects.filter(run=run).order_by("position")
    assert check_runs.claim(first)  # the first thread is at work on it
    check_runs.process_run(run.pk)  # the second thread
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.outcome == "" and second.outcome != ""
    run.refresh_from_db()
    assert run.status != "done"
    assert not check_runs.claim(first)  # nobody else takes it while it is fresh


def test_ocr_of_a_report_picture_works_within_the_limits():
    """The limits leave room for the real work: the OCR engine reads table 四 in the child."""
    import io

    from tests.reports import layouts
    from tests.reports.test_ocr import page_images

    images = page_images(layouts.rendered(layouts.seeded_tables(16), "pdf"))
    picture = io.BytesIO()
    images[-1].save(picture, "PNG")
    _, result = bounded.run(
        "gongkai.reports.checker.child:check_in_child", picture.getvalue(), ".png", "表四.png"
    )
    assert result["ocr"] and result["error"] == "" and result["tables"].get("四")
