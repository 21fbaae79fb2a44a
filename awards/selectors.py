"""Scoped reads of the award history (constant queries per page)."""

import datetime

from django.db.models import Count, Q, QuerySet

from accounts import roles
from awards.models import AwardRecord, AwardSubject, CommendationForm, EmulationTitle, SubjectLink
from core.text import fold


def subjects_visible_to(user) -> QuerySet[AwardSubject]:
    """The province's subjects for province-wide roles (every province's for the national role),
    with the subjects tied to no unit; otherwise those whose unit is one of the user's units or
    below it."""
    subjects = AwardSubject.objects.select_related("unit")
    condition = roles.scope_q(user, "unit__tree_path")
    if condition is None:
        return subjects
    if roles.is_province_wide(user):
        condition |= Q(unit__isnull=True)
    return subjects.filter(condition)


def subject_list(user, *, q: str = "", kind: str = "", unit: str = "") -> QuerySet[AwardSubject]:
    subjects = subjects_visible_to(user).annotate(
        record_count=Count("records", filter=Q(records__revoked_at__isnull=True)))
    if q:
        subjects = subjects.filter(folded_name__contains=fold(q))
    if kind:
        subjects = subjects.filter(kind=kind)
    if unit:
        subjects = subjects.filter(Q(unit__name__icontains=unit) | Q(unit__code__iexact=unit)
                                   | Q(unit__short_name__icontains=unit))
    return subjects.order_by("folded_name", "pk")


def records_of(subject: AwardSubject) -> tuple[list[AwardRecord], list[AwardRecord]]:
    """The subject's history, titles and forms apart (each newest first)."""
    rows = list(subject.records.select_related("title", "form", "entered_by")
                .order_by("-decision_date", "-pk"))
    return [r for r in rows if r.title_id], [r for r in rows if r.form_id]


def exemplars_of(subject: AwardSubject):
    return [link.exemplar for link in SubjectLink.objects.filter(subject=subject).select_related(
        "exemplar__registration__campaign", "exemplar__registration__unit")
        .order_by("-exemplar__registration__campaign__period_start_year")]


def catalogue(model, *, on: datetime.date | None = None, include_closed: bool = True):
    entries = model.objects.annotate(record_count=Count("records"))
    if not include_closed and on is not None:
        entries = entries.filter(Q(valid_to__isnull=True) | Q(valid_to__gte=on),
                                 valid_from__lte=on)
    return entries.order_by("sort_order", "name")


def valid_titles(on: datetime.date):
    return catalogue(EmulationTitle, on=on, include_closed=False)


def valid_forms(on: datetime.date):
    return catalogue(CommendationForm, on=on, include_closed=False)
