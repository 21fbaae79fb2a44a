"""THE allow-list of what the public may see of a published exemplar — declared once.

Every public page, the CSV, the JSON, the Atom feed and the sitemap read a publication only
through :func:`public_record` (or :func:`published`), never the model or the exemplar: what is
not listed here cannot reach the public. Never listed — by decision — the residential address,
personal identifiers, birth year, gender, ethnicity, phone, head's name, ratings, discipline,
evidence, council verdicts, internal notes, who prepared or approved it.
"""

from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

LICENCE = "CC BY 4.0 — https://creativecommons.org/licenses/by/4.0/deed.vi"
# The standing office: the provincial emulation board merged into Sở Nội vụ in 2025.
LICENCE_HOLDER = "Sở Nội vụ tỉnh Lai Châu"


@dataclass(frozen=True)
class PublicField:
    key: str
    label: Any


PUBLIC_FIELDS: tuple[PublicField, ...] = (
    PublicField("id", _("Mã")),
    PublicField("name", _("Tên")),
    PublicField("kind", _("Loại")),
    PublicField("field", _("Lĩnh vực")),
    PublicField("locality", _("Địa bàn, đơn vị")),
    PublicField("work_unit", _("Đơn vị công tác")),
    PublicField("story", _("Câu chuyện")),
    PublicField("award", _("Danh hiệu, hình thức")),
    PublicField("decision_number", _("Số quyết định")),
    PublicField("decision_date", _("Ngày quyết định")),
    PublicField("decision_issuer", _("Cơ quan quyết định")),
    PublicField("year", _("Năm")),
    PublicField("published_at", _("Ngày công khai")),
)
PUBLIC_KEYS = tuple(f.key for f in PUBLIC_FIELDS)


def published() -> QuerySet:
    """The only queryset the public side reads: published publications."""
    from publication.models import Publication, PublicationState

    return Publication.objects.filter(state=PublicationState.PUBLISHED)


def kind_label(kind: str) -> str:
    from registry.enums import ExemplarKind

    try:
        return str(ExemplarKind(kind).label)
    except ValueError:
        return ""


def public_record(pub) -> dict[str, Any]:
    """The allow-listed values of one publication, keyed by ``PUBLIC_KEYS`` (and nothing else)."""
    values = {
        "id": pub.pk,
        "name": pub.name,
        "kind": kind_label(pub.kind),
        "field": pub.field_label,
        "locality": pub.locality,
        "work_unit": pub.work_unit,
        "story": pub.story,
        "award": pub.award_name,
        "decision_number": pub.decision_number,
        "decision_date": pub.decision_date,
        "decision_issuer": pub.decision_issuer,
        "year": pub.year,
        "published_at": pub.published_at,
    }
    assert tuple(values) == PUBLIC_KEYS  # the allow-list and the record never drift apart
    return values
