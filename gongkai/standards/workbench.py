"""The standard catalogue's lines on the staff 工作台: matters due or overdue, matters with
nothing published this year, and 不予公开 entries due for review (条例第十八条)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from django.urls import reverse

from gongkai.core.steps import refusal_of
from gongkai.core.workbench import DueLine, Urgency
from gongkai.standards.due import standings
from gongkai.standards.register import reviews_due
from gongkai.statute.disclosure_limits import Standing

KIND = "标准目录"


def provider(*, user, agencies, today: date, calendar) -> Iterable[DueLine]:
    if not agencies:
        return []
    by_id = {agency.pk: agency for agency in agencies}
    lines: list[DueLine] = []
    page = reverse("office:standards")
    # the event matters' drafts are the catalogue provider's lines: not read here
    counted = standings(
        by_id, today=today, calendar=calendar, with_pending=False, with_missing=False
    )
    for agency_id, standing in counted.items():
        agency = by_id[agency_id]
        url = f"{page}?agency={agency_id}"
        for line in standing.lines:
            if line.item_id:
                # an unpublished item is the catalogue's line (catalogue/workbench.py), due by
                # the stricter of 条例第二十六条's 20 working days and its matter's limit
                # (catalogue.models.publication_due): one line per draft, not two
                continue
            lines.append(
                DueLine(
                    Urgency.OVERDUE if line.standing is Standing.OVERDUE else Urgency.DUE_SOON,
                    agency.name,
                    KIND,
                    line.text,
                    url,
                    due_on=line.due,
                )
            )
        if standing.missing_this_year:
            lines.append(
                DueLine(
                    Urgency.NOTICE,
                    agency.name,
                    KIND,
                    f"本机关标准目录中有{standing.missing_this_year}个事项{today.year}年尚未公开信息",
                    url,
                )
            )
    for entry in reviews_due(list(by_id.values()), today=today):
        # the query narrows; the review's declaration (standards/steps.py) has the final word,
        # as on the register page and in review_entry: only those who may review see the line
        roles = agencies[entry.agency]
        if refusal_of(entry, "review", user=user, today=today, roles=roles):
            continue
        lines.append(
            DueLine(
                Urgency.DUE_SOON if entry.review_on >= today else Urgency.OVERDUE,
                entry.agency.name,
                "不予公开信息审查",
                f"“{entry.title}”已到审查日期，请审查是否仍不予公开（条例第十八条）",
                f"{reverse('office:standards_register')}?agency={entry.agency_id}",
                due_on=entry.review_on,
            )
        )
    return lines
