"""The 年度报表's steps: started for a site and year, the staff cells and the sign-off filled
(each change audited, cell by cell), published by someone who filled none of them (issue 24's
four eyes), with every cell filled — the 报送系统 takes no empty cell — and signed by the
单位负责人、审核人、填报人, and the cells frozen as published."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils import timezone

from gongkai.core import four_eyes
from gongkai.core.audit import audit
from gongkai.core.dates import chinese_date
from gongkai.core.forms import strip_control
from gongkai.core.models import Agency, User
from gongkai.core.roles import STAFF
from gongkai.core.transitions import TransitionError, require_role
from gongkai.sitereport.compute import compute, missing
from gongkai.sitereport.format import (
    BY_KEY,
    CHOICES,
    DATE,
    DECIMAL,
    FOOTER,
    JOIN,
    NO,
    NUMBER,
    TEXT,
    YES,
    YES_NO,
)
from gongkai.sitereport.models import ReportedSite, ReportStatus, SiteReport
from gongkai.statute.personal_data import DataKind, scan

NO_SITE = "{name}的网页在上级机关的网站上，不单独编制政府网站工作年度报表"
FILLED_BY_PUBLISHER = "年度报表须由填报人以外的人员发布：您填报过本报表的数据"
FOOTER_KEYS = frozenset(f.key for f in FOOTER)
# the table is public: its 联系电话 is the office's fixed line, never a person's mobile
# (个人信息保护法; the form asks for the 单位's telephone)
MOBILE_REFUSED = (
    "“联系电话”请填写单位办公室的固定电话（如 0571-12345678），不要填写个人手机号码："
    "年度报表在网站上公开"
)
PERSONAL_REFUSED = "“{label}”不能含有{kind}：年度报表在网站上公开"
PHONE_DIGITS = 7  # the shortest local fixed line (a county's seven-digit number)
DATE_FORMS = (
    re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})"),
    re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})日"),
)


def start_report(site: Agency, year: int, *, by: User, today: date) -> SiteReport:
    """The report on `year` for the site; last year's 网站名称 and 首页网址 carried over."""
    from gongkai.core.steps import check

    require_role(by, site, STAFF)
    check(ReportedSite(site), "start", user=by, today=today)  # steps.py: a site of its own
    if year >= today.year:
        raise TransitionError(f"{year}年尚未结束，不能编制该年度的年度报表")
    with transaction.atomic():
        report, created = SiteReport.objects.get_or_create(
            agency=site, year=year, defaults={"created_by": by}
        )
        if created:
            before = SiteReport.objects.filter(agency=site, year__lt=year).order_by("-year").first()
            if before is not None:
                report.staff_values = {
                    k: before.staff_values[k]
                    for k in ("site_name", "home_url")
                    if before.staff_values.get(k)
                }
                report.save(update_fields=["staff_values"])
            audit(by, "site_report.started", obj=report, agency=site, year=year)
    return report


def clean_value(key: str, raw) -> object:
    """A staff cell's value as its kind wants it, or a refusal naming the cell."""
    f = BY_KEY[key]
    if f.kind == CHOICES:
        return _ticked(f, raw)
    text = strip_control(str(raw if raw is not None else "")).strip()
    if text == "":
        return None
    if f.kind == NUMBER:
        if not text.isdigit():
            raise TransitionError(f"“{f.label}”应填写不小于0的整数")
        return int(text)
    if f.kind == DECIMAL:
        try:
            number = Decimal(text)
        except InvalidOperation:
            raise TransitionError(f"“{f.label}”应填写数字，如 3.5") from None
        if number < 0 or number != number.quantize(Decimal("0.1")):
            raise TransitionError(f"“{f.label}”应填写不小于0、最多一位小数的数字")
        return str(number)
    if f.kind == YES_NO:
        if text not in (YES, NO):
            raise TransitionError(f"“{f.label}”应填写“是”或“否”")
        return text
    if f.kind == DATE:
        return _date(f, text)
    assert f.kind == TEXT
    if f.key in FOOTER_KEYS:
        return _sign_off_text(f, text)
    return text[:300]


def _date(f, text: str) -> date:
    for form in DATE_FORMS:
        found = form.fullmatch(text)
        if found:
            try:
                return date(*(int(x) for x in found.groups()))
            except ValueError:
                break
    raise TransitionError(f"“{f.label}”应填写日期，如 2027-01-20")


def _sign_off_text(f, text: str) -> str:
    """A name or the office's telephone, printed under the public table: the personal-data
    scan (statute/personal_data.py) refuses a mobile number, an ID or a card number in it."""
    for hit in scan(text):
        if hit.kind == DataKind.MOBILE and f.key == "phone":
            raise TransitionError(MOBILE_REFUSED)
        raise TransitionError(PERSONAL_REFUSED.format(label=f.label, kind=hit.kind.value))
    if len(text) > 50:
        raise TransitionError(f"“{f.label}”最多填写50字")
    if f.key == "phone" and sum(c.isdigit() for c in text) < PHONE_DIGITS:
        raise TransitionError("“联系电话”应填写单位办公室的固定电话，如 0571-12345678")
    return text


def _ticked(f, raw) -> str | None:
    """The boxes ticked in a CHOICES row, written in the form's order (a list from a form,
    or the cell as stored: joined by JOIN)."""
    if raw is None or raw == "":
        return None
    given = raw.split(JOIN) if isinstance(raw, str) else list(raw)
    ticked = {strip_control(str(x)).strip() for x in given} - {""}
    unknown = ticked - set(f.options)
    if unknown:
        raise TransitionError(f"“{f.label}”只能勾选：" + JOIN.join(f.options))
    return JOIN.join(o for o in f.options if o in ticked) or None


def fill_cells(report: SiteReport, *, by: User, values: dict) -> SiteReport:
    """Save what staff entered for the cells no record holds; a computed cell is refused
    (it is counted from the records, never typed). The declared step 保存 (steps.py) is
    checked under the row lock: a published report is frozen."""
    from gongkai.core.steps import check

    require_role(by, report.agency, STAFF)
    cells = compute(report.agency, report.year, report.staff_values)
    cleaned = {}
    for key, raw in values.items():
        if key not in BY_KEY:
            raise TransitionError(f"年度报表没有“{key}”这一项")
        if key in cells and not cells[key].staff:
            raise TransitionError(f"“{BY_KEY[key].label}”由系统根据记录统计，不能人工填报")
        cleaned[key] = clean_value(key, raw)
    filled_on = cleaned.get("filled_on")
    if filled_on is not None and filled_on.year <= report.year:
        raise TransitionError(f"“填报日期”应在{report.year}年结束之后")
    with transaction.atomic():
        report = SiteReport.objects.select_for_update().get(pk=report.pk)
        check(report, "fill", user=by, today=timezone.localdate())
        changed = {k: v for k, v in cleaned.items() if _current(report, k) != v}
        if not changed:
            return report
        for key, value in changed.items():
            if key in FOOTER_KEYS:
                setattr(report, key, value if value is not None or key == "filled_on" else "")
            elif value is None:
                report.staff_values.pop(key, None)
            else:
                report.staff_values[key] = value
        footer = [k for k in changed if k in FOOTER_KEYS]
        report.save(update_fields=["staff_values", *footer, "updated_at"])
        four_eyes.changed(report, by=by)
        audited = {k: v.isoformat() if isinstance(v, date) else v for k, v in changed.items()}
        audit(by, "site_report.cells.filled", obj=report, agency=report.agency, cells=audited)
    return report


def _current(report: SiteReport, key: str):
    """What the report holds for a cell or a sign-off field, as clean_value returns it."""
    if key in FOOTER_KEYS:
        return getattr(report, key) or None
    return report.staff_values.get(key)


def publish(report: SiteReport, *, by: User, on: date) -> SiteReport:
    from gongkai.core.steps import check

    with transaction.atomic():
        report = SiteReport.objects.select_for_update().get(pk=report.pk)
        check(report, "publish", user=by, today=on)
        four_eyes.require_other_approver(report, by=by, refusal=FILLED_BY_PUBLISHER)
        cells = compute(report.agency, report.year, report.staff_values)
        empty = missing(cells)
        if empty:
            raise TransitionError("以下数据尚未填写：" + "、".join(empty))
        if report.filled_on is not None and report.filled_on > on:
            raise TransitionError(
                f"填报日期{chinese_date(report.filled_on)}晚于发布日期{chinese_date(on)}，请更正"
            )
        report.published_cells = {k: {"value": c.value, "staff": c.staff} for k, c in cells.items()}
        report.status, report.published_on, report.published_by = ReportStatus.PUBLISHED, on, by
        # 填报日期 left empty: the day the table is published (the statutory date)
        report.filled_on = report.filled_on or on
        report.save(
            update_fields=[
                "published_cells",
                "status",
                "published_on",
                "published_by",
                "filled_on",
                "updated_at",
            ]
        )
        four_eyes.approved(report, by=by)
        late = on > report.due_on
        audit(by, "site_report.published", obj=report, agency=report.agency, late=late)
    return report
