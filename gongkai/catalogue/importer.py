"""Bringing an agency's existing catalogue in from Excel or CSV, one row per published item.

The whole file is checked first and every bad row reported with its spreadsheet row
number; only a file without a single problem is written, in one transaction. Index numbers
in the file are permanent public references, so a valid, unique one is kept as it is and a
wrong one is a problem to fix — never silently replaced. Rows without one get the next
serial, after every kept serial of that year, when they are published.

Review cannot be skipped (条例第十七条 保密审查): a clerk's import writes every row as
submitted for review, each with its personal-data scan, for a reviewer to approve one by
one. Only a reviewer of the agency who confirms on the page that the rows were reviewed
may import them as published — audited as such. Dates are checked: none in the future, none
before 1949-10-01."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from types import SimpleNamespace

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from gongkai.catalogue.models import (
    Category,
    DocumentKind,
    IndexCounter,
    Item,
    ItemStatus,
    Validity,
)
from gongkai.catalogue.search import index_id_range, terms_of
from gongkai.catalogue.transitions import EDITORS, REVIEWERS, sanitise, text_hits
from gongkai.core.audit import audit, lock_audit_chain
from gongkai.core.forms import strip_control
from gongkai.core.models import Agency, User
from gongkai.core.transitions import require_role
from gongkai.statute.arrangement_file import (
    ArrangementFileError,
    FileProblem,
    decode_text,
    parse_date,
)
from gongkai.statute.personal_data import DataKind

MAX_ROWS = 20_000
# a reviewer's direct publication segments every row for search (jieba, ~1.5 ms a row):
# 8,000 rows stay well inside the 30 s worker timeout (bench/catalogue_import.py)
MAX_PUBLISHED_ROWS = 8_000
MAX_BYTES = 20 * 1024 * 1024
MAX_COLUMNS = 40
MAX_CELL = 200_000  # the longest body an item may have
# column → Item field; the first name is the one our template uses, the rest are what
# portals' own exports call the same column
COLUMNS = {
    "index_number": ("索引号",),
    "title": ("名称", "标题", "信息名称"),
    "category": ("分类", "主题分类"),
    "publisher": ("发布机构",),
    "written_on": ("成文日期",),
    "published_on": ("发布日期", "发文日期", "公开日期"),
    "formed_on": ("形成或变更日期", "形成日期"),
    "document_number": ("文号", "发文字号"),
    "keywords": ("主题词", "关键词"),
    "summary": ("内容概述", "摘要"),
    "body": ("正文", "内容"),
    "validity": ("时效性", "有效性"),
    "validity_changed_on": ("失效或废止日期", "废止日期", "失效日期"),
    "document_kind": ("文件类型",),
}
REQUIRED = ("title", "category", "published_on")
VALIDITY = {label: value for value, label in Validity.choices}
KINDS = {label: value for value, label in DocumentKind.choices}
# personal numbers an old catalogue must not carry into ours (phones of offices are fine)
REFUSED_HITS = {DataKind.RESIDENT_ID.value, DataKind.BANK_CARD.value}
# no catalogue date can be older than the state whose agencies publish it
EARLIEST = date(1949, 10, 1)
BATCH = 400  # rows per INSERT: 23 columns × 400 stays under SQLite's 32,766 parameters


class ImportRefused(ValueError):
    def __init__(self, problems: list[FileProblem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


@dataclass
class Row:
    line: int
    fields: dict = field(default_factory=dict)


def sheet_reader(data: bytes, filename: str) -> Callable[[], Iterator[list[str]]]:
    """A way to read the sheet's cells as text from the start, as often as needed, one row
    at a time (the import checks, validates and writes in three passes without holding the
    rows); XLSX by content, anything else read as CSV."""
    if len(data) > MAX_BYTES:
        raise ImportRefused([FileProblem(1, "文件超过 20 MB，请分批导入")])
    if data.startswith(b"PK\x03\x04"):
        from gongkai.core.uploads import DAMAGED, zip_problem

        problem = zip_problem(data)
        if problem == DAMAGED:
            problem = "无法读取该 Excel 文件，请另存为 .xlsx 后重试"
        if problem:
            raise ImportRefused([FileProblem(1, problem)])
        return lambda: _xlsx_rows(data)
    try:
        text = decode_text(data)
    except ArrangementFileError as error:  # the shared decoder's own refusal
        raise ImportRefused(error.problems) from None

    def lines() -> Iterator[str]:
        """The text's lines, one slice at a time (a StringIO would copy the whole file)."""
        start = 0
        while start < len(text):
            end = text.find("\n", start)
            end = len(text) if end < 0 else end + 1
            yield text[start:end]
            start = end

    def csv_rows() -> Iterator[list[str]]:
        csv.field_size_limit(MAX_CELL + 1)
        try:
            yield from csv.reader(lines())
        except csv.Error as error:  # a cell beyond the limit, or a NUL byte in a binary file
            raise ImportRefused([FileProblem(1, f"无法按 CSV 读取该文件（{error}）")]) from None

    return csv_rows


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _xlsx_rows(data: bytes) -> Iterator[list[str]]:
    import openpyxl

    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds on a damaged or non-Excel ZIP
        raise ImportRefused(
            [FileProblem(1, "无法读取该 Excel 文件，请另存为 .xlsx 后重试")]
        ) from None
    sheet = book.worksheets[0]
    for row in sheet.iter_rows(values_only=True):
        yield [_cell(v) for v in row]


def _header(cells: list[str]) -> dict[str, int]:
    positions: dict[str, int] = {}
    for index, name in enumerate(cells):
        name = re.sub(r"\s+", "", name).rstrip("*＊")
        for key, aliases in COLUMNS.items():
            if name in aliases:
                positions[key] = index
    return positions


def check_sheet(read) -> dict[str, int]:
    """Pass 1: the file-level problems, in the order a clerk should fix them; returns the
    header's column positions."""
    header, too_wide, big_cell, data_rows = None, False, 0, 0
    for line, cells in enumerate(read(), start=1):
        header = cells if header is None else header
        too_wide = too_wide or len(cells) > MAX_COLUMNS
        if not big_cell and any(len(cell) > MAX_CELL for cell in cells):
            big_cell = line
        data_rows += line > 1 and any(c.strip() for c in cells)
    if header is None:
        raise ImportRefused([FileProblem(1, "文件是空的")])
    if too_wide:
        raise ImportRefused([FileProblem(1, f"列数超过 {MAX_COLUMNS} 列，请使用导入模板")])
    if big_cell:
        raise ImportRefused([FileProblem(big_cell, f"有单元格超过 {MAX_CELL:,} 字")])
    positions = _header(header)
    missing = [COLUMNS[k][0] for k in REQUIRED if k not in positions]
    if missing:
        raise ImportRefused(
            [FileProblem(1, f"第一行应是列名，缺少：{'、'.join(missing)}（请使用导入模板）")]
        )
    if not data_rows:
        raise ImportRefused([FileProblem(2, "文件中没有数据行")])
    if data_rows > MAX_ROWS:
        raise ImportRefused([FileProblem(1, f"一次最多导入 {MAX_ROWS} 行，请分批导入")])
    return positions


def data_rows(read, positions: dict[str, int]) -> Iterator[Row]:
    rows = enumerate(read(), start=1)
    next(rows)  # the header
    for line, cells in rows:
        if any(c.strip() for c in cells):
            fields = {
                k: (strip_control(cells[i]).strip() if i < len(cells) else "")
                for k, i in positions.items()
            }
            yield Row(line, fields)


class _Categories:
    """Names resolve to the agency's own subject first, then the shared tree in its order
    (第二十条, 第二十一条, 标准目录); `上级/下级` picks one explicitly."""

    def __init__(self, agency: Agency):
        self.by_name: dict[str, Category] = {}
        self.by_path: dict[str, Category] = {}
        for category in (
            Category.objects.filter(Q(agency=agency) | Q(agency__isnull=True))
            .filter(parent__isnull=False)
            .select_related("parent")
            .order_by("agency", "parent__order", "order")
        ):
            self.by_path[f"{category.parent.name}/{category.name}"] = category
            if category.agency_id is not None or category.name not in self.by_name:
                self.by_name[category.name] = category

    def get(self, text: str) -> Category | None:
        text = text.replace("／", "/").strip()
        return self.by_path.get(text) or self.by_name.get(text)


def _date(
    row: Row, key: str, problems: list[str], today: date, required: bool = False
) -> date | None:
    text = row.fields.get(key, "")
    label = COLUMNS[key][0]
    if not text:
        if required:
            problems.append(f"缺少{label}")
        return None
    try:
        day = parse_date(text[:10])
    except ValueError:
        problems.append(f"{label}“{text}”不是日期（应写成 2024-03-15 或 2024/3/15）")
        return None
    if day > today:
        problems.append(f"{label}“{text}”晚于今天（{today.isoformat()}），请核对")
        return None
    if day < EARLIEST:
        problems.append(f"{label}“{text}”早于 1949-10-01，请核对")
        return None
    return day


def _prepare(
    row: Row,
    agency: Agency,
    categories: _Categories,
    problems: list[str],
    today: date,
    publish: bool = False,
) -> dict:
    f = row.fields
    for key in REQUIRED[:2]:
        if not f.get(key):
            problems.append(f"缺少{COLUMNS[key][0]}")
    category = categories.get(f.get("category", "")) if f.get("category") else None
    if f.get("category") and category is None:
        problems.append(f"分类“{f['category']}”不存在（可写成“上级分类/分类”）")
    if f.get("publisher") and f["publisher"] != agency.name:
        problems.append(f"发布机构“{f['publisher']}”不是本机关（{agency.name}）")
    published_on = _date(row, "published_on", problems, today, required=True)
    written_on = _date(row, "written_on", problems, today)
    formed_on = _date(row, "formed_on", problems, today) or written_on or published_on
    validity = VALIDITY.get(f.get("validity") or "有效")
    if validity is None:
        problems.append(f"时效性“{f['validity']}”应为 有效、失效 或 废止")
    changed_on = _date(row, "validity_changed_on", problems, today)
    if validity in (Validity.EXPIRED, Validity.REPEALED) and changed_on is None:
        problems.append("失效或废止的信息须填写失效或废止日期")
    kind = KINDS.get(f.get("document_kind") or "其他")
    if kind is None:
        problems.append(f"文件类型“{f['document_kind']}”应为 规章、行政规范性文件 或 其他")
    for key, limit in (
        ("title", 300),
        ("document_number", 100),
        ("keywords", 200),
        ("summary", 500),
    ):
        if len(f.get(key, "")) > limit:
            problems.append(f"{COLUMNS[key][0]}超过 {limit} 字")
    body = sanitise(f.get("body", ""))
    hits = text_hits(title=f.get("title", ""), summary=f.get("summary", ""), body=body)
    for hit in hits:  # the same scan as every other way to the public
        if hit["kind"] in REFUSED_HITS:
            problems.append(f"含有{hit['kind']} {hit['masked']}，请先脱敏")
        elif publish:
            problems.append(
                f"含有{hit['kind']} {hit['masked']}：直接公开的导入不能含个人信息，"
                "请脱敏，或不勾选“直接公开”以提交审查"
            )
    return {
        "category": category,
        "title": f.get("title", ""),
        "document_number": f.get("document_number", ""),
        "keywords": f.get("keywords", ""),
        "summary": f.get("summary", ""),
        "body": body,
        "written_on": written_on,
        "formed_on": formed_on,
        "published_on": published_on,
        "validity": validity or Validity.VALID,
        "validity_changed_on": changed_on if validity != Validity.VALID else None,
        "document_kind": kind or DocumentKind.OTHER,
        "article20_item": category.article20_item if category else None,
        "personal_data": hits,
    }


def _check_index_numbers(agency: Agency, given: list[tuple], problems: dict) -> dict[int, int]:
    """Kept index numbers (line, number, publication date): well-formed, of this agency and
    the publication year, not used here and not repeated. Returns the highest serial kept
    per year, where new numbers of that year continue."""
    pattern = re.compile(rf"^{re.escape(agency.index_prefix)}/(\d{{4}})-(\d{{5}})$")
    seen: dict[str, int] = {}
    highest: dict[int, int] = {}
    taken = set(
        Item.objects.filter(index_number__in=[number for _, number, _ in given]).values_list(
            "index_number", flat=True
        )
    )
    for line, number, published_on in given:
        said = problems.setdefault(line, [])
        match = pattern.match(number)
        if not match or int(match[2]) == 0:
            said.append(f"索引号“{number}”格式应为 {agency.index_prefix}/年份-五位序号")
        elif published_on and int(match[1]) != published_on.year:
            said.append(f"索引号“{number}”的年份与发布日期不一致")
        elif number in taken:
            said.append(f"索引号“{number}”已被本系统中的其他信息使用")
        elif number in seen:
            said.append(f"索引号“{number}”与第 {seen[number]} 行重复")
        else:
            year, serial = int(match[1]), int(match[2])
            highest[year] = max(highest.get(year, 0), serial)
        seen.setdefault(number, line)
    return highest


def validate(
    agency: Agency, rows: Iterable[Row], *, today: date | None = None, publish: bool = False
) -> dict[int, int]:
    """Pass 2: every row's problems (ImportRefused), else the highest kept serial per year."""
    today = today or timezone.localdate()
    categories = _Categories(agency)
    problems: dict[int, list[str]] = {}
    given = []
    count = 0
    for row in rows:
        count += 1
        said = problems.setdefault(row.line, [])
        values = _prepare(row, agency, categories, said, today, publish)
        if row.fields.get("index_number"):
            given.append((row.line, row.fields["index_number"], values["published_on"]))
    if publish and count > MAX_PUBLISHED_ROWS:
        raise ImportRefused(
            [
                FileProblem(
                    1,
                    f"直接公开的导入一次最多 {MAX_PUBLISHED_ROWS:,} 行（每行都要建立检索），"
                    "请分批导入，或不勾选“直接公开”以提交审查",
                )
            ]
        )
    highest = _check_index_numbers(agency, given, problems)
    found = [FileProblem(line, "；".join(said)) for line, said in sorted(problems.items()) if said]
    if found:
        raise ImportRefused(found)
    return highest


class ImportedItems(Sequence):
    """The imported items, read back by id when looked at: a 20,000-row import does not keep
    20,000 model instances, bodies and all, in memory while it writes."""

    def __init__(self, pks: list[int]):
        self.pks = pks

    def __len__(self) -> int:
        return len(self.pks)

    def __getitem__(self, index):
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        return Item.objects.get(pk=self.pks[index])

    def __iter__(self):
        for start in range(0, len(self.pks), 500):
            chunk = self.pks[start : start + 500]
            found = Item.objects.in_bulk(chunk)
            yield from (found[pk] for pk in chunk)


def import_catalogue(
    agency: Agency,
    data: bytes,
    filename: str,
    *,
    by: User,
    publish: bool = False,
    today: date | None = None,
) -> ImportedItems:
    """Everything or nothing: ImportRefused lists every problem, and nothing is written.

    Rows are written as submitted for review; with `publish` (the reviewer's confirmation
    that the rows were reviewed) as published, which only a reviewer of the agency may do.
    Rows are written in batches (bulk inserts, serials counted in memory under the year
    counters' locks), so 20,000 rows fit well inside a web request."""
    require_role(by, agency, REVIEWERS if publish else EDITORS)
    today = today or timezone.localdate()
    read = sheet_reader(data, filename)
    positions = check_sheet(read)
    highest = validate(agency, data_rows(read, positions), today=today, publish=publish)
    categories = _Categories(agency)
    status = ItemStatus.PUBLISHED if publish else ItemStatus.SUBMITTED
    with transaction.atomic():
        from gongkai.catalogue.import_steps import AgencyImport
        from gongkai.core.steps import check

        # the step as catalogue/import_steps.py declares it (the counters below lock the rows)
        check(AgencyImport(agency), "publish" if publish else "submit", user=by, today=today)
        counters = _raise_counters(agency, highest)
        pks: list[int] = []
        batch: list[dict] = []
        for row in data_rows(read, positions):  # pass 3: the rows again, written in batches
            values = _prepare(row, agency, categories, [], today, publish)
            number = row.fields.get("index_number") or None
            if number is None and publish:
                number = counters.next_number(values["published_on"].year)
            category = values.pop("category")
            values.update(
                agency_id=agency.pk,
                category_id=category.pk,
                created_by_id=by.pk,
                status=status,
                index_number=number,
            )
            if publish:
                values["search_terms"] = terms_of(SimpleNamespace(**values))
            batch.append(values)
            if len(batch) >= BATCH:
                pks += _write(batch, publish)
                batch = []
        pks += _write(batch, publish)
        counters.save()
        audit(
            by,
            "catalogue.imported",
            obj=agency,
            file=filename[:200],
            items=len(pks),
            status=status,
            confirmed_reviewed=publish,
        )
    return ImportedItems(pks)


def _columns() -> list[tuple[str, str, Callable, Callable]]:
    """(attribute, quoted column, default, to-database) for each column an import writes:
    the per-field conversions Django's bulk_create would look up for every cell."""
    from functools import partial

    from django.db import connection, models

    columns = []
    for model_field in Item._meta.concrete_fields:
        if model_field.primary_key or model_field.has_db_default() or model_field.generated:
            continue  # a column with a database default or computed by it is left to it
        if isinstance(model_field, models.DateTimeField):
            convert = connection.ops.adapt_datetimefield_value
        elif isinstance(model_field, models.DateField):
            convert = connection.ops.adapt_datefield_value
        elif isinstance(model_field, models.JSONField):
            convert = partial(model_field.get_db_prep_save, connection=connection)
        else:
            convert = _same
        columns.append(
            (
                model_field.attname,
                connection.ops.quote_name(model_field.column),
                model_field,
                convert,
            )
        )
    return columns


def _same(value):
    return value


def _write(batch: list[dict], publish: bool) -> list[int]:
    """Insert the rows in one statement and return their ids, in row order: the bulk path
    (one INSERT … RETURNING per batch instead of Django preparing every cell of every row),
    which keeps a 20,000-row import inside a web request."""
    from django.db import connection

    if not batch:
        return []
    columns = _columns()
    now = timezone.now()
    defaults = {name: field.get_default() for name, _, field, _ in columns}
    defaults["created_at"] = defaults["updated_at"] = now
    defaults = {name: convert(defaults[name]) for name, _, _, convert in columns}  # once
    params = []
    for values in batch:
        for name, _, _, convert in columns:
            params.append(convert(values[name]) if name in values else defaults[name])
    one = "(" + ", ".join(["%s"] * len(columns)) + ")"
    sql = (
        f"INSERT INTO {connection.ops.quote_name(Item._meta.db_table)} "
        f"({', '.join(column for _, column, _, _ in columns)}) "
        f"VALUES {', '.join([one] * len(batch))} RETURNING id"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        pks = sorted(row[0] for row in cursor.fetchall())  # ids rise in the order inserted
    if publish:
        index_id_range(pks[0], pks[-1])
    return pks


class _Counters:
    """The agency's year counters, locked for the import's transaction; serials are handed
    out in memory and saved once."""

    def __init__(self, agency: Agency):
        self.agency = agency
        self.locked: dict[int, IndexCounter] = {}

    def counter(self, year: int) -> IndexCounter:
        if year not in self.locked:
            lock_audit_chain()  # the same lock order as allocate_index_number
            self.locked[year], _ = IndexCounter.objects.select_for_update().get_or_create(
                agency=self.agency, year=year
            )
        return self.locked[year]

    def next_number(self, year: int) -> str:
        counter = self.counter(year)
        counter.last_serial += 1
        counter.changed = True
        return f"{self.agency.index_prefix}/{year}-{counter.last_serial:05d}"

    def save(self) -> None:
        for counter in self.locked.values():
            if getattr(counter, "changed", False):
                counter.save(update_fields=["last_serial"])


def _raise_counters(agency: Agency, highest: dict[int, int]) -> _Counters:
    """Kept serials are used; new numbers of the same year must come after the largest."""
    counters = _Counters(agency)
    for year, serial in highest.items():
        counter = counters.counter(year)
        if counter.last_serial < serial:
            counter.last_serial = serial
            counter.changed = True
    return counters
