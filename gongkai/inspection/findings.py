"""What the self-check reports: findings tied to the inspection indicators of
《政府网站与政务新媒体检查指标》(国办秘函〔2019〕19号), and a score per agency.

Each finding names the indicator it affects, so a clerk sees why it matters, and carries a
link to the page where it is fixed. A finding is computed from the current data every run,
so it disappears as soon as its cause is fixed: nothing is stored to clear by hand."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from enum import StrEnum


class Severity(StrEnum):
    VETO = "单项否决"  # any one fails the site (19号 单项否决指标)
    DEDUCT = "扣分"  # costs points under a scored indicator
    HINT = "提示"  # worth fixing; not scored by the indicators


@dataclass(frozen=True)
class Indicator:
    code: str
    severity: Severity
    text: str  # the indicator as 19号 (or the 条例) words it
    points: float = 0.0  # deducted per finding (扣分 only)
    cap: float = 0.0  # most this indicator can cost


# Weights follow the structure of 19号's scored part (100 points, deductions per finding up
# to a cap per indicator); provinces publish their own tables, so these are defaults that
# settings.GONGKAI_INSPECTION_WEIGHTS may override per code as {"code": [points, cap]}.
INDICATORS = {
    i.code: i
    for i in (
        # 19号 单项否决 (correction, December 2026): the column vetoes are counts
        Indicator(
            "home_not_updated",
            Severity.VETO,
            "首页不更新：监测时间点前2周内首页没有更新（国办秘函〔2019〕19号 单项否决指标）",
        ),
        Indicator(
            "columns_not_updated",
            Severity.VETO,
            "栏目不更新：监测时间点前2周内的动态、要闻类栏目，以及监测时间点前6个月内的通知公告、"
            "政策文件类栏目，累计超过（含）5个未更新（国办秘函〔2019〕19号 单项否决指标）",
        ),
        Indicator(
            "columns_long_unupdated",
            Severity.VETO,
            "栏目不更新：应更新但长期未更新的栏目数量超过（含）10个"
            "（国办秘函〔2019〕19号 单项否决指标）",
        ),
        Indicator(
            "empty_columns",
            Severity.VETO,
            "栏目不更新：空白栏目数量超过（含）5个（国办秘函〔2019〕19号 单项否决指标）",
        ),
        Indicator(
            "serious_wording",
            Severity.VETO,
            "严重表述错误：出现严重错误表述（国办秘函〔2019〕19号 单项否决指标）",
        ),
        Indicator(
            "interaction_unanswered",
            Severity.VETO,
            "互动回应差：网民留言超过3个月未回应（国办秘函〔2019〕19号 单项否决指标）",
        ),
        Indicator(
            "interaction_late",
            Severity.DEDUCT,
            "留言办理不及时：网民留言超过本机关规定的答复期限未答复"
            "（国办秘函〔2019〕19号 互动交流·留言办理）",
            1,
            10,
        ),
        Indicator(
            "column_stale",
            Severity.DEDUCT,
            "栏目更新不及时：动态、要闻类栏目超过2周或通知公告、政策文件类栏目超过6个月未更新"
            "（国办秘函〔2019〕19号 信息发布·栏目更新；累计5个即单项否决）",
            2,
            10,
        ),
        Indicator(
            "column_long_unupdated",
            Severity.DEDUCT,
            "栏目长期未更新：应更新的栏目长期没有新内容"
            "（国办秘函〔2019〕19号 信息发布·栏目更新；累计10个即单项否决）",
            1,
            10,
        ),
        Indicator(
            "wording_misspelling",
            Severity.DEDUCT,
            "错别字：常见错别字、成语误用（国办秘函〔2019〕19号 信息发布·内容准确）",
            0.5,
            5,
        ),
        Indicator(
            "wording_punctuation",
            Severity.HINT,
            "固定表述的标点：如“放管服”须加引号",
        ),
        Indicator(
            "matter_stale",
            Severity.DEDUCT,
            "应更新未更新：标准目录事项未按规定时限更新（国办秘函〔2019〕19号 信息发布·栏目更新）",
            2,
            20,
        ),
        Indicator(
            "broken_link",
            Severity.DEDUCT,
            "链接不可用：栏目及正文、附件中的链接无法访问"
            "（国办秘函〔2019〕19号 可用性·链接可用性）",
            0.5,
            10,
        ),
        Indicator(
            "empty_column",
            Severity.DEDUCT,
            "空白栏目：栏目无任何内容（国办秘函〔2019〕19号 可用性·栏目可用性）",
            2,
            10,
        ),
        Indicator(
            "missing_interpretation",
            Severity.DEDUCT,
            "政策解读：行政规范性文件未配发解读（国办秘函〔2019〕19号 信息发布·解读回应）",
            1,
            10,
        ),
        Indicator(
            "missing_document_number",
            Severity.DEDUCT,
            "信息要素不全：应有文号的文件未标注文号（国办秘函〔2019〕19号 信息发布·内容准确）",
            0.5,
            5,
        ),
        Indicator(
            "outdated_notice",
            Severity.DEDUCT,
            "过期信息仍在展示：公示期已结束的公示仍在正常展示"
            "（国办秘函〔2019〕19号 信息发布·内容准确）",
            0.5,
            5,
        ),
        Indicator(
            "late_publication",
            Severity.DEDUCT,
            "主动公开不及时：信息形成或者变更之日起20个工作日内未公开（条例第二十六条）",
            0.5,
            10,
        ),
        Indicator(
            "late_reply",
            Severity.DEDUCT,
            "依申请公开逾期答复：未在法定期限内答复（条例第三十三条）",
            2,
            20,
        ),
        Indicator(
            "late_report",
            Severity.DEDUCT,
            "年度报告逾期：未在规定日期前公布年度报告（条例第四十九条）",
            5,
            5,
        ),
        Indicator(
            "empty_statutory_heading",
            Severity.HINT,
            "法定主动公开内容（条例第二十条）下暂无信息",
        ),
    )
}


@dataclass(frozen=True)
class Finding:
    indicator: str  # a key of INDICATORS
    agency_id: int
    agency_name: str
    subject: str  # what the finding is about: a column, an item title, a link
    detail: str  # one sentence for the clerk, in Chinese
    url: str = ""  # where to fix it
    context: str = ""  # e.g. the sentence around a wrong wording

    @property
    def severity(self) -> Severity:
        return INDICATORS[self.indicator].severity

    @property
    def indicator_text(self) -> str:
        return INDICATORS[self.indicator].text

    def as_dict(self) -> dict:
        return asdict(self) | {
            "severity": str(self.severity),
            "indicator_text": self.indicator_text,
        }


@dataclass
class Score:
    agency_id: int
    agency_name: str
    points: float = 100.0
    vetoed: list[str] = field(default_factory=list)  # indicator texts that fail the site
    deductions: dict[str, float] = field(default_factory=dict)  # indicator code -> points
    counts: dict[str, int] = field(default_factory=dict)  # severity -> findings

    @property
    def verdict(self) -> str:
        if self.vetoed:
            return "不合格（触发单项否决）"
        return "合格" if self.points >= 60 else "不合格（得分低于60分）"


def weights() -> dict[str, tuple[float, float]]:
    from django.conf import settings

    custom = getattr(settings, "GONGKAI_INSPECTION_WEIGHTS", {}) or {}
    table = {code: (i.points, i.cap) for code, i in INDICATORS.items()}
    for code, (points, cap) in custom.items():
        if code in table:
            table[code] = (float(points), float(cap))
    return table


def score(findings: Iterable[Finding], agencies: Iterable) -> dict[int, Score]:
    """One score per agency: single-veto indicators listed, deductions capped per indicator."""
    table = weights()
    scores = {a.pk: Score(a.pk, a.name) for a in agencies}
    per_indicator: dict[tuple[int, str], int] = {}
    for finding in findings:
        s = scores.get(finding.agency_id)
        if s is None:
            continue
        s.counts[str(finding.severity)] = s.counts.get(str(finding.severity), 0) + 1
        key = (finding.agency_id, finding.indicator)
        per_indicator[key] = per_indicator.get(key, 0) + 1
    for (agency_id, code), count in per_indicator.items():
        s = scores[agency_id]
        indicator = INDICATORS[code]
        if indicator.severity is Severity.VETO:
            s.vetoed.append(indicator.text)
        elif indicator.severity is Severity.DEDUCT:
            points, cap = table[code]
            lost = min(cap, points * count)
            s.deductions[code] = lost
            s.points -= lost
    for s in scores.values():
        s.points = max(0.0, round(s.points, 1))
    return scores
