"""The public side of disclosure on application: apply online, then follow the application
with its tracking number and query code. Nothing personal is ever shown here."""

from __future__ import annotations

from functools import wraps
from urllib.parse import urlencode

from django.conf import settings
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone

from gongkai.applications import transitions as t
from gongkai.applications.citizen import fee_summary, paused_because
from gongkai.applications.forms import (
    APPLICANT_FIELDS,
    CitizenCorrectionForm,
    OnlineApplicationForm,
    ResendCodeForm,
    StatusLookupForm,
)
from gongkai.applications.letters import letter_response
from gongkai.applications.models import Application, EventKind
from gongkai.applications.query_code import reissue_query_code
from gongkai.applications.wording import published_items_told
from gongkai.core.calendar import calendar_for
from gongkai.core.models import Agency
from gongkai.core.ratelimit import Limit, limited

LOOKUP_FAILURES_ALLOWED = 10
APPLICATIONS = Limit(
    "applications", 3600, "本机提交申请过于频繁，请一小时后再提交；您填写的内容已保留"
)
LOOKUP_FAILURES = Limit("lookup-failures", 3600, "查询失败次数过多，请一小时后再试")
# the same count per tracking number, whatever the address (refused with the same sentence)
NUMBER_FAILURES = Limit("lookup-number-failures", 3600, LOOKUP_FAILURES.message)
CORRECTIONS_PER_HOUR = 10
CORRECTIONS = Limit(
    "corrections", 3600, "本机提交补正过于频繁，请一小时后再提交；您填写的内容已保留"
)
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


def _ask_for_query_code(tracking_number: str):
    """A status page opened without the query code (a bookmark, another device, an expired
    session) asks for it, whether or not the number exists: the answer never tells."""
    url = reverse("portal:lookup") + "?" + urlencode({"number": tracking_number[:32]})
    return redirect(url)


def _shown_to(request, tracking_number: str) -> Application | None:
    application = (
        Application.objects.filter(tracking_number=tracking_number).select_related("agency").first()
    )
    if application is None or not request.session.get(f"status:{application.pk}"):
        return None
    return application


def needs_query_code(view):
    """The view runs once this browser has given the application's query code."""

    @wraps(view)
    def wrapper(request, tracking_number: str, **kwargs):
        if _shown_to(request, tracking_number) is None:
            return _ask_for_query_code(tracking_number)
        return view(request, tracking_number, **kwargs)

    return wrapper


@limited(APPLICATIONS)
def apply(request, prefix: str):
    agency = get_object_or_404(Agency, index_prefix=prefix)
    form = OnlineApplicationForm(request.POST or None, request.FILES or None)
    allowed = settings.APPLICATIONS_PER_HOUR
    if request.method == "POST" and (
        APPLICATIONS.reached(request, allowed)
        or (form.is_valid() and not APPLICATIONS.take(request, allowed))
    ):
        APPLICATIONS.refuse(form)  # the form comes back as filled in: nothing typed is lost
        return render(request, "portal/apply.html", _apply_context(agency, form), status=429)
    if request.method == "POST" and form.is_valid():
        fields = {name: form.cleaned_data[name] for name in APPLICANT_FIELDS}
        application, code = t.submit_online(
            agency, today=timezone.localdate(), attachments=form.attachments(), **fields
        )
        request.session[f"status:{application.pk}"] = True
        request.session["new_query_code"] = code
        return redirect("portal:applied", tracking_number=application.tracking_number)
    return render(request, "portal/apply.html", _apply_context(agency, form))


def _apply_context(agency: Agency, form) -> dict:
    return {"agency": agency, "form": form, "retention_years": settings.RETENTION_YEARS}


@needs_query_code
def applied(request, tracking_number: str):
    application = _from_session(request, tracking_number)
    code = request.session.pop("new_query_code", None)
    return render(request, "portal/applied.html", {"application": application, "code": code})


@limited(LOOKUP_FAILURES)
def lookup(request):
    """Wrong codes are counted twice: per address (one guesser) and per tracking number (many
    addresses guessing one application). A blocked number refuses every try; a blocked address
    still lets the right code through — a village service point shares one address, and the
    wrong codes of the visitor before must not lock out the applicant who holds the code."""
    form = StatusLookupForm(request.POST or None, initial={"tracking_number": _number(request)})
    blocked = LOOKUP_FAILURES.reached(request, LOOKUP_FAILURES_ALLOWED)
    if request.method == "POST" and form.is_valid():
        number = form.cleaned_data["tracking_number"].strip()
        # counted as failures before the code is tried, so parallel guesses cannot pass
        # either limit; a right code gives both back
        number_free = NUMBER_FAILURES.take(request, LOOKUP_FAILURES_ALLOWED, subject=number)
        address_free = LOOKUP_FAILURES.take(request, LOOKUP_FAILURES_ALLOWED)
        blocked = not (number_free and address_free)
        if number_free:
            application = Application.objects.filter(tracking_number=number).first()
            code = form.cleaned_data["query_code"]
            if application is not None and application.query_code_matches(code):
                LOOKUP_FAILURES.give_back(request)
                NUMBER_FAILURES.give_back(request, subject=number)
                request.session[f"status:{application.pk}"] = True
                return redirect("portal:status", tracking_number=number)
            if not blocked:
                form.add_error(None, "申请编号或查询码不正确")  # never which of the two
    if blocked:
        LOOKUP_FAILURES.refuse(form, only=True)
    return render(request, "portal/lookup.html", {"form": form}, status=429 if blocked else 200)


RESENDS_ALLOWED = 5  # per visitor address per hour, whether or not anything was sent
RESENDS = Limit("code-resends", 3600, "找回查询码的次数过多，请一小时后再试")
SAME_ANSWER = (
    "如果申请编号和您填写的联系方式与申请时一致，新的查询码已经发送到申请时填写的电子邮箱，"
    "原查询码随即失效。请查收邮件（也请看看垃圾邮件）。申请时没有填写电子邮箱的，"
    "请携带身份证件到受理机关，或者致电受理机关查询。"
)


@limited(RESENDS)
def resend_code(request):
    """找回查询码: the same answer whether or not an application matched."""
    form = ResendCodeForm(request.POST or None, initial={"tracking_number": _number(request)})
    if request.method == "POST" and (
        RESENDS.reached(request, RESENDS_ALLOWED)
        or (form.is_valid() and not RESENDS.take(request, RESENDS_ALLOWED))
    ):
        RESENDS.refuse(form)
        return render(request, "portal/resend_code.html", {"form": form}, status=429)
    if request.method == "POST" and form.is_valid():
        reissue_query_code(
            form.cleaned_data["tracking_number"], contact=form.cleaned_data["contact"]
        )
        return render(request, "portal/resend_code.html", {"form": None, "sent": SAME_ANSWER})
    return render(request, "portal/resend_code.html", {"form": form})


def _number(request) -> str:
    """A tracking number carried in the address (?number=…), to fill in the lookup form."""
    return request.GET.get("number", "").strip()[:32]


def _from_session(request, tracking_number: str) -> Application:
    application = _shown_to(request, tracking_number)
    if application is None:
        raise Http404
    return application


@limited(CORRECTIONS)
@needs_query_code
def status(request, tracking_number: str):
    application = _from_session(request, tracking_number)
    today = timezone.localdate()
    correction = CitizenCorrectionForm(request.POST or None)
    if request.method == "POST" and (
        CORRECTIONS.reached(request, CORRECTIONS_PER_HOUR)
        or (correction.is_valid() and not CORRECTIONS.take(request, CORRECTIONS_PER_HOUR))
    ):
        CORRECTIONS.refuse(correction)
        context = _status_context(application, correction, today)
        return render(request, "portal/status.html", context, status=429)
    if request.method == "POST" and correction.is_valid():
        try:
            t.submit_correction_online(
                application, on=today, text=correction.cleaned_data["correction"]
            )
        except t.TransitionError as error:
            correction.add_error(None, str(error))
        else:
            return redirect(reverse("portal:status", args=[tracking_number]) + "#events")
    return render(request, "portal/status.html", _status_context(application, correction, today))


def _status_context(application: Application, correction, today) -> dict:
    return {
        "application": application,
        "deadline": application.deadline(calendar=calendar_for(application.agency), today=today),
        "paused_because": paused_because(application),
        "fee": fee_summary(application),
        "events": [e for e in application.events.all() if e.kind in PUBLIC_EVENTS],
        "letters": application.letters.filter(issued_on__isnull=False),
        # 条例第三十六条第一项: the published items the reply named, as it named them
        "published_items": published_items_told(application.reply_details)
        if application.outcome
        else [],
        "correction": correction if application.clock_state == "AWAITING_CORRECTION" else None,
    }


@needs_query_code
def letter(request, tracking_number: str, letter_pk: int):
    """The applicant's own issued letters, for whoever holds the query code."""
    application = _from_session(request, tracking_number)
    issued = get_object_or_404(application.letters, pk=letter_pk, issued_on__isnull=False)
    return letter_response(issued)
