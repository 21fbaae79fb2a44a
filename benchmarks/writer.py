"""Bulk row writers: COPY on PostgreSQL, ``executemany`` in one transaction on SQLite.

Rows are tuples in the order of :func:`columns`; ids are assigned by the generator in ranges
starting after the tables' current maximum, and sequences are reset afterwards.
"""

from collections.abc import Iterable, Sequence
from typing import Any, Protocol

from django.core.management.color import no_style
from django.db import connection, models
from django.db.models import Max


def columns(model: type[models.Model]) -> list[str]:
    return [field.column for field in model._meta.concrete_fields]


def defaults(model: type[models.Model]) -> dict[str, Any]:
    return {field.column: field.get_default() for field in model._meta.concrete_fields}


def next_ids(model_list: Sequence[type[models.Model]]) -> dict[type[models.Model], int]:
    return {m: (m.objects.aggregate(top=Max("pk"))["top"] or 0) + 1 for m in model_list}


class RowWriter(Protocol):
    rows_written: int

    def write(self, model: type[models.Model], rows: Iterable[tuple]) -> None: ...

    def finish(self, model_list: Sequence[type[models.Model]]) -> None: ...


class SqliteWriter:
    """``executemany`` on the raw sqlite3 connection (same transaction as Django's)."""

    def __init__(self) -> None:
        self.rows_written = 0

    def write(self, model: type[models.Model], rows: Iterable[tuple]) -> None:
        cols = columns(model)
        sql = (f'INSERT INTO "{model._meta.db_table}" ({", ".join(cols)}) '
               f'VALUES ({", ".join("?" * len(cols))})')
        batch = list(rows)
        connection.ensure_connection()
        connection.connection.executemany(sql, batch)
        self.rows_written += len(batch)

    def finish(self, model_list: Sequence[type[models.Model]]) -> None:
        """SQLite's rowid needs no sequence reset; refresh the planner's statistics."""
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


class PostgresWriter:
    """``COPY … FROM STDIN`` through psycopg 3, then sequences reset past the new ids."""

    def __init__(self) -> None:
        self.rows_written = 0

    def write(self, model: type[models.Model], rows: Iterable[tuple]) -> None:
        cols = ", ".join(f'"{c}"' for c in columns(model))
        connection.ensure_connection()
        with connection.connection.cursor() as cursor:
            with cursor.copy(f'COPY "{model._meta.db_table}" ({cols}) FROM STDIN') as copy:
                for row in rows:
                    copy.write_row(row)
                    self.rows_written += 1

    def finish(self, model_list: Sequence[type[models.Model]]) -> None:
        with connection.cursor() as cursor:
            for sql in connection.ops.sequence_reset_sql(no_style(), list(model_list)):
                cursor.execute(sql)
            for model in model_list:
                cursor.execute(f'ANALYZE "{model._meta.db_table}"')


def writer_for_connection() -> RowWriter:
    if connection.vendor == "postgresql":
        return PostgresWriter()
    if connection.vendor == "sqlite":
        return SqliteWriter()
    raise ValueError(
        f"generate_dataset supports SQLite and PostgreSQL, not {connection.vendor}"
    )
