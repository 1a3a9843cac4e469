"""The self-check's look at the standard catalogue (国办秘函〔2019〕19号): a matter whose own
period has passed with nothing published is a column that should have been updated
(应更新未更新), and a 公示 still shown as running after its period is outdated information
left on view."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from django.urls import reverse

from gongkai.catalogue.models import Item
from gongkai.core.dates import chinese_date
from gongkai.standards.due import standings
from gongkai.statute.disclosure_limits import Standing


def stale_matters(agencies, today: date, calendar) -> Iterator:
    from gongkai.inspection.findings import Finding

    by_pk = {a.pk: a for a in agencies}
    for agency_id, standing in standings(list(by_pk), today=today, calendar=calendar).items():
        for line in standing.lines or ():
            if line.standing is not Standing.OVERDUE:
                continue
            url = (
                reverse("office:item", args=[line.item_id])
                if line.item_id
                else reverse("office:item_new") + f"?agency={agency_id}"
            )
            yield Finding(
                "matter_stale",
                agency_id,
                by_pk[agency_id].name,
                line.matter.level2,
                f"{line.text}（应于 {chinese_date(line.due)} 前公开）。",
                url,
            )


def notices_past_their_period(agencies, today: date, calendar) -> Iterator:
    from gongkai.inspection.findings import Finding

    by_pk = {a.pk: a for a in agencies}
    running = (
        Item.objects.live()
        .filter(
            agency_id__in=by_pk,
            notice_from__isnull=False,
            notice_days__isnull=False,
            notice_ended_on__isnull=True,
            notice_from__lt=today,
        )
        .only("pk", "agency_id", "title", "notice_from", "notice_days")
    )
    for item in running.iterator():
        last_day = item.notice_last_day
        if last_day is None or last_day >= today:
            continue
        yield Finding(
            "outdated_notice",
            item.agency_id,
            by_pk[item.agency_id].name,
            item.title,
            f"公示期已于 {chinese_date(last_day)} 结束，页面仍按公示中展示"
            "（每晚的 gongkai notices 会处理；也可在信息页结束公示）。",
            reverse("office:item", args=[item.pk]),
        )
