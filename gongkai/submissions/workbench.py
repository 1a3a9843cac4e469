"""What submissions ask of a member of staff today, for the 工作台: the county's (or
department's) staff see what waits for their decision; the source's editors see what was
returned to them. The declaration (submissions/steps.py) has the final word, as the
submission's page offers it."""

from __future__ import annotations

from django.db.models import Q

from gongkai.core import roles
from gongkai.core.dates import chinese_date
from gongkai.core.models import AgencyLevel
from gongkai.core.steps import refusal_of
from gongkai.core.workbench import DueLine, Urgency, path_for
from gongkai.submissions.models import Status, Submission
from gongkai.submissions.steps import PERSONAL_DATA_PENDING

KIND = "报送采用"
STAFF = frozenset(roles.STAFF)
EDITORS = frozenset(roles.EDITORS)
# a reviewer's own step comes first (redact or confirm): the line still waits for them
STILL_THEIRS = {PERSONAL_DATA_PENDING.sentence}


def submission_lines(*, user, agencies, today, calendar):
    deciding = [a for a, r in agencies.items() if r & STAFF]
    editing = [a for a, r in agencies.items() if r & EDITORS]
    # only the county and its departments decide (a township's staff never do)
    deciding = [a for a in deciding if a.level not in (AgencyLevel.TOWNSHIP,)]
    lines = []
    if not deciding and not editing:
        return lines
    # one query for both kinds of line
    rows = list(
        Submission.objects.filter(
            Q(target__in=deciding, status=Status.SUBMITTED)
            | Q(source__in=editing, status=Status.RETURNED)
        ).select_related("source", "target", "column")[:400]
    )
    waiting = [s for s in rows if s.status == Status.SUBMITTED]
    submission_url = path_for("office:submission")
    returned = [s for s in rows if s.status == Status.RETURNED]
    for sub in waiting:
        refusal = refusal_of(sub, "adopt", user=user, today=today, roles=agencies[sub.target])
        if refusal is not None and refusal.sentence not in STILL_THEIRS:
            continue
        lines.append(
            DueLine(
                Urgency.WAITING,
                sub.target.name,
                KIND,
                f"{sub.source.name}报送《{sub.title}》（栏目：{sub.column.name}，"
                f"{chinese_date(sub.submitted_on)}），待采用、退回或转办",
                submission_url(sub.pk),
                None,
                STAFF,
            )
        )
    for sub in returned:
        if refusal_of(sub, "resubmit", user=user, today=today, roles=agencies[sub.source]):
            continue
        lines.append(
            DueLine(
                Urgency.WAITING,
                sub.source.name,
                KIND,
                f"《{sub.title}》被{sub.target.name}退回：{sub.note}——修改后可重新报送",
                submission_url(sub.pk),
                None,
                EDITORS,
            )
        )
    return lines
