"""Public pages of policy documents: the county's 政策文件库 (with its XLSX export), and
consultations (意见征集) with their comment form. Contact data is never shown."""

from __future__ import annotations

from django import forms
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html_join
from django.utils.text import Truncator

from gongkai.catalogue.models import Category
from gongkai.core.dates import chinese_date
from gongkai.core.http import download_response
from gongkai.core.models import Agency
from gongkai.core.ratelimit import Limit, limited
from gongkai.core.transitions import TransitionError
from gongkai.policies import library as lib
from gongkai.policies import transitions as p
from gongkai.policies.models import CommentStatus, Consultation

PAGE = 50
COMMENTS_PER_HOUR = 10


def _filters(request, root: Agency) -> dict:
    chosen = request.GET.get("agency", "")
    agency = Agency.objects.filter(index_prefix=chosen).first() if chosen else None
    category = request.GET.get("category", "")
    year = request.GET.get("year", "")
    return {
        "agency": agency,
        "category_id": int(category) if category.isdigit() else None,
        "year": int(year) if year.isdigit() and 1949 <= int(year) <= 2100 else None,
        "query": request.GET.get("q", ""),
    }


ROW_FIELDS = (
    "pk",
    "item_id",
    "registration_number",
    "effective_on",
    "valid_until",
    "item__title",
    "item__document_number",
    "item__category__name",
    "agency__name",
)


def _options(pairs, selected) -> str:
    """<option>s built once in Python: a county's hundred agencies and the subject tree
    would otherwise cost the page more than its query (bench/policies.py)."""
    return format_html_join(
        "",
        '<option value="{}"{}>{}</option>',
        ((value, " selected" if value == selected else "", label) for value, label in pairs),
    )


def _category_options(selected: int | None) -> str:
    roots = (
        Category.objects.filter(parent__isnull=True, agency__isnull=True)
        .exclude(source="column")
        .prefetch_related("children")
    )
    return format_html_join(
        "",
        '<optgroup label="{}">{}</optgroup>',
        (
            (
                root.name,
                _options(
                    ((c.pk, Truncator(c.name).chars(14)) for c in root.children.all()), selected
                ),
            )
            for root in roots
        ),
    )


def library(request, prefix: str):
    root = get_object_or_404(Agency, index_prefix=prefix)
    today = timezone.localdate()
    filters = _filters(request, root)
    ids = lib.agency_tree_ids(root)
    records = lib.in_force_documents(root, today=today, ids=ids, **filters).order_by("-pk")
    before = request.GET.get("before", "")
    if before.isdigit():
        records = records.filter(pk__lt=int(before))
    page = list(records.values(*ROW_FIELDS)[: PAGE + 1])
    more = len(page) > PAGE
    page = page[:PAGE]
    item_url = reverse("portal:item", args=[0])[: -len("0/")]
    for row in page:
        row["url"] = f"{item_url}{row['item_id']}/"
        row["effective"] = chinese_date(row["effective_on"])
        row["until"] = chinese_date(row["valid_until"])
    lapsed = []
    if not page and filters["query"] and not before:
        lapsed = list(lib.by_number(root, filters["query"], ids=ids)[:5])
        for record in lapsed:
            record.current = record.currency(today)
    query = request.GET.copy()
    query.pop("before", None)
    agencies = Agency.objects.filter(pk__in=ids).order_by("level", "name")
    chosen = filters["agency"].index_prefix if filters["agency"] else None
    return render(
        request,
        "portal/policies/library.html",
        {
            "agency": root,
            "records": page,
            "lapsed": lapsed,
            "next_cursor": page[-1]["pk"] if more else "",
            "query": query.urlencode(),
            "filters": filters,
            "agency_options": _options(agencies.values_list("index_prefix", "name"), chosen),
            "category_options": _category_options(filters["category_id"]),
            "today": today,
        },
    )


def library_xlsx(request, prefix: str):
    root = get_object_or_404(Agency, index_prefix=prefix)
    today = timezone.localdate()
    records = lib.in_force_documents(root, today=today, **_filters(request, root))
    title = f"{root.name}现行有效行政规范性文件目录（{chinese_date(today)}）"
    return download_response(f"{title}.xlsx", lib.XLSX, lib.xlsx(records, today, title))


def consultations(request, prefix: str):
    agency = get_object_or_404(Agency, index_prefix=prefix)
    return render(
        request,
        "portal/policies/consultations.html",
        {
            "agency": agency,
            "consultations": Consultation.objects.filter(agency=agency).select_related(
                "draft", "feedback_item"
            ),
            "today": timezone.localdate(),
        },
    )


class CommentForm(forms.Form):
    name = forms.CharField(label="姓名（可不填）", max_length=50, required=False)
    contact = forms.CharField(
        label="联系方式（电话或电子邮箱，仅用于答复，不会公开）",
        max_length=100,
        error_messages={"required": "请留下联系方式，以便答复"},
    )
    text = forms.CharField(
        label="意见建议",
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"required": "请填写您的意见建议", "max_length": "意见请控制在3000字以内"},
    )


COMMENTS = Limit("comments", 3600, "本机提交意见过于频繁，请一小时后再提交；您填写的内容已保留")


@limited(COMMENTS)
def consultation(request, pk: int):
    found = get_object_or_404(
        Consultation.objects.select_related("agency", "draft", "feedback_item", "final_document"),
        pk=pk,
    )
    today = timezone.localdate()
    form = CommentForm(request.POST or None)
    status = 200
    if request.method == "POST" and (
        COMMENTS.reached(request, COMMENTS_PER_HOUR)
        or (form.is_valid() and not COMMENTS.take(request, COMMENTS_PER_HOUR))
    ):
        # counted before the comment is stored, per visitor (gongkai.core.client), so
        # neither one visitor nor parallel posts can close the form for everyone
        COMMENTS.refuse(form)
        status = 429
    elif request.method == "POST":
        if form.is_valid():
            try:
                p.submit_comment(found, today=today, **form.cleaned_data)
            except TransitionError as error:
                form.add_error(None, str(error))
                status = 400
            else:
                return redirect(f"{request.path}?sent=1")
        else:
            status = 400
    if found.starts_on > today and request.method != "POST":
        raise Http404  # not yet published for comment
    return render(
        request,
        "portal/policies/consultation.html",
        {
            "agency": found.agency,
            "consultation": found,
            "comments": found.comments.filter(status=CommentStatus.SHOWN),
            "form": form,
            "open": found.is_open(today),
            "sent": request.GET.get("sent") == "1",
            "today": today,
        },
        status=status,
    )
