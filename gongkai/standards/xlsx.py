"""The standard catalogue in and out of Excel, in the layout counties publish: one row per
二级事项, the 54号 elements as columns.

Published sheets vary: 领域 and 一级事项 cells are merged down over their rows (the value
stands in the first row only), and 公开对象, 公开方式 and 公开层级 are often two header rows
with a tick column each (全社会 / 特定群体, 主动 / 依申请, 县级 / 乡级). Both are read. The
whole file is validated first; only a file without a single problem is written."""

from __future__ import annotations

import io
import re
import unicodedata
from dataclasses import dataclass, field

from django.db import transaction

from gongkai.catalogue.importer import ImportRefused, _cell, sheet_reader
from gongkai.core.audit import audit
from gongkai.core.models import Agency, Role, User
from gongkai.core.transitions import require_role
from gongkai.standards.models import Adoption, Audience, Manner, Matter, ModelCatalogue
from gongkai.standards.transitions import EDITORS, adopted_matters
from gongkai.statute.arrangement_file import FileProblem
from gongkai.statute.disclosure_limits import LimitError, read_limit

COLUMNS = {
    "domain": ("领域", "试点领域", "所属领域"),
    "level1": ("一级事项", "公开事项一级事项"),
    "level2": ("二级事项", "公开事项二级事项"),
    "level3": ("三级事项",),
    "item": ("公开事项",),  # a single 公开事项 column, not split into 一级/二级
    "content": ("公开内容（要素）", "公开内容(要素)", "公开内容", "公开内容（要素）及要求"),
    "basis": ("公开依据",),
    "limit": ("公开时限",),
    "subject": ("公开主体",),
    "channels": ("公开渠道和载体", "公开渠道"),
    "audience": ("公开对象",),
    "manner": ("公开方式",),
    "attribute": ("公开属性",),  # 主动公开 / 依申请公开 where 公开方式 names the form
    "levels": ("公开层级",),
}
TICKS = {
    "全社会": ("audience", Audience.PUBLIC),
    "特定群体": ("audience", Audience.SPECIFIC),
    "特定群众": ("audience", Audience.SPECIFIC),
    "主动": ("manner", Manner.PROACTIVE),
    "主动公开": ("manner", Manner.PROACTIVE),
    "依申请": ("manner", Manner.ON_APPLICATION),
    "依申请公开": ("manner", Manner.ON_APPLICATION),
    "县级": ("levels", "县级"),
    "乡级": ("levels", "乡级"),
    "镇级": ("levels", "乡级"),
    "乡、村级": ("levels", "乡级"),
    "乡村级": ("levels", "乡级"),
}
# header cells that are known but carry nothing the matter keeps
IGNORED = {"序号", "一级目录", "市级", "村级", "咨询电话", "监督举报电话", "备注"}
# a tick column holding text other than these names the ticked group (e.g. 特定群体: 项目单位)
UNTICKED = {"", "×", "✗", "否", "无", "-", "—", "/", "／", "□"}
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
# pinyin glosses some mirror sites inject after characters: 鎮(zhèn)
_PINYIN = re.compile(r"\([a-zü\u00e0-\u01dc]+\)")
_NUMBERING = re.compile(r"^[（(][一二三四五六七八九十]+[）)]")
_PLACE = re.compile(r"^.{1,8}?(?:街道|镇|乡|县|区|市|旗)")
_CJK_GAP = re.compile(r"(?<=[\u4e00-\u9fff、，])\s+(?=[\u4e00-\u9fff])")
AREA_SYNONYMS = ("卫生健康", "生态环境", "乡村振兴", "涉农资金")


def _converter():
    import opencc  # traditional-character mirror copies (DESIGN.md: opencc)

    return opencc.OpenCC("t2s")


def clean_text(text: str, converter=None) -> str:
    """As a reader reads the cell: NFKC, simplified characters, without pinyin glosses."""
    text = unicodedata.normalize("NFKC", text or "")
    text = _PINYIN.sub("", text)
    return converter.convert(text) if converter is not None else text


def _name(cell: str) -> str:
    return re.sub(r"\s+", "", cell).rstrip("*＊").replace("(", "（").replace(")", "）")


def _known(name: str, aliases: dict) -> str:
    """The header name as known, restoring a 公 an extraction dropped (开时限 → 公开时限)."""
    if name in aliases or name in TICKS or name in IGNORED:
        return name
    if name.startswith("开") and ("公" + name in aliases or "公" + name in TICKS):
        return "公" + name
    return ""


@dataclass
class _Layout:
    header_lines: int
    columns: dict[str, int]
    ticks: dict[int, tuple[str, str]]
    title: str = ""
    header_row: int = 0  # 0-based index of the (upper) header row


def _layout(rows: list[list[str]]) -> _Layout:
    """Find the header: the first row naming a known column, merged with the row under it
    when that row names columns too (the lower name wins, as in a merged header)."""
    aliases = {_name(a): key for key, names in COLUMNS.items() for a in names}

    def known(names):
        return any(_known(n, aliases) for n in names)

    for index, cells in enumerate(rows[:6]):
        upper = [_known(_name(c), aliases) for c in cells]
        if not any(upper):
            continue
        raw_lower = [_name(c) for c in rows[index + 1]] if index + 1 < len(rows) else []
        lower = [_known(n, aliases) for n in raw_lower]
        # a second header row holds only column names; a data row holds other text
        two_rows = any(lower) and all(
            not raw or known_name for raw, known_name in zip(raw_lower, lower, strict=True)
        )
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
        if "level2" not in columns and "item" in columns:
            columns["level2"] = columns["item"]  # one 公开事项 column: it is the matter
        if "level2" not in columns:
            break
        if "attribute" in columns:  # 公开方式 then names the form (全文发布), not the manner
            columns["manner"] = columns.pop("attribute")
        title = "".join("".join(r) for r in rows[:index])
        return _Layout(index + 1 + two_rows, columns, ticks, title, index)
    missing = "、".join(COLUMNS[k][0] for k in REQUIRED)
    raise ImportRefused([FileProblem(1, f"找不到列名行：表头应含“{missing}”（请使用导出的模板）")])


def _domain_from(title: str, sheet_name: str) -> str:
    """Tables without a 领域 column name it in their title: "社会救助领域基层政务公开标准目录"."""
    from gongkai.statute.catalogue_subjects import STANDARD_AREAS

    for text in (_name(title), _name(sheet_name)):
        text = _NUMBERING.sub("", text)
        head = text.split("领域")[0] if "领域" in text else text
        for area in (*STANDARD_AREAS, *AREA_SYNONYMS):
            if area in head:
                return area
        if "领域" in text and head:
            return _PLACE.sub("", head) or head
    return ""


@dataclass
class ParsedRow:
    line: int
    fields: dict
    notes: list[str] = field(default_factory=list)


class ImportedMatters(list):
    """The matters written, and what the import assumed row by row (e.g. a vague 公开时限
    read as 条例第二十六条's 20 working days)."""

    notes: list[str]


def _choice(text: str, key: str, line: int, problems: list[FileProblem]):
    text = text.strip()
    if key == "audience":
        options = {label: value for value, label in Audience.choices}
    else:
        options = {label: value for value, label in Manner.choices}
        options.update({"主动公开": Manner.PROACTIVE, "依申请公开": Manner.ON_APPLICATION})
        # the extraction that drops 公 from a whole table (spec samples, s10)
        options.update({"主动开": Manner.PROACTIVE, "依申请开": Manner.ON_APPLICATION})
    if not text:
        return Audience.PUBLIC if key == "audience" else Manner.PROACTIVE
    if text not in options:
        label = "公开对象" if key == "audience" else "公开方式"
        problems.append(FileProblem(line, f"{label}“{text}”应为{'或'.join(options)}"))
    return options.get(text)


@dataclass
class _Sheet:
    name: str
    rows: list[list[str]]
    # (first row, last row, first column, last column), 0-based, of each merged range
    merges: list[tuple[int, int, int, int]] = field(default_factory=list)


def _sheets(data: bytes, filename: str) -> list[_Sheet]:
    """Every sheet, its merged cells filled with their value (a merged 公开渠道 or 一级事项
    belongs to every row it spans). CSV is one sheet."""
    read = sheet_reader(data, filename)  # size, ZIP and encoding checks
    if not data.startswith(b"PK\x03\x04"):
        return [_Sheet("", list(read()))]
    import openpyxl

    try:
        book = openpyxl.load_workbook(io.BytesIO(data), data_only=True)
    except Exception:  # openpyxl raises many kinds on a damaged or non-Excel ZIP
        raise ImportRefused(
            [FileProblem(1, "无法读取该 Excel 文件，请另存为 .xlsx 后重试")]
        ) from None
    sheets = []
    for sheet in book.worksheets:
        if sheet.max_row > MAX_ROWS + 10:
            raise ImportRefused([FileProblem(1, f"一次最多导入 {MAX_ROWS} 个事项，请分批导入")])
        rows = [[_cell(v) for v in row] for row in sheet.iter_rows(values_only=True)]
        merges = []
        for merged in sheet.merged_cells.ranges:
            r0, r1, c0, c1 = (
                merged.min_row - 1,
                merged.max_row - 1,
                merged.min_col - 1,
                merged.max_col - 1,
            )
            value = rows[r0][c0] if r0 < len(rows) and c0 < len(rows[r0]) else ""
            for r in range(r0, min(r1, len(rows) - 1) + 1):
                for c in range(c0, min(c1, len(rows[r]) - 1) + 1):
                    rows[r][c] = value
            merges.append((r0, r1, c0, c1))
        if any(any(c.strip() for c in row) for row in rows):
            sheets.append(_Sheet(sheet.title, rows, merges))
    return sheets


def parse_sheet(data: bytes, filename: str) -> list[ParsedRow]:
    """Every row of every sheet as matter fields, or ImportRefused with every problem by row
    (and sheet, when there are several)."""
    sheets = _sheets(data, filename)
    if not sheets:
        raise ImportRefused([FileProblem(1, "文件是空的")])
    problems: list[FileProblem] = []
    parsed: list[ParsedRow] = []
    seen: dict[tuple, str] = {}
    converter = _converter()
    for sheet in sheets:
        where = f"工作表“{sheet.name}”" if len(sheets) > 1 else ""
        rows = [[clean_text(c, converter) for c in row] for row in sheet.rows]
        try:
            layout = _layout(rows)
        except ImportRefused as refused:
            problems += [FileProblem(p.line, where + p.message) for p in refused.problems]
            continue
        if len(rows) - layout.header_lines > MAX_ROWS:
            raise ImportRefused([FileProblem(1, f"一次最多导入 {MAX_ROWS} 个事项，请分批导入")])
        sheet_problems: list[FileProblem] = []
        _parse_rows(sheet, rows, layout, sheet_problems, parsed, seen, where)
        problems += [FileProblem(p.line, where + p.message) for p in sheet_problems]
    if not parsed and not problems:
        raise ImportRefused([FileProblem(1, "文件中没有数据行")])
    if problems:
        raise ImportRefused(problems)
    return parsed


def _parse_rows(sheet, rows, layout, problems, parsed, seen, where) -> None:
    number_column = next(
        (i for i, c in enumerate(rows[layout.header_row]) if _name(c) == "序号"), 0
    )
    # rows whose 序号 cell is merged with the row above belong to the same item (a 公开内容
    # written over several sheet rows)
    continues = {
        r
        for r0, r1, c0, c1 in sheet.merges
        if c0 <= number_column <= c1 and r1 > r0
        for r in range(r0 + 1, r1 + 1)
    }
    domain = _domain_from(layout.title, sheet.name)
    carried = {"domain": domain, "level1": ""}
    previous: ParsedRow | None = None
    for index in range(layout.header_lines, len(rows)):
        cells, line = rows[index], index + 1
        if not any(c.strip() for c in cells):
            continue

        def cell(key: str, cells=cells) -> str:
            i = layout.columns.get(key)
            return cells[i].strip() if i is not None and i < len(cells) else ""

        if index in continues and previous is not None:
            extra = cell("content")
            if extra and extra not in previous.fields["content"]:
                previous.fields["content"] += "\n" + extra
            continue
        fields: dict = {}
        for key in ("domain", "level1", "level2", "level3"):  # a line break inside a name
            i = layout.columns.get(key)
            if i is not None and i < len(cells):
                cells[i] = _CJK_GAP.sub("", cells[i])
        for key in ("domain", "level1"):  # merged down over their rows
            carried[key] = cell(key) or carried[key]
            fields[key] = carried[key]
        fields["level2"] = cell("level2")
        if "level3" in layout.columns and cell("level3"):
            # 一级/二级/三级事项: the finest level is the matter, the others its heading
            if fields["level2"] and fields["level2"] != fields["level1"]:
                fields["level1"] = f"{fields['level1']}／{fields['level2']}"
            fields["level2"] = cell("level3")
        if "level1" not in layout.columns:
            fields["level1"] = fields["level1"] or fields["level2"]
        for key in ("content", "basis", "subject", "channels"):
            fields[key] = cell(key)
        row_problems = len(problems)
        notes: list[str] = []
        if not fields["level2"]:
            problems.append(FileProblem(line, "二级事项不能为空"))
        if not fields["domain"]:
            problems.append(
                FileProblem(line, "领域不能为空（表中没有“领域”列，标题中也没有“…领域”）")
            )
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
            limit_value, note = read_limit(cell("limit"), basis=fields["basis"])
            fields["limit_kind"], fields["limit_days"] = limit_value.kind.value, limit_value.days
            fields["limit_on"], fields["limit_law"] = limit_value.on, limit_value.law[:200]
            if note:
                notes.append(f"第{line}行：{note}")
        except LimitError as error:
            problems.append(FileProblem(line, str(error)))
        ticked: dict[str, list[str]] = {}
        for i, (key, value) in layout.ticks.items():
            if i < len(cells) and cells[i].strip() not in UNTICKED:
                ticked.setdefault(key, []).append(value)
        for key in ("audience", "manner"):
            label = "公开对象" if key == "audience" else "公开方式"
            if key in ticked:
                if len(set(ticked[key])) > 1:
                    problems.append(FileProblem(line, f"{label}只能勾选一项"))
                fields[key] = ticked[key][0]
            else:
                if not cell(key):
                    default = "全社会" if key == "audience" else "主动公开"
                    notes.append(f"第{line}行：{label}没有勾选，按“{default}”导入")
                fields[key] = _choice(cell(key), key, line, problems)
        levels = ticked.get("levels") or re.findall(r"县级|乡级", cell("levels"))
        if not levels:
            levels = ["乡级"]
            notes.append(f"第{line}行：公开层级没有勾选，按“乡级”导入")
        fields["county_level"], fields["township_level"] = "县级" in levels, "乡级" in levels
        key = (fields["domain"], fields["level1"], fields["level2"])
        if fields["level2"] and key in seen:
            problems.append(FileProblem(line, f"与{seen[key]}重复（同一领域、一级和二级事项）"))
        seen.setdefault(key, f"{where}第{line}行")
        if len(problems) == row_problems:
            previous = ParsedRow(line, fields, [where + n for n in notes])
            parsed.append(previous)
        else:
            previous = None


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
    notes = [note for row in rows for note in row.notes]
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
    result = ImportedMatters(matters)
    result.notes = notes
    return result


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
