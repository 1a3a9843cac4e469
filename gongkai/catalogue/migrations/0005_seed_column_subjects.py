"""Add the 政府信息公开专栏 root (指南, 制度, 年报) to the shared subject tree (61号)."""

from django.db import migrations

from gongkai.catalogue.subjects import seed_statutory_subjects


def seed(apps, schema_editor):
    seed_statutory_subjects(apps.get_model("catalogue", "Category"))


class Migration(migrations.Migration):
    dependencies = [("catalogue", "0004_search_index")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
