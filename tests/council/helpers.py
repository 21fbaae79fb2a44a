"""A council on top of tests/world.py: the catalogue entries the rules name, the shipped rules,
five seats (the standing office user is the secretary, the council user a member, one member
from unit A), two screened proposal items of unit A (an individual for a Bằng khen, a collective
for the default rule) ready for a meeting."""

import datetime
from dataclasses import dataclass

from awards.models import CommendationForm, EmulationTitle
from council import services
from council.models import MemberRole
from proposals.models import Proposal, ProposalItem, ProposalState, ScreeningResult
from registry.models import Exemplar
from tests.factories import ExemplarFactory, UserFactory
from tests.mfa import give_device

DAY = datetime.date(2026, 11, 20)
START = datetime.date(2026, 1, 1)


@dataclass
class Council:
    world: object
    seats: dict
    items: list
    voters: dict
    form: object


def catalogue():
    form = CommendationForm.objects.get_or_create(
        code="bang-khen-ubnd-tinh", defaults={"name": "Bằng khen của Chủ tịch UBND tỉnh",
                                              "valid_from": START})[0]
    CommendationForm.objects.get_or_create(
        code="giay-khen", defaults={"name": "Giấy khen", "valid_from": START})
    EmulationTitle.objects.get_or_create(
        code="cstd-toan-quoc", defaults={"name": "Chiến sĩ thi đua toàn quốc",
                                         "valid_from": START})
    return form


def build_council(w) -> Council:
    form = catalogue()
    giay_khen = CommendationForm.objects.get(code="giay-khen")
    services.load_vote_rules()
    standing = w.users["standing"]
    voters = {"chair": UserFactory(), "member_a": UserFactory(), "member_x": UserFactory()}
    for user in voters.values():
        give_device(user)
    voters["secretary"] = standing
    voters["council"] = w.users["council"]
    seats = {
        "chair": services.add_member(full_name="Giàng A Chủ", role=MemberRole.CHAIR,
                                     valid_from=START, user=voters["chair"], acting_user=standing),
        "secretary": services.add_member(full_name="Lê Thị Thư Ký", role=MemberRole.SECRETARY,
                                         valid_from=START, user=standing, acting_user=standing),
        "council": services.add_member(full_name="Vàng Văn Ủy", role=MemberRole.MEMBER,
                                       valid_from=START, user=w.users["council"],
                                       acting_user=standing),
        # Works in unit A, the proposing unit: excluded from its items.
        "member_a": services.add_member(full_name="Tòng Thị Y", role=MemberRole.MEMBER,
                                        valid_from=START, unit=w.unit_a,
                                        user=voters["member_a"], acting_user=standing),
        "member_x": services.add_member(full_name="Hà Văn Mười", role=MemberRole.MEMBER,
                                        valid_from=START, user=voters["member_x"],
                                        acting_user=standing),
    }
    proposal = Proposal.objects.create(campaign=w.campaign, unit=w.unit_a,
                                       state=ProposalState.SCREENED)
    collective = ExemplarFactory(registration=w.registration_a, kind="collective",
                                 name="Khoa Ngoại", field_key="e")
    Exemplar.objects.filter(pk__in=[w.exemplar_a.pk, collective.pk]).update(state="proposed")
    items = [
        ProposalItem.objects.create(proposal=proposal, exemplar=w.exemplar_a, form=form,
                                    year=2026, screening=ScreeningResult.ACCEPTED, position=1),
        ProposalItem.objects.create(proposal=proposal, exemplar=collective, form=giay_khen,
                                    year=2026, screening=ScreeningResult.ACCEPTED, position=2),
    ]
    return Council(w, seats, items, voters, form)


def held_meeting(c: Council, *, present=None):
    """A meeting on DAY with both items on the agenda and attendance taken."""
    standing = c.voters["secretary"]
    meeting = services.create_meeting(title="Phiên họp xét khen thưởng đợt 1", held_on=DAY,
                                      place="Phòng họp số 1", chair=c.seats["chair"],
                                      secretary=c.seats["secretary"], acting_user=standing)
    services.set_agenda(meeting=meeting, items=c.items, acting_user=standing)
    present = list(c.seats.values()) if present is None else present
    services.set_attendance(meeting=meeting, present=present, acting_user=standing)
    meeting.refresh_from_db()
    return meeting


# ---- for tests/test_url_access.py (kwargs and effects of the council's routes) ---------------

def url_member(w) -> dict:
    return {"pk": build_council(w).seats["member_x"].pk}


def url_meeting(w) -> dict:
    return {"pk": held_meeting(build_council(w)).pk}


def url_empty_meeting(w) -> dict:
    c = build_council(w)
    meeting = services.create_meeting(title="Phiên họp trống", held_on=DAY,
                                      secretary=c.seats["secretary"],
                                      acting_user=c.voters["secretary"])
    return {"pk": meeting.pk}


def url_item(w, *, state="pending") -> dict:
    from council.models import AgendaItem

    c = build_council(w)
    item = AgendaItem.objects.get(meeting=held_meeting(c), position=2)
    if state == "open":
        item = services.open_vote(item=item, acting_user=c.voters["secretary"])
        services.cast_ballot(item=item, choice="approve", acting_user=c.voters["chair"])
    return {"pk": item.pk}


def url_open_item(w) -> dict:
    return url_item(w, state="open")


def conflict_data(w, user) -> dict:
    from council.models import CouncilMember

    seat = CouncilMember.objects.filter(user=user).first() if user else None
    seat = seat or CouncilMember.objects.get(full_name="Giàng A Chủ")
    return {"member": seat.pk, "reason": "Người thân của người được đề nghị"}


def meeting_row(w):
    from council.models import Meeting

    return Meeting.objects.order_by("-pk").values("title", "state", "version").first()


def member_row(w):
    from council.models import CouncilMember

    return CouncilMember.objects.filter(full_name__startswith="Hà Văn").values(
        "full_name", "valid_to").first()


def latest_item_row(w):
    from council.models import AgendaItem

    return AgendaItem.objects.order_by("-pk").values("vote_state", "status").first()


def present_count(w):
    from council.models import Attendance

    return Attendance.objects.filter(present=True).count()


def agenda_data(w, user) -> dict:
    return {"items": list(ProposalItem.objects.values_list("pk", flat=True))}
