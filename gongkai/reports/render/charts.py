"""The illustrated report (图解年报): the key figures as inline SVG bar charts, drawn here
(no chart service, nothing fetched), each with a text alternative for screen readers."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from gongkai.reports.document import ReportDocument
from gongkai.statute.report_format import APPEAL_GROUPS, APPLICANT_COLUMNS

BAR, GAP, LABEL_WIDTH, CHART_WIDTH = 22, 10, 210, 640


@dataclass(frozen=True)
class Chart:
    title: str
    bars: list[tuple[str, int]]

    @property
    def description(self) -> str:
        return "；".join(f"{label}{value}" for label, value in self.bars)

    def svg(self) -> SafeString:
        height = len(self.bars) * (BAR + GAP) + GAP
        top = max([value for _, value in self.bars] + [1])
        scale = (CHART_WIDTH - LABEL_WIDTH - 60) / top
        parts = [
            f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {CHART_WIDTH} {height}" '
            f'role="img" aria-label="{escape(self.title)}：{escape(self.description)}" '
            'class="chart" font-family="sans-serif" font-size="13">'
        ]
        for index, (label, value) in enumerate(self.bars):
            y = GAP + index * (BAR + GAP)
            width = max(value * scale, 1 if value else 0)
            parts += [
                f'<text x="{LABEL_WIDTH - 8}" y="{y + BAR * 0.7:.1f}" text-anchor="end" '
                f'fill="#222">{escape(label)}</text>',
                f'<rect x="{LABEL_WIDTH}" y="{y}" width="{width:.1f}" height="{BAR}" '
                'fill="#b5121b"/>',
                f'<text x="{LABEL_WIDTH + width + 6:.1f}" y="{y + BAR * 0.7:.1f}" '
                f'fill="#222">{value}</text>',
            ]
        parts.append("</svg>")
        return mark_safe("".join(parts))


def charts(document: ReportDocument) -> list[Chart]:
    three, four = document.tables["三"], document.tables["四"]["四"]
    outcome_groups = [
        (row.text, key)
        for row in document.fmt.tables["三"].blocks[0].rows
        if (key := row.key).startswith("三（") and len(key) == 4 and key != "三（七）"
    ]

    def group_total(key: str) -> int:
        return sum(values[6] for k, values in three.items() if k.startswith(key))

    return [
        Chart("主动公开：各渠道发布数量", [(label, n) for label, n in document.channels if n]),
        Chart(
            "依申请公开：申请数量",
            [
                ("本年新收", three["一"][6]),
                ("上年结转", three["二"][6]),
                ("本年办结", three["三（七）"][6]),
                ("结转下年度", three["四"][6]),
            ],
        ),
        Chart(
            "本年新收申请的申请人",
            [(c.label, three["一"][i]) for i, c in enumerate(APPLICANT_COLUMNS[:6])],
        ),
        Chart(
            "办理结果",
            [(text.split("（")[0], group_total(key)) for text, key in outcome_groups],
        ),
        Chart(
            "行政复议、行政诉讼",
            [(label, four[index * 5 + 4]) for index, (_, label) in enumerate(APPEAL_GROUPS)],
        ),
    ]
