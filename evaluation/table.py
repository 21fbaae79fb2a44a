"""The campaign evaluation table (Kết quả xét tiêu chuẩn) from the stored verdicts.

Every filter — unit, field, kind, outcome — is a condition in SQL on the exemplars joined to
their stored verdict (``models.StoredVerdict``); the page is the paginator's COUNT and one
window, whatever the size of the campaign; the export streams the same query with
``iterator(chunk_size=…)``. Nothing here runs the criteria engine except :func:`keep_current`,
the safety net: verdicts that are missing or stale (``verdicts.current_q``) are recomputed in
the request when there are at most ``INLINE_LIMIT`` of them, otherwise the worker is asked to
refresh the campaign and the page says the results are being updated.

:func:`campaign_table_rows` (cells, one list per exemplar) and :func:`campaign_table_count` are
what an export needs, apart from the web page.
"""

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from evaluation import verdicts
from guidance.models import Campaign
from registry.models import Exemplar

OUTCOME_LABELS = {
    "eligible": gettext_lazy("Đủ tiêu chuẩn"),
    "not_eligible": gettext_lazy("Không đủ tiêu chuẩn"),
    "missing_evidence": gettext_lazy("Thiếu minh chứng"),
    "awaiting_judgement": gettext_lazy("Chờ thẩm định"),
}
UPDATING = gettext_lazy("Đang cập nhật kết quả")
# Missing or stale verdicts up to this many are recomputed in the request (a page's worth).
INLINE_LIMIT = 50
CHUNK = 2000

# The filter form's cleaned data: unit, field, kind, outcome; and "scope", a Q on the rows the
# reader may see (None: every province).
Filters = Mapping[str, Any]


def exemplars(campaign: Campaign, filters: Filters) -> QuerySet:
    """The campaign's exemplars under every filter but the outcome (the stale check's scope)."""
    query = Exemplar.objects.filter(registration__campaign=campaign)
    if filters.get("scope") is not None:  # the reader's provinces (accounts.roles.scope_q)
        query = query.filter(filters["scope"])
    if filters.get("unit"):
        query = query.filter(registration__unit_id=filters["unit"])
    if filters.get("field"):
        query = query.filter(field_key=filters["field"])
    if filters.get("kind"):
        query = query.filter(kind=filters["kind"])
    if filters.get("state"):  # the API's filter
        query = query.filter(state=filters["state"])
    return query


def _outcome(filters: Filters) -> Q:
    outcome = filters.get("outcome") or ""
    return Q(stored_verdict__outcome=outcome) if outcome else Q()


def campaign_table_query(campaign: Campaign, filters: Filters) -> QuerySet:
    """The table's rows in the table's order: exemplars with their unit and stored verdict."""
    return (exemplars(campaign, filters).filter(_outcome(filters))
            .select_related("registration__unit", "stored_verdict")
            .order_by("registration__unit__sort_key", "kind", "position", "pk"))


def campaign_table_count(campaign: Campaign, filters: Filters) -> int:
    """How many rows the table (and its export) has: one COUNT."""
    return exemplars(campaign, filters).filter(_outcome(filters)).count()


@dataclass(frozen=True)
class Counts:
    rows: int   # the table's rows (with the outcome filter)
    stale: int  # exemplars under the other filters whose stored verdict is missing or stale


def counts(campaign: Campaign, filters: Filters) -> Counts:
    """Both counts in one aggregate query."""
    outcome = filters.get("outcome") or ""
    found = exemplars(campaign, filters).aggregate(
        everything=Count("pk"), current=Count("pk", filter=verdicts.current_q(campaign)),
        rows=Count("pk", filter=Q(stored_verdict__outcome=outcome)) if outcome else Count("pk"))
    return Counts(found["rows"], found["everything"] - found["current"])


def keep_current(campaign: Campaign, filters: Filters) -> tuple[Counts, bool]:
    """The counts, after recomputing a few missing or stale verdicts in the request; returns
    ``(counts, updating)`` — ``updating``: too many to recompute now, the worker was asked to
    refresh the campaign (the page says so)."""
    found = counts(campaign, filters)
    if not found.stale:
        return found, False
    if found.stale <= INLINE_LIMIT:
        ids = list(verdicts.stale(exemplars(campaign, filters), campaign)
                   .values_list("pk", flat=True))
        verdicts.refresh(ids)
    else:
        verdicts.schedule_campaign(campaign)
    found = counts(campaign, filters)
    return found, found.stale > 0


def current_rows(campaign: Campaign, rows: list[Exemplar]) -> list[Exemplar]:
    """A page's rows (from :func:`campaign_table_query`) each with a current verdict: a stale
    one — at most a page of them, while the worker refreshes the campaign — is recomputed now
    and read again (one query)."""
    from evaluation.models import StoredVerdict

    stale = [e.pk for e in rows
             if not verdicts.is_current(getattr(e, "stored_verdict", None), e, campaign)]
    if stale:
        verdicts.refresh(stale)
        fresh = StoredVerdict.objects.in_bulk(stale)
        for exemplar in rows:
            if exemplar.pk in fresh:
                exemplar.stored_verdict = fresh[exemplar.pk]
    return rows


class Counted:
    """The table's queryset for a paginator, its COUNT already known (:func:`counts` counted
    it with the stale verdicts, in one query)."""

    def __init__(self, query: QuerySet, total: int):
        self.query, self.total = query, total

    def count(self) -> int:
        return self.total

    def __len__(self) -> int:
        return self.total

    def __getitem__(self, window):
        return self.query[window]


def row_cells(exemplar: Exemplar, pack, campaign: Campaign | None = None) -> list[str]:
    """One row: unit, kind, name, field, outcome, the criteria not passed. A verdict missing
    (or, when ``campaign`` is given, stale) shows as being updated."""
    verdict = getattr(exemplar, "stored_verdict", None)
    if campaign is not None and not verdicts.is_current(verdict, exemplar, campaign):
        verdict = None
    return [exemplar.registration.unit.name, exemplar.get_kind_display(), exemplar.name,
            f"{exemplar.field_key}) {pack.field_label(exemplar.field_key)}",
            str(OUTCOME_LABELS[verdict.outcome] if verdict else UPDATING),
            verdict.failing if verdict else ""]


def headers() -> list[str]:
    return [_("Cơ quan, đơn vị"), _("Loại"), _("Tên"), _("Lĩnh vực"), _("Kết quả"),
            _("Tiêu chuẩn chưa đạt")]


def campaign_table_rows(campaign: Campaign, filters: Filters) -> Iterator[list[str]]:
    """Every row of the table, streamed from the database ``CHUNK`` at a time."""
    pack = campaign.pack.pack
    for exemplar in campaign_table_query(campaign, filters).iterator(chunk_size=CHUNK):
        yield row_cells(exemplar, pack, campaign)
