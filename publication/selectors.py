"""Reads of publications. The public side reads only ``publication.public.published()`` and
shows only ``public_record``; the staff side reads everything (the standing office)."""

from django.db.models import Exists, OuterRef, Q, QuerySet

from core.text import fold
from publication.models import ACTIVE_STATES, Publication
from publication.public import published
from registry.enums import ExemplarState
from registry.models import Exemplar

PAGE_SIZE = 24


def public_gallery(*, q: str = "", field: str = "", kind: str = "", unit: int | None = None,
                   year: int | None = None) -> QuerySet[Publication]:
    """Published publications matching the filters; ``q`` is folded like the inside search
    (no diacritics, no case) and matched on the publication's own folded public text."""
    items = published()
    for word in fold(q).split():
        items = items.filter(folded_text__contains=word)
    if field:
        items = items.filter(field_key=field)
    if kind:
        items = items.filter(kind=kind)
    if unit:
        items = items.filter(locality_unit_id=unit)
    if year:
        items = items.filter(year=year)
    return items.order_by("-published_at", "-pk")


def public_facets() -> dict:
    """The filter choices: only values published publications carry (no hidden counts)."""
    rows = published()
    return {
        "fields": sorted(set(rows.exclude(field_key="").values_list("field_key", "field_label"))),
        "kinds": sorted(set(rows.values_list("kind", flat=True))),
        "units": sorted(set(rows.values_list("locality_unit_id", "locality")), key=lambda r: r[1]),
        "years": sorted(set(rows.exclude(year=None).values_list("year", flat=True)), reverse=True),
    }


def staff_publications(state: str = "", user=None) -> QuerySet[Publication]:
    """The staff's list; ``user``: only the publications of exemplars in their scope (a
    provincial standing office: its province)."""
    from accounts import roles

    items = Publication.objects.select_related("prepared_by", "approved_by", "exemplar")
    if user is not None:
        items = roles.scoped(items, user, "exemplar__registration__unit__tree_path")
    if state:
        items = items.filter(state=state)
    return items.order_by("-updated_at", "-pk")


def publishable_exemplars(user=None) -> QuerySet[Exemplar]:
    """Recognised exemplars with no publication being prepared, awaiting or published (in
    ``user``'s scope when given)."""
    from accounts import roles

    active = Publication.objects.filter(exemplar=OuterRef("pk"), state__in=ACTIVE_STATES)
    found = Exemplar.objects.all() if user is None else roles.scoped(
        Exemplar.objects.all(), user, "registration__unit__tree_path")
    return (found.filter(state=ExemplarState.RECOGNISED)
            .filter(~Exists(active)).select_related("registration__unit")
            .order_by("registration__unit__name", "name"))


def search_staff(q: str) -> Q:
    return Q(folded_text__contains=fold(q)) if q else Q()
