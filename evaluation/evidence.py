"""Every kind of evidence, declared once.

An :class:`EvidenceType` says everything the product needs to know about one kind: its key and
label, the model holding its rows, the fields entered on the evaluation page (and shown there,
in that order), which pack scale offers the choices of a field, which rows replace each other,
and how its rows become the :class:`~evaluation.engine.case.Case` attribute the engine reads.
Everything else is derived from :data:`EVIDENCE_TYPES`: the :class:`EvidenceKind` choices, the
forms (``forms.evidence_form``), the page's sections, the services' lookups and both readers —
the fast loader (``loading.Loaded``) and the page's model-based read (``selectors.Evidence``),
which build their cases with the same :func:`case_attributes`.

Adding a kind of evidence is one declaration here (with its model in ``models.py`` and a
migration) plus the measure that judges it (``evaluation/engine``, ``guidance/measures.py``).

**Absent is not empty** (:func:`provided`): a kind is provided when it has rows or when it was
declared provided (``EvidenceDeclaration``, possibly with no rows); a provided kind without
rows gives the type's ``empty`` value, a kind not provided gives ``None``.
"""

import functools
from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from evaluation import models as m
from evaluation.engine.case import CchcYear, Document, Figure, HouseholdProduction, Violation

Row = tuple[Any, ...]  # (subject_id, *columns) of one evidence row
Collect = Callable[[Iterable[Row]], dict[int, Any]]


@dataclass(frozen=True)
class PackChoices:
    """A form field whose choices are one of the campaign pack's scales, never hard-coded."""

    field: str
    scale: str  # the Pack attribute listing the levels: "ratings" or "disciplines"
    label: Promise


@dataclass(frozen=True, eq=False)  # compared and hashed by identity: one declaration per kind
class EvidenceType:
    """One kind of evidence. ``collect`` reads every row of the scope — ``(subject_id,
    *columns)`` in the model's ``Meta.ordering`` — into ``{subject_id: value}``; ``empty`` is
    the value of a kind declared provided without rows (``None``: rows are needed)."""

    kind: str
    label: Promise
    model: type[m.Evidence]
    fields: tuple[str, ...]  # entered on the page's form and shown in its list, in this order
    attribute: str  # the Case attribute it feeds (several kinds: see COMBINED)
    columns: tuple[str, ...]  # what ``collect`` reads of each row
    collect: Collect
    empty: Any
    choices: PackChoices | None = None
    replaces: tuple[str, ...] = ()  # a new row with the same values of these replaces the old


# --- how rows become values -----------------------------------------------------------------


def _iso(date: Any) -> str | None:
    return date.isoformat() if date else None


def _ratings(rows: Iterable[Row]) -> dict[int, Any]:
    out: dict[int, dict[int, str]] = {}
    for sid, year, level in rows:
        out.setdefault(sid, {})[year] = level
    return out


def _recognitions(rows: Iterable[Row]) -> dict[int, Any]:
    out: dict[int, list[Document]] = {}
    for sid, number, date, authority, content in rows:
        out.setdefault(sid, []).append(Document(number, _iso(date), authority, content or None))
    return {sid: tuple(items) for sid, items in out.items()}


def _charity(rows: Iterable[Row]) -> dict[int, Any]:
    out: dict[int, list[Document]] = {}
    for sid, number, date, authority in rows:
        out.setdefault(sid, []).append(Document(number, _iso(date), authority, None))
    return {sid: tuple(items) for sid, items in out.items()}


def _years(rows: Iterable[Row]) -> dict[int, Any]:
    out: dict[int, set[int]] = {}
    for sid, year in rows:
        out.setdefault(sid, set()).add(year)
    return {sid: frozenset(years) for sid, years in out.items()}


def _violations(rows: Iterable[Row]) -> dict[int, Any]:
    out: dict[int, list[Violation]] = {}
    for sid, year, kind, member in rows:
        out.setdefault(sid, []).append(Violation(year, kind, member or None))
    return {sid: tuple(items) for sid, items in out.items()}


def _cchc_results(rows: Iterable[Row]) -> dict[int, Any]:
    out: dict[int, dict[int, tuple]] = {}
    for sid, year, *figures in rows:
        out.setdefault(sid, {})[year] = figures
    return out


def _disciplines(rows: Iterable[Row]) -> dict[int, Any]:
    out: dict[int, dict[int, list[str]]] = {}
    for sid, year, level in rows:
        out.setdefault(sid, {}).setdefault(year, []).append(level)
    return out


def _initiative(rows: Iterable[Row]) -> dict[int, Any]:
    out: dict[int, bool] = {}
    for sid, recognised in rows:
        out[sid] = out.get(sid, False) or recognised
    return out


def _business(rows: Iterable[Row]) -> dict[int, Any]:
    out: dict[int, dict[int, dict[str, Figure]]] = {}
    for sid, year, metric, actual, plan in rows:
        out.setdefault(sid, {}).setdefault(year, {})[metric] = Figure(actual, plan)
    return out


def _latest_amount(rows: Iterable[Row]) -> dict[int, Any]:
    return {sid: amount for sid, amount in rows}  # ordered by as_of: the latest statement counts


def _production(rows: Iterable[Row]) -> dict[int, Any]:
    return {sid: HouseholdProduction(*values) for sid, *values in rows}  # the last record counts


def _cchc_years(*, cchc: dict | None, disciplines: dict | None) -> MappingProxyType | None:
    """Administrative-reform results and disciplines of the same years, as one ``Case.cchc``;
    a year's ``disciplines`` is ``None`` only when disciplines were not provided at all."""
    if cchc is None and disciplines is None:
        return None
    results, levels = cchc or {}, disciplines or {}
    return MappingProxyType({
        year: CchcYear(*results.get(year, (None, None, None)),
                       disciplines=tuple(levels.get(year, ())) if disciplines is not None else None)
        for year in sorted(results.keys() | levels.keys())
    })


# --- the kinds ------------------------------------------------------------------------------

EMPTY_MAPPING = MappingProxyType({})

EVIDENCE_TYPES: tuple[EvidenceType, ...] = (
    EvidenceType(
        "ratings", _("Xếp loại hằng năm"), m.AnnualRating, ("year", "level", "decision"),
        attribute="ratings", columns=("year", "level"), collect=_ratings, empty=EMPTY_MAPPING,
        choices=PackChoices("level", "ratings", _("Xếp loại")), replaces=("year",)),
    EvidenceType(
        "recognitions", _("Công nhận của cấp có thẩm quyền"), m.Recognition,
        ("number", "date", "authority", "content"), attribute="recognitions",
        columns=("number", "date", "authority", "content"), collect=_recognitions, empty=()),
    EvidenceType(
        "cultural_family", _("Gia đình văn hóa"), m.CulturalFamilyYear, ("year",),
        attribute="cultural_family_years", columns=("year",), collect=_years,
        empty=frozenset(), replaces=("year",)),
    EvidenceType(
        "violations", _("Vi phạm của thành viên"), m.Violation, ("year", "member_name", "kind"),
        attribute="violations", columns=("year", "kind", "member_name"), collect=_violations,
        empty=()),
    EvidenceType(
        "cchc", _("Kết quả cải cách hành chính"), m.AdminReformResult,
        ("year", "par_index", "satisfaction", "overdue_dossiers"), attribute="cchc",
        columns=("year", "par_index", "satisfaction", "overdue_dossiers"),
        collect=_cchc_results, empty=EMPTY_MAPPING, replaces=("year",)),
    EvidenceType(
        "disciplines", _("Kỷ luật"), m.Discipline, ("year", "level"), attribute="cchc",
        columns=("year", "level"), collect=_disciplines, empty=EMPTY_MAPPING,
        choices=PackChoices("level", "disciplines", _("Hình thức kỷ luật"))),
    EvidenceType(
        "cchc_initiative", _("Sáng kiến cải cách hành chính"), m.CchcInitiative,
        ("recognised", "note"), attribute="cchc_initiative", columns=("recognised",),
        collect=_initiative, empty=False),
    EvidenceType(
        "business", _("Kết quả sản xuất, kinh doanh"), m.BusinessResult,
        ("year", "metric", "actual", "plan"), attribute="business",
        columns=("year", "metric", "actual", "plan"), collect=_business, empty=EMPTY_MAPPING,
        replaces=("year", "metric")),
    EvidenceType(
        "tax_arrears", _("Nợ thuế"), m.TaxArrears, ("amount", "as_of"),
        attribute="tax_arrears", columns=("amount",), collect=_latest_amount, empty=0.0),
    EvidenceType(
        "production", _("Mô hình sản xuất hộ gia đình"), m.HouseholdProduction,
        ("stable_since", "households_helped", "jobs_created"), attribute="household_production",
        columns=("stable_since", "households_helped", "jobs_created"), collect=_production,
        empty=None),  # rows only: a declared production without a record says nothing
    EvidenceType(
        "charity", _("Khen thưởng từ thiện nhân đạo"), m.CharityCommendation,
        ("number", "date", "authority"), attribute="charity_commendations",
        columns=("number", "date", "authority"), collect=_charity, empty=()),
)

# The kinds of evidence each measure of the engine reads (``guidance.measures.MEASURES``): the
# evaluation page asks only for the kinds that the criteria applying to the exemplar's kind,
# field and rating read, so a school is not asked for "Gia đình văn hóa" or "Nợ thuế".
MEASURE_KINDS: dict[str, tuple[str, ...]] = {
    "judgement": (),
    "ratings_window": ("ratings",),
    "recognitions": ("recognitions",),
    "cultural_family": ("cultural_family", "violations"),
    "index_threshold": ("cchc",),
    "overdue_dossiers": ("cchc",),
    "discipline": ("disciplines",),
    "cchc_initiative": ("cchc_initiative",),
    "business_growth": ("business",),
    "tax_arrears": ("tax_arrears",),
    "production_stable": ("production",),
    "households_helped": ("production",),
    "jobs_created": ("production",),
    "charity_commendations": ("charity",),
}


def kinds_read_by(measures: Iterable[str]) -> set[str]:
    """The evidence kinds these measures read."""
    return {kind for name in measures for kind in MEASURE_KINDS[name]}


# A Case attribute fed by several kinds: how their values (by kind, None if not provided) combine.
COMBINED: dict[str, Callable[..., Any]] = {"cchc": _cchc_years}

BY_KIND: dict[str, EvidenceType] = {t.kind: t for t in EVIDENCE_TYPES}

EvidenceKind = models.TextChoices(  # type: ignore[misc]  # the functional API, from the types
    "EvidenceKind", [(t.kind.upper(), (t.kind, t.label)) for t in EVIDENCE_TYPES])


def kind_choices() -> list[tuple[str, Any]]:
    """``EvidenceDeclaration.kind``'s choices, read when they are used."""
    return [(t.kind, t.label) for t in EVIDENCE_TYPES]


def of_kind(kind: str) -> EvidenceType | None:
    return BY_KIND.get(kind)


# --- one subject's case attributes ----------------------------------------------------------


def provided(kind: str, declared: Collection[str], has_rows: bool) -> bool:
    """The one rule: a kind is provided when it has rows or was declared provided."""
    return has_rows or kind in declared


_NO_ROWS = object()


@functools.cache
def _plan(types: tuple[EvidenceType, ...]) -> tuple[tuple[str, str, Any, bool], ...]:
    """(kind, attribute, empty, combined?) per type, ready for the per-case loop."""
    return tuple((t.kind, t.attribute, t.empty, t.attribute in COMBINED) for t in types)


def case_attributes(collected: Mapping[str, Mapping[int, Any]], subject_id: int | None,
                    declared: Collection[str]) -> dict[str, Any]:
    """The evidence attributes of a subject's :class:`Case`.

    ``collected``: each kind's ``collect`` result for the scope (``{kind: {subject_id:
    value}}``); ``declared``: the kinds declared provided for this subject.
    """
    out: dict[str, Any] = {}
    parts: dict[str, dict[str, Any]] | None = None
    for kind, attribute, empty, combined in _plan(EVIDENCE_TYPES):
        value = collected[kind].get(subject_id, _NO_ROWS)
        if value is _NO_ROWS:
            value = empty if provided(kind, declared, has_rows=False) else None
        if combined:
            if parts is None:
                parts = {}
            parts.setdefault(attribute, {})[kind] = value
        else:
            out[attribute] = value
    if parts:
        for attribute, values in parts.items():
            out[attribute] = COMBINED[attribute](**values)
    return out
