"""Scoped, N+1-free reads of registrations and exemplars."""

from django.db.models import Count, QuerySet

from accounts import roles
from guidance.models import Campaign
from orgs.models import Unit
from registry.enums import ExemplarKind
from registry.models import Exemplar, Registration
from registry.workflow import EXEMPLAR_TRANSITIONS, TRANSITIONS, Transition, available


def registrations_visible_to(user) -> QuerySet[Registration]:
    regs = Registration.objects.select_related("unit", "campaign", "campaign__pack")
    return roles.scoped(regs, user, "unit__tree_path")


def exemplars_visible_to(user) -> QuerySet[Exemplar]:
    items = Exemplar.objects.select_related("registration__unit", "registration__campaign")
    return roles.scoped(items, user, "registration__unit__tree_path")


def own_unit_for_registering(user) -> Unit | None:
    """The unit whose registration the user starts: the first unit they are an officer of."""
    from accounts.models import Role

    unit_ids = roles.unit_ids_with_role(user, Role.UNIT_OFFICER)
    return Unit.objects.filter(pk__in=unit_ids).order_by("pk").first()


def registration_steps(registration: Registration, user) -> list[Transition]:
    """The workflow transitions from the registration's state that ``user`` may take."""
    return [t for t in available(registration.state, TRANSITIONS)
            if user.has_perm(t.permission, registration)]


def exemplar_steps(exemplar: Exemplar, user) -> list[Transition]:
    """The lifecycle transitions from the exemplar's state that ``user`` may take directly (a
    step another app drives for this exemplar is not offered: ``registry.exemplar_guards``)."""
    from registry.exemplar_guards import refusal

    return [t for t in available(exemplar.state, EXEMPLAR_TRANSITIONS)
            if user.has_perm(t.permission, exemplar) and not refusal(exemplar, t.name)]


def units_required_to_register(campaign: Campaign) -> QuerySet[Unit]:
    """Units valid at the deadline whose type has a quota rule in the campaign's pack."""
    pack = campaign.pack.pack
    day = campaign.registration_deadline
    types = {t for rule in pack.quotas if rule.applies_on(day) for t in rule.unit_types}
    return Unit.objects.valid_on(day).filter(unit_type__in=types)


def registration_for(campaign: Campaign, unit: Unit) -> Registration | None:
    return (
        Registration.objects.select_related("unit", "campaign", "campaign__pack")
        .filter(campaign=campaign, unit=unit)
        .first()
    )


def entries_by_kind(registration: Registration) -> dict[str, list[Exemplar]]:
    grouped: dict[str, list[Exemplar]] = {kind.value: [] for kind in ExemplarKind}
    for item in registration.exemplars.order_by("kind", "position", "pk"):
        grouped[item.kind].append(item)
    return grouped


def counts_by_kind(registration: Registration) -> dict[str, int]:
    rows = registration.exemplars.values("kind").annotate(n=Count("pk")).values_list("kind", "n")
    return dict(rows)


def registration_sections(registration: Registration) -> list[dict]:
    """The form's sections (I. Tập thể, II. Cá nhân, III…, IV…) with their entries."""
    pack = registration.campaign.pack.pack
    entries = entries_by_kind(registration)
    sections = []
    for kind in ExemplarKind:
        form_section = pack.section(kind.value)
        heading = f"{form_section.numeral}. {form_section.heading}" if form_section else kind.label
        rows = [
            {"entry": item, "field_label": pack.field_label(item.field_key)}
            for item in entries[kind.value]
        ]
        sections.append({"kind": kind, "heading": heading, "rows": rows})
    return sections


def duplicate_names(registration: Registration) -> set[int]:
    """Ids of entries whose (kind, folded name) occurs more than once in the registration
    (one query whatever the data)."""
    from collections import Counter

    rows = list(registration.exemplars.values_list("pk", "kind", "folded_name"))
    seen = Counter((kind, folded) for _pk, kind, folded in rows)
    return {pk for pk, kind, folded in rows if seen[(kind, folded)] > 1}
