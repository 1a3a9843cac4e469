"""The 互动交流 block's 留言 row of the 政府网站工作年度报表 (国办函〔2018〕12号): 收到, 办结,
平均办理时间, 公开答复 — each with the messages it counts, so a test (and a clerk) can trace
every cell to its records.

What counts: messages citizens wrote (咨询, 建议, 投诉), not the 常见问题 staff wrote
themselves, nor those answered with another channel (a 政府信息公开申请, 信访 or 12345
matter: counted apart, under 留言_转其他渠道), nor the reports of errors on the site
(我为政府网站找错 has its own national platform and statistics: counted apart, under
网站找错_收到 and 网站找错_办结). The report prints none of the three extra keys.
- 收到: submitted in the year;
- 办结: answered in the year (whenever submitted);
- 平均办理天数: over those answered, the mean of calendar days from submission to answer,
  to one decimal (the 报表 asks for 平均办理时间 in days; 0 when none was answered);
- 公开答复: answered messages published in the year."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import QuerySet

from gongkai.interaction.models import Kind, Message, Origin, Status


@dataclass(frozen=True)
class Figure:
    value: int | float
    records: QuerySet  # the messages the value counts

    @property
    def ids(self) -> list[int]:
        return list(self.records.order_by("pk").values_list("pk", flat=True))


def _counted(agency):
    return (
        Message.objects.filter(agency=agency, origin=Origin.PUBLIC)
        .exclude(status=Status.REDIRECTED)
        .exclude(kind=Kind.ERROR)
    )


def year_figures(agency, year: int) -> dict[str, Figure]:
    counted = _counted(agency)
    received = counted.filter(submitted_on__year=year)
    answered = counted.filter(status=Status.ANSWERED, answered_on__year=year)
    days = [
        (answered_on - submitted_on).days
        for submitted_on, answered_on in answered.values_list("submitted_on", "answered_on")
    ]
    average = round(sum(days) / len(days), 1) if days else 0
    published = counted.filter(status=Status.ANSWERED, published_on__year=year)
    redirected = Message.objects.filter(
        agency=agency, status=Status.REDIRECTED, answered_on__year=year
    )
    errors = Message.objects.filter(agency=agency, kind=Kind.ERROR)
    errors_received = errors.filter(submitted_on__year=year)
    errors_answered = errors.filter(status=Status.ANSWERED, answered_on__year=year)
    return {
        "留言_收到": Figure(received.count(), received),
        "留言_办结": Figure(len(days), answered),
        "留言_平均办理天数": Figure(average, answered),
        "留言_公开答复": Figure(published.count(), published),
        "留言_转其他渠道": Figure(redirected.count(), redirected),
        "网站找错_收到": Figure(errors_received.count(), errors_received),
        "网站找错_办结": Figure(errors_answered.count(), errors_answered),
    }
