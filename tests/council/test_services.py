"""The council's services: rules as data, seats, meetings, conflicts, votes and results."""

import datetime

import pytest
from django.db import connection

from core.errors import DomainError, NotAllowed
from council import selectors, services
from council.models import (
    AgendaItem,
    Ballot,
    ConflictKind,
    CouncilMember,
    Exclusion,
    ItemStatus,
    MeetingState,
    MemberRole,
    VoteReceipt,
    VoteRule,
    VoteState,
)
from proposals.models import ItemOutcome
from registry.models import Exemplar
from tests.council.helpers import DAY, START, build_council, held_meeting
from tests.world import world  # noqa: F401  (fixture)


@pytest.fixture
def council(world):  # noqa: F811
    return build_council(world)


def _item(meeting, position):
    return AgendaItem.objects.get(meeting=meeting, position=position)


# ---- rules as data ---------------------------------------------------------------------------

@pytest.mark.django_db
def test_load_vote_rules_is_idempotent_and_skips_missing_codes(world):  # noqa: F811
    first = services.load_vote_rules()
    assert first["created"] == 1 and first["skipped"] == 2  # catalogue not loaded yet
    assert len(first["warnings"]) == 2
    from tests.council.helpers import catalogue

    catalogue()
    second = services.load_vote_rules()
    assert (second["created"], second["unchanged"], second["skipped"]) == (2, 1, 0)
    third = services.load_vote_rules()
    assert (third["created"], third["updated"], third["unchanged"]) == (0, 0, 3)
    default = VoteRule.objects.get(key="mac-dinh")
    assert (default.quorum_numerator, default.quorum_denominator) == (2, 3)
    assert (default.threshold_numerator, default.threshold_denominator, default.basis,
            default.strict, default.secret) == (1, 2, "present", False, True)
    bk = VoteRule.objects.get(key="bang-khen-ubnd-tinh")
    assert (bk.threshold_numerator, bk.threshold_denominator, bk.to_confirm) == (4, 5, True)
    cstd = VoteRule.objects.get(key="cstd-toan-quoc")
    assert cstd.title.code == "cstd-toan-quoc" and cstd.threshold_numerator == 9
    VoteRule.objects.filter(pk=bk.pk).update(threshold_numerator=1)
    assert services.load_vote_rules()["updated"] == 1


@pytest.mark.django_db
def test_rule_for_item_form_else_default_valid_on_the_day(council):
    form = council.form
    rule = selectors.rule_for(form_id=form.pk, title_id=None, day=DAY)
    assert rule.key == "bang-khen-ubnd-tinh"
    other = council.items[1].form
    assert selectors.rule_for(form_id=other.pk, title_id=None, day=DAY).key == "mac-dinh"
    VoteRule.objects.filter(key="bang-khen-ubnd-tinh").update(valid_to=DAY - datetime.timedelta(1))
    assert selectors.rule_for(form_id=form.pk, title_id=None, day=DAY).key == "mac-dinh"


@pytest.mark.django_db
def test_load_vote_rules_command(world, capsys):  # noqa: F811
    from django.core.management import call_command

    call_command("load_vote_rules")
    out = capsys.readouterr()
    assert "created: 1" in out.out and "bỏ qua" in out.err


# ---- members ---------------------------------------------------------------------------------

@pytest.mark.django_db
def test_standing_office_manages_members_others_refused(council):
    w = council.world
    standing = w.users["standing"]
    member = services.add_member(full_name="  Lò  Văn   Tân ", role=MemberRole.VICE_CHAIR,
                                 valid_from=START, acting_user=standing)
    assert member.full_name == "Lò Văn Tân"
    member = services.update_member(member=member, full_name="Lò Văn Tân", role="member",
                                    valid_from=START, unit=w.unit_b, acting_user=standing)
    assert member.role == "member" and member.unit == w.unit_b
    services.end_member(member=member, valid_to=DAY - datetime.timedelta(days=1),
                        acting_user=standing)
    assert not selectors.members_on(DAY).filter(pk=member.pk).exists()
    for role in ("council", "officer_a", "head_a"):
        with pytest.raises(NotAllowed):
            services.add_member(full_name="X", role="member", valid_from=START,
                                acting_user=w.users[role])
    with pytest.raises(DomainError):
        services.add_member(full_name="X", role="boss", valid_from=START, acting_user=standing)
    with pytest.raises(DomainError):
        services.end_member(member=member, valid_to=START - datetime.timedelta(1),
                            acting_user=standing)


# ---- meetings and conflicts ------------------------------------------------------------------

@pytest.mark.django_db
def test_meeting_agenda_attendance_and_unit_conflict(council):
    meeting = held_meeting(council)
    assert meeting.attendance.count() == 5 and meeting.attendance.filter(present=True).count() == 5
    assert meeting.items.count() == 2
    for item in meeting.items.all():
        excluded = list(item.exclusions.values_list("member__full_name", "kind"))
        assert excluded == [("Tòng Thị Y", ConflictKind.UNIT)]
        assert "Sở Y tế Thử" in item.exclusions.get().reason


@pytest.mark.django_db
def test_superior_unit_conflict_below_the_province(council):
    w = council.world
    standing = w.users["standing"]
    from proposals.models import Proposal

    Proposal.objects.filter(pk=council.items[0].proposal_id).update(unit=w.sub_a)
    province = w.unit_a.parent
    services.add_member(full_name="Người Tỉnh", role="member", valid_from=START, unit=province,
                        acting_user=standing)
    meeting = held_meeting(council)
    names = set(_item(meeting, 1).exclusions.values_list("member__full_name", flat=True))
    assert names == {"Tòng Thị Y"}  # unit A is sub_a's superior; the province is not counted


@pytest.mark.django_db
def test_subject_conflict_by_folded_name(council):
    standing = council.world.users["standing"]
    services.add_member(full_name="ĐẶNG THỊ MAI", role="member", valid_from=START,
                        acting_user=standing)
    meeting = held_meeting(council)
    kinds = dict(_item(meeting, 1).exclusions.values_list("member__full_name", "kind"))
    assert kinds["ĐẶNG THỊ MAI"] == ConflictKind.SUBJECT
    assert "ĐẶNG THỊ MAI" not in dict(_item(meeting, 2).exclusions.values_list(
        "member__full_name", "kind"))


@pytest.mark.django_db
def test_declared_conflict_by_member_or_secretary(council):
    meeting = held_meeting(council)
    item = _item(meeting, 1)
    own = services.declare_conflict(item=item, member=council.seats["member_x"],
                                    reason="Là người thân của người được đề nghị",
                                    acting_user=council.voters["member_x"])
    assert own.kind == ConflictKind.DECLARED
    with pytest.raises(NotAllowed):  # a member cannot declare for someone else
        services.declare_conflict(item=item, member=council.seats["chair"], reason="x",
                                  acting_user=council.voters["member_x"])
    services.declare_conflict(item=item, member=council.seats["chair"], reason="Người thân",
                              acting_user=council.voters["secretary"])
    with pytest.raises(DomainError):
        services.declare_conflict(item=item, member=council.seats["chair"], reason="  ",
                                  acting_user=council.voters["secretary"])
    # declared conflicts survive a recompute
    services.set_attendance(meeting=meeting, present=list(council.seats.values()),
                            acting_user=council.voters["secretary"])
    assert item.exclusions.filter(kind=ConflictKind.DECLARED).count() == 2


@pytest.mark.django_db
def test_meeting_refusals(council):
    w = council.world
    for role in ("council", "officer_a", "head_a"):
        with pytest.raises(NotAllowed):
            services.create_meeting(title="X", held_on=DAY, acting_user=w.users[role])
    with pytest.raises(DomainError):
        services.create_meeting(title=" ", held_on=DAY, acting_user=w.users["standing"])
    late = services.add_member(full_name="Mới Vào", role="member", valid_from=DAY,
                               acting_user=w.users["standing"])
    with pytest.raises(DomainError):
        services.create_meeting(title="X", held_on=DAY - datetime.timedelta(1), secretary=late,
                                acting_user=w.users["standing"])
    meeting = held_meeting(council)
    with pytest.raises(DomainError):  # already on this meeting's agenda elsewhere
        other = services.create_meeting(title="Khác", held_on=DAY,
                                        acting_user=w.users["standing"])
        services.set_agenda(meeting=other, items=council.items, acting_user=w.users["standing"])
    assert meeting.items.count() == 2


# ---- votes -------------------------------------------------------------------------------------

def _vote_all(council, item, choices):
    for key, choice in choices.items():
        services.cast_ballot(item=item, choice=choice, acting_user=council.voters[key])


@pytest.mark.django_db
def test_secret_vote_end_to_end_with_exclusion_and_abstention(council):
    meeting = held_meeting(council)
    secretary = council.voters["secretary"]
    item = services.open_vote(item=_item(meeting, 1), acting_user=secretary)
    assert item.rule["threshold"] == "4/5" and item.rule["basis"] == "members"
    assert item.rule["secret"] is True
    _vote_all(council, item, {"chair": "approve", "secretary": "approve",
                              "council": "approve", "member_x": "abstain"})
    with pytest.raises(NotAllowed):  # excluded (unit A)
        services.cast_ballot(item=item, choice="approve", acting_user=council.voters["member_a"])
    with pytest.raises(DomainError):  # twice
        services.cast_ballot(item=item, choice="reject", acting_user=council.voters["chair"])
    assert VoteReceipt.objects.filter(item=item).count() == 4
    assert Ballot.objects.filter(item=item).count() == 4
    assert not Ballot.objects.filter(item=item, member__isnull=False).exists()
    item.refresh_from_db()
    assert item.status == ItemStatus.PENDING and item.result == {}  # hidden until closed
    item = services.close_vote(item=item, acting_user=secretary)
    # base = 5 members - 1 excluded = 4; 3/4 < 4/5 → rejected
    assert item.status == ItemStatus.REJECTED
    assert {k: item.result[k] for k in ("base", "approve", "reject", "abstain", "invalid")} == \
        {"base": 4, "approve": 3, "reject": 0, "abstain": 1, "invalid": 0}
    assert "by_member" not in item.result
    assert item.result["excluded"] == [str(council.seats["member_a"].pk)]
    proposal_item = item.proposal_item
    proposal_item.refresh_from_db()
    assert proposal_item.outcome == ItemOutcome.REJECTED
    assert Exemplar.objects.get(pk=proposal_item.exemplar_id).state == "not_recognised"


@pytest.mark.django_db
def test_default_rule_passes_and_meeting_closes(council):
    meeting = held_meeting(council)
    secretary = council.voters["secretary"]
    item = services.open_vote(item=_item(meeting, 2), acting_user=secretary)
    assert item.rule["basis"] == "present" and item.rule["threshold"] == "1/2"
    _vote_all(council, item, {"chair": "approve", "secretary": "approve", "council": "reject",
                              "member_x": "reject"})
    with pytest.raises(DomainError):  # attendance frozen while a vote is open
        services.set_attendance(meeting=meeting, present=[], acting_user=secretary)
    with pytest.raises(DomainError):
        services.close_meeting(meeting=meeting, acting_user=secretary)
    item = services.close_vote(item=item, acting_user=secretary)
    assert item.status == ItemStatus.PASSED  # 2/4 >= 1/2 (not strict)
    item.proposal_item.refresh_from_db()
    assert item.proposal_item.outcome == ItemOutcome.PASSED
    meeting = services.close_meeting(meeting=meeting, acting_user=secretary, notes="Kết luận.")
    assert meeting.state == MeetingState.CLOSED
    assert meeting.items.count() == 1  # the item never voted on left the agenda
    with pytest.raises(DomainError):
        services.open_vote(item=item, acting_user=secretary)


@pytest.mark.django_db
def test_open_vote_records_by_name(council):
    VoteRule.objects.filter(key="mac-dinh").update(secret=False)
    meeting = held_meeting(council)
    secretary = council.voters["secretary"]
    item = services.open_vote(item=_item(meeting, 2), acting_user=secretary)
    _vote_all(council, item, {"chair": "approve", "council": "reject"})
    assert Ballot.objects.get(item=item, member=council.seats["chair"]).choice == "approve"
    item = services.close_vote(item=item, acting_user=secretary)
    assert item.result["by_member"][str(council.seats["council"].pk)]["choice"] == "reject"
    assert item.status == ItemStatus.REJECTED  # 1/4 present non-excluded


@pytest.mark.django_db
def test_no_quorum(council):
    seats = council.seats
    meeting = held_meeting(council, present=[seats["chair"], seats["secretary"],
                                             seats["council"]])  # 3/5 < 2/3
    secretary = council.voters["secretary"]
    item = services.open_vote(item=_item(meeting, 2), acting_user=secretary)
    _vote_all(council, item, {"chair": "approve", "secretary": "approve", "council": "approve"})
    with pytest.raises(NotAllowed):  # absent
        services.cast_ballot(item=item, choice="approve", acting_user=council.voters["member_x"])
    item = services.close_vote(item=item, acting_user=secretary)
    assert item.status == ItemStatus.NO_QUORUM and item.result["quorum"] is False
    item.proposal_item.refresh_from_db()
    assert item.proposal_item.outcome == ItemOutcome.NO_QUORUM


@pytest.mark.django_db
def test_vote_permissions(council):
    meeting = held_meeting(council)
    item = _item(meeting, 2)
    for key in ("chair", "council", "member_x"):
        with pytest.raises(NotAllowed):
            services.open_vote(item=item, acting_user=council.voters[key])
    with pytest.raises(DomainError):  # not open yet
        services.cast_ballot(item=item, choice="approve", acting_user=council.voters["chair"])
    item = services.open_vote(item=item, acting_user=council.voters["secretary"])
    with pytest.raises(DomainError):
        services.cast_ballot(item=item, choice="maybe", acting_user=council.voters["chair"])
    for role in ("officer_a", "head_a", "admin"):
        with pytest.raises(NotAllowed):
            services.cast_ballot(item=item, choice="approve",
                                 acting_user=council.world.users[role])
    with pytest.raises(NotAllowed):
        services.close_vote(item=item, acting_user=council.voters["chair"])
    assert Ballot.objects.count() == 0 and VoteReceipt.objects.count() == 0


@pytest.mark.django_db
def test_secret_ballot_rows_cannot_be_joined_to_a_member(council):
    columns = {c.name for c in connection.introspection.get_table_description(
        connection.cursor(), Ballot._meta.db_table)}
    assert columns == {"id", "item_id", "choice", "member_id"}  # no time, no sequence
    assert Ballot._meta.pk.get_internal_type() == "UUIDField"
    meeting = held_meeting(council)
    item = services.open_vote(item=_item(meeting, 1), acting_user=council.voters["secretary"])
    _vote_all(council, item, {"chair": "reject", "council": "approve"})
    assert list(Ballot.objects.filter(item=item).values_list("member_id", flat=True)) == \
        [None, None]
    receipt_fields = {f.name for f in VoteReceipt._meta.get_fields()}
    assert receipt_fields == {"id", "item", "member"}  # nothing pointing at a ballot
    from audit.models import AuditEvent

    for event in AuditEvent.objects.filter(verb="cast_ballot"):
        assert "choice" not in str(event.changes)
        assert event.content_type.model == "votereceipt"


@pytest.mark.django_db
def test_tally_of_the_database_state_equals_tally_case(council):
    from council.tally import tally

    meeting = held_meeting(council)
    item = services.open_vote(item=_item(meeting, 1), acting_user=council.voters["secretary"])
    _vote_all(council, item, {"chair": "approve", "member_x": "reject"})
    case = services.case_for(AgendaItem.objects.select_related(
        "meeting", "proposal_item__proposal__unit").get(pk=item.pk))
    got = tally(case)["items"][0]
    assert (got["approve"], got["reject"], got["invalid"], got["base"]) == (1, 1, 0, 4)
    assert got["excluded"] == [str(council.seats["member_a"].pk)]


@pytest.mark.django_db
def test_excluded_member_cannot_see_results(council):
    meeting = held_meeting(council)
    secretary = council.voters["secretary"]
    item = services.open_vote(item=_item(meeting, 2), acting_user=secretary)
    assert not council.voters["chair"].has_perm("council.view_results", item)
    item = services.close_vote(item=item, acting_user=secretary)
    assert council.voters["chair"].has_perm("council.view_results", item)
    assert not council.voters["member_a"].has_perm("council.view_results", item)
    assert council.world.users["standing"].has_perm("council.view_results", item)
    assert not council.world.users["officer_a"].has_perm("council.view_results", item)
    assert CouncilMember.objects.count() == 5
    assert Exclusion.objects.filter(item=item).count() == 1
    assert item.vote_state == VoteState.CLOSED
