"""Everything a reader of an attachment can see, read for the personal-data scan, and what
could not be read said plainly (issue 24): a reviewer is never told "未发现" about a part
nobody read.

- DOCX: every text node of every XML part (body, nested tables, content controls, tracked
  insertions and deletions, text boxes, fields, smart tags, headers, footers, footnotes,
  endnotes, comments, charts, document properties); pictures are recognised by OCR.
- XLSX: every cell as Excel shows it (a number format that turns 13800138000 into
  138-0013-8000, or "138"00000000 into a mobile number), formulas (their text, their cached
  value, or the value computed when it is plain concatenation of literals and cells),
  cell comments, headers and footers, text boxes, sheet names and properties.
- PDF: the text layer, form field values (AcroForm), annotations' text, and pages that
  are pictures (scans) recognised by OCR.
- JPEG/PNG: recognised by OCR. OFD: not read — said so.

OCR runs in the request, bounded simply (the report checker's bounded child-process runner
is a separate piece of work): at most OCR_MAX_PICTURES pictures per file, each scaled down
to OCR_MAX_PIXELS, pictures larger than OCR_MAX_SOURCE_PIXELS not decoded at all, and no new
picture started after OCR_SECONDS. What is left over is named in the note as not scanned.

Masking works on the same parts, in place: a DOCX's text nodes in every part, an XLSX's
cells, comments and headers/footers. What cannot be masked (a number in a picture, a PDF)
is found again when the masked file is read, and goes back to the clerk.
"""

from __future__ import annotations

import io
import itertools
import logging
import re
import time
import zipfile
from dataclasses import dataclass, field
from functools import cache

from gongkai.core import uploads

log = logging.getLogger(__name__)

SCANNED, OCR, PARTIAL, UNSCANNED = "scanned", "ocr", "partial", "unscanned"
OCR_MAX_PICTURES = 8
OCR_MAX_PIXELS = 4_000_000  # about A4 at 200 dpi
OCR_MAX_SOURCE_PIXELS = 60_000_000
OCR_SECONDS = 40
PICTURE_SHARE = 0.25  # a PDF page whose pictures cover this much of it is recognised
CELL = " | "  # between cells: no separator a number is written with


@dataclass
class Reading:
    """What was read of a file: its text, whether all of it was read, and what was not."""

    text: str = ""
    ocr: bool = False
    unread: list[str] = field(default_factory=list)  # each a Chinese phrase
    anything_read: bool = True

    @property
    def coverage(self) -> str:
        if not self.anything_read:
            return UNSCANNED
        if self.unread:
            return PARTIAL
        return OCR if self.ocr else SCANNED

    @property
    def note(self) -> str:
        return "；".join(self.unread)[:1000]


# --- OCR, bounded ----------------------------------------------------------------------------


@cache
def _engine():
    from rapidocr_onnxruntime import RapidOCR

    logging.getLogger("RapidOCR").setLevel(logging.ERROR)
    return RapidOCR(intra_op_num_threads=1, inter_op_num_threads=1)


class Recogniser:
    """OCR for one file's pictures, within the limits above."""

    def __init__(self) -> None:
        self.done = 0
        self.started = time.monotonic()
        self.skipped: list[str] = []

    def allowed(self, label: str) -> bool:
        if self.done >= OCR_MAX_PICTURES:
            self.skipped.append(f"{label}（超过每个文件识别 {OCR_MAX_PICTURES} 张图片的上限）")
            return False
        if time.monotonic() - self.started > OCR_SECONDS:
            self.skipped.append(f"{label}（超过 {OCR_SECONDS} 秒的识别时限）")
            return False
        return True

    def picture(self, image, label: str) -> str | None:
        """The text of a PIL image (lines top to bottom), or None when it was not read."""
        import numpy

        if not self.allowed(label):
            return None
        width, height = image.size
        if width * height > OCR_MAX_SOURCE_PIXELS:
            self.skipped.append(f"{label}（图片过大：{width}×{height} 像素）")
            return None
        if width * height > OCR_MAX_PIXELS:
            scale = (OCR_MAX_PIXELS / (width * height)) ** 0.5
            image = image.resize((max(1, int(width * scale)), max(1, int(height * scale))))
        self.done += 1
        try:
            rgb = numpy.asarray(image.convert("RGB"))[:, :, ::-1].copy()  # BGR, as OpenCV
            result, _ = _engine()(rgb)
        except Exception as error:  # the engine's own failures: the picture stays unread
            log.warning("OCR failed: %r", error)
            self.skipped.append(f"{label}（文字识别失败）")
            return None
        return _lines(result or [])

    def picture_bytes(self, data: bytes, label: str) -> str | None:
        from PIL import Image

        try:
            with Image.open(io.BytesIO(data)) as image:
                width, height = image.size  # read from the header, nothing decoded yet
                if width * height > OCR_MAX_SOURCE_PIXELS:
                    self.skipped.append(f"{label}（图片过大：{width}×{height} 像素）")
                    return None
                image.load()
                return self.picture(image, label)
        except Image.DecompressionBombError:
            self.skipped.append(f"{label}（图片过大）")
            return None
        except Exception as error:  # Pillow raises many kinds on damaged or odd pictures
            log.info("picture unreadable: %r", error)
            self.skipped.append(f"{label}（图片格式无法识别）")
            return None


def _lines(result) -> str:
    """Recognised boxes as lines: boxes whose middles are within half a line's height of one
    another are one line; far-apart boxes on a line are separate cells."""
    boxes = []
    for box, text, _score in result:
        xs, ys = [p[0] for p in box], [p[1] for p in box]
        boxes.append((min(ys), max(ys), min(xs), max(xs), text))
    boxes.sort()
    lines: list[list] = []
    for top, bottom, left, right, text in boxes:
        middle = (top + bottom) / 2
        if lines and abs(lines[-1][0] - middle) < (bottom - top) / 2:
            lines[-1][1].append((left, right, text, bottom - top))
        else:
            lines.append([middle, [(left, right, text, bottom - top)]])
    out = []
    for _, parts in lines:
        parts.sort()
        line = parts[0][2]
        for (_, previous_right, _, _), (left, _, text, height) in itertools.pairwise(parts):
            line += (" " if left - previous_right < height else CELL) + text
        out.append(line)
    return "\n".join(out)


# --- XML parts -------------------------------------------------------------------------------

TEXT_NODES = frozenset({"t", "delText", "instrText", "v"})
BREAKS = frozenset({"br", "cr"})
TABS = frozenset({"tab", "ptab"})
# a change of these between two paragraphs is a change of cell or box: never one number
CONTAINERS = frozenset(
    {"tc", "txbxContent", "footnote", "endnote", "comment", "hdr", "ftr", "body", "txBody"}
)
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"


def _parse(data: bytes):
    from lxml import etree

    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False
    )
    return etree.fromstring(data, parser)


def _local(element) -> str:
    tag = element.tag
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


class TextStream:
    """The text nodes of one XML part (or subtree) in reading order, as scan pieces: a
    node's text, a synthetic space or line break, or None between cells and boxes. Text
    inside mc:Fallback is left out when reading from above it: it repeats its mc:Choice
    (a text box for older Word); its own stream reads it (see streams())."""

    def __init__(self, root, *, every_leaf: bool = False) -> None:
        self.pieces: list[str | None] = []
        self.nodes: list = []  # the element whose .text each piece is (None if synthetic)
        paragraph = container = None
        for element in root.iter():
            name = _local(element)
            if (name in TEXT_NODES or every_leaf) and _under_fallback(element, root):
                continue
            if every_leaf:  # document properties: every leaf element's text, each apart
                if len(element) == 0 and element.text and element.text.strip():
                    self._add(None, None)
                    self._add(element.text, element)
                continue
            if name in TEXT_NODES and element.text:
                # a node outside any paragraph (a chart's value) stands alone
                here = _ancestor(element, {"p"})
                box = _ancestor(element, CONTAINERS) if here is not None else element
                if self.pieces and (here is None or here is not paragraph):
                    self._add(None if box is not container else "\n", None)
                paragraph, container = here, box
                self._add(element.text, element)
            elif name in TABS:
                self._add(" ", None)
            elif name in BREAKS:
                self._add("\n", None)

    def _add(self, piece, node) -> None:
        self.pieces.append(piece)
        self.nodes.append(node)

    @property
    def text(self) -> str:
        return "".join("\n\n" if p is None else p for p in self.pieces).strip()


def _under_fallback(element, root) -> bool:
    for parent in element.iterancestors():
        if parent is root:
            return False
        if parent.tag == f"{{{MC}}}Fallback":
            return True
    return False


def _ancestor(element, names):
    for parent in element.iterancestors():
        if _local(parent) in names:
            return parent
    return None


def streams(root, *, every_leaf: bool = False) -> list[TextStream]:
    """The part's main stream, then one per mc:Fallback."""
    return [TextStream(root, every_leaf=every_leaf)] + [
        TextStream(f, every_leaf=every_leaf) for f in root.iter(f"{{{MC}}}Fallback")
    ]


W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _attributes(root):
    """(element, attribute) of the values a reader meets outside text nodes: a simple
    field's instruction (HYPERLINK "tel:…") and an external link's address (a .rels part)."""
    for element in root.iter():
        name = _local(element)
        if name == "fldSimple" and element.get(f"{{{W}}}instr"):
            yield element, f"{{{W}}}instr"
        elif name == "Relationship" and element.get("TargetMode") == "External":
            yield element, "Target"


def part_text(root, *, every_leaf: bool = False) -> str:
    """The part's text; a fallback's only when it says something its choice does not."""
    main, *fallbacks = streams(root, every_leaf=every_leaf)
    texts = [main.text] + [f.text for f in fallbacks if f.text and f.text not in main.text]
    texts += [element.get(attribute) for element, attribute in _attributes(root)]
    return "\n\n".join(t for t in texts if t)


def mask_part(root, *, every_leaf: bool = False) -> bool:
    """Mask every personal number among the part's text nodes in place; True if changed."""
    from gongkai.statute.personal_data import mask_pieces, redact, scan, scan_pieces

    changed = False
    for element, attribute in list(_attributes(root)):
        value = element.get(attribute)
        if hits := scan(value):
            element.set(attribute, redact(value, hits))
            changed = True
    for stream in streams(root, every_leaf=every_leaf):
        hits = scan_pieces(stream.pieces)
        if not hits:
            continue
        for node, old, new in zip(
            stream.nodes, stream.pieces, mask_pieces(stream.pieces, hits), strict=True
        ):
            if node is not None and old != new:
                node.text = new
                changed = True
    return changed


# --- DOCX ------------------------------------------------------------------------------------

PICTURES = (".png", ".jpg", ".jpeg", ".gif", ".bmp", ".tif", ".tiff")


def _docx_order(name: str) -> tuple:
    """The body first, then headers, footers, notes, comments, the rest; properties last."""
    ranks = ("word/document", "word/header", "word/footer", "word/footnotes", "word/endnotes")
    rank = next((i for i, prefix in enumerate(ranks) if name.startswith(prefix)), len(ranks))
    return (name.startswith(("docProps/", "customXml/")), rank, name)


def _docx_xml_parts(names) -> list[tuple[str, bool]]:
    """(part name, every_leaf) for each XML part with text in it."""
    parts = [(n, False) for n in names if n.startswith("word/") and n.endswith((".xml", ".rels"))]
    parts += [
        (n, True)
        for n in names
        if n.endswith(".xml")
        and (n.startswith("docProps/") or (n.startswith("customXml/item") and "Props" not in n))
    ]
    return sorted(parts, key=lambda p: _docx_order(p[0]))


def read_docx(data: bytes, recogniser: Recogniser) -> Reading:
    reading = Reading()
    texts = []
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        names = package.namelist()
        if "word/document.xml" not in names:
            raise ValueError("no word/document.xml")  # not a Word document: refused
        for name, every_leaf in _docx_xml_parts(names):
            text = part_text(_parse(package.read(name)), every_leaf=every_leaf)
            if text:
                texts.append(text)
        for name in names:
            label = f"文中图片“{name.rsplit('/', 1)[-1]}”"
            if name.startswith("word/media/"):
                if name.lower().endswith(PICTURES):
                    got = recogniser.picture_bytes(package.read(name), label)
                    if got is not None:
                        reading.ocr = True
                        texts.append(got)
                else:
                    reading.unread.append(f"{label}（该图片格式无法识别）")
            elif name.startswith("word/embeddings/"):
                reading.unread.append(f"嵌入对象“{name.rsplit('/', 1)[-1]}”")
    reading.unread += recogniser.skipped
    reading.text = "\n\n".join(texts)
    return reading


def mask_docx(data: bytes) -> bytes:
    """The same package with every part's personal numbers masked in its text nodes; parts
    without any copied byte for byte."""
    from lxml import etree

    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        xml_parts = dict(_docx_xml_parts(package.namelist()))
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as masked:
            for info in package.infolist():
                content = package.read(info)
                if info.filename in xml_parts:
                    root = _parse(content)
                    if mask_part(root, every_leaf=xml_parts[info.filename]):
                        content = etree.tostring(
                            root, xml_declaration=True, encoding="UTF-8", standalone=True
                        )
                masked.writestr(info, content)
    return out.getvalue()


# --- XLSX ------------------------------------------------------------------------------------

FORMULA_TOKEN = re.compile(
    r'\s*(?:(?P<string>"(?:[^"]|"")*")|(?P<number>\d+(?:\.\d+)?)|(?P<ref>\$?[A-Z]{1,3}\$?\d+(?!\s*\())'
    r"|(?P<op>&|,|\(|\))|(?P<name>CONCATENATE|CONCAT|TEXT)\s*(?=\())",
    re.IGNORECASE,
)


def computed(formula: str, value_of) -> str | None:
    """The value of a formula that only joins literals and cells (="138"&"0013"&A2,
    =CONCATENATE(A1,B1)); None for anything else. `value_of(ref)` gives a cell's text or
    None when it is not known."""
    body = formula[1:] if formula.startswith("=") else formula
    out, position = [], 0
    while position < len(body):
        match = FORMULA_TOKEN.match(body, position)
        if not match or match.end() == position:
            return None if body[position:].strip() else "".join(out)
        position = match.end()
        if match["string"] is not None:
            out.append(match["string"][1:-1].replace('""', '"'))
        elif match["number"] is not None:
            out.append(match["number"])
        elif match["ref"] is not None:
            value = value_of(match["ref"].replace("$", "").upper())
            if value is None:
                return None
            out.append(value)
        elif match["name"] is not None and match["name"].upper() == "TEXT":
            return None  # a format argument: not plain joining
    return "".join(out)


def _format_sections(fmt: str) -> list[str]:
    sections, current, quoted = [], "", False
    for char in fmt:
        if char == '"':
            quoted = not quoted
        if char == ";" and not quoted:
            sections.append(current)
            current = ""
        else:
            current += char
    return [*sections, current]


def displayed(value, fmt: str) -> str | None:
    """What Excel shows for a whole, non-negative number under a format made of digit
    placeholders (0 # ?) and literals ("138", \\-, -, space, brackets): 13800138000 under
    000-0000-0000 shows 138-0013-8000. None for every other format (dates, decimals,
    thousands separators, General)."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    if value != int(value) or value < 0 or not fmt or fmt in ("General", "@"):
        return None
    section = _format_sections(fmt)[0]
    tokens: list[tuple[str, str]] = []  # ("digit", placeholder) or ("literal", text)
    i = 0
    while i < len(section):
        char = section[i]
        if char == '"':
            end = section.find('"', i + 1)
            if end < 0:
                return None
            tokens.append(("literal", section[i + 1 : end]))
            i = end + 1
            continue
        if char == "\\" and i + 1 < len(section):
            tokens.append(("literal", section[i + 1]))
            i += 2
            continue
        if char == "[":  # a colour or a condition
            end = section.find("]", i)
            if end < 0:
                return None
            i = end + 1
            continue
        if char in "0#?":
            tokens.append(("digit", char))
        elif char in " -()/+:_*":
            tokens.append(("literal", " " if char in "_*" else char))
        else:
            return None  # . , % E @ letters of dates: not a format this reads
        i += 1
    placeholders = [t for t in tokens if t[0] == "digit"]
    if not placeholders:
        return None
    digits = str(int(value))
    if digits == "0" and all(p[1] != "0" for p in placeholders):
        digits = ""
    fills: list[str] = []
    remaining = digits
    for _, placeholder in reversed(placeholders):
        if remaining:
            fills.append(remaining[-1])
            remaining = remaining[:-1]
        else:
            fills.append({"0": "0", "#": "", "?": " "}[placeholder])
    fills.reverse()
    fills[0] = remaining + fills[0]  # more digits than placeholders: all at the first
    shown, k = [], 0
    for kind, text in tokens:
        if kind == "digit":
            shown.append(fills[k])
            k += 1
        else:
            shown.append(text)
    return "".join(shown)


def _plain(value) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _header_footer_parts(sheet):
    """Each (label, part) of the sheet's headers and footers that has text."""
    names = {"Header": "页眉", "Footer": "页脚"}
    for attribute in ("oddHeader", "oddFooter", "evenHeader", "evenFooter", "firstHeader",
                      "firstFooter"):  # fmt: skip
        block = getattr(sheet.HeaderFooter, attribute, None)
        if block is None:
            continue
        for side in ("left", "center", "right"):
            part = getattr(block, side, None)
            if part is not None and part.text:
                yield names[attribute[-6:]], part


def _xlsx_cells(book, values):
    """For each cell: (cell, text a reader sees or None, formula text, why unread)."""
    for sheet in book.worksheets:
        cached = values[sheet.title] if values is not None else None

        def value_of(ref, sheet=sheet, cached=cached):
            cell = sheet[ref]
            if isinstance(cell.value, str) and cell.value.startswith("="):
                value = cached[ref].value if cached is not None else None
            else:
                value = cell.value
            return None if value is None else _plain(value)

        for row in sheet.iter_rows():
            for cell in row:
                value = cell.value
                if value is None or isinstance(value, bool):
                    continue
                if cell.data_type == "f" or (isinstance(value, str) and value.startswith("=")):
                    formula = str(value)
                    result = cached[cell.coordinate].value if cached is not None else None
                    if result is None:
                        result = computed(formula, value_of)
                    if result is None:
                        yield cell, None, formula
                        continue
                    shown = displayed(result, cell.number_format) or _plain(result)
                    yield cell, shown, formula
                    continue
                shown = displayed(value, cell.number_format)
                plain = _plain(value)
                if shown is not None and re.sub(r"\D", "", shown) != plain:
                    # the file holds one number, the screen shows another: both are read
                    yield cell, f"{shown}{CELL}{plain}", None
                else:
                    yield cell, shown or plain, None


def read_xlsx(data: bytes, recogniser: Recogniser) -> Reading:
    import openpyxl

    book = openpyxl.load_workbook(io.BytesIO(data))
    values = openpyxl.load_workbook(io.BytesIO(data), data_only=True)
    reading = Reading()
    blocks: list[str] = []
    unread: dict[str, list[str]] = {}
    rows: dict[tuple[str, int], list[str]] = {}
    for cell, shown, formula in _xlsx_cells(book, values):
        sheet = cell.parent.title
        line = rows.setdefault((sheet, cell.row), [])
        if shown is None:
            unread.setdefault(sheet, []).append(cell.coordinate)
        else:
            line.append(shown)
        if formula:
            line.append(formula)
    blocks += [CELL.join(cells) for cells in rows.values() if cells]
    for sheet in book.worksheets:
        blocks.append(sheet.title)
        for row in sheet.iter_rows():
            for cell in row:
                if cell.comment is not None and cell.comment.text:
                    blocks.append(cell.comment.text)
        blocks += [part.text for _, part in _header_footer_parts(sheet)]
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        for name in package.namelist():
            drawn = name.startswith(("xl/drawings/", "xl/charts/"))
            if name.endswith(".xml") and drawn and "/_rels/" not in name:
                blocks.append(part_text(_parse(package.read(name))))
            elif name.endswith(".xml") and name.startswith(("docProps/", "xl/threadedComments/")):
                blocks.append(part_text(_parse(package.read(name)), every_leaf=True))
            elif name.startswith("xl/media/") and name.lower().endswith(PICTURES):
                got = recogniser.picture_bytes(package.read(name), f"表中图片“{name[9:]}”")
                if got is not None:
                    reading.ocr = True
                    blocks.append(got)
            elif name.startswith("xl/embeddings/"):
                reading.unread.append(f"嵌入对象“{name.rsplit('/', 1)[-1]}”")
    for sheet, cells in unread.items():
        listed = "、".join(cells[:5]) + (f" 等 {len(cells)} 个" if len(cells) > 5 else "")
        reading.unread.append(
            f"工作表“{sheet}”的公式单元格 {listed} 没有保存计算结果，无法自动扫描"
            "（请在 Excel 或 WPS 中打开、保存后重新上传）"
        )
    reading.unread += recogniser.skipped
    reading.text = "\n\n".join(b for b in blocks if b)
    return reading


def mask_xlsx(data: bytes) -> bytes | None:
    """Cells (as shown), formulas, comments, headers and footers masked where they are; None
    when a number is in a text box or shape (see below)."""
    import openpyxl
    from openpyxl.comments import Comment

    from gongkai.statute.personal_data import redact, scan

    with zipfile.ZipFile(io.BytesIO(data)) as package:
        drawings = [
            name
            for name in package.namelist()
            if name.startswith("xl/drawings/") and name.endswith(".xml") and "/_rels/" not in name
        ]
        if any(scan(part_text(_parse(package.read(name)))) for name in drawings):
            # openpyxl does not keep text boxes and shapes: masking would delete them
            # unseen; the clerk masks the box at the source instead
            return None
    book = openpyxl.load_workbook(io.BytesIO(data))
    values = openpyxl.load_workbook(io.BytesIO(data), data_only=True)
    for cell, shown, formula in list(_xlsx_cells(book, values)):
        if formula and scan(formula):
            cell.value = redact(formula, scan(formula))
        if shown and scan(shown):
            # the masked text replaces the number (or the formula that shows it)
            cell.value = redact(shown, scan(shown)).split(CELL)[0]
            cell.number_format = "@"
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                comment = cell.comment
                if comment is not None and comment.text and scan(comment.text):
                    cell.comment = Comment(redact(comment.text, scan(comment.text)), comment.author)
        for _, part in _header_footer_parts(sheet):
            if scan(part.text):
                part.text = redact(part.text, scan(part.text))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


# --- PDF and pictures ------------------------------------------------------------------------


def _pdf_fields(pdf) -> list[str]:
    """The values filled into the PDF's form (AcroForm): not in the text layer."""
    from pdfminer.pdftypes import resolve1
    from pdfminer.utils import decode_text

    form = resolve1(pdf.doc.catalog.get("AcroForm"))
    if not isinstance(form, dict):
        return []
    found: list[str] = []

    def walk(fields, depth: int = 0) -> None:
        for reference in resolve1(fields) or []:
            entry = resolve1(reference)
            if not isinstance(entry, dict) or depth > 20 or len(found) > 10_000:
                continue
            value = resolve1(entry.get("V"))
            if isinstance(value, bytes):
                found.append(decode_text(value))
            elif isinstance(value, str):
                found.append(value)
            if "Kids" in entry:
                walk(entry["Kids"], depth + 1)

    walk(form.get("Fields"))
    return [value for value in found if value.strip()]


def _picture_share(page) -> float:
    area = float(page.width * page.height) or 1.0
    covered = 0.0
    for image in page.images:
        width = max(0.0, min(image["x1"], page.width) - max(image["x0"], 0))
        height = max(0.0, min(image["bottom"], page.height) - max(image["top"], 0))
        covered += width * height
    return covered / area


def read_pdf(data: bytes, recogniser: Recogniser) -> Reading:
    import pdfplumber

    reading = Reading()
    texts: list[str] = []
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        fields = _pdf_fields(pdf)
        if fields:
            texts.append("\n\n".join(fields))
        for number, page in enumerate(pdf.pages, start=1):
            text = page.extract_text() or ""
            texts.append(text)
            notes = [a.get("contents") for a in page.annots if isinstance(a.get("contents"), str)]
            texts += [n for n in notes if n]
            if _picture_share(page) < PICTURE_SHARE and (text.strip() or not page.images):
                continue
            label = f"第 {number} 页（图片）"
            if not recogniser.allowed(label):
                continue
            points = float(page.width * page.height) or 1.0
            resolution = min(200.0, 72 * (OCR_MAX_PIXELS / points) ** 0.5)
            try:
                picture = page.to_image(resolution=resolution).original
            except Exception as error:  # pypdfium2's failures on one page: that page unread
                log.info("page not rasterised: %r", error)
                recogniser.skipped.append(f"{label}（无法转为图片）")
                continue
            got = recogniser.picture(picture, label)
            if got is not None:
                reading.ocr = True
                texts.append(got)
    reading.unread += recogniser.skipped
    reading.text = "\n\n".join(t for t in texts if t)
    return reading


def read_picture(data: bytes, recogniser: Recogniser) -> Reading:
    got = recogniser.picture_bytes(data, "图片")
    if got is None:
        return Reading(unread=recogniser.skipped, anything_read=False)
    return Reading(text=got, ocr=True)


# --- one entry point -------------------------------------------------------------------------


def read(data: bytes, kind) -> Reading:
    """Everything a reader of the file can see; what could not be read named in `unread`.
    Raises whatever the parser raises on a damaged file (the caller refuses the upload)."""
    recogniser = Recogniser()
    if kind is uploads.DOCX:
        return read_docx(data, recogniser)
    if kind is uploads.XLSX:
        return read_xlsx(data, recogniser)
    if kind is uploads.PDF:
        return read_pdf(data, recogniser)
    if kind in (uploads.JPEG, uploads.PNG):
        return read_picture(data, recogniser)
    return Reading(unread=["OFD 格式无法自动扫描"], anything_read=False)
