"""A page of the old site from its HTML: a folder `wget --mirror` left, or a WARC crawl.

Vendor platforms (TRS, 大汉, 拓尔思, 博思) share a few shapes: the metadata as a <table>,
a <ul> of <li> or a div.xxgk_info; the title and date in <meta name="ArticleTitle">,
"PubDate", "ContentSource", "ColumnName"; the body in div.TRS_Editor, #zoom,
.article_content and the like. Navigation, breadcrumbs, share buttons and the footer are
dropped before anything is read."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from gongkai.migration.pages import (
    LABEL,
    Attachment,
    Page,
    number_in_lead,
    parse_date,
    read_metadata,
)

CHROME = re.compile(
    r"(^|[\s_-])(nav|navbar|menu|breadcrumb|crumb|position|location|dqwz|share|bdshare|"
    r"footer|foot|header|head|top|topbar|sidebar|related|xgwz|print|fenxiang|toolbar|"
    r"gotop|qrcode|ewm)([\s_-]|$)",
    re.IGNORECASE,
)
CONTENT = re.compile(
    r"(TRS_Editor|zoom|UCAP-CONTENT|article[_-]?content|article[_-]?body|xxgk[_-]?content|"
    r"content[_-]?text|main[_-]?txt|detail[_-]?content|con[_-]?text|^content$|^article$)",
    re.IGNORECASE,
)
META_BLOCK = re.compile(r"(xxgk[_-]?info|xxgk[_-]?table|info[_-]?table|gk[_-]?info|meta)", re.I)
FILE_URL = re.compile(r"\.(pdf|docx?|xlsx?|wps|et|ofd|zip|rar|txt|csv)(\?|$)", re.IGNORECASE)
HTML_PAGE = re.compile(r"\.s?html?$", re.IGNORECASE)


def _meta(root, name: str) -> str:
    for element in root.iter("meta"):
        if (element.get("name") or "").lower() == name.lower():
            return (element.get("content") or "").strip()
    return ""


def _marks(element) -> str:
    return f"{element.get('class') or ''} {element.get('id') or ''}".strip()


def page_from_html(
    data: bytes | str, url: str, *, column_path: str = "", files: dict | None = None
) -> Page:
    """The page as published at `url`; `files` maps an attachment's absolute URL to its bytes
    when the crawl holds them."""
    import lxml.html

    from gongkai.catalogue.transitions import sanitise

    page = Page(url=url, column_path=column_path or column_of(url))
    try:
        root = lxml.html.document_fromstring(data)
    except (ValueError, lxml.etree.ParserError) as error:
        page.problem = f"无法解析 HTML（{error}）"
        return page
    for element in root.xpath(
        "//script|//style|//noscript|//iframe|//form|//nav|//footer|//header"
    ):
        element.drop_tree()
    page.title = _meta(root, "ArticleTitle")
    page.column_name = _meta(root, "ColumnName")
    page.published_on = parse_date(_meta(root, "PubDate") or _meta(root, "firstpublishedtime"))
    page.publisher = _meta(root, "ContentSource")
    # the metadata block: the smallest element that holds 索引号 and at least two more labels
    blocks = [
        element
        for element in root.iter()
        if isinstance(element.tag, str)
        and element.tag in ("table", "ul", "div", "dl", "section")
        and len(LABEL.findall(_text(element))) >= 3
    ]
    if blocks:
        block = min(blocks, key=lambda b: len(_text(b)))
        page.apply_metadata(read_metadata(_text(block, " ")))
        block.drop_tree()
    for element in list(root.iter()):
        if (
            isinstance(element.tag, str)
            and CHROME.search(_marks(element))
            and element.getparent() is not None
            and not CONTENT.search(_marks(element))
        ):
            element.drop_tree()
    content = _content(root)
    if content is None:
        page.problem = "找不到正文区域"
        page.settle()
        return page
    heading = content.find(".//h1")
    if heading is None:
        heading = root.find(".//h1")
    if not page.title and heading is not None:
        page.title = _text(heading)
    if not page.title:
        title = _text(root.find(".//title")) if root.find(".//title") is not None else ""
        page.title = re.split(r"[_|]| - ", title)[0].strip()
    if (
        heading is not None
        and heading.getparent() is not None
        and content in heading.iterancestors()
    ):
        heading.drop_tree()
    if page.published_on is None:
        page.published_on = parse_date(_text(root)[:3000]) if not page.problem else None
    for anchor in content.iter("a"):
        href = (anchor.get("href") or "").strip()
        if not href or href.startswith(("#", "javascript:", "mailto:")):
            continue
        absolute = urljoin(url, href)
        if FILE_URL.search(urlsplit(absolute).path):
            name = _text(anchor) or absolute.rsplit("/", 1)[-1]
            page.attachments.append(Attachment(name, absolute, (files or {}).get(absolute)))
        else:
            page.links.append((absolute, _text(anchor)))
        anchor.set("href", absolute)
    page.body = sanitise(lxml.html.tostring(content, encoding="unicode")).strip()
    if not page.document_number:
        page.document_number = number_in_lead(_text(content), page.title)
    page.settle()
    return page


def _text(element, separator: str = "") -> str:
    if element is None:
        return ""
    if separator:
        return re.sub(r"\s+", " ", separator.join(element.itertext())).strip()
    return re.sub(r"\s+", " ", element.text_content()).strip()


def _content(root):
    marked = [e for e in root.iter() if isinstance(e.tag, str) and CONTENT.search(_marks(e))]
    if marked:
        return max(marked, key=lambda e: len(_text(e)))
    # no platform's mark: the element whose own paragraphs hold the most text
    parents: dict = {}
    for paragraph in root.iter("p"):
        parent = paragraph.getparent()
        parents[parent] = parents.get(parent, 0) + len(_text(paragraph))
    return max(parents, key=parents.get) if parents else root.find(".//body")


def column_of(url: str) -> str:
    """/zwgk/zfxxgk/gwhwj/hzgfxwj/201610/t20161026_79826.htm → zfxxgk/gwhwj/hzgfxwj: the
    folders before the month (platforms file pages by month) or before the file."""
    parts = [p for p in urlsplit(url).path.split("/") if p][:-1]
    for position, part in enumerate(parts):
        if re.fullmatch(r"\d{6}|\d{8}", part):
            parts = parts[:position]
            break
    return "/".join(parts)


def mirror_pages(root: Path) -> Iterator[Page]:
    """A `wget --mirror` folder: <host>/<path>; pages are the .htm/.html files whose
    folder has a month in it (list pages, index.html, sit in the column's own folder)."""
    hosts = [p for p in sorted(root.iterdir()) if p.is_dir()]
    for host in hosts:
        for path in sorted(host.rglob("*")):
            if not path.is_file() or not HTML_PAGE.search(path.name):
                continue
            relative = path.relative_to(host).as_posix()
            if not re.search(r"/\d{6,8}/", "/" + relative):
                continue
            url = f"https://{host.name}/{relative}"
            data = path.read_bytes()
            files = {}
            for href in re.findall(rb'href="([^"]+)"', data):
                absolute = urljoin(url, href.decode("utf-8", "replace"))
                if FILE_URL.search(urlsplit(absolute).path):
                    local = host / urlsplit(absolute).path.lstrip("/")
                    if urlsplit(absolute).hostname == host.name and local.is_file():
                        files[absolute] = local.read_bytes()
            yield page_from_html(data, url, files=files)


def warc_pages(path: Path) -> Iterator[Page]:
    """The HTML responses of a WARC file, each with the attachments the crawl fetched. Two
    passes: files first (they may come after the page that links them), then pages."""
    from warcio.archiveiterator import ArchiveIterator

    files: dict[str, bytes] = {}
    with path.open("rb") as stream:
        for record in ArchiveIterator(stream):
            url = record.rec_headers.get_header("WARC-Target-URI") or ""
            if record.rec_type == "response" and FILE_URL.search(urlsplit(url).path):
                files[url] = record.content_stream().read()
    with path.open("rb") as stream:
        for record in ArchiveIterator(stream):
            if record.rec_type != "response":
                continue
            url = record.rec_headers.get_header("WARC-Target-URI") or ""
            kind = (
                record.http_headers.get_header("Content-Type") or "" if record.http_headers else ""
            )
            if "html" not in kind.lower() or not re.search(r"/\d{6,8}/", urlsplit(url).path):
                continue
            status = record.http_headers.get_statuscode() if record.http_headers else "200"
            if status != "200":
                continue
            yield page_from_html(record.content_stream().read(), url, files=files)
