"""Evidence for the generated exemplars: one subject per exemplar and five years of rows.

Collectives and individuals get an annual rating per year (collectives often a PAR result
too), households a cultural-family title per year and a declared-empty violations record, and
about a third a recognition — about 5.4 evidence rows per exemplar. Written only when the
``evaluation`` app has its evidence models; otherwise skipped with a note.
"""

import datetime
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.apps import apps

from registry.enums import ExemplarKind

if TYPE_CHECKING:
    from benchmarks.generator import Generator

RATING_WEIGHTS = (25, 55, 17, 3)  # excellent, good, completed, not completed (pack order)


@dataclass(frozen=True)
class SubjectSeed:
    exemplar_id: int
    kind: str
    name: str
    folded_name: str
    birth_year: int | None
    home_unit_id: int


def available() -> bool:
    try:
        apps.get_model("evaluation", "AnnualRating")
    except LookupError:
        return False
    return True


def models_written() -> list:
    if not available():
        return []
    m = apps.get_app_config("evaluation").models_module
    return [m.Subject, m.ExemplarSubject, m.EvidenceDeclaration, m.AnnualRating,
            m.AdminReformResult, m.CulturalFamilyYear, m.Recognition]


class EvidenceWriter:
    """Writes the evidence of one province's exemplars at a time."""

    def __init__(self, generator: "Generator") -> None:
        from benchmarks.generator import _Rows
        from benchmarks.writer import next_ids

        self.generator = generator
        self.models = models_written()
        self.rows = {model: _Rows(model) for model in self.models}
        self.ids = next_ids(self.models)
        campaign = generator.campaign
        last = campaign.proposal_year
        self.years = list(range(last - generator.size.years + 1, last + 1))
        self.levels = [level.key for level in campaign.pack.pack.ratings]
        self.counts = dict.fromkeys((m.__name__ for m in self.models), 0)

    def _row(self, model, values: dict) -> tuple:
        values["id"] = self.ids[model]
        self.ids[model] += 1
        self.counts[model.__name__] += 1
        return self.rows[model](values)

    def write(self, seeds: list[SubjectSeed]) -> None:
        (subject, link, declaration, rating, reform, culture, recognition) = self.models
        rng, stamp = self.generator.rng, datetime.datetime(2025, 3, 1, tzinfo=datetime.UTC)
        first = self.ids[subject]
        tables: dict = {model: [] for model in self.models}
        for offset, seed in enumerate(seeds):
            sid = first + offset
            person_like = seed.kind in (ExemplarKind.INDIVIDUAL, ExemplarKind.COLLECTIVE)
            tables[subject].append(self._row(subject, {
                "kind": seed.kind, "name": seed.name, "folded_name": seed.folded_name,
                "birth_year": seed.birth_year, "home_unit_id": seed.home_unit_id,
                "rated": True if person_like else None, "created_at": stamp}))
            tables[link].append(self._row(link, {"exemplar_id": seed.exemplar_id,
                                                 "subject_id": sid}))
            kinds: list[str] = []
            if person_like:
                kinds.append("ratings")
                levels = rng.choices(self.levels, weights=RATING_WEIGHTS[:len(self.levels)],
                                     k=len(self.years))
                tables[rating].extend(self._row(rating, {
                    "subject_id": sid, "year": year, "level": level, "created_at": stamp,
                    "decision": f"{rng.randint(1, 999)}/QĐ-UBND"})
                    for year, level in zip(self.years, levels, strict=True))
            if seed.kind == ExemplarKind.COLLECTIVE and rng.random() < 0.5:
                kinds.append("cchc")
                tables[reform].extend(self._row(reform, {
                    "subject_id": sid, "year": year, "created_at": stamp,
                    "par_index": round(rng.uniform(75, 98), 2),
                    "satisfaction": round(rng.uniform(80, 99), 2),
                    "overdue_dossiers": rng.choice((0, 0, 0, 1, 2))}) for year in self.years)
            if seed.kind == ExemplarKind.HOUSEHOLD:
                kinds += ["cultural_family", "violations"]
                tables[culture].extend(self._row(culture, {
                    "subject_id": sid, "year": year, "created_at": stamp})
                    for year in self.years if rng.random() < 0.9)
            if rng.random() < 0.3:
                kinds.append("recognitions")
                tables[recognition].append(self._row(recognition, {
                    "subject_id": sid, "number": f"{rng.randint(1, 2999)}/QĐ-UBND",
                    "date": datetime.date(rng.choice(self.years), rng.randint(1, 12), 15),
                    "authority": "Ủy ban nhân dân tỉnh", "created_at": stamp,
                    "content": "Công nhận danh hiệu thi đua"}))
            tables[declaration].extend(self._row(declaration, {
                "subject_id": sid, "kind": kind, "provided": True}) for kind in kinds)
        for model in self.models:
            self.generator.writer.write(model, tables[model])
