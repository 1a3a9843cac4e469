"""Reading tables 二, 三 and 四 out of a normalised report, row by row, by their labels."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from gongkai.statute.report_format import (
    APPEAL_GROUPS,
    FORMAT_2019,
    FORMAT_2021,
    LITIGATION_HEADER,
    RESULT_LABELS,
    SECTION_TITLE_ALIASES,
    SECTION_TITLES,
    Block,
    ReportFormat,
    ReportTables,
    Row,
    Value,
)
from gongkai.statute.report_identities import Finding, Severity

from . import labels
from .cells import row_values
from .glued import solve_three
from .sources import CELL

FORMAT_MARKERS = {
    "2019": (
        "本年新制作数量",
        "对外公开总数量",
        "上一年项目数量",
        "其他对外管理服务事项",
        "政府集中采购",
    ),
    "2021": ("本年制发件数", "现行有效件数", "本年处理决定数量", "申请人无正当理由逾期不补正"),
}


LONG_LABEL = 12


@dataclass
class ParsedTables:
    fmt: ReportFormat
    tables: ReportTables = field(default_factory=dict)
    notes: list[Finding] = field(default_factory=list)
    missing_rows: list[tuple[str, str]] = field(default_factory=list)
    fee_unit: str = ""  # the unit written in the fee column's header
    first_table_at: int | None = None
    last_table_end: int = 0
    truncated: bool = False
    # tables with cells that could not be read: table number → why, in Chinese
    unreadable: dict[str, str] = field(default_factory=dict)
    unread_rows: dict[str, list[str]] = field(default_factory=dict)
    # labels read by resemblance: (table, label as written, the format's label)
    labels_matched: list[tuple[str, str, str]] = field(default_factory=list)
    # rows the end of the text runs into with cells missing: (table, row key, label)
    cut_tail: list[tuple[str, str, str]] = field(default_factory=list)


def detect_format(text: str, year: int | None) -> ReportFormat:
    score = {
        name: sum(1 for marker in markers if labels.find(marker, text))
        for name, markers in FORMAT_MARKERS.items()
    }
    if score["2019"] > score["2021"]:
        return FORMAT_2019
    if score["2021"] > score["2019"]:
        return FORMAT_2021
    return FORMAT_2019 if year is not None and year < 2021 else FORMAT_2021


def section_heading(number: str, text: str, start: int = 0) -> re.Match[str] | None:
    titles = (SECTION_TITLES[number], *SECTION_TITLE_ALIASES.get(number, ()))
    return labels.find_any([f"{number}、{t}" for t in titles], text, start)


def read_tables(text: str, fmt: ReportFormat) -> ParsedTables:
    parsed = ParsedTables(fmt)
    end_two = _read_three(text, parsed)
    _read_two(text, parsed, end_two)
    _read_four(text, parsed)
    five = section_heading("五", text, parsed.last_table_end)
    parsed.truncated = five is None and not labels.find(
        "其他需要报告的事项", text, parsed.last_table_end
    )
    if parsed.truncated:
        # A row the end of the text runs into is cut off, not blank: not checked (no B2, no
        # identity through its missing cells), and said so with the rest of what is missing.
        for number, key, label in parsed.cut_tail:
            parsed.tables.get(number, {}).pop(key, None)
            if number in parsed.tables and not parsed.tables[number]:
                del parsed.tables[number]
            parsed.missing_rows.insert(0, (number, label))
    return parsed


SHORT_LABEL = 4  # "其他", "规章": too common to find without their numbering


def _names(row: Row) -> list[str]:
    """The forms a row's label is searched by, most distinctive first."""
    names = []
    for label in (row.label, *row.aliases):
        bare = labels.strip_number(label)
        if len(labels.core(bare)) <= SHORT_LABEL and labels.core(row.number):
            names.append(label)  # "3.其他", not any "其他" ("（六）其他" swallowed it)
        else:
            names.append(bare)
    if len(labels.core(names[0])) > LONG_LABEL:
        # long labels wrap around their own numbers in PDF text; their start is distinctive
        names.append(labels.core(names[0])[:LONG_LABEL])
    return names


def _scan_rows(
    text: str,
    rows: tuple[Row, ...],
    start: int,
    end: int,
    fuzzy: list[tuple[str, str, str]] | None = None,
) -> list[tuple[Row, re.Match[str] | None]]:
    """Each row's label match; None when absent. Searched in format order first; a label
    not found after the previous one is looked for anywhere in the table, since PDF text
    puts some labels before earlier rows' values."""
    found: list[tuple[Row, re.Match[str] | None]] = []
    position = start
    taken: list[tuple[int, int]] = []
    for row in rows:
        names = _names(row)
        match = labels.find_any(names, text, position, end)
        if match is None:
            match = next(
                (
                    m
                    for m in _all_matches(names, text, start, end)
                    if not any(a < m.end() and m.start() < b for a, b in taken)
                ),
                None,
            )
        else:
            position = match.end()
        if match:
            taken.append((match.start(), match.end()))
        found.append((row, match))
    if fuzzy is not None and any(m is None for _, m in found):
        found = _resembling(text, found, start, end, fuzzy)
    return found


def _resembling(
    text: str,
    found: list[tuple[Row, re.Match[str] | None]],
    start: int,
    end: int,
    fuzzy: list[tuple[str, str, str]],
) -> list:
    """Rows not found word for word, matched to the label lines left over by resemblance.

    Agencies add or drop connectives (其他法律和行政法规禁止公开), drop 政府信息, expand
    三安全一稳定, renumber. Each leftover run of label text between the rows found before and
    after a missing row (the format's order is the evidence) is scored against every missing
    row; pairs are taken best first, each row and each run once, and only when the run is more
    like that row than like any other row of the table."""
    masked = list(text[start:end])
    for _, match in found:
        if match:
            for i in range(max(match.start(), start), min(match.end(), end)):
                masked[i - start] = "\x00"
    masked_text = "".join(masked)
    runs = [
        labels.Span(run.start() + start, run.end() + start, run.text)
        for run in labels.label_runs(masked_text, 0, len(masked_text))
    ]
    if not runs:
        return found
    every_row = [labels.comparable(row.label) for row, _ in found]
    pairs = []
    for index, (row, match) in enumerate(found):
        if match is not None:
            continue
        target = labels.comparable(row.label)
        if len(target) < labels.FUZZY_MIN_CORE:
            continue
        low = max((m.end() for _, m in found[:index] if m), default=start)
        high = min(
            (m.start() for _, m in found[index + 1 :] if m and m.start() >= low), default=end
        )
        for run_index, run in enumerate(runs):
            if not (low <= run.start() and run.end() <= high):
                continue
            words = labels.comparable(run.text)
            if len(words) > 2 * len(target) + 4:
                continue  # a sentence of prose, not a label
            score = labels.similarity(target, words)
            if score < labels.SIMILAR:
                continue
            rival = max(
                (
                    labels.similarity(other, words)
                    for i, other in enumerate(every_row)
                    if i != index
                ),
                default=0.0,
            )
            if rival >= score:
                continue
            pairs.append((score, index, run_index))
    result = list(found)
    used_rows: set[int] = set()
    used_runs: set[int] = set()
    for _score, index, run_index in sorted(pairs, reverse=True):
        if index in used_rows or run_index in used_runs:
            continue
        run = runs[run_index]
        # the order must still hold with the rows matched so far
        before = [m for _, m in result[:index] if m]
        after = [m for _, m in result[index + 1 :] if m]
        if any(m.start() > run.start() for m in before) or any(
            m.start() < run.end() for m in after
        ):
            continue
        used_rows.add(index)
        used_runs.add(run_index)
        result[index] = (result[index][0], run)
        fuzzy.append((run.text.replace("\n", ""), result[index][0].label, result[index][0].key))
    return result


def _all_matches(names: list[str], text: str, start: int, end: int):
    for name in names:
        yield from labels.pattern(name).finditer(text, start, end)


def _values_after(
    text: str,
    matches: list[tuple[Row, re.Match[str] | None]],
    index: int,
    end: int,
    count: int,
    constraint,
    candidates: list | None = None,
) -> tuple[list[Value] | None, str]:
    _, match = matches[index]
    # the label that follows this one in the text, whatever its place in the format
    following = min(
        ((r, m) for r, m in matches if m and m.start() >= match.end()),
        key=lambda pair: pair[1].start(),
        default=None,
    )
    region = text[match.end() : following[1].start() if following else end]
    if following:
        region = _without_trailing_number(region, following[0])
    return row_values(region, count, constraint, candidates)


def _without_trailing_number(region: str, next_row: Row) -> str:
    """Cut the next row's own numbering ("2.", "（四）") off the end of this row's values."""
    number = re.sub(r"\W", "", labels.core(next_row.number))
    if not number:
        return region
    if number.isdigit():
        # values never end in a full stop, so "…00000002." ends with the next row's "2."
        return re.sub(rf"{number}\s*[.、]\s*$", "", region)
    return re.sub(rf"\(?{number}[)、.]?\s*$", "", region)


def _collect(
    parsed: ParsedTables,
    number: str,
    block: Block,
    text: str,
    matches,
    end: int,
    constraint=None,
    pending: dict | None = None,
) -> None:
    table = parsed.tables.setdefault(number, {})
    unread = parsed.unread_rows.setdefault(number, [])
    for index, (row, match) in enumerate(matches):
        if row.group:
            continue
        if match is None:
            parsed.missing_rows.append((number, row.label))
            continue
        candidates: list = []
        values, note = _values_after(
            text, matches, index, end, len(block.columns), constraint, candidates
        )
        if candidates and pending is not None:
            pending[row.key] = candidates
            table[row.key] = values
            continue
        later = any(m is not None and m.start() >= match.end() for _, m in matches)
        if values is None:
            if not later and end >= len(text.rstrip()):
                parsed.missing_rows.append((number, row.label))  # the text ends at its label
                continue
            # The label is there and nothing follows it before the next row: every cell is
            # blank (a layout of spaces drops blank cells), which is "not reported", not a
            # missing row.
            values = [None] * len(block.columns)
        table[row.key] = values
        if not later and end >= len(text.rstrip()) and any(v is None for v in values):
            parsed.cut_tail.append((number, row.key, row.label))
        if note and all(v is None for v in values):
            unread.append(row.label)
            parsed.unreadable[number] = (
                f"“{unread[0]}”一行{note}"
                if len(unread) == 1
                else f"“{unread[0]}”等 {len(unread)} 行的数字无法确定各单元格"
            )
        if note:
            parsed.notes.append(
                Finding("V1", Severity.NOTE, f"表{number} {row.label}：{note}", number, row.label)
            )


def _mark(parsed: ParsedTables, start: int, end: int) -> None:
    if parsed.first_table_at is None or start < parsed.first_table_at:
        parsed.first_table_at = start
    parsed.last_table_end = max(parsed.last_table_end, end)


def _read_three(text: str, parsed: ParsedTables) -> int:
    """Table 三; returns where table 二 must end (the start of table 三, or the text's end)."""
    block = parsed.fmt.tables["三"].blocks[0]
    anchor = None
    for row in block.value_rows[:2]:
        anchor = labels.find(labels.strip_number(row.label), text)
        if anchor:
            break
    if anchor is None:
        return (section_heading("三", text) or _end(text)).start()
    heading = section_heading("三", text, max(0, anchor.start() - 3000))
    head_start = heading.end() if heading and heading.start() < anchor.start() else anchor.start()
    four = section_heading("四", text, anchor.end())
    results = labels.find("结果维持", text, anchor.end())
    end = min(m.start() for m in (four, results, _end(text)) if m)
    fuzzy: list[tuple[str, str, str]] = []
    matches = _scan_rows(text, block.rows, anchor.start(), end, fuzzy)
    pending: dict[str, list] = {}
    _collect(parsed, "三", block, text, matches, end, lambda v: v[6] == sum(v[:6]), pending)
    if pending:
        _solve_glued(parsed, pending)
    _note_resembling(parsed, "三", fuzzy)
    header = text[head_start : anchor.start()]
    missing = [c.label for c in block.columns if not labels.find(c.label, header)]
    if missing and parsed.tables.get("三"):
        parsed.notes.append(
            Finding(
                "V2",
                Severity.NOTE,
                f"表三的列标题不全（未找到：{'、'.join(missing)}），按格式规定的列顺序读取",
                "三",
            )
        )
    last = max((m.end() for _, m in matches if m), default=anchor.end())
    _mark(parsed, anchor.start(), last)
    return heading.start() if heading and heading.start() < anchor.start() else anchor.start()


def _note_resembling(parsed: ParsedTables, number: str, fuzzy: list[tuple[str, str, str]]) -> None:
    """Say which written label was read as which row of the format."""
    for written, label, key in fuzzy:
        if key not in parsed.tables.get(number, {}):
            continue  # a label cut off with its row: nothing was read by it
        parsed.labels_matched.append((number, written, label))
        parsed.notes.append(
            Finding(
                "L1",
                Severity.NOTE,
                f"表{number}的“{written}”按格式的“{label}”一行读取（文字与格式不完全相同）",
                number,
                label,
            )
        )


def _solve_glued(parsed: ParsedTables, pending: dict[str, list]) -> None:
    """Rows of glued digits their own total could not split: split them by the whole table."""
    three = parsed.tables["三"]
    rows = {key: values for key, values in three.items() if key not in pending}
    solved, why = solve_three(parsed.fmt, rows, pending)
    table = parsed.fmt.tables["三"]
    labels_of = "、".join(f"“{table.row(key).label}”" for key in pending)
    if solved is None:
        parsed.unreadable["三"] = f"{labels_of}的数字连写，{why}，无法确定各单元格"
        parsed.notes.append(
            Finding(
                "V1",
                Severity.NOTE,
                f"表三 {labels_of}：数字连写，{why}，无法确定各单元格（未核对）",
                "三",
            )
        )
        return
    three.update(solved)
    parsed.notes.append(
        Finding(
            "V1",
            Severity.NOTE,
            f"表三 {labels_of}：数字连写，按全表勾稽关系（行、列合计）唯一拆分",
            "三",
        )
    )


def _read_two(text: str, parsed: ParsedTables, end: int) -> None:
    table = parsed.fmt.tables["二"]
    first_header = labels.find(table.blocks[0].header, text, 0, end)
    heading = section_heading("二", text, 0)
    if first_header:
        start = first_header.start()
    elif heading and heading.start() < end:
        start = heading.end()
    else:
        return
    rows = tuple(row for block in table.blocks for row in block.rows)
    fuzzy: list[tuple[str, str, str]] = []
    matches = _scan_rows(text, rows, start, end, fuzzy)
    if not any(m for _, m in matches):
        return
    for block in table.blocks:
        block_matches = [(r, m) for r, m in matches if r in block.rows]
        block_end = next(
            (m.start() for r, m in matches[matches.index(block_matches[-1]) + 1 :] if m), end
        )
        _collect(parsed, "二", block, text, block_matches, block_end)
    _note_resembling(parsed, "二", fuzzy)
    fee = next((m for r, m in matches if r.key == "行政事业性收费" and m), None)
    if fee:
        unit = re.search(
            r"单位\W*(万元|元|千元|亿元)", text[max(start, fee.start() - 200) : fee.start()]
        )
        parsed.fee_unit = unit.group(1) if unit else ""
    _mark(parsed, start, max(m.end() for _, m in matches if m))


def _read_four(text: str, parsed: ParsedTables) -> None:
    start_at = parsed.last_table_end
    heading = section_heading("四", text, start_at)
    after = heading.end() if heading else start_at
    # PDF text tears two-line header words apart ("结果 结果 其他 尚未\n维持 纠正 结果 审结"):
    # any of the header's words, or the section heading, marks where the table starts
    markers = [
        labels.find(word, text, after)
        for word in ("结果维持", "未经复议直接起诉", "复议后起诉", "尚未审结")
    ]
    if heading is None:
        markers.append(_torn_header(text, after))
    first = min((m for m in markers if m), key=lambda m: m.start(), default=None) or heading
    if first is None:
        return
    five = section_heading("五", text, first.end())
    end = (five or _end(text)).start()
    end = _four_end(text, first.end(), end)
    region = text[first.start() : end]
    values, note = _appeal_values(region)
    if heading is None and (values is None or all(v is None for v in values)):
        return  # header words in prose ("被申请行政复议0件、行政诉讼0件"), not a table
    if values is None:
        parsed.missing_rows.append(("四", "行政复议、行政诉讼数据"))
        return
    if end >= len(text.rstrip()) and any(v is None for v in values):
        # the text stops inside the table: what is missing was cut off, not left blank
        parsed.cut_tail.append(("四", "四", "行政复议、行政诉讼数据"))
    parsed.tables["四"] = {"四": values}
    if note:
        parsed.notes.append(Finding("V1", Severity.NOTE, f"表四：{note}", "四"))
        if all(v is None for v in values):
            parsed.unreadable["四"] = note  # figures there, columns unknown: not a blank table
    _mark(parsed, first.start(), first.start() + len(region))


def _torn_header(text: str, start: int) -> re.Match[str] | None:
    """Table 四's header with its words torn over lines: 行政复议 and 行政诉讼 close together,
    with no figure between them ("被申请行政复议0件、行政诉讼0件" is prose, not a header)."""
    return re.compile(r"行\W*政\W*复\W*议[^。，,；;\d]{0,40}?行\W*政\W*诉\W*讼").search(text, start)


# The words of table 四's header (the format's, and those agencies write around them):
# anything else in Chinese after its figures is prose.
FOUR_HEADER_WORDS = ("合计", "直接起诉", "政府信息公开", "因", "被申请", "提起", "工作", "情况")
FOUR_HEADER = re.compile(
    "|".join(
        (
            *RESULT_LABELS,
            *(group for _, group in APPEAL_GROUPS),
            LITIGATION_HEADER,
            *FOUR_HEADER_WORDS,
            "的",
            "数量",
            "单位",
            "件",
        )
    )
)
FOUR_TOKEN = re.compile(r"[\u4e00-\u9fff][^\d\x1f\n]*|\d+(?:\.\d+)?(?:\s*[年月日时号%件条])?")
FOUR_CELLS = 15


def _four_end(text: str, start: int, end: int) -> int:
    """Where table 四 ends: after its fifteen cells, or at the first prose or heading after its
    figures (五、… in any wording, a date, a sentence) — not at one fixed heading."""
    cells = 0
    for token in FOUR_TOKEN.finditer(text, start, end):
        word = token.group(0)
        if word[0].isdigit():
            if re.search(r"[年月日时号%件条]$", word):
                if cells:
                    return token.start()  # a date, a share or a count in prose
                continue
            cells += 1
            if cells >= FOUR_CELLS:
                # the rest of that line too: a stray page number before the row counts here
                line_end = text.find("\n", token.end(), end)
                return end if line_end < 0 else line_end
            continue
        if re.match(r"[五六七八九][、.]", word):
            return token.start()  # the next section, however it is worded
        rest = FOUR_HEADER.sub("", re.sub(r"[^\u4e00-\u9fff]", "", word))
        if cells and len(rest) >= 3:
            return token.start()
    return end


def _appeal_values(region: str) -> tuple[list[Value] | None, str]:
    """The 15 cells of table 四: whatever is not header text, in order."""

    def groups_add_up(v: list[int]) -> bool:
        return all(v[i + 4] == sum(v[i : i + 4]) for i in (0, 5, 10))

    if CELL in region:
        for line in region.split("\n"):  # the row of fifteen cells, whatever is around it
            pieces = [p for p in line.split(CELL)[1:-1]]
            if len(pieces) == 15 and not any(re.search(r"[\u4e00-\u9fff]", p) for p in pieces):
                return row_values(CELL + CELL.join(pieces) + CELL, 15, groups_add_up)
        cells = []
        for piece in region.split(CELL)[1:]:
            if not piece.strip() and "\n" in piece:
                continue
            cells.append(piece)
        numeric = [c for c in cells if not re.search(r"[\u4e00-\u9fff]", c)]
        if len(numeric) >= 15:
            values, note = row_values(CELL + CELL.join(numeric[:15]) + CELL, 15, groups_add_up)
            return values, note
    # A stray line (a page number) before the row must not shift it: a line holding all
    # fifteen cells is the row.
    for line in region.split("\n"):
        numbers = re.sub(r"[\u4e00-\u9fff()（）:：、]+", " ", line).split()
        if len(numbers) == 15 and not re.search(r"[\u4e00-\u9fff]{2}", line):
            return row_values(" ".join(numbers), 15, groups_add_up)
    words = re.sub(r"[\u4e00-\u9fff()（）:：、]+", " ", region)
    return row_values(words, 15, groups_add_up)


def _end(text: str) -> re.Match[str]:
    return re.compile(r"\Z").search(text)
