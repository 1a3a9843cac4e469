"""Bulk rows into tables: COPY on PostgreSQL, batched executemany on SQLite.

Rows carry their own ids (taken above the table's largest), so rows of one table can refer
to rows of another without reading anything back; the id sequences are moved past them at
the end."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import connection

SQLITE_BATCH = 5000


def next_id(table: str) -> int:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COALESCE(MAX(id), 0) + 1 FROM {table}")
        return cursor.fetchone()[0]


def write(table: str, columns: tuple[str, ...], rows: Iterable[tuple]) -> int:
    """Insert `rows` (tuples in `columns` order); returns how many."""
    names = ", ".join(connection.ops.quote_name(column) for column in columns)
    count = 0
    if connection.vendor == "postgresql":
        connection.ensure_connection()
        with connection.connection.cursor().copy(f"COPY {table} ({names}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)
                count += 1
        return count
    marks = ", ".join(["%s"] * len(columns))
    sql = f"INSERT INTO {table} ({names}) VALUES ({marks})"
    batch: list[tuple] = []
    with connection.cursor() as cursor:
        for row in rows:
            batch.append(row)
            if len(batch) == SQLITE_BATCH:
                cursor.executemany(sql, batch)
                count += len(batch)
                batch = []
        cursor.executemany(sql, batch)
    return count + len(batch)


def move_sequences(tables: Iterable[str]) -> None:
    """After rows with explicit ids, new rows must get ids above them (PostgreSQL's
    identity columns do not look; SQLite's AUTOINCREMENT does by itself)."""
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        for table in tables:
            cursor.execute(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                f"(SELECT COALESCE(MAX(id), 1) FROM {table}))"
            )


def analyse(tables: Iterable[str]) -> None:
    """Let PostgreSQL see the rows just written before the transaction commits: the deferred
    foreign-key checks run then, and planned against a table it believes empty (just after
    TRUNCATE) each check reads the whole table — a 50 s load became 260 s."""
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute(f"ANALYZE {', '.join(tables)}")
