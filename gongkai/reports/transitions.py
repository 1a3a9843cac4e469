"""The annual report's steps: start a draft (pre-filled from the records), enter table 二's
figures, save the narrative (validated on every save), publish (frozen, with an 索引号, in
the 年报 column), and start a corrected version that supersedes the published one."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.db import IntegrityError, transaction

from gongkai.core import four_eyes
from gongkai.core.audit import audit
from gongkai.core.counters import next_serial
from gongkai.core.models import Agency, User
from gongkai.core.roles import EDITORS, PUBLISHERS
from gongkai.core.steps import check as check_declared  # reports/steps.py
from gongkai.core.transitions import TransitionError, require_role
from gongkai.reports.document import (
    ReportDocument,
    ReportRefused,
    build_document,
    live_document,
)
from gongkai.reports.models import AnnualReport, ReportCounter, ReportStatus, YearFigures


def start_report(agency: Agency, year: int, *, by: User, today: date) -> AnnualReport:
    """A new draft for the year (the next version if one was published), its sections
    pre-filled from the records."""
    from gongkai.reports.drafts import all_sections

    require_role(by, agency, EDITORS)
    if year >= today.year:
        raise TransitionError(f"{year}年尚未结束，年度报告统计至当年12月31日")
    try:
        document = live_document(agency, year, sections={})
    except ReportRefused as error:
        raise TransitionError(str(error)) from None
    sections = all_sections(agency, year, document.tables, document.fee)
    try:
        with transaction.atomic():
            from gongkai.core.steps import check
            from gongkai.reports.steps import ReportYear

            # the step as reports/steps.py declares it; the unique draft per year is the lock
            check(ReportYear(agency, year), "start", user=by, today=today)
            latest = AnnualReport.objects.filter(agency=agency, year=year).first()
            report = AnnualReport.objects.create(
                agency=agency,
                year=year,
                version=(latest.version + 1) if latest else 1,
                section_one=sections["一"],
                section_five=sections["五"],
                section_six=sections["六"],
                created_by=by,
            )
            four_eyes.changed(report, by=by)
            audit(by, "report.started", obj=report, year=year, version=report.version)
    except IntegrityError:
        raise TransitionError(f"{year}年度报告已有草稿，请在草稿上继续编辑") from None
    return report


def save_sections(
    report: AnnualReport, *, by: User, one: str, five: str, six: str, correction_note: str = ""
) -> ReportDocument:
    """Save the narrative and return the document with its findings (validation on save)."""
    require_role(by, report.agency, EDITORS)
    with transaction.atomic():
        report = AnnualReport.objects.select_for_update().get(pk=report.pk)
        if report.status != ReportStatus.DRAFT:
            raise TransitionError("已发布的报告不能修改；如需更正，请新建更正版本")
        report.section_one, report.section_five, report.section_six = one, five, six
        report.correction_note = correction_note
        report.full_clean()
        report.save()
        document = build_document(report)
        four_eyes.changed(report, by=by)
        audit(by, "report.saved", obj=report, findings=len(document.blocking))
    return document


def enter_figures(
    agency: Agency,
    year: int,
    *,
    by: User,
    licences: int,
    penalties: int,
    enforcement: int,
    fee_amount: Decimal,
    source: str,
    oversight: str = "",
    innovations: str = "",
) -> YearFigures:
    """Table 二's figures from other systems; a 人民政府 also writes its 工作考核、社会评议和
    责任追究结果 (条例第五十条第四项) and its innovations, which the draft quotes."""
    from gongkai.reports.document import is_government
    from gongkai.statute.report_format import GOVERNMENT_OVERSIGHT, GOVERNMENT_OVERSIGHT_BASIS

    require_role(by, agency, EDITORS)
    if not source.strip():
        raise TransitionError("请注明数据来源（如：县政务服务中心审批系统导出）")
    if is_government(agency) and not oversight.strip():
        raise TransitionError(
            f"人民政府的年度报告应写明{GOVERNMENT_OVERSIGHT}（{GOVERNMENT_OVERSIGHT_BASIS}）：请填写"
        )
    with transaction.atomic():
        figures, _ = YearFigures.objects.update_or_create(
            agency=agency,
            year=year,
            defaults={
                "licences": licences,
                "penalties": penalties,
                "enforcement": enforcement,
                "fee_amount": fee_amount,
                "source": source.strip(),
                "oversight": oversight.strip(),
                "innovations": innovations.strip(),
                "entered_by": by,
            },
        )
        figures.full_clean()
        four_eyes.changed(figures, by=by)
        audit(by, "report.figures.entered", obj=figures, year=year, source=source.strip())
        if oversight.strip():  # a draft started before quotes it too (条例第五十条第四项)
            from gongkai.reports.drafts import quote_oversight

            for draft in AnnualReport.objects.select_for_update().filter(
                agency=agency, year=year, status=ReportStatus.DRAFT
            ):
                draft.section_one = quote_oversight(draft.section_one, oversight)
                draft.save(update_fields=["section_one"])
    return figures


def publish_report(report: AnnualReport, *, by: User, on: date) -> AnnualReport:
    """Freeze the numbers, give the report an 索引号 in the 年报 column, and supersede the
    version it corrects. Refused while any I1–I5 or completeness finding stands."""
    from gongkai.catalogue.models import Category
    from gongkai.catalogue.subjects import column_category
    from gongkai.catalogue.transitions import publish_generated
    from gongkai.reports.render.html import report_fragment
    from gongkai.statute.catalogue_subjects import ANNUAL_REPORTS

    # two people: the one who drafted it never publishes it alone; a reviewer approves
    # (an administrator may draft, but publishing needs the 审核人 role and another person)
    require_role(by, report.agency, PUBLISHERS)
    with transaction.atomic():
        report = AnnualReport.objects.select_for_update().select_related("agency").get(pk=report.pk)
        if report.status != ReportStatus.DRAFT:
            raise TransitionError("该报告已经发布")
        if report.created_by_id == by.pk:
            raise TransitionError("年度报告须由起草人以外的审核人审核发布")
        # issue 24: nor by anyone who changed its text or entered the year's figures since
        # the last publication
        figures = YearFigures.objects.filter(agency=report.agency, year=report.year).first()
        four_eyes.require_other_approver(
            *(o for o in (report, figures) if o is not None),
            by=by,
            refusal="年度报告须由起草人、修改人和填报数据的人以外的审核人审核发布",
        )
        document = build_document(report)
        if document.blocking:
            raise TransitionError(
                "报告还有以下问题，不能发布：" + "；".join(f.message for f in document.blocking)
            )
        report._document = document  # reports/steps.py reads the findings from it
        check_declared(report, "publish", user=by, today=on)
        previous = AnnualReport.objects.filter(
            agency=report.agency, year=report.year, status=ReportStatus.PUBLISHED
        ).first()
        if previous:
            previous.status = ReportStatus.SUPERSEDED
            previous.save(update_fields=["status", "updated_at"])
        # a corrected version is the same report: it keeps the 文号 of the one it corrects
        report.number = (previous.number if previous else "") or next_report_number(
            report.agency, on.year
        )
        document.status, document.published_on = ReportStatus.PUBLISHED, on
        document.number = report.number
        title = document.title + (f"（更正版，第{report.version}版）" if previous else "")
        report.item = publish_generated(
            report.agency,
            by=by,
            category=column_category(Category, ANNUAL_REPORTS),
            title=title,
            body=report_fragment(document),
            on=on,
        )
        report.item.document_number = report.number  # the portal's item page shows it too
        report.item.save(update_fields=["document_number"])
        report.snapshot = document.snapshot()
        report.status, report.published_on = ReportStatus.PUBLISHED, on
        report.save()
        for approved in (report, figures):
            if approved is not None:
                four_eyes.approved(approved, by=by)
        if previous:  # audited after every row lock: the audit chain's lock is taken last
            audit(by, "report.superseded", obj=previous, by_version=report.version)
        audit(
            by,
            "report.published",
            obj=report,
            index_number=report.item.index_number,
            number=report.number,
        )
    return report


def report_number_prefix(agency: Agency) -> str:
    """The 文号's 发文机关代字: the agency's name (gongkai keeps no shorter code for it)."""
    return f"{agency.name}年报"


def next_report_number(agency: Agency, year: int) -> str:
    """The next 文号 of the agency's annual reports published in `year`, e.g.
    青山乡人民政府年报〔2026〕1号: a locked counter per agency and year, never reused (like
    index numbers and the notices' 文号). Call in a transaction."""
    serial = next_serial(ReportCounter, agency=agency, year=year)
    return f"{report_number_prefix(agency)}〔{year}〕{serial}号"
