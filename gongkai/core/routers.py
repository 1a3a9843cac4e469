"""A read replica for the public pages (DATABASE_REPLICA_URL; docs/deploy.md).

Only what every visitor sees alike may come from the replica: a GET or HEAD by a visitor
without a session cookie. Everything else reads and writes the primary — every write, every
POST, every request of a logged-in clerk or of an applicant following an application (both
carry a session cookie), every command run from the shell, and always the sessions, the
shared cache (rate limits) and django-axes' records, which must be read where they were
just written. A request that writes a record reads the primary from then on (not for a
cache entry such as search's note of broad words, which is read on the primary anyway).

The replica lags the primary by well under a second; nginx keeps public pages 30 s anyway.
"""

from __future__ import annotations

from contextvars import ContextVar

from django.conf import settings

PRIMARY, REPLICA = "default", "replica"
# read-your-own-write state: where it is written is where it must be read
PRIMARY_ONLY = {"sessions", "django_cache", "axes", "admin"}
SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}

# True outside a request (commands, cron jobs) and for any request that is not a plain
# anonymous read: such code reads what it may write next.
_on_primary: ContextVar[bool] = ContextVar("gongkai_on_primary", default=True)


class PrimaryReplicaRouter:
    def db_for_read(self, model, **hints):
        if model._meta.app_label in PRIMARY_ONLY or _on_primary.get():
            return PRIMARY
        return REPLICA

    def db_for_write(self, model, **hints):
        if model._meta.app_label not in PRIMARY_ONLY:
            _on_primary.set(True)  # the rest of this request reads what it wrote
        return PRIMARY

    def allow_relation(self, obj1, obj2, **hints):
        return True  # one database, two copies of it

    def allow_migrate(self, db, app_label, **hints):
        return db == PRIMARY  # the replica follows by streaming, not by migrating


class ReplicaReadsMiddleware:
    """Lets an anonymous visitor's GET or HEAD read the replica (when one is configured)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        anonymous_read = (
            request.method in SAFE_METHODS and settings.SESSION_COOKIE_NAME not in request.COOKIES
        )
        token = _on_primary.set(not anonymous_read)
        try:
            return self.get_response(request)
        finally:
            _on_primary.reset(token)
