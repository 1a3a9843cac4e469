"""An item's body as staff type it and as the public reads it.

Decision (issue 15): the body is typed as plain text — a blank line starts a new paragraph
and every line break inside a paragraph is kept, so a numbered list (1. … 2. …, （一）…)
keeps its lines. It is stored as HTML (<p> and <br> only), so the portal, the feed and the
API carry paragraphs. A body that already is HTML (pasted from Word or WPS, imported,
generated) goes through the sanitiser as before. No rich-text editor: it would need a
third-party script, which the strict Content-Security-Policy and the offices' old browsers
argue against, and plain text is what the clerks paste from the signed document anyway."""

from __future__ import annotations

import html
import re

from django.utils.safestring import SafeString, mark_safe

MARKUP = re.compile(
    r"<\s*/?\s*(p|br|ol|ul|li|table|thead|tbody|tr|td|th|h[1-6]|div|strong|em|b|i|u|a|span|"
    r"blockquote)\b[^>]*>",
    re.IGNORECASE,
)
SIMPLE = re.compile(r"<\s*/?\s*(p|br)\s*/?\s*>", re.IGNORECASE)
BLANK_LINE = re.compile(r"\n[ \t\u3000]*\n\s*")


def is_markup(text: str) -> bool:
    return MARKUP.search(text) is not None


def paragraphs(text: str) -> str:
    """Plain text as <p> paragraphs, blank lines between them, line breaks kept as <br>."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").strip()
    if not text:
        return ""
    blocks = [block for block in BLANK_LINE.split(text) if block.strip()]
    return "".join(
        "<p>"
        + "<br>".join(
            html.escape(line.strip(), quote=False) for line in block.split("\n") if line.strip()
        )
        + "</p>"
        for block in blocks
    )


def body_html(text: str) -> str:
    """What is stored: paragraphs from plain text, or sanitised HTML."""
    from gongkai.catalogue.transitions import sanitise

    return sanitise(text) if is_markup(text) else paragraphs(text)


def editable(stored: str) -> str:
    """The stored body as the clerk typed it: plain text again when it holds only
    paragraphs and line breaks, else the HTML itself (a pasted table stays a table)."""
    if not stored or MARKUP.sub("", stored) != SIMPLE.sub("", stored):
        return stored
    if not is_markup(stored):
        return html.unescape(stored)
    blocks = re.findall(r"<p>(.*?)</p>", stored, flags=re.DOTALL | re.IGNORECASE)
    if "".join(f"<p>{b}</p>" for b in blocks) != stored:
        return stored
    return "\n\n".join(
        html.unescape(re.sub(r"<br\s*/?>", "\n", block, flags=re.IGNORECASE)) for block in blocks
    )


TABLE_OPEN = re.compile(r"<table\b", re.IGNORECASE)
TABLE_CLOSE = re.compile(r"</table\s*>", re.IGNORECASE)
# A table wider than a 390 px phone (a 年度报告's 表四 has 15 columns) scrolls inside its own
# region instead of widening the page; the region takes focus so a keyboard can scroll it, and
# each region's name is its own (a page's landmarks must differ: 表二 alone is four tables).
SCROLL_REGION = (
    '<div class="scroll" tabindex="0" role="region" aria-label="第{n}个表格（可左右滑动）">'
)


def _scrolling_tables(stored: str) -> str:
    count = iter(range(1, 10_000))
    opened = TABLE_OPEN.sub(lambda _: SCROLL_REGION.format(n=next(count)) + "<table", stored)
    return TABLE_CLOSE.sub("</table></div>", opened)


def rendered(stored: str) -> SafeString:
    """For the page: the stored HTML (already sanitised when saved); a body stored as plain
    text before paragraphs were kept is laid out the same way now."""
    if is_markup(stored):
        # sanitised by body_html when it was saved
        return mark_safe(_scrolling_tables(stored))
    return mark_safe(paragraphs(html.unescape(stored)))  # escaped by paragraphs()
