"""Issue 24 point 2: attachments as townships really write them. Every document is built
here as a file (python-docx and raw WordprocessingML, openpyxl, hand-written PDF objects,
pictures rasterised from a page WeasyPrint renders); each hid a number from the scan before.

110105199001011232 has a valid GB 11643 check character; 13912345678 is a mobile number.
"""

import io
import zipfile
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from gongkai.catalogue import attachments, documents
from gongkai.catalogue import transitions as t
from gongkai.catalogue.models import Category

pytestmark = pytest.mark.django_db
ID = "110105199001011232"
MOBILE = "13912345678"
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = (
    f'xmlns:w="{W}" '
    'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
    'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
    'xmlns:v="urn:schemas-microsoft-com:vml"'
)


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


def everything_in(data: bytes) -> str:
    """Every byte of every part of a ZIP package, as text: where a number could hide."""
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        return "".join(package.read(n).decode("utf-8", "replace") for n in package.namelist())


# --- DOCX --------------------------------------------------------------------------------------


def saved(document) -> bytes:
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def with_body_xml(xml: str) -> bytes:
    """A DOCX whose body holds `xml` (WordprocessingML elements) after one plain paragraph."""
    import docx
    from docx.oxml import parse_xml

    document = docx.Document()
    document.add_paragraph("公示名单如下：")
    body = document.element.body
    for element in parse_xml(f"<w:wrap {NS}>{xml}</w:wrap>"):
        body.insert(len(body) - 1, element)  # before the section properties
    return saved(document)


def with_part(data: bytes, name: str, xml: str, rel_type: str, content_type: str) -> bytes:
    """`data` with one more part, related from the document and typed, as Word writes it."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            content = source.read(info)
            if info.filename == "[Content_Types].xml":
                content = content.replace(
                    b"</Types>",
                    f'<Override PartName="/{name}" ContentType="{content_type}"/></Types>'.encode(),
                )
            if info.filename == "word/_rels/document.xml.rels":
                content = content.replace(
                    b"</Relationships>",
                    f'<Relationship Id="rIdX9" Type="{rel_type}" Target="{name[5:]}"/>'
                    "</Relationships>".encode(),
                )
            target.writestr(info, content)
        target.writestr(name, xml)
    return out.getvalue()


REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
CT = "application/vnd.openxmlformats-officedocument.wordprocessingml."


def docx_header_and_footer():
    import docx

    document = docx.Document()
    document.add_paragraph("正文没有个人信息。")
    document.sections[0].header.paragraphs[0].text = f"经办人电话 {MOBILE}"
    document.sections[0].footer.paragraphs[0].text = f"身份证号 {ID}"
    return saved(document)


def docx_nested_table():
    import docx

    document = docx.Document()
    outer = document.add_table(rows=1, cols=2)
    outer.cell(0, 0).text = "张三"
    inner = outer.cell(0, 1).add_table(rows=1, cols=2)
    inner.cell(0, 0).text = "身份证号"
    inner.cell(0, 1).text = ID
    deeper = inner.cell(0, 0).add_table(rows=1, cols=1)
    deeper.cell(0, 0).text = MOBILE
    return saved(document)


def docx_content_control():
    return with_body_xml(
        f"<w:sdt><w:sdtPr><w:alias w:val='身份证号'/></w:sdtPr><w:sdtContent><w:p><w:r>"
        f"<w:t>{ID}</w:t></w:r></w:p></w:sdtContent></w:sdt>"
        f"<w:p><w:sdt><w:sdtContent><w:r><w:t>电话 {MOBILE}</w:t></w:r></w:sdtContent>"
        "</w:sdt></w:p>"
    )


def docx_tracked_insertion():
    return with_body_xml(
        "<w:p><w:r><w:t xml:space='preserve'>电话 </w:t></w:r>"
        "<w:ins w:id='1' w:author='经办人' w:date='2024-12-01T09:00:00Z'><w:r>"
        f"<w:t>{MOBILE}</w:t></w:r></w:ins></w:p>"
        "<w:p><w:del w:id='2' w:author='经办人' w:date='2024-12-01T09:00:00Z'><w:r>"
        f"<w:delText>{ID}</w:delText></w:r></w:del></w:p>"
    )


def docx_text_box():
    box = f"<w:txbxContent><w:p><w:r><w:t>身份证号 {ID}</w:t></w:r></w:p></w:txbxContent>"
    return with_body_xml(
        "<w:p><w:r><mc:AlternateContent><mc:Choice Requires='wps'><w:drawing><wps:wsp>"
        f"<wps:txbx>{box}</wps:txbx></wps:wsp></w:drawing></mc:Choice><mc:Fallback><w:pict>"
        f"<v:shape><v:textbox>{box}</v:textbox></v:shape></w:pict></mc:Fallback>"
        "</mc:AlternateContent></w:r></w:p>"
    )


def docx_field_and_smart_tag():
    return with_body_xml(
        "<w:p><w:fldSimple w:instr=' MERGEFIELD 电话 '><w:r>"
        f"<w:t>{MOBILE}</w:t></w:r></w:fldSimple></w:p>"
        "<w:p><w:smartTag w:uri='urn:schemas-microsoft-com:office:smarttags' w:element='phone'>"
        f"<w:r><w:t>{ID}</w:t></w:r></w:smartTag></w:p>"
    )


def docx_footnote_endnote_comment():
    import docx

    document = docx.Document()
    paragraph = document.add_paragraph("低保对象名单见注释。")
    document.add_comment(paragraph.runs, text=f"核对电话 {MOBILE}", author="审核人")
    data = saved(document)
    note = (
        f"<w:{{kind}}s {NS}><w:{{kind}} w:id='1'><w:p><w:r><w:t>身份证号 {ID}</w:t></w:r>"
        "</w:p></w:{kind}></w:{kind}s>"
    )
    data = with_part(
        data,
        "word/footnotes.xml",
        note.replace("{kind}", "footnote"),
        REL + "footnotes",
        CT + "footnotes+xml",
    )
    return with_part(
        data,
        "word/endnotes.xml",
        note.replace("{kind}", "endnote").replace(ID, "11010519491231002X"),
        REL + "endnotes",
        CT + "endnotes+xml",
    )


@pytest.mark.parametrize(
    ("build", "expected"),
    [
        (docx_header_and_footer, ["139****5678", "110***********1232"]),
        (docx_nested_table, ["110***********1232", "139****5678"]),
        (docx_content_control, ["110***********1232", "139****5678"]),
        (docx_tracked_insertion, ["139****5678", "110***********1232"]),
        (docx_text_box, ["110***********1232"]),
        (docx_field_and_smart_tag, ["139****5678", "110***********1232"]),
        (docx_footnote_endnote_comment, ["110***********1232", "110***********002X"]),
    ],
)
def test_every_part_of_a_docx_is_scanned_and_masked_in_place(
    build, expected, item, clerk, reviewer
):
    data = build()
    attachment = t.attach_file(item, SimpleUploadedFile("名单.docx", data), by=clerk)
    assert attachment.scan_coverage == "scanned"
    item = t.submit(item, by=clerk)
    found = [h["masked"] for h in item.personal_data]
    assert set(expected) <= set(found)
    assert {h["where"] for h in item.personal_data} == {"附件“名单.docx”"}
    item = t.redact_personal_data(item, by=reviewer)
    assert item.status == "submitted" and item.personal_data == []
    masked = everything_in(attachments.read(item.attachments.get()))
    assert ID not in masked and MOBILE not in masked and "11010519491231002X" not in masked
    for number in expected:
        assert number in masked
    import docx

    docx.Document(io.BytesIO(attachments.read(item.attachments.get())))  # still opens


def docx_links():
    """A phone number as a link's address (tel:) and in a simple field's instruction."""
    import docx
    from docx.opc.constants import RELATIONSHIP_TYPE

    document = docx.Document()
    paragraph = document.add_paragraph("联系电话：")
    document.part.relate_to(f"tel:{MOBILE}", RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
    from docx.oxml import parse_xml

    paragraph._p.append(
        parse_xml(
            f"<w:fldSimple {NS} w:instr=' HYPERLINK \"mailto:{ID}@example.cn\" '>"
            "<w:r><w:t>发邮件</w:t></w:r></w:fldSimple>"
        )
    )
    return saved(document)


def test_link_addresses_and_field_instructions_are_scanned_and_masked(item, clerk, reviewer):
    t.attach_file(item, SimpleUploadedFile("名单.docx", docx_links()), by=clerk)
    item = t.submit(item, by=clerk)
    assert {h["masked"] for h in item.personal_data} == {"139****5678", "110***********1232"}
    item = t.redact_personal_data(item, by=reviewer)
    assert item.personal_data == []
    masked = everything_in(attachments.read(item.attachments.get()))
    assert "tel:139****5678" in masked and MOBILE not in masked and ID not in masked


def test_a_comment_in_a_docx_is_found():
    import docx

    document = docx.Document()
    paragraph = document.add_paragraph("名单")
    document.add_comment(paragraph.runs, text=f"电话 {MOBILE}", author="审核人")
    reading = documents.read(saved(document), attachments.kind_of(CT + "document"))
    assert MOBILE in reading.text


def test_the_document_properties_of_a_docx_are_scanned_and_masked(item, clerk, reviewer):
    import docx

    document = docx.Document()
    document.add_paragraph("正文")
    document.core_properties.title = f"张三 {ID} 低保申请"
    t.attach_file(item, SimpleUploadedFile("名单.docx", saved(document)), by=clerk)
    assert [h["masked"] for h in t.submit(item, by=clerk).personal_data] == ["110***********1232"]
    item = t.redact_personal_data(item, by=reviewer)
    assert item.personal_data == [] and ID not in everything_in(
        attachments.read(item.attachments.get())
    )


def test_a_text_box_is_listed_once_though_word_stores_it_twice(item, clerk):
    t.attach_file(item, SimpleUploadedFile("名单.docx", docx_text_box()), by=clerk)
    assert [h["masked"] for h in t.submit(item, by=clerk).personal_data] == ["110***********1232"]


# --- XLSX --------------------------------------------------------------------------------------


def workbook(fill) -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    book.active.title = "名单"
    book.active.append(["姓名", "联系方式", "补贴（元）"])
    fill(book.active)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def xlsx_formula_without_value(sheet):
    # openpyxl, like many generators, stores the formula and no cached value
    sheet.append(["张三", '="139"&"1234"&"5678"', 300])
    sheet["D2"] = "110105"
    sheet["E2"] = '=CONCATENATE(D2,"199001011232")'


def xlsx_number_format_shows_a_mobile(sheet):
    sheet.append(["张三", 12345678, 300])
    sheet["B2"].number_format = '"139"0000-0000'  # shows 1391234-5678


def xlsx_mobile_as_a_formatted_number(sheet):
    sheet.append(["张三", 13912345678, 300])
    sheet["B2"].number_format = "000-0000-0000"  # shows 139-1234-5678
    sheet.append(["李四", 13912345678.0, 300])  # a float, as CSV imports leave it


def xlsx_cell_comment(sheet):
    from openpyxl.comments import Comment

    sheet.append(["张三", "见批注", 300])
    sheet["B2"].comment = Comment(f"身份证号 {ID}", "经办人")


def xlsx_header_and_footer(sheet):
    sheet.append(["张三", "—", 300])
    sheet.oddHeader.center.text = f"经办人电话 {MOBILE}"
    sheet.oddFooter.right.text = f"身份证号 {ID}"


@pytest.mark.parametrize(
    ("fill", "expected"),
    [
        (xlsx_formula_without_value, {"139****5678", "110***********1232"}),
        (xlsx_number_format_shows_a_mobile, {"139****5678"}),
        (xlsx_mobile_as_a_formatted_number, {"139****5678"}),
        (xlsx_cell_comment, {"110***********1232"}),
        (xlsx_header_and_footer, {"139****5678", "110***********1232"}),
    ],
)
def test_every_part_of_an_xlsx_is_scanned_and_masked_in_place(
    fill, expected, item, clerk, reviewer
):
    t.attach_file(item, SimpleUploadedFile("名单.xlsx", workbook(fill)), by=clerk)
    item = t.submit(item, by=clerk)
    assert {h["masked"] for h in item.personal_data} == expected
    item = t.redact_personal_data(item, by=reviewer)
    assert item.status == "submitted" and item.personal_data == []
    masked = everything_in(attachments.read(item.attachments.get()))
    assert ID not in masked and "12345678" not in masked and "1234" not in masked


def with_text_box(data: bytes, text: str) -> bytes:
    """The workbook with a text box on its first sheet, as Excel writes one."""
    drawing = (
        '<xdr:wsDr xmlns:xdr="http://schemas.openxmlformats.org/drawingml/2006/'
        'spreadsheetDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main">'
        "<xdr:twoCellAnchor><xdr:from><xdr:col>4</xdr:col><xdr:colOff>0</xdr:colOff>"
        "<xdr:row>1</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:from><xdr:to><xdr:col>8</xdr:col>"
        "<xdr:colOff>0</xdr:colOff><xdr:row>5</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:to>"
        '<xdr:sp><xdr:nvSpPr><xdr:cNvPr id="2" name="文本框 1"/><xdr:cNvSpPr txBox="1"/>'
        "</xdr:nvSpPr><xdr:spPr/><xdr:txBody><a:bodyPr/><a:p><a:r><a:t>"
        f"{text}</a:t></a:r></a:p></xdr:txBody></xdr:sp><xdr:clientData/></xdr:twoCellAnchor>"
        "</xdr:wsDr>"
    )
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            content = source.read(info)
            if info.filename == "[Content_Types].xml":
                content = content.replace(
                    b"</Types>",
                    b'<Override PartName="/xl/drawings/drawing1.xml" ContentType="application/'
                    b'vnd.openxmlformats-officedocument.drawing+xml"/></Types>',
                )
            if info.filename == "xl/worksheets/sheet1.xml":
                content = content.replace(
                    b"</worksheet>",
                    b'<drawing xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/'
                    b'relationships" r:id="rId1"/></worksheet>',
                )
            target.writestr(info, content)
        target.writestr(
            "xl/worksheets/_rels/sheet1.xml.rels",
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f'<Relationship Id="rId1" Type="{REL}drawing" Target="../drawings/drawing1.xml"/>'
            "</Relationships>",
        )
        target.writestr("xl/drawings/drawing1.xml", drawing)
    return out.getvalue()


def test_a_number_in_an_xlsx_text_box_is_found_and_sent_back_not_deleted_unseen(
    item, clerk, reviewer
):
    data = with_text_box(workbook(lambda sheet: sheet.append(["张三", "—", 300])), f"电话 {MOBILE}")
    t.attach_file(item, SimpleUploadedFile("名单.xlsx", data), by=clerk)
    item = t.submit(item, by=clerk)
    assert [h["masked"] for h in item.personal_data] == ["139****5678"]
    item = t.redact_personal_data(item, by=reviewer)
    assert item.status == "returned" and "“名单.xlsx”" in item.review_note
    assert attachments.read(item.attachments.get()) == data  # left as the clerk gave it


def test_a_formula_nobody_can_compute_here_is_flagged_not_passed(item, clerk, reviewer, client):
    def fill(sheet):
        sheet.append(["张三", "=VLOOKUP(A2,户籍!A:B,2,FALSE)", 300])

    attachment = t.attach_file(item, SimpleUploadedFile("名单.xlsx", workbook(fill)), by=clerk)
    assert attachment.scan_coverage == "partial"
    assert "“名单”的公式单元格 B2 没有保存计算结果，无法自动扫描" in attachment.scan_note
    t.submit(item, by=clerk)
    client.force_login(reviewer)
    page = client.get(reverse("office:item", args=[item.pk])).content.decode()
    assert "正文和附件中未发现" not in page
    assert "已扫描的部分中未发现" in page
    assert "附件“名单.xlsx”：部分已扫描；无法自动扫描：" in page


@pytest.mark.parametrize(
    ("fmt", "value", "shown"),
    [
        ("000-0000-0000", 13912345678, "139-1234-5678"),  # Excel shows exactly this
        ('"139"0000-0000', 12345678, "1391234-5678"),
        ("0", 13912345678, "13912345678"),
        ("###-####", 1234567, "123-4567"),
        ("00000", 42, "00042"),
        ("0.00", 1234, None),  # decimals: not a format this renders
        ("yyyy-mm-dd", 45000, None),
        ("#,##0", 1380013800, None),
    ],
)
def test_number_formats_are_shown_as_excel_shows_them(fmt, value, shown):
    assert documents.displayed(value, fmt) == shown


# --- PDF and pictures --------------------------------------------------------------------------


def pdf_of(objects: list[bytes]) -> bytes:
    """A PDF of numbered objects (1 is the catalog), with a correct xref table."""
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(
        b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    )
    return out.getvalue()


def pdf_with_filled_form() -> bytes:
    """A form whose filled-in fields hold the numbers; the page's text layer has none."""
    stream = b"BT /F1 12 Tf 72 720 Td (Application form) Tj ET"
    return pdf_of(
        [
            b"<< /Type /Catalog /Pages 2 0 R /AcroForm << /Fields [6 0 R 7 0 R] >> >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
            b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R /Annots [6 0 R 7 0 R] >>",
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
            b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
            b"<< /FT /Tx /T (id) /V (" + ID.encode() + b") /Type /Annot /Subtype /Widget "
            b"/Rect [72 600 300 620] /P 3 0 R >>",
            b"<< /FT /Tx /T (phone) /V <FEFF" + MOBILE.encode("utf-16-be").hex().encode() + b"> "
            b"/Type /Annot /Subtype /Widget /Rect [72 560 300 580] /P 3 0 R >>",
        ]
    )


def rasterised(html: str, pages: int = 1) -> list:
    """Pictures of a page WeasyPrint renders: what a scanner gives a township."""
    import pypdfium2
    from weasyprint import HTML

    pdf = HTML(string=html).write_pdf()
    document = pypdfium2.PdfDocument(pdf)
    try:
        picture = document[0].render(scale=150 / 72).to_pil().convert("RGB")
    finally:
        document.close()
    return [picture] * pages


LIST_PAGE = (
    "<html><body style='font-size:28pt;font-family:sans-serif'><p>低保名单</p>"
    f"<p>张三 {ID}</p><p>电话 {MOBILE}</p></body></html>"
)


def image_only_pdf(pictures) -> bytes:
    out = io.BytesIO()
    pictures[0].save(out, "PDF", save_all=True, append_images=pictures[1:], resolution=150)
    return out.getvalue()


def test_pdf_form_field_values_are_scanned(item, clerk):
    attachment = t.attach_file(item, SimpleUploadedFile("表.pdf", pdf_with_filled_form()), by=clerk)
    assert attachment.scan_coverage == "scanned"
    masked = {h["masked"] for h in t.submit(item, by=clerk).personal_data}
    assert masked == {"110***********1232", "139****5678"}


def test_pdf_annotation_text_is_scanned(item, clerk):
    stream = b"BT /F1 12 Tf 72 720 Td (List) Tj ET"
    data = pdf_of(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
            b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R /Annots [6 0 R] >>",
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
            b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
            b"<< /Type /Annot /Subtype /Text /Rect [72 600 92 620] /Contents (tel "
            + MOBILE.encode()
            + b") >>",
        ]
    )
    t.attach_file(item, SimpleUploadedFile("名单.pdf", data), by=clerk)
    assert [h["masked"] for h in t.submit(item, by=clerk).personal_data] == ["139****5678"]


def test_a_scanned_pdf_is_read_by_ocr_and_goes_back_to_the_clerk(item, clerk, reviewer):
    data = image_only_pdf(rasterised(LIST_PAGE))
    attachment = t.attach_file(item, SimpleUploadedFile("扫描件.pdf", data), by=clerk)
    assert attachment.scan_coverage == "ocr" and attachment.scan_note == ""
    item = t.submit(item, by=clerk)
    assert {(h["masked"], h["where"]) for h in item.personal_data} == {
        ("110***********1232", "附件“扫描件.pdf”"),
        ("139****5678", "附件“扫描件.pdf”"),
    }
    item = t.redact_personal_data(item, by=reviewer)
    assert item.status == "returned" and "“扫描件.pdf”" in item.review_note


def test_a_png_list_is_read_by_ocr(item, clerk):
    out = io.BytesIO()
    rasterised(LIST_PAGE)[0].save(out, "PNG")
    t.attach_file(item, SimpleUploadedFile("名单.png", out.getvalue()), by=clerk)
    assert {h["masked"] for h in t.submit(item, by=clerk).personal_data} == {
        "110***********1232",
        "139****5678",
    }


def test_a_picture_inside_a_docx_is_read_by_ocr_and_cannot_be_masked(item, clerk, reviewer):
    import docx

    picture = io.BytesIO()
    rasterised(LIST_PAGE)[0].save(picture, "PNG")
    document = docx.Document()
    document.add_paragraph("名单如下图：")
    document.add_picture(picture)
    t.attach_file(item, SimpleUploadedFile("名单.docx", saved(document)), by=clerk)
    item = t.submit(item, by=clerk)
    assert "110***********1232" in {h["masked"] for h in item.personal_data}
    item = t.redact_personal_data(item, by=reviewer)
    assert item.status == "returned" and "如图片、文本框中" in item.review_note


def test_ocr_stops_at_its_page_limit_and_names_the_pages_not_read(
    item, clerk, reviewer, client, monkeypatch
):
    monkeypatch.setattr(documents, "OCR_MAX_PICTURES", 1)
    data = image_only_pdf(rasterised(LIST_PAGE, pages=3))
    attachment = t.attach_file(item, SimpleUploadedFile("扫描件.pdf", data), by=clerk)
    assert attachment.scan_coverage == "partial"
    assert "第 2 页（图片）（超过每个文件识别 1 张图片的上限）" in attachment.scan_note
    assert "第 3 页" in attachment.scan_note
    t.submit(item, by=clerk)
    client.force_login(reviewer)
    page = client.get(reverse("office:item", args=[item.pk])).content.decode()
    assert "附件“扫描件.pdf”：部分已扫描；无法自动扫描：第 2 页（图片）" in page


def test_a_picture_too_large_to_decode_is_flagged_not_decoded(item, clerk):
    from PIL import Image

    out = io.BytesIO()
    Image.new("1", (10_000, 7_000), 1).save(out, "PNG")  # 70 million pixels, a few KB
    attachment = t.attach_file(item, SimpleUploadedFile("大图.png", out.getvalue()), by=clerk)
    assert attachment.scan_coverage == "unscanned"
    assert attachment.scan_note == "图片（图片过大：10000×7000 像素）"


def test_the_reviewer_is_told_exactly_what_was_and_was_not_scanned(item, clerk, reviewer, client):
    from tests.catalogue.files import docx_with_text

    t.attach_file(item, SimpleUploadedFile("通知.docx", docx_with_text("无个人信息")), by=clerk)
    t.attach_file(item, SimpleUploadedFile("版式.ofd", ofd()), by=clerk)
    t.submit(item, by=clerk)
    client.force_login(reviewer)
    page = client.get(reverse("office:item", args=[item.pk])).content.decode()
    assert "附件“通知.docx”：已扫描全部内容" in page
    assert "附件“版式.ofd”：无法自动扫描（OFD 格式无法自动扫描），请人工查看" in page
    assert "正文和附件中未发现" not in page


def test_with_every_attachment_read_the_reviewer_may_be_told_nothing_was_found(
    item, clerk, reviewer, client
):
    from tests.catalogue.files import docx_with_text

    t.attach_file(item, SimpleUploadedFile("通知.docx", docx_with_text("无个人信息")), by=clerk)
    t.submit(item, by=clerk)
    client.force_login(reviewer)
    page = client.get(reverse("office:item", args=[item.pk])).content.decode()
    assert "正文和附件中未发现居民身份证号码、手机号码或银行卡号。" in page


def ofd() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as package:
        package.writestr("OFD.xml", '<ofd:OFD xmlns:ofd="http://www.ofdspec.org/2016"/>')
        package.writestr("Doc_0/Document.xml", "<ofd:Document/>")
    return out.getvalue()


def test_a_file_uploaded_before_the_wider_scan_is_read_again_on_submission(item, clerk):
    from gongkai.catalogue.models import ItemAttachment

    attachment = t.attach_file(
        item, SimpleUploadedFile("名单.docx", docx_header_and_footer()), by=clerk
    )
    # as the old reader left it: the body's text only, no coverage recorded
    ItemAttachment.objects.filter(pk=attachment.pk).update(
        text="正文没有个人信息。", scan_coverage=""
    )
    item = t.submit(item, by=clerk)
    assert {h["masked"] for h in item.personal_data} == {"139****5678", "110***********1232"}
    assert item.attachments.get().scan_coverage == "scanned"


def test_a_file_from_before_that_cannot_be_read_again_is_said_to_be_so(
    item, clerk, reviewer, client
):
    from gongkai.catalogue.models import ItemAttachment

    attachment = t.attach_file(item, SimpleUploadedFile("名单.docx", docx_nested_table()), by=clerk)
    ItemAttachment.objects.filter(pk=attachment.pk).update(
        scan_coverage="", storage_name="gone.docx"
    )
    t.submit(item, by=clerk)
    client.force_login(reviewer)
    page = client.get(reverse("office:item", args=[item.pk])).content.decode()
    assert "附件“名单.docx”：在扫描范围扩大之前上传" in page
    assert "正文和附件中未发现" not in page


def test_a_charts_values_are_read_each_on_its_own():
    """Cached chart values sit in no paragraph: 1500 and 2024001 are two numbers, not the
    mobile-shaped 15002024001; a value that is itself a mobile number is found."""
    from gongkai.statute.personal_data import scan

    chart = (
        '<c:chartSpace xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart">'
        "<c:pt><c:v>1500</c:v></c:pt><c:pt><c:v>2024001</c:v></c:pt>"
        f"<c:pt><c:v>{MOBILE}</c:v></c:pt></c:chartSpace>"
    )
    text = documents.part_text(documents._parse(chart.encode()))
    assert [hit.digits for hit in scan(text)] == [MOBILE]


@pytest.mark.parametrize(
    ("formula", "value"),
    [
        ('="139"&"1234"&"5678"', MOBILE),
        ('=CONCATENATE(A1,"5678")', MOBILE),
        ("=A1&B1", None),  # B1 is not known
        ("=SUM(A1:A3)", None),
        ("=LOG10(A1)", None),  # a function, not the cell LOG10
        ('=TEXT(A1,"0")', None),
        ("=A1+1", None),
    ],
)
def test_only_formulas_that_join_literals_and_cells_are_computed(formula, value):
    assert documents.computed(formula, {"A1": "1391234"}.get) == value
