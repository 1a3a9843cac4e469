from django.db import models


class SiteIdentity(models.Model):
    """What the foot of every page must show (政府网站发展指引, 国办发〔2017〕47号): the platform's
    row has no agency; an agency's row overrides what it fills in for that agency's pages."""

    agency = models.OneToOneField(
        "core.Agency",
        verbose_name="机构",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="site_identity",
        help_text="留空表示整个平台的默认信息",
    )
    sponsor = models.CharField("主办单位", max_length=100, blank=True)
    operator = models.CharField("承办单位", max_length=100, blank=True)
    site_code = models.CharField("政府网站标识码", max_length=20, blank=True)
    icp_number = models.CharField("ICP备案编号", max_length=50, blank=True)
    police_record = models.CharField("公安机关备案号", max_length=50, blank=True)
    police_record_code = models.CharField(
        "公安机关备案编码",
        max_length=20,
        blank=True,
        help_text="全国互联网安全管理服务平台的备案编码（数字）",
    )
    party_mark_url = models.URLField(
        "党政机关网站标识链接", blank=True, help_text="获授予标识的，填写标识的核验链接"
    )
    phone = models.CharField("联系电话", max_length=50, blank=True)
    email = models.EmailField("电子邮箱", blank=True)

    class Meta:
        verbose_name = "网站标识信息"
        verbose_name_plural = "网站标识信息"
        constraints = [
            models.UniqueConstraint(
                fields=["agency"],
                condition=models.Q(agency__isnull=True),
                name="site_identity_one_platform_row",
            )
        ]

    def __str__(self) -> str:
        return str(self.agency or "平台")


FIELDS = (
    "sponsor",
    "operator",
    "site_code",
    "icp_number",
    "police_record",
    "police_record_code",
    "party_mark_url",
    "phone",
    "email",
)


def _merged_rows(agency_pk: int | None) -> dict[str, str]:
    rows = {
        row.agency_id: row
        for row in SiteIdentity.objects.filter(
            models.Q(agency=None) | models.Q(agency_id=agency_pk)
        )
    }
    merged = {field: "" for field in FIELDS}
    for key in (None, agency_pk):
        row = rows.get(key)
        if row is None:
            continue
        for field in FIELDS:
            value = getattr(row, field)
            if value:
                merged[field] = value
    return merged


def identity_for(agency, *, kept: bool = False) -> dict[str, str]:
    """The platform's row overlaid with the agency's; 主办 and contacts fall back to the
    agency's own name and office (条例第十二条: the guide's contacts). `kept`: the footer's
    read, from this process's copy (identity_cache.py)."""
    agency_pk = getattr(agency, "pk", None)
    if kept:
        from gongkai.inspection.identity_cache import identity_rows

        merged = identity_rows(agency_pk, _merged_rows)
    else:
        merged = _merged_rows(agency_pk)
    if agency is not None:
        merged["sponsor"] = merged["sponsor"] or agency.name
        merged["phone"] = merged["phone"] or agency.office_phone
        merged["email"] = merged["email"] or agency.office_email
    merged["fax"] = agency.office_fax if agency is not None else ""
    return merged


class TextScan(models.Model):
    """What the self-check found in one item's text — its wrong wording and its links — for the
    text whose digest (catalogue Item.text_digest, kept by the database) it names, by the
    wording rules and the document date it names (inspection/text_scans.py). A text is
    scanned once, not on every visit of a self-check page: a county site of 72,000 documents
    read every text on each visit (issue 27)."""

    item = models.OneToOneField(
        "catalogue.Item",
        verbose_name="政府信息",
        primary_key=True,
        on_delete=models.CASCADE,
        related_name="text_scan",
    )
    digest = models.CharField("所查文本的校验值", max_length=32)
    rules = models.CharField("所用表述规则的校验值", max_length=32)
    dated = models.DateField("所按的文件日期", null=True)
    # JSON text, empty when the text has neither wrong wording nor links (most texts): a
    # JSONField would decode every row of a county's read through a converter
    found = models.TextField("发现的表述问题和链接", blank=True, default="")

    class Meta:
        verbose_name = "正文检查结果"
        verbose_name_plural = "正文检查结果"

    def __str__(self) -> str:
        return f"政府信息 {self.item_id} 的正文检查结果"
