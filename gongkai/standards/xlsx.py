"""The standard catalogue in and out of Excel, in the layout counties publish: one row per
二级事项, the 54号 elements as columns.

Published sheets vary: 领域 and 一级事项 cells are merged down over their rows (the value
stands in the first row only), and 公开对象, 公开方式 and 公开层级 are often two header rows
with a tick column each (全社会 / 特定群体, 主动 / 依申请, 县级 / 乡级). Both are read. The
whole file is validated first; only a file without a single problem is written."""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.db import transaction

from gongkai.catalogue.importer import ImportRefused, sheet_reader
from gongkai.core.audit import audit
from gongkai.core.models import Agency, Role, User
from gongkai.core.transitions import require_role
from gongkai.standards.models import Adoption, Audience, Manner, Matter, ModelCatalogue
from gongkai.standards.transitions import EDITORS, adopted_matters
from gongkai.statute.arrangement_file import FileProblem
from gongkai.statute.disclosure_limits import LimitError, parse_limit

COLUMNS = {
    "domain": ("领域", "试点领域", "所属领域"),
    "level1": ("一级事项", "公开事项一级事项"),
    "level2": ("二级事项", "公开事项二级事项"),
    "content": ("公开内容（要素）", "公开内容(要素)", "公开内容"),
    "basis": ("公开依据",),
    "limit": ("公开时限",),
    "subject": ("公开主体",),
    "channels": ("公开渠道和载体", "公开渠道"),
    "audience": ("公开对象",),
    "manner": ("公开方式",),
    "levels": ("公开层级",),
}
TICKS = {
    "全社会": ("audience", Audience.PUBLIC),
    "特定群体": ("audience", Audience.SPECIFIC),
    "主动": ("manner", Manner.PROACTIVE),
    "依申请": ("manner", Manner.ON_APPLICATION),
    "县级": ("levels", "县级"),
    "乡级": ("levels", "乡级"),
}
TICKED = {"√", "✓", "✔", "是", "Y", "y", "1", "●", "○"}
REQUIRED = ("level2",)
HEADER = [
    "序号",
    "领域",
    "一级事项",
    "二级事项",
    "公开内容（要素）",
    "公开依据",
    "公开时限",
    "公开主体",
    "公开渠道和载体",
    "公开对象",
    "公开方式",
    "公开层级",
]
MAX_ROWS = 5000


def _name(cell: str) -> str:
    return re.sub(r"\s+", "", cell).rstrip("*＊").replace("(", "（").replace(")", "）")


@dataclass
class _Layout:
    header_lines: int
    columns: dict[str, int]
    ticks: dict[int, tuple[str, str]]


def _layout(rows: list[list[str]]) -> _Layout:
    """Find the header: the first row naming a known column, merged with the row under it
    when that row names columns too (the lower name wins, as in a merged header)."""
    aliases = {_name(a): key for key, names in COLUMNS.items() for a in names}

    def known(names):
        return any(n in aliases or n in TICKS for n in names)

    for index, cells in enumerate(rows[:6]):
        upper = [_name(c) for c in cells]
        if not known(upper):
            continue
        lower = [_name(c) for c in rows[index + 1]] if index + 1 < len(rows) else []
        # a second header row holds only column names; a data row holds other text
        two_rows = known(lower) and all(not n or n in aliases or n in TICKS for n in lower)
        width = max(len(upper), len(lower) if two_rows else 0)
        names = [
            (lower[i] if two_rows and i < len(lower) and lower[i] else "")
            or (upper[i] if i < len(upper) else "")
            for i in range(width)
        ]
        columns: dict[str, int] = {}
        for i, n in enumerate(names):
            if n in aliases:
                columns.setdefault(aliases[n], i)
        ticks = {i: TICKS[n] for i, n in enumerate(names) if n in TICKS}
        if "level2" not in columns:
            break
        return _Layout(index + 1 + two_rows, columns, ticks)
    missing = "、".join(COLUMNS[k][0] for k in REQUIRED)
    raise ImportRefused([FileProblem(1, f"找不到列名行：表头应含“{missing}”（请使用导出的模板）")])


@dataclass
class ParsedRow:
    line: int
    fields: dict


def _choice(text: str, key: str, line: int, problems: list[FileProblem]):
    text = text.strip()
    if key == "audience":
        options = {label: value for value, label in Audience.choices}
    else:
        options = {label: value for value, label in Manner.choices}
        options.update({"主动公开": Manner.PROACTIVE, "依申请公开": Manner.ON_APPLICATION})
    if not text:
        return Audience.PUBLIC if key == "audience" else Manner.PROACTIVE
    if text not in options:
        label = "公开对象" if key == "audience" else "公开方式"
        problems.append(FileProblem(line, f"{label}“{text}”应为{'或'.join(options)}"))
    return options.get(text)


def parse_sheet(data: bytes, filename: str) -> list[ParsedRow]:
    """Every row of the file as matter fields, or ImportRefused with every problem by row."""
    rows = list(sheet_reader(data, filename)())
    if not rows:
        raise ImportRefused([FileProblem(1, "文件是空的")])
    layout = _layout(rows)
    if len(rows) - layout.header_lines > MAX_ROWS:
        raise ImportRefused([FileProblem(1, f"一次最多导入 {MAX_ROWS} 个事项，请分批导入")])
    problems: list[FileProblem] = []
    parsed: list[ParsedRow] = []
    carried = {"domain": "", "level1": ""}
    seen: dict[tuple, int] = {}
    for line, cells in enumerate(rows[layout.header_lines :], start=layout.header_lines + 1):
        if not any(c.strip() for c in cells):
            continue

        def cell(key: str, cells=cells) -> str:
            i = layout.columns.get(key)
            return cells[i].strip() if i is not None and i < len(cells) else ""

        fields: dict = {}
        for key in ("domain", "level1"):  # merged down over their rows
            carried[key] = cell(key) or carried[key]
            fields[key] = carried[key]
        fields["level2"] = cell("level2")
        for key in ("content", "basis", "subject", "channels"):
            fields[key] = cell(key)
        row_problems = len(problems)
        if not fields["level2"]:
            problems.append(FileProblem(line, "二级事项不能为空"))
        if not fields["domain"]:
            problems.append(FileProblem(line, "领域不能为空"))
        if not fields["level1"]:
            problems.append(FileProblem(line, "一级事项不能为空"))
        for key, limit in (
            ("level2", 200),
            ("level1", 100),
            ("domain", 50),
            ("channels", 300),
            ("subject", 200),
            ("content", 2000),
            ("basis", 2000),
        ):
            if len(fields[key]) > limit:
                problems.append(FileProblem(line, f"{HEADER_NAMES[key]}超过 {limit} 字"))
        try:
            limit_value = parse_limit(cell("limit"))
            fields["limit_kind"], fields["limit_days"] = limit_value.kind.value, limit_value.days
        except LimitError as error:
            problems.append(FileProblem(line, str(error)))
        ticked: dict[str, list[str]] = {}
        for i, (key, value) in layout.ticks.items():
            if i < len(cells) and cells[i].strip() in TICKED:
                ticked.setdefault(key, []).append(value)
        for key in ("audience", "manner"):
            if key in ticked:
                if len(ticked[key]) > 1:
                    label = "公开对象" if key == "audience" else "公开方式"
                    problems.append(FileProblem(line, f"{label}只能勾选一项"))
                fields[key] = ticked[key][0]
            else:
                fields[key] = _choice(cell(key), key, line, problems)
        levels = ticked.get("levels") or re.findall(r"县级|乡级", cell("levels")) or ["乡级"]
        fields["county_level"], fields["township_level"] = "县级" in levels, "乡级" in levels
        key = (fields["domain"], fields["level1"], fields["level2"])
        if fields["level2"] and key in seen:
            problems.append(FileProblem(line, f"与第{seen[key]}行重复（同一领域、一级和二级事项）"))
        seen.setdefault(key, line)
        if len(problems) == row_problems:
            parsed.append(ParsedRow(line, fields))
    if not parsed and not problems:
        raise ImportRefused([FileProblem(layout.header_lines + 1, "文件中没有数据行")])
    if problems:
        raise ImportRefused(problems)
    return parsed


HEADER_NAMES = {key: names[0] for key, names in COLUMNS.items()}


def import_matters(
    data: bytes,
    filename: str,
    *,
    by: User,
    catalogue: ModelCatalogue | None = None,
    agency: Agency | None = None,
    on=None,
) -> list[Matter]:
    """Rows into a county's model catalogue, or an agency's local rows (adopted at once)."""
    if (catalogue is None) == (agency is None):
        raise ValueError("either a model catalogue or an agency")
    if catalogue is not None:
        require_role(by, catalogue.issuer, (Role.ADMIN, Role.CLERK))
    else:
        require_role(by, agency, EDITORS)
    rows = parse_sheet(data, filename)
    with transaction.atomic():
        start = Matter.objects.filter(catalogue=catalogue, agency=agency).count() if rows else 0
        matters = Matter.objects.bulk_create(
            [
                Matter(catalogue=catalogue, agency=agency, order=start + n, **row.fields)
                for n, row in enumerate(rows, start=1)
            ]
        )
        if agency is not None:
            Adoption.objects.bulk_create(
                [Adoption(agency=agency, matter=m, adopted_on=on) for m in matters]
            )
        audit(
            by,
            "standards.matters.imported",
            agency=catalogue.issuer if catalogue else agency,
            file=filename,
            rows=len(matters),
        )
    return matters


def export_matters(matters, title: str) -> bytes:
    """The rows in the published layout, read back by parse_sheet."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    from gongkai.core.xlsx import workbook_bytes

    book = Workbook()
    sheet = book.active
    sheet.title = "标准目录"
    sheet.append(HEADER)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for n, m in enumerate(matters, start=1):
        sheet.append(
            [
                n,
                m.domain,
                m.level1,
                m.level2,
                m.content,
                m.basis,
                m.limit.label,
                m.subject,
                m.channels,
                m.get_audience_display(),
                m.get_manner_display(),
                m.levels_label,
            ]
        )
    for column, width in zip(
        "ABCDEFGHIJKL", (6, 14, 18, 24, 30, 30, 24, 16, 20, 10, 10, 12), strict=True
    ):
        sheet.column_dimensions[column].width = width
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = "A2"
    book.properties.title = title
    return workbook_bytes(book)


def export_agency(agency: Agency) -> bytes:
    return export_matters(adopted_matters(agency), f"{agency.name}基层政务公开标准目录")
