"""The self-check's results as text, JSON and CSV (one renderer each, shared by the command
and the office pages' download)."""

from __future__ import annotations

import io
import json

from defusedcsv import csv as safe_csv

from gongkai.core.dates import chinese_date
from gongkai.inspection.findings import Severity
from gongkai.inspection.selfcheck import SelfCheck

SEVERITY_ORDER = {Severity.VETO: 0, Severity.DEDUCT: 1, Severity.HINT: 2}


def ordered(findings):
    return sorted(
        findings, key=lambda f: (f.agency_name, SEVERITY_ORDER[f.severity], f.indicator, f.subject)
    )


def as_text(result: SelfCheck) -> str:
    lines = [
        f"政府信息公开栏目自查（{chinese_date(result.today)}），共 {len(result.agencies)} 个机构"
    ]
    by_agency: dict[int, list] = {}
    for finding in ordered(result.findings):
        by_agency.setdefault(finding.agency_id, []).append(finding)
    for agency in sorted(result.agencies, key=lambda a: a.name):
        s = result.scores[agency.pk]
        mine = by_agency.get(agency.pk, [])
        lines.append("")
        lines.append(f"{agency.name}：{s.verdict}，得分 {s.points:g}，问题 {len(mine)} 条")
        for text in s.vetoed:
            lines.append(f"  单项否决：{text}")
        for f in mine:
            lines.append(f"  [{f.severity}] {f.subject}：{f.detail}")
            if f.context and f.context not in f.detail:
                lines.append(f"      上下文：{f.context}")
    return "\n".join(lines) + "\n"


def as_json(result: SelfCheck) -> str:
    return json.dumps(
        {
            "date": result.today.isoformat(),
            "agencies": [
                {
                    "id": a.pk,
                    "name": a.name,
                    "index_prefix": a.index_prefix,
                    "verdict": result.scores[a.pk].verdict,
                    "score": result.scores[a.pk].points,
                    "vetoed": result.scores[a.pk].vetoed,
                    "deductions": result.scores[a.pk].deductions,
                    "findings": [f.as_dict() for f in ordered(result.for_agency(a.pk))],
                }
                for a in sorted(result.agencies, key=lambda a: a.name)
            ],
        },
        ensure_ascii=False,
        indent=2,
    )


def as_csv(result: SelfCheck) -> str:
    buffer = io.StringIO()
    # a spreadsheet must not run what a page author typed (CSV formula injection)
    writer = safe_csv.writer(buffer)
    writer.writerow(["机构", "严重程度", "指标", "对象", "问题", "上下文", "处理链接"])
    for f in ordered(result.findings):
        writer.writerow(
            [f.agency_name, f.severity, f.indicator_text, f.subject, f.detail, f.context, f.url]
        )
    return buffer.getvalue()


RENDERERS = {"text": as_text, "json": as_json, "csv": as_csv}
