"""Serials kept per agency and year — index numbers, letters' and reports' 文号, 规范性文件
registration numbers: each is taken under a row lock and never reused."""

from __future__ import annotations

from django.db import IntegrityError, transaction

from gongkai.core.audit import lock_audit_chain
from gongkai.core.models import SerialCounter


def next_serial(counter_model: type[SerialCounter], *, agency, year: int) -> int:
    """The next serial of `counter_model` (a core.models.SerialCounter) for the agency and year.
    Call inside a transaction: the row stays locked until it ends."""
    try:
        with transaction.atomic():
            counter_model.objects.get_or_create(agency=agency, year=year)
    except IntegrityError:  # another transaction created the year's counter just now
        pass
    # the audit chain's lock first, on every path, so two transactions never wait on each
    # other's locks in opposite orders (they audit afterwards, which takes the chain's lock)
    lock_audit_chain()
    counter = counter_model.objects.select_for_update().get(agency=agency, year=year)
    counter.last_serial += 1
    counter.save(update_fields=["last_serial"])
    return counter.last_serial
