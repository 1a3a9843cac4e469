"""The 年度报表's one step with consequences, declared beside its transition (core/steps.py):
publication on the site's home page (国办函〔2018〕12号)."""

from __future__ import annotations

from gongkai.core import four_eyes, roles
from gongkai.core.steps import Guard, Step, StepSet, register
from gongkai.sitereport import transitions as t
from gongkai.sitereport.models import ReportStatus, SiteReport

NOT_A_FILLER = Guard(
    lambda report, s: s.user.pk not in four_eyes.changers(report),
    t.FILLED_BY_PUBLISHER,
    shown=True,
)

STEPS = (
    Step(
        "publish",
        "发布",
        lambda report, *, by, today, data: t.publish(report, by=by, on=today),
        roles.STAFF,
        states=frozenset({ReportStatus.DRAFT}),
        guards=(NOT_A_FILLER,),
        summary="在网站首页发布…",
        explain="将要发生：年度报表今天在网站首页发布，数据按现在的记录和填报固定，不能再修改。",
        irreversible="我已核对全部数据，确认发布",
    ),
)

SITE_REPORT_STEPS = register(StepSet(model=SiteReport, noun="年度报表", steps=STEPS))
