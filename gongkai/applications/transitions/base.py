"""The recipe every step on an existing application follows (DESIGN.md): check who acts and
the state, lock the row, check the step as applications/steps.py declares it, record the
event, recompute the deadline with the statute's engine, save only what changed, audit, and
tell the applicant by e-mail once the transaction commits.

Steps are dated in order and never in the future (条例第三十三条: a notice dated back inside
the period would make an overdue application look answered in time), nor in a year whose
annual report is locked."""

from __future__ import annotations

from datetime import date

from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone

from gongkai.applications.models import (
    Application,
    ApplicationEvent,
    EventKind,
    Status,
)
from gongkai.core.audit import audit
from gongkai.core.calendar import calendar_for
from gongkai.core.dates import chinese_date as cn
from gongkai.core.models import User
from gongkai.core.roles import HANDLERS
from gongkai.core.transitions import TransitionError, require_role
from gongkai.statute.deadlines import ClockState
from gongkai.statute.workdays import WorkdayDate

DEADLINE_FIELDS = ["clock_state", "due_on", "due_is_provisional", "updated_at"]


def _locked(application: Application) -> Application:
    return Application.objects.select_for_update().get(pk=application.pk)


def _step(
    application: Application,
    *,
    by: User,
    on: date,
    kind: EventKind,
    roles=HANDLERS,
    statuses=(Status.OPEN,),
    check=None,
    changes=None,
    event=None,
    audit_data: dict | None = None,
    tell=None,
    then: tuple[tuple[EventKind, dict], ...] = (),
    also=None,
) -> Application:
    """The recipe shared by every step on an existing application. `then` lists further
    events that belong to the same step (a fee notice also pauses the clock), recorded in
    the same transaction; `also(locked)` writes the step's other rows there too (a reply's
    links to the published items it names)."""
    require_role(by, application.agency, roles)
    with transaction.atomic():
        locked = _locked(application)
        if locked.status not in statuses:
            raise TransitionError(f"申请当前为“{locked.get_status_display()}”，不能{kind.label}")
        _require_in_order(locked, on, kind)
        if check:
            check(locked)
        _check_declared(locked, kind, by=by, on=on)
        if callable(changes):  # known only under the row lock (a reply's lateness)
            changes = changes(locked)
        for name, value in (changes or {}).items():
            setattr(locked, name, value)
        fields = event(locked) if callable(event) else (event or {})
        ApplicationEvent.objects.create(application=locked, kind=kind, on=on, by=by, **fields)
        for follow_kind, follow_fields in then:
            ApplicationEvent.objects.create(
                application=locked, kind=follow_kind, on=on, by=by, **follow_fields
            )
        try:
            locked.refresh_deadline(calendar=calendar_for(locked.agency), today=on)
        except ValueError as error:  # the engine refuses an impossible sequence
            raise TransitionError(str(error)) from None
        locked.save(update_fields=[*(changes or {}), *DEADLINE_FIELDS])
        if also:
            also(locked)
        audit(by, f"application.{kind.value}", obj=locked, on=str(on), **(audit_data or {}))
        if tell:
            _notify(locked, *(tell(locked) if callable(tell) else tell))
    application.refresh_from_db()
    return application


def _check_declared(locked: Application, kind: EventKind, *, by: User, on: date) -> None:
    """The step as applications/steps.py declares it, checked under the lock: what the page
    offers and what the transition allows cannot drift apart."""
    from gongkai.applications.steps import STEP_OF_EVENT  # it imports this module
    from gongkai.core.steps import check

    if kind in STEP_OF_EVENT:
        check(locked, STEP_OF_EVENT[kind], user=by, today=on)


def _check_declared_step(locked: Application, name: str, *, by: User, on: date) -> None:
    from gongkai.core.steps import check

    check(locked, name, user=by, today=on)


def _require_in_order(locked: Application, on: date, kind: EventKind) -> None:
    """A step happens on or after the receipt and the previous step, and not in the future:
    otherwise a clerk could date a notice back inside the period and make an overdue
    application look answered in time (条例第三十三条)."""
    today = timezone.localdate()
    if on > today:
        raise TransitionError(f"{kind.label}的日期（{cn(on)}）不能晚于今天（{cn(today)}）")
    if locked.received_on and on < locked.received_on:
        raise TransitionError(
            f"{kind.label}的日期（{cn(on)}）不能早于收到申请的日期（{cn(locked.received_on)}）"
        )
    if locked.submitted_on and on < locked.submitted_on:
        raise TransitionError(
            f"{kind.label}的日期（{cn(on)}）不能早于提交申请的日期（{cn(locked.submitted_on)}）"
            "（条例第三十一条）"
        )
    previous = locked.events.order_by("-on", "-id").first()
    if previous is not None and on < previous.on:
        raise TransitionError(
            f"{kind.label}的日期（{cn(on)}）不能早于上一办理步骤"
            f"“{previous.get_kind_display()}”的日期（{cn(previous.on)}）；办理记录按时间顺序登记"
        )
    if locked.concluded_on and on < locked.concluded_on:
        raise TransitionError(f"{kind.label}的日期不能早于办结日期（{cn(locked.concluded_on)}）")
    from gongkai.core.year_lock import locked_year_reason

    reason = locked_year_reason(locked.agency, on.year)
    if reason:
        raise TransitionError(reason)


def _clock(application: Application, *, today: date):
    return application.deadline(calendar=calendar_for(application.agency), today=today)


def _require_running(locked: Application, on: date, message: str) -> None:
    if _clock(locked, today=on).state is not ClockState.RUNNING:
        raise TransitionError(message)


def _open_pause(locked: Application) -> ApplicationEvent | None:
    """The pause started and not yet ended. A consultation stays open until its answer is
    recorded, even past its 15 working days (the engine stops counting it then); a fee stays
    open until it is paid or waived."""
    started = list(locked.events.filter(kind=EventKind.PAUSE_STARTED).order_by("on", "id"))
    ended = locked.events.filter(kind=EventKind.PAUSE_ENDED).count()
    return started[-1] if len(started) > ended else None


def _unarranged_note(end: WorkdayDate, printed: date) -> str:
    if not end.provisional or end.date == printed:
        return ""
    return (
        f"（期限涉及国务院办公厅尚未公布节假日安排的年份，按法定节日计算为{cn(printed)}；"
        f"公布安排前以可能的最晚届满日{cn(end.date)}为准）"
    )


def _conclude(
    application: Application,
    *,
    by: User,
    on: date,
    outcome: str,
    kind: EventKind,
    note: str,
    check=None,
    tell=None,
) -> Application:
    return _step(
        application,
        by=by,
        on=on,
        kind=kind,
        check=check,
        changes={"status": Status.CONCLUDED, "outcome": outcome, "concluded_on": on},
        event={"note": note},
        audit_data={"outcome": outcome},
        tell=tell,
    )


def _notify(application: Application, subject: str, body: str) -> None:
    if application.email:
        transaction.on_commit(
            lambda: send_mail(subject, body, None, [application.email], fail_silently=True)
        )
