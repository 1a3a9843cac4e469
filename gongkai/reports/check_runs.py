"""Checking published annual reports in bulk (issue 16): a run of uploaded files (or the
reports the agencies under a county published), accepted and unpacked before anything is
stored, checked one by one in a background thread — each file in a child process with limits
(gongkai/core/bounded.py) — and resumed when its thread died with the server. Starting a run
is a declared step (reports/check_steps.py); the office's pages (gongkai/office/checks.py)
only ask and show."""

from __future__ import annotations

import io
import logging
import re
import threading
import zipfile
from dataclasses import dataclass
from datetime import timedelta
from pathlib import PurePosixPath

from django.db import connection, transaction
from django.db.models import Q
from django.utils import timezone

from gongkai.core import bounded, uploads
from gongkai.reports.checker.check import CheckedReport, looks_like_report
from gongkai.reports.checker.child import result_of
from gongkai.reports.checker.output import CSV_FIELDS
from gongkai.reports.models import CheckedFile, CheckRun, CheckRunStatus

log = logging.getLogger(__name__)

FOLDER = "report-checks"
MAX_FILE_BYTES = 20 * 1024 * 1024  # as the catalogue's attachments
MAX_FILES = 50  # per run: a county's townships and departments, one year
# no progress for this long: the thread is gone (a file's check stops far sooner, at
# BOUNDED_WORK_SECONDS, so a file taken this long ago is nobody's)
STALE = timedelta(minutes=10)
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


# -- the run ------------------------------------------------------------------------------


def start_run(
    agency, user, accepted: list[Accepted], skipped: int, *, step: str = "upload", today=None
) -> CheckRun:
    """Store the files and the run, step `step` as reports/check_steps.py declares it
    (checked with the agency's row locked); the thread starts once the rows are committed."""
    from gongkai.core.models import Agency
    from gongkai.core.steps import check
    from gongkai.reports.check_steps import AgencyChecks

    if len(accepted) > MAX_FILES:
        raise Refused(f"一次最多核查 {MAX_FILES} 份报告，请分批上传")
    written: list[str] = []
    try:
        with transaction.atomic():
            locked = Agency.objects.select_for_update().get(pk=agency.pk)
            check(AgencyChecks(locked), step, user=user, today=today or timezone.localdate())
            run = CheckRun.objects.create(agency=locked, started_by=user, skipped=skipped)
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


def claim(item: CheckedFile) -> bool:
    """Take `item` for checking; False when another thread has it (a page load resuming a
    run it thought stale while the first thread was still at work): one check per file."""
    now = timezone.now()
    return bool(
        CheckedFile.objects.filter(pk=item.pk, outcome="")
        .filter(Q(started_at__isnull=True) | Q(started_at__lt=now - STALE))
        .update(started_at=now)
    )


def process_run(run_id: int) -> None:
    """Check every file of the run not yet checked and not taken by another thread, one by
    one, saving each result; the run is done when no file waits."""
    for item in CheckedFile.objects.filter(run_id=run_id, outcome="").order_by("position"):
        if not claim(item):
            continue
        outcome, result = _check(item)
        CheckedFile.objects.filter(pk=item.pk).update(
            result=result, outcome=outcome, checked_at=timezone.now()
        )
        CheckRun.objects.filter(pk=run_id).update(heartbeat=timezone.now())
    if not CheckedFile.objects.filter(run_id=run_id, outcome="").exists():
        CheckRun.objects.filter(pk=run_id).update(status=CheckRunStatus.DONE)


def _refused(name: str, why: str) -> tuple[str, dict]:
    report = CheckedReport(name, error=why)
    return str(report.outcome), result_of(report, name)


def _check(item: CheckedFile) -> tuple[str, dict]:
    """(outcome, result) of one file, read and checked in a child process with limits on
    pages, pixels, time and memory (gongkai/core/bounded.py): a 4 KB ruled-grid PDF once ran
    for minutes, a 230 KB PNG took a worker to 3.1 GB."""
    try:
        data = uploads.read(FOLDER, item.stored)
    except OSError:
        return _refused(item.name, "上传的文件已不在服务器上")
    try:
        outcome, result = bounded.run(
            "gongkai.reports.checker.child:check_in_child", data, item.suffix, item.name
        )
    except bounded.Refused as refused:
        return _refused(item.name, str(refused))
    except Exception:  # a file no reader foresaw: say so for it, go on with the rest
        log.exception("checking %s", item.name)
        return _refused(item.name, "读取该文件时出错，无法核查")
    return outcome, result


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


def findings_csv(run: CheckRun) -> bytes:
    """Every finding of the run, one row each (the CSV of `gongkai check-report`)."""
    from defusedcsv import csv as safe_csv

    out = io.StringIO()
    out.write("\ufeff")  # Excel opens UTF-8 only with the BOM
    writer = safe_csv.writer(out)  # a cell starting = + - @ is quoted with '
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
    return out.getvalue().encode()
