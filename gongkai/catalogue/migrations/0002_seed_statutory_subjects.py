"""Seed the shared subject tree: 第二十条's 15 items, 第二十一条's township items, and the 26
areas of the grassroots standard catalogue, each under its own root."""

from django.db import migrations

from gongkai.catalogue.subjects import seed_statutory_subjects


def seed(apps, schema_editor):
    seed_statutory_subjects(apps.get_model("catalogue", "Category"))


class Migration(migrations.Migration):
    dependencies = [("catalogue", "0001_catalogue_items_categories_and_index_counters")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
