"""Tables published as pictures (issue 16): a report rendered by the project's own PDF
renderer, rasterised page by page into an image-only PDF and into PNG files, is read by OCR
with every cell right; every finding on it says it came from image recognition."""

import copy

from gongkai.reports.checker.check import OCR_MARK, check_report
from gongkai.reports.checker.ocr import available

from . import layouts


def test_the_ocr_engine_is_installed():
    """rapidocr-onnxruntime is a dependency, not an option: a broken install (OpenCV without
    Debian's libgl1) must fail here, not skip the image tests below."""
    assert available()


DPI = 200


def page_images(pdf: bytes):
    import pypdfium2

    document = pypdfium2.PdfDocument(pdf)
    try:
        return [page.render(scale=DPI / 72).to_pil().convert("RGB") for page in document]
    finally:
        document.close()


def test_an_image_only_pdf_of_a_rendered_report_is_read_cell_for_cell(tmp_path):
    tables = layouts.seeded_tables(3)
    changed = copy.deepcopy(tables)
    changed["三"]["三（三）4"][1] += 2  # one wrong cell: its row's 总计 and 商业企业's （七）
    images = page_images(layouts.rendered(changed, "pdf"))
    scan = tmp_path / "scan.pdf"
    images[0].save(scan, save_all=True, append_images=images[1:], resolution=DPI)
    report = check_report(scan)
    assert report.ocr
    for number in ("二", "三", "四"):
        assert report.tables[number] == changed[number], number
    assert {(f.rule, f.row if f.rule == "I2" else f.column) for f in report.problems} == {
        ("I2", "4.保护第三方合法权益"),
        ("I3", "商业企业"),
    }
    assert all(f.message.startswith(OCR_MARK) for f in report.findings)


def test_a_png_of_table_four_is_read(tmp_path):
    tables = layouts.seeded_tables(5)
    images = page_images(layouts.rendered(tables, "pdf"))
    last = tmp_path / "table-four.png"
    images[-1].save(last)
    report = check_report(last)
    assert report.kind == "image" and report.ocr
    assert report.tables["四"] == tables["四"]
