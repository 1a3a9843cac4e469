"""A process killed (SIGKILL: no cleanup, no rollback code) in the middle of a catalogue
import or a report publication leaves nothing half-written: the database's own transaction
is all that stands between a crash and a partial catalogue."""

import os
import signal
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from gongkai.catalogue.models import IndexCounter, Item
from gongkai.reports import transitions as rt
from gongkai.reports.models import AnnualReport
from tests.conftest import enter_table_two

pytestmark = pytest.mark.django_db(transaction=True)
HELPER = Path(__file__).with_name("crash_helper.py")


def database_url() -> str:
    db = settings.DATABASES["default"]
    if connection.vendor == "sqlite":
        return f"sqlite:///{db['NAME']}"
    return f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"


def kill_half_way(*args: str) -> None:
    env = {**os.environ, "DATABASE_URL": database_url(), "GONGKAI_DEMO": "1"}
    child = subprocess.Popen(
        [sys.executable, str(HELPER), *args],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=Path(__file__).resolve().parents[2],
    )
    try:
        line = child.stdout.readline()
        assert line.strip() == "IN-TRANSACTION", line + child.stderr.read()
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=30)
    finally:
        if child.poll() is None:
            child.kill()
    assert child.returncode == -signal.SIGKILL
    connection.close()  # look again with a fresh connection


@pytest.fixture(autouse=True)
def subjects(db):
    """Transactional tests elsewhere flush the seeded subject tree; put it back."""
    from gongkai.catalogue.models import Category
    from gongkai.catalogue.subjects import seed_statutory_subjects

    seed_statutory_subjects(Category)


def test_an_import_killed_half_way_leaves_no_item(township, tmp_path):
    rows = "\n".join(f"青石镇公示第{n}号,社会救助,2024-03-05" for n in range(1000))
    file = tmp_path / "目录.csv"
    file.write_text("名称,分类,发布日期\n" + rows + "\n", encoding="utf-8")
    kill_half_way("import", township.index_prefix, str(file))
    assert Item.objects.count() == 0 and IndexCounter.objects.count() == 0


def test_a_publication_killed_half_way_leaves_the_draft_a_draft(township, clerk):
    enter_table_two(township, clerk, 2025)
    rt.start_report(township, 2025, by=clerk, today=date(2026, 1, 5))
    kill_half_way("publish", township.index_prefix)
    report = AnnualReport.objects.get()
    assert report.status == "draft" and report.snapshot is None and report.item_id is None
    assert Item.objects.count() == 0
