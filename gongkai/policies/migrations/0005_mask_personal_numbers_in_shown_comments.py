"""Comments shown before issue 24 were published without the personal-data scan: mask the
numbers in every comment already shown, as moderate_comment now does when it shows one."""

from django.db import migrations


def mask_shown_comments(apps, schema_editor):
    from gongkai.statute.personal_data import redact, scan

    Comment = apps.get_model("policies", "Comment")
    for comment in Comment.objects.filter(status="shown").only("pk", "text").iterator():
        hits = scan(comment.text)
        if hits:
            Comment.objects.filter(pk=comment.pk).update(text=redact(comment.text, hits))


class Migration(migrations.Migration):
    dependencies = [("policies", "0004_normative_search_trigram_index")]

    operations = [migrations.RunPython(mask_shown_comments, migrations.RunPython.noop)]
