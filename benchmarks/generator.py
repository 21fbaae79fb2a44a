"""The dataset generator: provinces of units, one campaign's registrations and exemplars.

Deterministic for a seed: one ``random.Random(seed)`` drives every choice, ids are assigned in
ranges after the tables' current maximum, and timestamps are fixed. Rows go to the database
province by province through a bulk :mod:`benchmarks.writer`.
"""

import datetime
import json
import random
import time
from dataclasses import dataclass, field
from functools import lru_cache

from django.db import transaction

from benchmarks import evidence, naming
from benchmarks.people import compose_person
from benchmarks.sizes import DatasetSize
from benchmarks.units import PlannedUnit, plan_province
from benchmarks.writer import RowWriter, columns, defaults, next_ids, writer_for_connection
from core.collation import sort_key
from core.text import fold
from guidance.models import Campaign
from orgs.models import Unit
from registry import tallies
from registry.enums import ExemplarKind, ExemplarState, RegistrationState, exemplar_sort_key, form_order
from registry.models import Exemplar, Registration

MANIFEST_PREFIX = "bench-dataset: "
STAMP = datetime.datetime(2025, 3, 1, 8, 0, tzinfo=datetime.UTC)
SHARE_WITHOUT_REGISTRATION = 0.08
KIND_WEIGHTS = {ExemplarKind.COLLECTIVE: 25, ExemplarKind.INDIVIDUAL: 50,
                ExemplarKind.HOUSEHOLD: 15, ExemplarKind.PRACTICE: 10}
REGISTRATION_STATE_WEIGHTS = {
    RegistrationState.DRAFT: 15, RegistrationState.AWAITING_APPROVAL: 10,
    RegistrationState.SUBMITTED: 30, RegistrationState.RECEIVED: 40, RegistrationState.RETURNED: 5,
}
EXEMPLAR_STATE_WEIGHTS = {
    ExemplarState.REGISTERED: 55, ExemplarState.FOSTERING: 20, ExemplarState.RECOGNISED: 12,
    ExemplarState.PROPOSED: 6, ExemplarState.NOT_RECOGNISED: 4, ExemplarState.WITHDRAWN: 3,
}

# Names repeat a lot (a few thousand people's names, tens of thousands of collectives): cache.
cached_fold = lru_cache(maxsize=None)(fold)
cached_sort_key = lru_cache(maxsize=None)(sort_key)
cached_exemplar_sort_key = lru_cache(maxsize=None)(exemplar_sort_key)


@dataclass
class GenerationResult:
    size: DatasetSize
    counts: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0
    notes: list[str] = field(default_factory=list)


def split(total: int, parts: int) -> list[int]:
    base, extra = divmod(total, parts)
    return [base + (1 if i < extra else 0) for i in range(parts)]


def manifest_of(size: DatasetSize) -> str:
    return MANIFEST_PREFIX + json.dumps(size.as_manifest(), sort_keys=True)


def existing_manifest() -> dict | None:
    """The size of the generated dataset in the database, or None if there is none."""
    notes = Unit.objects.filter(code="G01-00000").values_list("notes", flat=True).first()
    if not notes or not notes.startswith(MANIFEST_PREFIX):
        return None
    return json.loads(notes[len(MANIFEST_PREFIX):])


def _weighted(rng: random.Random, weights: dict, n: int) -> list:
    return rng.choices(list(weights), weights=list(weights.values()), k=n)


class _Rows:
    """Builds row tuples for one model from column → value mappings, defaults filled in."""

    def __init__(self, model) -> None:
        self.columns = columns(model)
        self.defaults = defaults(model)

    def __call__(self, values: dict) -> tuple:
        return tuple(values.get(c, self.defaults[c]) for c in self.columns)


class Generator:
    def __init__(self, size: DatasetSize, campaign: Campaign, writer: RowWriter) -> None:
        self.size = size
        self.campaign = campaign
        self.writer = writer
        self.rng = random.Random(size.seed)
        self.field_keys = sorted(f.key for f in campaign.pack.pack.selectable_fields())
        self.ids = next_ids([Unit, Registration, Exemplar])
        self.unit_row, self.reg_row, self.ex_row = _Rows(Unit), _Rows(Registration), _Rows(Exemplar)
        self.counts = {"units": 0, "registrations": 0, "exemplars": 0}
        self.evidence = evidence.EvidenceWriter(self) if evidence.available() else None
        self.seeds: list[evidence.SubjectSeed] = []

    def run(self) -> None:
        unit_split = split(self.size.units, self.size.provinces)
        exemplar_split = split(self.size.exemplars, self.size.provinces)
        pairs = zip(unit_split, exemplar_split, strict=True)
        for number, (n_units, n_exemplars) in enumerate(pairs):
            self._province(number, n_units, n_exemplars)

    def _province(self, number: int, n_units: int, n_exemplars: int) -> None:
        units = plan_province(number, n_units, self.ids[Unit], self.rng)
        self.ids[Unit] += len(units)
        self.writer.write(Unit, [self._unit_values(u, number) for u in units])
        registering = [u for u in units if self.rng.random() >= SHARE_WITHOUT_REGISTRATION]
        if n_exemplars and not registering:
            registering = units[:1]
        states = _weighted(self.rng, REGISTRATION_STATE_WEIGHTS, len(registering))
        first_reg = self.ids[Registration]
        self.ids[Registration] += len(registering)
        self.writer.write(Registration, [
            self._registration_values(first_reg + i, unit, state)
            for i, (unit, state) in enumerate(zip(registering, states, strict=True))
        ])
        per_registration = split(n_exemplars, len(registering)) if registering else []
        self.rng.shuffle(per_registration)
        self.writer.write(Exemplar, self._exemplars(registering, first_reg, per_registration))
        # The registrations' stored counts by kind, as the exemplar services keep them.
        tallies.recount(Registration.objects.filter(
            pk__gte=first_reg, pk__lt=first_reg + len(registering)))
        if self.evidence is not None:
            self.evidence.write(self.seeds)
        self.seeds = []
        self.counts["units"] += len(units)
        self.counts["registrations"] += len(registering)
        self.counts["exemplars"] += n_exemplars

    def _unit_values(self, unit: PlannedUnit, number: int) -> tuple:
        notes = manifest_of(self.size) if unit.code == "G01-00000" else ""
        return self.unit_row({
            "id": unit.id, "code": unit.code, "name": unit.name, "unit_type": unit.unit_type,
            "category": unit.category, "parent_id": unit.parent_id, "tree_path": unit.tree_path,
            "valid_from": unit.valid_from, "valid_to": unit.valid_to,
            "folded_name": cached_fold(unit.name)[:255], "sort_key": cached_sort_key(unit.name),
            "notes": notes, "email": f"vanthu.{unit.code.lower()}@laichau.gov.vn",
        })

    def _registration_values(self, reg_id: int, unit: PlannedUnit, state: str) -> tuple:
        sent = state in (RegistrationState.SUBMITTED, RegistrationState.RECEIVED)
        late = sent and self.rng.random() < 0.1
        return self.reg_row({
            "id": reg_id, "campaign_id": self.campaign.pk, "unit_id": unit.id, "state": state,
            "signer_name": compose_person(self.rng).full_name,
            "submitted_at": STAMP if sent else None,
            "received_at": STAMP if state == RegistrationState.RECEIVED else None,
            "is_late": late, "return_reason": "Thiếu chữ ký thủ trưởng." if
            state == RegistrationState.RETURNED else "",
            "created_at": STAMP, "updated_at": STAMP,
        })

    def _exemplars(self, registering: list[PlannedUnit], first_reg: int,
                   per_registration: list[int]):
        rng = self.rng
        for offset, (unit, n) in enumerate(zip(registering, per_registration, strict=True)):
            positions = dict.fromkeys(KIND_WEIGHTS, 0)
            kinds = _weighted(rng, KIND_WEIGHTS, n)
            states = _weighted(rng, EXEMPLAR_STATE_WEIGHTS, n)
            for kind, state in zip(kinds, states, strict=True):
                positions[kind] += 1
                values = self._entry(kind, unit)
                name = values["name"]
                values.update({
                    "id": self.ids[Exemplar], "registration_id": first_reg + offset,
                    "campaign_id": self.campaign.pk, "kind": kind.value,
                    "form_order": form_order(kind.value),
                    "position": positions[kind], "state": state.value,
                    "field_key": rng.choice(self.field_keys),
                    "folded_name": cached_fold(name)[:255],
                    "sort_key": cached_exemplar_sort_key(kind.value, name),
                    "created_at": STAMP, "updated_at": STAMP,
                })
                if self.evidence is not None:
                    self.seeds.append(evidence.SubjectSeed(
                        self.ids[Exemplar], kind.value, name, values["folded_name"],
                        values.get("birth_year"), unit.id))
                self.ids[Exemplar] += 1
                yield self.ex_row(values)

    def _entry(self, kind: ExemplarKind, unit: PlannedUnit) -> dict:
        rng = self.rng
        person = compose_person(rng)
        solutions = rng.choice(naming.SOLUTIONS)
        if kind == ExemplarKind.INDIVIDUAL:
            return {"name": person.full_name, "gender": person.gender,
                    "birth_year": person.birth_year, "ethnicity": person.ethnicity,
                    "position_title": rng.choice(naming.POSITIONS), "work_unit": unit.name,
                    "solutions": solutions}
        if kind == ExemplarKind.HOUSEHOLD:
            return {"name": person.full_name, "head_name": person.full_name,
                    "gender": person.gender, "ethnicity": person.ethnicity,
                    "address": f"Bản {naming.place_name(rng)}, {unit.name}",
                    "solutions": solutions}
        if kind == ExemplarKind.PRACTICE:
            return {"name": rng.choice(naming.PRACTICES), "head_name": person.full_name,
                    "address": unit.name, "solutions": solutions}
        division = rng.choice(naming.AGENCY_DIVISIONS + naming.SUBORDINATE_KINDS)
        return {"name": f"{division} {naming.place_name(rng)}", "head_name": person.full_name,
                "address": unit.name, "solutions": solutions}


def generate(size: DatasetSize, campaign: Campaign) -> GenerationResult:
    """Write a dataset of ``size`` into the default database, in one transaction."""
    if existing_manifest() is not None:
        raise ValueError("the database already holds a generated dataset; use a fresh database")
    started = time.perf_counter()
    writer = writer_for_connection()
    result = GenerationResult(size)
    with transaction.atomic():
        generator = Generator(size, campaign, writer)
        generator.run()
        result.counts = dict(generator.counts)
        if generator.evidence is None:
            result.notes.append("evaluation has no evidence models: no evidence rows written")
        else:
            result.counts.update(generator.evidence.counts)
        writer.finish([Unit, Registration, Exemplar, *evidence.models_written()])
        tallies.changed([campaign.pk])  # counts cached before the load are not served
    # The campaign table reads stored verdicts: computed once here, in batches, after the
    # rows are committed (``evaluate --campaign CODE --stale-only`` completes an interrupted run).
    from evaluation import verdicts

    computing = time.perf_counter()
    stored = verdicts.refresh_campaign(Campaign.objects.select_related("pack").get(pk=campaign.pk),
                                       batch_size=5000)
    result.counts["stored_verdicts"] = sum(stored.values())
    result.notes.append(f"stored verdicts computed in {time.perf_counter() - computing:.1f} s")
    result.seconds = time.perf_counter() - started
    return result
