"""Quota status of a registration: minimums from the guidance pack, counts from the database."""

from dataclasses import dataclass

from guidance.models import Campaign
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


def quota_status(campaign: Campaign, unit: Unit, counts: dict[str, int]) -> QuotaStatus | None:
    """``counts`` maps an exemplar kind to how many are registered. None: no rule applies."""
    pack = campaign.pack.pack
    rule = pack.quota_for(unit.unit_type, campaign.registration_deadline)
    if rule is None:
        return None
    lines = tuple(
        QuotaLine(kind, pack.kind_label(kind), minimum, counts.get(kind, 0))
        for kind, minimum in rule.minimums.items()
    )
    return QuotaStatus(rule.label, lines)
