"""Figures counted from the policy records, for the annual report: table 二's 行政规范性文件
row as the register has it (shown beside the catalogue's count before publication), and the
counts section 一's narrative can quote."""

from __future__ import annotations

from datetime import date

from django.db.models import Count, Q
from django.db.models.functions import Coalesce

from gongkai.catalogue.models import ItemStatus, Validity
from gongkai.policies.models import (
    Adoption,
    Comment,
    CommentStatus,
    Consultation,
    Interpretation,
    Lapse,
    NormativeDocument,
)


def register_row(agency, year: int) -> list[int] | None:
    """[本年制发件数, 本年废止件数, 现行有效件数] from the register, or None when the agency
    registers nothing. Dated as table 二 dates the catalogue (成文日期, else publication);
    现行有效 at 31 December also leaves out documents past their 有效期 or amended by then."""
    records = NormativeDocument.objects.filter(agency=agency)
    if not records.exists():
        return None
    end = date(year, 12, 31)
    published = records.filter(item__status=ItemStatus.PUBLISHED).annotate(
        made_on=Coalesce("item__written_on", "item__published_on")
    )
    repealed_in_year = Q(lapse=Lapse.REPEALED, lapsed_on__year=year) | (
        Q(item__validity=Validity.REPEALED, item__validity_changed_on__year=year)
        & ~Q(lapse=Lapse.REPEALED, lapsed_on__lt=date(year, 1, 1))
    )
    ended_by_end = Q(lapse__in=[Lapse.REPEALED, Lapse.AMENDED], lapsed_on__lte=end) | Q(
        item__validity__in=[Validity.REPEALED, Validity.EXPIRED],
        item__validity_changed_on__lte=end,
    )
    counts = published.aggregate(
        made=Count("id", filter=Q(made_on__year=year)),
        repealed=Count("id", filter=repealed_in_year),
        in_force=Count("id", filter=Q(made_on__lte=end, valid_until__gte=end) & ~ended_by_end),
    )
    return [counts["made"], counts["repealed"], counts["in_force"]]


def register_difference(agency, year: int, row: list) -> str:
    """A sentence when the report's 行政规范性文件 row differs from the register ('' if not)."""
    counted = register_row(agency, year)
    if counted is None or list(row) == counted:
        return ""
    labels = ("本年制发件数", "本年废止件数", "现行有效件数")
    parts = [
        f"{label}表中为{a}、登记簿为{b}"
        for label, a, b in zip(labels, row, counted, strict=True)
        if a != b
    ]
    return (
        "表二“行政规范性文件”与规范性文件登记簿不一致："
        + "；".join(parts)
        + "。请核对目录中的文件类型和时效性（已过有效期的文件请宣布失效）"
    )


def narrative_counts(agency, year: int) -> dict[str, int]:
    """Counts section 一 may quote: 解读 published, consultations held and their comments."""
    interpretations = Interpretation.objects.filter(
        interpretation__agency=agency,
        interpretation__status=ItemStatus.PUBLISHED,
        interpretation__published_on__year=year,
    )
    consultations = Consultation.objects.filter(agency=agency, starts_on__year=year)
    comments = Comment.objects.filter(consultation__in=consultations).exclude(
        status=CommentStatus.PENDING
    )
    return {
        "interpretations": interpretations.values("interpretation").distinct().count(),
        "consultations": consultations.count(),
        "comments": comments.count(),
        "adopted": comments.filter(adoption__in=[Adoption.ADOPTED, Adoption.PARTLY]).count(),
        "feedback_published": consultations.filter(feedback_item__isnull=False).count(),
    }


def narrative_sentence(agency, year: int) -> str:
    c = narrative_counts(agency, year)
    if not any(c.values()):
        return ""
    return (
        f"本年发布政策解读{c['interpretations']}篇；开展意见征集{c['consultations']}次，"
        f"收到公众意见{c['comments']}条，采纳（含部分采纳）{c['adopted']}条，"
        f"公布意见采纳情况反馈{c['feedback_published']}次。"
    )
