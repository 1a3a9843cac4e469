"""A page of the old site as it was published, whatever the crawl it comes from.

Vendor platforms print the catalogue metadata (索引号, 发布机构/发文机关, 成文日期/生成日期,
发布日期, 文号/发文字号, 主题分类, 有效性) in whatever order and wording the platform's
template uses, with labels padded by spaces (`索 引 号`, `有&ensp;效&ensp;性`). One parser
reads them from the block's visible text, wherever the block came from (a flattened crawl's
text, a <table>, a <ul>, div.xxgk_info)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

# field → the labels platforms print for it (spaces inside a label are ignored)
LABELS: dict[str, tuple[str, ...]] = {
    "index_number": ("索引号",),
    "subject": ("主题分类", "信息分类", "分类"),
    "publisher": ("发文机关", "发布机构", "发文单位", "公开机构", "发布单位"),
    "written_on": ("成文日期", "生成日期", "发文日期", "形成日期"),
    "published_on": ("发布日期", "公开日期", "发布时间"),
    "document_number": ("发文字号", "文号"),
    "validity": ("有效性", "时效性"),
    "title": ("标题", "名称", "信息名称"),
    "keywords": ("主题词", "关键词"),
}
SPACE = r"[\s\u00a0\u2002\u2003\u3000]*"
# longest first, so 发文字号 is not read as 文号 and 发布日期 not as 发布…
_ALL = sorted(
    ((label, key) for key, labels in LABELS.items() for label in labels), key=lambda x: -len(x[0])
)
LABEL = re.compile(
    "(" + "|".join(SPACE.join(map(re.escape, label)) for label, _ in _ALL) + f"){SPACE}[:：]"
)
DATE = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})")
VALIDITY_WORDS = {
    "有效": "valid",
    "失效": "expired",
    "已失效": "expired",
    "废止": "repealed",
    "已废止": "repealed",
    "部分失效": "valid",
    "修订": "valid",
}
DOCUMENT_NUMBER = re.compile(
    r"[\u4e00-\u9fa5A-Za-z]{1,12}[〔\[［(（]\d{4}[〕\]］)）]\s*\d{1,4}\s*号"
)
FILE_NAME = re.compile(
    r"[^\s：:，。；、]{1,120}?\.(?:pdf|docx?|xlsx?|wps|et|ofd|zip|rar|jpe?g|png|txt|csv)\b",
    re.IGNORECASE,
)


def _label_key(label: str) -> str:
    bare = re.sub(SPACE, "", label)
    for text, key in _ALL:
        if text == bare:
            return key
    raise KeyError(label)


def parse_date(text: str) -> date | None:
    match = DATE.search(text or "")
    if not match:
        return None
    try:
        return date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        return None


def read_metadata(text: str) -> dict[str, str]:
    """The labelled values in a metadata block's visible text, each up to the next label.
    The last value runs into whatever follows the block, so each is cut to its shape: a
    date to the date, 有效性 to its word, 索引号 to its first token."""
    # spaces of every width read as one; nothing else is normalised, so a value keeps the
    # page's own characters (（）, 〔〕, full-width digits)
    text = re.sub(r"[\u00a0\u2002\u2003\u3000]", " ", text)
    found: dict[str, str] = {}
    matches = list(LABEL.finditer(text))
    for position, match in enumerate(matches):
        end = matches[position + 1].start() if position + 1 < len(matches) else len(text)
        key = _label_key(match[1])
        value = text[match.end() : end].strip()
        if key in found:
            continue
        if key in ("written_on", "published_on"):
            day = parse_date(value[:20])
            value = day.isoformat() if day else ""
        elif key == "validity":
            word = re.match(r"(已?废止|已?失效|部分失效|有效|修订)", value)
            value = word[1] if word else ""
        elif key == "index_number":
            value = value.split()[0] if value.split() else ""
        elif key == "document_number":
            number = DOCUMENT_NUMBER.match(value)
            value = number[0] if number else value.split()[0] if value.split() else ""
            value = "" if value in ("无", "-", "/") else value
        elif key == "subject":
            value = "" if value.split()[:1] == ["无"] else value
        found[key] = value
    return {k: v for k, v in found.items() if v}


@dataclass
class Page:
    """What one page of the old site published, read from a crawl."""

    url: str
    column_path: str
    column_name: str = ""
    title: str = ""
    published_on: date | None = None
    written_on: date | None = None
    index_number: str = ""
    publisher: str = ""
    document_number: str = ""
    subject: str = ""
    validity: str = "valid"  # Item.Validity's values
    body: str = ""  # sanitised HTML
    attachments: list[Attachment] = field(default_factory=list)
    links: list[tuple[str, str]] = field(default_factory=list)  # (href, text)
    problem: str = ""  # why the page cannot be migrated, in Chinese
    notes: list[str] = field(default_factory=list)  # what a clerk should know, in Chinese

    def apply_metadata(self, meta: dict[str, str]) -> None:
        """The metadata block's values, where the page has no better source for them."""
        self.index_number = self.index_number or meta.get("index_number", "")
        self.publisher = self.publisher or meta.get("publisher", "")
        self.document_number = self.document_number or meta.get("document_number", "")
        self.subject = self.subject or meta.get("subject", "")
        self.title = self.title or meta.get("title", "")
        if meta.get("written_on"):
            self.written_on = self.written_on or date.fromisoformat(meta["written_on"])
        if meta.get("published_on"):
            self.published_on = self.published_on or date.fromisoformat(meta["published_on"])
        if meta.get("validity"):
            self.validity = VALIDITY_WORDS.get(meta["validity"], "valid")

    def settle(self) -> None:
        """What the page says of itself beyond the block: validity only in the title
        (`（已废止）`), and what makes it unreadable."""
        if re.search(r"[（(]已?废止[)）]\s*$", self.title):
            self.validity = "repealed"
        elif re.search(r"[（(]已?失效[)）]\s*$", self.title):
            self.validity = "expired"
        self.document_number = "" if self.document_number == "无" else self.document_number
        if self.problem:
            return
        if not self.title:
            self.problem = "没有标题"
        elif self.published_on is None:
            self.problem = "没有发布日期"
        elif len(self.title) > 300:
            self.problem = "标题超过 300 字"


@dataclass
class Attachment:
    name: str
    url: str = ""
    data: bytes | None = None  # the file, when the crawl holds it


EXTENSIONS = r"(?:pdf|docx?|xlsx?|wps|et|ofd|zip|rar|jpe?g|png|txt|csv)"
LISTED_NAME = re.compile(rf"\s*(\S.*?\.{EXTENSIONS})(?=\s|$)", re.IGNORECASE)


def file_names(text: str) -> list[str]:
    """Names in running text (no spaces inside)."""
    return list(dict.fromkeys(m.group(0).strip() for m in FILE_NAME.finditer(text)))


def listed_names(text: str) -> list[str]:
    """Names as a list after 附件下载, where a name may hold spaces (岚综管综〔2020〕35 号.pdf)."""
    names, position = [], 0
    while match := LISTED_NAME.match(text, position):
        names.append(match[1].strip())
        position = match.end()
    return names


def number_in_lead(body_text: str, title: str) -> str:
    """A 文号 printed at the head of the body (最新文件 pages carry it only there): within the
    first lines, not inside brackets or 《》 (where a page cites another document)."""
    lead = body_text[: len(title) + 60]
    for match in DOCUMENT_NUMBER.finditer(lead):
        before = lead[: match.start()]
        if before.count("（") > before.count("）") or before.count("《") > before.count("》"):
            continue
        if any(word in before for word in ("根据", "依据", "依照", "按照", "经")):
            continue  # a document the page cites, not its own number
        return match.group(0)
    return ""
