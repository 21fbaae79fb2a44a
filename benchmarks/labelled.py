"""The labelled search set: queries written the way people write, each with the name its first
hit must have — built deterministically from the database the bench runs on (the generated
dataset; its people come from the same name lists as the demo, ``benchmarks.people``).

Queries per kind of writing (``Labelled.how``), ``PER_KIND`` each:

* people (individual exemplars): the name as written; without diacritics; the middle name left
  out (with and without diacritics); one OCR slip (o/ô/ơ → 0, ồ → 6, l → 1, ă/â → 8); two
  letters swapped;
* units: without diacritics; "huyện", "tỉnh", "xã" left out; an abbreviation for the words it
  stands for ("Trường THCS …", "UBND huyện …", "TYT xã …"); both at once.

A hit is right when it is of the expected kind and its name folds to the expected name: two
units or people of the same name are the same answer to someone who typed it (and so is a
collective registered under its unit's very name, for a unit). A query whose
intended name is ambiguous (another middle name gives the same family and given name) is not
used.
"""

import re
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass

from core.text import fold

PER_KIND = 12
PER_ABBREVIATION = 3
CANDIDATES = 4000  # rows read to pick from (the first, by id)
SWAP_MIN_LETTERS = 4

# Unit name phrase → how people abbreviate it (all in the shipped list, search/reference).
ABBREVIATED = [
    ("Trường Trung học cơ sở", "Trường THCS"), ("Trường Tiểu học", "Trường TH"),
    ("Trường Mầm non", "Trường MN"), ("Trường Phổ thông dân tộc bán trú", "Trường PTDTBT"),
    ("Trạm Y tế", "TYT"), ("Ủy ban nhân dân", "UBND"), ("Hợp tác xã", "HTX"),
    ("Bệnh viện Đa khoa", "BVĐK"), ("Công an", "CA"), ("Sở Giáo dục và Đào tạo", "Sở GD&ĐT"),
    ("Ủy ban Mặt trận Tổ quốc", "UBMTTQ"), ("Ban Quản lý", "BQL"),
]
# "huyện", "tỉnh", "xã" as the kind of a place — not in "hợp tác xã" or "xã hội".
OPTIONAL = re.compile(r"(?<!tác) (huyện|tỉnh|xã) (?!hội)", re.IGNORECASE)
SIX = "ồốổỗộô"  # read as 6
EIGHT = "ăắằẳẵặâấầẩẫậ"  # read as 8


@dataclass(frozen=True)
class Labelled:
    query: str
    kind: str  # "exemplar" | "unit"
    expected: str  # the name the first hit must have
    how: str  # the kind of writing


@dataclass(frozen=True)
class Outcome:
    item: Labelled
    rank: int | None  # 1-based rank of the first right hit among the results
    first: str  # the first hit's name


@dataclass(frozen=True)
class Score:
    outcomes: list[Outcome]

    @property
    def accuracy(self) -> float:
        return sum(o.rank == 1 for o in self.outcomes) / len(self.outcomes)

    @property
    def mrr(self) -> float:
        return statistics.fmean(1 / o.rank if o.rank else 0.0 for o in self.outcomes)

    def by_how(self) -> dict[str, tuple[int, int]]:
        found: dict[str, tuple[int, int]] = {}
        for o in self.outcomes:
            right, total = found.get(o.item.how, (0, 0))
            found[o.item.how] = (right + (o.rank == 1), total + 1)
        return found


def _slip(ch: str) -> str | None:
    lower = ch.lower()
    if lower in SIX:
        return "6"
    if lower in EIGHT:
        return "8"
    if fold(lower) == "o":
        return "0"
    return "1" if lower == "l" else None


def _ocr_slip(name: str) -> str | None:
    """One scanner slip in a word of the name (the given name first)."""
    parts = name.split(" ")
    for index in [len(parts) - 1, *range(len(parts) - 1)]:
        word = parts[index]
        for at, ch in enumerate(word):
            slip = _slip(ch)
            if slip and at > 0:  # a digit first would read as a code, not a word
                parts[index] = word[:at] + slip + word[at + 1:]
                return " ".join(parts)
    return None


def _swapped(name: str) -> str | None:
    parts = name.split(" ")
    given = fold(parts[-1])
    if len(given) < SWAP_MIN_LETTERS or given[1] == given[2]:
        return None
    parts[-1] = given[0] + given[2] + given[1] + given[3:]
    return " ".join(parts)


def _people(names: list[str], unambiguous: Callable[[str, str], bool]) -> list[Labelled]:
    ways: dict[str, list[Labelled]] = {k: [] for k in (
        "person: as written", "person: no diacritics", "person: middle name left out",
        "person: middle name left out, no diacritics", "person: OCR slip",
        "person: letters swapped")}
    for name in dict.fromkeys(names):
        parts = name.split(" ")
        if len(parts) != 3:
            continue
        family, given = parts[0], parts[-1]
        short = f"{family} {given}"
        made = {
            "person: as written": name,
            "person: no diacritics": fold(name),
            "person: OCR slip": _ocr_slip(name),
            "person: letters swapped": _swapped(name),
        }
        if unambiguous(fold(family), fold(given)):
            made["person: middle name left out"] = short
            made["person: middle name left out, no diacritics"] = fold(short)
        # Each name serves one kind of writing (the emptiest it can), so the set has
        # 6 × PER_KIND different people.
        open_ways = [how for how, query in made.items() if query and len(ways[how]) < PER_KIND]
        if open_ways:
            how = min(open_ways, key=lambda h: len(ways[h]))
            ways[how].append(Labelled(made[how], "exemplar", name, how))
        if all(len(v) >= PER_KIND for v in ways.values()):
            break
    return [item for items in ways.values() for item in items]


def _units(names: list[str]) -> list[Labelled]:
    ways: dict[str, list[Labelled]] = {k: [] for k in (
        "unit: no diacritics", "unit: huyện/tỉnh/xã left out", "unit: abbreviation",
        "unit: abbreviation and a word left out")}
    used: dict[tuple[str, tuple[str, str]], int] = {}
    for name in dict.fromkeys(names):
        shorter = OPTIONAL.sub(" ", name, count=1)
        shorter = shorter if shorter != name and len(shorter.split()) >= 3 else None
        rule = next(((full, short) for full, short in ABBREVIATED
                     if name.startswith(full) and name != full), None)
        # At most PER_ABBREVIATION names per abbreviation: the set tries every one it can.
        abbreviated = name.replace(rule[0], rule[1], 1) if rule else None
        both = (OPTIONAL.sub(" ", abbreviated, count=1) if abbreviated else None)
        both = both if both and both != abbreviated and len(both.split()) >= 2 else None
        made = {
            "unit: no diacritics": fold(name),
            "unit: huyện/tỉnh/xã left out": fold(shorter) if shorter else None,
            "unit: abbreviation": abbreviated,
            "unit: abbreviation and a word left out": fold(both) if both else None,
        }
        for how, query in made.items():
            if rule and how.startswith("unit: abbreviation"):
                if used.get((how, rule), 0) >= PER_ABBREVIATION:
                    continue  # every abbreviation it can, not twelve of one
                used[(how, rule)] = used.get((how, rule), 0) + int(bool(query))
            if query and len(ways[how]) < PER_KIND:
                ways[how].append(Labelled(query, "unit", name, how))
        if all(len(v) >= PER_KIND for v in ways.values()):
            break
    return [item for items in ways.values() for item in items]


def labelled_queries() -> list[Labelled]:
    """The labelled set of the current database (deterministic: rows by id)."""
    from orgs.models import Unit
    from registry.enums import ExemplarKind
    from registry.models import Exemplar

    people = list(Exemplar.objects.filter(kind=ExemplarKind.INDIVIDUAL).order_by("pk")
                  .values_list("name", flat=True)[:CANDIDATES])
    # Units of a kind whose names repeat across the country would give the same queries:
    # one of each name, in id order, interleaving the types so every kind of writing occurs.
    units = list(Unit.objects.order_by("pk").values_list("name", flat=True)[:CANDIDATES * 5])

    def unambiguous(family: str, given: str) -> bool:
        middles = set(Exemplar.objects.filter(
            folded_name__startswith=f"{family} ", folded_name__endswith=f" {given}",
            kind__in=(ExemplarKind.INDIVIDUAL, ExemplarKind.HOUSEHOLD),
        ).order_by().values_list("folded_name", flat=True).distinct()[:2])
        return len(middles) == 1

    return _people(people, unambiguous) + _units(units)


def right(hit, item: Labelled) -> bool:
    """The expected name (folded). A unit's name may also be a collective's registered under
    it ("Trạm Y tế xã Yên Lào" the unit and the collective exemplar): the same answer."""
    return fold(hit.name) == fold(item.expected) and (
        hit.kind == item.kind or (item.kind == "unit" and hit.category == "collective"))


def evaluate(items: list[Labelled], search: Callable) -> tuple[Score, list[float]]:
    """Each query once: where its right answer ranked, and how long it took (ms)."""
    outcomes, times = [], []
    for item in items:
        started = time.perf_counter()
        hits = search(None, item.query, limit=20)
        times.append((time.perf_counter() - started) * 1000)
        rank = next((i for i, hit in enumerate(hits, 1) if right(hit, item)), None)
        outcomes.append(Outcome(item, rank, hits[0].name if hits else ""))
    return Score(outcomes), times


def summary(score: Score, times: list[float] | None = None) -> list[str]:
    """Report lines: accuracy and MRR, by kind of writing (with its median time when ``times``
    are given, one per outcome), the misses."""
    n = len(score.outcomes)
    right_first = sum(o.rank == 1 for o in score.outcomes)
    lines = [f"search: labelled set — {n} queries, first-hit accuracy "
             f"{score.accuracy:.1%} ({right_first}/{n}), MRR {score.mrr:.3f}"]
    spent: dict[str, list[float]] = {}
    for outcome, ms in zip(score.outcomes, times or [], strict=False):
        spent.setdefault(outcome.item.how, []).append(ms)
    parts = [f"{how} {r}/{t}" + (f" ({statistics.median(spent[how]):.0f} ms)"
                                 if how in spent else "")
             for how, (r, t) in score.by_how().items()]
    lines.append("search: labelled set by kind of writing — " + "; ".join(parts))
    misses = [o for o in score.outcomes if o.rank != 1]
    if misses:
        shown = "; ".join(f"{o.item.query!r} → {o.first or 'nothing'!r} (wanted "
                          f"{o.item.expected!r}, rank {o.rank or '—'})" for o in misses[:10])
        lines.append(f"search: labelled set misses — {shown}")
    return lines
