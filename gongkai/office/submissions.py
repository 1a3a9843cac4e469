"""报送 → 采用 in the office: a township's (or county department's) editors submit an item or
a news post to a column of the county's site, and the county's staff decide on it, each with
the steps submissions/steps.py declares, taken by the one handler (office/steps.py). The
county's counts per source and month, as a page table and as CSV."""

from __future__ import annotations

import io

from defusedcsv import csv as safe_csv
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from gongkai.core.http import download_response
from gongkai.core.models import Agency
from gongkai.core.steps import step_set_of, steps_for
from gongkai.office.access import staff_agency, viewed_agency
from gongkai.office.overview import SubmissionCounts, submission_counts
from gongkai.office.steps import step_context, take_step
from gongkai.submissions import transitions as t
from gongkai.submissions.models import Status, Submission
from gongkai.submissions.steps import AgencySubmitting, CountyReporting


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
    year, today = _year(request), timezone.localdate()
    context = {
        "agency": agency,
        "read_only": read_only,
        "receiving": receiving,
        # the link to 报送 where the declaration opens it (submissions/steps.py)
        "may_submit": not read_only
        and "submit" in steps_for(AgencySubmitting(agency), request.user, today=today),
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
                    today=today,
                    read_only=read_only,
                )
            )
    return render(request, "office/submissions.html", context)


@login_required
@require_POST
def reporting_action(request, action: str):
    """The county's choice to write its counts into its annual report's section 一."""
    return take_step(request, CountyReporting(staff_agency(request)), action)


def _new_page(request, target: AgencySubmitting, form=None):
    """报送 (submissions/steps.py): its form; a form the step refuses comes back bound, with
    what was typed and why."""
    step = step_set_of(target).get("submit")
    return render(
        request,
        "office/submission_new.html",
        {"agency": target.agency, "form": form if form is not None else step.make_form(target)},
    )


@login_required
def submission_new(request):
    """报送, taken by the one handler; the new submission's page comes next. The page is
    for those the step is open to (404 for anyone else); a POST from anyone else of the
    agency is refused with the declaration's sentence, on the agency's list of
    submissions, and writes nothing."""
    target = AgencySubmitting(staff_agency(request))
    offered = "submit" in steps_for(target, request.user, today=timezone.localdate())
    if request.method != "POST":
        if not offered:
            raise Http404
        return _new_page(request, target)
    back = reverse("office:submissions") + f"?agency={target.agency.pk}"
    return take_step(
        request,
        target,
        "submit",
        back=None if offered else back,
        invalid=lambda form: _new_page(request, target, form),
    )


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
