"""Tables in the JSON shape shared by generated reports and checked published ones:
{"二": {"blocks": [{"header", "columns", "rows"}]}, "三": {"columns", "rows"}, "四": {…}},
each row {"label": exact label, "values": [...]} in format order, blanks as null."""

from __future__ import annotations

from decimal import Decimal

from gongkai.statute.report_format import ReportFormat, ReportTables, Value


def json_value(value: Value) -> int | float | str | None:
    if isinstance(value, Decimal):
        return float(value)
    return value


def _rows(block, values: dict) -> list[dict]:
    return [
        {"label": row.label, "values": [json_value(v) for v in values[row.key]]}
        for row in block.value_rows
        if row.key in values
    ]


def _columns(block) -> list[str]:
    return [
        f"{c.parent}·{c.label}" if c.parent and block.key == "四" else c.label
        for c in block.columns
    ]


def tables_to_json(fmt: ReportFormat, tables: ReportTables) -> dict:
    out: dict = {}
    for number, table in fmt.tables.items():
        values = tables.get(number, {})
        if number == "二":
            out[number] = {
                "blocks": [
                    {"header": b.header, "columns": _columns(b), "rows": _rows(b, values)}
                    for b in table.blocks
                ]
            }
        else:
            block = table.blocks[0]
            out[number] = {"columns": _columns(block), "rows": _rows(block, values)}
    return out
