"""Reads of the council: seats valid on a day, the rule for an item, meetings with their
agenda, attendance and exclusions in constant queries."""

import datetime

from django.db.models import Count, Prefetch, Q, QuerySet

from council.models import (
    AgendaItem,
    Attendance,
    CouncilMember,
    Exclusion,
    Meeting,
    VoteRule,
)


def valid_on(queryset: QuerySet, day: datetime.date) -> QuerySet:
    return queryset.filter(Q(valid_to__isnull=True) | Q(valid_to__gte=day), valid_from__lte=day)


def members_on(day: datetime.date) -> QuerySet[CouncilMember]:
    """The council's seats on ``day`` (its members for the quorum and the ``members`` basis)."""
    return valid_on(CouncilMember.objects.select_related("unit", "user"), day).order_by(
        "role", "full_name", "pk")


ROLE_ORDER = {"chair": 0, "vice_chair": 1, "secretary": 2, "member": 3}


def sorted_members(members) -> list[CouncilMember]:
    return sorted(members, key=lambda m: (ROLE_ORDER.get(m.role, 9), m.full_name, m.pk))


def all_members() -> QuerySet[CouncilMember]:
    return CouncilMember.objects.select_related("unit", "user").order_by("-valid_from", "pk")


def rules_list() -> QuerySet[VoteRule]:
    return VoteRule.objects.select_related("form", "title").order_by(
        "form__sort_order", "title__sort_order", "valid_from", "pk")


def rule_for(*, form_id: int | None, title_id: int | None, day: datetime.date) -> VoteRule | None:
    """The rule of the item's title or form valid on ``day``, else the council's default valid
    on ``day`` (the latest-starting one when several overlap); None when there is none."""
    rules = valid_on(VoteRule.objects.all(), day).order_by("-valid_from", "-pk")
    if title_id is not None:
        found = rules.filter(title_id=title_id).first()
        if found is not None:
            return found
    if form_id is not None:
        found = rules.filter(form_id=form_id).first()
        if found is not None:
            return found
    return rules.filter(form__isnull=True, title__isnull=True).first()


def meetings() -> QuerySet[Meeting]:
    return Meeting.objects.select_related("chair", "secretary", "campaign").annotate(
        item_count=Count("items")).order_by("-held_on", "-pk")


def meeting_detail(pk: int) -> Meeting | None:
    items = AgendaItem.objects.select_related(
        "proposal_item__proposal__unit", "proposal_item__exemplar__registration__unit",
        "proposal_item__form", "proposal_item__title",
    ).prefetch_related(
        Prefetch("exclusions", queryset=Exclusion.objects.select_related("member")),
    ).annotate(receipt_count=Count("receipts", distinct=True))
    return (Meeting.objects.select_related("chair__user", "secretary__user", "campaign")
            .prefetch_related(
                Prefetch("items", queryset=items),
                Prefetch("attendance", queryset=Attendance.objects.select_related(
                    "member__unit").order_by("member__full_name", "pk")))
            .filter(pk=pk).first())


def item_detail(pk: int) -> AgendaItem | None:
    return (AgendaItem.objects.select_related(
        "meeting__secretary", "meeting__chair", "proposal_item__proposal__unit",
        "proposal_item__exemplar", "proposal_item__form", "proposal_item__title")
        .prefetch_related(Prefetch("exclusions",
                                   queryset=Exclusion.objects.select_related("member")))
        .filter(pk=pk).first())


def open_items_for(user) -> list[AgendaItem]:
    """Items whose vote is open and on which the user may cast a ballot now."""
    items = AgendaItem.objects.filter(vote_state="open", meeting__state__in=["planned",
                                                                            "in_session"])
    items = items.select_related("meeting__secretary", "proposal_item__exemplar",
                                 "proposal_item__form", "proposal_item__title")
    return [item for item in items if user.has_perm("council.cast_ballot", item)]
