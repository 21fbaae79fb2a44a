"""Background work for evaluation: recomputing stored verdicts (``evaluation.verdicts``)."""

from django.tasks import task


@task()
def refresh_verdicts(exemplar_ids: list[int]) -> int:
    """Recompute the stored verdicts of these exemplars (a large change after a commit)."""
    from evaluation import verdicts

    return verdicts.refresh(exemplar_ids)


@task()
def refresh_campaign_verdicts(campaign_id: int) -> int:
    """Recompute a campaign's missing and stale verdicts (a pack move, the table's safety net)."""
    from django.core.cache import cache

    from evaluation import verdicts
    from guidance.models import Campaign

    campaign = Campaign.objects.select_related("pack").filter(pk=campaign_id).first()
    try:
        return sum(verdicts.refresh_stale(campaign).values()) if campaign else 0
    finally:
        cache.delete(f"verdicts:refresh:{campaign_id}")
