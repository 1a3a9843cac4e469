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
    if kind == "docx":
        raw = docx_text(data)
    elif kind == "pdf":
        raw = pdf_text(data)
    else:
        text = decode(data)
        if kind == "text" and re.search(r"<(table|html|body|td)\b", text[:20000], re.I):
            kind = "html"
        raw = html_text(text) if kind == "html" else plain_text(text)
    return Source(str(path), kind, normalise(raw))


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
    import logging

    import pdfplumber

    # pdfminer warns once per glyph about font metrics it does not need for text
    logging.getLogger("pdfminer").setLevel(logging.ERROR)

    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            return "\n".join(page.extract_text() or "" for page in pdf.pages)
    except Exception as error:  # pdfminer raises many kinds for a damaged file
        raise UnreadableReport(f"无法作为 PDF 文件读取：{type(error).__name__}") from None
