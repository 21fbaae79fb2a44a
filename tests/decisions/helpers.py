"""What decision tests need: an authority (from the shipped file), a commendation form, and
exemplars whose proposal items the council passed."""

import datetime

from awards.models import CommendationForm
from decisions.models import Authority
from proposals.models import ItemOutcome, Proposal, ProposalItem, ProposalState, ScreeningResult
from registry.models import Exemplar
from tests.factories import ExemplarFactory

ISSUED_ON = datetime.date(2026, 11, 20)
SIGNER = "Lê Văn Lương"


def authority(code: str = "ct-ubnd-tinh") -> Authority:
    from decisions.reference.load import load_authorities

    load_authorities()
    return Authority.objects.get(code=code)


def form(code: str = "cong-nhan-dhtt", name: str = "Công nhận điển hình tiên tiến",
         kinds=None) -> CommendationForm:
    found, _created = CommendationForm.objects.get_or_create(code=code, defaults={
        "name": name, "subject_kinds": kinds or [], "valid_from": datetime.date(2020, 1, 1),
        "legal_basis": "Luật Thi đua, khen thưởng số 06/2022/QH15"})
    return found


def passed_item(exemplar, award=None, *, achievement: str = "Thành tích tiêu biểu.") -> ProposalItem:
    award = award or form()
    registration = exemplar.registration
    proposal = Proposal.objects.filter(campaign=registration.campaign, unit=registration.unit,
                                       state=ProposalState.SCREENED).first()
    if proposal is None:
        proposal = Proposal.objects.create(campaign=registration.campaign, unit=registration.unit,
                                           state=ProposalState.SCREENED)
    Exemplar.objects.filter(pk=exemplar.pk).update(state="proposed")
    return ProposalItem.objects.create(
        proposal=proposal, exemplar=exemplar, form=award, year=2026, achievement=achievement,
        screening=ScreeningResult.ACCEPTED, outcome=ItemOutcome.PASSED,
        position=proposal.items.count() + 1)


def passed_items(world, count: int = 2, award=None, *, with_a: bool = True
                 ) -> list[ProposalItem]:
    # exemplar_a once: a second call (another route's fixture in the same world) takes new ones
    with_a = with_a and not ProposalItem.objects.filter(exemplar=world.exemplar_a).exists()
    exemplars = ([world.exemplar_a] if with_a else []) + [
        ExemplarFactory(registration=world.registration_a, field_key="e",
                        position_title="Bác sĩ", work_unit="Bệnh viện Thử")
        for _ in range(count - (1 if with_a else 0))]
    return [passed_item(e, award) for e in exemplars]


def draft(world, count: int = 2, award=None, *, with_a: bool = True, **extra):
    from decisions.services import create_draft

    return create_draft(authority=authority(),
                        items=passed_items(world, count, award, with_a=with_a),
                        signer_name=SIGNER, acting_user=world.users["standing"], **extra)
