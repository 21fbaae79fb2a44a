"""Pointing Django's default connection at a benchmark database, and preparing it."""

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import dj_database_url
from django.conf import settings
from django.core.management import call_command
from django.db import connection, connections

from guidance.loading import ensure_reference_campaign
from guidance.models import Campaign


@contextmanager
def switched_database(url: str | None) -> Iterator[None]:
    """Make ``url`` the default database inside the block (same options), then put the
    previous connection back untouched (an in-memory test database survives)."""
    if not url:
        yield
        return
    parsed = dj_database_url.parse(url)
    previous_settings, previous_entry = connections.settings, settings.DATABASES["default"]
    if parsed["ENGINE"] == previous_entry["ENGINE"]:
        parsed["OPTIONS"] = dict(previous_entry.get("OPTIONS", {}))
    if parsed["ENGINE"] == "django.db.backends.sqlite3":
        Path(parsed["NAME"]).parent.mkdir(parents=True, exist_ok=True)
    if parsed["ENGINE"] == "django.db.backends.postgresql":
        create_postgres_database(url)
    previous = connections["default"]
    # ContentType ids are per database: a cached id from the other database breaks FKs.
    from django.contrib.contenttypes.models import ContentType

    ContentType.objects.clear_cache()
    settings.DATABASES["default"] = parsed
    connections.settings = connections.configure_settings({**settings.DATABASES})
    connections["default"] = connections.create_connection("default")
    try:
        yield
    finally:
        ContentType.objects.clear_cache()
        connections["default"].close()
        connections["default"] = previous
        connections.settings = previous_settings
        settings.DATABASES["default"] = previous_entry


def create_postgres_database(url: str) -> None:
    """CREATE DATABASE for ``url`` if it does not exist (connecting to the server's postgres)."""
    import psycopg

    parsed = dj_database_url.parse(url)
    name = parsed["NAME"]
    with psycopg.connect(host=parsed["HOST"] or None, port=parsed["PORT"] or None,
                         user=parsed["USER"] or None, password=parsed["PASSWORD"] or None,
                         dbname="postgres", autocommit=True) as conn:
        if conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            return
        conn.execute(f'CREATE DATABASE "{name}"')


def migrate() -> None:
    call_command("migrate", verbosity=0, interactive=False)


def small_url_for(url: str | None, directory: Path) -> str:
    """Where the second, small dataset of the query-count comparison lives: a database of its
    own on the same kind of server."""
    entry = dj_database_url.parse(url) if url else settings.DATABASES["default"]
    if entry["ENGINE"] == "django.db.backends.postgresql":
        user = entry["USER"] or "postgres"
        auth = f"{user}:{entry['PASSWORD']}" if entry["PASSWORD"] else user
        host = entry["HOST"] or "127.0.0.1"
        return f"postgres://{auth}@{host}:{entry['PORT'] or 5432}/{entry['NAME']}_small"
    return f"sqlite:///{directory / 'bench-small.sqlite3'}"


def reference_campaign() -> Campaign:
    """The 2533 campaign (loading the shipped pack first when needed)."""
    return ensure_reference_campaign()


def describe() -> str:
    """"PostgreSQL 15.20" or "SQLite 3.45.1" — the database the default connection talks to."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SHOW server_version")
            return f"PostgreSQL {cursor.fetchone()[0]}"
        cursor.execute("SELECT sqlite_version()")
        return f"SQLite {cursor.fetchone()[0]}"
