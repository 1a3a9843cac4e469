"""The notices a recorded step still owes, for the 工作台 (core/workbench.py, issue 25).

A step that must be told in writing is recorded first and its notice drafted from that record
(letters.REQUIRED_STEP): until a notice of the step's kind is issued, the clerk is told which
one to issue. The law behind each: 补正 is told to the applicant at once (条例第三十条),
an extension is told to the applicant (第三十三条第二款), a fee by its notice (国办函〔2020〕
109号), a later date is told to the applicant (第三十五条), a third party is consulted in
writing (第三十二条).

One statement for the whole page: the events that owe a notice, with their application and
agency, filtered by "no issued notice of that kind drafted since the step". A notice can only
be drafted after its step (letters._require_the_step_happened), so an issued notice created at
or after the step's record answers it; one issued for an earlier step of the same kind does not.
"""

from __future__ import annotations

from django.db.models import BooleanField, Case, Exists, OuterRef, Q, Value, When
from django.urls import reverse

from gongkai.applications.letters import REQUIRED_STEP
from gongkai.applications.models import ApplicationEvent, Letter, LetterKind, Status
from gongkai.core import roles
from gongkai.core.dates import chinese_date
from gongkai.core.workbench import DueLine, Urgency, current_desk, shared
from gongkai.statute.deadlines import PauseKind

KIND = "依申请公开"
HANDLER_ROLES = frozenset(roles.HANDLERS)

# the letters a step owes, and which of the step's records owe one (a pause owes the
# 征求第三方意见书 only when it consults a third party: another agency is asked otherwise)
OWED = {
    LetterKind.CORRECTION: {},
    LetterKind.EXTENSION: {},
    LetterKind.FEE: {},
    LetterKind.LATER_DATE: {},
    LetterKind.THIRD_PARTY: {"pause_kind": PauseKind.THIRD_PARTY.name},
}
LETTER_OF_EVENT = {REQUIRED_STEP[kind][0]: kind for kind in OWED}


def _issued_since_the_step(kind: LetterKind):
    return Exists(
        Letter.objects.filter(
            application=OuterRef("application"),
            kind=kind,
            issued_on__isnull=False,
            created_at__gte=OuterRef("created_at"),
        )
    )


def _owing() -> Q:
    owing = Q()
    for kind, condition in OWED.items():
        owing |= Q(kind=REQUIRED_STEP[kind][0], **condition) & ~_issued_since_the_step(kind)
    return owing


def owes_a_letter():
    """An event's `owes_letter`: the condition of owing_events(), as a column of every event
    (the 工作台 reads the events of its applications once, applications/workbench.py)."""
    return Case(When(_owing(), then=Value(True)), default=Value(False), output_field=BooleanField())


def owing_events(agencies):
    """The steps of open applications in `agencies` whose notice is not yet issued."""
    return (
        ApplicationEvent.objects.filter(
            _owing(), application__agency__in=agencies, application__status=Status.OPEN
        )
        .select_related("application__agency")
        .order_by("on", "pk")
    )


def _owed(user, agencies, handled, *, today, calendar):
    """On the 工作台 the events come with the applications its other lines read (one read for
    both, issue 25); asked alone, one statement of their own."""
    if current_desk() is None:
        return owing_events(handled)
    from gongkai.applications.workbench import open_applications

    handled_ids = {agency.pk for agency in handled}
    applications = shared(
        "applications",
        agencies,
        lambda: open_applications(agencies, today=today, calendar=calendar),
    )
    owed = [
        event
        for application in applications
        if application.status == Status.OPEN and application.agency_id in handled_ids
        for event in application.events.all()
        if event.owes_letter
    ]
    return sorted(owed, key=lambda event: (event.on, event.pk))


def letter_lines(*, user, agencies, today, calendar):
    handled = [agency for agency, held in agencies.items() if held & HANDLER_ROLES]
    if not handled:
        return []
    lines = []
    for event in _owed(user, agencies, handled, today=today, calendar=calendar):
        application = event.application
        kind = LETTER_OF_EVENT[event.kind]
        step = PauseKind.THIRD_PARTY.value if kind == LetterKind.THIRD_PARTY else None
        lines.append(
            DueLine(
                Urgency.WAITING,
                application.agency.name,
                KIND,
                f"申请 {application.tracking_number}（{application.information_title}）："
                f"请出具{kind.label}"
                f"（{chinese_date(event.on)}登记“{step or event.get_kind_display()}”）",
                reverse("office:application", args=[application.pk]) + "#letters",
                event.on,  # the oldest step first (as the 工作台 orders a waiting receipt)
                HANDLER_ROLES,
            )
        )
    return lines
