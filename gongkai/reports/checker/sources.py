"""Any published report → one normalised text stream.

Cells of tables are separated by CELL, rows by newlines, whatever the source: HTML tables,
`|`-separated text and Markdown, DOCX tables, or PDF text. Traditional characters become
simplified, full-width digits and brackets half-width, so labels compare after one
normalisation."""

from __future__ import annotations

import io
import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path

CELL = "\x1f"
SUFFIXES = {
    ".html": "html",
    ".htm": "html",
    ".shtml": "html",
    ".xhtml": "html",
    ".docx": "docx",
    ".pdf": "pdf",
    ".txt": "text",
    ".md": "text",
    ".text": "text",
    ".png": "image",
    ".jpg": "image",
    ".jpeg": "image",
    ".gif": "image",
    ".bmp": "image",
    ".tif": "image",
    ".tiff": "image",
    ".webp": "image",
}
IMAGE_SUFFIXES = tuple(suffix for suffix, kind in SUFFIXES.items() if kind == "image")
BLOCK_TAGS = {
    "p",
    "div",
    "br",
    "li",
    "tr",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "section",
    "article",
    "header",
    "footer",
    "ul",
    "ol",
    "table",
    "dd",
    "dt",
    "blockquote",
    "center",
    "pre",
    "title",
}
SKIP_TAGS = {"script", "style", "noscript", "template", "head", "select", "option", "button"}


def ocr_available() -> bool:
    from .ocr import available

    return available()


def ocr_image(data: bytes) -> str | None:
    from .ocr import image_text

    return image_text(data)


def ocr_pdf_page(page) -> str | None:
    from .ocr import pdf_page_text

    return pdf_page_text(page)


class UnreadableReport(Exception):
    """The file could not be read at all (exit status 2); the message is for the user."""


@dataclass(frozen=True)
class Source:
    path: str
    kind: str  # html, docx, pdf, image, text
    text: str  # normalised, with CELL between table cells
    images: int = 0  # pictures in the report that were not read (no OCR engine, or no text)
    ocr: bool = False  # some of `text` was recognised from images


def kind_of(path: Path) -> str | None:
    for suffix in reversed(path.suffixes or [path.suffix]):
        if suffix.lower() in SUFFIXES:
            return SUFFIXES[suffix.lower()]
    return None


def read_source(path: Path) -> Source:
    kind = kind_of(path) or "text"
    try:
        data = path.read_bytes()
    except OSError as error:
        raise UnreadableReport(f"无法读取文件：{error.strerror}") from None
    if not data.strip():
        raise UnreadableReport("文件是空的")
    images = 0
    recognised = False
    if kind == "docx":
        raw = plain_text(docx_text(data))  # a Markdown file converted keeps its rules
    elif kind == "pdf":
        raw, images, recognised = read_pdf(data, ocr_pdf_page if ocr_available() else None)
    elif kind == "image":
        if not ocr_available():
            return Source(str(path), kind, "", images=1)
        raw = ocr_image(data)
        if raw is None:
            raise UnreadableReport("无法作为图片打开")
        recognised = True
    else:
        text = decode(data)
        if kind == "text" and re.search(r"<(table|html|body|td)\b", text[:20000], re.I):
            kind = "html"
        raw = html_text(text) if kind == "html" else plain_text(text)
    return Source(str(path), kind, normalise(raw), images, recognised)


def decode(data: bytes) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace")
    head = data[:3000].lower()
    declared = re.search(rb"charset=[\"']?([a-z0-9_-]+)", head)
    encodings = ["utf-8", "gb18030"]
    if declared and declared.group(1).decode() in ("gb2312", "gbk", "gb18030"):
        encodings.reverse()
    for encoding in encodings:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("utf-8", errors="replace")


@cache
def _converter():
    import opencc

    return opencc.OpenCC("t2s")


# PDF fonts often map characters to CJK Radicals Supplement code points (⺠ for 民, ⻚ for 页);
# NFKC folds the Kangxi radicals block but not this one.
RADICALS = str.maketrans(
    "⺟⺠⺩⻄⻅⻆⻉⻋⻓⻔⻘⻙⻚⻛⻜⻝⻢⻣⻤⻥⻦⻧⻨⻩⻪⻬⻮⻰⻳",
    "母民王西见角贝车长门青韦页风飞食马骨鬼鱼鸟卤麦黄黾齐齿龙龟",
)
PUNCTUATION_MAP = str.maketrans(
    {
        "〔": "[",
        "〕": "]",
        "【": "[",
        "】": "]",
        "﹝": "[",
        "﹞": "]",
        "、": "、",
        "\u3000": " ",
        "\xa0": " ",
        "|": CELL,
        "｜": CELL,
    }
)


def normalise(text: str) -> str:
    text = unicodedata.normalize("NFKC", text.replace("|", CELL).replace("｜", CELL))
    text = text.translate(RADICALS)
    text = _converter().convert(text)
    text = text.translate(PUNCTUATION_MAP)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return re.sub(r"[ \t]+", " ", text)


def plain_text(text: str) -> str:
    # Markdown table rule lines (|---|:--:|) carry nothing.
    return re.sub(r"(?m)^\s*\|?(\s*:?-{2,}:?\s*\|)+\s*:?-*:?\s*$", "", text)


def html_text(text: str) -> str:
    import lxml.html
    from lxml import etree

    try:
        root = lxml.html.document_fromstring(text)
    except (etree.ParserError, ValueError):
        return plain_text(re.sub(r"<[^>]+>", " ", text))
    out: list[str] = []
    _walk(root, out)
    return "".join(out)


def _walk(element, out: list[str]) -> None:
    tag = element.tag if isinstance(element.tag, str) else ""
    tag = tag.lower()
    if tag in SKIP_TAGS or not tag:
        if element.tail:
            out.append(element.tail)
        return
    if tag == "table":
        out.append("\n")
        _table(element, out)
        out.append("\n")
    else:
        block = tag in BLOCK_TAGS
        if block:
            out.append("\n")
        if element.text:
            out.append(element.text)
        for child in element:
            _walk(child, out)
        if block:
            out.append("\n")
    if element.tail:
        out.append(element.tail)


def _table(table, out: list[str]) -> None:
    for row in table.iter("tr"):
        if _owning_table(row) is not table:
            continue
        cells = [c for c in row if isinstance(c.tag, str) and c.tag.lower() in ("td", "th")]
        for cell in cells:
            out.append(CELL)
            if any(True for _ in cell.iter("table")):
                inner: list[str] = []
                for child in cell:
                    _walk(child, inner)
                out.append((cell.text or "") + "".join(inner))
            else:
                out.append(" ".join(cell.text_content().split()))
        out.append(CELL + "\n")


def _owning_table(row):
    parent = row.getparent()
    while parent is not None and parent.tag != "table":
        parent = parent.getparent()
    return parent


def docx_text(data: bytes) -> str:
    import docx
    from docx.oxml.ns import qn

    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as error:  # python-docx raises several kinds for a damaged package
        raise UnreadableReport(f"无法作为 DOCX 文件打开：{type(error).__name__}") from None
    out: list[str] = []
    for child in document.element.body.iterchildren():
        if child.tag == qn("w:p"):
            out.append("".join(t.text or "" for t in child.iter(qn("w:t"))) + "\n")
        elif child.tag == qn("w:tbl"):
            out.append("\n")
            for row in child.iter(qn("w:tr")):
                for cell in row.iterchildren(qn("w:tc")):
                    merged = cell.find(f"{qn('w:tcPr')}/{qn('w:vMerge')}")
                    continued = merged is not None and merged.get(qn("w:val")) in (None, "continue")
                    text = "" if continued else "".join(t.text or "" for t in cell.iter(qn("w:t")))
                    if not continued:
                        out.append(CELL + text)
                out.append(CELL + "\n")
    return "".join(out)


def pdf_text(data: bytes) -> str:
    return read_pdf(data)[0]


def read_pdf(data: bytes, ocr=None) -> tuple[str, int, bool]:
    """A PDF's text by layout: tables rebuilt from their ruling lines (blank cells kept, a
    label wrapped over lines joined), other text in lines, both in their order on the page.
    Pages that are only a picture go to `ocr` (a function of the page image) when given.
    Returns the text, the number of picture pages not read, and whether any page was OCR'd."""
    import logging

    import pdfplumber

    # pdfminer warns once per glyph about font metrics it does not need for text
    logging.getLogger("pdfminer").setLevel(logging.ERROR)

    pages: list[str] = []
    unread_images = 0
    recognised = False
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            for page in pdf.pages:
                if not page.chars and page.images:
                    text = ocr(page) if ocr else None
                    if text is None:
                        unread_images += 1
                        continue
                    recognised = True
                    pages.append(text)
                    continue
                # tables pasted in as pictures beside the text layer (headings, prose)
                pictures = _table_pictures(page)
                recognised_pieces, unread = _recognised_pictures(page, pictures, ocr)
                unread_images += unread
                recognised = recognised or bool(recognised_pieces)
                pages.append(_pdf_page(page, recognised_pieces))
    except Exception as error:  # pdfminer raises many kinds for a damaged file
        raise UnreadableReport(f"无法作为 PDF 文件读取：{type(error).__name__}") from None
    return "\n".join(pages), unread_images, recognised


# A picture this wide on a page with text is a table (or a scan of one), not a logo or a
# seal (about 4 cm, a fifth of the width): a table of two columns pasted in as a screenshot
# still takes a quarter of it.
PICTURE_WIDTH = 0.25
PICTURE_HEIGHT = 18  # points: a row of a table and its rules


def _table_pictures(page) -> list[dict]:
    return [
        image
        for image in page.images
        if float(image["x1"] - image["x0"]) >= PICTURE_WIDTH * float(page.width)
        and float(image["bottom"] - image["top"]) >= PICTURE_HEIGHT
    ]


def _recognised_pictures(page, pictures: list[dict], ocr) -> tuple[list[tuple[float, str]], int]:
    """Each picture's recognised text with its place on the page; and how many were not read."""
    pieces = []
    unread = 0
    for image in pictures:
        box = (
            max(0, image["x0"]),
            max(0, image["top"]),
            min(page.width, image["x1"]),
            min(page.height, image["bottom"]),
        )
        if ocr is None:
            unread += 1
            continue
        text = ocr(page.crop(box))
        if not text or not re.search(r"\d", text):
            continue  # a banner or a photograph: no figures, no table
        pieces.append((float(image["top"]), "\n" + text + "\n"))
    return pieces, unread


def _pdf_page(page, pictures: list[tuple[float, str]] = ()) -> str:
    """The page's text by layout; `pictures`: recognised pictures' text by their place."""
    try:
        tables = page.find_tables()
    except Exception:  # a page whose lines pdfplumber cannot make a grid of
        tables = []
    if not tables and not pictures:
        return page.extract_text() or ""
    boxes = [table.bbox for table in tables]

    def inside(x: float, y: float, box) -> bool:
        x0, top, x1, bottom = box
        return x0 <= x <= x1 and top <= y <= bottom

    # A column printed past the page's right margin loses its right rule, and pdfplumber
    # leaves it out of the grid: its words, level with a row, are that row's last cells.
    words = page.extract_words(keep_blank_chars=False, use_text_flow=False)
    spill: dict[int, dict[int, list[str]]] = {}
    for word in words:
        x, y = (word["x0"] + word["x1"]) / 2, (word["top"] + word["bottom"]) / 2
        if any(inside(x, y, box) for box in boxes):
            continue
        for index, table in enumerate(tables):
            _, top, x1, bottom = table.bbox
            if not (x > x1 and top <= y <= bottom):
                continue
            for row_index, row in enumerate(table.rows):
                cells = [cell for cell in row.cells if cell is not None]
                # a cell spanning rows below makes the row's box too tall: the shortest cell
                bottom = min((cell[3] for cell in cells), default=row.bbox[3])
                if row.bbox[1] <= y <= bottom:
                    spill.setdefault(index, {}).setdefault(row_index, []).append(word["text"])
                    break
    wide = [
        (box[0], box[1], page.width, box[3]) if index in spill else box
        for index, box in enumerate(boxes)
    ]

    def outside(obj) -> bool:
        if obj.get("object_type") != "char":
            return True
        x = (obj["x0"] + obj["x1"]) / 2
        y = (obj["top"] + obj["bottom"]) / 2
        return not any(inside(x, y, box) for box in wide)

    pieces = [(line["top"], line["text"]) for line in page.filter(outside).extract_text_lines()]
    for index, table in enumerate(tables):
        rows = []
        extra = spill.get(index)
        for row_index, row in enumerate(_table_cells(table, page.chars)):
            cells = [_pdf_cell(cell) for cell in row if cell is not None]  # None: under a span
            if extra is not None:
                cells.append(" ".join(extra.get(row_index, [])))
            rows.append(CELL + CELL.join(cells) + CELL)
        pieces.append((table.bbox[1], "\n" + "\n".join(rows) + "\n"))
    pieces += pictures
    pieces.sort(key=lambda piece: piece[0])
    return "\n".join(text for _, text in pieces)


def _table_cells(table, chars) -> list[list[str | None]]:
    """The text of every cell, each character in the smallest cell around it: a grid read
    from a page saved from Word can give a label cell that spans the cells beside it."""
    from pdfplumber.utils import extract_text

    x0, top, x1, bottom = table.bbox
    boxes = [cell for row in table.rows for cell in row.cells if cell is not None]
    owned: dict[tuple, list] = {box: [] for box in boxes}
    for char in chars:
        x = (char["x0"] + char["x1"]) / 2
        y = (char["top"] + char["bottom"]) / 2
        if not (x0 <= x <= x1 and top <= y <= bottom):
            continue
        around = [b for b in boxes if b[0] <= x <= b[2] and b[1] <= y <= b[3]]
        if around:
            owned[min(around, key=lambda b: (b[2] - b[0]) * (b[3] - b[1]))].append(char)
    return [
        [None if cell is None else extract_text(owned[cell]) for cell in row.cells]
        for row in table.rows
    ]


def _pdf_cell(text: str) -> str:
    """A cell's lines as one: Chinese wrapped mid-word joins without a space."""
    lines = [line.strip() for line in text.split("\n")]
    out = ""
    for line in lines:
        if out and not (re.match(r"[\u4e00-\u9fff（）()“”、，]", line[:1]) or out[-1:] > "\u2e80"):
            out += " "
        out += line
    return out
