"""Where an item went besides the portal, what media took it up, and the files it carries.

The portal (门户网站) needs no log: an item's publication date is its portal publication.
Posts on the other channels may carry a catalogue item or stand alone (most 微博 posts do);
the annual report's section 一 and the monthly statistics count them from here."""

from __future__ import annotations

from django.db import models


class Channel(models.TextChoices):
    NOTICE_BOARD = "board", "政务公开栏（三务公开栏）"
    SUPERVISION = "supervision", "民生监督平台"
    WECHAT = "wechat", "微信公众号"
    WEIBO = "weibo", "微博"
    OTHER = "other", "其他渠道"


class MediaLevel(models.TextChoices):
    """Neutral words; an agency's own (旗县级, 自治区级) come from media_level_label()."""

    COUNTY = "county", "县级"
    CITY = "city", "市级"
    PROVINCE = "province", "省级"
    CENTRAL = "central", "中央级"


def media_level_label(agency, level: str) -> str:
    """The level as the agency's province says it (Agency.county_level_word, …)."""
    if level == MediaLevel.COUNTY and agency.county_level_word:
        return agency.county_level_word
    if level == MediaLevel.PROVINCE and agency.province_level_word:
        return agency.province_level_word
    return MediaLevel(level).label


class ChannelPost(models.Model):
    agency = models.ForeignKey("core.Agency", on_delete=models.PROTECT, related_name="+")
    item = models.ForeignKey(
        "catalogue.Item",
        verbose_name="对应政府信息",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="channel_posts",
    )
    channel = models.CharField("渠道", max_length=12, choices=Channel.choices)
    posted_on = models.DateField("发布日期")
    title = models.CharField("标题", max_length=300)
    url = models.URLField("链接", max_length=500, blank=True)
    recorded_by = models.ForeignKey("core.User", on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "渠道发布记录"
        verbose_name_plural = "渠道发布记录"
        indexes = [models.Index(fields=["agency", "posted_on"], name="channel_post_by_day")]
        constraints = [
            # the same item counted twice on one channel would inflate section 一
            models.UniqueConstraint(
                fields=["item", "channel"],
                condition=models.Q(item__isnull=False),
                name="channel_post_once_per_item",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_channel_display()}：{self.title}"


class MediaAdoption(models.Model):
    agency = models.ForeignKey("core.Agency", on_delete=models.PROTECT, related_name="+")
    item = models.ForeignKey(
        "catalogue.Item",
        verbose_name="对应政府信息",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="media_adoptions",
    )
    level = models.CharField("媒体层级", max_length=10, choices=MediaLevel.choices)
    outlet = models.CharField("采用媒体", max_length=100)
    title = models.CharField("稿件标题", max_length=300)
    adopted_on = models.DateField("采用日期")
    recorded_by = models.ForeignKey("core.User", on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "媒体采用记录"
        verbose_name_plural = "媒体采用记录"
        indexes = [models.Index(fields=["agency", "adopted_on"], name="media_adoption_by_day")]

    def __str__(self) -> str:
        return f"{self.outlet}：{self.title}"


class ScanCoverage(models.TextChoices):
    SCANNED = "scanned", "已扫描"
    OCR = "ocr", "已通过文字识别（OCR）扫描"
    PARTIAL = "partial", "部分无法自动扫描"
    UNSCANNED = "unscanned", "无法自动扫描"


class ItemAttachment(models.Model):
    """A file published with an item. Its text is kept for the personal-data scan."""

    item = models.ForeignKey("catalogue.Item", on_delete=models.PROTECT, related_name="attachments")
    original_name = models.CharField("文件名", max_length=200)
    storage_name = models.CharField(max_length=60, unique=True, editable=False)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    text = models.TextField(blank=True, editable=False)
    # what the personal-data scan could read of it (issue 24): the reviewer is told exactly
    # what was and was not scanned; "" for files uploaded before the scan said so
    scan_coverage = models.CharField(
        "扫描情况", max_length=10, choices=ScanCoverage.choices, blank=True, editable=False
    )
    scan_note = models.CharField("未能扫描的部分", max_length=1000, blank=True, editable=False)
    uploaded_by = models.ForeignKey("core.User", on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)
    # in a correction draft (issue 25): the published file this one is a copy of; when the
    # correction is published and the copy is unchanged, the published file stays where it
    # is, so its address (linked from elsewhere) keeps working
    copied_from = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = "附件"
        verbose_name_plural = "附件"
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.original_name

    @property
    def fully_scanned(self) -> bool:
        """Every part of the file was read by the personal-data scan (OCR included)."""
        return self.scan_coverage in (ScanCoverage.SCANNED, ScanCoverage.OCR)

    @property
    def scan_summary(self) -> str:
        """What the scan read of this file, for the reviewer (issue 24)."""
        if self.scan_coverage == ScanCoverage.SCANNED:
            return "已扫描全部内容"
        if self.scan_coverage == ScanCoverage.OCR:
            return "已扫描全部内容，其中图片部分通过文字识别（OCR）扫描，识别可能有误，请人工核对"
        if self.scan_coverage == ScanCoverage.PARTIAL:
            return f"部分已扫描；无法自动扫描：{self.scan_note}，请人工查看"
        if self.scan_coverage == ScanCoverage.UNSCANNED:
            return f"无法自动扫描（{self.scan_note}），请人工查看"
        return "在扫描范围扩大之前上传，页眉页脚、批注、图片等可能未扫描，请人工查看或重新上传"
