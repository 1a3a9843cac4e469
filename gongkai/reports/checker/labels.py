"""Finding a statutory label in normalised text, however it was split or punctuated.

A label matches its word characters in order, with any punctuation, spaces, line breaks or
cell boundaries between them — but never digits, which would swallow values."""

from __future__ import annotations

import re
import unicodedata
from functools import cache

from .sources import normalise

GAP = r"[^\w]*"


@cache
def core(label: str) -> str:
    """The word characters of a label after normalisation."""
    return "".join(ch for ch in normalise(label) if ch.isalnum() or ch == "_")


@cache
def pattern(label: str) -> re.Pattern[str]:
    chars = core(label)
    return re.compile(GAP.join(re.escape(ch) for ch in chars))


def find(label: str, text: str, start: int = 0, end: int | None = None) -> re.Match[str] | None:
    return pattern(label).search(text, start, len(text) if end is None else end)


def find_any(labels, text: str, start: int = 0, end: int | None = None) -> re.Match[str] | None:
    found = [m for m in (find(label, text, start, end) for label in labels) if m]
    return min(found, key=lambda m: (m.start(), -m.end()), default=None)


def strip_number(label: str) -> str:
    """ "（三）不予公开" → "不予公开"; "1.属于国家秘密" → "属于国家秘密"."""
    text = unicodedata.normalize("NFKC", label)
    return re.sub(r"^\s*(\(?[一二三四五六七八九十]+[)、.]|\d+\s*[.、])\s*", "", text)
