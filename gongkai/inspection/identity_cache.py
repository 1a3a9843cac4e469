"""The site identity for the foot of every page, kept in the process (issue 25).

The footer is on every page, staff and public, and its rows change a few times a year: read
per request it was one statement of every page's budget. The rows (the platform's, overlaid
with the agency's) are kept here per agency for CACHE_SECONDS. Saving or deleting a row —
the administrator's settings page (office/admin_pages.py, identity_settings.save_identity)
or Django's admin — empties this process's copy at once and again when the transaction
commits; another worker process sees the change within CACHE_SECONDS.

Nothing is kept while a change is uncommitted on this thread's connection (its commit
callback still waits): what that transaction reads is not yet everyone's. A change rolled back
— a test's — drops its callback, and the copy is kept again from the next read."""

from __future__ import annotations

import time

from django.db import connection, transaction

CACHE_SECONDS = 60

_kept: dict[int | None, tuple[float, dict[str, str]]] = {}
_uncommitted: list = []  # the commit callbacks of changes not yet known committed


def _changing() -> bool:
    """A change made on this connection waits for its commit."""
    waiting = {id(func) for _sids, func, *_ in connection.run_on_commit}
    return any(id(callback) in waiting for callback in _uncommitted)


def identity_rows(agency_pk: int | None, read) -> dict[str, str]:
    """`read(agency_pk)` (the merged rows' fields), or this process's copy of it."""
    now = time.time()  # the clock the suite freezes: a slow test run does not expire it
    kept = _kept.get(agency_pk)
    if kept is not None and kept[0] > now:
        return dict(kept[1])
    value = read(agency_pk)
    if not _changing():
        _kept[agency_pk] = (now + CACHE_SECONDS, value)
    return dict(value)


def forget(**_signal) -> None:
    """A row changed: nothing kept holds, now and once the change commits."""
    _kept.clear()

    def committed() -> None:
        _kept.clear()
        if committed in _uncommitted:
            _uncommitted.remove(committed)

    if len(_uncommitted) > 1000:  # rolled back, each dropped with its transaction
        _uncommitted.clear()
    _uncommitted.append(committed)
    transaction.on_commit(committed)


def forget_all(**_signal) -> None:
    """The tables were emptied or rebuilt (flush, migrate): nothing kept holds."""
    _kept.clear()
