"""Reading the values of one row from the text that follows its label.

Cells come separated (HTML, `|` text, DOCX) or only by spaces, and crawlers sometimes glue
them together ("200 000121" for 20,0,0,0,0,1,21). Glued digits are split every possible way
and kept only when one split alone satisfies the row's own arithmetic."""

from __future__ import annotations

import re
from collections.abc import Callable
from decimal import Decimal, InvalidOperation

from gongkai.statute.report_format import Value

from .sources import CELL

PLACEHOLDERS = {"", "/", "-", "—", "——", "–", "－", "\\", "无", "空", "*", "…", "--"}
NUMBER = re.compile(r"^[+-]?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?$")
UNIT_SUFFIX = re.compile(r"(件|项|个|宗|元|万元|条|次)$")
MAX_SPLITS = 20_000


def parse_cell(text: str) -> Value:
    """A number, None for a blank or placeholder cell, else the text itself (not a number)."""
    text = text.strip().strip("　 ")
    if text in PLACEHOLDERS:
        return None
    text = UNIT_SUFFIX.sub("", text).strip()
    if not NUMBER.match(text):
        return text
    text = text.replace(",", "")
    try:
        number = Decimal(text)
    except InvalidOperation:
        return text
    if number == number.to_integral_value() and "." not in text:
        return int(number)
    return number


CHINESE_NUMERALS = set("零〇一二三四五六七八九十百千万两")


def looks_like_label(text: str) -> bool:
    """Text that ends a row's values: a heading or label rather than a malformed number
    (a number written in words, "十二", is a malformed number)."""
    words = text.strip()
    if words and set(words) <= CHINESE_NUMERALS:
        return False
    return len(re.findall(r"[\u4e00-\u9fff]", words)) >= 2


def _word_fragment(text: str) -> bool:
    """A piece of Chinese with no digit that is not a number written in words."""
    words = re.sub(r"\s", "", text)
    return bool(re.fullmatch(r"[\u4e00-\u9fff“”、，（）()]+", words)) and not (
        set(words) <= CHINESE_NUMERALS
    )


def row_values(
    region: str,
    count: int,
    constraint: Callable[[list[int]], bool] | None,
    candidates: list | None = None,
) -> tuple[list[Value] | None, str]:
    """The `count` values in `region`, and a note ("" when nothing is worth saying).

    None when no values could be read at all. When glued digits could not be split by the
    row alone, the splits still possible are appended to `candidates`, for the table's
    other identities to decide."""
    if CELL in region:
        values = _separated(region, count)
        if values is not None and any(v is not None for v in values):
            return values, ""
        if values is not None and region.count(CELL) > count:
            return values, ""
    return _spaced(region, count, constraint, candidates)


def _separated(region: str, count: int) -> list[Value] | None:
    pieces = region.split(CELL)
    head, cells = pieces[0], pieces[1:]
    # One cell per line ("label\n|\n12\n|\n\n|"): every cell sits between line breaks,
    # and a cell with nothing on its line is a blank cell, not the end of the row.
    filled = [c for c in cells if c.strip()]
    # "label |\n0 |\n0 |" puts each cell on its own line too: every cell starts a line
    per_line = len(filled) >= 2 and (
        all(c.startswith("\n") and c.endswith("\n") for c in filled)
        or all(c.strip(" ").startswith("\n") for c in filled)
    )
    values: list[Value] = []
    head_value = parse_cell(head)
    if isinstance(head_value, int | Decimal):  # a value glued to the label cell
        values.append(head_value)
    for cell in cells:
        if len(values) == count:
            break
        if not cell.strip() and "\n" in cell and not (per_line and cell.count("\n") >= 2):
            continue  # the end of a table row, not a cell
        value = parse_cell(cell)
        if isinstance(value, str):
            if looks_like_label(value):
                if values:
                    break
                continue  # the rest of a label in its own cell
            if not values and _word_fragment(value):
                continue  # a merged label cell torn by a page break ("开"), not a value
            if "\n" in cell and not values:
                continue
        elif value is not None and not values and not per_line and "\n" in cell.strip(" "):
            continue  # a stray line (a page number) between the label and its cells
        values.append(value)
    if not values:
        return None
    return values + [None] * (count - len(values))


def _spaced(
    region: str,
    count: int,
    constraint: Callable[[list[int]], bool] | None,
    candidates: list | None = None,
) -> tuple[list[Value] | None, str]:
    tokens: list[str] = []
    # digits glued to the next label ("0000000三、本年度…") are cut apart from it
    region = re.sub(r"(?<=\d)(?=[^\d\s.,])|(?<=[^\d\s.,+\-])(?=\d)", " ", region)
    for token in region.replace(CELL, " ").split():
        value = parse_cell(token)
        if isinstance(value, str) and looks_like_label(value):
            if tokens:
                break
            continue
        if isinstance(value, str) and not re.search(r"\w", value):
            continue  # a bracket or quote left over from the label
        tokens.append(token)
    if not tokens:
        return None, ""
    if len(tokens) >= count:
        return [parse_cell(t) for t in tokens[:count]], ""
    if not all(t.isdigit() for t in tokens):
        # Without cell boundaries the columns of fewer numbers than cells are unknowable.
        return [None] * count, f"只读到“{' '.join(tokens)}”，少于 {count} 个单元格，无法确定所在列"
    return _split_glued(tokens, count, constraint, candidates)


def _split_glued(
    tokens: list[str],
    count: int,
    constraint: Callable[[list[int]], bool] | None,
    candidates: list | None = None,
) -> tuple[list[Value] | None, str]:
    splits = list(_splits(tokens, count))
    glued = " ".join(tokens)
    if constraint is None:
        if len(splits) == 1:
            note = "" if len(tokens) == count else f"连写的数字“{glued}”只有一种拆分，未经勾稽核对"
            return list(splits[0]), note
        return [None] * count, f"连写的数字“{glued}”无法唯一拆分为 {count} 个单元格"
    # A split is accepted only when the row's own arithmetic holds: "258 12 1 1" has one
    # split into seven single-digit-heavy cells, and it does not add up.
    fitting = [s for s in splits if constraint(s)]
    if len(splits) == 1 and not fitting and len(tokens) == 1:
        # One run of digits with only one way to cut it into the row's cells ("3000004" in
        # seven): that is what the report says, and the sum it breaks is the report's error
        # (I2/I4), not an unreadable row. Digits with spaces between them ("258 12 1 1") may
        # be cells with blanks left out: those stay unread when they do not add up.
        return list(splits[0]), f"连写的数字“{glued}”只有一种拆分，按此读取（本行合计不符）"
    if len(fitting) == 1:
        forced = len(splits) == 1
        return list(fitting[0]), "" if forced else f"连写的数字“{glued}”按本行勾稽关系唯一拆分"
    if candidates is not None:
        candidates.extend(fitting or splits)
    return [None] * count, GLUED_PREFIX + f"“{glued}”" + (
        f"有 {len(fitting)} 种拆分都符合本行勾稽关系" if fitting else "没有一种拆分符合本行勾稽关系"
    )


GLUED_PREFIX = "连写的数字"


def _splits(tokens: list[str], count: int):
    """Every way to cut each token into numbers (no leading zeros) giving `count` numbers."""
    produced = 0

    def cuts(digits: str):
        if not digits:
            yield []
            return
        if digits[0] == "0":
            for rest in cuts(digits[1:]):
                yield [0, *rest]
            return
        for end in range(1, len(digits) + 1):
            for rest in cuts(digits[end:]):
                yield [int(digits[:end]), *rest]

    def combine(index: int, remaining: int):
        nonlocal produced
        if index == len(tokens):
            if remaining == 0:
                yield []
            return
        left_tokens = len(tokens) - index - 1
        for part in cuts(tokens[index]):
            if produced > MAX_SPLITS:
                return
            produced += 1
            if len(part) <= remaining - left_tokens:
                for rest in combine(index + 1, remaining - len(part)):
                    yield part + rest

    yield from combine(0, count)
