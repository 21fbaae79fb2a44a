"""One search over every registered kind (exemplars, units, …): tiered, ranked, scoped to what the user may see.

Tiers, best first — each runs only while fewer than ``limit`` results have been found:

1. exact with diacritics and 2. folded exact — ``key = q`` on the word-tail keys;
3. prefix — ``q < key < q || 0xFF`` (a btree range on the byte keys);
4. written another way (:mod:`search.wording`) — names with words left out (a middle name,
   "huyện"), abbreviations expanded or contracted, OCR digits read as letters: a few more
   indexed ranges;
5. phrase in the free text (positions, work units, solution summaries): the query's words in a
   row, the last one as a prefix — PostgreSQL full text on the word stream (GIN), elsewhere
   ``LIKE '% a b%'`` on the same stream;
6. fuzzy — each query word corrected against the vocabulary (OCR, Telex, one edit, trigrams),
   the corrected phrases looked up as exact keys.
"""

from collections.abc import Iterable

from django.db import connection, transaction
from django.db.models import BooleanField, Q, QuerySet
from django.db.models.expressions import RawSQL

from accounts import roles
from search import fuzzy, vocabulary, wording
from search.analysis import Query, parse_query
from search.documents import is_term, sources
from search.hits import KEY_ROW, Hit, Ranker, Tier
from search.models import SearchEntry, SearchKey

__all__ = ["Hit", "Tier", "search"]

MIN_TEXT_QUERY = 3  # shorter phrases match most of the free text
MAX_COMPLETIONS = 32  # words a last word may be the start of, looked up as whole words


def _visible(user, kinds: list[str] | None, prefix: str) -> Q:
    """Entries of the units each kind's source lets ``user`` see (one subquery per distinct
    ``visible_units``: a single one when every source scopes by the same units)."""
    by_scope: dict = {}
    for source in sources(kinds):
        by_scope.setdefault(source.visible_units, []).append(source.kind)
    if len(by_scope) == 1:
        (visible_units, _kinds), = by_scope.items()
        return Q(**{f"{prefix}unit_id__in": visible_units(user).values("pk")})
    condition = Q(**{f"{prefix}pk__in": []})  # no source: nothing
    for visible_units, group in by_scope.items():
        condition |= Q(**{f"{prefix}kind__in": group,
                          f"{prefix}unit_id__in": visible_units(user).values("pk")})
    return condition


def _scoped(queryset: QuerySet, user, kinds: Iterable[str] | None, prefix: str = "",
            paths: tuple[str, ...] | None = None) -> QuerySet:
    kinds = None if kinds is None else list(kinds)
    if kinds is not None:
        queryset = queryset.filter(**{f"{prefix}kind__in": kinds})
    if paths is not None:  # the province filter (orgs.selectors.province_filter)
        queryset = queryset.filter(roles.under(paths, f"{prefix}unit__tree_path"))
    if user is None or roles.sees_every_province(user):
        return queryset  # the national view: every province
    if roles.is_province_wide(user):  # the standing office's view: its province, one join
        return queryset.filter(roles.scope_q(user, f"{prefix}unit__tree_path"))
    return queryset.filter(_visible(user, kinds, prefix))


def _exact(keys: QuerySet, query: Query, cap: int) -> QuerySet:
    """Keys equal to the query with its diacritics (index search_key_exact, in order)."""
    found = keys.filter(key=query.key.encode(), exact=query.exact)
    return found.order_by("field", "start", "entry_id")[:cap]


def _folded(keys: QuerySet, query: Query, cap: int) -> QuerySet:
    """Keys equal to the folded query, other diacritics (index search_key_folded, in order)."""
    found = keys.filter(key=query.key.encode()).exclude(exact=query.exact)
    return found.order_by("field", "start", "entry_id")[:cap]


def _prefix(keys: QuerySet, query: Query, cap: int) -> QuerySet:
    """Keys that continue the folded query: a byte range, read in index order."""
    low = query.key.encode()
    found = keys.filter(key__gt=low, key__lt=low + b"\xff")
    return found.order_by("key", "field", "start", "entry_id")[:cap]


def _shortened_exact(keys: QuerySet, query: Query, cap: int) -> QuerySet:
    """Names with words left out (``wording.SHORT_MARK`` keys) equal to the folded query."""
    found = keys.filter(key=(wording.SHORT_MARK + query.key).encode())
    return found.order_by("field", "start", "entry_id")[:cap]


def _phrase(entries: QuerySet, query: Query, cap: int) -> list[SearchEntry]:
    if connection.vendor != "postgresql":
        return list(entries.filter(extra_folded__contains=f" {query.key}")[:cap])
    # Folded words are letters and digits only: safe to quote as tsquery lexemes.
    tsquery = " <-> ".join([f"'{w.folded}'" for w in query.words[:-1]]
                           + [_last_word(query.words[-1].folded)])
    column = f'"{SearchEntry._meta.db_table}"."extra_folded"'
    matches = RawSQL(f"to_tsvector('simple'::regconfig, {column}) "
                     "@@ to_tsquery('simple'::regconfig, %s)", [tsquery],
                     output_field=BooleanField())
    with transaction.atomic():
        # PostgreSQL misjudges how many rows a phrase of common words matches and may scan
        # the table, evaluating to_tsvector on every row (seconds for a rare phrase). Only the
        # GIN bitmap plan is bounded; rolling back the savepoint undoes SET LOCAL.
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL enable_seqscan = off")
            cursor.execute("SET LOCAL enable_indexscan = off")
        found = list(entries.filter(matches)[:cap])
        transaction.set_rollback(True)
    return found


def _last_word(word: str) -> str:
    """The query's last word as the start of a word: the few vocabulary words it begins, as
    whole lexemes (``('sin' | 'sinh')``) — GIN reads their lists — or, when too many words
    begin so (or it is not a vocabulary-like word), the prefix ``'sin':*``, which makes GIN
    collect every row holding any of them."""
    options = vocabulary.current().completions(word, MAX_COMPLETIONS) if is_term(word) else None
    if options is None:
        return f"'{word}':*"
    return "(" + " | ".join(f"'{w}'" for w in dict.fromkeys([word, *options])) + ")"


def _corrected_phrases(query: Query) -> dict[str, float]:
    probes = [fuzzy.Probe.of(w.folded) for w in query.words]
    candidates = vocabulary.current().candidates(probes)
    choices = [fuzzy.alternatives(probe, candidates) for probe in probes]
    return {phrase: value for phrase, value in fuzzy.phrases(choices) if phrase != query.key}


def _stored_keys(candidates: list[bytes]) -> set[bytes]:
    """Which of ``candidates`` are keys of some entry: on PostgreSQL one index probe each
    (``EXISTS``), not every row of a common one; elsewhere the distinct keys of the rows."""
    if connection.vendor != "postgresql":
        return {bytes(key) for key in SearchKey.objects.filter(key__in=candidates)
                .order_by().values_list("key", flat=True).distinct()}
    table = connection.ops.quote_name(SearchKey._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT p.key FROM unnest(%s::bytea[]) AS p(key) WHERE EXISTS "
                       f"(SELECT 1 FROM {table} k WHERE k.key = p.key)", [candidates])
        return {bytes(row[0]) for row in cursor.fetchall()}


def _fuzzy(ranker: Ranker, keys: QuerySet, phrases: dict[str, float], cap: int) -> None:
    """The corrected phrases that are keys at all (one query over the key index), then each of
    them read in index order — at most ``cap`` rows each, the best-scored phrase first — until
    ``cap`` entries are known: a common corrected name (thousands of keys nationally) costs one
    bounded range, not a sort of every row of every phrase."""
    wanted = {phrase.encode(): phrase for phrase in phrases}
    stored = _stored_keys(list(wanted))
    for key in sorted(stored, key=lambda k: (-phrases[wanted[k]], k)):
        found = keys.filter(key=key).order_by("field", "start", "entry_id")[:cap]
        ranker.add_keys(found, Tier.FUZZY, phrase_scores=phrases)
        if len(ranker) >= cap:
            return


def _range(keys: QuerySet, low: bytes, cap: int) -> QuerySet:
    """Keys equal to ``low`` or continuing it, in index order (equal first)."""
    found = keys.filter(key__gte=low, key__lt=low + b"\xff")
    return found.order_by("key", "field", "start", "entry_id")[:cap]


def _variants(ranker: Ranker, keys: QuerySet, query: Query, limit: int, cap: int) -> None:
    """The query written another way (``search.wording``): the names with words left out
    (``SHORT_MARK`` keys) for the query as typed, then for each rewriting — OCR digits read as
    letters, abbreviations expanded or contracted, optional words left out — its own keys and
    the shortened ones. One indexed range per probe, stopping once ``limit`` are found."""
    probes = [(wording.SHORT_MARK + query.key, query.key)]  # equal ones ranked as prefix
    for words in wording.query_variants(tuple(w.folded for w in query.words)):
        phrase = " ".join(words)
        probes += [(phrase, phrase), (wording.SHORT_MARK + phrase, phrase)]
    for low, phrase in probes:
        ranker.add_keys(_range(keys, low.encode(), cap), Tier.VARIANT, probe=phrase)
        if len(ranker) >= limit:
            return


def search(user, query: str | None, *, limit: int = 20,
           kinds: Iterable[str] | None = None,
           paths: tuple[str, ...] | None = None) -> list[Hit]:
    """The best ``limit`` hits for ``query`` among what ``user`` may see, best first.

    ``user=None`` is the standing office's view (the whole province), used by commands.
    ``kinds`` restricts to some registered kinds (``"exemplar"``, ``"unit"``, …); ``paths`` to
    the units under those tree paths (the province filter).
    """
    parsed = parse_query(query)
    if not parsed.words or limit <= 0:
        return []
    cap = limit * 5 + 50
    # A key row: the key and its entry's shown fields (search.hits.KEY_ROW), never the free text.
    keys = _scoped(SearchKey.objects.all(), user, kinds, prefix="entry__",
                   paths=paths).values_list(*KEY_ROW, named=True)
    ranker = Ranker(parsed)
    rewritten = False  # found written another way (words left out, abbreviations, OCR digits)
    ranker.add_keys(_exact(keys, parsed, cap), Tier.EXACT)
    if len(ranker) < limit:
        ranker.add_keys(_folded(keys, parsed, cap), Tier.FOLDED)
    if len(ranker) < limit:
        ranker.add_keys(_prefix(keys, parsed, cap), Tier.PREFIX)
        # A name with words left out that the query spells word for word ("tong hung" for
        # Tòng Văn Hùng) is as good a guess as a completion: it ranks with the prefix matches.
        before = len(ranker)
        ranker.add_keys(_shortened_exact(keys, parsed, cap), Tier.PREFIX)
        rewritten = len(ranker) > before
    if len(ranker) < limit:
        before = len(ranker)
        _variants(ranker, keys, parsed, limit, cap)
        rewritten = rewritten or len(ranker) > before
    if len(ranker) < limit and len(parsed.key) >= MIN_TEXT_QUERY:
        ranker.add_texts(_phrase(_scoped(SearchEntry.objects.defer("extra_folded"), user, kinds,
                                                paths=paths), parsed, cap))
    # Typo correction is the last resort: not when the query, written another way, matched.
    if len(ranker) < limit and not rewritten:
        phrases = _corrected_phrases(parsed)
        if phrases:
            _fuzzy(ranker, keys, phrases, cap)
    return ranker.best(limit)
