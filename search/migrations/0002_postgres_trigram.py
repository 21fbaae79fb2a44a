"""PostgreSQL only: pg_trgm and its GIN indexes (the fuzzy vocabulary lookup and the substring
tier). SQLite needs neither: it pre-filters by trigram count and scores in Python."""

from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations

INDEXES = {
    "search_term_trgm": ("search_searchterm", "term"),
    "search_entry_extra_trgm": ("search_searchentry", "extra_folded"),
}


def create_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, (table, column) in INDEXES.items():
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {name} ON {table} USING gin ({column} gin_trgm_ops)"
        )


def drop_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):

    dependencies = [("search", "0001_initial")]

    operations = [
        # CreateExtension does nothing on databases other than PostgreSQL.
        TrigramExtension(),
        migrations.RunPython(create_indexes, drop_indexes),
    ]
