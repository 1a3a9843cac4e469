import pytest


@pytest.fixture(autouse=True)
def statutory_subjects(db):
    """Seeded by a migration, but a transactional test elsewhere may have flushed them."""
    from gongkai.catalogue.models import Category
    from gongkai.catalogue.subjects import seed_statutory_subjects

    seed_statutory_subjects(Category)
