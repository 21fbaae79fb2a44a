"""SearchTerm.in_names, and the words of the free text added to the vocabulary (as words only in
free text), so the phrase tier can complete a last word from it (search.vocabulary). Derived
data: ``rebuild_search_index`` gives the same result."""

from django.db import migrations, models

BATCH = 5000


def add_text_words(apps, schema_editor):
    from core.text import ocr_skeleton
    from search.documents import is_term
    from search.fuzzy import trigrams

    entry_model = apps.get_model("search", "SearchEntry")
    term_model = apps.get_model("search", "SearchTerm")
    known = set(term_model.objects.values_list("term", flat=True))
    found: set[str] = set()
    for stream in entry_model.objects.values_list("extra_folded", flat=True).iterator(
            chunk_size=BATCH):
        found.update(w for w in stream.split() if is_term(w))
    new = sorted(found - known)
    for start in range(0, len(new), BATCH):
        term_model.objects.bulk_create(
            [term_model(term=t, ocr=ocr_skeleton(t), grams=len(trigrams(t)), in_names=False)
             for t in new[start:start + BATCH]], ignore_conflicts=True)


class Migration(migrations.Migration):
    dependencies = [("search", "0005_abbreviation")]

    operations = [
        migrations.AddField(model_name="searchterm", name="in_names",
                            field=models.BooleanField(default=True)),
        migrations.RunPython(add_text_words, migrations.RunPython.noop),
    ]
