"""Scoped, N+1-free reads of decisions.

* ``decisions_visible_to(user)`` — province-wide roles: every decision; a unit's people: the
  issued and revoked decisions naming one of their units' proposals (never a draft).
* ``decision_entries(decision)`` — the attached list, in order, ready to render.
* ``passed_items(campaign=None, meeting=None)`` — what a draft may name: passed by the council
  and not yet in a draft or issued decision.
* ``active_authorities(on_date=None)``.
"""

import datetime

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from accounts import roles
from decisions.models import Authority, Decision, DecisionEntry, DecisionState


def decisions_visible_to(user) -> QuerySet[Decision]:
    found = Decision.objects.select_related("authority", "form", "title", "campaign").annotate(
        entry_count=Count("entries", distinct=True))
    if roles.sees_every_province(user):
        return found
    if roles.is_province_wide(user):  # as ``decisions.rules.sees_decision``
        with_proposal = DecisionEntry.objects.filter(proposal_item__isnull=False)
        mine = with_proposal.filter(
            roles.scope_q(user, "proposal_item__proposal__unit__tree_path"))
        return found.filter(Q(pk__in=mine.values("decision_id"))
                            | ~Q(pk__in=with_proposal.values("decision_id")))
    from orgs.selectors import units_visible_to

    units = units_visible_to(user).values("pk")
    named = DecisionEntry.objects.filter(proposal_item__proposal__unit__in=units).values(
        "decision_id")
    return found.filter(pk__in=named).exclude(state=DecisionState.DRAFT)


def decision_entries(decision: Decision) -> list[DecisionEntry]:
    return list(decision.entries.select_related(
        "proposal_item__proposal__unit", "proposal_item__exemplar", "record", "subject"))


def passed_items(*, campaign=None, meeting=None):
    from proposals.selectors import items_passed

    items = items_passed(campaign).exclude(
        decision_entries__decision__state__in=[DecisionState.DRAFT, DecisionState.ISSUED])
    if meeting is not None:
        items = items.filter(agenda_items__meeting=meeting, agenda_items__status="passed")
    return items.distinct()


def active_authorities(on_date: datetime.date | None = None) -> QuerySet[Authority]:
    day = on_date or timezone.localdate()
    return Authority.objects.filter(valid_from__lte=day).filter(
        Q(valid_to__isnull=True) | Q(valid_to__gte=day)).order_by("code")


def signed_files_of(decision: Decision):
    return decision.signed_files.select_related("uploaded_by").order_by("-uploaded_at", "-pk")
