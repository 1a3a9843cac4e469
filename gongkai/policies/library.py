"""The county's 政策文件库: every 现行有效 行政规范性文件 of an agency and every agency under
it, searchable by agency, 领域 (the catalogue subject), year and 文号 or title."""

from __future__ import annotations

import re
from datetime import date

from django.db.models import Q

from gongkai.core.models import Agency
from gongkai.policies.models import NormativeDocument, number_key

# 〔2026〕 in a 文号, a 登记编号 such as YLXZF-2026-001, or a number ending in 号
NUMBER_LIKE = re.compile(r"〔\d{4}〕|^[A-Z0-9]+-\d{4}-\d+$|\d号$")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
HEADINGS = (
    "登记编号",
    "文件名称",
    "文号",
    "发布机构",
    "领域",
    "成文日期",
    "施行日期",
    "有效期至",
    "时效性",
)


def agency_tree_ids(agency: Agency) -> list[int]:
    """The agency and everyone under it, one query per level."""
    ids, level = [agency.pk], [agency.pk]
    while level:
        level = list(Agency.objects.filter(parent_id__in=level).values_list("pk", flat=True))
        ids += level
    return ids


def in_force_documents(
    root: Agency,
    *,
    today: date,
    agency: Agency | None = None,
    category_id: int | None = None,
    year: int | None = None,
    query: str = "",
    ids: list[int] | None = None,
):
    """`ids`: agency_tree_ids(root), when the caller has it already."""
    ids = ids if ids is not None else agency_tree_ids(root)
    records = NormativeDocument.objects.in_force(today).filter(
        agency_id__in=[agency.pk] if agency is not None and agency.pk in ids else ids
    )
    if category_id is not None:
        records = records.filter(
            Q(item__category_id=category_id) | Q(item__category__parent_id=category_id)
        )
    if year is not None:
        records = records.filter(year=year)
    query = query.strip()[:50].upper()
    if query:
        key = number_key(query)
        if NUMBER_LIKE.search(key):  # a 文号 or 登记编号: by index, else as part of a text
            exact = records.filter(_number_is(key))
            if exact.exists() or by_number(root, key, ids=ids).exists():
                return _ordered(exact)  # empty when that document is no longer in force
        records = records.filter(search_text__contains=key)
    return _ordered(records)


def _number_is(key: str) -> Q:
    return Q(number_key=key) | Q(registration_number=key)


def by_number(root: Agency, query: str, *, ids: list[int] | None = None):
    """Documents of the tree with exactly this 文号 or 登记编号, in force or not (so the page
    can say that the document a visitor looks for was repealed, rather than nothing)."""
    key = number_key(query.strip()[:50])
    return NormativeDocument.objects.filter(
        _number_is(key), agency_id__in=ids if ids is not None else agency_tree_ids(root)
    ).select_related("item")


def _ordered(records):
    return records.select_related("item", "item__category", "agency").order_by("-pk")


def as_row(record: NormativeDocument, today: date) -> list:
    item = record.item
    return [
        record.registration_number,
        item.title,
        item.document_number,
        record.agency.name,
        item.category.name,
        item.written_on,
        record.effective_on,
        record.valid_until,
        record.currency(today),
    ]


def xlsx(records, today: date, title: str) -> bytes:
    """Written row by row (openpyxl's write-only mode), so a province's library does not
    hold every cell in memory."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    from gongkai.core.dates import chinese_date
    from gongkai.core.xlsx import row as xlsx_row
    from gongkai.core.xlsx import workbook_bytes

    book = Workbook(write_only=True)
    sheet = book.create_sheet("现行有效规范性文件")
    widths = (22, 50, 24, 28, 24, 16, 16, 16, 10)
    for column, width in zip("ABCDEFGHI", widths, strict=True):
        sheet.column_dimensions[column].width = width
    heading = WriteOnlyCell(sheet, value=title)
    heading.font = Font(bold=True)
    sheet.append([heading])
    sheet.append(list(HEADINGS))
    for record in records.iterator(chunk_size=2000):
        values = [chinese_date(v) if isinstance(v, date) else v for v in as_row(record, today)]
        sheet.append(xlsx_row(sheet, values))
    return workbook_bytes(book)
