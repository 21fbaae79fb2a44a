"""Quota status of a registration: minimums from the guidance pack, counts from the database.

One rule choice (``rule_for``: the pack's first rule that names the unit type and is in force
on the registration deadline) is behind both the Python status of one registration
(``quota_status``) and the SQL expression of the dashboard (``quota_met_expression``), so
overlapping rules give the same answer on both.
"""

import datetime
from dataclasses import dataclass

from django.db.models import BooleanField, Case, Q, Value, When

from guidance.models import Campaign
from guidance.pack import Pack, QuotaRule
from orgs.models import Unit


@dataclass(frozen=True)
class QuotaLine:
    kind: str
    label: str
    required: int
    registered: int

    @property
    def met(self) -> bool:
        return self.registered >= self.required


@dataclass(frozen=True)
class QuotaStatus:
    rule_label: str
    lines: tuple[QuotaLine, ...]

    @property
    def met(self) -> bool:
        return all(line.met for line in self.lines)


def rule_for(pack: Pack, unit_type: str, day: datetime.date) -> QuotaRule | None:
    """The quota rule a unit of ``unit_type`` answers to on ``day`` (None: no quota)."""
    return pack.quota_for(unit_type, day)


def quota_status(campaign: Campaign, unit: Unit, counts: dict[str, int]) -> QuotaStatus | None:
    """``counts`` maps an exemplar kind to how many are registered. None: no rule applies."""
    pack = campaign.pack.pack
    rule = rule_for(pack, unit.unit_type, campaign.registration_deadline)
    if rule is None:
        return None
    lines = tuple(
        QuotaLine(kind, pack.kind_label(kind), minimum, counts.get(kind, 0))
        for kind, minimum in rule.minimums.items()
    )
    return QuotaStatus(rule.label, lines)


def quota_met_expression(campaign: Campaign) -> Case:
    """SQL over units annotated with ``n_<kind>`` counts: True when the unit's counts reach the
    minimums of the rule ``rule_for`` picks for its type (False when no rule applies)."""
    pack = campaign.pack.pack
    day = campaign.registration_deadline
    types_by_rule: dict[int, tuple[QuotaRule, list[str]]] = {}
    for unit_type in dict.fromkeys(t for rule in pack.quotas for t in rule.unit_types):
        rule = rule_for(pack, unit_type, day)
        if rule is not None:
            types_by_rule.setdefault(id(rule), (rule, []))[1].append(unit_type)
    whens = []
    for rule, unit_types in types_by_rule.values():
        condition = Q(unit_type__in=unit_types)
        for kind, minimum in rule.minimums.items():
            condition &= Q(**{f"n_{kind}__gte": minimum})
        whens.append(When(condition, then=Value(True)))
    return Case(*whens, default=Value(False), output_field=BooleanField())
