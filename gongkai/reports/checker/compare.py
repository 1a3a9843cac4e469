"""Two (or more) years of one agency's published reports side by side.

Table 三's 上年结转 against last year's 结转下年度继续办理 (I6), every figure's change, and
section 五 (存在的主要问题及改进情况) compared sentence by sentence: a section copied from last
year (照搬照抄, which supervisors criticise) is a finding with the share of identical sentences.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from decimal import Decimal
from itertools import pairwise
from pathlib import Path

from gongkai.statute.report_identities import (
    Finding,
    Severity,
    carried_over,
    documents_in_force,
)

from . import labels
from .check import CheckedReport, _agency_key, check_source, collapse_uncheckable
from .sources import UnreadableReport, read_source
from .tables import section_heading

COPIED_SHARE = 0.5  # at least half of this year's sentences word for word from last year's


@dataclass
class Change:
    table: str
    row: str
    column: str
    old: object
    new: object

    @property
    def delta(self):
        if isinstance(self.old, int | Decimal) and isinstance(self.new, int | Decimal):
            return self.new - self.old
        return None


@dataclass
class Comparison:
    old: CheckedReport
    new: CheckedReport
    findings: list[Finding] = field(default_factory=list)
    changes: list[Change] = field(default_factory=list)
    copied_share: float | None = None  # of section 五's sentences; None: a section is missing
    copied_sentences: list[str] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {
            "old": {"file": self.old.path, "agency": self.old.agency, "year": self.old.year},
            "new": {"file": self.new.path, "agency": self.new.agency, "year": self.new.year},
            "findings": [f.as_dict() for f in self.findings],
            "section_five_copied_share": self.copied_share,
            "section_five_copied_sentences": self.copied_sentences,
            "changes": [
                {
                    "table": c.table,
                    "row": c.row,
                    "column": c.column,
                    "old": _json(c.old),
                    "new": _json(c.new),
                    "change": _json(c.delta),
                }
                for c in self.changes
            ],
        }


def _json(value):
    if isinstance(value, Decimal):
        return format(value, "f")
    return value


def compare_paths(paths: list[Path]) -> tuple[list[Comparison], list[str]]:
    """Consecutive reports of each agency among `paths` (files, or folders of them),
    compared in year order; and the files that could not be used, with why."""
    from .check import collect_reports

    collected = collect_reports(paths)
    problems = [f"{name}：文件或文件夹不存在" for name in collected.missing]
    read: list[tuple[CheckedReport, str]] = []
    for path in collected.files:
        try:
            source = read_source(path)
        except UnreadableReport as error:
            problems.append(f"{path}：{error}")
            continue
        report = check_source(source)
        if report.year is None:
            problems.append(f"{path}：未能识别报告年度")
            continue
        read.append((report, source.text))
    by_agency: dict[str, list[tuple[CheckedReport, str]]] = {}
    for report, text in read:
        key = _agency_key(report.agency) if report.agency else ""
        by_agency.setdefault(key, []).append((report, text))
    if len(by_agency) > 1 and "" in by_agency and len(read) == 2:
        by_agency = {"": read}  # two files named on the command line: one agency
    comparisons = []
    for reports in by_agency.values():
        reports.sort(key=lambda pair: pair[0].year)
        for (old, old_text), (new, new_text) in pairwise(reports):
            comparisons.append(compare(old, old_text, new, new_text))
    return comparisons, problems


def compare(old: CheckedReport, old_text: str, new: CheckedReport, new_text: str) -> Comparison:
    comparison = Comparison(old, new)
    if new.year != (old.year or 0) + 1:
        comparison.findings.append(
            Finding("C0", Severity.NOTE, f"两份报告不是相邻年度（{old.year}、{new.year}）")
        )
    else:
        columns = [c.label for c in new.fmt.tables["三"].blocks[0].columns]
        found = carried_over(old.tables, new.tables, columns)
        if old.fmt is not None and old.fmt.name == new.fmt.name == "2021":
            # I7, as check-report given both years does: 现行有效 carried on by 制发 − 废止
            found += documents_in_force(old.tables, new.tables)
        comparison.findings += collapse_uncheckable(found)
    comparison.changes = _changes(old, new)
    old_five, new_five = section_five(old_text), section_five(new_text)
    if old_five and new_five:
        share, same = copied(old_five, new_five)
        comparison.copied_share = share
        comparison.copied_sentences = same
        if share >= COPIED_SHARE:
            comparison.findings.append(
                Finding(
                    "C1",
                    Severity.FINDING,
                    f"第五部分“存在的主要问题及改进情况”有 {share:.0%} 的句子与{old.year}年度报告"
                    "完全相同（照搬照抄上年内容）",
                    "五",
                    expected=f"<{COPIED_SHARE:.0%}",
                    found=f"{share:.0%}",
                )
            )
    return comparison


def _changes(old: CheckedReport, new: CheckedReport) -> list[Change]:
    changes = []
    if old.fmt is None or new.fmt is None:
        return changes
    for number, table in new.fmt.tables.items():
        for block in table.blocks:
            for row in block.value_rows:
                before = old.tables.get(number, {}).get(row.key)
                after = new.tables.get(number, {}).get(row.key)
                if not before or not after:
                    continue
                for column, a, b in zip(block.columns, before, after, strict=False):
                    changes.append(Change(number, row.label, column.label, a, b))
    return changes


def section_five(text: str) -> str:
    """Section 五's text, up to section 六 (or the end)."""
    five = section_heading("五", text)
    if five is None:
        return ""
    six = section_heading("六", text, five.end()) or labels.find(
        "其他需要报告的事项", text, five.end()
    )
    return text[five.end() : six.start() if six else len(text)]


def sentences(text: str) -> list[str]:
    pieces = re.split(r"[。！？；;!?\n]", text)
    words = [re.sub(r"[\W_]+", "", piece) for piece in pieces]
    return [w for w in words if len(w) >= 8]  # headings and numbering are not sentences


def copied(old: str, new: str) -> tuple[float, list[str]]:
    """Share of the new section's sentences found word for word in the old one."""
    before = set(sentences(old))
    now = sentences(new)
    if not now:
        return 0.0, []
    same = [s for s in now if s in before]
    return len(same) / len(now), same


def write_text(comparisons: list[Comparison], out) -> None:
    for c in comparisons:
        out.write(f"== {c.old.agency or c.old.path}：{c.old.year}年度 → {c.new.year}年度\n")
        if c.copied_share is not None:
            out.write(f"   第五部分与上年相同的句子：{c.copied_share:.0%}\n")
        problems = [f for f in c.findings if f.severity is not Severity.NOTE]
        out.write(f"   发现 {len(problems)} 项问题\n" if problems else "   未发现问题\n")
        for f in c.findings:
            out.write(f"   [{f.rule}] {f.message}\n")
        moved = [ch for ch in c.changes if ch.delta not in (None, 0)]
        out.write(f"   数字变化（{len(moved)} 处）：\n")
        for ch in moved:
            sign = "+" if ch.delta > 0 else ""
            out.write(
                f"     表{ch.table} {ch.row[:20]}「{ch.column}」 {_json(ch.old)} → "
                f"{_json(ch.new)}（{sign}{_json(ch.delta)}）\n"
            )
        out.write("\n")


def write_json(comparisons: list[Comparison], out) -> None:
    import json

    out.write(json.dumps([c.as_dict() for c in comparisons], ensure_ascii=False, indent=1))
    out.write("\n")


def docx_bytes(comparisons: list[Comparison]) -> bytes:
    """A document a supervisor can send on: one section per agency and pair of years."""
    import docx

    document = docx.Document()
    document.add_heading("政府信息公开工作年度报告逐年对照", level=1)
    for c in comparisons:
        document.add_heading(f"{c.new.agency or c.new.path}：{c.old.year}年度与{c.new.year}年度", 2)
        problems = [f for f in c.findings if f.severity is not Severity.NOTE]
        document.add_paragraph(f"发现 {len(problems)} 项问题。" if problems else "未发现问题。")
        for f in c.findings:
            document.add_paragraph(f.message, style="List Bullet")
        if c.copied_share is not None:
            document.add_paragraph(f"第五部分与上年相同的句子占 {c.copied_share:.0%}。")
        moved = [ch for ch in c.changes if ch.delta not in (None, 0)]
        if moved:
            table = document.add_table(rows=1, cols=6)
            table.style = "Table Grid"
            for cell, title in zip(
                table.rows[0].cells, ("表", "行", "列", "上年", "本年", "变化"), strict=True
            ):
                cell.text = title
            for ch in moved:
                cells = table.add_row().cells
                values = (ch.table, ch.row, ch.column, ch.old, ch.new, ch.delta)
                for cell, value in zip(cells, values, strict=True):
                    cell.text = str(_json(value))
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
