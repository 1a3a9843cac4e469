"""报送 → 采用 in the office: a township's (or county department's) editors submit an item or
a news post to a column of the county's site; the county's staff decide on it with the
declared steps (submissions/steps.py). The county's counts per source and month, as a page
table and as CSV."""

from __future__ import annotations

import io

from defusedcsv import csv as safe_csv
from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from gongkai.catalogue.models import Item
from gongkai.core.forms import ControlCharactersStripped
from gongkai.core.http import download_response
from gongkai.core.models import Agency
from gongkai.core.roles import EDITORS
from gongkai.core.transitions import TransitionError
from gongkai.office.access import may, roles_in, staff_agency, viewed_agency
from gongkai.office.overview import SubmissionCounts, submission_counts
from gongkai.office.steps import step_context, take_step
from gongkai.submissions import transitions as t
from gongkai.submissions.models import Kind, Status, Submission
from gongkai.submissions.steps import CountyReporting

MAX_BODY = 50_000  # a news post, not a document: anything longer is an attachment's


def _year(request) -> int:
    text = request.GET.get("year", "")
    today = timezone.localdate()
    return int(text) if text.isdigit() and 2008 <= int(text) <= today.year else today.year


def _is_receiver(agency: Agency) -> bool:
    county = t.county_of(agency)
    return t.receivers_of(county).filter(pk=agency.pk).exists()


@login_required
def submissions(request):
    """The agency's submissions: what waits for its decision and what it decided (a county
    or a county department), what it submitted (a township or a department)."""
    agency, read_only = viewed_agency(request)
    receiving = _is_receiver(agency)
    year = _year(request)
    context = {
        "agency": agency,
        "read_only": read_only,
        "receiving": receiving,
        "may_submit": not read_only
        and agency.level in t.SUBMITTING_LEVELS
        and agency.parent_id is not None
        and may(roles_in(request.user, agency), EDITORS),
        "year": year,
        "sent": Submission.objects.filter(source=agency).select_related("target", "column")[:200],
    }
    if receiving:
        received = Submission.objects.filter(target=agency).select_related(
            "source", "column", "item"
        )
        context["waiting"] = received.filter(status=Status.SUBMITTED)
        context["decided"] = received.exclude(status=Status.SUBMITTED)[:200]
        if agency.level not in t.SUBMITTING_LEVELS:  # the county itself: the whole site
            context["counts"] = submission_counts(agency, year)
            context.update(
                step_context(
                    CountyReporting(agency),
                    request.user,
                    today=timezone.localdate(),
                    read_only=read_only,
                )
            )
    return render(request, "office/submissions.html", context)


@login_required
@require_POST
def reporting_action(request, action: str):
    """The county's choice to write its counts into its annual report's section 一."""
    return take_step(request, CountyReporting(staff_agency(request)), action)


class NewSubmissionForm(ControlCharactersStripped, forms.Form):
    kind = forms.TypedChoiceField(
        label="报送内容", choices=Kind.choices, coerce=Kind, widget=forms.RadioSelect
    )
    item = forms.ModelChoiceField(
        label="本机关已公开的信息", queryset=Item.objects.none(), required=False
    )
    title = forms.CharField(label="稿件标题", max_length=200, required=False)
    body = forms.CharField(
        label="稿件正文",
        widget=forms.Textarea(attrs={"rows": 8}),
        required=False,
        max_length=MAX_BODY,
    )
    column = forms.ModelChoiceField(label="报送至栏目", queryset=t.Category.objects.none())

    def __init__(self, *args, agency: Agency, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["item"].queryset = (
            Item.objects.live().filter(agency=agency).order_by("-published_on", "-pk")
        )
        self.fields["item"].label_from_instance = lambda i: f"{i.index_number} {i.title}"
        self.fields["column"].queryset = t.columns_for(agency.parent)
        self.fields["column"].label_from_instance = lambda c: (
            f"{c.parent.name}·{c.name}" if c.parent_id else c.name
        )

    def clean(self):
        data = super().clean()
        if data.get("kind") == Kind.ITEM and not data.get("item"):
            self.add_error("item", "请选择要报送的信息")
        if data.get("kind") == Kind.NEWS:
            if not data.get("title"):
                self.add_error("title", "请填写稿件标题")
            if not data.get("body"):
                self.add_error("body", "请填写稿件正文")
        return data


@login_required
def submission_new(request):
    agency, read_only = viewed_agency(request)
    if read_only or agency.parent_id is None or agency.level not in t.SUBMITTING_LEVELS:
        raise Http404
    if not may(roles_in(request.user, agency), EDITORS):
        raise Http404
    form = NewSubmissionForm(request.POST or None, agency=agency)
    if request.method == "POST" and form.is_valid():
        data, today = form.cleaned_data, timezone.localdate()
        try:
            if data["kind"] == Kind.ITEM:
                sub = t.submit_item(data["item"], by=request.user, column=data["column"], on=today)
            else:
                sub = t.submit_news(
                    agency,
                    by=request.user,
                    column=data["column"],
                    title=data["title"],
                    body=data["body"],
                    on=today,
                )
        except TransitionError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, f"已报送{sub.target.name}")
            return redirect("office:submission", pk=sub.pk)
    return render(request, "office/submission_new.html", {"agency": agency, "form": form})


def _viewed(request, pk: int) -> tuple[Submission, bool]:
    """The submission for a member of staff of its source or of the agency holding it;
    read only for the county administrator who supervises the source; 404 otherwise."""
    sub = get_object_or_404(
        Submission.objects.select_related("source", "target", "column", "item"), pk=pk
    )
    mine = Agency.objects.staffed_by(request.user).filter(pk__in=[sub.source_id, sub.target_id])
    if mine.exists():
        return sub, False
    if sub.source.supervises(request.user):
        return sub, True
    raise Http404


@login_required
def submission_detail(request, pk: int):
    sub, read_only = _viewed(request, pk)
    today = timezone.localdate()
    return render(
        request,
        "office/submission.html",
        {
            "sub": sub,
            "read_only": read_only,
            "events": sub.events.select_related("by", "target"),
            **step_context(sub, request.user, today=today, read_only=read_only),
        },
    )


@login_required
@require_POST
def submission_action(request, pk: int, action: str):
    sub, read_only = _viewed(request, pk)
    if read_only:
        raise Http404
    return take_step(request, sub, action)


def counts_csv(counts: SubmissionCounts) -> bytes:
    out = io.StringIO()
    writer = safe_csv.writer(out)
    writer.writerow(SubmissionCounts.CSV_HEADER)
    writer.writerows(counts.csv_rows())
    return ("\ufeff" + out.getvalue()).encode("utf-8")  # the BOM: Excel reads it as UTF-8


@login_required
def submission_counts_csv(request):
    agency, _read_only = viewed_agency(request)
    if not _is_receiver(agency) or agency.level in t.SUBMITTING_LEVELS:
        raise Http404
    year = _year(request)
    return download_response(
        f"{agency.name}{year}年报送采用统计.csv",
        "text/csv; charset=utf-8",
        counts_csv(submission_counts(agency, year)),
        inline=False,
    )
