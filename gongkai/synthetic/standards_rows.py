"""A synthetic province's standard catalogue: the province government issues one model of
`matters` rows over the 26 领域 and 村级事务, in the limit kinds catalogues use; every agency
adopts all of it, hides one row in fifty and adds a local row now and then; a share of the
generated items is linked to their agency's matters. Written with COPY (writer.write)."""

from __future__ import annotations

import random
from datetime import UTC, date, datetime

from django.db import connection

from gongkai.core.models import Agency
from gongkai.standards.models import ModelCatalogue
from gongkai.statute.catalogue_subjects import STANDARD_AREAS
from gongkai.synthetic import writer

DOMAINS = (*STANDARD_AREAS, "村级事务")
LIMITS = [
    ("default", 20, 10),
    ("workdays", 7, 4),
    ("workdays", 5, 1),
    ("realtime", 0, 1),
    ("monthly", 10, 2),
    ("quarterly", 10, 3),
    ("half_yearly", 20, 1),
    ("yearly", 20, 2),
]  # (kind, days, weight)
MATTER_COLUMNS = (
    "id", "catalogue_id", "agency_id", "domain", "level1", "level2", "content", "basis",
    "limit_kind", "limit_days", "subject", "channels", "audience", "manner", "county_level",
    "township_level", "notice_end", "order",
)  # fmt: skip
ADOPTION_COLUMNS = ("agency_id", "matter_id", "hidden", "hidden_reason", "adopted_on", "updated_at")


def generate_standards(planned, *, matters: int, seed: int, as_of: date) -> int:
    """Returns the rows written."""
    if not matters or not planned:
        return 0
    rng = random.Random(f"{seed}-standards")
    root = Agency.objects.get(pk=planned[0].pk)
    while root.parent_id is not None:
        root = root.parent
    catalogue = ModelCatalogue.objects.create(
        issuer=root, name=f"{root.name}基层政务公开标准目录", issued_on=date(as_of.year, 1, 1)
    )
    first = writer.next_id("standards_matter")
    kinds = [(kind, days) for kind, days, weight in LIMITS for _ in range(weight)]
    rows = []
    for n in range(matters):
        domain = DOMAINS[n % len(DOMAINS)]
        kind, days = rng.choice(kinds)
        rows.append(
            (first + n, catalogue.pk, None, domain, f"{domain}事项{n // len(DOMAINS) + 1}",
             f"{domain}公开事项{n + 1}", "公开内容要素", "有关法律法规", kind, days,
             "乡镇人民政府", "政府网站、公开栏", "public",
             "application" if n % 20 == 19 else "proactive", n % 3 == 0, True, "mark", n + 1)
        )  # fmt: skip
    written = writer.write("standards_matter", MATTER_COLUMNS, rows)
    now = datetime(as_of.year, as_of.month, as_of.day, tzinfo=UTC)
    adopted_on = date(as_of.year, 1, 15)

    def adoptions():
        for agency in planned:
            for n in range(matters):
                hidden = rng.random() < 0.02
                yield (agency.pk, first + n, hidden, "本机关无此职责" if hidden else "",
                       adopted_on, now)  # fmt: skip

    written += writer.write("standards_adoption", ADOPTION_COLUMNS, adoptions())
    writer.move_sequences(["standards_matter"])
    # link generated items to matters: about two in three, spread over the model's rows
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE catalogue_item SET matter_id = %s + (id %% %s) "
            "WHERE id %% 3 <> 0 AND agency_id BETWEEN %s AND %s",
            [first, matters, min(a.pk for a in planned), max(a.pk for a in planned)],
        )
    writer.analyse(["standards_matter", "standards_adoption", "catalogue_item"])
    return written
