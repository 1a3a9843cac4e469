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
    first = min(found, key=lambda m: (m.start(), -m.end()), default=None)
    if first is None:
        return None
    # "（二）部分公开" found from its numbering and the whole label from its first word: the
    # label is both, or the rest of it ("(区分处理的…)") would be read as the row's cells
    longest = max((m for m in found if m.start() < first.end()), key=lambda m: m.end())
    if longest.end() > first.end():
        return Span(first.start(), longest.end(), text[first.start() : longest.end()])
    return first


def strip_number(label: str) -> str:
    """ "（三）不予公开" → "不予公开"; "1.属于国家秘密" → "属于国家秘密"."""
    text = unicodedata.normalize("NFKC", label)
    return re.sub(r"^\s*(\(?[一二三四五六七八九十]+[)、.]|\d+\s*[.、])\s*", "", text)


# Words agencies write for the format's words: the expanded 三安全一稳定 of 条例第十四条, and
# the "政府信息" some labels drop or add. Applied to both sides before comparing.
SYNONYMS = (
    (re.compile(r"国家安全\W*公共安全\W*经济安全\W*(?:和|及|、)?\W*社会稳定"), "三安全一稳定"),
    (re.compile(r"合计"), "总计"),
    (re.compile(r"政府信息公开|政府信息|信息公开"), ""),
    (re.compile(r"[的和与及或、]"), ""),
)
# A line this much like a row's label, and more like it than like any other row, is that row.
SIMILAR = 0.72
FUZZY_MIN_CORE = 4  # "其他", "总计": too short to be recognised by resemblance
# A run of label text: Chinese, with the punctuation and line breaks labels carry, no digits
LABEL_RUN = re.compile(
    r"[\u4e00-\u9fff“”\"'‘’、，,（）()\[\]《》·\s]*[\u4e00-\u9fff][\u4e00-\u9fff“”\"'‘’、，,（）()\[\]《》·\s]*"
)


def comparable(label: str) -> str:
    """A label's words for comparing by resemblance: no numbering, synonyms folded."""
    words = core(strip_number(label))
    words = re.sub(r"^[一二三四五六七八九十]+(?=[\u4e00-\u9fff]{4})", "", words)
    for pattern_, replacement in SYNONYMS:
        words = pattern_.sub(replacement, words)
    return words


def similarity(a: str, b: str) -> float:
    from difflib import SequenceMatcher

    return SequenceMatcher(None, a, b, autojunk=False).ratio()


class Span:
    """A label found by resemblance: quacks like the re.Match the exact search gives."""

    def __init__(self, start: int, end: int, text: str) -> None:
        self._start, self._end, self.text = start, end, text

    def start(self) -> int:
        return self._start

    def end(self) -> int:
        return self._end

    def group(self, index: int = 0) -> str:
        return self.text


def label_runs(text: str, start: int, end: int) -> list[Span]:
    """Every run of label-like text in text[start:end] (at least two Chinese characters)."""
    runs = []
    for match in LABEL_RUN.finditer(text, start, end):
        piece = match.group(0)
        stripped = piece.strip()
        if len(re.findall(r"[\u4e00-\u9fff]", stripped)) < 2:
            continue
        offset = match.start() + piece.index(stripped)
        runs.append(Span(offset, offset + len(stripped), stripped))
    return runs
