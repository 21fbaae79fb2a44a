"""One search over exemplars and units: tiered, ranked, scoped to what the user may see.

Tiers, best first — each runs only while fewer than ``limit`` results have been found:

1. exact with diacritics and 2. folded exact — ``key = q`` on the word-tail keys;
3. prefix — ``q <= key < q || 0xFF`` (a btree range on the byte keys);
4. substring of the free text (positions, work units, solution summaries);
5. fuzzy — each query word corrected against the vocabulary (OCR, Telex, one edit, trigrams),
   the corrected phrases looked up as exact keys.
"""

from collections.abc import Iterable

from django.db import connection
from django.db.models import Case, F, Q, QuerySet, Value, When

from accounts import roles
from core.text import ocr_skeleton
from orgs.selectors import units_visible_to
from search import fuzzy
from search.analysis import Query, parse_query
from search.hits import Hit, Ranker, Tier
from search.models import SearchEntry, SearchKey, SearchTerm

__all__ = ["Hit", "Tier", "search"]

MAX_EDIT_WORD = 20  # longer "words" are not worth 50×n one-edit variants
MIN_TEXT_QUERY = 3  # the substring tier needs at least one trigram


def _scoped(queryset: QuerySet, user, kinds: Iterable[str] | None, prefix: str = "") -> QuerySet:
    if kinds is not None:
        queryset = queryset.filter(**{f"{prefix}kind__in": list(kinds)})
    if user is None or roles.is_province_wide(user):
        return queryset  # the standing office's view: the whole province
    return queryset.filter(**{f"{prefix}unit_id__in": units_visible_to(user).values("pk")})


def _exact(keys: QuerySet, query: Query, cap: int) -> QuerySet:
    return (
        keys.filter(key=query.key.encode())
        .annotate(plain=Case(When(exact=query.exact, then=Value(0)), default=Value(1)))
        .order_by("plain", "field", "start", "entry_id")[:cap]
    )


def _prefix(keys: QuerySet, query: Query, cap: int) -> QuerySet:
    low = query.key.encode()
    return keys.filter(key__gt=low, key__lt=low + b"\xff").order_by("key", "entry_id")[:cap]


def _candidates(word: str) -> list[fuzzy.Candidate]:
    """Vocabulary words that may be what ``word`` meant (a superset; ``fuzzy.score`` decides)."""
    condition = Q(term=fuzzy.telex(word)) | Q(ocr=ocr_skeleton(word))
    if fuzzy.MIN_EDIT_LENGTH <= len(word) <= MAX_EDIT_WORD:
        condition |= Q(term__in=fuzzy.edits1(word))
    if connection.vendor == "postgresql":
        from django.contrib.postgres.lookups import TrigramSimilar

        # pg_trgm's % operator (threshold 0.3, the same as fuzzy.TRIGRAM_THRESHOLD), GIN index.
        condition |= Q(TrigramSimilar(F("term"), word))
    else:
        low, high = fuzzy.gram_bounds(word)
        condition |= Q(grams__range=(low, high))
    rows = SearchTerm.objects.filter(condition).values_list("term", "ocr")
    return [fuzzy.Candidate(term, ocr) for term, ocr in rows]


def _corrected_phrases(query: Query) -> dict[str, float]:
    choices = [fuzzy.alternatives(w.folded, _candidates(w.folded)) for w in query.words]
    return {phrase: value for phrase, value in fuzzy.phrases(choices) if phrase != query.key}


def search(user, query: str | None, *, limit: int = 20,
           kinds: Iterable[str] | None = None) -> list[Hit]:
    """The best ``limit`` hits for ``query`` among what ``user`` may see, best first.

    ``user=None`` is the standing office's view (the whole province), used by commands.
    ``kinds`` restricts to ``"exemplar"`` and/or ``"unit"``.
    """
    parsed = parse_query(query)
    if not parsed or limit <= 0:
        return []
    cap = limit * 5 + 50
    keys = _scoped(SearchKey.objects.select_related("entry"), user, kinds, prefix="entry__")
    ranker = Ranker(parsed)
    ranker.add_keys(_exact(keys, parsed, cap), Tier.FOLDED)
    if len(ranker) < limit:
        ranker.add_keys(_prefix(keys, parsed, cap), Tier.PREFIX)
    if len(ranker) < limit and len(parsed.key) >= MIN_TEXT_QUERY:
        entries = _scoped(SearchEntry.objects.all(), user, kinds)
        ranker.add_texts(entries.filter(extra_folded__contains=parsed.key)[:cap])
    if len(ranker) < limit:
        phrases = _corrected_phrases(parsed)
        if phrases:
            matches = keys.filter(key__in=[p.encode() for p in phrases])
            ranker.add_keys(matches.order_by("field", "start", "entry_id")[:cap], Tier.FUZZY,
                            phrase_scores=phrases)
    return ranker.best(limit)
