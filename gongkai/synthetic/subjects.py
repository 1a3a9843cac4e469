"""What generated rows refer to: each agency's own 工作动态 column, the shared statutory
subjects, and the account recorded as their author."""

from __future__ import annotations

from gongkai.catalogue.models import Category, CategorySource
from gongkai.catalogue.subjects import seed_statutory_subjects
from gongkai.core.models import User

from .catalogue_rows import Subjects


def synthetic_user() -> User:
    """An account no one can log in to (no usable password, inactive) that authors the rows."""
    user, created = User.objects.get_or_create(
        username="synthetic", defaults={"is_active": False, "first_name": "模拟数据"}
    )
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    return user


def create_subjects(planned) -> Subjects:
    seed_statutory_subjects(Category)  # a flushed database has lost the migration's rows
    roots = Category.objects.bulk_create(
        [Category(agency_id=a.pk, name="本机关栏目", source=CategorySource.AGENCY) for a in planned]
    )
    news = Category.objects.bulk_create(
        [
            Category(
                agency_id=root.agency_id, parent=root, name="工作动态", source=CategorySource.AGENCY
            )
            for root in roots
        ]
    )
    shared = Category.objects.filter(agency=None, parent__isnull=False)
    article20 = list(
        shared.filter(source=CategorySource.ARTICLE_20).values_list("pk", "article20_item")
    )
    article21 = list(shared.filter(source=CategorySource.ARTICLE_21).values_list("pk", flat=True))
    return Subjects({c.agency_id: c.pk for c in news}, article20, article21)
