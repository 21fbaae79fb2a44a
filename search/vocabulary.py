"""The search vocabulary held in memory: every folded word of the index, read once per process
and again only after it changed.

Two tiers read it, so neither sends the database a query of its own:

* typo correction (:mod:`search.fuzzy`) — the words of names and short fields (``in_names``):
  which of them a query word may have meant (its Telex spelling, one edit away, the same OCR
  skeleton, or trigram-similar, exactly as pg_trgm's ``%`` would pick them);
* the phrase tier — every word, free text included: the words the query's last word may be
  the start of, so PostgreSQL's full text looks up a few whole words (``'sin' | 'sinh'``) instead
  of a prefix (``'sin':*``), which makes GIN collect every row with any word starting so
  (measured at national scale: 50–60 ms for ``tyt <-> dao <-> sin:*``, 4 ms for the words).

Freshness: a version token in the shared cache (Redis or the file cache in production). The
index's writers call :func:`changed` when they add words: the token changes at once (this
process, this transaction) and again after the commit (every process, which then reloads). A
process that finds no token — a cleared cache — makes one and reloads.
"""

import bisect
import threading
import uuid
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from django.core.cache import cache
from django.db import transaction

from search import fuzzy

VERSION_KEY = "search:vocabulary-version"
_END = "\x7f"  # after every folded word's letters: the end of a prefix range

_lock = threading.Lock()
_loaded: tuple[str, "Vocabulary"] | None = None


@dataclass(frozen=True)
class Vocabulary:
    words: tuple[str, ...]  # every word, sorted
    names: frozenset[str]  # the words of names and short fields (typo correction)
    ocr_of: dict[str, str]
    by_ocr: dict[str, tuple[str, ...]]  # names only
    by_gram: dict[str, tuple[str, ...]]  # names only
    gram_counts: dict[str, int]

    @classmethod
    def build(cls, rows: Iterable[tuple[str, str, bool]]) -> "Vocabulary":
        """``rows``: (term, OCR skeleton, in names) — the SearchTerm table."""
        words, names, ocr_of = [], set(), {}
        by_ocr: dict[str, list[str]] = {}
        by_gram: dict[str, list[str]] = {}
        gram_counts: dict[str, int] = {}
        for term, ocr, in_names in rows:
            words.append(term)
            if not in_names:
                continue
            names.add(term)
            ocr_of[term] = ocr
            by_ocr.setdefault(ocr, []).append(term)
            grams = fuzzy.trigrams(term)
            gram_counts[term] = len(grams)
            for gram in grams:
                by_gram.setdefault(gram, []).append(term)
        return cls(tuple(sorted(words)), frozenset(names), ocr_of,
                   {k: tuple(v) for k, v in by_ocr.items()},
                   {k: tuple(v) for k, v in by_gram.items()}, gram_counts)

    def candidates(self, probes: list[fuzzy.Probe]) -> list[fuzzy.Candidate]:
        """Name words any probe may have meant (a superset: ``fuzzy.score`` decides), the same
        set the database would give for ``term IN (telex, edits) OR ocr IN (…) OR term % word``."""
        found: set[str] = set()
        for probe in probes:
            found.update(w for w in (probe.word, probe.telex) if w in self.names)
            found.update(probe.edits & self.names)
            found.update(self.by_ocr.get(probe.ocr, ()))
            size = len(probe.grams)
            shared = Counter(t for gram in probe.grams for t in self.by_gram.get(gram, ()))
            found.update(term for term, common in shared.items()
                         if common / (size + self.gram_counts[term] - common)
                         >= fuzzy.TRIGRAM_THRESHOLD)
        return [fuzzy.Candidate(term, self.ocr_of[term]) for term in sorted(found)]

    def completions(self, prefix: str, limit: int) -> list[str] | None:
        """The words starting with ``prefix`` (itself included when it is one), or ``None``
        when more than ``limit`` do."""
        low = bisect.bisect_left(self.words, prefix)
        high = bisect.bisect_left(self.words, prefix + _END, low)
        if high - low > limit:
            return None
        return list(self.words[low:high])


def _version() -> str:
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, uuid.uuid4().hex, timeout=None)
        version = cache.get(VERSION_KEY) or ""
    return version


def current() -> Vocabulary:
    """The vocabulary as stored, read from the database only when its version changed."""
    global _loaded
    version = _version()
    loaded = _loaded
    if loaded is not None and loaded[0] == version and version:
        return loaded[1]
    from search.models import SearchTerm

    with _lock:
        rows = SearchTerm.objects.order_by().values_list("term", "ocr", "in_names")
        vocabulary = Vocabulary.build(rows.iterator(chunk_size=10_000))
        _loaded = (version, vocabulary)
    return vocabulary


def _bump() -> None:
    cache.set(VERSION_KEY, uuid.uuid4().hex, timeout=None)


def changed() -> None:
    """Words were added or the index rebuilt: reload here now, everywhere after the commit."""
    _bump()
    transaction.on_commit(_bump)
