"""The shared database cache, with an increment that counts: atomic and keeping the expiry.

Django's DatabaseCache inherits BaseCache.incr, which reads, adds and writes back with the
default timeout: two workers counting at once lose one of the counts, and an hour's window
silently becomes 5 minutes (the default TIMEOUT). The rate limits (gongkai/core/ratelimit.py)
count here, so incr is done in one transaction on a locked row (SELECT … FOR UPDATE on
PostgreSQL; SQLite's BEGIN IMMEDIATE, set in settings, holds the write lock from the start)
and leaves the row's expiry as it was.
"""

from __future__ import annotations

import base64
import pickle
from datetime import UTC, datetime

from django.conf import settings
from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.db import DatabaseCache
from django.db import DatabaseError, connections, router, transaction
from django.utils.timezone import now

SET_MANY_CHUNK = 500  # keys per DELETE and INSERT: three parameters a row stay far below limits


class CountingDatabaseCache(DatabaseCache):
    def incr(self, key, delta=1, version=None):
        key = self.make_and_validate_key(key, version=version)
        db = router.db_for_write(self.cache_model_class)
        connection = connections[db]
        quote = connection.ops.quote_name
        table = quote(self._table)
        lock = " FOR UPDATE" if connection.features.has_select_for_update else ""
        with transaction.atomic(using=db), connection.cursor() as cursor:
            cursor.execute(
                f"SELECT {quote('value')} FROM {table} "
                f"WHERE {quote('cache_key')} = %s AND {quote('expires')} >= %s{lock}",
                [key, connection.ops.adapt_datetimefield_value(now().replace(microsecond=0))],
            )
            row = cursor.fetchone()
            if row is None:
                raise ValueError(f"Key '{key}' not found")
            stored = connection.ops.process_clob(row[0])
            value = pickle.loads(base64.b64decode(stored.encode())) + delta
            encoded = base64.b64encode(pickle.dumps(value, self.pickle_protocol)).decode("latin1")
            cursor.execute(
                f"UPDATE {table} SET {quote('value')} = %s WHERE {quote('cache_key')} = %s",
                [encoded, key],
            )
        return value

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        """Every key in a fixed number of statements: the inherited set_many sets one key at a
        time (count, read, write: three statements a key, and a savepoint each), which made the
        county self-check page, storing each of its agencies' results for the 工作台, grow with
        the number of townships (issue 25). Replaced rows are deleted and inserted in one
        transaction; like DatabaseCache.set, a write that fails (another process storing the
        same key at the same moment) fails quietly: its keys are returned, as set_many says."""
        if not data:
            return []
        timeout = self.get_backend_timeout(timeout)
        if timeout is None:
            expires = datetime.max
        else:
            expires = datetime.fromtimestamp(timeout, tz=UTC if settings.USE_TZ else None)
        rows = [
            (
                self.make_and_validate_key(key, version=version),
                base64.b64encode(pickle.dumps(value, self.pickle_protocol)).decode("latin1"),
            )
            for key, value in data.items()
        ]
        db = router.db_for_write(self.cache_model_class)
        connection = connections[db]
        quote = connection.ops.quote_name
        table = quote(self._table)
        expires = connection.ops.adapt_datetimefield_value(expires.replace(microsecond=0))
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT COUNT(*) FROM {table}")
            entries = cursor.fetchone()[0]
            if entries > self._max_entries:
                self._cull(db, cursor, now().replace(microsecond=0), entries)
            try:
                with transaction.atomic(using=db):
                    for start in range(0, len(rows), SET_MANY_CHUNK):
                        chunk = rows[start : start + SET_MANY_CHUNK]
                        marks = ", ".join(["%s"] * len(chunk))
                        cursor.execute(
                            f"DELETE FROM {table} WHERE {quote('cache_key')} IN ({marks})",
                            [key for key, _value in chunk],
                        )
                        cursor.execute(
                            f"INSERT INTO {table} ({quote('cache_key')}, {quote('value')}, "
                            f"{quote('expires')}) VALUES "
                            + ", ".join(["(%s, %s, %s)"] * len(chunk)),
                            [part for key, value in chunk for part in (key, value, expires)],
                        )
            except DatabaseError:
                return list(data)
        return []

    def decr(self, key, delta=1, version=None):
        return self.incr(key, -delta, version=version)
