"""`gongkai backup` and `gongkai restore`, run as an operator would: a populated instance is
backed up while it runs, restored into an empty one, and every table and file compared."""

import hashlib
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

GONGKAI = str(Path(sys.executable).parent / "gongkai")


KEY = "Xh1H2Xqf0W3yTqJ6n8m2v9Q4s5b7c1d3e5f7g9h1j3k="


def run(var: Path, *args: str, database: str | None = None, check: bool = True, key: str = KEY):
    env = {
        **os.environ,
        "GONGKAI_VAR_DIR": str(var),
        "GONGKAI_DEMO": "1",
        "GONGKAI_DATA_KEY": key,
    }
    env.pop("DATABASE_URL", None)
    if database:
        env["DATABASE_URL"] = database
    done = subprocess.run([GONGKAI, *args], env=env, capture_output=True, text=True, check=False)
    if check:
        assert done.returncode == 0, done.stdout + done.stderr
    return done


def populate(var: Path) -> None:
    """The demo (catalogue, applications, a published report) plus an applicant's file."""
    run(var, "demo", "--no-serve")
    script = (
        "from django.core.files.uploadedfile import SimpleUploadedFile as F;"
        "from datetime import date;"
        "from gongkai.applications import transitions as t;"
        "from gongkai.core.models import Agency;"
        "a = Agency.objects.get(index_prefix='012345671');"
        "t.submit_online(a, today=date(2026, 11, 2), attachments=[('identity', "
        "F('id.pdf', b'%PDF-1.4 proof'))], applicant_type='natural', applicant_name='备份测试',"
        "id_type='resident_id', id_number='11010519491231002X', phone='13800000000',"
        "information_title='备份测试信息', provision_form='paper', delivery_way='post')"
    )
    run(var, "shell", "-c", script)


def tables(path: Path) -> dict[str, list]:
    with sqlite3.connect(path) as db:
        names = [
            n
            for (n,) in db.execute("SELECT name FROM sqlite_master WHERE type='table'")
            if not n.startswith("sqlite_") and not n.startswith("catalogue_item_fts_")
        ]
        return {n: sorted(map(repr, db.execute(f'SELECT * FROM "{n}"'))) for n in names}


def files(var: Path) -> dict[str, str]:
    root = var / "private"
    return {
        str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in root.rglob("*")
        if p.is_file()
    }


def test_backup_and_restore_reproduce_every_table_and_file(tmp_path):
    source, target = tmp_path / "source", tmp_path / "target"
    populate(source)
    archive = tmp_path / "gongkai.tar.gz"
    assert "请另行妥善保管数据密钥" in run(source, "backup", str(archive)).stdout
    run(target, "restore", str(archive))
    before = tables(source / "gongkai.sqlite3")
    after = tables(target / "gongkai.sqlite3")
    assert before.keys() == after.keys() and len(before) > 30
    for name in before:
        assert before[name] == after[name], name
    assert files(source) == files(target) and len(files(source)) >= 1
    # the data key is not in the archive; the restored instance reads numbers with it
    import tarfile

    with tarfile.open(archive) as opened:
        assert not any("data_key" in name for name in opened.getnames())


def test_without_the_data_key_restore_refuses_or_warns_and_pages_say_why(tmp_path):
    """Issue 14: restored without its key, every page showing a number answered 500."""
    import stat

    source, target = tmp_path / "source", tmp_path / "target"
    populate(source)
    archive = tmp_path / "gongkai.tar.gz"
    run(source, "backup", str(archive))
    assert stat.S_IMODE(archive.stat().st_mode) == 0o600  # every applicant's file is inside
    other = "bm90LXRoZS1zYW1lLWtleS1hdC1hbGwtMTIzNDU2Nzg="
    refused = run(target, "restore", str(archive), check=False, key=other)
    assert refused.returncode != 0 and "数据密钥与备份时的不同" in refused.stderr
    assert "Traceback" not in refused.stderr
    done = run(target, "restore", "--without-data-key", str(archive), key=other)
    assert "警告：已在缺少数据密钥的情况下恢复" in done.stderr
    assert stat.S_IMODE((target / "gongkai.sqlite3").stat().st_mode) == 0o600
    run(target, "collectstatic", "--noinput", key=other)  # pages need their manifest
    shown = run(
        target,
        "shell",
        "-c",
        "from django.test import Client;"
        "from gongkai.applications.models import Application as A;"
        "from gongkai.core.models import User;"
        "a = A.objects.get(applicant_name='备份测试'); c = Client();"
        "c.force_login(User.objects.get(username='jingban'));"
        "r = c.get(f'/office/applications/{a.pk}/', HTTP_HOST='localhost');"
        "print(r.status_code, '证件号码无法解密（缺少数据密钥）' in r.content.decode())",
        key=other,
    )
    assert shown.stdout.strip().splitlines()[-1].split() == ["200", "True"]


def test_restore_refuses_an_instance_that_holds_data_and_a_damaged_archive(tmp_path):
    source = tmp_path / "source"
    populate(source)
    archive = tmp_path / "gongkai.tar.gz"
    run(source, "backup", str(archive))
    refused = run(source, "restore", str(archive), check=False)
    assert refused.returncode != 0 and "不是空的" in refused.stderr
    damaged = tmp_path / "damaged.tar.gz"
    damaged.write_bytes(archive.read_bytes()[:2000])
    broken = run(tmp_path / "empty", "restore", str(damaged), check=False)
    assert broken.returncode != 0 and "备份文件无法读取" in broken.stderr
    assert "Traceback" not in broken.stderr


@pytest.mark.skipif(not os.environ.get("GONGKAI_TEST_POSTGRES"), reason="需要 PostgreSQL")
def test_postgresql_backup_restores_into_an_empty_database(tmp_path):
    import psycopg

    url = os.environ["GONGKAI_TEST_POSTGRES"]
    base, _, _ = url.rpartition("/")
    with psycopg.connect(url, autocommit=True) as admin:
        for name in ("gongkai_backup_a", "gongkai_backup_b"):
            admin.execute(f"DROP DATABASE IF EXISTS {name}")
            admin.execute(f"CREATE DATABASE {name}")
    source_db, target_db = f"{base}/gongkai_backup_a", f"{base}/gongkai_backup_b"
    source, target = tmp_path / "source", tmp_path / "target"
    run(source, "demo", "--no-serve", database=source_db)
    archive = tmp_path / "pg.tar.gz"
    run(source, "backup", str(archive), database=source_db)
    run(target, "restore", str(archive), database=target_db)

    def snapshot(db_url: str) -> dict:
        with psycopg.connect(db_url) as db:
            names = [
                n
                for (n,) in db.execute(
                    "SELECT tablename FROM pg_tables WHERE schemaname = 'public'"
                )
            ]
            return {n: sorted(map(repr, db.execute(f'SELECT * FROM "{n}"'))) for n in names}

    before, after = snapshot(source_db), snapshot(target_db)
    assert before.keys() == after.keys() and len(before) > 30
    for name in before:
        assert before[name] == after[name], name
