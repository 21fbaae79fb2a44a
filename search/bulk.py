"""Fast writes for the full rebuild: COPY on PostgreSQL, executemany elsewhere.

Rows are plain tuples in the order of the given fields: a million model instances would cost
more than the database does.
"""

from collections.abc import Iterable

from django.db import connection, models


def _table(model: type[models.Model]) -> str:
    return connection.ops.quote_name(model._meta.db_table)


def _columns(model: type[models.Model], field_names: Iterable[str]) -> str:
    fields = (model._meta.get_field(name) for name in field_names)
    return ", ".join(connection.ops.quote_name(f.column) for f in fields)


def insert(model: type[models.Model], field_names: tuple[str, ...], rows: list[tuple]) -> None:
    """Insert ``rows`` (tuples in the order of ``field_names``)."""
    if not rows:
        return
    table, names = _table(model), _columns(model, field_names)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        else:
            marks = ", ".join(["%s"] * len(field_names))
            cursor.executemany(f"INSERT INTO {table} ({names}) VALUES ({marks})", rows)


def delete_all(*models_in_order: type[models.Model]) -> None:
    """DELETE (not TRUNCATE): searches keep reading the old rows until the rebuild commits."""
    with connection.cursor() as cursor:
        for model in models_in_order:
            cursor.execute(f"DELETE FROM {_table(model)}")


def reserve_ids(model: type[models.Model], count: int) -> list[int]:
    """``count`` primary keys no concurrent insert will take."""
    table = model._meta.db_table
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)",
                [table, count])
            return [row[0] for row in cursor.fetchall()]
        cursor.execute(f"SELECT COALESCE(MAX(id), 0) FROM {_table(model)}")
        # SQLite has one writer at a time: nobody else inserts during this transaction.
        start = cursor.fetchone()[0] + 1
        return list(range(start, start + count))


def analyze(*models_to_analyze: type[models.Model]) -> None:
    """Fresh planner statistics after a bulk load (PostgreSQL; SQLite plans without them)."""
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        for model in models_to_analyze:
            cursor.execute(f"ANALYZE {_table(model)}")
