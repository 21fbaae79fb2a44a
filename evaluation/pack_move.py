"""Moving a campaign to another version of its guidance pack — the system administrator's
explicit act, never a side effect of loading a pack.

A campaign keeps the pack version it was created with; loading a newer version changes no
campaign (``guidance.services``). Moving one is allowed only while nothing of the campaign has
been received by the standing office (data already used is immutable), and only after seeing
its consequences: :func:`preview_campaign_move` evaluates every exemplar of the campaign and
every registration's quota under both versions (``evaluation.selectors``, ``registry.quotas``)
and lists what would change; :func:`move_campaign_to_version` re-checks, saves and audits.
The web page (``evaluation.pack_move_views``) and ``manage.py move_campaign_version`` share
these two functions.
"""

import hashlib
import json
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from audit import log
from audit.models import Action
from core.errors import DomainError, NotAllowed
from evaluation import selectors, verdicts
from guidance.models import Campaign, CampaignStatus, GuidancePack
from registry.enums import RegistrationState
from registry.models import Exemplar, Registration
from registry.quotas import QuotaStatus, quota_status
from registry.selectors import counts_by_kind

PERMISSION = "guidance.move_campaign_version"


@dataclass(frozen=True)
class CriterionChange:
    code: str
    before: str
    after: str


@dataclass(frozen=True)
class VerdictChange:
    exemplar: Exemplar
    before: str  # a Verdict.outcome
    after: str
    criteria: tuple[CriterionChange, ...]


@dataclass(frozen=True)
class QuotaChange:
    registration: Registration
    before: bool | None  # met / not met; None: no quota rule applies
    after: bool | None
    before_rule: str  # the rule's label and its minimums, "" when none applies
    after_rule: str


@dataclass
class MovePreview:
    campaign: Campaign
    current: GuidancePack
    target: GuidancePack
    verdicts: list[VerdictChange] = field(default_factory=list)
    quotas: list[QuotaChange] = field(default_factory=list)
    exemplars: int = 0
    registrations: int = 0

    @property
    def digest(self) -> str:
        """A fingerprint of what would change: the confirmation must match the preview seen."""
        rows = [[self.current.pk, self.target.pk, self.target.checksum],
                *([v.exemplar.pk, v.before, v.after,
                   [[c.code, c.before, c.after] for c in v.criteria]] for v in self.verdicts),
                *([q.registration.pk, q.before, q.after] for q in self.quotas)]
        return hashlib.sha256(json.dumps(rows).encode()).hexdigest()[:16]


def versions_to_move_to(campaign: Campaign) -> list[GuidancePack]:
    """The other stored versions of the campaign's guidance, newest first."""
    return list(GuidancePack.objects.filter(code=campaign.pack.code)
                .exclude(pk=campaign.pack_id).order_by("-version"))


def _received(campaign: Campaign) -> list[Registration]:
    """Registrations the standing office has received (now, or before a reopening)."""
    return list(Registration.objects.filter(campaign=campaign)
                .filter(Q(state=RegistrationState.RECEIVED) | Q(received_at__isnull=False))
                .select_related("unit").order_by("unit__sort_key"))


def _refuse_unless_movable(campaign: Campaign, target: GuidancePack) -> None:
    if target.code != campaign.pack.code:
        raise DomainError(_("Chỉ chuyển được sang một phiên bản khác của cùng bộ hướng dẫn "
                            "%(code)s.") % {"code": campaign.pack.code}, field="version")
    if target.pk == campaign.pack_id:
        raise DomainError(_("Đợt thi đua đang dùng phiên bản này."), field="version")
    if campaign.status == CampaignStatus.CLOSED:
        raise DomainError(_("Đợt thi đua đã kết thúc; không chuyển phiên bản được."))
    received = _received(campaign)
    if received:
        names = ", ".join(r.unit.name for r in received[:5])
        more = len(received) - 5
        raise DomainError(_(
            "Đã có %(n)s biểu đăng ký được Sở Nội vụ tiếp nhận (%(names)s%(more)s): kết quả đã "
            "dùng không được thay đổi, đợt thi đua giữ phiên bản %(version)s.") % {
            "n": len(received), "names": names,
            "more": _(" và %(n)s đơn vị khác") % {"n": more} if more > 0 else "",
            "version": campaign.pack.version})


def _with_pack(campaign: Campaign, pack: GuidancePack) -> Campaign:
    """An unsaved copy of ``campaign`` that uses ``pack`` (the selectors read campaign.pack)."""
    copy = Campaign(**{f.attname: getattr(campaign, f.attname)
                       for f in Campaign._meta.concrete_fields})
    copy.pack = pack
    return copy


def _verdict_changes(campaign: Campaign, moved: Campaign) -> tuple[list[VerdictChange], int]:
    exemplars = selectors.campaign_exemplars(campaign)
    before = dict(selectors.evaluated_in_batches(campaign, exemplars))
    after = {e.pk: v for e, v in selectors.evaluated_in_batches(moved, exemplars)}
    changes = []
    for exemplar, old in sorted(before.items(), key=lambda item: (
            item[0].registration.unit.sort_key, item[0].kind, item[0].position, item[0].pk)):
        new = after[exemplar.pk]
        old_status = {r.code: str(r.status) for r in old.criteria}
        new_status = {r.code: str(r.status) for r in new.criteria}
        criteria = tuple(CriterionChange(code, old_status.get(code, ""), new_status.get(code, ""))
                         for code in dict.fromkeys([*old_status, *new_status])
                         if old_status.get(code) != new_status.get(code))
        if criteria or old.outcome != new.outcome:
            changes.append(VerdictChange(exemplar, old.outcome, new.outcome, criteria))
    return changes, len(before)


def _quota_changes(campaign: Campaign, moved: Campaign) -> tuple[list[QuotaChange], int]:
    registrations = list(Registration.objects.filter(campaign=campaign)
                         .select_related("unit").order_by("unit__sort_key"))
    changes = []
    for registration in registrations:
        counts = counts_by_kind(registration)
        old = quota_status(campaign, registration.unit, counts)
        new = quota_status(moved, registration.unit, counts)
        old_met, new_met = (old.met if old else None), (new.met if new else None)
        if old_met != new_met or _minimums(old) != _minimums(new):
            changes.append(QuotaChange(registration, old_met, new_met, _rule(old), _rule(new)))
    return changes, len(registrations)


def _minimums(status: QuotaStatus | None) -> tuple[tuple[str, int], ...]:
    return tuple((line.kind, line.required) for line in status.lines) if status else ()


def _rule(status: QuotaStatus | None) -> str:
    if status is None:
        return ""
    needs = ", ".join(f"{line.required} {line.label.lower()}" for line in status.lines)
    return f"{status.rule_label}: {needs}"


def preview_campaign_move(*, campaign: Campaign, pack: GuidancePack, acting_user) -> MovePreview:
    """Every verdict and quota status of ``campaign`` that moving it to ``pack`` would change.

    Refused (``NotAllowed``) to anyone but the system administrator, and (``DomainError``) when
    the move itself would be refused. No write.
    """
    if not acting_user.has_perm(PERMISSION, campaign):
        raise NotAllowed(_("Chỉ quản trị hệ thống được chuyển đợt thi đua sang phiên bản khác "
                           "của bộ hướng dẫn."))
    _refuse_unless_movable(campaign, pack)
    moved = _with_pack(campaign, pack)
    verdicts, exemplars = _verdict_changes(campaign, moved)
    quotas, registrations = _quota_changes(campaign, moved)
    return MovePreview(campaign, campaign.pack, pack, verdicts, quotas, exemplars, registrations)


def move_campaign_to_version(*, campaign: Campaign, pack: GuidancePack, reason: str,
                             acting_user, expected_digest: str = "") -> MovePreview:
    """Move ``campaign`` to ``pack`` (another version of the same guidance).

    Refused to anyone but the system administrator; refused for a closed campaign or one with
    a registration the standing office has received; refused without a reason; refused when
    ``expected_digest`` (the preview the user confirmed) no longer matches. Side effects: the
    campaign's pack saved; one audit entry (old → new version, how many verdicts and quota
    statuses changed, the reason); after commit, the campaign's stored verdicts recomputed (by
    the worker for a campaign of more than ``verdicts.SYNC_LIMIT`` exemplars).
    """
    if not acting_user.has_perm(PERMISSION, campaign):
        raise NotAllowed(_("Chỉ quản trị hệ thống được chuyển đợt thi đua sang phiên bản khác "
                           "của bộ hướng dẫn."))
    reason = " ".join((reason or "").split())
    if not reason:
        raise DomainError(_("Hãy ghi lý do chuyển phiên bản."), field="reason")
    with transaction.atomic():
        locked = Campaign.objects.select_for_update().select_related("pack").get(pk=campaign.pk)
        preview = preview_campaign_move(campaign=locked, pack=pack, acting_user=acting_user)
        if expected_digest and expected_digest != preview.digest:
            raise DomainError(_("Kết quả đã thay đổi kể từ lúc xem trước; hãy xem lại trước khi "
                                "xác nhận."))
        before = {"pack": str(locked.pack)}
        locked.pack = pack
        locked.save(update_fields=["pack"])
        log.record(actor=acting_user, action=Action.UPDATE, obj=locked,
                   verb="chuyển phiên bản bộ hướng dẫn", reason=reason, before=before,
                   after={"pack": str(pack), "verdicts_changed": len(preview.verdicts),
                          "quotas_changed": len(preview.quotas)})
        verdicts.campaign_changed(locked)  # every stored verdict names the old pack: recomputed
    campaign.pack = pack
    return preview
