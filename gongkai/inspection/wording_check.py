"""Wrong wording in published items' titles and bodies: serious errors (19号 单项否决),
common misspellings (扣分) and fixed-phrase punctuation (提示), by the rule's kind."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date, timedelta

from gongkai.core.dates import chinese_date
from gongkai.core.models import Agency
from gongkai.inspection import wording
from gongkai.inspection.findings import Finding
from gongkai.inspection.live_items import STILL_SEEN_DAYS, LiveItem, item_urls, scan

# 更正 (issue 25): a finding on an item goes when a correction that fixes its text is
# published — the portal then shows the corrected text with its 更正说明, the remedy 19号's
# 内容准确 asks for. Withdrawing the item hides the text but not the fact that it was public:
# for STILL_SEEN_DAYS after the withdrawal (live_items: the inspectors' quarterly sample) the
# finding stays, marked 已撤回 with the date, and still counts.


class SeriousWording:
    """The wording rules held against each item's title and body (live_items.read gives the
    published items and those withdrawn in the last STILL_SEEN_DAYS)."""

    wants = None
    reads_texts = True  # shown the items whose text holds wrong wording (text_scans.py)

    def __init__(self, agencies: list[Agency]):
        self.by_pk = {a.pk: a for a in agencies}
        self.item_urls = item_urls()

    def see(self, item: LiveItem) -> Iterable[Finding]:
        # the matches of its title and body as scanned (text_scans.py: once per text, with the
        # document's date the renamed-body rules read)
        return [self._finding(item, match) for match in item.wording] if item.wording else ()

    def _finding(self, item: LiveItem, match: wording.Match) -> Finding:
        detail = (
            f"“{match.rule.wrong}”应为“{match.rule.right}”"
            f"（{match.rule.kind}；依据：{match.rule.source}）。"
        )
        url = f"{self.item_urls}{item.pk}/"
        if item.withdrawn_on is None:
            # fixed by publishing a correction: the link opens the item's 更正 step
            url += "?step=correct#correct"
        else:
            last = item.withdrawn_on + timedelta(days=STILL_SEEN_DAYS - 1)
            detail += (
                f"该信息已于{chinese_date(item.withdrawn_on)}撤回，撤回前已公开，检查人员抽查时"
                f"可能已看到，{chinese_date(last)}前仍计入（撤回不等于更正）。"
            )
        return Finding(
            match.rule.indicator,
            item.agency_id,
            self.by_pk[item.agency_id].name,
            item.title,
            detail,
            url,
            context=match.context,
        )

    def end(self) -> tuple:
        return ()


def serious_wording(agencies: list[Agency], today: date, calendar) -> Iterator[Finding]:
    return scan(agencies, today, [SeriousWording(agencies)])
