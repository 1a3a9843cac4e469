"""The small named cast every test draws on, and the test groups' switches.

Groups: the whole suite runs on the database DATABASE_URL names (SQLite when unset; make
test runs the database tests again on PostgreSQL when GONGKAI_TEST_POSTGRES is set); the
browser group runs when Debian's chromium is installed, the LibreOffice group when
LibreOffice is (.ci/run installs both).

The clock: nothing in the suite may depend on the day it runs. A test whose data are built
from "today" chooses its day with the `travel_to` fixture (or time_machine itself); and
GONGKAI_TEST_TODAY=YYYY-MM-DD moves the whole session's clock to that Beijing day at 09:30, so
.ci/run can run the date-sensitive groups on awkward days (a weekend, 国庆, 31 December,
29 February, the eve of 春节, a year whose holiday notice is not yet imported)."""

import os
import shutil
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import pytest
import time_machine
from hypothesis import HealthCheck, settings

# Property tests judge their own input generation "too slow" on a loaded machine (CI runs two
# workers on two cores): that says nothing of the code under test, so the check is off; and
# a single slow example is no failure either.
settings.register_profile(
    "shared-machine", suppress_health_check=[HealthCheck.too_slow], deadline=None
)
settings.load_profile("shared-machine")

CHROMIUM = shutil.which("chromium")
BROWSER_SKIP_REASON = "浏览器组：已跳过——未安装 Debian 的 chromium（apt-get install chromium）"
LIBREOFFICE = shutil.which("soffice")
OFFICE_SKIP_REASON = (
    "LibreOffice 组：已跳过——未安装 LibreOffice（apt-get install libreoffice-writer-nogui）"
)


BEIJING = ZoneInfo("Asia/Shanghai")
# The hour a test day starts at: inside office hours, and far enough from midnight that a
# slow test cannot cross into the next day (in UTC the Beijing morning is still yesterday).
TEST_HOUR = time(9, 30)
# A deliberately slow password hash protects real accounts; tests only need it to work.
FAST_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def _suite_day() -> date | None:
    value = os.environ.get("GONGKAI_TEST_TODAY", "").strip()
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        message = f"GONGKAI_TEST_TODAY 应为 YYYY-MM-DD 格式的日期，而不是 {value!r}"
        raise pytest.UsageError(message) from None


SUITE_DAY = _suite_day()


def beijing_moment(day: date | datetime | str) -> datetime:
    """A Beijing datetime for a day (at TEST_HOUR) or for an ISO date/datetime string."""
    if isinstance(day, str):
        day = datetime.fromisoformat(day) if ("T" in day or " " in day) else date.fromisoformat(day)
    if isinstance(day, datetime):
        return day if day.tzinfo else day.replace(tzinfo=BEIJING)
    return datetime.combine(day, TEST_HOUR, tzinfo=BEIJING)


def pytest_configure(config):
    if SUITE_DAY is not None:
        # Started before collection and Django's set-up, so module-level dates, the test
        # databases and the live servers' threads all see the same day.
        config._suite_clock = time_machine.travel(beijing_moment(SUITE_DAY), tick=True)
        config._suite_clock.start()


def pytest_unconfigure(config):
    clock = getattr(config, "_suite_clock", None)
    if clock is not None:
        clock.stop()


@pytest.fixture
def travel_to():
    """`travel_to(day)` moves this test's clock to a Beijing day (09:30) or moment; time runs
    on from there (a live server and its browser need it to), and returns when the test ends.
    `tick=False` stops it."""
    travellers = []

    def travel(day, *, tick: bool = True):
        traveller = time_machine.travel(beijing_moment(day), tick=tick)
        traveller.start()
        travellers.append(traveller)
        return traveller

    yield travel
    for traveller in reversed(travellers):
        traveller.stop()


@pytest.fixture
def today():
    """Today's date in Beijing, as the code under test sees it (the suite's clock included)."""
    from django.utils import timezone

    return timezone.localdate()


def pytest_report_header(config):
    from django.conf import settings

    database = settings.DATABASES["default"]
    engine = database["ENGINE"].rsplit(".", 1)[-1]
    lines = [f"数据库：{engine}（{database.get('HOST') or '内存'}）"]
    if SUITE_DAY is not None:
        start = f"北京时间 {TEST_HOUR:%H:%M} 起"
        lines.append(f"测试时钟：{SUITE_DAY.isoformat()}（GONGKAI_TEST_TODAY，{start}）")
    lines.append(f"浏览器组：{CHROMIUM}" if CHROMIUM else BROWSER_SKIP_REASON)
    lines.append(f"LibreOffice 组：{LIBREOFFICE}" if LIBREOFFICE else OFFICE_SKIP_REASON)
    return lines


def pytest_collection_modifyitems(config, items):
    for marker, present, reason in (
        ("browser", CHROMIUM, BROWSER_SKIP_REASON),
        ("libreoffice", LIBREOFFICE, OFFICE_SKIP_REASON),
    ):
        if present:
            continue
        skip = pytest.mark.skip(reason=reason)
        for item in items:
            if marker in item.keywords:
                item.add_marker(skip)


@pytest.fixture(autouse=True)
def _fast_test_settings(settings):
    settings.PASSWORD_HASHERS = FAST_HASHERS
    # The cast are the demo's accounts, whose printed password is the point in demo mode;
    # tests/office/test_login.py checks what happens to them outside it.
    settings.DEMO = True
    # Pages in tests render without `collectstatic`; the manifest storage of production is
    # exercised by tests/test_serve.py, which runs the real server.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture(autouse=True)
def _fresh_catalogue_tree():
    """The subject tree each process keeps (gongkai/catalogue/tree.py) would outlive a test's
    rolled-back categories."""
    from gongkai.catalogue.tree import forget

    forget()
    yield
    forget()


@pytest.fixture
def township(db):
    """The demo township (and its county), created by the real demo loader."""
    from gongkai.core.demo import load_demo

    return load_demo()


DEMO_RECORDS_DAY = date(2026, 11, 27)  # the day the demo's catalogue and applications end
# Every model's rows (the base manager: none left out by a default filter), but not the rows
# migrations make, which the test database already holds as they are, nor the audit log:
# PostgreSQL stamps each entry itself and refuses one dated earlier (core/audit.py), so no
# copy of it can be loaded; each test audits its own steps.
SNAPSHOT_EXCLUDES = ("contenttypes", "auth.permission", "sessions", "admin", "core.AuditEntry")


def _demo_snapshot(name, build, *, day, tmp_path_factory, worker_id, django_db_blocker):
    """The rows `build` makes on `day` (None: the session's today), kept as a fixture file
    made once per test session: built by the first xdist worker that asks, under a lock, in
    its own database and rolled back (the database stays as every other test expects it);
    the other workers read the same file. The accounts' passwords are hashed as every test
    expects (_fast_test_settings)."""
    import contextlib
    import fcntl

    from django.core.management import call_command
    from django.db import transaction
    from django.test import override_settings

    from gongkai.catalogue.models import Category
    from gongkai.catalogue.subjects import seed_statutory_subjects
    from gongkai.catalogue.tree import forget

    shared = tmp_path_factory.getbasetemp()
    if worker_id != "master":  # each worker's folder is beside the others'
        shared = shared.parent
    path = shared / f"{name}.json"
    with open(shared / f"{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if path.exists():
            return path
        with (
            django_db_blocker.unblock(),
            time_machine.travel(beijing_moment(day)) if day else contextlib.nullcontext(),
            override_settings(PASSWORD_HASHERS=FAST_HASHERS, DEMO=True),
            transaction.atomic(),
        ):
            # a transactional test before may have flushed the subjects migrations seed
            seed_statutory_subjects(Category)
            build()
            exclude = [arg for app in SNAPSHOT_EXCLUDES for arg in ("--exclude", app)]
            building = path.with_suffix(".part")  # a reader never sees half a file
            call_command("dumpdata", "--all", *exclude, "--output", str(building), verbosity=0)
            building.rename(path)
            transaction.set_rollback(True)
        forget()  # the subject tree of the rolled-back categories
    return path


def load_demo_snapshot(path):
    """A snapshot's rows loaded into the current transaction; returns the demo township."""
    from django.core.management import call_command

    from gongkai.catalogue.tree import forget
    from gongkai.core.demo import TOWNSHIP
    from gongkai.core.models import Agency

    call_command("loaddata", str(path), verbosity=0)
    forget()  # the subject tree of the categories as they were before
    return Agency.objects.get(name=TOWNSHIP["name"])


@pytest.fixture(scope="session")
def demo_records_file(django_db_setup, django_db_blocker, tmp_path_factory, worker_id):
    """The demo township's catalogue and applications without their audit log, built once
    per test session by the real loaders on DEMO_RECORDS_DAY (a letter may not be dated after
    today, whatever the suite's day) and kept as a fixture file. The loaders take tens of
    seconds; loading the file takes a few."""

    def build():
        from gongkai.applications.demo import load_demo_applications
        from gongkai.catalogue.demo import load_demo_catalogue
        from gongkai.core.demo import load_demo

        township = load_demo()
        load_demo_catalogue(township, today=DEMO_RECORDS_DAY)
        load_demo_applications(township, today=DEMO_RECORDS_DAY)

    return _demo_snapshot(
        "demo_records",
        build,
        day=DEMO_RECORDS_DAY,
        tmp_path_factory=tmp_path_factory,
        worker_id=worker_id,
        django_db_blocker=django_db_blocker,
    )


@pytest.fixture(scope="module")
def demo_records(demo_records_file, django_db_blocker):
    """The demo township's catalogue and applications, loaded from the session's file for the
    module that asks, inside a transaction rolled back after its last test: each test starts
    from them inside its own savepoint, so no test sees another's changes. Every test of such
    a module sees them; a module whose other tests must not, asks for `demo_records_now`."""
    from django.db import transaction

    with django_db_blocker.unblock():
        kept = transaction.atomic()
        kept.__enter__()
        township = load_demo_snapshot(demo_records_file)
    yield township
    with django_db_blocker.unblock():
        transaction.set_rollback(True)
        kept.__exit__(None, None, None)


@pytest.fixture
def demo_records_now(demo_records_file, db):
    """The same records, loaded for this test alone (rolled back with it)."""
    return load_demo_snapshot(demo_records_file)


@pytest.fixture(scope="session")
def whole_demo_file(django_db_setup, django_db_blocker, tmp_path_factory, worker_id):
    """Everything `make demo` loads (`gongkai demo --no-serve`, on the session's today)
    without its audit log, built once per test session. For tests that use the demo's data;
    the tests of the command itself (tests/test_demo_daily.py, the browser's library test)
    run it."""

    def build():
        import io

        from django.core.management import call_command

        call_command("demo", no_serve=True, stdout=io.StringIO())

    return _demo_snapshot(
        "whole_demo",
        build,
        day=None,
        tmp_path_factory=tmp_path_factory,
        worker_id=worker_id,
        django_db_blocker=django_db_blocker,
    )


@pytest.fixture
def whole_demo(whole_demo_file, db):
    """The whole demo, loaded for this test (rolled back with it, or flushed after a
    transactional test); returns the demo township."""
    return load_demo_snapshot(whole_demo_file)


@pytest.fixture
def county(township):
    return township.parent


@pytest.fixture
def clerk(township):
    from gongkai.core.models import User

    return User.objects.get(username="jingban")


@pytest.fixture
def reviewer(township):
    """The demo township's reviewer (审核人): confidentiality review, approvals."""
    from gongkai.core.models import User

    return User.objects.get(username="shenhe")


def publish_item(item, *, clerk, reviewer, on, registered_on=None):
    """An item drafted already, published through the real steps: the clerk submits it, the
    reviewer approves and publishes it on `on`. A 行政规范性文件 goes the way the law requires:
    统一登记 before publication (国办发〔2018〕37号; on `registered_on`, default `on`, unless
    the test registered it already) and its 解读 approved and published with it (国办发〔2016〕
    80号); a 党务 document filed with the kind is no 行政规范性文件 and goes alone (as
    policies/transitions.py check_publication holds). The one way every test publishes an
    item; the `publish` fixture drafts one first."""
    from gongkai.catalogue import transitions as t
    from gongkai.catalogue.models import DocumentKind, InfoType
    from gongkai.policies.models import NormativeDocument

    administrative = (item.document_kind, item.info_type) == (
        DocumentKind.NORMATIVE,
        InfoType.GOVERNMENT,
    )
    if not administrative:
        return t.approve_and_publish(t.submit(item, by=clerk), by=reviewer, on=on)
    if not NormativeDocument.objects.filter(item=item).exists():
        for register in t.NORMATIVE_REGISTRATION:
            register(item, by=clerk, on=registered_on or on)
    (publish_normative,) = t.NORMATIVE_PUBLICATION
    return publish_normative(item, by=clerk, reviewer=reviewer, on=on)


@pytest.fixture
def publish(township, clerk, reviewer):
    """Draft an item of the demo township and publish it on `on` (publish_item). `category` is
    a Category or a subject's name (default 社会救助 under 条例第二十一条); the item is formed
    on `on` unless `formed_on` says otherwise. A module with other defaults overrides this
    fixture with functools.partial over it."""
    from gongkai.catalogue import transitions as t
    from gongkai.catalogue.models import Category

    def make(title, on, *, category=None, formed_on=None, body="<p>正文</p>", **fields):
        if category is None:
            category = Category.objects.get(name="社会救助", source="article21")
        elif isinstance(category, str):
            category = Category.objects.filter(name=category).first()
        item = t.create_draft(
            township,
            by=clerk,
            category=category,
            title=title,
            formed_on=formed_on or on,
            body=body,
            **fields,
        )
        return publish_item(item, clerk=clerk, reviewer=reviewer, on=on)

    return make


@pytest.fixture
def outsider(db):
    """Staff of another township, who must be refused everything of the demo township."""
    from gongkai.core.models import Agency, AgencyLevel, Membership, Role, User

    other = Agency.objects.create(
        name="外县白沙乡人民政府", level=AgencyLevel.TOWNSHIP, index_prefix="000014349"
    )
    user = User.objects.create_user("waixiang", password="outsider-pass-1", full_name="外乡人")
    Membership.objects.create(user=user, agency=other, role=Role.CLERK)
    return user


def enter_table_two(
    agency,
    by,
    year: int,
    *,
    fee="0",
    licences=0,
    penalties=0,
    enforcement=0,
    oversight="本年度政务公开工作考核结果为良好，未收到社会评议意见，未发生责任追究情况。",
):
    """Table 二's staff-entered figures (第二十条第（五）（六）（八）项), through the real step;
    a 人民政府 also writes 工作考核、社会评议和责任追究结果情况 (条例第五十条第四项)."""
    from decimal import Decimal

    from gongkai.reports.transitions import enter_figures

    return enter_figures(
        agency,
        year,
        by=by,
        licences=licences,
        penalties=penalties,
        enforcement=enforcement,
        fee_amount=Decimal(fee),
        source="审批、执法和收费台账",
        oversight=oversight,
    )
