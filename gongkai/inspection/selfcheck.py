"""The whole self-check of an agency's 政府信息公开 column, or of a county's tree."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from datetime import date

from gongkai.core.models import Agency
from gongkai.core.workbench import by_calendar
from gongkai.inspection import checks, links, wording_check
from gongkai.inspection.findings import Finding, Score, score


@dataclass
class SelfCheck:
    today: date
    agencies: list[Agency]
    findings: list[Finding] = field(default_factory=list)
    scores: dict[int, Score] = field(default_factory=dict)
    seconds: dict[str, float] = field(default_factory=dict)  # time per check

    def for_agency(self, agency_id: int) -> list[Finding]:
        return [f for f in self.findings if f.agency_id == agency_id]


def agencies_under(prefix: str | None, *, tree: bool) -> list[Agency]:
    """The agency with this 索引号 prefix (and, with `tree`, every agency below it), or all."""
    if not prefix:
        return list(Agency.objects.order_by("name"))
    root = Agency.objects.get(index_prefix=prefix)
    if not tree:
        return [root]
    chosen, frontier = [root], [root.pk]
    while frontier:
        children = list(Agency.objects.filter(parent_id__in=frontier))
        chosen += children
        frontier = [c.pk for c in children]
    return chosen


def run(
    agencies: list[Agency],
    *,
    today: date,
    calendar,
    external: links.ExternalChecker | None = None,
) -> SelfCheck:
    result = SelfCheck(today=today, agencies=agencies)
    steps = [
        ("时效", checks.freshness),
        ("完整性", checks.completeness),
        ("及时性", checks.timeliness),
        ("表述", wording_check.serious_wording),
        ("链接", lambda a, t, c: links.broken_links(a, t, c, external=external)),
        *(("其他", check) for check in checks.extra_checks()),
    ]
    # each agency counted in its own calendar (放假办法第四条: a region's own holidays);
    # `calendar` for those without a region of their own
    groups = by_calendar(dict.fromkeys(agencies), calendar)
    for name, step in steps:
        started = time.perf_counter()
        for group, counted_in in groups:
            result.findings.extend(step(list(group), today, counted_in))
        result.seconds[name] = result.seconds.get(name, 0.0) + time.perf_counter() - started
    result.scores = score(result.findings, agencies)
    return result
