"""The county's 政务公开办 checks published annual reports in the office (issue 16): upload
report files or one ZIP of them, the checker of `gongkai check-report` reads each in a
background thread, and the page shows per report its outcome, its findings and the tables
as read beside a link to the original, with a CSV of every finding.

Who: an administrator of an agency with agencies under it — the government's office that
条例第三条第二款 makes 主管部门 of disclosure "负责推进、指导、协调、监督", and 第四十七条
charges with 日常指导和监督检查. Checking reports is that supervision (and a run reads files
from outside, with OCR that costs minutes of CPU), so clerks and township staff do not get it.
A run belongs to the supervising agency: its administrators see it, nobody else (404)."""

from __future__ import annotations

import io
import logging
import re
import tempfile
import threading
import zipfile
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path, PurePosixPath

from django.contrib.auth.decorators import login_required
from django.db import connection, transaction
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from gongkai.core import uploads
from gongkai.core.models import Membership, Role
from gongkai.office.access import staff_agency
from gongkai.reports.checker.check import CheckedReport, check_report, looks_like_report
from gongkai.reports.checker.output import CSV_FIELDS
from gongkai.reports.models import CheckedFile, CheckOutcome, CheckRun, CheckRunStatus
from gongkai.reports.render.layout import cell_text

log = logging.getLogger(__name__)

FOLDER = "report-checks"
MAX_FILE_BYTES = 20 * 1024 * 1024  # as the catalogue's attachments
MAX_FILES = 50  # per run: a county's townships and departments, one year
STALE = timedelta(minutes=10)  # no progress for this long: the thread is gone
ACCEPTED = (uploads.PDF, uploads.JPEG, uploads.PNG, uploads.DOCX)
TEXT_SUFFIXES = (".html", ".htm", ".shtml", ".txt", ".md")
NOT_A_REPORT = (
    "只能上传年度报告文件（HTML、PDF、DOCX、TXT、PNG、JPG），或装有这些文件的一个 ZIP 压缩包"
)
SEVERITY_WORDS = {"finding": "问题", "warning": "提醒", "note": "说明"}


@dataclass
class Accepted:
    name: str  # as shown again (no folders, no control characters)
    suffix: str  # what tells the checker the kind
    data: bytes


class Refused(ValueError):
    """Why the upload cannot be checked, in Chinese."""


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


# -- what is uploaded ---------------------------------------------------------------------


def _text_suffix(name: str, data: bytes) -> str | None:
    """.html or .txt for a text file that is a report; None for anything else."""
    if not name.lower().endswith(TEXT_SUFFIXES) or b"\x00" in data:
        return None
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        return None
    if name.lower().endswith((".html", ".htm", ".shtml")) or re.search(
        r"<(html|body|table)\b", text[:20000], re.I
    ):
        return ".html"
    return ".txt" if looks_like_report(text) else None


def _report_suffix(name: str, data: bytes) -> str | None:
    """The suffix the checker reads `data` by, judged from content, or None: not a report."""
    try:
        return uploads.sniff(data, ACCEPTED, name)[2]
    except uploads.UploadRefused:
        return _text_suffix(name, data)


def _zip_name(info: zipfile.ZipInfo) -> str:
    """A ZIP made on a Chinese Windows desktop stores GBK names without the UTF-8 flag."""
    if info.flag_bits & 0x800:
        return info.filename
    try:
        return info.filename.encode("cp437").decode("gb18030")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return info.filename


def _unzipped(zip_name: str, data: bytes) -> tuple[list[Accepted], int]:
    """The report files inside one ZIP and how many other files it held."""
    problem = uploads.zip_problem(data)  # bombs: judged from the directory, before reading
    if problem:
        raise Refused(f"压缩包“{zip_name}”：{problem}")
    archive = zipfile.ZipFile(io.BytesIO(data))
    accepted, skipped = [], 0
    for info in archive.infolist():
        name = _zip_name(info)
        if info.is_dir() or name.startswith("__MACOSX/"):
            continue
        parts = PurePosixPath(name.replace("\\", "/")).parts
        if name.startswith(("/", "\\")) or ".." in parts or re.match(r"^[A-Za-z]:", name):
            raise Refused(
                f"压缩包“{zip_name}”内有不安全的路径（{uploads.display_name(name)}），未作处理"
            )
        if info.flag_bits & 0x1:
            raise Refused(f"压缩包“{zip_name}”设有密码，请解除密码后上传")
        if info.file_size > MAX_FILE_BYTES:
            raise Refused(f"压缩包“{zip_name}”中的“{uploads.display_name(name)}”超过 20 MB")
        with archive.open(info) as member:
            content = member.read(MAX_FILE_BYTES + 1)  # never more than the directory said
        if len(content) > MAX_FILE_BYTES:
            raise Refused(f"压缩包“{zip_name}”内部结构异常，请重新打包后上传")
        suffix = _report_suffix(name, content) if content.strip() else None
        if suffix is None:
            skipped += 1
        else:
            accepted.append(Accepted(uploads.display_name(name), suffix, content))
    if not accepted:
        raise Refused(f"压缩包“{zip_name}”里没有可核查的年度报告文件：{NOT_A_REPORT}")
    return accepted, skipped


# what zipfile raises for an archive it cannot read: NotImplementedError for a compression
# method it does not know, EOFError for a truncated file
UNREADABLE_ZIP = (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, OSError, EOFError)


def accept(files) -> tuple[list[Accepted], int]:
    """The report files among the uploads (a ZIP opened), and how many files were skipped;
    Refused with a Chinese message before anything is stored or run."""
    if not files:
        raise Refused("请选择要核查的报告文件")
    if len(files) > MAX_FILES:
        raise Refused(f"一次最多核查 {MAX_FILES} 份报告，请分批上传")
    if sum(upload.size for upload in files) > uploads.MAX_UNZIPPED:
        raise Refused(
            f"一次上传的文件合计超过 {uploads.MAX_UNZIPPED // 1024 // 1024} MB，请分批上传"
        )
    accepted, skipped = [], 0
    for upload in files:
        name = uploads.display_name(upload.name or "")
        if upload.size > MAX_FILE_BYTES:
            raise Refused(f"“{name}”超过 20 MB")
        data = upload.read()
        if not data.strip():
            raise Refused(f"“{name}”是空文件")
        suffix = _report_suffix(name, data)
        if suffix is not None:
            accepted.append(Accepted(name, suffix, data))
        elif data.startswith(b"PK\x03\x04") or name.lower().endswith(".zip"):
            if len(files) > 1:
                raise Refused("压缩包请单独上传（一次一个 ZIP，或多个报告文件）")
            try:
                return _unzipped(name, data)
            # zipfile raises NotImplementedError for a compression method it cannot read,
            # EOFError for a truncated archive
            except (
                zipfile.BadZipFile,
                zipfile.LargeZipFile,
                NotImplementedError,
                OSError,
                EOFError,
            ):
                raise Refused(f"压缩包“{name}”已损坏或无法打开，请重新打包后上传") from None
        else:
            raise Refused(f"“{name}”不是可核查的报告：{NOT_A_REPORT}")
    if len(accepted) > MAX_FILES:
        raise Refused(f"一次最多核查 {MAX_FILES} 份报告，请分批上传")
    return accepted, skipped


def published_under(agency, year: int) -> list[Accepted]:
    """The reports the agencies directly under `agency` published for `year`, as the portal
    serves them (HTML by the report renderer): what the public reads is what is checked."""
    from gongkai.reports.document import build_document
    from gongkai.reports.models import AnnualReport, ReportStatus
    from gongkai.reports.render import render as render_report

    published = (
        AnnualReport.objects.filter(agency__parent=agency, year=year, status=ReportStatus.PUBLISHED)
        .select_related("agency")
        .order_by("agency__name")
    )
    accepted = []
    for report in published:
        data = render_report(build_document(report), "html")[2]
        accepted.append(Accepted(f"{report.agency.name}{year}年度报告.html", ".html", data))
    if not accepted:
        raise Refused(f"所属机构还没有发布{year}年度的年度报告")
    return accepted


def _year(text: str, today) -> int:
    if not (text.isdigit() and 2019 <= int(text) < today.year):
        raise Refused("请选择报告年度")
    return int(text)


# -- the run ------------------------------------------------------------------------------


def start_run(agency, user, accepted: list[Accepted], skipped: int) -> CheckRun:
    """Store the files and the run; the thread starts once the rows are committed."""
    if len(accepted) > MAX_FILES:
        raise Refused(f"一次最多核查 {MAX_FILES} 份报告，请分批上传")
    written: list[str] = []
    try:
        with transaction.atomic():
            run = CheckRun.objects.create(agency=agency, started_by=user, skipped=skipped)
            for position, item in enumerate(accepted, 1):
                written.append(uploads.write(item.data, FOLDER, item.suffix))
                CheckedFile.objects.create(
                    run=run,
                    position=position,
                    name=item.name,
                    stored=written[-1],
                    suffix=item.suffix,
                )
            transaction.on_commit(lambda: start_thread(run.pk))
    except BaseException:
        uploads.delete(FOLDER, *written)  # no row will ever name them
        raise
    return run


def start_thread(run_id: int) -> None:
    threading.Thread(target=_work, args=(run_id,), daemon=True, name=f"check-run-{run_id}").start()


def _work(run_id: int) -> None:
    try:
        process_run(run_id)
    except Exception:  # the page shows the run unfinished and takes it up again later
        log.exception("check run %s stopped", run_id)
    finally:
        connection.close()  # the thread's own connection


def process_run(run_id: int) -> None:
    """Check every file of the run not yet checked, one by one, saving each result."""
    for item in CheckedFile.objects.filter(run_id=run_id, outcome="").order_by("position"):
        if not CheckedFile.objects.filter(pk=item.pk, outcome="").exists():
            continue  # a thread taking up a stale run met the first one still at work
        report = _check(item)
        item.result = result_of(report, item.name)
        item.outcome = str(report.outcome)
        item.checked_at = timezone.now()
        item.save(update_fields=["result", "outcome", "checked_at"])
        CheckRun.objects.filter(pk=run_id).update(heartbeat=timezone.now())
    CheckRun.objects.filter(pk=run_id).update(status=CheckRunStatus.DONE)


def _check(item: CheckedFile) -> CheckedReport:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"report{item.suffix}"
        try:
            path.write_bytes(uploads.read(FOLDER, item.stored))
        except OSError:
            return CheckedReport(item.name, error="上传的文件已不在服务器上")
        try:
            return check_report(path)
        except Exception:  # a file no reader foresaw: say so for it, go on with the rest
            log.exception("checking %s", item.name)
            return CheckedReport(item.name, error="读取该文件时出错，无法核查")


def result_of(report: CheckedReport, name: str) -> dict:
    """What the page and the CSV need, as JSON: the outcome line, the findings and the tables
    as read (cell texts, laid out again by the report renderers' layout)."""
    return {
        "file": name,
        "agency": report.agency,
        "year": report.year,
        "format": report.fmt.name if report.fmt else "",
        "error": report.error,
        "outcome_text": report.outcome_text,
        "unread": report.unread,
        "ocr": report.ocr,
        "tables": {
            number: {key: [cell_text(v) for v in values] for key, values in rows.items()}
            for number, rows in report.tables.items()
        },
        "findings": [f.as_dict() for f in report.findings],
    }


def resume_if_stale(run: CheckRun) -> None:
    """A run whose thread died with the server (no progress for STALE) is taken up again;
    the update claims it, so two page loads start one thread."""
    if run.status == CheckRunStatus.DONE:
        return
    cutoff = timezone.now() - STALE
    claimed = CheckRun.objects.filter(pk=run.pk, heartbeat__lt=cutoff).update(
        heartbeat=timezone.now()
    )
    if claimed:
        transaction.on_commit(lambda: start_thread(run.pk))


# -- pages --------------------------------------------------------------------------------


@login_required
def check_page(request):
    agency = _supervisor(request)
    error = ""
    if request.method == "POST":
        try:
            if request.POST.get("source") == "published":
                year = _year(request.POST.get("year", ""), timezone.localdate())
                accepted, skipped = published_under(agency, year), 0
            else:
                accepted, skipped = accept(request.FILES.getlist("files"))
            run = start_run(agency, request.user, accepted, skipped)
        except Refused as refused:
            error = str(refused)
        else:
            return redirect("office:check_run", pk=run.pk)
    runs = CheckRun.objects.filter(agency=agency)[:20]
    return render(
        request,
        "office/checks.html",
        {
            "agency": agency,
            "runs": runs,
            "error": error,
            "max_files": MAX_FILES,
            "years": range(timezone.localdate().year - 1, 2018, -1),
        },
        status=400 if error else 200,
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
    from defusedcsv import csv as safe_csv

    run = _run(request, pk)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    name = f"报告核查{timezone.localtime(run.created_at):%Y%m%d%H%M}.csv"
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{_quoted(name)}"
    response.write("\ufeff")  # Excel opens UTF-8 only with the BOM
    writer = safe_csv.writer(response)  # a cell starting = + - @ is quoted with '
    writer.writerow(CSV_FIELDS)
    for f in run.files.all():
        r = f.result or {}
        if r.get("error"):
            writer.writerow([f.name, "", "", "", "error", "E0", "", "", "", "", "", r["error"]])
        for x in r.get("findings", []):
            writer.writerow(
                [f.name, r.get("agency", ""), r.get("year") or "", r.get("format", "")]
                + [x.get(k, "") for k in ("severity", "rule", "table", "row", "column")]
                + [x.get("expected", ""), x.get("found", ""), x.get("message", "")]
            )
    return response


def _quoted(name: str) -> str:
    from urllib.parse import quote

    return quote(name)


@login_required
def check_original(request, pk: int, file_pk: int):
    run = _run(request, pk)
    item = get_object_or_404(CheckedFile, pk=file_pk, run=run)
    stored = uploads.open_file(FOLDER, item.stored)
    if stored is None:
        raise Http404
    # always a download, never shown inline: an uploaded HTML page must not run in the office
    return FileResponse(
        stored, as_attachment=True, filename=item.name, content_type="application/octet-stream"
    )
