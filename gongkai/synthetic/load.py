"""Write a synthetic province: agencies and their columns, then items with their posts and
search rows, then applications with their events and appeals — each table in batches of
BATCH rows, never holding more than a batch. The caller wraps it in one transaction."""

from __future__ import annotations

import io
import random
from datetime import date

from gongkai.catalogue.models import IndexCounter
from gongkai.catalogue.search import index_id_range
from gongkai.core.calendar import current_calendar
from gongkai.core.crypto import encrypt, lookup_digest
from gongkai.core.progress import Progress
from gongkai.synthetic import writer
from gongkai.synthetic.application_rows import (
    APPEAL_COLUMNS,
    APPLICATION_COLUMNS,
    EVENT_COLUMNS,
    ApplicationRows,
    synthetic_identities,
)
from gongkai.synthetic.catalogue_rows import ITEM_COLUMNS, MEDIA_COLUMNS, POST_COLUMNS, ItemRows
from gongkai.synthetic.province import create_agencies
from gongkai.synthetic.standards_rows import generate_standards
from gongkai.synthetic.subjects import create_subjects, synthetic_user

BATCH = 10_000


def generate(*, province, agencies, items, applications, seed, as_of, quiet, matters=0) -> dict:
    stream = io.StringIO() if quiet else None
    first_day = date(2021, 1, 1)
    user = synthetic_user()
    planned = create_agencies(province, agencies, random.Random(f"{seed}-agencies"))
    subjects = create_subjects(planned)
    counted = {"agencies": len(planned), "items": items, "applications": applications}
    total = len(planned) * 3

    progress = Progress("生成政府信息", items, "条", stream=stream)
    item_rows = ItemRows(
        planned, subjects, user.pk, random.Random(f"{seed}-items"), first_day, as_of,
        writer.next_id("catalogue_item"),
    )  # fmt: skip
    for start in range(0, items, BATCH):
        size = min(BATCH, items - start)
        first = item_rows.next_id
        written = writer.write("catalogue_item", ITEM_COLUMNS, item_rows.batch(start, size, items))
        written += writer.write("catalogue_channelpost", POST_COLUMNS, item_rows.take_posts())
        written += writer.write("catalogue_mediaadoption", MEDIA_COLUMNS, item_rows.take_media())
        index_id_range(first, item_rows.next_id - 1)
        total += written
        progress.advance(size)
    progress.close()
    # the serials used are where each agency's next publication continues (索引号)
    counters = IndexCounter.objects.bulk_create(
        IndexCounter(agency_id=agency, year=year, last_serial=serial)
        for (agency, year), serial in item_rows.serials.items()
    )
    total += len(counters)

    rng = random.Random(f"{seed}-applications")
    identities = [
        (encrypt(number), lookup_digest(number)) for number in synthetic_identities(64, rng)
    ]
    application_rows = ApplicationRows(
        planned, current_calendar(), rng, first_day=first_day, as_of=as_of,
        first_id=writer.next_id("applications_application"), identities=identities,
        user_id=user.pk, digest_key=rng.randbytes(32),
    )  # fmt: skip
    progress = Progress("生成申请", applications, "件", stream=stream)
    for start in range(0, applications, BATCH):
        size = min(BATCH, applications - start)
        batch = application_rows.batch(start, size, applications)
        written = writer.write("applications_application", APPLICATION_COLUMNS, batch)
        written += writer.write(
            "applications_applicationevent", EVENT_COLUMNS, application_rows.take_events()
        )
        written += writer.write(
            "applications_appeal", APPEAL_COLUMNS, application_rows.take_appeals()
        )
        total += written
        progress.advance(size)
    progress.close()
    writer.move_sequences(["catalogue_item", "applications_application"])
    total += generate_standards(planned, matters=matters, seed=seed, as_of=as_of)
    writer.analyse(
        [
            "core_agency",
            "core_user",
            "catalogue_category",
            "catalogue_item",
            "applications_application",
        ]
    )
    return {**counted, "total": total}
