"""The whole self-check of an agency's 政府信息公开 column, or of a county's tree."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from datetime import date

from gongkai.core.models import Agency
from gongkai.core.workbench import by_calendar
from gongkai.inspection import checks, links, live_items, standards_checks
from gongkai.inspection.findings import Finding, Score, score


@dataclass
class SelfCheck:
    today: date
    agencies: list[Agency]
    findings: list[Finding] = field(default_factory=list)
    scores: dict[int, Score] = field(default_factory=dict)
    seconds: dict[str, float] = field(default_factory=dict)  # time per check
    _grouped: tuple[int, dict[int, list[Finding]]] | None = field(default=None, repr=False)

    def for_agency(self, agency_id: int) -> list[Finding]:
        # grouped once: the 工作台's store asks for each of a county's agencies in turn
        if self._grouped is None or self._grouped[0] != len(self.findings):
            grouped: dict[int, list[Finding]] = {}
            for finding in self.findings:
                grouped.setdefault(finding.agency_id, []).append(finding)
            self._grouped = (len(self.findings), grouped)
        return list(self._grouped[1].get(agency_id, ()))


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
    everyone = list(dict.fromkeys(agencies))
    steps = [
        ("时效", checks.freshness),
        # one read of the items for the checks that look at them one by one (issue 25)
        (
            "完整性、表述、链接、公示",
            lambda a, t, c: live_items.scan(a, t, checks.item_rules(a, t, external)),
        ),
        ("及时性", checks.timeliness),
        *(("其他", check) for check in checks.extra_checks()),
    ]
    # the checks that count working days count each agency in its own calendar (放假办法第四条:
    # a region's own holidays), `calendar` for those without a region of their own; the others
    # read every agency at once, whatever its calendar
    per_calendar = {checks.timeliness, standards_checks.stale_matters}
    groups = by_calendar(dict.fromkeys(everyone), calendar)
    for name, step in steps:
        started = time.perf_counter()
        for group, counted_in in groups if step in per_calendar else [(everyone, calendar)]:
            result.findings.extend(step(list(group), today, counted_in))
        result.seconds[name] = result.seconds.get(name, 0.0) + time.perf_counter() - started
    result.scores = score(result.findings, agencies)
    return result
