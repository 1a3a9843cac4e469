"""The 工作台's lines for messages (core/workbench.py): what waits for the clerks (分办,
答复) and for the reviewers (审核), each with its urgency by the message's own clock; a
message waiting more than 3 months says it fails the site (19号 互动回应差)."""

from __future__ import annotations

from gongkai.core import roles
from gongkai.core.dates import chinese_date
from gongkai.core.workbench import DueLine, Urgency, path_for
from gongkai.interaction.clock import veto_cutoff
from gongkai.interaction.models import Message, Origin, Status

KIND = "互动交流"
HANDLERS = frozenset(roles.HANDLERS)
REVIEWERS = frozenset(roles.REVIEWERS)
WAITS = {
    Status.RECEIVED: ("待分办", HANDLERS),
    Status.ASSIGNED: ("待答复", HANDLERS),
    Status.DRAFTED: ("答复稿待审核", REVIEWERS),
}


def message_lines(*, user, agencies, today, calendar):
    wanted = {}
    for agency, held in agencies.items():
        statuses = [s for s, (_, who) in WAITS.items() if held & who]
        if statuses:
            wanted[agency.pk] = statuses
    if not wanted:
        return []
    lines = []
    cutoff = veto_cutoff(today)
    message_url = path_for("office:message")
    messages = Message.objects.filter(status__in=list(WAITS), agency_id__in=list(wanted))
    for message in messages.select_related("agency").only(
        "pk",
        "tracking_number",
        "subject",
        "kind",
        "status",
        "due_on",
        "submitted_on",
        "origin",
        "agency__name",
    ):
        if message.status not in wanted[message.agency_id]:
            continue
        what, who = WAITS[message.status]
        urgency = Urgency.of(
            message.due_on, today=today, calendar=calendar, otherwise=Urgency.WAITING
        )
        if message.origin == Origin.STAFF:
            urgency = Urgency.WAITING  # a 常见问题 staff wrote has no asker waiting
            when = ""
        elif message.submitted_on < cutoff:
            when = "，超过3个月未答复（互动回应差，单项否决）"
        elif urgency is Urgency.OVERDUE:
            when = f"，答复期限{chinese_date(message.due_on)}已过"
        else:
            when = f"，{chinese_date(message.due_on)}前答复"
        lines.append(
            DueLine(
                urgency,
                message.agency.name,
                KIND,
                f"{message.get_kind_display()} {message.tracking_number}（{message.subject}）"
                f"{what}{when}",
                message_url(message.pk),
                message.due_on,
                who,
            )
        )
    return lines
