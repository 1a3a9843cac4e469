"""The annual report's identities (spec/annual-report.md, I1–I8) as functions returning findings.

A blank cell is "not reported": an unknown non-negative number, never silently 0. A sum
identity with blanks in it still fails when no non-negative value of the blanks can make it
hold; it holds when the blanks can only be 0; otherwise it is not checkable (a note).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from decimal import Decimal
from enum import StrEnum

from .report_format import (
    APPEAL_GROUPS,
    RESULT_LABELS,
    ReportFormat,
    ReportTables,
    Value,
    outcome_row_keys,
)


class Severity(StrEnum):
    FINDING = "finding"  # the report is wrong
    WARNING = "warning"  # probably wrong; a person should look
    NOTE = "note"  # worth knowing, not an error


@dataclass(frozen=True)
class Finding:
    rule: str
    severity: Severity
    message: str
    table: str = ""
    row: str = ""
    column: str = ""
    expected: str = ""
    found: str = ""

    def as_dict(self) -> dict:
        return {k: str(v) if isinstance(v, Severity) else v for k, v in asdict(self).items()}


class Check(StrEnum):
    HOLDS = "holds"
    FAILS = "fails"
    UNCHECKABLE = "uncheckable"


def _known(values: list[Value]) -> tuple[Decimal, bool]:
    """Sum of the numbers among `values`, and whether any is blank (or unreadable)."""
    total = Decimal(0)
    unknown = False
    for value in values:
        if isinstance(value, int | Decimal):
            total += value
        else:
            unknown = True
    return total, unknown


def compare_sums(left: list[Value], right: list[Value]) -> tuple[Check, Decimal, Decimal]:
    """Whether sum(left) == sum(right) can hold when blanks are unknown non-negatives."""
    lsum, lblank = _known(left)
    rsum, rblank = _known(right)
    if not lblank and not rblank:
        verdict = Check.HOLDS if lsum == rsum else Check.FAILS
    elif lblank and rblank:
        verdict = Check.UNCHECKABLE
    elif lblank:  # left can only grow
        verdict = (
            Check.HOLDS if lsum == rsum else (Check.FAILS if lsum > rsum else Check.UNCHECKABLE)
        )
    else:
        verdict = (
            Check.HOLDS if lsum == rsum else (Check.FAILS if rsum > lsum else Check.UNCHECKABLE)
        )
    return verdict, lsum, rsum


def _number(value: Decimal) -> str:
    return str(int(value)) if value == value.to_integral_value() else str(value)


def _sum_identity(
    rule: str,
    left: list[Value],
    right: list[Value],
    *,
    table: str,
    row: str,
    column: str,
    statement: str,
    severity: Severity = Severity.FINDING,
) -> list[Finding]:
    verdict, expected, found = compare_sums(left, right)
    if verdict is Check.HOLDS:
        return []
    where = f"表{table} {row}" + (f"「{column}」列" if column else "")
    if verdict is Check.FAILS:
        return [
            Finding(
                rule,
                severity,
                f"{where}：{statement}，应为 {_number(expected)}，实为 {_number(found)}",
                table,
                row,
                column,
                _number(expected),
                _number(found),
            )
        ]
    return [
        Finding(
            rule,
            Severity.NOTE,
            f"{where}：有空白单元格（视为未填报），无法核对“{statement}”",
            table,
            row,
            column,
        )
    ]


def table_three_identities(fmt: ReportFormat, tables: ReportTables) -> list[Finding]:
    three = tables.get("三")
    if not three:
        return []
    block = fmt.tables["三"].blocks[0]
    columns = [c.label for c in block.columns]
    findings: list[Finding] = []
    outcome_rows = [k for k in outcome_row_keys(fmt) if k in three]
    for index, column in enumerate(columns):

        def cell(key: str, index: int = index) -> Value:
            return three[key][index] if key in three else None

        if all(k in three for k in ("一", "二", "三（七）", "四")):
            findings += _sum_identity(
                "I1",
                [cell("一"), cell("二")],
                [cell("三（七）"), cell("四")],
                table="三",
                row="一+二 / （七）+四",
                column=column,
                statement="第一项加第二项之和等于第三项（七）总计加第四项之和",
            )
        if "三（七）" in three and len(outcome_rows) == len(outcome_row_keys(fmt)):
            findings += _sum_identity(
                "I3",
                [cell(k) for k in outcome_rows],
                [cell("三（七）")],
                table="三",
                row="（七）总计",
                column=column,
                statement="（七）总计等于各项办理结果之和",
            )
    for row in block.value_rows:
        if row.key in three:
            values = three[row.key]
            findings += _sum_identity(
                "I2",
                values[:6],
                [values[6]],
                table="三",
                row=row.label,
                column="总计",
                statement="总计等于自然人与五类法人或其他组织之和",
            )
    return findings


def non_negative_integers(fmt: ReportFormat, tables: ReportTables) -> list[Finding]:
    """I5: every numeric cell of tables 三 and 四 is a non-negative integer."""
    findings = []
    for number in ("三", "四"):
        block = fmt.tables[number].blocks[0]
        for row in block.value_rows:
            for column, value in zip(
                block.columns, tables.get(number, {}).get(row.key, []), strict=False
            ):
                if isinstance(value, Decimal) or (isinstance(value, int) and value < 0):
                    findings.append(
                        Finding(
                            "I5",
                            Severity.FINDING,
                            f"表{number} {row.label}「{column.label}」应为非负整数，实为 {value}",
                            number,
                            row.label,
                            column.label,
                            "非负整数",
                            str(value),
                        )
                    )
    return findings


def table_four_identities(fmt: ReportFormat, tables: ReportTables) -> list[Finding]:
    """I4: in each of the three groups, 总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结."""
    values = tables.get("四", {}).get("四")
    if not values:
        return []
    findings = []
    width = len(RESULT_LABELS)
    for index, (_, group) in enumerate(APPEAL_GROUPS):
        cells = values[index * width : (index + 1) * width]
        findings += _sum_identity(
            "I4",
            cells[:4],
            [cells[4]],
            table="四",
            row=group,
            column="总计",
            statement="总计等于结果维持、结果纠正、其他结果、尚未审结之和",
        )
    return findings


def carried_over(
    previous: ReportTables, current: ReportTables, columns: list[str]
) -> list[Finding]:
    """I6: year Y's 四、结转下年度继续办理 = year Y+1's 二、上年结转, column by column."""
    before = previous.get("三", {}).get("四")
    after = current.get("三", {}).get("二")
    if not before or not after:
        return []
    findings = []
    for column, carried, received in zip(columns, before, after, strict=True):
        findings += _sum_identity(
            "I6",
            [carried],
            [received],
            table="三",
            row="二、上年结转",
            column=column,
            statement="本年“上年结转”等于上一年报告的“结转下年度继续办理”",
        )
    return findings


def documents_in_force(previous: ReportTables, current: ReportTables) -> list[Finding]:
    """I7 (warning): 现行有效(Y) = 现行有效(Y−1) + 制发(Y) − 废止(Y), for each document kind."""
    findings = []
    for kind in ("规章", "行政规范性文件"):
        before = previous.get("二", {}).get(kind)
        now = current.get("二", {}).get(kind)
        if not before or not now:
            continue
        made, repealed, in_force = now
        findings += _sum_identity(
            "I7",
            [before[2], made],
            [in_force, repealed],
            table="二",
            row=kind,
            column="现行有效件数",
            statement="现行有效件数等于上年现行有效加本年制发减本年废止",
            severity=Severity.WARNING,
        )
    return findings


def fee_notices_cover_abandoned_for_fees(
    tables: ReportTables, fee_notices: int | None
) -> list[Finding]:
    """I8 (warning): applications abandoned for unpaid fees imply at least as many notices."""
    row = tables.get("三", {}).get("三（六）2")
    abandoned = row[6] if row else None
    if not isinstance(abandoned, int) or abandoned == 0:
        return []
    if fee_notices is not None and fee_notices >= abandoned:
        return []
    return [
        Finding(
            "I8",
            Severity.WARNING,
            f"表三（六）2 有 {abandoned} 件因逾期未缴费不再处理，但第六部分报告的收费通知"
            f"只有 {fee_notices or 0} 件",
            "三",
            "（六）2",
            "总计",
            f"≥{abandoned}",
            str(fee_notices or 0),
        )
    ]


def check_tables(fmt: ReportFormat, tables: ReportTables) -> list[Finding]:
    """I1–I5 of one report."""
    return (
        table_three_identities(fmt, tables)
        + table_four_identities(fmt, tables)
        + non_negative_integers(fmt, tables)
    )
