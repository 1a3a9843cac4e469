"""The cast: a county-level agency that adopts gongkai with an old site behind it, its
administrator who runs the migration, and its reviewer who clears what is held."""

import pytest

from tests.shared_material import require_shared

SITE = "samples/site/pingtan"


@pytest.fixture(autouse=True)
def statutory_subjects(db):
    from gongkai.catalogue.models import Category
    from gongkai.catalogue.subjects import seed_statutory_subjects

    seed_statutory_subjects(Category)


@pytest.fixture
def pingtan(db):
    from gongkai.core.models import Agency, AgencyLevel

    return Agency.objects.create(
        name="平潭综合实验区管委会", level=AgencyLevel.COUNTY_GOVERNMENT, index_prefix="PZ00101"
    )


def member(agency, username, role):
    from gongkai.core.models import Membership, User

    user = User.objects.create_user(username, password="migration-pass-1", full_name=username)
    Membership.objects.create(user=user, agency=agency, role=role)
    return user


@pytest.fixture
def site_admin(pingtan):
    from gongkai.core.models import Role

    return member(pingtan, "pt-admin", Role.ADMIN)


@pytest.fixture
def site_reviewer(pingtan):
    from gongkai.core.models import Role

    return member(pingtan, "pt-reviewer", Role.REVIEWER)


@pytest.fixture
def site_root():
    return require_shared(SITE)


@pytest.fixture
def archive_pages(site_root):
    from gongkai.migration.archive import pages

    return lambda: pages(site_root)
