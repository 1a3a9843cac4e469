"""The public side of 互动交流: ask an agency (咨询, 建议, 投诉), report an error on a page
(我为政府网站找错), follow one's message with its number and query code, read and search the
agency's 常见问题, and — on the application form — see published items that may already
answer what one is about to apply for. Nothing personal is ever shown here."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone

from gongkai.catalogue.search import search
from gongkai.core.models import Agency
from gongkai.core.ratelimit import Limit, limited
from gongkai.interaction import transitions as t
from gongkai.interaction.forms import ErrorReportForm, FaqSearchForm, LookupForm, QuestionForm
from gongkai.interaction.models import Kind, Message, Status
from gongkai.interaction.search import matching

MESSAGES_PER_HOUR = 10
MESSAGES = Limit("messages", 3600, "本机提交留言过于频繁，请一小时后再提交；您填写的内容已保留")
LOOKUPS_ALLOWED = 10
LOOKUP_FAILURES = Limit("message-lookup-failures", 3600, "查询失败次数过多，请一小时后再试")
NUMBER_FAILURES = Limit("message-number-failures", 3600, LOOKUP_FAILURES.message)
FAQ_PER_PAGE = 20
SUGGESTIONS = 5


def _session_key(message: Message) -> str:
    return f"message:{message.pk}"


def _submit(request, agency: Agency, form, *, kind: str | None, template: str, context: dict):
    """The one path of both public forms: the count first (nothing typed is lost when
    refused), then the transition, then the page that shows the number and code once."""
    if request.method == "POST" and (
        MESSAGES.reached(request, MESSAGES_PER_HOUR)
        or (form.is_valid() and not MESSAGES.take(request, MESSAGES_PER_HOUR))
    ):
        MESSAGES.refuse(form)
        return render(request, template, {**context, "form": form}, status=429)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            message, code = t.submit(
                agency, today=timezone.localdate(), kind=kind or data.pop("kind"), **data
            )
        except t.TransitionError as error:
            form.add_error(None, str(error))
        else:
            request.session[_session_key(message)] = True
            request.session["new_message_code"] = code
            return redirect("portal:message_sent", tracking_number=message.tracking_number)
    status = 400 if request.method == "POST" else 200
    return render(request, template, {**context, "form": form}, status=status)


@limited(MESSAGES)
def ask(request, prefix: str):
    agency = get_object_or_404(Agency, index_prefix=prefix)
    form = QuestionForm(request.POST or None, initial={"kind": request.GET.get("kind", "consult")})
    return _submit(
        request,
        agency,
        form,
        kind=None,
        template="portal/interaction/ask.html",
        context={"agency": agency},
    )


def _site_agency(request) -> Agency:
    """The agency whose page is reported (?agency=), else the platform's top agency."""
    prefix = request.GET.get("agency", "").strip()
    agency = Agency.objects.filter(index_prefix=prefix).first() if prefix else None
    if agency is None:
        agency = Agency.objects.filter(parent__isnull=True).order_by("pk").first()
    if agency is None:
        raise Http404
    return agency


@limited(MESSAGES)
def report_error(request):
    """我为政府网站找错: the page's address comes filled in from the footer's link."""
    agency = _site_agency(request)
    page = request.GET.get("page", "").strip()[:500]
    form = ErrorReportForm(request.POST or None, initial={"page_url": page})
    return _submit(
        request,
        agency,
        form,
        kind=Kind.ERROR,
        template="portal/interaction/report_error.html",
        context={"agency": agency},
    )


def _shown(request, tracking_number: str) -> Message:
    message = (
        Message.objects.filter(tracking_number=tracking_number).select_related("agency").first()
    )
    if message is None or not request.session.get(_session_key(message)):
        raise Http404
    return message


def sent(request, tracking_number: str):
    message = _shown(request, tracking_number)
    code = request.session.pop("new_message_code", None)
    return render(
        request,
        "portal/interaction/sent.html",
        {"message": message, "code": code, "agency": message.agency},
    )


@limited(LOOKUP_FAILURES)
def lookup(request):
    """Wrong codes are counted per address and per number, as for applications
    (portal/applications.py lookup); the answer never tells which of the two was wrong."""
    number = request.GET.get("number", "").strip()[:32]
    form = LookupForm(request.POST or None, initial={"tracking_number": number})
    blocked = LOOKUP_FAILURES.reached(request, LOOKUPS_ALLOWED)
    if request.method == "POST" and form.is_valid():
        number = form.cleaned_data["tracking_number"].strip()
        number_free = NUMBER_FAILURES.take(request, LOOKUPS_ALLOWED, subject=number)
        address_free = LOOKUP_FAILURES.take(request, LOOKUPS_ALLOWED)
        blocked = not (number_free and address_free)
        if number_free:
            message = Message.objects.filter(tracking_number=number).first()
            if message is not None and message.query_code_matches(form.cleaned_data["query_code"]):
                LOOKUP_FAILURES.give_back(request)
                NUMBER_FAILURES.give_back(request, subject=number)
                request.session[_session_key(message)] = True
                return redirect("portal:message_status", tracking_number=number)
            if not blocked:
                form.add_error(None, "留言编号或查询码不正确")
    if blocked:
        LOOKUP_FAILURES.refuse(form, only=True)
    return render(
        request, "portal/interaction/lookup.html", {"form": form}, status=429 if blocked else 200
    )


def status(request, tracking_number: str):
    try:
        message = _shown(request, tracking_number)
    except Http404:
        return redirect(reverse("portal:message_lookup") + f"?number={tracking_number[:32]}")
    return render(
        request,
        "portal/interaction/status.html",
        {"message": message, "agency": message.agency, "open": message.is_open},
    )


def faq(request, prefix: str):
    """常见问题 / 政策问答: the agency's published answers, newest first, searchable; the
    question as staff published it, never the asker."""
    agency = get_object_or_404(Agency, index_prefix=prefix)
    form = FaqSearchForm(request.GET or None)
    query = form.cleaned_data["q"].strip() if form.is_valid() else ""
    entries = faq_entries(agency, query)
    page = Paginator(entries, FAQ_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "portal/interaction/faq.html",
        {"agency": agency, "form": form, "query": query, "page": page},
    )


def faq_entries(agency: Agency, query: str = ""):
    """One agency's published answers holding every word of `query` in the question or the
    answer, newest first (interaction/search.py: the catalogue's words, their own GIN-indexed
    table on PostgreSQL; message_faq orders the agency's published rows when there is no
    query)."""
    entries = (
        Message.objects.published()
        .filter(agency=agency)
        .order_by("-published_on", "-pk")
        .only("pk", "kind", "public_question", "answer", "published_on", "agency_id")
    )
    return matching(entries, agency, query)


def faq_entry(request, prefix: str, pk: int):
    agency = get_object_or_404(Agency, index_prefix=prefix)
    entry = get_object_or_404(
        Message.objects.published().filter(agency=agency, status=Status.ANSWERED), pk=pk
    )
    return render(request, "portal/interaction/faq_entry.html", {"agency": agency, "entry": entry})


def suggestions(request, prefix: str):
    """Check before you ask: published items of the agency matching what an applicant is
    typing as the title of the information they want (the application form asks this as
    they type; without script its 先查一查 link opens the search page)."""
    agency = get_object_or_404(Agency, index_prefix=prefix)
    query = request.GET.get("q", "").strip()[:50]
    found = search(query, agency=agency)[:SUGGESTIONS] if len(query) >= 2 else []
    return JsonResponse(
        {
            "items": [
                {
                    "title": item.title,
                    "index_number": item.index_number,
                    "url": reverse("portal:item", args=[item.pk]),
                }
                for item in found
            ]
        },
        json_dumps_params={"ensure_ascii": False},
    )
