"""The citizen's archive layout (../shared/samples/site/README.md): per page a folder
`zwgk/<column path>/<YYYYMM>/<DocId>_<title>/` holding page.txt — the crawler's header
lines, then the page's visible text flattened to one line — and sometimes links.tsv.

The flattened text is the whole page: breadcrumb (当前位置：…), the metadata block on the
older template, the title again, 来源/时间, share buttons (微信 微博 QQ空间 …), CSS the
Word export leaked, the body, 来源, 附件下载 and the attachment names, and on some pages the
site's footer. Only the body is kept."""

from __future__ import annotations

import csv
import html
import re
from collections.abc import Iterator
from pathlib import Path

from gongkai.migration.pages import (
    Attachment,
    Page,
    file_names,
    listed_names,
    number_in_lead,
    parse_date,
    read_metadata,
)

HEADER_END = re.compile(r"^=+ 正文 =+$", re.MULTILINE)
SHARE = re.compile(
    r"微信\s*微博\s*QQ空间(?:\s*全真版\s*文字版\s*文件下载\s*相关链接：)?\s*(?:-->)?"
)
CSS = re.compile(r"(?:-->\s*)?(?:(?:@font-face|[\w.#:-]+(?:\s*,\s*[\w.#:-]+)*)\s*\{[^{}]*\}\s*)+")
FOOTER = ("扫一扫在手机上查看当前页面",)
DIRECT_ATTACHMENT = "本条目为直接附件型文档"


def pages(root: Path) -> Iterator[Page]:
    """Every page.txt under `root` (the folder that holds zwgk/), in path order."""
    for path in sorted(root.rglob("page.txt")):
        if "_lists" in path.parts:
            continue
        yield read_page(path, root)


def read_header(text: str) -> tuple[dict[str, str], str]:
    match = HEADER_END.search(text)
    head, body = (text[: match.start()], text[match.end() :]) if match else (text, "")
    fields = {}
    for line in head.splitlines():
        name, sep, value = line.partition(": ")
        if sep:
            fields[name.strip()] = value.strip()
    return fields, body.strip()


def column_path(local: str) -> str:
    """zwgk/zfxxgk/gwhwj/hzgfxwj/201610/79826_… → zfxxgk/gwhwj/hzgfxwj (the part before the
    month folder, or the legacy YYYYMMDD one)."""
    parts = local.strip("/").split("/")
    if parts and parts[0] == "zwgk":
        parts = parts[1:]
    for position, part in enumerate(parts):
        if re.fullmatch(r"\d{6}|\d{8}", part):
            return "/".join(parts[:position])
    return "/".join(parts[:-1])


def read_page(path: Path, root: Path) -> Page:
    text = path.read_text(encoding="utf-8")
    fields, flat = read_header(text)
    # the archive's own folder name (relative to its root), wherever SOURCE points inside it
    local = fields.get("本地目录") or path.parent.relative_to(root).as_posix()
    column = fields.get("栏目", "")
    page = Page(
        url=fields.get("原文链接", ""),
        column_path=column_path(local),
        column_name="" if "/" in column else column,
        title=fields.get("标题", ""),
        document_number=fields.get("文号", ""),
        publisher=fields.get("发布机构", ""),
    )
    when = fields.get("发布时间") or fields.get("发布日期") or ""
    page.published_on = parse_date(when)
    if DIRECT_ATTACHMENT in text:
        name = page.url.rsplit("/", 1)[-1]
        files = (
            list((path.parent / "attachments").rglob("*"))
            if (path.parent / "attachments").is_dir()
            else []
        )
        data = files[0].read_bytes() if files and files[0].is_file() else None
        if data is None:
            page.problem = "直接附件型条目（没有网页正文），附件文件不在抓取中"
        else:
            page.attachments.append(Attachment(name, page.url, data))
        page.settle()
        return page
    body, meta_text, names = split_flat(flat, page.title)
    page.apply_metadata(read_metadata(meta_text))
    if not page.document_number:
        page.document_number = number_in_lead(body, page.title)
    page.body = as_paragraphs(body)
    page.attachments = [Attachment(name) for name in names]
    links = path.parent / "links.tsv"
    if links.exists():
        page.links = read_links(links)
    if not body:
        page.notes.append("正文为空（原页面可能只有图片或附件）")
    page.settle()
    return page


def split_flat(flat: str, title: str) -> tuple[str, str, str]:
    """(body, the text before it where a metadata block may be, attachment names)."""
    head = ""
    share = SHARE.search(flat[:3000])
    if flat.startswith("当前位置") or (share and share.start() < len(title) + 800):
        if share:
            head, flat = flat[: share.start()], flat[share.end() :]
        else:
            when = re.search(r"时间：\d{4}-\d{2}-\d{2}( \d{2}:\d{2})?", flat[:3000])
            if when:
                head, flat = flat[: when.start()], flat[when.end() :]
    flat = CSS.sub(" ", flat).strip()
    flat = re.sub(r"^-->\s*", "", flat)
    for marker in FOOTER:
        if marker in flat:
            flat = flat[: flat.index(marker)]
    names: list[str] = []
    tail = flat.rfind("附件下载")
    if tail >= 0 and tail > len(flat) - 400:
        names = listed_names(flat[tail + 4 :])
        before = flat[:tail].rstrip()
        # names printed just before the button (一 "…通知.pdf 附件下载")
        last = before.rsplit(" ", 1)[-1] if " " in before else ""
        if last and file_names(last) == [last]:
            names.insert(0, last)
            before = before[: -len(last)].rstrip()
        flat = re.sub(r"来源：\S*$", "", before).rstrip()
    return flat.strip(), head, names


def as_paragraphs(text: str) -> str:
    """The flattened text as paragraphs: the crawler put a space where a block ended."""
    # an ASCII space: the crawler's block break; a full-width one belongs to the text (第十九条　…)
    parts = [p for p in re.split(r" +(?=\S)", text) if p.strip()]
    return "".join(f"<p>{html.escape(p.strip(), quote=False)}</p>" for p in parts)


def read_links(path: Path) -> list[tuple[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        rows = csv.DictReader(handle, delimiter="\t")
        return [(row["href"], row.get("text") or "") for row in rows if row.get("type") == "a"]
