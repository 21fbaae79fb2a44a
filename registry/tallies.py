"""Counts the standing office's pages read without counting a campaign's entries each time.

Two kinds, both kept right by the services that write exemplars and registration states:

- **Stored per registration**: ``Registration.n_<kind>``, its entries by kind. ``recount``
  recomputes them from the entries (one UPDATE, the registration's own rows through the
  ``(registration, kind, position)`` index); every exemplar service calls it through
  ``registry.services._common.touch``, the benchmark generator after its bulk load, the data
  migration once. Recounting instead of adding and subtracting means a stored count can only be
  as wrong as the last write left it, never drift.
- **Cached per campaign**: ``campaign_tally`` — the campaign's entries by field × kind ×
  registration state, one grouped query over the campaign's exemplars, kept in the Django cache
  under the campaign's ``CampaignTally.token``. ``changed`` gives the campaign a new random token
  once the writing transaction commits (exemplar services, registration transitions), so the
  next read recounts. The token is read from the database on every page, so every web process
  sees the change at once whatever the cache backend; a token lost between a commit and its
  renewal (a crash) is bounded by ``TALLY_TIMEOUT``.
"""

import uuid
from collections.abc import Iterable

from django.core.cache import cache
from django.db import transaction
from django.db.models import Count, IntegerField, OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce

from registry.enums import ExemplarKind
from registry.models import CampaignTally, Exemplar, Registration

KIND_COUNTS = {kind.value: f"n_{kind.value}" for kind in ExemplarKind}
TALLY_TIMEOUT = 6 * 3600  # seconds: a bound on staleness should a token renewal be lost


def recount(registrations: QuerySet[Registration], **also) -> int:
    """Set the stored counts by kind of ``registrations`` from their entries, and the columns
    of ``also`` (one UPDATE)."""
    def count(kind: str) -> Coalesce:
        inner = (Exemplar.objects.filter(registration_id=OuterRef("pk"), kind=kind).order_by()
                 .values("registration_id").annotate(n=Count("pk")).values("n"))
        return Coalesce(Subquery(inner, output_field=IntegerField()), 0)

    return registrations.update(**{column: count(kind) for kind, column in KIND_COUNTS.items()},
                                **also)


def changed(campaign_ids: Iterable[int]) -> None:
    """The campaigns' counts changed: new tokens once the current transaction commits (no
    campaign-wide row is locked while the writer's transaction runs)."""
    ids = sorted(set(campaign_ids))
    transaction.on_commit(lambda: renew(ids))


def renew(campaign_ids: Iterable[int]) -> None:
    """New tokens for the campaigns, now (``changed`` calls it after the commit)."""
    for campaign_id in campaign_ids:
        CampaignTally.objects.update_or_create(campaign_id=campaign_id,
                                               defaults={"token": uuid.uuid4().hex})


def _token(campaign_id: int) -> str:
    token = CampaignTally.objects.filter(campaign_id=campaign_id).values_list("token", flat=True)
    found = token.first()
    if found is None:
        found, _created = CampaignTally.objects.get_or_create(
            campaign_id=campaign_id, defaults={"token": uuid.uuid4().hex})
        found = found.token
    return found


def campaign_tally(campaign) -> dict[tuple[str, str, str], int]:
    """(field key, kind, registration state) → entries, for the whole campaign; cached under
    the campaign's token (the token is read first: counts computed after it are at least as
    new as it)."""
    key = f"registry:tally:{campaign.pk}:{_token(campaign.pk)}"
    found = cache.get(key)
    if found is None:
        rows = (Exemplar.objects.filter(campaign_id=campaign.pk).order_by()
                .values_list("field_key", "kind", "registration__state")
                .annotate(n=Count("pk")))
        found = {(field, kind, state): n for field, kind, state, n in rows}
        cache.set(key, found, TALLY_TIMEOUT)
    return found


def entries(tally: dict[tuple[str, str, str], int], *, states: Iterable[str],
            field: str = "", kind: str = "") -> int:
    """How many entries of ``tally`` are in registrations of ``states`` (and of the field and
    kind, when given)."""
    wanted = set(states)
    return sum(n for (f, k, s), n in tally.items()
               if s in wanted and (not field or f == field) and (not kind or k == kind))
