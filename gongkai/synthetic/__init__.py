"""A synthetic province for measuring gongkai at scale (`gongkai generate`).

Deterministic for a seed and a reference date; every row goes through the same tables the
application writes, in bulk (COPY on PostgreSQL), inside one transaction."""
