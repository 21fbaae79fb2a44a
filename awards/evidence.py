"""The award history as evidence for the criteria (``evaluation.external``).

Registered from ``AwardsConfig.ready()``:

* ``recognitions`` (G5, "được cấp có thẩm quyền ghi nhận"): every non-revoked record of the
  exemplar's subject that is an emulation title, or a form of commendation marked
  ``counts_as_recognition`` in the catalogue;
* ``charity`` (M1, "đã được khen thưởng về hoạt động từ thiện nhân đạo"): every non-revoked record
  whose ``field_key`` is one of the fields of the criteria measured by
  ``charity_commendations`` in the exemplar's campaign pack (``fields: [m]`` in 2533-HD-UBND) —
  read from the pack, never a letter written here.

A record counts only when its decision is dated on or before the evaluation date (``as_of``).
Each becomes one ``Document``: the decision's number, date and issuer, with the award's name as
its content. Per kind: one query for the links (with the pack's checksum for charity) and, when
any exemplar is linked, one for the records; a pack not seen yet by the process: one more.
"""

import datetime
from typing import Any

from django.db.models import Q, QuerySet

from awards.models import AwardRecord, AwardSubject, SubjectLink
from evaluation.engine.case import Document

CHARITY_MEASURE = "charity_commendations"


def _exemplar_ids(scope: Any) -> Any:
    return scope.values("pk") if isinstance(scope, QuerySet) else list(scope)


def _links(scope: Any) -> dict[int, list[int]]:
    """subject id → its exemplar ids in the scope: the linked ones, and the ones not linked yet
    whose subject the matching rule finds (``services.matching_subjects``: a later campaign's
    exemplar of the same person reads the history before anyone linked it; reading links
    nothing). One query, and one more when some exemplar is not linked, whatever the size of
    the scope."""
    from registry.enums import ExemplarKind
    from registry.models import Exemplar

    out: dict[int, list[int]] = {}
    unlinked = []
    for row in Exemplar.objects.filter(pk__in=_exemplar_ids(scope)).values_list(
            "pk", "award_link__subject_id", "kind", "folded_name", "registration__unit_id",
            "linked_unit_id", "birth_year"):
        if row[1] is not None:
            out.setdefault(row[1], []).append(row[0])
        else:
            unlinked.append(row[:1] + row[2:])
    if not unlinked:
        return out
    names = {row[2] for row in unlinked}
    org_units = {row[4] for row in unlinked if row[1] == ExemplarKind.COLLECTIVE and row[4]}
    by_name: dict[tuple, list[tuple[int, int | None]]] = {}
    by_org_unit: dict[int, int] = {}
    for pk, kind, folded, unit_id, org_unit_id, birth_year in AwardSubject.objects.filter(
            Q(folded_name__in=names) | Q(org_unit_id__in=org_units)).order_by("pk").values_list(
            "pk", "kind", "folded_name", "unit_id", "org_unit_id", "birth_year"):
        by_name.setdefault((kind, folded, unit_id), []).append((pk, birth_year))
        if org_unit_id:
            by_org_unit.setdefault(org_unit_id, pk)
    for exemplar_id, kind, folded, unit_id, org_unit_id, birth_year in unlinked:
        if kind == ExemplarKind.COLLECTIVE and org_unit_id:
            subject_id = by_org_unit.get(org_unit_id)
        else:
            subject_id = next((pk for pk, year in by_name.get((kind, folded, unit_id), ())
                               if not birth_year or year is None or year == birth_year), None)
        if subject_id is not None:
            out.setdefault(subject_id, []).append(exemplar_id)
    return out


def _documents(links: dict[int, list[int]], condition: Q, as_of: datetime.date,
               keep=lambda exemplar_id, field_key: True) -> dict[int, tuple[Document, ...]]:
    if not links:
        return {}
    rows = (AwardRecord.objects
            .filter(condition, subject_id__in=list(links), revoked_at__isnull=True,
                    decision_date__lte=as_of)
            .order_by("decision_date", "pk")
            .values_list("subject_id", "decision_number", "decision_date", "issuer",
                         "title__name", "form__name", "year", "field_key"))
    out: dict[int, list[Document]] = {}
    for subject_id, number, day, issuer, title, form, year, field_key in rows:
        document = Document(number, day.isoformat(), issuer or None,
                            f"{title or form} ({year})")
        for exemplar_id in links[subject_id]:
            if keep(exemplar_id, field_key):
                out.setdefault(exemplar_id, []).append(document)
    return {e: tuple(docs) for e, docs in out.items()}


def recognitions(scope: Any, *, as_of: datetime.date) -> dict[int, tuple[Document, ...]]:
    return _documents(_links(scope),
                      Q(title__isnull=False) | Q(form__counts_as_recognition=True), as_of)


def charity_fields_of(pack) -> frozenset[str]:
    """The fields the pack's charity criteria apply to (``fields`` of each criterion measured
    by ``charity_commendations``); none declared: no field, so no record feeds M1."""
    keys: set[str] = set()
    for criterion in pack.criteria:
        if criterion.measure == CHARITY_MEASURE and criterion.fields:
            keys.update(criterion.fields)
    return frozenset(keys)


def _charity_fields(checksum_of: dict[int, str]) -> dict[int, frozenset[str]]:
    """Each exemplar's charity fields, by its campaign pack's checksum (a pack not seen yet in
    this process is read once: one query)."""
    missing = set(checksum_of.values()) - _FIELDS_BY_CHECKSUM.keys()
    if missing:
        from guidance.models import GuidancePack

        for pack in GuidancePack.objects.filter(checksum__in=missing):
            _FIELDS_BY_CHECKSUM[pack.checksum] = charity_fields_of(pack.pack)
    return {e: _FIELDS_BY_CHECKSUM.get(c, frozenset()) for e, c in checksum_of.items()}


# A pack's content is identified by its checksum: parsed once per process.
_FIELDS_BY_CHECKSUM: dict[str, frozenset[str]] = {}


def charity(scope: Any, *, as_of: datetime.date) -> dict[int, tuple[Document, ...]]:
    links: dict[int, list[int]] = {}
    checksum_of: dict[int, str] = {}
    for exemplar_id, subject_id, checksum in SubjectLink.objects.filter(
            exemplar_id__in=_exemplar_ids(scope)).values_list(
            "exemplar_id", "subject_id", "exemplar__registration__campaign__pack__checksum"):
        links.setdefault(subject_id, []).append(exemplar_id)
        checksum_of[exemplar_id] = checksum
    if not links:
        return {}
    fields = _charity_fields(checksum_of)
    wanted = set().union(*fields.values()) if fields else set()
    if not wanted:
        return {}
    return _documents(links, Q(field_key__in=sorted(wanted)), as_of,
                      keep=lambda exemplar_id, key: key in fields.get(exemplar_id, ()))


def exemplars_reading(subject_ids) -> list[int]:
    """The exemplars whose evidence the records of these subjects are: the linked ones, and the
    ones not linked yet that the matching rule of ``_links`` would tie to them (a superset is
    harmless — their verdicts are only recomputed). Two queries."""
    from registry.enums import ExemplarKind
    from registry.models import Exemplar

    ids = set(SubjectLink.objects.filter(subject_id__in=subject_ids)
              .values_list("exemplar_id", flat=True))
    matching = Q(pk__in=[])
    for kind, folded, unit_id, org_unit_id in AwardSubject.objects.filter(
            pk__in=subject_ids).values_list("kind", "folded_name", "unit_id", "org_unit_id"):
        matching |= Q(kind=kind, folded_name=folded, registration__unit_id=unit_id)
        if org_unit_id:
            matching |= Q(kind=ExemplarKind.COLLECTIVE, linked_unit_id=org_unit_id)
    ids.update(Exemplar.objects.filter(matching, award_link__isnull=True)
               .values_list("pk", flat=True))
    return sorted(ids)


def history_changed(subject_ids) -> None:
    """Inside the writer's transaction: the award history of these subjects changed, so the
    stored verdicts of the exemplars reading it (G5, M1) are stale and recomputed after the
    commit (``evaluation.verdicts``)."""
    from evaluation import verdicts

    verdicts.evidence_changed(exemplars_reading(list(subject_ids)))


def register() -> None:
    from evaluation import external

    external.register_source("recognitions", recognitions)
    external.register_source("charity", charity)
