"""The cast of 报送 → 采用: the demo township's clerk and reviewer submit, the county's
administrator (县政务公开办) decides; a second county editor exists for the four-eyes rule,
and a county department to forward to."""

from datetime import date

import pytest

DAY = date(2026, 3, 9)  # a Monday


@pytest.fixture(autouse=True)
def statutory_subjects(db):
    from gongkai.catalogue.models import Category
    from gongkai.catalogue.subjects import seed_statutory_subjects

    seed_statutory_subjects(Category)


@pytest.fixture
def county_editor(township):
    from gongkai.core.models import User

    return User.objects.get(username="xian")


@pytest.fixture
def news_column(county):
    """The county's own column for townships' news (an agency's column is configuration,
    created as the catalogue's demo creates its own)."""
    from gongkai.catalogue.models import Category, CategorySource

    return Category.objects.create(agency=county, name="乡镇动态", source=CategorySource.AGENCY)


@pytest.fixture
def relief_column():
    from gongkai.catalogue.models import Category

    return Category.objects.get(agency=None, name="社会救助", source="article21")


@pytest.fixture
def department(county):
    from gongkai.catalogue.models import Category, CategorySource
    from gongkai.core.models import Agency, AgencyLevel, Membership, Role, User

    dept = Agency.objects.create(
        name="云岭县民政局",
        level=AgencyLevel.COUNTY_DEPARTMENT,
        parent=county,
        index_prefix="11532900MB0000002X",
    )
    Category.objects.create(agency=dept, name="民政动态", source=CategorySource.AGENCY)
    user = User.objects.create_user("minzheng", password="dept-pass-1", full_name="民政局编辑")
    Membership.objects.create(user=user, agency=dept, role=Role.CLERK)
    return dept
