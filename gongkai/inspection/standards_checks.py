"""The self-check's look at the standard catalogue (国办秘函〔2019〕19号): a matter whose own
period has passed with nothing published is a column that should have been updated
(应更新未更新), and a 公示 still shown as running after its period is outdated information
left on view."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from django.db.models import Q
from django.urls import reverse

from gongkai.catalogue.models import ItemStatus, notice_last_day
from gongkai.core.dates import chinese_date
from gongkai.inspection.live_items import item_urls, scan
from gongkai.standards.due import standings
from gongkai.statute.disclosure_limits import Standing


def stale_matters(agencies, today: date, calendar) -> Iterator:
    from gongkai.inspection.findings import Finding

    by_pk = {a.pk: a for a in agencies}
    # a county's matters past their period are a thousand findings: no reverse() for each
    items, new = item_urls(), reverse("office:item_new")
    for agency_id, standing in standings(list(by_pk), today=today, calendar=calendar).items():
        for line in standing.lines or ():
            if line.standing is not Standing.OVERDUE:
                continue
            url = f"{items}{line.item_id}/" if line.item_id else f"{new}?agency={agency_id}"
            yield Finding(
                "matter_stale",
                agency_id,
                by_pk[agency_id].name,
                line.matter.level2,
                f"{line.text}（应于 {chinese_date(line.due)} 前公开）。",
                url,
            )


class NoticesPastTheirPeriod:
    """A published item still shown as 公示中 after the last day of its 公示期."""

    wants = Q(status=ItemStatus.PUBLISHED, notice_from__isnull=False, notice_ended_on__isnull=True)
    reads_texts = False

    def __init__(self, agencies, today: date):
        self.by_pk = {a.pk: a for a in agencies}
        self.today = today
        self.item_urls = item_urls()

    def see(self, item) -> list:
        from gongkai.inspection.findings import Finding

        if item.notice_from is None or item.notice_ended_on is not None or not item.live:
            return []
        if not item.notice_days or item.notice_from >= self.today:
            return []
        last_day = notice_last_day(item.notice_from, item.notice_days)
        if last_day is None or last_day >= self.today:
            return []
        finding = Finding(
            "outdated_notice",
            item.agency_id,
            self.by_pk[item.agency_id].name,
            item.title,
            f"公示期已于 {chinese_date(last_day)} 结束，页面仍按公示中展示"
            "（每晚的 gongkai notices 会处理；也可在信息页结束公示）。",
            f"{self.item_urls}{item.pk}/",
        )
        return [finding]

    def end(self) -> tuple:
        return ()


def notices_past_their_period(agencies, today: date, calendar) -> Iterator:
    return scan(agencies, today, [NoticesPastTheirPeriod(agencies, today)])
