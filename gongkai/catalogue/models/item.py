from __future__ import annotations

from datetime import date, timedelta
from typing import NamedTuple

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models.functions import MD5, Concat

from gongkai.core.models import SerialCounter
from gongkai.core.steps import HasSteps
from gongkai.statute.disclosure_limits import PublicationLimit
from gongkai.statute.periods import PROACTIVE_PUBLICATION
from gongkai.statute.workdays import WorkdayCalendar, WorkdayDate


class CategorySource(models.TextChoices):
    ARTICLE_20 = "article20", "条例第二十条"
    ARTICLE_21 = "article21", "条例第二十一条（乡镇）"
    STANDARD = "standard", "基层政务公开标准目录"
    COLUMN = "column", "政府信息公开专栏"
    AGENCY = "agency", "本机关自定"


class Category(models.Model):
    """A subject (主题分类). Shared ones (agency empty) come from the statute and the standard
    catalogue; agencies may add their own."""

    agency = models.ForeignKey(
        "core.Agency", null=True, blank=True, on_delete=models.CASCADE, related_name="categories"
    )
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    name = models.CharField("名称", max_length=100)
    source = models.CharField("来源", max_length=10, choices=CategorySource.choices)
    article20_item = models.PositiveSmallIntegerField("对应第二十条第几项", null=True, blank=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = "分类"
        verbose_name_plural = "分类"
        ordering = ["source", "order", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "parent", "name"], name="category_name_once_per_parent"
            )
        ]

    def __str__(self) -> str:
        return self.name


class DocumentKind(models.TextChoices):
    RULE = "rule", "规章"
    NORMATIVE = "normative", "行政规范性文件"
    OTHER = "other", "其他"


class Validity(models.TextChoices):
    VALID = "valid", "有效"
    EXPIRED = "expired", "失效"
    REPEALED = "repealed", "废止"


class ItemStatus(models.TextChoices):
    DRAFT = "draft", "草稿"
    SUBMITTED = "submitted", "待保密审查"
    RETURNED = "returned", "已退回"
    PUBLISHED = "published", "已公开"
    WITHDRAWN = "withdrawn", "已撤回"


# Published at some time: the portal lists these and keeps their page (a withdrawn item's page
# says when it was withdrawn), and table 二, the statistics and the timeliness checks count
# them. Only PUBLISHED alone is live (searched, in the feeds, in force).
LISTED = (ItemStatus.PUBLISHED, ItemStatus.WITHDRAWN)
UNPUBLISHED = (ItemStatus.DRAFT, ItemStatus.SUBMITTED, ItemStatus.RETURNED)


class ItemQuerySet(models.QuerySet):
    """The catalogue's statuses by what they mean to a reader."""

    def live(self):
        """Published and not withdrawn: searched, in the feeds and the columns' latest."""
        return self.filter(status=ItemStatus.PUBLISHED)

    def listed(self):
        """Published at some time (live or withdrawn): on the portal's lists, counted."""
        return self.filter(status__in=LISTED)

    def published_in(self, year: int):
        """Listed items published in `year` (withdrawn ones included, as table 二 counts)."""
        return self.listed().filter(published_on__year=year)

    def unpublished(self):
        """Drafts, items returned by the reviewer and items awaiting review — information
        not yet public. A correction draft (更正稿) is not one: its information is public
        under its 索引号 and was timed when first published (条例第二十六条), so nothing that
        counts unpublished or late information sees it."""
        return self.filter(status__in=UNPUBLISHED, corrects__isnull=True)

    def corrections(self):
        """Open correction drafts (更正稿) of published items, at any stage before their
        publication replaces the public text."""
        return self.filter(status__in=UNPUBLISHED, corrects__isnull=False)

    def awaiting_review(self):
        """Submitted for the confidentiality review (保密审查)."""
        return self.filter(status=ItemStatus.SUBMITTED)

    def withdrawn(self):
        return self.filter(status=ItemStatus.WITHDRAWN)


class InfoType(models.TextChoices):
    """Townships publish 党务 and 村务 items on the same portal; only 政府信息 is counted in
    the annual report's figures (issue 17)."""

    GOVERNMENT = "government", "政府信息"
    PARTY = "party", "党务公开"
    VILLAGE = "village", "村务（居务）公开"


class DisclosureAttribute(models.TextChoices):
    """公开属性, decided when the document is drafted (源头认定)."""

    PROACTIVE = "proactive", "主动公开"
    ON_APPLICATION = "application", "依申请公开"
    WITHHELD = "withheld", "不予公开"


def notice_last_day(notice_from: date | None, notice_days: int | None) -> date | None:
    """The last day of a 公示期 (calendar days, the start day being the first)."""
    if notice_from is None or not notice_days:
        return None
    return notice_from + timedelta(days=notice_days - 1)


def publication_due(
    formed_on: date, limit: PublicationLimit | None, calendar: WorkdayCalendar
) -> WorkdayDate:
    """The one timeliness rule of proactive disclosure: 条例第二十六条's 20 working days, or
    the 标准目录 matter's own 公开时限 where it is shorter (a 公示 within 7 working days,
    实时): the stricter binds. A periodic matter's items are due by their period, which the
    standard catalogue tracks, so only the 20 working days apply to them item by item."""
    due = calendar.add(formed_on, PROACTIVE_PUBLICATION.workdays)
    if limit is not None and not limit.kind.periodic:
        own = limit.due_after_forming(formed_on, calendar)
        if own.date < due.date:
            due = own
    return due


class PublicationDues:
    """publication_due() for many rows read as plain values (the self-check, the county
    overview): each distinct (formed_on, matter limit) is summed once."""

    def __init__(self, calendar: WorkdayCalendar):
        self.calendar = calendar
        self._found: dict[tuple, date] = {}

    def __call__(self, formed_on: date, limit_kind: str | None, limit_days: int | None) -> date:
        key = (formed_on, limit_kind, limit_days)
        if key not in self._found:
            limit = None if limit_kind is None else PublicationLimit.of(limit_kind, limit_days)
            self._found[key] = publication_due(formed_on, limit, self.calendar).date
        return self._found[key]

    # the values a query adds to its rows for __call__: the item's matter's limit, if any
    LIMIT_FIELDS = ("matter__limit_kind", "matter__limit_days")


class Timeliness(NamedTuple):
    """条例第二十六条: published within 20 working days of being formed or changed."""

    due: date
    provisional: bool
    late_by: int  # working days past the due date (0 when in time)
    published: bool

    @property
    def late(self) -> bool:
        return self.late_by > 0


def timeliness(
    formed_on: date,
    published_on: date | None,
    limit: PublicationLimit | None,
    calendar: WorkdayCalendar,
    *,
    today: date,
) -> Timeliness:
    """条例第二十六条 for an item's dates: due by publication_due(), late by the working days
    after it up to its publication (or today, while unpublished). Item.timeliness() and the
    pages that read plain values (catalogue/timing.py, the 工作台) time by this one rule."""
    due = publication_due(formed_on, limit, calendar)
    reference = published_on or today
    late = max(0, calendar.between(due.date, reference).days) if reference > due.date else 0
    return Timeliness(due.date, due.provisional, late, published_on is not None)


class Item(HasSteps, models.Model):
    agency = models.ForeignKey(
        "core.Agency", verbose_name="发布机构", on_delete=models.PROTECT, related_name="items"
    )
    category = models.ForeignKey(
        Category, verbose_name="分类", on_delete=models.PROTECT, related_name="items"
    )
    title = models.CharField("名称", max_length=300)
    document_number = models.CharField("文号", max_length=100, blank=True)
    keywords = models.CharField("主题词", max_length=200, blank=True)
    summary = models.CharField("内容概述", max_length=500, blank=True)
    body = models.TextField("正文", max_length=200_000, blank=True)
    written_on = models.DateField("成文日期", null=True, blank=True)
    formed_on = models.DateField("形成或者变更日期", help_text="条例第二十六条的起算日")
    article20_item = models.PositiveSmallIntegerField(
        "对应条例第二十条第几项",
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(15)],
        help_text="留空时按分类确定",
    )
    document_kind = models.CharField(
        "文件类型", max_length=10, choices=DocumentKind.choices, default=DocumentKind.OTHER
    )
    validity = models.CharField(
        "时效性", max_length=10, choices=Validity.choices, default=Validity.VALID
    )
    validity_changed_on = models.DateField("失效或废止日期", null=True, blank=True)
    status = models.CharField(
        "状态", max_length=10, choices=ItemStatus.choices, default=ItemStatus.DRAFT
    )
    index_number = models.CharField("索引号", max_length=40, unique=True, null=True, blank=True)
    published_on = models.DateField("发布日期", null=True, blank=True)
    withdrawn_on = models.DateField("撤回日期", null=True, blank=True)
    review_note = models.TextField("审查意见", max_length=2000, blank=True)
    personal_data = models.JSONField("个人信息扫描结果", default=list, blank=True)
    # the standard catalogue (issue 17): the matter, 公开属性, information type, 公示期
    matter = models.ForeignKey(
        "standards.Matter",
        verbose_name="公开事项",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="items",
    )
    # db_default: rows written in bulk without these columns (gongkai generate) get them too
    info_type = models.CharField(
        "信息类型",
        max_length=10,
        choices=InfoType.choices,
        default=InfoType.GOVERNMENT,
        db_default=InfoType.GOVERNMENT.value,
    )
    disclosure_attribute = models.CharField(
        "公开属性",
        max_length=12,
        choices=DisclosureAttribute.choices,
        default=DisclosureAttribute.PROACTIVE,
        db_default=DisclosureAttribute.PROACTIVE.value,
    )
    attribute_reason = models.CharField("不公开理由", max_length=500, blank=True, db_default="")
    attribute_basis = models.CharField("不公开依据条款", max_length=200, blank=True, db_default="")
    notice_from = models.DateField("公示开始日期", null=True, blank=True)
    notice_days = models.PositiveSmallIntegerField(
        "公示期（天）", null=True, blank=True, validators=[MinValueValidator(1)]
    )
    notice_ended_on = models.DateField("公示结束日期", null=True, blank=True)
    notice_body_hidden = models.BooleanField("公示期满已撤下正文", default=False, db_default=False)
    search_terms = models.TextField(blank=True, editable=False)  # jieba-segmented, see search.py
    # brought in from the agency's old site (`gongkai migrate-site`): its address there is the
    # key a second run updates by; the 索引号 the old site gave is kept in index_number as it
    # was, never reissued; its dates are the old site's, so the 20 working days of 第二十六条
    # are not measured against them (the old publication was not ours to time)
    source_url = models.CharField("原网址", max_length=500, blank=True, db_default="")
    source_column = models.CharField("原栏目", max_length=200, blank=True, db_default="")
    # what the old site printed and this catalogue has no field for: kept as printed
    source_subject = models.CharField("原主题分类", max_length=200, blank=True, db_default="")
    source_publisher = models.CharField("原发布机构", max_length=200, blank=True, db_default="")
    migrated_at = models.DateTimeField("迁移时间", null=True, blank=True)
    # how many working days after its due date the item was published (条例第二十六条, or
    # its matter's shorter limit; 0: in time), timed when it is published and again by
    # `gongkai time-publications`; NULL: not timed. The database sets it back to NULL when
    # the dates, the matter or the agency change (or the matter's limit, or the agency's
    # holiday region: catalogue.0024's triggers); a changed calendar is caught by
    # TimingBasis. So the 工作台 reads this year's late items from a small index instead of
    # timing every item published this year (catalogue/timing.py)
    late_workdays = models.PositiveIntegerField(
        "逾期公开的工作日数", null=True, blank=True, editable=False
    )
    # a correction draft (更正稿, issue 25): a draft pre-filled from the published item it
    # corrects, reviewed like any draft; its publication replaces that item's public text
    # under the same 索引号 and the draft row goes (the history keeps it, ItemCorrection)
    corrects = models.ForeignKey(
        "self",
        verbose_name="更正的信息",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="correction_drafts",
    )
    correction_note = models.TextField(
        "更正说明", max_length=2000, blank=True, db_default="", help_text="哪里有误，改了什么"
    )
    withhold_earlier = models.BooleanField(
        "更正记录不显示原文",
        default=False,
        db_default=False,
        help_text="原文含不宜公开的内容（如个人信息、他人姓名）时勾选：门户只显示更正了哪些项目",
    )
    created_by = models.ForeignKey("core.User", on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # What the self-check's text scans are keyed by (inspection.text_scans): kept by the
    # database itself on every write, whatever wrote it (a form, an import, a migrated
    # site's raw UPDATE), so a scan stored for one text is never taken for another
    text_digest = models.GeneratedField(
        verbose_name="标题和正文的校验值",
        expression=MD5(
            Concat("title", models.Value("\n"), "body", output_field=models.TextField())
        ),
        output_field=models.CharField(max_length=32),
        db_persist=True,
    )

    objects = ItemQuerySet.as_manager()

    class Meta:
        verbose_name = "政府信息"
        verbose_name_plural = "政府信息"
        indexes = [
            # the public listing walks one agency's items newest first by keyset; the index
            # gives that order directly (a status column in front would force a sort)
            # and holds each item's dates, status and matter: the 工作台 picks the items that
            # could have been published late from the index alone (office/overview.py
            # item_dates), not from a heap page per item published this year
            models.Index(
                fields=["agency", "published_on", "id"],
                include=["formed_on", "matter", "status", "migrated_at"],
                name="item_agency_newest",
            ),
            # the 标准目录 page (portal/standards.py) reads all of one agency's published
            # items; with the columns it shows included, PostgreSQL answers from the index
            # alone instead of ~3,000 heap pages (14 ms → 1 ms at province scale)
            models.Index(
                fields=["agency", "status", "-published_on", "-id"],
                include=["title", "matter"],
                name="item_agency_published_rows",
            ),
            # the public listing's count of an agency's listed items (下一页 pages, and
            # past the end): with the columns it filters on included it is read from the
            # index alone — 8,700 heap pages (58 ms) → 2 ms for the largest agency at
            # 500,000 items of real text, where each row is a page of its own (issue 27)
            models.Index(
                fields=["agency", "-published_on", "-id"],
                include=["status", "category"],
                name="item_agency_listing_counted",
            ),
            # what is due in the 标准目录 (standards/due.py): the newest listed item of one
            # agency's matter is one probe here per row of its 目录, whatever the agency's
            # size — grouping all its items read a page per item (issue 27). Items with a
            # publication date (the listed ones, drafts have none): SQLite matches this
            # condition in the query, not a status IN list whose values are parameters
            models.Index(
                fields=["agency", "matter", "-published_on"],
                include=["status"],
                condition=models.Q(published_on__isnull=False),
                name="item_agency_matter_newest",
            ),
            # the items of a year published late, and those not timed yet (catalogue/
            # timing.py): a county of a 4,000,000-item province published 40,316 items this
            # year, 1,128 of them late; the 工作台 reads these from here alone
            models.Index(
                fields=["agency", "published_on", "id"],
                include=["formed_on", "matter", "status", "late_workdays"],
                condition=models.Q(migrated_at__isnull=True, published_on__isnull=False)
                & (models.Q(late_workdays__isnull=True) | models.Q(late_workdays__gt=0)),
                name="item_agency_maybe_late",
            ),
            # search puts the item whose 文号 is the whole query first (catalogue/search.py)
            models.Index(
                fields=["document_number"],
                condition=~models.Q(document_number=""),
                name="item_by_document_number",
            ),
            # an agency's 规范性文件 (4% of its items): the 解读 choices on every item page and
            # the roll-up's table 一 read them alone, not all of the agency's items (issue 25)
            models.Index(
                fields=["agency", "status"],
                condition=models.Q(document_kind="normative"),
                name="item_normative_by_agency",
            ),
        ]
        constraints = [
            # one item per page of the old site: a second migration run updates it
            models.UniqueConstraint(
                fields=["agency", "source_url"],
                condition=~models.Q(source_url=""),
                name="item_once_per_source_url",
            ),
            # one open correction per published item (issue 25): two drafts would each
            # replace the other's text
            models.UniqueConstraint(
                fields=["corrects"],
                condition=models.Q(corrects__isnull=False),
                name="item_one_open_correction",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def unscanned_attachments(self) -> list:
        """Attachments the personal-data scan could not read in full (issue 24): the
        reviewer is not told "未发现" about them."""
        return [a for a in self.attachments.all() if not a.fully_scanned]

    @property
    def is_correction(self) -> bool:
        return self.corrects_id is not None

    def open_correction(self) -> Item | None:
        """The correction draft under way for this published item, if any."""
        return self.correction_drafts.first()

    @property
    def is_listed(self) -> bool:
        return self.status in LISTED

    @property
    def rendered_body(self):
        """The body for a page: paragraphs and line breaks kept (catalogue/body.py)."""
        from gongkai.catalogue.body import rendered

        return rendered(self.body)

    def publication_due(self, calendar: WorkdayCalendar) -> WorkdayDate:
        """When this item must be published: publication_due() above."""
        limit = self.matter.limit if self.matter_id is not None else None
        return publication_due(self.formed_on, limit, calendar)

    def timeliness(self, *, calendar: WorkdayCalendar, today: date) -> Timeliness:
        if self.corrects_id is not None:
            # a correction draft is timed as the item it corrects was, at its first
            # publication (条例第二十六条): the correction is not a new publication
            return self.corrects.timeliness(calendar=calendar, today=today)
        if self.migrated_at is not None:  # published on the old site: neither late nor early
            on = self.published_on or self.formed_on
            return Timeliness(on, False, 0, self.published_on is not None)
        limit = self.matter.limit if self.matter_id is not None else None
        return timeliness(self.formed_on, self.published_on, limit, calendar, today=today)

    @property
    def notice_last_day(self) -> date | None:
        return notice_last_day(self.notice_from, self.notice_days)


class TimingBasis(models.Model):
    """The calendar the stored late_workdays of a year's publications were timed in, per
    holiday region ("" national): a digest of the working days of that year and the one
    before (catalogue/timing.py). While the calendar in force gives another digest — a
    holiday notice imported, a release's built-in arrangements — the stored figures of that
    region and year are not read, and `gongkai time-publications` times them again."""

    region = models.CharField("节假日地区", max_length=50, blank=True)
    year = models.PositiveSmallIntegerField("发布年度")
    digest = models.CharField("日历校验值", max_length=64)
    timed_at = models.DateTimeField("计时时间")

    class Meta:
        verbose_name = "逾期计时依据"
        verbose_name_plural = "逾期计时依据"
        constraints = [models.UniqueConstraint(fields=["region", "year"], name="timing_basis_once")]

    def __str__(self) -> str:
        return f"{self.region or '全国'} {self.year}年"


class ItemCorrection(models.Model):
    """A published correction (更正) of an item: when, why (更正说明), and the fields it
    changed with their earlier and corrected values, so the portal can show the history and
    staff can read the earlier version. The 索引号 and the first 发布日期 never change."""

    item = models.ForeignKey(
        Item, verbose_name="政府信息", on_delete=models.CASCADE, related_name="corrections"
    )
    number = models.PositiveSmallIntegerField("第几次更正")
    corrected_on = models.DateField("更正日期")
    note = models.TextField("更正说明", max_length=2000)
    # field name -> value, for the fields changed (dates as ISO text, 分类 by name);
    # "attachments" -> the file names before and after
    earlier = models.JSONField("更正前", default=dict)
    later = models.JSONField("更正后", default=dict)
    withhold_earlier = models.BooleanField("门户不显示原文", default=False)
    draft_id = models.PositiveIntegerField("更正稿编号")  # its audit entries stay readable
    drafted_by = models.ForeignKey(
        "core.User", verbose_name="起草人", on_delete=models.PROTECT, related_name="+"
    )
    approved_by = models.ForeignKey(
        "core.User", verbose_name="审核人", on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "更正记录"
        verbose_name_plural = "更正记录"
        ordering = ["item", "number"]
        constraints = [
            models.UniqueConstraint(fields=["item", "number"], name="item_correction_numbered")
        ]

    def __str__(self) -> str:
        return f"{self.item} 第{self.number}次更正"


class IndexCounter(SerialCounter):
    """The last index-number serial an agency used in a publication year."""
