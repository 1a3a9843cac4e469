"""Annotations compiled once and kept, for the reads a page makes on every visit.

Building and compiling a correlated subquery with a few conditions takes the ORM about as
long as PostgreSQL takes to run it (the 工作台's application events and the county's
application counts, issue 27). Where an annotation's SQL depends only on values the caller
can name — nothing at all, or the day — the caller keeps what compiled() returns under those
values and annotates its reads with it."""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from django.db.models import Model
from django.db.models.expressions import RawSQL


def compiled(model: type[Model], **annotations) -> Mapping[str, RawSQL]:
    """Each of `annotations` as it compiles on a read of `model`, as SQL to annotate such a
    read with (read only: it is kept and shared). The SQL names the read's own table by its
    name (an OuterRef of a subquery): use it only on reads whose own table is not aliased —
    a read of `model` itself, which the ORM never aliases."""
    read = model.objects.annotate(**annotations)
    query = read.query
    compiler = query.get_compiler(using=read.db)
    kept = {}
    for name in annotations:
        annotation = query.annotations[name]
        sql, params = compiler.compile(annotation)
        kept[name] = RawSQL(sql, tuple(params), output_field=annotation.output_field)
    return MappingProxyType(kept)
