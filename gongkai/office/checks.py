"""The county's 政务公开办 checks published annual reports in the office (issue 16): upload
report files or one ZIP of them, or have the reports its agencies published for a finished
year checked — the two steps reports/check_steps.py declares (who may, and why), taken by
the one handler — and the run (gongkai/reports/check_runs.py) reads each in a background
thread; the page shows per report its outcome, its findings and the tables as read beside a
link to the original, with a CSV of every finding.

A run belongs to the supervising agency: its administrators see it, nobody else (404)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from gongkai.core import uploads
from gongkai.core.http import download_response
from gongkai.core.models import Membership, Role
from gongkai.core.steps import steps_for
from gongkai.office.access import staff_agency
from gongkai.office.steps import take_step
from gongkai.reports.check_runs import (
    FOLDER,
    MAX_FILES,
    SEVERITY_WORDS,
    findings_csv,
    resume_if_stale,
)
from gongkai.reports.check_steps import AgencyChecks
from gongkai.reports.models import CheckedFile, CheckOutcome, CheckRun, CheckRunStatus


def _administers(user, agency) -> bool:
    return Membership.objects.filter(user=user, agency=agency, role=Role.ADMIN).exists()


def _run(request, pk: int) -> CheckRun:
    run = get_object_or_404(CheckRun, pk=pk)
    if not _administers(request.user, run.agency):
        raise Http404  # never a hint that another agency's run exists
    return run


# -- pages --------------------------------------------------------------------------------


def _check_page(request, target: AgencyChecks, *, files=None, published=None):
    """The supervising agency's runs and the two steps; a refused upload or year comes back
    with its Chinese sentence (nothing was stored or run)."""
    offer = steps_for(target, request.user, today=timezone.localdate())
    if "upload" not in offer:
        raise Http404  # the supervisor's page: clerks and township staff do not get it
    error = "；".join(
        e
        for form in (files, published)
        if form is not None
        for errs in form.errors.values()
        for e in errs
    )
    step = offer.step_set.get
    return render(
        request,
        "office/checks.html",
        {
            "agency": target.agency,
            "runs": CheckRun.objects.filter(agency=target.agency)[:20],
            "error": error,
            "max_files": MAX_FILES,
            "files_form": files or step("upload").make_form(target),
            "published_form": published or step("published").make_form(target),
        },
        status=400 if error else 200,
    )


def _take(request, target: AgencyChecks, name: str, invalid):
    """The step by the one handler; refused for someone the page is not for with the
    declaration's sentence, shown on the 工作台, and nothing stored."""
    offered = name in steps_for(target, request.user, today=timezone.localdate())
    back = None if offered else reverse("office:home")
    return take_step(request, target, name, back=back, invalid=invalid)


@login_required
def check_page(request):
    """The county's runs; a POST uploads report files (or a ZIP) to check (开始核查)."""
    target = AgencyChecks(staff_agency(request))
    if request.method != "POST":
        return _check_page(request, target)
    return _take(request, target, "upload", lambda form: _check_page(request, target, files=form))


@login_required
@require_POST
def check_published(request):
    """The reports the agencies under this one published for a finished year."""
    target = AgencyChecks(staff_agency(request))
    return _take(
        request, target, "published", lambda form: _check_page(request, target, published=form)
    )


def _laid(result: dict):
    from gongkai.reports.render.html import laid_tables
    from gongkai.statute.report_format import FORMATS

    fmt = FORMATS.get(result.get("format") or "")
    if fmt is None or not result.get("tables"):
        return None
    return laid_tables(fmt, result["tables"])


@login_required
def check_run(request, pk: int):
    run = _run(request, pk)
    resume_if_stale(run)
    files = list(run.files.all())
    done = sum(1 for f in files if f.outcome)
    rows = []
    for f in files:
        result = f.result or {}
        findings = [
            {**finding, "severity_word": SEVERITY_WORDS.get(finding.get("severity"), "")}
            for finding in result.get("findings", [])
        ]
        problems = [x for x in findings if x.get("severity") != "note"]
        rows.append({"file": f, "result": result, "findings": findings, "problems": len(problems)})
        rows[-1]["laid"] = _laid(result) if f.outcome else None
    counts = {
        label: sum(1 for f in files if f.outcome == value) for value, label in CheckOutcome.choices
    }
    running = run.status != CheckRunStatus.DONE
    response = render(
        request,
        "office/check_run.html",
        {
            "run": run,
            "rows": rows,
            "done": done,
            "total": len(files),
            "running": running,
            "counts": counts,
        },
    )
    if running:
        response["Refresh"] = "3"  # the page polls itself: no script (the CSP allows none)
    return response


@login_required
def check_run_csv(request, pk: int):
    run = _run(request, pk)
    name = f"报告核查{timezone.localtime(run.created_at):%Y%m%d%H%M}.csv"
    return download_response(name, "text/csv; charset=utf-8", findings_csv(run))


@login_required
def check_original(request, pk: int, file_pk: int):
    run = _run(request, pk)
    item = get_object_or_404(CheckedFile, pk=file_pk, run=run)
    stored = uploads.open_file(FOLDER, item.stored)
    if stored is None:
        raise Http404
    # always a download, never shown inline: an uploaded HTML page must not run in the office
    return download_response(item.name, "application/octet-stream", stored)
