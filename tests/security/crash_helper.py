"""Run by test_crashes.py in a child process: start a catalogue import or a report
publication, announce when it is half-way inside its transaction, and wait to be killed."""

import os
import sys
import time


def pause_on(module, name: str, after: int) -> None:
    """Replace module.name so that its `after`-th call announces and sleeps forever."""
    real = getattr(module, name)
    calls = {"n": 0}

    def wrapper(*args, **kwargs):
        calls["n"] += 1
        result = real(*args, **kwargs)
        if calls["n"] == after:
            print("IN-TRANSACTION", flush=True)
            time.sleep(600)
        return result

    setattr(module, name, wrapper)


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.settings")
    import django

    django.setup()
    from gongkai.core.models import Agency, User

    operation = sys.argv[1]
    agency = Agency.objects.get(index_prefix=sys.argv[2])
    if operation == "import":
        from gongkai.catalogue import importer

        pause_on(importer, "_write", after=1)  # the first batch of rows written
        with open(sys.argv[3], "rb") as file:
            importer.import_catalogue(
                agency, file.read(), "目录.csv", by=User.objects.get(username="jingban")
            )
    elif operation == "publish":
        from gongkai.catalogue import transitions
        from gongkai.reports.models import AnnualReport
        from gongkai.reports.transitions import publish_report

        pause_on(transitions, "index_item", after=1)
        report = AnnualReport.objects.get(agency=agency, status="draft")
        publish_report(report, by=User.objects.get(username="shenhe"), on=report.created_at.date())
    print("FINISHED", flush=True)


if __name__ == "__main__":
    main()
