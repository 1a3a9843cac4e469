"""Pre-filled drafts of the narrative sections 一, 五 and 六, written from the records so a
clerk edits sentences instead of tallying numbers. Every figure here is counted; nothing is
a placeholder to fill in."""

from __future__ import annotations

from gongkai.catalogue.statistics import PORTAL, monthly_statistics
from gongkai.core.models import Agency
from gongkai.reports.document import FeeBlock, is_government
from gongkai.statute.report_format import (
    GOVERNMENT_OVERSIGHT,
    GOVERNMENT_SECTION_SIX,
    ReportTables,
)


def _list(pairs: list[tuple[str, int]], unit: str) -> str:
    return "、".join(f"{label}{n}{unit}" for label, n in pairs if n)


def _other_types(stats) -> str:
    """党务公开 and 村务（居务）公开 items are shown apart, never in the 政府信息 figures."""
    others = [(f"{row.label}信息", row.total) for row in stats.other_types]
    if not any(n for _, n in others):
        return ""
    return f"另在同一平台发布{_list(others, '条')}，不计入上述政府信息数量。"


def _submissions_sentence(agency: Agency, year: int) -> str:
    """What the county's site received from townships and departments, where the county
    chose to say it (submissions' ReportingChoice; the 2021 format asks no such figure)."""
    from gongkai.submissions.models import ReportingChoice
    from gongkai.submissions.transitions import year_totals

    if not ReportingChoice.objects.filter(agency=agency, in_annual_report=True).exists():
        return ""
    totals = year_totals(agency, year)
    return (
        f"本年收到乡镇和部门报送信息{totals['submitted']}条，采用{totals['adopted']}条，"
        f"退回{totals['returned']}条。"
    )


def section_one(agency: Agency, year: int, tables: ReportTables) -> str:
    stats = monthly_statistics(agency, year)
    categories = sorted(
        ((f"“{row.label}”", row.total) for row in stats.by_category), key=lambda p: -p[1]
    )
    channels = [(row.label, row.total) for row in stats.by_channel if row.label != PORTAL]
    posts = [(label, n) for label, n in channels if not label.endswith("媒体采用")]
    media = [(label, n) for label, n in channels if label.endswith("媒体采用")]
    three = tables["三"]
    received, carried = three["一"][6], three["二"][6]
    concluded, open_at_end = three["三（七）"][6], three["四"][6]
    made, repealed, in_force = tables["二"]["行政规范性文件"]
    paragraphs = [
        "（一）主动公开",
        f"{year}年，{agency.name}通过政府门户网站政府信息公开专栏主动公开政府信息"
        f"{stats.portal_total}条"
        + (f"，其中{_list(categories, '条')}" if categories else "")
        + "。"
        + (f"同时通过{_list(posts, '条')}发布信息。" if any(n for _, n in posts) else "")
        + (f"上报信息被{_list(media, '篇')}。" if any(n for _, n in media) else "")
        + _other_types(stats)
        + _policy_sentence(agency, year)
        + _submissions_sentence(agency, year),
        "（二）依申请公开",
        f"本年新收政府信息公开申请{received}件，上年结转{carried}件；"
        f"办结{concluded}件，结转下年度继续办理{open_at_end}件。"
        "办理结果详见第三部分。",
        "（三）政府信息管理",
        f"本年制发行政规范性文件{made}件，废止{repealed}件，截至年底现行有效{in_force}件。"
        "公开前均经保密审查，并对个人信息进行脱敏处理。",
        "（四）平台建设",
        "依托政府门户网站设立政府信息公开专栏，设政府信息公开指南、政府信息公开制度、"
        "法定主动公开内容、政府信息公开年报四个栏目，信息可检索、查阅、下载。",
        "（五）监督保障",
        "严格落实政府信息公开保密审查制度，信息公开前经起草人以外的审核人审查。",
    ]
    government = is_government(agency)
    if government:  # 条例第五十条第四项, as entered with table 二's figures
        oversight = _figures(agency, year, "oversight")
        if oversight:
            paragraphs.append(f"{GOVERNMENT_OVERSIGHT}：{oversight}")
    return "\n".join(paragraphs + _standards_paragraphs(agency, year, "一", government))


def quote_oversight(text: str, oversight: str) -> str:
    """Section 一 with its 工作考核、社会评议和责任追究结果情况 line set to `oversight`: the line
    replaced where it stands, else added after （五）监督保障's paragraph (the end of 一's
    fixed part, before the standard catalogue's sentence)."""
    line = f"{GOVERNMENT_OVERSIGHT}：{oversight.strip()}"
    lines = text.splitlines()
    for index, existing in enumerate(lines):
        if existing.startswith(GOVERNMENT_OVERSIGHT):
            lines[index] = line
            return "\n".join(lines)
    for index, existing in enumerate(lines):
        if existing.strip() == "（五）监督保障" and index + 1 < len(lines):
            lines.insert(index + 2, line)
            return "\n".join(lines)
    return "\n".join([*lines, line])


def _figures(agency: Agency, year: int, field: str) -> str:
    from gongkai.reports.models import YearFigures

    found = YearFigures.objects.filter(agency=agency, year=year).values_list(field, flat=True)
    return (found[0] or "").strip() if found else ""


def _policy_sentence(agency: Agency, year: int) -> str:
    """政策解读 and 意见征集 counted from the policy records (issue 18); empty when none."""
    from gongkai.policies.figures import narrative_sentence

    return narrative_sentence(agency, year)


def _standards_paragraphs(
    agency: Agency, year: int, section: str, government: bool = False
) -> list[str]:
    """Sentences from the standard catalogue's records (issue 17): trainings, reviews and
    updates for section 一; the 工作要点 carried out for section 六."""
    from gongkai.standards import workpoints

    text = (
        workpoints.section_one_paragraph(agency, year, proposals=not government)
        if section == "一"
        else workpoints.section_six_paragraph(agency, year)
    )
    return [text] if text else []


def section_five(agency: Agency, year: int, tables: ReportTables) -> str:
    """Problems the records show: items published after 20 working days, replies after their
    due date (逾期答复, recorded when the reply was made), withdrawn items. The draft never
    says everything was on time when one was not."""
    from django.db.models import Count, Max

    from gongkai.applications.models import Application
    from gongkai.catalogue.models import Item
    from gongkai.core.calendar import calendar_for

    calendar = calendar_for(agency)  # its region's holidays too (放假办法第四条)
    published = Item.objects.published_in(year).filter(agency=agency).select_related("matter")
    late = sum(
        1 for item in published if item.timeliness(calendar=calendar, today=item.published_on).late
    )
    late_replies = (
        Application.objects.of_agency(agency)
        .concluded_in(year)
        .filter(late_workdays__gt=0)
        .aggregate(n=Count("id"), longest=Max("late_workdays"))
    )
    ordinals = "一二三四五"
    lines = []
    if late:
        lines.append(
            f"{ordinals[len(lines)]}是部分信息公开不够及时，本年有{late}条信息未在形成或者变更之日起"
            "20个工作日内公开。下一步将加强信息发布的统筹调度。"
        )
    if late_replies["n"]:
        lines.append(
            f"{ordinals[len(lines)]}是部分政府信息公开申请未在法定期限内答复，本年有"
            f"{late_replies['n']}件申请逾期答复，最长逾期{late_replies['longest']}个工作日"
            "（条例第三十三条）。下一步将加强申请办理的期限提醒和督办。"
        )
    withdrawn = published.withdrawn().count()
    if withdrawn:
        lines.append(
            f"{ordinals[len(lines)]}是信息发布质量有待提高，本年撤回已公开信息{withdrawn}条。"
            "下一步将严格执行发布前审核。"
        )
    if not lines:
        lines.append("本年主动公开信息均在规定期限内公开，政府信息公开申请均在法定期限内答复。")
    return "\n".join(lines)


def section_six(agency: Agency, year: int, fee: FeeBlock) -> str:
    """The fee block; for a 人民政府 also the government items of the format, each from its
    records (the line is left out when nothing is recorded, and the check then asks for it)."""
    if not is_government(agency):
        return "\n".join([fee.sentence(), *_standards_paragraphs(agency, year, "六")])
    from gongkai.standards import workpoints

    points, proposals, innovations = GOVERNMENT_SECTION_SIX
    lines = [fee.sentence()]
    done = workpoints.section_six_paragraph(agency, year, heading=points)
    if done:
        lines.append(done)
    if sentence := workpoints.proposals_sentence(agency, year):
        lines.append(f"{proposals}：本年{sentence}。")
    if text := _figures(agency, year, "innovations"):
        lines.append(f"{innovations}：{text}")
    return "\n".join(lines)


def all_sections(agency: Agency, year: int, tables: ReportTables, fee: FeeBlock) -> dict:
    return {
        "一": section_one(agency, year, tables),
        "五": section_five(agency, year, tables),
        "六": section_six(agency, year, fee),
    }
