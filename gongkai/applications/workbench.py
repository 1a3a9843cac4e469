"""What the applications ask of a member of staff today, for the 工作台 (core/workbench.py).

For the clerks and administrators who handle applications: replies overdue or due within
DUE_SOON_WORKDAYS working days (条例第三十三条), online applications waiting for their
receipt to be confirmed (第三十一条), correction periods that have ended without a
correction (第三十条), fees not paid within their period (国办函〔2020〕109号). For the
reviewers: extensions waiting for their approval (第三十三条第二款), which must be given
before the reply is due.

The lines read only fields the transitions keep (status, clock_state, due_on, the events),
so a field added later changes nothing here."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from functools import cache

from django.db import connection
from django.db.models import (
    Aggregate,
    DateField,
    DateTimeField,
    Exists,
    F,
    JSONField,
    OuterRef,
    Q,
    Subquery,
)
from django.db.models.expressions import RawSQL
from django.db.models.functions import JSONObject

from gongkai.applications.models import Application, ApplicationEvent, EventKind, Status
from gongkai.core import roles
from gongkai.core.compiled import compiled
from gongkai.core.dates import chinese_date
from gongkai.core.steps import refusal_of
from gongkai.core.workbench import DueLine, Urgency, path_for, shared
from gongkai.statute.deadlines import ClockState, PauseKind

KIND = "依申请公开"
HANDLER_ROLES = frozenset(roles.HANDLERS)
APPROVER_ROLES = frozenset(roles.REVIEWERS)  # approve_extension's roles


def _url(application: Application) -> str:
    return path_for("office:application")(application.pk)


def _name(application: Application) -> str:
    return f"申请 {application.tracking_number}（{application.information_title}）"


def _clock_lines(applications, *, today, calendar, horizon) -> list[DueLine]:
    lines = []
    url_of = path_for("office:application")
    for application in applications:
        agency, name, url = application.agency.name, _name(application), url_of(application.pk)
        if application.status == Status.AWAITING_CONFIRMATION:
            lines.append(
                DueLine(
                    Urgency.WAITING,
                    agency,
                    KIND,
                    f"{name}：网上提交于 {chinese_date(application.submitted_on)}，待确认收到",
                    url,
                    application.submitted_on,
                    HANDLER_ROLES,
                )
            )
            continue
        state = application.clock_state
        if state == ClockState.RUNNING.name and application.due_on:
            if application.due_on < today:
                late = -calendar.between(today, application.due_on).days
                lines.append(
                    DueLine(
                        Urgency.OVERDUE,
                        agency,
                        KIND,
                        f"{name}：答复已超期 {late} 个工作日"
                        f"（期限 {chinese_date(application.due_on)}）",
                        url,
                        application.due_on,
                        HANDLER_ROLES,
                    )
                )
            elif application.due_on <= horizon:
                left = calendar.between(today, application.due_on).days
                when = "今天" if left == 0 else f"还有 {left} 个工作日"
                lines.append(
                    DueLine(
                        Urgency.DUE_SOON,
                        agency,
                        KIND,
                        f"{name}：{chinese_date(application.due_on)} 之前（含当日）答复（{when}）",
                        url,
                        application.due_on,
                        HANDLER_ROLES,
                    )
                )
            continue
        if state not in (ClockState.AWAITING_CORRECTION.name, ClockState.PAUSED.name):
            continue
        if state == ClockState.PAUSED.name:
            fee = _open_fee_notice(application)
            if fee is None:  # a consultation stops counting by itself
                continue
            # 国办函〔2020〕109号: 20 working days to pay, as abandon_for_unpaid_fee counts them
            # counted from the day after the notice was served (送达日期), as the notice says
            from gongkai.applications.transitions import fee_period_end

            end = fee_period_end(fee, calendar)
            last_day = end.date if end else None
            if last_day is None:  # posted: the period starts once its delivery is recorded
                lines.append(
                    DueLine(
                        Urgency.WAITING,
                        agency,
                        KIND,
                        f"{name}：收费通知尚未登记送达日期——收到回执后登记，缴费期限才起算",
                        url,
                        None,
                        HANDLER_ROLES,
                    )
                )
            elif last_day < today:
                lines.append(
                    DueLine(
                        Urgency.OVERDUE,
                        agency,
                        KIND,
                        f"{name}：缴费期限 {chinese_date(last_day)} 已届满，"
                        "尚未缴费——登记缴费、减免或按逾期未缴费办结",
                        url,
                        last_day,
                        HANDLER_ROLES,
                    )
                )
            continue
        try:
            deadline = application.deadline(calendar=calendar, today=today, explain=False)
        except ValueError:  # an impossible sequence: the application page explains it
            continue
        if deadline is None or deadline.waiting_until is None:
            continue
        if deadline.state is not ClockState.AWAITING_CORRECTION:
            continue
        from gongkai.applications.transitions import correction_period_end

        # 条例第三十条 as abandon_for_no_correction counts it: a period reaching into a year
        # not yet arranged is over only after its latest plausible end
        end = correction_period_end(
            sorted(application.events.all(), key=lambda e: (e.on, e.pk)), calendar
        )
        if end is not None and end.date < today:
            lines.append(
                DueLine(
                    Urgency.OVERDUE,
                    agency,
                    KIND,
                    f"{name}：补正期限 {chinese_date(end.date)} 已届满，"
                    "申请人未补正——登记补正或按逾期未补正办结",
                    url,
                    end.date,
                    HANDLER_ROLES,
                )
            )
    return lines


def _open_fee_notice(application: Application):
    """The fee notice whose pause is the open one, if any (events are prefetched): its
    details hold the 送达日期 the payment period runs from."""
    events = sorted(application.events.all(), key=lambda e: (e.on, e.pk))
    started = [e for e in events if e.kind == EventKind.PAUSE_STARTED]
    ended = sum(1 for e in events if e.kind == EventKind.PAUSE_ENDED)
    if len(started) > ended and started[-1].pause_kind == PauseKind.FEE.name:
        pause = started[-1]
        notices = [e for e in events if e.kind == EventKind.FEE_NOTICE and e.on <= pause.on]
        return notices[-1] if notices else None
    return None


def _extension_lines(user, agencies, applications, *, today, calendar) -> list[DueLine]:
    """Extensions asked for and not yet approved, that this reviewer may approve (not their
    own request: approve_extension refuses it). `agencies` maps each agency to the user's
    roles there; `applications` come with their events (read once for the whole 工作台)."""
    lines = []
    for application in applications:
        if application.status != Status.OPEN or application.agency not in agencies:
            continue
        events = application.events.all()  # ordered by (on, id)
        requests = [e for e in events if e.kind == EventKind.EXTENSION_REQUESTED]
        granted = sum(1 for e in events if e.kind == EventKind.EXTENDED)
        if len(requests) <= granted:
            continue
        request = requests[-1]
        # the same declaration the page and approve_extension ask (applications/steps.py):
        # not the reviewer's own request, and still within the ordinary period
        roles = agencies[application.agency]
        if refusal_of(application, "approve_extension", user=user, today=today, roles=roles):
            continue
        due = application.due_on
        urgency = (
            Urgency.of(due, today=today, calendar=calendar, otherwise=Urgency.WAITING)
            if due
            else Urgency.WAITING
        )
        when = f"，须在答复期限 {chinese_date(due)} 之前（含当日）批准" if due else ""
        lines.append(
            DueLine(
                urgency,
                application.agency.name,
                "审核",
                f"{_name(application)}：延期 {request.workdays} 个工作日待批准{when}",
                _url(application),
                due,
                APPROVER_ROLES,
            )
        )
    return lines


def _waits_on_the_clock(application, horizon) -> bool:
    """What the clock lines look at (the query's condition, asked again of a row read for
    the reviewer's lines too)."""
    if application.status == Status.AWAITING_CONFIRMATION:
        return True
    if application.status != Status.OPEN:
        return False
    if application.clock_state == ClockState.RUNNING.name:
        return application.due_on is not None and application.due_on <= horizon
    return application.clock_state in (
        ClockState.AWAITING_CORRECTION.name,
        ClockState.PAUSED.name,
    )


def open_applications(agencies, *, today, calendar) -> list[Application]:
    """The applications of the 工作台 in one read, with their events, shared by the
    handler's clock lines, the reviewer's extension lines and the letters a step still owes
    (letters_due.py): each event carries `owes_letter` (issue 25)."""
    from gongkai.applications.letters_due import LETTER_OF_EVENT

    handled = [agency for agency, roles in agencies.items() if roles & HANDLER_ROLES]
    approving = [agency for agency, roles in agencies.items() if roles & APPROVER_ROLES]
    if not (handled or approving):
        return []
    horizon = Urgency.horizon(today=today, calendar=calendar)
    wanted = Q()
    if handled:
        wanted |= Q(agency__in=handled) & (
            Q(status=Status.AWAITING_CONFIRMATION)
            | Q(status=Status.OPEN, clock_state=ClockState.RUNNING.name, due_on__lte=horizon)
            | Q(
                status=Status.OPEN,
                clock_state__in=(ClockState.AWAITING_CORRECTION.name, ClockState.PAUSED.name),
            )
            # a step that may owe a notice: whether it does is its event's owes_letter (below),
            # asked once — building that condition twice cost more than the rows it spares
            | Q(status=Status.OPEN) & _has_event(*LETTER_OF_EVENT)
        )
    if approving:
        wanted |= Q(agency__in=approving, status=Status.OPEN) & _has_event(
            EventKind.EXTENSION_REQUESTED
        )
    # every branch is within these agencies: said at the top, the agency's index finds them
    # (an OR of branches alone reads every application); the events come in the same
    # statement, one JSON array per application (the page's statement budget, issue 25)
    applications = list(
        Application.objects.filter(wanted, agency__in={*handled, *approving})
        .select_related("agency")
        .annotate(event_rows=_event_rows())
    )
    for application in applications:
        _hold_events(application, application.event_rows)
    return applications


def _has_event(*kinds) -> Exists:
    return Exists(ApplicationEvent.objects.filter(application=OuterRef("pk"), kind__in=kinds))


class _JSONRows(Aggregate):
    """The aggregated rows as one JSON array (jsonb_agg; SQLite's json_group_array)."""

    function = "JSONB_AGG"
    output_field = JSONField()

    def as_sqlite(self, compiler, connection, **extra_context):
        return self.as_sql(compiler, connection, function="JSON_GROUP_ARRAY", **extra_context)


EVENT_FIELDS = list(ApplicationEvent._meta.concrete_fields)


@cache
def _event_rows() -> RawSQL:
    """An application's events as a column of its row: each event's fields and owes_letter.
    Its SQL depends on nothing of the request: built and compiled once a process (its five
    "no notice issued since" conditions were a third of the provider's time, and compiling
    them on every visit half of what remained, issue 27)."""
    from gongkai.applications.letters_due import owes_a_letter

    owes_letter = owes_a_letter()
    columns = {field.attname: F(field.attname) for field in EVENT_FIELDS}
    events = Subquery(
        ApplicationEvent.objects.filter(application=OuterRef("pk"))
        .order_by()
        .values("application")
        .annotate(rows=_JSONRows(JSONObject(**columns, owes_letter=owes_letter)))
        .values("rows"),
        output_field=JSONField(),
    )
    return compiled(Application, event_rows=events)["event_rows"]


def _field_value(field, value):
    """A field's value as JSON carried it (dates as ISO text, numbers as numbers)."""
    if value is None:
        return None
    if isinstance(field, DateTimeField):
        moment = datetime.fromisoformat(value)
        # SQLite keeps UTC without an offset (USE_TZ)
        return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
    if isinstance(field, DateField):
        return date.fromisoformat(value)
    if isinstance(field, JSONField):
        # SQLite's json_object() holds a JSON column's text as a string
        return json.loads(value) if connection.vendor == "sqlite" else value
    return field.to_python(value)


def _hold_events(application: Application, rows) -> None:
    """The events read as JSON, as model instances in `application.events.all()` (ordered by
    (on, id), as ApplicationEvent.Meta orders them), each knowing its application."""
    events = []
    for row in rows or ():
        event = ApplicationEvent.from_db(
            connection.alias,
            [field.attname for field in EVENT_FIELDS],
            [_field_value(field, row[field.attname]) for field in EVENT_FIELDS],
        )
        event.owes_letter = bool(row["owes_letter"])
        event.application = application
        events.append(event)
    events.sort(key=lambda event: (event.on, event.pk))
    held = application.events.all()
    held._result_cache, held._prefetch_done = events, True
    application._prefetched_objects_cache = {"events": held}


def application_lines(*, user, agencies, today, calendar):
    handled = [agency for agency, roles in agencies.items() if roles & HANDLER_ROLES]
    approving = {agency: roles for agency, roles in agencies.items() if roles & APPROVER_ROLES}
    if not (handled or approving):
        return []
    horizon = Urgency.horizon(today=today, calendar=calendar)
    applications = shared(
        "applications",
        agencies,
        lambda: open_applications(agencies, today=today, calendar=calendar),
    )
    lines: list[DueLine] = []
    if handled:
        handled_ids = {agency.pk for agency in handled}
        waiting = [
            application
            for application in applications
            if application.agency_id in handled_ids and _waits_on_the_clock(application, horizon)
        ]
        lines += _clock_lines(waiting, today=today, calendar=calendar, horizon=horizon)
    if approving:
        lines += _extension_lines(user, approving, applications, today=today, calendar=calendar)
    return lines
