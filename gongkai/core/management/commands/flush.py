"""Django's flush, able to erase the append-only audit log too.

Flushing empties every table on the operator's explicit request (tests use it between
transactional test cases); the audit guard protects the log from the application, not from
an operator wiping the whole database."""

from django.core.management.commands import flush
from django.db import connections

from gongkai.core.audit import audit_purge_allowed


class Command(flush.Command):
    help = "清空数据库中的全部数据（含审计记录），只在确需重建时使用"

    def handle(self, **options):
        with audit_purge_allowed(connections[options["database"]]):
            return super().handle(**options)
