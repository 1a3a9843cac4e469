"""The tables of a report as rows and header cells ready to lay out, from the format
definition (never a label spelled here): shared by the HTML, DOCX and XLSX renderers."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from gongkai.statute.report_format import (
    APPEAL_GROUPS,
    APPLICANT_HEADER,
    LITIGATION_HEADER,
    RESULT_LABELS,
    Block,
    Column,
    Value,
)


@dataclass(frozen=True)
class Cell:
    text: str
    colspan: int = 1
    rowspan: int = 1


@dataclass(frozen=True)
class LaidRow:
    label: str
    level: int  # 0 for 一、…, 1 for （一）…, 2 for 1.…
    group: bool
    values: tuple[str, ...]


@dataclass(frozen=True)
class LaidTable:
    header: tuple[tuple[Cell, ...], ...]  # header rows, with spans
    rows: tuple[LaidRow, ...]
    caption: str = ""


def cell_text(value: Value) -> str:
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return format(value.normalize(), "f") if value != value.to_integral() else str(int(value))
    return str(value)


def _level(key: str) -> int:
    return 0 if len(key) == 1 else (1 if key.endswith("）") else 2)


def _numeric_header(corner: str, columns: tuple[Column, ...]) -> tuple[tuple[Cell, ...], ...]:
    """One header row, or two when columns share a spanning parent (法人或其他组织)."""
    if not any(c.parent for c in columns):
        return ((Cell(corner), *(Cell(c.label) for c in columns)),)
    top: list[Cell] = [Cell(corner, rowspan=2)]
    bottom: list[Cell] = []
    index = 0
    while index < len(columns):
        column = columns[index]
        if not column.parent:
            top.append(Cell(column.label, rowspan=2))
            index += 1
            continue
        span = [c for c in columns[index:] if c.parent == column.parent]
        span = span[: next((i for i, c in enumerate(span) if c.parent != column.parent), len(span))]
        top.append(Cell(column.parent, colspan=len(span)))
        bottom += [Cell(c.label) for c in span]
        index += len(span)
    return (tuple(top), tuple(bottom))


def table_two(fmt, values: dict) -> list[LaidTable]:
    """One small table per block, each headed by its Art. 20 item, as the format prints it."""
    laid = []
    for block in fmt.tables["二"].blocks:
        laid.append(
            LaidTable(
                header=(
                    (Cell(block.header, colspan=1 + len(block.columns)),),
                    *_numeric_header(block.corner, block.columns),
                ),
                rows=tuple(
                    LaidRow(
                        row.label, 0, False, tuple(cell_text(v) for v in values.get(row.key, []))
                    )
                    for row in block.rows
                ),
            )
        )
    return laid


def table_three(fmt, values: dict) -> LaidTable:
    block: Block = fmt.tables["三"].blocks[0]
    top, bottom = _numeric_header("", block.columns)
    header = (
        (Cell(block.corner, rowspan=3), Cell(APPLICANT_HEADER, colspan=len(block.columns))),
        top[1:],
        bottom,
    )
    return LaidTable(
        header=header,
        rows=tuple(
            LaidRow(
                row.label,
                _level(row.key),
                row.group,
                () if row.group else tuple(cell_text(v) for v in values.get(row.key, [])),
            )
            for row in block.rows
        ),
    )


def table_four(fmt, values: dict) -> LaidTable:
    block = fmt.tables["四"].blocks[0]
    reconsideration, *suits = APPEAL_GROUPS
    header = (
        (Cell(reconsideration[1], colspan=5), Cell(LITIGATION_HEADER, colspan=10)),
        (
            *(Cell(label, rowspan=2) for label in RESULT_LABELS),
            *(Cell(label, colspan=5) for _, label in suits),
        ),
        tuple(Cell(label) for _ in suits for label in RESULT_LABELS),
    )
    row = block.rows[0]
    return LaidTable(
        header=header,
        rows=(LaidRow("", 0, False, tuple(cell_text(v) for v in values.get(row.key, []))),),
    )
