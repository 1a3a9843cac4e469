"""The self-check's standing problems on the 工作台 (core/workbench.py, issue 25).

Each agency's staff see its 单项否决 and 扣分 findings, each linked to the page where it is
fixed (Finding.url). The whole self-check reads every column, item and link of an agency —
too much for every load of the 工作台, which has a statement budget — so the 工作台 reads a
cached computation: one cache read (the database cache: one statement) for all the user's
agencies. A miss runs the self-check for the agencies missing and keeps the result for
CACHE_SECONDS; the self-check page stores what it has just computed, so opening it after a fix
refreshes the 工作台 at once. The line says when the result was computed.

The county's summary of its agencies (office/selfcheck.py) reads the same stored results:
each agency's score and number of findings are kept beside its lines, so a supervisor's
view of seventeen agencies is one cache read, not the self-check of a county's every item,
text and link on each visit (issue 25: 140 ms at province scale, and growing with the
county's text). Each row says when its result was computed; 重新自查 computes them all now.

Hints (提示) are left to the self-check page: they are not scored by the indicators. So are
the findings the 工作台 already shows from their own app, or that no action can clear
(ELSEWHERE)."""

from __future__ import annotations

from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from gongkai.core.workbench import DueLine, Urgency
from gongkai.inspection.findings import Severity

KIND = "网站自查"
CACHE_SECONDS = 15 * 60
# a column with dozens of broken links would bury the rest of the 工作台: past this many lines
# per agency, one line sends the clerk to the self-check page for the others
MAX_LINES = 8
URGENCY = {Severity.VETO: Urgency.WAITING, Severity.DEDUCT: Urgency.NOTICE}
ELSEWHERE = {
    # an open overdue application is the applications provider's line; a reply given late
    # stays late (条例第三十三条): nothing on its page clears it
    "late_reply",
    # published late stays late; the page lists them under "逾期公开的信息"
    "late_publication",
    # a matter past its period is the standard catalogue provider's line (standings())
    "matter_stale",
}


def _key(agency_pk: int, today) -> str:
    # "v3": the entries carry the score and only the findings shown (results kept by an
    # earlier release do not)
    return f"selfcheck-standing-v3:{agency_pk}:{today.isoformat()}"


def remember(result) -> dict[str, dict]:
    """Keep a self-check's scored findings per agency, for the 工作台 and the county's page
    (from the self-check page and from a miss here); returns them by cache key."""
    at = timezone.localtime().strftime("%H:%M")
    stored = {}
    for agency in result.agencies:
        findings = [
            # what it is about, when the sentence does not name it (an item's title)
            (
                str(f.severity),
                f.detail if f.subject in f.detail else f"{f.subject}：{f.detail}",
                f.url,
            )
            for f in result.for_agency(agency.pk)
            if f.severity in URGENCY and f.indicator not in ELSEWHERE
        ]
        # 单项否决 first: it fails the site whatever the score
        findings.sort(key=lambda f: f[0] != Severity.VETO)
        stored[_key(agency.pk, result.today)] = {
            "at": at,
            # only those the 工作台 shows, and their number: a county's column of a
            # 4,000,000-item province kept thousands, and every 工作台 unpickled them
            "findings": findings[:MAX_LINES],
            "scored": len(findings),
            "score": result.scores[agency.pk],
            "found": len(result.for_agency(agency.pk)),
        }
    cache.set_many(stored, CACHE_SECONDS)
    return stored


def standing(agencies, *, today, calendar, refresh=False) -> dict[int, dict]:
    """agency pk -> {"at": "HH:MM", "findings": the first MAX_LINES (severity, detail, url),
    "scored": how many there are, "score": Score, "found": number of findings of any kind}:
    as stored in the last CACHE_SECONDS, else computed now (all of them with `refresh`)."""
    keys = {_key(agency.pk, today): agency for agency in agencies}
    found = {} if refresh else cache.get_many(list(keys))
    missing = [agency for key, agency in keys.items() if key not in found]
    if missing:
        from gongkai.inspection.links import ExternalChecker
        from gongkai.inspection.selfcheck import run

        # external links from the nightly run's cache only: the 工作台 never waits on a site.
        # What was computed is used as computed: a write the cache dropped (two processes
        # storing the same key at once) must not leave the page without the agency
        found |= remember(
            run(
                missing,
                today=today,
                calendar=calendar,
                external=ExternalChecker(cached_only=True),
            )
        )
    return {agency.pk: found[key] for key, agency in keys.items() if key in found}


def selfcheck_lines(*, user, agencies, today, calendar):
    if not agencies:
        return []
    results = standing(list(agencies), today=today, calendar=calendar)
    lines = []
    for agency in agencies:
        page = reverse("office:selfcheck") + f"?agency={agency.pk}"
        result = results.get(agency.pk)
        if not result:
            continue
        findings = result["findings"]
        for severity, detail, url in findings[:MAX_LINES]:
            lines.append(
                DueLine(
                    URGENCY[Severity(severity)],
                    agency.name,
                    KIND,
                    f"{severity}：{detail}（{result['at']} 自查结果）",
                    url or page,
                )
            )
        if result["scored"] > MAX_LINES:
            lines.append(
                DueLine(
                    Urgency.NOTICE,
                    agency.name,
                    KIND,
                    f"另有 {result['scored'] - MAX_LINES} 条单项否决或扣分问题，见网站自查",
                    page,
                )
            )
    return lines
