"""The steps of a registered 行政规范性文件, declared once beside the transitions
(core/steps.py). Declaring a document 失效 is its own step: until its 有效期 has ended it
is refused — by the page, a hand-made POST and the transition alike (issue 22: the rule used
to live only in the office view)."""

from __future__ import annotations

from gongkai.catalogue.models import ItemStatus, Validity
from gongkai.core import roles
from gongkai.core.dates import chinese_date as cn
from gongkai.core.steps import Guard, Step, StepSet, register
from gongkai.policies import transitions as p
from gongkai.policies.models import NormativeDocument

PERIOD_ENDED = Guard(
    lambda record, s: record.valid_until < s.today,
    lambda record, s: (
        f"该文件有效期至{cn(record.valid_until)}，尚在有效期内，不能宣布失效；"
        "需要提前停止执行的，请以新文件废止或修改它"
    ),
    shown=True,
)
PUBLISHED = Guard(
    lambda record, s: record.item.status == ItemStatus.PUBLISHED,
    "该文件尚未公开，不能宣布失效",
)

STEPS = (
    Step(
        "expire",
        "宣布失效",
        lambda record, *, by, today, data: p.declare_expired(record, by=by),
        roles.EDITORS,
        states=frozenset({Validity.VALID}),
        guards=(PUBLISHED, PERIOD_ENDED),
        irreversible="我已核对：该文件有效期已满，宣布失效后门户将标注为失效",
    ),
)

NORMATIVE_STEPS = register(
    StepSet(
        model=NormativeDocument,
        noun="该文件",
        steps=STEPS,
        state=lambda record: record.item.validity,
        state_label=lambda record: record.item.get_validity_display(),
    )
)
