"""The shared subject tree, seeded by a migration and re-seedable (tests flush tables)."""

from gongkai.statute.catalogue_subjects import (
    ARTICLE_20,
    ARTICLE_21,
    COLUMN_SUBJECTS,
    STANDARD_AREAS,
)

ROOTS = (
    ("article20", "条例第二十条规定的主动公开内容", ARTICLE_20),
    ("article21", "条例第二十一条规定的乡镇主动公开内容", ARTICLE_21),
    ("standard", "基层政务公开标准目录", STANDARD_AREAS),
    ("column", "政府信息公开专栏", COLUMN_SUBJECTS),
)


def column_category(category_model, name: str):
    """The shared sub-column category named `name` (指南, 制度 or 年报)."""
    return category_model.objects.get(agency=None, parent__source="column", name=name)


def seed_statutory_subjects(category_model) -> None:
    """Idempotent; takes the model class so a migration can pass its historical model."""
    for root_order, (source, root_name, names) in enumerate(ROOTS, start=1):
        root, _ = category_model.objects.get_or_create(
            agency=None,
            parent=None,
            name=root_name,
            defaults={"source": source, "order": root_order},
        )
        for number, name in enumerate(names, start=1):
            category_model.objects.get_or_create(
                agency=None,
                parent=root,
                name=name,
                defaults={
                    "source": source,
                    "order": number,
                    "article20_item": number if source == "article20" else None,
                },
            )
