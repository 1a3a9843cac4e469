"""The county's 政务公开办 checks published reports in the office (issue 16): it uploads
reports made by the project's own renderers, one consistent and one with a changed cell, or a
ZIP of them; the run is stored, checked in the background and shown with its findings and the
tables as read; bad uploads get a Chinese message; nobody outside the county sees the run."""

import io
import re
import time
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from gongkai.core.models import Agency, AgencyLevel, Membership, Role, User
from gongkai.reports.check_runs import process_run
from gongkai.reports.checker.check import check_report
from gongkai.reports.models import CheckedFile, CheckRun
from tests.reports import layouts
from tests.reports.test_layouts import expected_breaks
from tests.shared_material import require_shared

pytestmark = pytest.mark.django_db
CHANGED_ROW, CHANGED_COLUMN = "三（一）", 0  # 予以公开, 自然人


@pytest.fixture
def supervisor(township, settings, tmp_path):
    """The county administrator (demo user xian) signed in; uploads go to a fresh VAR_DIR."""
    settings.VAR_DIR = tmp_path
    client = Client()
    client.force_login(User.objects.get(username="xian"))
    client.county = township.parent
    return client


@pytest.fixture
def reports():
    """One consistent report as the project renders it to HTML, one with a changed cell of
    table 三 rendered to DOCX."""
    tables = layouts.seeded_tables(16)
    changed = layouts.seeded_tables(16)
    changed["三"][CHANGED_ROW][CHANGED_COLUMN] += 3
    return {
        "consistent.html": layouts.rendered(tables, "html"),
        "changed.docx": layouts.rendered(changed, "docx"),
        "tables": tables,
    }


def upload(client, *files):
    uploads = [SimpleUploadedFile(name, data) for name, data in files]
    return client.post(f"{reverse('office:checks')}?agency={client.county.pk}", {"files": uploads})


def checked(client, django_capture_on_commit_callbacks, *files) -> CheckRun:
    """Upload, see that the background thread is asked for once the rows are committed, then
    do its work here (a test's transaction is never committed, so no thread would see it)."""
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = upload(client, *files)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert len(callbacks) == 1
    run = CheckRun.objects.get()
    assert response["Location"] == reverse("office:check_run", args=[run.pk])
    process_run(run.pk)
    return run


def zipped(files: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def without_tokens(page: str) -> str:
    """The page without the CSRF token of the sign-out form and without the message that
    follows the step (shown once, on the first load after it)."""
    page = re.sub(r'<div role="status"><ul class="messages">.*?</ul></div>', "", page)
    return re.sub(r'value="[A-Za-z0-9]{64}"', "", page)


def changed_findings(page: str) -> bool:
    rules = {rule for rule, _ in expected_breaks(CHANGED_ROW, CHANGED_COLUMN)}
    return all(f"问题 {rule}]" in page for rule in rules)


def test_two_reports_are_checked_and_the_changed_cell_is_found(
    supervisor, reports, django_capture_on_commit_callbacks
):
    run = checked(
        supervisor,
        django_capture_on_commit_callbacks,
        ("consistent.html", reports["consistent.html"]),
        ("changed.docx", reports["changed.docx"]),
    )
    consistent, changed = CheckedFile.objects.filter(run=run)
    assert (consistent.outcome, changed.outcome) == ("checked", "checked")
    assert consistent.result["findings"] == [] or all(
        f["severity"] == "note" for f in consistent.result["findings"]
    )
    # spec/annual-report.md: a changed 予以公开 cell breaks its row's 总计 (I2) and the column
    # identities it takes part in (I1 一+二=三（七）+四 is not among them for 三（一）: I3)
    found = {(f["rule"], f["row"] or f["column"]) for f in changed.result["findings"]}
    assert ("I2", "（一）予以公开") in found and any(rule == "I3" for rule, _ in found)

    page = supervisor.get(reverse("office:check_run", args=[run.pk]))
    text = page.content.decode()
    assert page.status_code == 200 and "Refresh" not in page
    assert "已核对 2 / 2 份" in text and 'http-equiv="refresh"' not in text
    assert "已开始核查 2 份报告" in text  # the step's message, once
    assert "consistent.html" in text and "changed.docx" in text and "未发现问题" in text
    assert changed_findings(text)
    # the tables as the checker read them, beside a link to the original
    total = reports["tables"]["三"]["一"][-1]
    assert "report-table" in text and f"<td>{total}</td>" in text
    original = reverse("office:check_original", args=[run.pk, changed.pk])
    assert original in text
    download = supervisor.get(original)
    assert b"".join(download.streaming_content) == reports["changed.docx"]
    assert download["Content-Disposition"].startswith("attachment")
    # a reload shows the same run, and the run is listed on the upload page
    again = supervisor.get(reverse("office:check_run", args=[run.pk])).content.decode()
    assert without_tokens(again) == without_tokens(text)
    listing = supervisor.get(f"{reverse('office:checks')}?agency={supervisor.county.pk}")
    assert reverse("office:check_run", args=[run.pk]) in listing.content.decode()


def test_the_findings_download_as_a_csv_a_spreadsheet_cannot_run(
    supervisor, reports, django_capture_on_commit_callbacks
):
    run = checked(
        supervisor, django_capture_on_commit_callbacks, ("=cmd.docx", reports["changed.docx"])
    )
    response = supervisor.get(reverse("office:check_run_csv", args=[run.pk]))
    rows = response.content.decode("utf-8-sig").splitlines()
    assert response["Content-Type"].startswith("text/csv")
    assert rows[0].startswith("file,agency,year,format,severity,rule")
    assert any(",I2," in row and "（一）予以公开" in row for row in rows[1:])
    assert all(row.startswith("'=cmd.docx") for row in rows[1:])  # defusedcsv


def test_a_zip_of_reports_is_opened_and_other_files_in_it_skipped(
    supervisor, reports, django_capture_on_commit_callbacks
):
    archive = zipped(
        {
            "报告/consistent.html": reports["consistent.html"],
            "报告/changed.docx": reports["changed.docx"],
            "README.md": "# 说明\n本压缩包为各乡镇年度报告。\n".encode(),
        }
    )
    run = checked(supervisor, django_capture_on_commit_callbacks, ("2023年报.zip", archive))
    assert [f.name for f in run.files.all()] == ["consistent.html", "changed.docx"]
    assert run.skipped == 1
    text = supervisor.get(reverse("office:check_run", args=[run.pk])).content.decode()
    assert "已核对 2 / 2 份；跳过 1 个不是报告的文件" in text and changed_findings(text)


def test_a_run_still_going_shows_its_progress_and_polls_without_script(
    supervisor, reports, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False):
        upload(
            supervisor, ("a.html", reports["consistent.html"]), ("b.docx", reports["changed.docx"])
        )
    run = CheckRun.objects.get()
    page = supervisor.get(reverse("office:check_run", args=[run.pk]))
    text = page.content.decode()
    assert "已核对 0 / 2 份" in text and "等待核对" in text
    assert '<meta http-equiv="refresh" content="3">' in text and page["Refresh"] == "3"


def test_a_run_whose_thread_died_is_taken_up_again_once(
    supervisor, reports, django_capture_on_commit_callbacks
):
    from datetime import timedelta

    from django.utils import timezone

    with django_capture_on_commit_callbacks(execute=False):
        upload(supervisor, ("a.html", reports["consistent.html"]))
    run = CheckRun.objects.get()
    url = reverse("office:check_run", args=[run.pk])
    with django_capture_on_commit_callbacks(execute=False) as fresh:
        supervisor.get(url)
    assert fresh == []  # the thread is still within its time
    CheckRun.objects.filter(pk=run.pk).update(heartbeat=timezone.now() - timedelta(minutes=11))
    with django_capture_on_commit_callbacks(execute=False) as stale:
        supervisor.get(url)
        supervisor.get(url)
    assert len(stale) == 1


def zip_with_path(name: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(zipfile.ZipInfo(name), b"<html><table></table></html>")
    return buffer.getvalue()


def zip_bomb() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("report.html", b"0" * (20 * 1024 * 1024))
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("files", "message"),
    [
        ([("坏.zip", b"PK\x03\x04" + b"\x00" * 200)], "压缩包“坏.zip”：文件已损坏或无法打开"),
        ([("炸弹.zip", zip_bomb())], "压缩比异常"),
        ([("越界.zip", zip_with_path("../../etc/report.html"))], "不安全的路径"),
        ([("空.zip", zipped({"说明.md": "说明".encode()}))], "没有可核查的年度报告文件"),
        ([("表格.xlsx", b"MZ\x90\x00 program")], "“表格.xlsx”不是可核查的报告"),
        ([("README.txt", "各乡镇名单\n白沙镇\n".encode())], "“README.txt”不是可核查的报告"),
        ([("空白.pdf", b"   ")], "“空白.pdf”是空文件"),
        ([], "请选择要核查的报告文件"),
        ([(f"{n}.html", b"<html></html>") for n in range(51)], "一次最多核查 50 份报告"),
    ],
)
def test_bad_uploads_get_a_chinese_message_and_nothing_runs(supervisor, files, message):
    response = upload(supervisor, *files)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert CheckRun.objects.count() == 0 and CheckedFile.objects.count() == 0


def test_staff_of_another_agency_cannot_see_the_run(
    supervisor, reports, django_capture_on_commit_callbacks, outsider
):
    run = checked(
        supervisor, django_capture_on_commit_callbacks, ("a.html", reports["consistent.html"])
    )
    other_county = Agency.objects.create(
        name="外县人民政府", level=AgencyLevel.COUNTY_GOVERNMENT, index_prefix="000014350"
    )
    Agency.objects.filter(memberships__user=outsider).update(parent=other_county)
    admin = User.objects.create_user("waixian", password="outsider-pass-2", full_name="外县")
    Membership.objects.create(user=admin, agency=other_county, role=Role.ADMIN)
    township_admin = User.objects.get(username="guanli")  # the demo township's administrator
    file_pk = run.files.get().pk
    for user in (admin, township_admin, outsider):
        client = Client()
        client.force_login(user)
        for url in (
            reverse("office:check_run", args=[run.pk]),
            reverse("office:check_run_csv", args=[run.pk]),
            reverse("office:check_original", args=[run.pk, file_pk]),
        ):
            assert client.get(url).status_code == 404, (user.username, url)
    # the other county's administrator has a page of its own, without this run
    client = Client()
    client.force_login(admin)
    own = client.get(reverse("office:checks"))
    assert own.status_code == 200
    assert reverse("office:check_run", args=[run.pk]) not in own.content.decode()


def test_a_real_published_report_gives_what_check_report_gives(
    supervisor, django_capture_on_commit_callbacks
):
    path = require_shared("samples/reports") / "shanghai-office-2019.html"
    run = checked(supervisor, django_capture_on_commit_callbacks, (path.name, path.read_bytes()))
    stored = run.files.get()
    direct = check_report(path)
    assert stored.outcome == str(direct.outcome)
    assert stored.result["findings"] == [f.as_dict() for f in direct.findings]
    assert stored.result["outcome_text"] == direct.outcome_text


@pytest.mark.django_db(transaction=True)
def test_the_background_thread_checks_the_run_after_the_request(supervisor, reports):
    response = upload(supervisor, ("a.html", reports["consistent.html"]))
    run = CheckRun.objects.get()
    assert response.status_code == 302
    deadline = time.monotonic() + 120
    while run.status != "done" and time.monotonic() < deadline:
        time.sleep(0.5)
        run.refresh_from_db()
    assert run.status == "done"
    assert run.files.get().outcome == "checked"


def test_the_reports_published_by_the_agencies_under_the_county_are_checked(
    supervisor, township, clerk, django_capture_on_commit_callbacks, today
):
    from datetime import date

    from gongkai.reports import transitions as rt
    from tests.conftest import enter_table_two

    enter_table_two(township, clerk, 2025, licences=1)
    rt.publish_report(
        rt.start_report(township, 2025, by=clerk, today=date(2026, 1, 5)),
        by=User.objects.get(username="shenhe"),
        on=date(2026, 1, 20),
    )
    url = f"{reverse('office:check_published')}?agency={supervisor.county.pk}"
    with django_capture_on_commit_callbacks(execute=False):
        response = supervisor.post(url, {"year": "2025"})
    assert response.status_code == 302
    run = CheckRun.objects.get()
    process_run(run.pk)
    (stored,) = run.files.all()
    assert stored.name == f"{township.name}2025年度报告.html"
    assert stored.outcome == "checked" and stored.result["year"] == 2025
    # a year nothing was published for says so
    refused = supervisor.post(url, {"year": "2024"})
    assert "所属机构还没有发布2024年度的年度报告" in refused.content.decode()
    # a hand-made year outside the finished ones is refused by the form, nothing is run
    this_year = str(today.year)  # the suite's clock: not finished, whatever the day
    for year in (this_year, "1999", "今年"):
        refused = supervisor.post(url, {"year": year})
        assert refused.status_code == 400 and "请选择报告年度" in refused.content.decode()
    assert CheckRun.objects.count() == 1


def test_a_zip_made_on_chinese_windows_keeps_its_file_names(
    supervisor, reports, django_capture_on_commit_callbacks
):
    # an archiver on a Chinese desktop writes GBK names without the UTF-8 flag: the bytes of
    # a placeholder name of the same length are replaced by the GBK bytes
    gbk = "白沙镇2023年报.html".encode("gbk")
    placeholder = b"aaaaaa2023bbbb.html"
    assert len(gbk) == len(placeholder)
    archive = zipped({placeholder.decode(): reports["consistent.html"]}).replace(placeholder, gbk)
    run = checked(supervisor, django_capture_on_commit_callbacks, ("年报.zip", archive))
    assert run.files.get().name == "白沙镇2023年报.html"


def test_a_zip_goes_alone(supervisor, reports):
    archive = zipped({"a.html": reports["consistent.html"]})
    response = upload(supervisor, ("a.zip", archive), ("b.html", reports["consistent.html"]))
    assert "压缩包请单独上传" in response.content.decode()
    assert CheckRun.objects.count() == 0
