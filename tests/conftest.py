"""The small named cast every test draws on, and the test groups' switches.

Groups: the whole suite runs on the database DATABASE_URL names (SQLite when unset; make
test runs the database tests again on PostgreSQL when GONGKAI_TEST_POSTGRES is set); the
browser group runs when Debian's chromium is installed, the LibreOffice group when
LibreOffice is (.ci/run installs both)."""

import shutil

import pytest

CHROMIUM = shutil.which("chromium")
BROWSER_SKIP_REASON = "浏览器组：已跳过——未安装 Debian 的 chromium（apt-get install chromium）"
LIBREOFFICE = shutil.which("soffice")
OFFICE_SKIP_REASON = (
    "LibreOffice 组：已跳过——未安装 LibreOffice（apt-get install libreoffice-writer-nogui）"
)


def pytest_report_header(config):
    from django.conf import settings

    database = settings.DATABASES["default"]
    engine = database["ENGINE"].rsplit(".", 1)[-1]
    lines = [f"数据库：{engine}（{database.get('HOST') or '内存'}）"]
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
    # A deliberately slow password hash protects real accounts; tests only need it to work.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
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


@pytest.fixture
def county(township):
    return township.parent


@pytest.fixture
def clerk(township):
    from gongkai.core.models import User

    return User.objects.get(username="jingban")


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
