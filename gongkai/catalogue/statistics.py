"""信息月报: what an agency published each month of a year, by category and by channel.

The portal column counts items by their publication date (withdrawn ones included: they
were published that month); the other channels and media adoptions come from the log."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count
from django.db.models.functions import ExtractMonth

from gongkai.catalogue.models import (
    Channel,
    ChannelPost,
    InfoType,
    Item,
    MediaAdoption,
    MediaLevel,
    media_level_label,
)
from gongkai.core.models import Agency

PORTAL = "门户网站"
MONTHS = range(1, 13)


@dataclass(frozen=True)
class Row:
    label: str
    months: tuple[int, ...]  # January … December

    @property
    def total(self) -> int:
        return sum(self.months)


@dataclass(frozen=True)
class MonthlyStatistics:
    agency: Agency
    year: int
    by_category: tuple[Row, ...]
    by_channel: tuple[Row, ...]  # 门户网站 first, then each channel, then each media level
    # 党务公开 and 村务（居务）公开 items on the same portal: counted apart, never in the
    # figures above, which are 政府信息 only (issue 17)
    other_types: tuple[Row, ...] = ()

    def channel_total(self, label: str) -> int:
        return next((row.total for row in self.by_channel if row.label == label), 0)

    @property
    def portal_total(self) -> int:
        return self.channel_total(PORTAL)


def _monthly(queryset, date_field: str, key: str) -> dict[object, list[int]]:
    counts: dict[object, list[int]] = {}
    for row in (
        queryset.annotate(month=ExtractMonth(date_field))
        .values(key, "month")
        .annotate(n=Count("pk"))
        .order_by()
    ):
        counts.setdefault(row[key], [0] * 12)[row["month"] - 1] = row["n"]
    return counts


def monthly_statistics(agency: Agency, year: int) -> MonthlyStatistics:
    published = Item.objects.published_in(year).filter(agency=agency)
    items = published.filter(info_type=InfoType.GOVERNMENT)
    per_type = _monthly(
        published.exclude(info_type=InfoType.GOVERNMENT), "published_on", "info_type"
    )
    other_types = tuple(
        Row(t.label, tuple(per_type[t.value])) for t in InfoType if t.value in per_type
    )
    per_category = _monthly(items, "published_on", "category__name")
    by_category = tuple(Row(name, tuple(months)) for name, months in sorted(per_category.items()))
    portal = [sum(months[m - 1] for months in per_category.values()) for m in MONTHS]
    posts = _monthly(
        ChannelPost.objects.filter(agency=agency, posted_on__year=year), "posted_on", "channel"
    )
    media = _monthly(
        MediaAdoption.objects.filter(agency=agency, adopted_on__year=year), "adopted_on", "level"
    )
    by_channel = (
        Row(PORTAL, tuple(portal)),
        *(Row(c.label, tuple(posts.get(c.value, [0] * 12))) for c in Channel),
        *(
            Row(f"{media_level_label(agency, m)}媒体采用", tuple(media.get(m.value, [0] * 12)))
            for m in MediaLevel
        ),
    )
    return MonthlyStatistics(agency, year, by_category, by_channel, other_types)


def to_xlsx(stats: MonthlyStatistics) -> bytes:
    """The same two tables as the page, one sheet each, with totals a clerk can re-add."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    from gongkai.core.xlsx import workbook_bytes

    book = Workbook()
    header = ["", *(f"{m}月" for m in MONTHS), "合计"]
    for index, (title, rows) in enumerate(
        (("按分类", stats.by_category), ("按渠道", stats.by_channel))
    ):
        sheet = book.active if index == 0 else book.create_sheet()
        sheet.title = title
        sheet.append([f"{stats.agency.name} {stats.year}年信息月报（{title}）"])
        sheet["A1"].font = Font(bold=True)
        sheet.append(header)
        for row in rows:
            sheet.append([row.label, *row.months, row.total])
        if title == "按分类":
            sheet.append(
                [
                    "合计",
                    *(sum(r.months[m - 1] for r in rows) for m in MONTHS),
                    sum(r.total for r in rows),
                ]
            )
        sheet.column_dimensions["A"].width = 28
    return workbook_bytes(book)
