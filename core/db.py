"""Reading from a PostgreSQL replica when one PostgreSQL is not enough (docs/operations.md).

With ``DATABASE_REPLICA_URL`` set, the settings add a ``replica`` database and this router.
Nothing moves by itself: a read goes to the replica only inside ``from_replica()`` — around
work that only reads and tolerates a replica's lag of a second or two (the review statistics,
the background exports, the public site's lists) — and never inside a transaction on the
primary (a service that reads what it has just written must see it). Writes always go to the
primary. Without a replica, ``from_replica()`` changes nothing, so callers need no condition.
"""

from contextlib import contextmanager
from contextvars import ContextVar

from django.db import DEFAULT_DB_ALIAS, connections

REPLICA = "replica"
_reading = ContextVar("dienhinh_read_replica", default=False)


@contextmanager
def from_replica():
    """Route this block's reads to the replica (when there is one)."""
    token = _reading.set(True)
    try:
        yield
    finally:
        _reading.reset(token)


def replica_configured() -> bool:
    return REPLICA in connections.databases


class ReplicaRouter:
    """Reads inside ``from_replica()`` go to ``replica``; everything else to ``default``."""

    def db_for_read(self, model, **hints):
        if not _reading.get() or not replica_configured():
            return None
        if connections[DEFAULT_DB_ALIAS].in_atomic_block:
            return DEFAULT_DB_ALIAS  # read-your-writes inside a service's transaction
        return REPLICA

    def db_for_write(self, model, **hints):
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1, obj2, **hints):
        return True  # the replica holds the same rows

    def allow_migrate(self, db, app_label, **hints):
        return db == DEFAULT_DB_ALIAS  # the replica follows the primary by replication
