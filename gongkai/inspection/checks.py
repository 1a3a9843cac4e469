"""The self-check's checks of freshness, completeness and timeliness (国办秘函〔2019〕19号).

Each check takes the agencies, `today` and the working-day calendar and yields findings;
each reads the database in a few aggregate queries so a province is checked in minutes."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date, timedelta

from django.conf import settings
from django.db.models import F, Q
from django.db.models.functions import Coalesce
from django.urls import reverse

from gongkai.applications.models import Application
from gongkai.catalogue.models import CategorySource, DocumentKind, Item, ItemStatus, PublicationDues
from gongkai.catalogue.timing import maybe_late
from gongkai.core.dates import chinese_date
from gongkai.core.models import Agency
from gongkai.core.workbench import by_region
from gongkai.inspection.columns import columns_of
from gongkai.inspection.findings import Finding
from gongkai.inspection.live_items import ItemRule, LiveItem, item_urls, scan
from gongkai.reports.models import AnnualReport, ReportStatus
from gongkai.statute.catalogue_subjects import ARTICLE_20
from gongkai.statute.periods import PROACTIVE_PUBLICATION

# 19号 栏目不更新 (correction, December 2026: counts, not single columns): 动态、要闻类 columns
# not updated in the 2 weeks before the check, and 通知公告、政策文件类 first-level columns not
# updated in the 6 months before it, "累计超过（含）5个" fail the site; so do 10 or more columns
# that should be updated but have long not been, and 5 or more empty columns; 首页不更新 is 2
# weeks. One stale column is a deduction. A column is of a kind when its name holds one of the
# words. Provinces may change words or periods through settings.GONGKAI_FRESHNESS_RULES, a list
# of [kind, days, [words…]].
FRESHNESS_RULES: list[tuple[str, int, tuple[str, ...]]] = [
    ("动态、要闻类", 14, ("动态", "要闻", "新闻")),
    ("通知公告、政策文件类", 183, ("通知公告", "通知", "公告", "政策文件")),
]
HOME_PAGE_DAYS = 14  # 19号 首页不更新: 监测时间点前2周内
STALE_COLUMNS_VETO = 5  # 19号: 累计超过（含）5个未更新
LONG_UNUPDATED_VETO = 10  # 19号: 应更新但长期未更新的栏目数量超过（含）10个
EMPTY_COLUMNS_VETO = 5  # 19号: 空白栏目数量超过（含）5个
# 19号 does not say how long "长期" is; a year unless the province sets
# settings.GONGKAI_LONG_UNUPDATED_DAYS. "应更新" columns are the agency's own (动态, 专题, …):
# the statutory headings and the 指南/制度/年报 sub-columns change when their information
# does, and their timeliness is checked by the matter and the 20-working-day rules instead.
LONG_UNUPDATED_DAYS = 365


def freshness_rules() -> list[tuple[str, int, tuple[str, ...]]]:
    custom = getattr(settings, "GONGKAI_FRESHNESS_RULES", None)
    if custom:
        return [(kind, int(days), tuple(words)) for kind, days, words in custom]
    return FRESHNESS_RULES


def long_unupdated_days() -> int:
    return int(getattr(settings, "GONGKAI_LONG_UNUPDATED_DAYS", LONG_UNUPDATED_DAYS))


def _office_items(items: str, agency: Agency, category_id: int) -> str:
    return f"{items}?agency={agency.pk}&category={category_id}"


def _names(columns) -> str:
    return "、".join(c.name for c in columns[:8]) + ("等" if len(columns) > 8 else "")


def freshness(agencies: list[Agency], today: date, calendar) -> Iterator[Finding]:
    rules = freshness_rules()
    long_days = long_unupdated_days()
    by_pk = {a.pk: a for a in agencies}
    items = reverse("office:items")
    for agency_id, columns in columns_of(agencies).items():
        agency = by_pk[agency_id]
        everything = f"{items}?agency={agency.pk}"
        empty = [c for c in columns if c.published == 0]
        for column in empty:
            yield Finding(
                "empty_column",
                agency.pk,
                agency.name,
                column.name,
                f"栏目“{column.name}”没有任何已公开的信息。",
                _office_items(items, agency, column.category_id),
            )
        if len(empty) >= EMPTY_COLUMNS_VETO:
            yield Finding(
                "empty_columns",
                agency.pk,
                agency.name,
                "空白栏目",
                f"共有 {len(empty)} 个空白栏目（{_names(empty)}），达到5个即单项否决。",
                everything,
            )
        # 首页不更新: the home page shows the newest of every column
        newest = max((c.latest for c in columns if c.latest is not None), default=None)
        if newest is None or (today - newest).days > HOME_PAGE_DAYS:
            since = f"最近一次更新是 {chinese_date(newest)}" if newest else "从未更新"
            yield Finding(
                "home_not_updated",
                agency.pk,
                agency.name,
                "首页",
                f"首页{since}，前2周内没有任何更新。",
                everything,
            )
        stale, long_unupdated = [], []
        for column in columns:
            if column.latest is None:
                continue
            age = (today - column.latest).days
            rule = next((r for r in rules if any(w in column.name for w in r[2])), None)
            if rule is not None and age > rule[1]:
                stale.append(column)
                yield Finding(
                    "column_stale",
                    agency.pk,
                    agency.name,
                    column.name,
                    f"{rule[0]}栏目“{column.name}”最近一次更新是 {chinese_date(column.latest)}，"
                    f"已 {age} 天未更新（规定不超过 {rule[1]} 天）。",
                    _office_items(items, agency, column.category_id),
                )
            if age > long_days and column.source == CategorySource.AGENCY:
                long_unupdated.append(column)
                if rule is None or age <= rule[1]:  # a stale column is already deducted
                    yield Finding(
                        "column_long_unupdated",
                        agency.pk,
                        agency.name,
                        column.name,
                        f"栏目“{column.name}”最近一次更新是 {chinese_date(column.latest)}，"
                        f"已 {age} 天没有新内容。",
                        _office_items(items, agency, column.category_id),
                    )
        if len(stale) >= STALE_COLUMNS_VETO:
            yield Finding(
                "columns_not_updated",
                agency.pk,
                agency.name,
                "未更新栏目",
                f"共有 {len(stale)} 个动态要闻类或通知公告、政策文件类栏目未按期更新"
                f"（{_names(stale)}），累计达到5个即单项否决。",
                everything,
            )
        if len(long_unupdated) >= LONG_UNUPDATED_VETO:
            yield Finding(
                "columns_long_unupdated",
                agency.pk,
                agency.name,
                "长期未更新栏目",
                f"共有 {len(long_unupdated)} 个栏目超过 {long_days} 天没有新内容"
                f"（{_names(long_unupdated)}），达到10个即单项否决。",
                everything,
            )


class UnnumberedDocuments:
    """行政规范性文件 and 规章 carry a 文号 (《党政机关公文处理工作条例》第九条: 发文字号)."""

    KINDS = (DocumentKind.NORMATIVE, DocumentKind.RULE)
    wants = Q(status=ItemStatus.PUBLISHED, document_kind__in=KINDS, document_number="")
    reads_texts = False

    def __init__(self, agencies: list[Agency]):
        self.by_pk = {a.pk: a for a in agencies}
        self.item_urls = item_urls()

    def see(self, item: LiveItem) -> Iterable[Finding]:
        if item.document_number or item.document_kind not in self.KINDS or not item.live:
            return ()
        return [
            Finding(
                "missing_document_number",
                item.agency_id,
                self.by_pk[item.agency_id].name,
                item.title,
                f"“{item.title}”是规章或行政规范性文件，但没有标注文号。",
                f"{self.item_urls}{item.pk}/",
            )
        ]

    def end(self) -> Iterable[Finding]:
        return ()


class EmptyStatutoryHeadings:
    """条例第二十条: the statutory headings of proactive disclosure with nothing under them."""

    wants = None  # no item one by one: the headings in use come grouped (end)
    reads_texts = False

    def __init__(self, agencies: list[Agency]):
        self.agencies = agencies

    def see(self, item: LiveItem) -> Iterable[Finding]:
        return ()

    def end(self) -> Iterator[Finding]:
        filled: dict[int, set[int]] = {a.pk: set() for a in self.agencies}
        for agency_id, heading in (
            Item.objects.live()
            .filter(agency__in=self.agencies)
            .annotate(heading=Coalesce("article20_item", "category__article20_item"))
            .filter(heading__isnull=False)
            .values_list("agency_id", "heading")
            .distinct()
        ):
            filled[agency_id].add(heading)
        new = reverse("office:item_new")
        for agency in self.agencies:
            have = filled[agency.pk]
            for number, heading in enumerate(ARTICLE_20, start=1):
                if number == 1 and not agency.may_make_rules:
                    continue  # 规章 only from rule-making governments; 规范性文件 may be absent too
                if number not in have:
                    yield Finding(
                        "empty_statutory_heading",
                        agency.pk,
                        agency.name,
                        f"第二十条第（{number}）项",
                        f"“{heading}”下暂无已公开的信息；如本机关确无此类信息，可在栏目中说明。",
                        f"{new}?agency={agency.pk}",
                    )


def completeness_rules(agencies: list[Agency], today: date) -> list[ItemRule]:
    return [UnnumberedDocuments(agencies), EmptyStatutoryHeadings(agencies)]


def completeness(agencies: list[Agency], today: date, calendar) -> Iterator[Finding]:
    return scan(agencies, today, completeness_rules(agencies, today))


def timeliness(agencies: list[Agency], today: date, calendar) -> Iterator[Finding]:
    by_pk = {a.pk: a for a in agencies}
    year_start = date(today.year, 1, 1)
    # Items published this year after their due date: 20 working days after they were formed
    # (第二十六条), or their 标准目录 matter's shorter limit (catalogue.models.publication_due).
    due_of = PublicationDues(calendar)
    fields = (
        "pk",
        "agency_id",
        "title",
        "formed_on",
        "published_on",
        *PublicationDues.LIMIT_FIELDS,
    )
    parts = []
    for region, group in by_region(agencies).items():
        # the late ones as recorded at publication where they were timed in this calendar
        # (catalogue/timing.py), else every one that could be late; migrated pages were
        # published on the old site, on dates not ours to time
        parts += maybe_late(
            Item.objects.published_in(today.year).filter(agency__in=[a.pk for a in group]),
            region=region,
            year=today.year,
            calendar=calendar,
            # 20 working days never span fewer than 20 calendar days: skip what is surely in
            # time, unless a matter's own limit may be shorter
            could_be_late=Q(matter__isnull=False)
            | Q(published_on__gt=F("formed_on") + timedelta(days=PROACTIVE_PUBLICATION.workdays)),
        )
    candidates = (
        parts[0]
        .values_list(*fields)
        .union(*(part.values_list(*fields) for part in parts[1:]), all=True)
        if parts
        else Item.objects.none().values_list(*fields)  # no agencies
    )
    urls = item_urls()
    for pk, agency_id, title, formed_on, published_on, kind, days in candidates.iterator():
        due = due_of(formed_on, kind, days)
        if published_on > due:
            late = calendar.between(due, published_on).days
            yield Finding(
                "late_publication",
                agency_id,
                by_pk[agency_id].name,
                title,
                f"应于 {chinese_date(due)} 前公开，{chinese_date(published_on)} 才公开，"
                f"逾期 {late} 个工作日。",
                f"{urls}{pk}/",
            )
    # Applications answered after their due date this year, or still open past it (第三十三条).
    overdue = Application.objects.filter(
        agency_id__in=by_pk, concluded_on__isnull=True, due_on__lt=today
    ).values_list("pk", "agency_id", "tracking_number", "due_on")
    # each row is a finding, kept anyway: read at once, not through a server-side cursor (two
    # more round trips for nothing saved)
    for pk, agency_id, number, due_on in overdue:
        days = calendar.between(due_on, today).days
        yield _late_reply(by_pk[agency_id], pk, number, due_on, None, days)
    # a reply given late keeps its lateness (条例第三十三条; recorded when it was given)
    late = Application.objects.filter(
        agency_id__in=by_pk, concluded_on__gte=year_start, late_workdays__gt=0
    ).values_list("pk", "agency_id", "tracking_number", "concluded_on", "late_workdays")
    for pk, agency_id, number, concluded_on, days in late:
        yield _late_reply(by_pk[agency_id], pk, number, None, concluded_on, days)
    # The annual report on last year, due 31 January / 31 March (条例第四十九条).
    year = today.year - 1
    published = dict(
        AnnualReport.objects.filter(
            agency_id__in=by_pk, year=year, status=ReportStatus.PUBLISHED
        ).values_list("agency_id", "published_on")
    )
    for agency in agencies:
        deadline = agency.report_deadline(year)
        on = published.get(agency.pk)
        if (on and on > deadline) or (on is None and today > deadline):
            detail = f"{year}年年度报告应于 {chinese_date(deadline)} 前公布，" + (
                f"{chinese_date(on)} 才公布。" if on else "至今未公布。"
            )
            yield Finding(
                "late_report",
                agency.pk,
                agency.name,
                f"{year}年年度报告",
                detail,
                reverse("office:reports") + f"?agency={agency.pk}",
            )


def _late_reply(agency, pk, number, due_on, concluded_on, days) -> Finding:
    if concluded_on:
        detail = f"{chinese_date(concluded_on)} 才答复，逾期 {days} 个工作日。"
    else:
        detail = f"答复期限 {chinese_date(due_on)}，至今未答复，逾期 {days} 个工作日。"
    return Finding(
        "late_reply",
        agency.pk,
        agency.name,
        f"申请 {number}",
        detail,
        reverse("office:application", args=[pk]),
    )


def extra_checks() -> Iterable:
    """The standard catalogue's and the policy documents' own checks. The self-check sits
    above both apps in DESIGN.md's layers, so it lists them here rather than have them
    register upward."""
    from gongkai.inspection.interaction_checks import late_messages
    from gongkai.inspection.policies_checks import missing_interpretations
    from gongkai.inspection.standards_checks import stale_matters

    return [stale_matters, missing_interpretations, late_messages]


def item_rules(agencies: list[Agency], today: date, external) -> list[ItemRule]:
    """The checks that look at items one by one, shown one read of them (live_items.scan)."""
    from gongkai.inspection.links import BrokenLinks
    from gongkai.inspection.standards_checks import NoticesPastTheirPeriod
    from gongkai.inspection.wording_check import SeriousWording

    return [
        *completeness_rules(agencies, today),
        SeriousWording(agencies),
        BrokenLinks(agencies, external),
        NoticesPastTheirPeriod(agencies, today),
    ]
