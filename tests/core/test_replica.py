"""DATABASE_REPLICA_URL (gongkai/core/routers.py): anonymous visitors' page reads come from
the replica; every write, the sessions, the rate-limit counts and whatever a logged-in clerk
does use the primary — so a clerk served while a replica is configured is not turned away
with 400 (the session, saved on every request, was written where it could not be read).

Two SQLite files stand for the primary and its replica; the replica is a copy with the
township renamed, so a page shows which of the two it was read from."""

import json
import os
import sqlite3
import subprocess
import sys
import textwrap

import pytest

from gongkai.core.demo import DEMO_PASSWORD, TOWNSHIP
from gongkai.core.routers import PrimaryReplicaRouter
from tests.test_env import run_gongkai

MARK = "（副本）"
SCRIPT = textwrap.dedent(
    f"""
    import json, django
    django.setup()
    from django.db import connections
    from django.test import Client
    from tests.applications.conftest import APPLICANT

    out = {{}}
    anonymous = Client()
    out["anonymous_home"] = "{MARK}" in anonymous.get("/").content.decode()
    apply = "/agency/{TOWNSHIP["index_prefix"]}/apply/"
    data = {{k: str(v) for k, v in APPLICANT.items()}}
    out["applied"] = anonymous.post(apply, data).status_code
    clerk = Client()
    out["login"] = clerk.post(
        "/office/login/", {{"username": "jingban", "password": "{DEMO_PASSWORD}"}}
    ).status_code
    pages = [clerk.get("/office/") for _ in range(3)]
    out["office"] = [page.status_code for page in pages]
    out["office_from_replica"] = any("{MARK}" in page.content.decode() for page in pages)
    print(json.dumps(out))
    """
)


def rows(path, table):
    with sqlite3.connect(path) as db:
        return db.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]


@pytest.fixture
def primary_and_replica(tmp_path):
    for command in (("demo", "--no-serve"), ("collectstatic", "--no-input")):
        prepared = run_gongkai(tmp_path, *command, GONGKAI_DEMO="1")
        assert prepared.returncode == 0, prepared.stderr
    primary, replica = tmp_path / "gongkai.sqlite3", tmp_path / "replica.sqlite3"
    with sqlite3.connect(primary) as source, sqlite3.connect(replica) as copy:
        source.backup(copy)
        copy.execute(
            "UPDATE core_agency SET name = name || ? WHERE index_prefix = ?",
            [MARK, TOWNSHIP["index_prefix"]],
        )
    return tmp_path, primary, replica


def test_anonymous_reads_use_the_replica_and_everything_else_the_primary(primary_and_replica):
    folder, primary, replica = primary_and_replica
    before = {t: rows(replica, t) for t in ("django_session", "applications_application")}
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    env.update(
        DJANGO_SETTINGS_MODULE="gongkai.settings", GONGKAI_VAR_DIR=str(folder),
        GONGKAI_DEMO="1", ALLOWED_HOSTS="testserver", DATABASE_URL=f"sqlite:///{primary}",
        DATABASE_REPLICA_URL=f"sqlite:///{replica}", EMAIL_BACKEND="locmem",
    )  # fmt: skip
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT], env=env, capture_output=True, text=True, timeout=600
    )
    assert result.returncode == 0, result.stderr
    seen = json.loads(result.stdout.strip().splitlines()[-1])
    assert seen["anonymous_home"]  # the public page was read from the replica
    assert seen["applied"] == 302
    assert rows(primary, "applications_application") == before["applications_application"] + 1
    assert seen["login"] == 302
    assert seen["office"] == [200, 200, 200]  # not 400: the session lives on the primary
    assert not seen["office_from_replica"]  # a clerk reads what was just written
    assert rows(primary, "django_session") >= 1
    after = {t: rows(replica, t) for t in ("django_session", "applications_application")}
    assert after == before  # nothing was written to the replica


def test_the_router_keeps_sessions_cache_and_lockouts_on_the_primary():
    from django.contrib.sessions.models import Session

    from gongkai.catalogue.models import Item
    from gongkai.core.routers import _on_primary

    router = PrimaryReplicaRouter()
    token = _on_primary.set(False)  # inside an anonymous visitor's GET
    try:
        assert router.db_for_read(Item) == "replica"
        assert router.db_for_read(Session) == "default"
        assert router.db_for_write(Session) == "default"
        assert router.db_for_read(Item) == "replica"  # a session or cache write changes nothing
        assert router.db_for_write(Item) == "default"
        assert router.db_for_read(Item) == "default"  # after a write: read your own write
    finally:
        _on_primary.reset(token)
    assert router.db_for_read(Item) == "default"  # commands and cron jobs: the primary
    assert router.allow_migrate("replica", "catalogue") is False
