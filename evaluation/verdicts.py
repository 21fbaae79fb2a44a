"""Stored verdicts: the criteria engine's verdict per exemplar, kept so that the campaign table
filters, counts and pages in SQL (``models.StoredVerdict``; docs/evaluation.md "Stored
verdicts").

* :func:`store_verdicts` — the one writer: evaluates a queryset of exemplars of one campaign in
  batches (``selectors.evaluated_in_batches``: constant queries per batch) and upserts one row
  per exemplar (``bulk_create(update_conflicts=True)``, PostgreSQL and SQLite alike).
* :func:`evidence_changed` / :func:`exemplars_changed` / :func:`campaign_changed` — what the
  writers call inside their transaction: the first marks the verdicts stale at once (a counter
  bumped in the same transaction, so a crash after the commit still leaves them detectably
  stale); all three recompute after the commit — a few exemplars at once, a larger set
  (a pack move of a whole campaign) by the background worker (``evaluation.tasks``).
* :func:`current_q` — the SQL condition "this exemplar's stored verdict is current";
  :func:`refresh_stale` recomputes only the others (``manage.py evaluate --campaign`` and the
  worker).
"""

import logging
from collections.abc import Callable, Iterable

from django.db import transaction
from django.db.models import Case, F, Q, QuerySet, Value, When
from django.utils import timezone

from evaluation import models as m
from evaluation import selectors
from evaluation.engine import Verdict
from guidance.models import Campaign
from registry.models import Exemplar

log = logging.getLogger(__name__)

# After a commit, up to this many exemplars are recomputed in the request; more go to the worker.
SYNC_LIMIT = 200
BATCH_SIZE = 2000
UPDATED = ["campaign", "outcome", "eligible", "failing", "pack", "year", "exemplar_version",
           "evidence_version", "computed_at"]


def failing_codes(verdict) -> str:
    """The codes the table shows: every criterion not passed, in the pack's order."""
    return ", ".join(r.code for r in verdict.criteria if str(r.status) != "pass")


def current_q(campaign: Campaign, prefix: str = "stored_verdict__") -> Q:
    """On exemplars of ``campaign`` (``prefix`` ""-ended path to the stored verdict): its stored
    verdict exists and was computed from the campaign's pack and year, the exemplar's version
    and the evidence as it now is. NULL (no verdict) is not current."""
    return Q(**{f"{prefix}campaign_id": campaign.pk, f"{prefix}pack_id": campaign.pack_id,
                f"{prefix}year": campaign.proposal_year,
                f"{prefix}exemplar_version": F("version"),
                f"{prefix}evidence_version": F(f"{prefix}evidence_changes")})


def is_current(verdict: "m.StoredVerdict | None", exemplar: Exemplar, campaign: Campaign) -> bool:
    """:func:`current_q` in Python, for rows already read."""
    return (verdict is not None and verdict.campaign_id == campaign.pk
            and verdict.pack_id == campaign.pack_id and verdict.year == campaign.proposal_year
            and verdict.exemplar_version == exemplar.version
            and verdict.evidence_version == verdict.evidence_changes)


def stale(exemplars: QuerySet, campaign: Campaign) -> QuerySet:
    """The exemplars of the queryset whose stored verdict is missing or not current."""
    return exemplars.alias(_current=Case(When(current_q(campaign), then=Value(True)),
                                         default=Value(False))).filter(_current=False)


def store_verdicts(campaign: Campaign, exemplars: QuerySet, *, batch_size: int = BATCH_SIZE,
                   each: Callable[[Exemplar, Verdict], None] | None = None) -> dict[str, int]:
    """Evaluate ``exemplars`` (a queryset of ``campaign``'s) and store their verdicts, in
    batches; returns the count per outcome. ``each(exemplar, verdict)`` is called for every
    one (the ``evaluate`` command prints them); without it only the columns the engine needs
    are read.

    Each batch's exemplar query also reads each one's version and its verdict's evidence
    counter, *before* its evidence is read: a writer committing meanwhile bumps the counter
    past the value stored here, so the verdict stays stale until its own refresh — never
    current with old evidence."""
    counts: dict[str, int] = {}
    now = timezone.now()
    query = (exemplars.filter(registration__campaign=campaign)
             .annotate(_changes=F("stored_verdict__evidence_changes")))
    if each is None:
        query = query.select_related(None).only("pk", "kind", "field_key", "version")
    batch: list[m.StoredVerdict] = []
    for exemplar, verdict in selectors.evaluated_in_batches(campaign, query, batch_size):
        changes = exemplar._changes or 0
        batch.append(m.StoredVerdict(
            exemplar_id=exemplar.pk, campaign_id=campaign.pk, outcome=verdict.outcome,
            eligible=verdict.eligible, failing=failing_codes(verdict), pack_id=campaign.pack_id,
            year=campaign.proposal_year, exemplar_version=exemplar.version,
            evidence_version=changes, evidence_changes=changes, computed_at=now))
        counts[verdict.outcome] = counts.get(verdict.outcome, 0) + 1
        if each is not None:
            each(exemplar, verdict)
        if len(batch) >= batch_size:
            _upsert(batch)
            batch = []
    _upsert(batch)
    return counts


def _upsert(rows: list["m.StoredVerdict"]) -> None:
    if rows:
        # ``evidence_changes`` is not overwritten: a bump made meanwhile keeps the row stale.
        m.StoredVerdict.objects.bulk_create(rows, update_conflicts=True,
                                            unique_fields=["exemplar"], update_fields=UPDATED)


def refresh(exemplar_ids: Iterable[int]) -> int:
    """Recompute and store the verdicts of these exemplars (any campaigns); returns how many."""
    ids = sorted(set(exemplar_ids))
    done = 0
    for start in range(0, len(ids), selectors.MAX_IDS):
        chunk = ids[start:start + selectors.MAX_IDS]
        campaign_ids = set(Exemplar.objects.filter(pk__in=chunk)
                           .values_list("registration__campaign_id", flat=True))
        for campaign in Campaign.objects.filter(pk__in=campaign_ids).select_related("pack"):
            counts = store_verdicts(campaign, Exemplar.objects.filter(pk__in=chunk))
            done += sum(counts.values())
    return done


def refresh_stale(campaign: Campaign, *, batch_size: int = BATCH_SIZE) -> dict[str, int]:
    """Recompute the campaign's missing and stale verdicts only."""
    return store_verdicts(campaign, stale(Exemplar.objects.filter(registration__campaign=campaign),
                                          campaign), batch_size=batch_size)


def stale_count(campaign: Campaign) -> int:
    """How many of the campaign's exemplars have no current stored verdict (one COUNT)."""
    return stale(Exemplar.objects.filter(registration__campaign=campaign), campaign).count()


def refresh_campaign(campaign: Campaign, *, batch_size: int = BATCH_SIZE) -> dict[str, int]:
    """Recompute every verdict of the campaign."""
    return store_verdicts(campaign, Exemplar.objects.filter(registration__campaign=campaign),
                          batch_size=batch_size)


# --- what the writers call ---------------------------------------------------------------------

def evidence_changed(exemplar_ids: Iterable[int]) -> None:
    """Inside the writer's transaction: the evidence, judgements or award history of these
    exemplars changed. Marks their verdicts stale now and recomputes them after the commit."""
    ids = list(exemplar_ids)  # a list, or a flat ``values_list`` of ids
    if not ids:
        return
    m.StoredVerdict.objects.filter(exemplar_id__in=ids).update(
        evidence_changes=F("evidence_changes") + 1)
    exemplars_changed(ids)


def subject_changed(subject_id: int) -> None:
    """Evidence of the subject changed: every exemplar linked to it reads it (the same person
    registered in several campaigns)."""
    evidence_changed(m.ExemplarSubject.objects.filter(subject_id=subject_id)
                     .values_list("exemplar_id", flat=True))


def exemplars_changed(exemplar_ids: Iterable[int]) -> None:
    """Recompute these exemplars' verdicts after the commit (their staleness is already
    visible: a new exemplar has none, an edited one a new version). The ids of every call in
    one transaction are gathered on the connection; the first callback run after the commit
    refreshes them all, the others find nothing left."""
    ids = set(exemplar_ids)
    if not ids:
        return
    connection = transaction.get_connection()
    if not connection.in_atomic_block:
        _after_commit(ids)
        return
    # run_on_commit holds (savepoint ids, callback, robust). No callback of ours waiting: a
    # new transaction (what a rolled-back one left behind is dropped).
    if not any(isinstance(fn, _Refresh) and not fn.done
               for _sids, fn, *_rest in connection.run_on_commit):
        connection.pending_verdicts = set()
    connection.pending_verdicts.update(ids)
    transaction.on_commit(_Refresh(connection))


class _Refresh:
    def __init__(self, connection) -> None:
        self.connection, self.done = connection, False

    def __call__(self) -> None:
        self.done = True
        ids = getattr(self.connection, "pending_verdicts", set())
        self.connection.pending_verdicts = set()
        if ids:
            _after_commit(ids)


def campaign_changed(campaign: Campaign) -> None:
    """The campaign's pack (or year) changed: recompute its stale verdicts after the commit —
    in the request for a small campaign, by the worker otherwise."""
    campaign_id = campaign.pk

    def after_commit() -> None:
        found = Campaign.objects.select_related("pack").get(pk=campaign_id)
        if Exemplar.objects.filter(registration__campaign=found).count() <= SYNC_LIMIT:
            _guarded(refresh_stale, found)
        else:
            schedule_campaign(found)
    transaction.on_commit(after_commit)


def schedule_campaign(campaign: Campaign) -> bool:
    """Ask the worker to refresh the campaign's stale verdicts, unless it was asked in the
    last ten minutes (one page view after another must not queue the campaign again)."""
    from django.core.cache import cache

    from evaluation import tasks

    if not cache.add(f"verdicts:refresh:{campaign.pk}", 1, timeout=600):
        return False
    tasks.refresh_campaign_verdicts.enqueue(campaign.pk)
    return True


def _after_commit(ids: set[int]) -> None:
    if len(ids) <= SYNC_LIMIT:
        _guarded(refresh, ids)
    else:
        from evaluation import tasks

        tasks.refresh_verdicts.enqueue(sorted(ids))


def _guarded(fn, *args) -> None:
    """The write is committed: a failed recompute leaves the verdicts stale (the table and
    ``evaluate --campaign`` see it), never an error for the person who saved."""
    try:
        fn(*args)
    except Exception:
        log.exception("stored verdicts not refreshed")
