"""One POST handler for every declared step (core/steps.py), and what the one include
(office/steps.html) needs to render the offered steps with their forms.

The handler refuses a step not offered with the sentence the page states, and an
irreversible step without its tick (issue 24 point 9) — on the server, before anything
changes; then it validates the step's form and calls its transition."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone

from gongkai.applications.models import Application, Letter
from gongkai.applications.steps import AgencyIntake, AgencyLetterTemplate, ApplicationLetters
from gongkai.catalogue.channel_steps import AgencyChannels
from gongkai.catalogue.import_steps import AgencyImport
from gongkai.catalogue.models import Item
from gongkai.catalogue.steps import AgencyDrafting
from gongkai.core.accounts import AgencySettings, AgencyStaff, StaffAccount
from gongkai.core.calendar_steps import AgencyCalendar
from gongkai.core.steps import Offer, Step, confirmation_refusal, step_set_of, steps_for
from gongkai.core.transitions import TransitionError
from gongkai.core.uploads import UploadRefused
from gongkai.inspection.identity_settings import AgencyIdentity
from gongkai.interaction.models import Message
from gongkai.interaction.steps import AgencyAnswerPeriods, AgencyFaq
from gongkai.policies.models import CleanupBatch, Comment, Consultation, NormativeDocument
from gongkai.policies.steps import AgencyConsultations, AgencyPolicyRegister, PolicyItem
from gongkai.reports.check_steps import AgencyChecks
from gongkai.reports.models import AnnualReport
from gongkai.reports.steps import ReportYear
from gongkai.sitereport.models import ReportedSite, SiteReport
from gongkai.standards.models import Adoption, RegisterEntry, WorkPlan
from gongkai.standards.steps import (
    AgencyCatalogue,
    AgencyGuide,
    AgencyRegister,
    AgencyTask,
    AgencyWorkpoints,
    ApplicationRelease,
    ItemStandards,
)
from gongkai.submissions.models import Submission
from gongkai.submissions.steps import AgencySubmitting, CountyReporting


@dataclass(frozen=True)
class Route:
    """Where an object's page is and where its steps post: the domain knows no screen."""

    page: Callable[[object], str]
    action: Callable[[object, str], str]
    # where a step that made something new goes next (the new object's page), if not back
    after: Callable[[object], str | None] | None = None


def agency_route(page: str, action: str, **extra) -> Route:
    """A page-level step's route: the agency's page and its action, both with ?agency=."""
    return Route(
        lambda t: reverse(page) + f"?agency={t.agency.pk}",
        lambda t, name: reverse(action, args=[name]) + f"?agency={t.agency.pk}",
        **extra,
    )


def _channel_query(t) -> str:
    return f"?agency={t.agency.pk}" + (f"&item={t.item.pk}" if t.item else "")


ROUTES: dict[type, Route] = {
    Application: Route(
        lambda a: reverse("office:application", args=[a.pk]),
        lambda a, name: reverse("office:application_action", args=[a.pk, name]),
    ),
    Item: Route(
        lambda i: reverse("office:item", args=[i.pk]),
        lambda i, name: reverse("office:item_action", args=[i.pk, name]),
    ),
    NormativeDocument: Route(
        lambda r: reverse("office:policy_register") + f"?agency={r.agency_id}",
        lambda r, name: reverse("office:policy_action", args=[name]) + f"?agency={r.agency_id}",
    ),
    PolicyItem: Route(
        lambda p: reverse("office:item", args=[p.pk]),
        lambda p, name: reverse("office:policy_item", args=[p.pk, name]),
    ),
    AgencyPolicyRegister: agency_route(
        "office:policy_register",
        "office:policy_action",
        # a 清理 just started opens on its own page, to record the results
        after=lambda made: (
            reverse("office:policy_cleanup", args=[made.pk])
            if isinstance(made, CleanupBatch)
            else None
        ),
    ),
    AgencyConsultations: Route(
        lambda t: reverse("office:consultations") + f"?agency={t.agency.pk}",
        lambda t, name: reverse("office:consultations") + f"?agency={t.agency.pk}",
        after=lambda consultation: reverse("office:consultation", args=[consultation.pk]),
    ),
    Consultation: Route(
        lambda c: reverse("office:consultation", args=[c.pk]),
        lambda c, name: reverse("office:consultation_action", args=[c.pk, name]),
    ),
    Comment: Route(
        lambda c: reverse("office:consultation", args=[c.consultation_id]),
        lambda c, name: reverse("office:comment_action", args=[c.consultation_id, c.pk, name]),
    ),
    AnnualReport: Route(
        lambda r: reverse("office:report", args=[r.pk]),
        lambda r, name: (
            reverse("office:report_publish", args=[r.pk])
            if name == "publish"
            else reverse("office:report_step", args=[r.pk, name])
        ),
    ),
    Adoption: Route(
        lambda a: reverse("office:standards") + f"?agency={a.agency_id}",
        lambda a, name: reverse("office:standards_adoption_action", args=[a.pk, name]),
    ),
    RegisterEntry: Route(
        lambda e: reverse("office:standards_register") + f"?agency={e.agency_id}",
        lambda e, name: reverse("office:standards_entry_action", args=[e.pk, name]),
    ),
    Message: Route(
        lambda m: reverse("office:message", args=[m.pk]),
        lambda m, name: reverse("office:message_action", args=[m.pk, name]),
    ),
    AgencyCatalogue: agency_route("office:standards", "office:standards_catalogue_action"),
    AgencyRegister: agency_route("office:standards_register", "office:standards_register_action"),
    ItemStandards: Route(
        lambda t: reverse("office:standards_item", args=[t.pk]),
        lambda t, name: reverse("office:standards_item_action", args=[t.pk, name]),
    ),
    AgencyGuide: agency_route("office:standards_guide", "office:standards_guide_action"),
    AgencyWorkpoints: Route(
        lambda t: reverse("office:standards_workpoints") + f"?agency={t.agency.pk}&year={t.year}",
        lambda t, name: (
            reverse("office:standards_workpoints_action", args=[name])
            + f"?agency={t.agency.pk}&year={t.year}"
        ),
    ),
    WorkPlan: Route(
        lambda p: reverse("office:standards_workpoints") + f"?agency={p.issuer_id}&year={p.year}",
        lambda p, name: (
            reverse("office:standards_plan_action", args=[p.pk, name]) + f"?agency={p.issuer_id}"
        ),
    ),
    AgencyTask: Route(
        lambda t: (
            reverse("office:standards_workpoints")
            + f"?agency={t.agency.pk}&year={t.task.plan.year}"
        ),
        lambda t, name: (
            reverse("office:standards_task_action", args=[t.pk, name]) + f"?agency={t.agency.pk}"
        ),
    ),
    AgencyStaff: agency_route("office:admin_staff", "office:admin_staff_action"),
    StaffAccount: Route(
        lambda t: reverse("office:admin_staff") + f"?agency={t.agency.pk}",
        lambda t, name: (
            reverse("office:admin_account_action", args=[t.pk, name]) + f"?agency={t.agency.pk}"
        ),
    ),
    ApplicationRelease: Route(
        lambda t: reverse("office:standards_application", args=[t.pk]),
        lambda t, name: reverse("office:standards_application_action", args=[t.pk, name]),
        after=lambda item: reverse("office:item", args=[item.pk]),
    ),
    Submission: Route(
        lambda s: reverse("office:submission", args=[s.pk]),
        lambda s, name: reverse("office:submission_action", args=[s.pk, name]),
    ),
    CountyReporting: agency_route("office:submissions", "office:submission_reporting_action"),
    SiteReport: Route(
        lambda r: reverse("office:site_report") + f"?agency={r.agency_id}&year={r.year}",
        lambda r, name: reverse("office:site_report_action", args=[r.pk, name]),
    ),
    ReportedSite: agency_route(
        "office:site_report",
        "office:site_report_start",
        after=lambda r: reverse("office:site_report") + f"?agency={r.agency_id}&year={r.year}",
    ),
    ReportYear: Route(
        lambda t: reverse("office:reports") + f"?agency={t.agency.pk}",
        lambda t, name: reverse("office:report_start", args=[t.year]) + f"?agency={t.agency.pk}",
        after=lambda report: reverse("office:report", args=[report.pk]),
    ),
    AgencyChannels: Route(
        lambda t: reverse("office:channels") + _channel_query(t),
        lambda t, name: reverse("office:channels_action", args=[name]) + _channel_query(t),
    ),
    AgencyImport: Route(
        lambda t: reverse("office:import") + f"?agency={t.agency.pk}",
        lambda t, name: reverse("office:import_action", args=[name]) + f"?agency={t.agency.pk}",
        # the imported rows wait in the items' list (for review, or published)
        after=lambda items: (
            reverse("office:items") + f"?agency={items[0].agency_id}" if items else None
        ),
    ),
    AgencyDrafting: Route(
        lambda t: reverse("office:item_new") + f"?agency={t.agency.pk}",
        lambda t, name: reverse("office:item_new") + f"?agency={t.agency.pk}",
        after=lambda item: reverse("office:item", args=[item.pk]),  # the draft, to go on with
    ),
    AgencySettings: agency_route("office:admin_settings", "office:admin_settings_action"),
    AgencyIdentity: agency_route("office:admin_settings", "office:admin_identity_action"),
    AgencyLetterTemplate: Route(
        lambda t: reverse("office:admin_letters") + f"?agency={t.agency.pk}",
        lambda t, name: (
            reverse("office:admin_letter_template_action", args=[t.kind.value, name])
            + f"?agency={t.agency.pk}"
        ),
    ),
    AgencyIntake: Route(
        lambda t: reverse("office:application_new") + f"?agency={t.agency.pk}",
        lambda t, name: reverse("office:application_new") + f"?agency={t.agency.pk}",
        # the new application's page, where its receipt is drafted next
        after=lambda registered: reverse("office:application", args=[registered[0].pk]),
    ),
    ApplicationLetters: Route(
        lambda t: reverse("office:application", args=[t.pk]) + "#letters",
        lambda t, name: reverse("office:letter_new", args=[t.pk]),
    ),
    Letter: Route(
        lambda letter: reverse("office:application", args=[letter.application_id]) + "#letters",
        lambda letter, name: reverse(
            "office:letter_update", args=[letter.application_id, letter.pk, name]
        ),
    ),
    AgencyFaq: agency_route(
        "office:messages",
        "office:faq_action",
        # the new entry's page, where a reviewer approves it
        after=lambda message: reverse("office:message", args=[message.pk]),
    ),
    AgencyAnswerPeriods: agency_route("office:answer_periods", "office:answer_periods_action"),
    CleanupBatch: Route(
        lambda b: reverse("office:policy_cleanup", args=[b.pk]),
        lambda b, name: reverse("office:cleanup_action", args=[b.pk, name]),
    ),
    # 报送: the page's one form posts to itself; the new submission's page comes next
    AgencySubmitting: Route(
        lambda t: reverse("office:submission_new") + f"?agency={t.agency.pk}",
        lambda t, name: reverse("office:submission_new") + f"?agency={t.agency.pk}",
        after=lambda sub: reverse("office:submission", args=[sub.pk]),
    ),
    AgencyCalendar: Route(
        lambda t: reverse("office:holidays") + f"?agency={t.agency.pk}",
        lambda t, name: reverse("office:holidays") + f"?agency={t.agency.pk}",
    ),
    # 开始核查 posts to the page, 核查已发布的年度报告 to its own URL; the run's page next
    AgencyChecks: Route(
        lambda t: reverse("office:checks") + f"?agency={t.agency.pk}",
        lambda t, name: (
            reverse("office:checks" if name == "upload" else "office:check_published")
            + f"?agency={t.agency.pk}"
        ),
        after=lambda run: reverse("office:check_run", args=[run.pk]),
    ),
}


def route(obj) -> Route:
    return next(ROUTES[k] for k in type(obj).__mro__ if k in ROUTES)


@dataclass
class StepRow:
    step: Step
    form: object
    url: str
    hint: str = ""
    open: bool = False  # shown unfolded (the page narrowed its drop-down by a search)

    @property
    def multipart(self) -> bool:
        return bool(self.form is not None and self.form.is_multipart())


def offered_steps(
    offer: Offer, *, hints: dict[str, str] | None = None, apart: tuple[str, ...] = ()
) -> list[StepRow]:
    """The offered steps of `offer`, each with an unbound form and the URL it posts to;
    `apart` names steps the page renders elsewhere (beside an attachment)."""
    action = route(offer.obj).action
    return [
        StepRow(
            step,
            step.make_form(offer.obj),
            action(offer.obj, step.name),
            (hints or {}).get(step.name, ""),
        )
        for step in offer.offered
        if step.name not in apart
    ]


def step_context(obj, user, *, today, read_only=False, hints=None, apart=(), roles=None) -> dict:
    """The include's context: the offered steps and the refusals the page states; `roles`
    when the page has read the user's roles once for many objects of one agency."""
    if read_only:
        return {"step_rows": [], "step_refusals": [], "step_offer": ()}
    offer = steps_for(obj, user, today=today, roles=roles)
    return {
        "step_rows": offered_steps(offer, hints=hints, apart=apart),
        "step_refusals": offer.visible_refusals(),
        "step_offer": offer,
    }


def take_step(request, obj, name: str, *, back: str | None = None, data=None, invalid=None):
    """Take step `name` on `obj` for request.user, or say why not; redirect to the page.

    `invalid(form)`, for a page whose form is long (an application's entry, the agency's
    settings): a form the step refuses — by its own validation or by the transition — is
    rendered again, bound, with its errors, so nothing typed is lost."""
    step_set = step_set_of(obj)
    step = step_set.get(name)
    if step is None:
        raise Http404
    back = back or route(obj).page(obj)
    today = timezone.localdate()
    offer = steps_for(obj, request.user, today=today)
    if name not in offer:
        # the same sentence steps_for gives the page
        messages.error(request, f"{step.label}：{offer.refusal(name).sentence}")
        return redirect(back)
    form = step.make_form(obj, request.POST if data is None else data, request.FILES)
    if form is not None and not form.is_valid():
        if invalid is not None:
            return invalid(form)
        # once each: two choices left empty say "请选择文件" once
        errors = "；".join(dict.fromkeys(e for field in form.errors.values() for e in field))
        messages.error(request, f"{step.label}：{errors}")
        return redirect(back)
    refusal = confirmation_refusal(step, request.POST)
    if refusal:
        messages.error(request, refusal)
        return redirect(back)
    try:
        result = step.run(obj, by=request.user, today=today, data=form.cleaned_data if form else {})
    except (TransitionError, UploadRefused) as error:
        if invalid is not None and form is not None:
            form.add_error(None, str(error))
            return invalid(form)
        messages.error(request, f"{step.label}：{error}")
    else:
        messages.success(request, step.done(result) if step.done else f"已{step.label}")
        if step.notice and (warning := step.notice(result)):
            messages.warning(request, f"提示：{warning}")
        if (after := route(obj).after) and (onward := after(result)):
            return redirect(onward)
    return redirect(back)
