import pytest


@pytest.fixture(autouse=True)
def statutory_subjects(db):
    """Seeded by a migration, but a transactional test elsewhere may have flushed them."""
    from gongkai.catalogue.models import Category
    from gongkai.catalogue.subjects import seed_statutory_subjects

    seed_statutory_subjects(Category)


@pytest.fixture
def own_column(township):
    from gongkai.catalogue.models import Category, CategorySource

    def make(name):
        return Category.objects.create(agency=township, name=name, source=CategorySource.AGENCY)

    return make


@pytest.fixture
def check(township):
    from gongkai.core.calendar import current_calendar
    from gongkai.inspection.selfcheck import run

    def run_check(today, *, external=None):
        return run([township], today=today, calendar=current_calendar(), external=external)

    return run_check


@pytest.fixture
def in_person(township, clerk):
    """An application handed in at the counter on a day (tests/applications' applicant)."""
    from gongkai.applications.transitions import register_application
    from gongkai.statute.deadlines import Channel
    from tests.applications.conftest import APPLICANT

    def make(on):
        application, _code = register_application(
            township, by=clerk, channel=Channel.IN_PERSON, submitted_on=on, today=on, **APPLICANT
        )
        return application

    return make
