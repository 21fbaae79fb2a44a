"""Reads of proposals: those the council and the decisions use (``items_ready_for_meeting``,
``items_passed``), the pages' scoped reads, and the screening's checks (``screening_checks``,
``duplicates_of``) — reads only, nothing is written (no award subject link either)."""

import datetime
from dataclasses import dataclass, field

from django.db.models import Count, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from awards.models import CommendationForm, EmulationTitle
from core.text import fold
from proposals.models import ItemOutcome, Proposal, ProposalItem, ProposalState, ScreeningResult
from registry.enums import ExemplarKind, ExemplarState
from registry.models import Exemplar


def items_ready_for_meeting(campaign=None) -> QuerySet[ProposalItem]:
    """Screened, accepted items not yet decided by the council (never on a meeting, or whose
    last meeting had no quorum)."""
    items = ProposalItem.objects.filter(
        proposal__state=ProposalState.SCREENED, screening=ScreeningResult.ACCEPTED,
        outcome__in=[ItemOutcome.PENDING, ItemOutcome.NO_QUORUM],
    ).select_related("proposal__unit", "proposal__campaign", "exemplar", "form", "title")
    if campaign is not None:
        items = items.filter(proposal__campaign=campaign)
    return items.order_by("proposal__unit__sort_key", "proposal_id", "position")


def items_passed(campaign=None) -> QuerySet[ProposalItem]:
    """Items the council passed, awaiting a decision."""
    items = ProposalItem.objects.filter(outcome=ItemOutcome.PASSED).select_related(
        "proposal__unit", "proposal__campaign", "exemplar__registration__unit", "form", "title")
    if campaign is not None:
        items = items.filter(proposal__campaign=campaign)
    return items.order_by("proposal__unit__sort_key", "proposal_id", "position")


# --- the proposals pages and API ----------------------------------------------------------------

def proposals_visible_to(user) -> QuerySet[Proposal]:
    """The proposals the user may read: the province's for province-wide roles (every
    province's for the national role), else those of the units the user belongs to (and their
    subtree)."""
    from accounts import roles

    proposals = Proposal.objects.select_related("unit", "campaign", "approved_by").annotate(
        item_count=Count("items", distinct=True))
    return roles.scoped(proposals, user, "unit__tree_path")


def proposal_items(proposal: Proposal) -> list[ProposalItem]:
    return list(proposal.items.select_related(
        "exemplar__registration__unit", "form", "title", "screened_by").order_by("position", "pk"))


def proposal_steps(proposal: Proposal, user) -> list:
    from proposals.workflow import available

    return [t for t in available(proposal.state) if user.has_perm(t.permission, proposal)]


def units_for_proposing(user):
    """The units the user may propose for: where they are the officer or the head."""
    from accounts import roles
    from accounts.models import Role
    from orgs.models import Unit

    ids = roles.unit_ids_with_role(user, Role.UNIT_OFFICER, Role.UNIT_HEAD)
    return Unit.objects.filter(pk__in=ids).order_by("name")


def addable_exemplars(proposal: Proposal) -> QuerySet[Exemplar]:
    """The unit's exemplars of the campaign being fostered, not yet in this proposal."""
    return (Exemplar.objects.filter(registration__unit=proposal.unit,
                                    registration__campaign=proposal.campaign,
                                    state=ExemplarState.FOSTERING)
            .exclude(proposal_items__proposal=proposal)
            .order_by("kind", "position", "pk"))


def awards_for(kind: str | None = None, on: datetime.date | None = None):
    """``(titles, forms)`` valid on ``on`` (today) and applying to ``kind`` (any when None)."""
    on = on or timezone.localdate()
    valid = Q(valid_from__lte=on) & (Q(valid_to__isnull=True) | Q(valid_to__gte=on))
    titles = list(EmulationTitle.objects.filter(valid))
    forms = list(CommendationForm.objects.filter(valid))
    if kind:
        titles = [t for t in titles if not t.subject_kinds or kind in t.subject_kinds]
        forms = [f for f in forms if not f.subject_kinds or kind in f.subject_kinds]
    return titles, forms


# --- screening ---------------------------------------------------------------------------------

@dataclass
class Checks:
    complete: bool
    eligible: bool
    duplicates: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    @property
    def unique(self) -> bool:
        return not self.duplicates

    @property
    def passed(self) -> bool:
        return self.complete and self.eligible and self.unique


def _identity(exemplar: Exemplar) -> tuple:
    """Who an exemplar is, by the award history's matching rule (``awards.services``)."""
    if exemplar.kind == ExemplarKind.COLLECTIVE and exemplar.linked_unit_id:
        return ("unit", exemplar.linked_unit_id)
    return (exemplar.kind, fold(exemplar.name), exemplar.registration.unit_id)


def _subject_ids(exemplar: Exemplar) -> set[int]:
    """The award subjects that are this exemplar — read only (no link is written)."""
    from awards.models import SubjectLink
    from awards.services import matching_subjects

    ids = set(SubjectLink.objects.filter(exemplar=exemplar).values_list("subject_id", flat=True))
    ids |= set(matching_subjects(kind=exemplar.kind, name=exemplar.name,
                                 unit_id=exemplar.registration.unit_id,
                                 org_unit_id=exemplar.linked_unit_id,
                                 birth_year=exemplar.birth_year).values_list("pk", flat=True))
    return ids


def duplicates_of(item: ProposalItem) -> list[str]:
    """Same subject, same title or form, same year: in the award history (not revoked), or in
    another proposal item still being handled (its proposal not returned, the item not returned
    at screening nor rejected by the council). Each as a sentence for the screening page."""
    from awards.models import AwardRecord, SubjectLink

    award = Q(title_id=item.title_id) if item.title_id else Q(form_id=item.form_id)
    found = []
    subjects = _subject_ids(item.exemplar)
    if subjects:
        for record in AwardRecord.objects.filter(award, subject_id__in=subjects, year=item.year,
                                                 revoked_at__isnull=True):
            found.append(_("Đã được tặng “%(award)s” năm %(year)d (Quyết định số %(number)s "
                           "ngày %(date)s).") % {
                "award": record.award_name, "year": record.year,
                "number": record.decision_number,
                "date": record.decision_date.strftime("%d/%m/%Y")})
    others = (ProposalItem.objects.filter(award, year=item.year)
              .exclude(pk=item.pk)
              .exclude(proposal__state=ProposalState.RETURNED)
              .exclude(screening=ScreeningResult.RETURNED)
              .exclude(outcome=ItemOutcome.REJECTED)
              .select_related("exemplar__registration", "proposal__unit"))
    mine = _identity(item.exemplar)
    linked = dict(SubjectLink.objects.filter(exemplar_id__in=[o.exemplar_id for o in others])
                  .values_list("exemplar_id", "subject_id"))
    for other in others:
        if _identity(other.exemplar) == mine or linked.get(other.exemplar_id) in subjects:
            found.append(_("Đã có trong đề nghị khác của %(unit)s (số %(id)d) cho cùng hình thức, "
                           "cùng năm.") % {"unit": other.proposal.unit.name,
                                          "id": other.proposal_id})
    return found


def screening_checks(item: ProposalItem) -> Checks:
    """The three checks of the screening, computed now: complete dossier (the report is there
    and the unit head approved), eligible (the frozen verdict says so), no duplicate."""
    from proposals.verdicts import ELIGIBLE

    proposal = item.proposal
    complete = item.has_report and proposal.approved_at is not None
    eligible = item.verdict_status == ELIGIBLE
    checks = Checks(complete=complete, eligible=eligible, duplicates=duplicates_of(item))
    if not item.has_report:
        checks.problems.append(_("chưa có báo cáo thành tích"))
    if proposal.approved_at is None:
        checks.problems.append(_("thủ trưởng đơn vị chưa duyệt"))
    if not eligible:
        checks.problems.append(_("kết quả đánh giá khi đề nghị không phải “Đủ tiêu chuẩn”"))
    checks.problems += checks.duplicates
    return checks
