"""The site identity for the foot of every page, kept in the process (issue 25).

The footer is on every page, staff and public, and its rows change a few times a year: read
per request it was one statement of every page's budget. The rows (the platform's, overlaid
with the agency's) are kept here per agency for CACHE_SECONDS. Saving or deleting a row —
the administrator's settings page (office/admin_pages.py, identity_settings.save_identity)
or Django's admin — empties this process's copy at once and again when the transaction
commits; another worker process sees the change within CACHE_SECONDS.

Nothing is kept while a change this process made is not yet committed (a change inside a
transaction that is rolled back — a test's — is never kept for the next); a change that never
commits stops holding the copy back after CACHE_SECONDS."""

from __future__ import annotations

import time

from django.db import transaction

CACHE_SECONDS = 60

_kept: dict[int | None, tuple[float, dict[str, str]]] = {}
_changing_until = [0.0]  # monotonic time until which a change made here may be uncommitted


def identity_rows(agency_pk: int | None, read) -> dict[str, str]:
    """`read(agency_pk)` (the merged rows' fields), or this process's copy of it."""
    now = time.monotonic()
    kept = _kept.get(agency_pk)
    if kept is not None and kept[0] > now:
        return dict(kept[1])
    value = read(agency_pk)
    if now >= _changing_until[0]:
        _kept[agency_pk] = (now + CACHE_SECONDS, value)
    return dict(value)


def _committed() -> None:
    _kept.clear()
    _changing_until[0] = 0.0


def forget(**_signal) -> None:
    """A row changed: nothing kept holds, and nothing is kept until the change commits."""
    _kept.clear()
    _changing_until[0] = time.monotonic() + CACHE_SECONDS
    transaction.on_commit(_committed)


def forget_all(**_signal) -> None:
    """The tables were emptied or rebuilt (flush, migrate): nothing kept holds."""
    _kept.clear()
