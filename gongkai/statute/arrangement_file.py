"""Reading a holiday-arrangement file (`date,kind,source`, one row per date).

Administrators import the State Council's notice each November. The whole file is checked
before anything is written: every problem is reported with its line number.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import date

from .workdays import Arrangement, DayKind

HEADER_ALIASES = ({"date", "kind", "source"}, {"日期", "类型", "依据"})
KIND_ALIASES = {
    "放假": DayKind.HOLIDAY,
    "休": DayKind.HOLIDAY,
    "holiday": DayKind.HOLIDAY,
    "上班": DayKind.WORKDAY,
    "班": DayKind.WORKDAY,
    "workday": DayKind.WORKDAY,
}
WEEKDAY_NAMES = "一二三四五六日"


@dataclass(frozen=True)
class FileProblem:
    line: int
    message: str

    def __str__(self) -> str:
        return f"第 {self.line} 行：{self.message}"


class ArrangementFileError(ValueError):
    def __init__(self, problems: list[FileProblem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


def decode_text(data: bytes) -> str:
    """UTF-8 (with or without BOM), else GB18030 — what Excel on a Chinese Windows PC saves."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("gb18030")
    except UnicodeDecodeError as error:
        raise ArrangementFileError(
            [FileProblem(1, "文件编码无法识别，请另存为 UTF-8 或 GBK 编码的 CSV 文件")]
        ) from error


def parse_date(text: str) -> date:
    """`2027-01-01`, or `2027/1/1` as spreadsheets write it."""
    parts = text.strip().replace("/", "-").split("-")
    if len(parts) != 3 or not all(part.isdigit() for part in parts) or len(parts[0]) != 4:
        raise ValueError(text)
    return date(int(parts[0]), int(parts[1]), int(parts[2]))


def parse_arrangements(text: str) -> list[Arrangement]:
    """All rows of the file, or ArrangementFileError listing every problem found."""
    problems: list[FileProblem] = []
    rows: list[Arrangement] = []
    first_line_of: dict[date, tuple[int, DayKind]] = {}
    for line_number, fields in enumerate(csv.reader(io.StringIO(text)), start=1):
        cells = [cell.strip() for cell in fields]
        if not any(cells) or cells[0].startswith("#"):
            continue
        if line_number == 1 and {c.lower() for c in cells} in HEADER_ALIASES:
            continue
        problem, row = _parse_row(cells)
        if problem:
            problems.append(FileProblem(line_number, problem))
            continue
        earlier = first_line_of.get(row.day)
        if earlier is not None:
            if earlier[1] is not row.kind:
                problems.append(
                    FileProblem(
                        line_number,
                        f"{row.day} 已在第 {earlier[0]} 行定为“{earlier[1]}”，"
                        f"此处又定为“{row.kind}”",
                    )
                )
            continue
        first_line_of[row.day] = (line_number, row.kind)
        if row.contradicts_weekday:
            problems.append(FileProblem(line_number, _weekday_contradiction(row)))
            continue
        rows.append(row)
    if not rows and not problems:
        problems.append(FileProblem(1, "文件中没有任何日期行（格式：日期,类型,依据）"))
    if problems:
        raise ArrangementFileError(problems)
    return rows


def _parse_row(cells: list[str]) -> tuple[str, Arrangement | None]:
    if len(cells) != 3:
        return f"应有 3 列（日期,类型,依据），实有 {len(cells)} 列", None
    date_text, kind_text, source = cells
    try:
        day = parse_date(date_text)
    except ValueError:
        return f"日期“{date_text}”无法识别，应写作 2027-01-01", None
    kind = KIND_ALIASES.get(kind_text.lower())
    if kind is None:
        return f"类型“{kind_text}”无法识别，只能是“放假”或“上班”", None
    if not source:
        return "缺少依据（发布放假安排的通知名称或文号）", None
    return "", Arrangement(day, kind, source)


def _weekday_contradiction(row: Arrangement) -> str:
    weekday = "星期" + WEEKDAY_NAMES[row.day.weekday()]
    if row.kind is DayKind.HOLIDAY:
        return f"{row.day} 是{weekday}，本来就休息，不能列为“放假”"
    return f"{row.day} 是{weekday}，本来就上班，不能列为调休“上班”"
