"""The public side of disclosure on application: apply online, then follow the application
with its tracking number and query code. Nothing personal is ever shown here."""

from __future__ import annotations

from django.conf import settings
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone

from gongkai.applications import transitions as t
from gongkai.applications.forms import (
    APPLICANT_FIELDS,
    CitizenCorrectionForm,
    OnlineApplicationForm,
    StatusLookupForm,
)
from gongkai.applications.letters import letter_response
from gongkai.applications.models import Application, EventKind
from gongkai.core.calendar import current_calendar
from gongkai.core.models import Agency
from gongkai.core.ratelimit import Limit

LOOKUP_FAILURES_ALLOWED = 10
APPLICATIONS = Limit(
    "applications", 3600, "本机提交申请过于频繁，请一小时后再提交；您填写的内容已保留"
)
LOOKUP_FAILURES = Limit("lookup-failures", 3600, "查询失败次数过多，请一小时后再试")
PUBLIC_EVENTS = {
    EventKind.RECEIPT_CONFIRMED,
    EventKind.CORRECTION_REQUESTED,
    EventKind.CORRECTED,
    EventKind.EXTENDED,
    EventKind.FEE_NOTICE,
    EventKind.FEE_PAID,
    EventKind.LATER_DATE_SET,
    EventKind.REPLIED,
    EventKind.DELIVERED,
    EventKind.WITHDRAWN,
    EventKind.ABANDONED,
}


def apply(request, prefix: str):
    agency = get_object_or_404(Agency, index_prefix=prefix)
    form = OnlineApplicationForm(request.POST or None, request.FILES or None)
    allowed = settings.APPLICATIONS_PER_HOUR
    if request.method == "POST" and (
        APPLICATIONS.reached(request, allowed)
        or (form.is_valid() and not APPLICATIONS.take(request, allowed))
    ):
        APPLICATIONS.refuse(form)  # the form comes back as filled in: nothing typed is lost
        return render(request, "portal/apply.html", {"agency": agency, "form": form}, status=429)
    if request.method == "POST" and form.is_valid():
        fields = {name: form.cleaned_data[name] for name in APPLICANT_FIELDS}
        application, code = t.submit_online(
            agency, today=timezone.localdate(), attachments=form.attachments(), **fields
        )
        request.session[f"status:{application.pk}"] = True
        request.session["new_query_code"] = code
        return redirect("portal:applied", tracking_number=application.tracking_number)
    return render(request, "portal/apply.html", {"agency": agency, "form": form})


def applied(request, tracking_number: str):
    application = _from_session(request, tracking_number)
    code = request.session.pop("new_query_code", None)
    return render(request, "portal/applied.html", {"application": application, "code": code})


def lookup(request):
    form = StatusLookupForm(request.POST or None)
    blocked = LOOKUP_FAILURES.reached(request, LOOKUP_FAILURES_ALLOWED)
    if request.method == "POST" and not blocked and form.is_valid():
        # counted as a failure before it is tried, so parallel guesses cannot pass the limit
        blocked = not LOOKUP_FAILURES.take(request, LOOKUP_FAILURES_ALLOWED)
    if request.method == "POST" and not blocked and form.is_valid():
        number = form.cleaned_data["tracking_number"].strip()
        application = Application.objects.filter(tracking_number=number).first()
        code = form.cleaned_data["query_code"]
        if application is not None and application.query_code_matches(code):
            LOOKUP_FAILURES.give_back(request)
            request.session[f"status:{application.pk}"] = True
            return redirect("portal:status", tracking_number=number)
        form.add_error(None, "申请编号或查询码不正确")  # never which of the two
    if blocked:
        LOOKUP_FAILURES.refuse(form, only=True)
    return render(request, "portal/lookup.html", {"form": form}, status=429 if blocked else 200)


def _from_session(request, tracking_number: str) -> Application:
    application = (
        Application.objects.filter(tracking_number=tracking_number).select_related("agency").first()
    )
    if application is None or not request.session.get(f"status:{application.pk}"):
        raise Http404
    return application


def status(request, tracking_number: str):
    application = _from_session(request, tracking_number)
    today = timezone.localdate()
    correction = CitizenCorrectionForm(request.POST or None)
    if request.method == "POST" and correction.is_valid():
        try:
            t.submit_correction_online(
                application, on=today, text=correction.cleaned_data["correction"]
            )
        except t.TransitionError as error:
            correction.add_error(None, str(error))
        else:
            return redirect(reverse("portal:status", args=[tracking_number]) + "#events")
    deadline = application.deadline(calendar=current_calendar(), today=today)
    events = [e for e in application.events.all() if e.kind in PUBLIC_EVENTS]
    return render(
        request,
        "portal/status.html",
        {
            "application": application,
            "deadline": deadline,
            "events": events,
            "letters": application.letters.filter(issued_on__isnull=False),
            "correction": correction if application.clock_state == "AWAITING_CORRECTION" else None,
        },
    )


def letter(request, tracking_number: str, letter_pk: int):
    """The applicant's own issued letters, for whoever holds the query code."""
    application = _from_session(request, tracking_number)
    issued = get_object_or_404(application.letters, pk=letter_pk, issued_on__isnull=False)
    return letter_response(issued)
