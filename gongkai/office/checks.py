"""The county's 政务公开办 checks published annual reports in the office (issue 16): upload
report files or one ZIP of them, and the run (gongkai/reports/check_runs.py) reads each in a
background thread; the page shows per report its outcome, its findings and the tables as read
beside a link to the original, with a CSV of every finding.

Who: an administrator of an agency with agencies under it — the government's office that
条例第三条第二款 makes 主管部门 of disclosure "负责推进、指导、协调、监督", and 第四十七条
charges with 日常指导和监督检查. Checking reports is that supervision (and a run reads files
from outside, with OCR that costs minutes of CPU), so clerks and township staff do not get it.
A run belongs to the supervising agency: its administrators see it, nobody else (404)."""

from __future__ import annotations

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from gongkai.core import uploads
from gongkai.core.http import download_response
from gongkai.core.models import Membership, Role
from gongkai.office.access import staff_agency
from gongkai.reports.check_runs import (
    FOLDER,
    MAX_FILES,
    SEVERITY_WORDS,
    Refused,
    accept,
    findings_csv,
    published_under,
    resume_if_stale,
    start_run,
)
from gongkai.reports.models import CheckedFile, CheckOutcome, CheckRun, CheckRunStatus


def _supervisor(request):
    """The agency whose 政务公开办 the user administers, or 404."""
    agency = staff_agency(request)
    if not agency.children.exists() or not _administers(request.user, agency):
        raise Http404
    return agency


def _administers(user, agency) -> bool:
    return Membership.objects.filter(user=user, agency=agency, role=Role.ADMIN).exists()


def _run(request, pk: int) -> CheckRun:
    run = get_object_or_404(CheckRun, pk=pk)
    if not _administers(request.user, run.agency):
        raise Http404  # never a hint that another agency's run exists
    return run


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files under one name (Django's documented pattern): a list of uploads."""

    def clean(self, data, initial=None):
        one = super().clean
        if isinstance(data, list | tuple) and data:
            return [one(upload, initial) for upload in data]
        return [one(data, initial)]


class ReportFilesForm(forms.Form):
    """Report files, or one ZIP of them: the uploads, as a list, for `accept`."""

    files = MultipleFileField(
        label="报告文件",
        widget=MultipleFileInput(
            attrs={"accept": ".html,.htm,.pdf,.docx,.txt,.png,.jpg,.jpeg,.zip"}
        ),
        error_messages={"required": "请选择要核查的报告文件"},
    )


class PublishedYearForm(forms.Form):
    """A finished year whose reports the agencies under this one published: an int."""

    year = forms.TypedChoiceField(
        label="或核查所属机构已发布的",
        coerce=int,
        error_messages={"required": "请选择报告年度", "invalid_choice": "请选择报告年度"},
    )

    def __init__(self, *args, today, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [
            (year, f"{year}年度") for year in range(today.year - 1, 2018, -1)
        ]


# -- pages --------------------------------------------------------------------------------


def _check_page(request, agency, *, files=None, published=None, error=""):
    today = timezone.localdate()
    for form in (files, published):
        if form is not None and form.errors and not error:
            error = "；".join(e for errors in form.errors.values() for e in errors)
    runs = CheckRun.objects.filter(agency=agency)[:20]
    return render(
        request,
        "office/checks.html",
        {
            "agency": agency,
            "runs": runs,
            "error": error,
            "max_files": MAX_FILES,
            "files_form": files or ReportFilesForm(),
            "published_form": published or PublishedYearForm(today=today),
        },
        status=400 if error else 200,
    )


def _start(request, agency, accepted):
    try:
        run = start_run(agency, request.user, *accepted())
    except Refused as refused:
        return _check_page(request, agency, error=str(refused))
    return redirect("office:check_run", pk=run.pk)


@login_required
def check_page(request):
    """The county's runs; a POST uploads report files (or a ZIP) to check."""
    agency = _supervisor(request)
    if request.method != "POST":
        return _check_page(request, agency)
    form = ReportFilesForm(files=request.FILES)
    if not form.is_valid():
        return _check_page(request, agency, files=form)
    return _start(request, agency, lambda: accept(form.cleaned_data["files"]))


@login_required
@require_POST
def check_published(request):
    """The reports the agencies under this one published for a finished year."""
    agency = _supervisor(request)
    form = PublishedYearForm(request.POST, today=timezone.localdate())
    if not form.is_valid():
        return _check_page(request, agency, published=form)
    year = form.cleaned_data["year"]
    return _start(request, agency, lambda: (published_under(agency, year), 0))


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
