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

DIGIT = re.compile(r"\d")
N = r"(\d+)\s*件"
COUNT = r"(\d+)\s*(?:件|项|宗|起|个)"
LAWFUL = ("三（一）", "三（二）")
REFUSED = tuple(f"三（三）{i}" for i in range(1, 9))
NOT_PROCESSED = tuple(f"三（五）{i}" for i in range(1, 6))
UNAVAILABLE = tuple(f"三（四）{i}" for i in range(1, 4))


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


def _two(row: str, *columns: int) -> Callable[[ReportTables], list[list]]:
    """Cells of table 二's `row`: each column given is one reading (the first present)."""

    def cells(tables: ReportTables) -> list[list]:
        values = tables.get("二", {}).get(row) or tables.get("二", {}).get(ALIASES_TWO.get(row))
        if not values:
            return []
        return [[values[c]] for c in columns if c < len(values)]

    return cells


ALIASES_TWO = {"行政规范性文件": "规范性文件"}  # the 2019 format's row name


def _decisions(row: str) -> Callable[[ReportTables], list[list]]:
    """处理决定数量: the only column in 2021, the last in 2019."""

    def cells(tables: ReportTables) -> list[list]:
        values = tables.get("二", {}).get(row)
        return [[values[-1]]] if values else []

    return cells


def _other_handling(tables: ReportTables) -> list[list]:
    three = tables.get("三", {})
    keys = [k for k in ("三（六）1", "三（六）2", "三（六）3") if k in three] or ["三（六）"]
    return _total(*keys)(tables)


def _handled(tables: ReportTables) -> list[list]:
    return [c for c in (*_total("三（七）")(tables), *_total("三（七）", "四")(tables)) if c]


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
            r"结转下一?年度?[^。;；\d]{0,10}?" + N + r"|" + N + r"[^。;；\d]{0,16}?顺延到下一?年度"
        ),
        _total("四"),
        True,
    ),
    Claim("部分公开", re.compile(r"(?<![及和、])部分公开\s*" + N), _total("三（二）")),
    Claim("无法提供", re.compile(r"无法提供\s*" + N), _total(*UNAVAILABLE)),
    Claim("其他处理", re.compile(r"其他处理\s*" + N), _other_handling),
    Claim(
        "办结",
        # "公开答复1件", "不予公开答复2件": a kind of reply, not the number replied to
        re.compile(
            r"(?<!公开)(?<!予以)(?<!不予)(?<!告知)(?<!部分)(?:办结|答复)"
            r"(?:[^。;；,，\d]{0,10}?申请)?\s*" + N
        ),
        _handled,
        True,
    ),
    Claim("行政复议", re.compile(r"行政复议\s*" + N), _appeals(0)),
    Claim("行政诉讼", re.compile(r"(?:行政)?诉讼\s*" + N), _appeals(1, 2)),
    Claim("规章", re.compile(r"(?:制定|制发|出台|印发|发布)(?:政府)?规章\s*" + N), _two("规章", 0)),
    Claim("现行有效规章", re.compile(r"现行有效(?:的)?规章\s*" + N), _two("规章", 2)),
    Claim(
        "规范性文件",
        re.compile(r"(?:制定|制发|出台|印发|发布)(?:行政)?规范性文件\s*" + N),
        _two("行政规范性文件", 0),
    ),
    Claim(
        "废止规范性文件",
        re.compile(r"废止(?:行政)?规范性文件\s*" + N),
        _two("行政规范性文件", 1),
    ),
    Claim(
        "现行有效规范性文件",
        re.compile(r"现行有效(?:的)?(?:行政)?规范性文件\s*" + N),
        _two("行政规范性文件", 2),
    ),
    Claim(
        "行政许可",
        re.compile(r"(?<![、和及])行政许可(?:决定|事项|办件)?\s*" + COUNT),
        _decisions("行政许可"),
    ),
    Claim(
        "行政处罚",
        re.compile(r"(?<![、和及])行政处罚(?:决定|案件)?\s*" + COUNT),
        _decisions("行政处罚"),
    ),
)
# 收费 in 万元 (the table's unit) or in 元 (then divided by 10,000)
FEE = re.compile(
    r"(?:行政事业性)?收费(?:金额|总额)?(?:为|共计|合计)?\s*(\d+(?:\.\d+)?)\s*(万元|元)"
)


TABLE_TWO_CLAIMS = {
    "规章",
    "现行有效规章",
    "规范性文件",
    "废止规范性文件",
    "现行有效规范性文件",
    "行政许可",
    "行政处罚",
}


def narrative_findings(narrative: str, tables: ReportTables, fmt=None) -> list[Finding]:
    """Every figure the narrative states that a table also holds, compared with it."""
    findings = []
    for sentence in re.split(r"[。\n]", narrative):
        if not DIGIT.search(sentence):
            continue  # most of a portal page: menus and prose without figures
        findings += _fee(sentence, tables)
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


def _fee(sentence: str, tables: ReportTables) -> list[Finding]:
    fee = (tables.get("二", {}).get("行政事业性收费") or [None])[0]
    if not isinstance(fee, int | Decimal):
        return []
    findings = []
    for match in FEE.finditer(sentence):
        stated = Decimal(match.group(1))
        in_wan = stated if match.group(2) == "万元" else stated / 10000
        if in_wan != fee:
            findings.append(
                Finding(
                    "X1",
                    Severity.FINDING,
                    f"正文称“{match.group(0)}”，与表二不符：表格为 {_plain(fee)} 万元",
                    "二",
                    "行政事业性收费",
                    "本年收费金额（单位：万元）",
                    _plain(fee),
                    _plain(in_wan),
                )
            )
    return findings


def _plain(amount: Decimal) -> str:
    return format(Decimal(amount).normalize(), "f")


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
    table = "四" if claim.name in ("行政复议", "行政诉讼") else "三"
    if claim.name in TABLE_TWO_CLAIMS:
        table = "二"
    return Finding(
        "X1",
        Severity.FINDING,
        f"正文称“{quote.strip()}”，与表{table}不符：表格为 {shown} 件",
        table,
        claim.name,
        "总计",
        shown,
        str(stated),
    )
