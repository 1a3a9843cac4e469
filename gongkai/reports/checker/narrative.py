"""Numbers the narrative states (section 一) that the tables must agree with.

Each claim names the figures it may mean: "受理…申请749件" is 新收 in most reports but
新收 + 上年结转 in some, so it agrees when it equals either. A claim is checked only when
every cell it needs is in the tables; blanks make a reading not checkable, not wrong."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from gongkai.statute.report_format import ReportTables
from gongkai.statute.report_identities import Check, Finding, Severity, compare_sums

N = r"(\d+)\s*件"
LAWFUL = ("三（一）", "三（二）")
REFUSED = tuple(f"三（三）{i}" for i in range(1, 9))
NOT_PROCESSED = tuple(f"三（五）{i}" for i in range(1, 6))


@dataclass(frozen=True)
class Claim:
    name: str
    pattern: re.Pattern[str]
    readings: Callable[[ReportTables], list[list]]  # each reading: the cells that add up to it
    needs_application_sentence: bool = False


def _total(*rows: str) -> Callable[[ReportTables], list[list]]:
    """The rows' 总计 cells; where a 总计 is blank, the six applicant cells of that row."""

    def cells(tables: ReportTables) -> list[list]:
        values = tables.get("三", {})
        if any(row not in values for row in rows):
            return []
        out: list = []
        for row in rows:
            total = values[row][6]
            out += [total] if isinstance(total, int | Decimal) else values[row][:6]
        return [out]

    return cells


def _appeals(*groups: int) -> Callable[[ReportTables], list[list]]:
    def cells(tables: ReportTables) -> list[list]:
        row = tables.get("四", {}).get("四")
        return [[row[g * 5 + 4] for g in groups]] if row else []

    return cells


CLAIMS = (
    Claim(
        "收到申请",
        re.compile(
            r"(?:受理|收到)(?:[^。;；,，\d]{0,20}?申请|[^。;；\d]{0,6}?依申请[^。;；\d]{0,10}?)\s*"
            + N
        ),
        lambda t: [c for c in (*_total("一")(t), *_total("一", "二")(t)) if c],
    ),
    Claim("予以公开", re.compile(r"(?<![及和、])予以公开\s*" + N), _total("三（一）")),
    Claim(
        "予以公开及部分公开", re.compile(r"予以公开(?:及|和|、)部分公开\s*" + N), _total(*LAWFUL)
    ),
    Claim("不予公开", re.compile(r"不予公开\s*" + N), _total(*REFUSED)),
    Claim("不予处理", re.compile(r"不予处理\s*" + N), _total(*NOT_PROCESSED)),
    Claim("上年结转", re.compile(r"上一?年度?结转[^。;；\d]{0,8}?" + N), _total("二"), True),
    Claim(
        "结转下年度",
        re.compile(
            r"结转下一?年度?[^。;；\d]{0,6}?" + N + r"|" + N + r"[^。;；\d]{0,16}?顺延到下一?年度"
        ),
        _total("四"),
        True,
    ),
    Claim("行政复议", re.compile(r"行政复议\s*" + N), _appeals(0)),
    Claim("行政诉讼", re.compile(r"(?:行政)?诉讼\s*" + N), _appeals(1, 2)),
)


def narrative_findings(narrative: str, tables: ReportTables, fmt=None) -> list[Finding]:
    findings = []
    for sentence in re.split(r"[。\n]", narrative):
        about_applications = "申请" in sentence
        for claim in CLAIMS:
            if claim.needs_application_sentence and not about_applications:
                continue
            for match in claim.pattern.finditer(sentence):
                stated = int(next(g for g in match.groups() if g is not None))
                finding = _check(claim, stated, match.group(0), tables)
                if finding:
                    findings.append(finding)
    return findings


def _check(claim: Claim, stated: int, quote: str, tables: ReportTables) -> Finding | None:
    readings = claim.readings(tables)
    if not readings:
        return None
    verdicts = [compare_sums([Decimal(stated)], cells) for cells in readings]
    if any(v[0] is not Check.FAILS for v in verdicts):
        return None
    table_value = verdicts[0][2]
    shown = (
        str(int(table_value))
        if table_value == table_value.to_integral_value()
        else str(table_value)
    )
    return Finding(
        "X1",
        Severity.FINDING,
        f"正文称“{quote.strip()}”，与表格不符：表格为 {shown} 件",
        "三" if claim.name not in ("行政复议", "行政诉讼") else "四",
        claim.name,
        "总计",
        shown,
        str(stated),
    )
