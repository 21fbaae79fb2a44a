"""Indexes that let every tier read in rank order and stop at its LIMIT; the free text becomes
a word stream searched by phrase (PostgreSQL full text) instead of trigrams.

* SearchKey.key: the plain index gives way to (key, exact, field, start, entry) for the exact
  tier and (key, field, start, entry) for the folded, prefix and fuzzy tiers.
* PostgreSQL: the GIN trigram index over extra_folded is dropped (no query uses it any more, and
  it dominated the full rebuild's time); a GIN full-text index over the same column replaces it.

Run ``manage.py rebuild_search_index`` after migrating: extra_folded is now stored as a padded
word stream (" a b c ").
"""

from django.db import migrations, models


def _postgres(schema_editor) -> bool:
    return schema_editor.connection.vendor == "postgresql"


def forwards(apps, schema_editor):
    if not _postgres(schema_editor):
        return
    schema_editor.execute("DROP INDEX IF EXISTS search_entry_extra_trgm")
    schema_editor.execute(
        "CREATE INDEX IF NOT EXISTS search_entry_words ON search_searchentry "
        "USING gin (to_tsvector('simple'::regconfig, extra_folded))"
    )


def backwards(apps, schema_editor):
    if not _postgres(schema_editor):
        return
    schema_editor.execute("DROP INDEX IF EXISTS search_entry_words")
    schema_editor.execute(
        "CREATE INDEX IF NOT EXISTS search_entry_extra_trgm ON search_searchentry "
        "USING gin (extra_folded gin_trgm_ops)"
    )


class Migration(migrations.Migration):

    dependencies = [
        ('search', '0002_postgres_trigram'),
    ]

    operations = [
        migrations.AlterField(
            model_name='searchkey',
            name='key',
            field=models.BinaryField(),
        ),
        migrations.AddIndex(
            model_name='searchkey',
            index=models.Index(fields=['key', 'exact', 'field', 'start', 'entry'], name='search_key_exact'),
        ),
        migrations.AddIndex(
            model_name='searchkey',
            index=models.Index(fields=['key', 'field', 'start', 'entry'], name='search_key_folded'),
        ),
        migrations.RunPython(forwards, backwards),
    ]
