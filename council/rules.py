"""Who may do what in the council.

* The standing office manages the seats (members) and the meetings (create, edit, agenda,
  attendance); the meeting's secretary may also record attendance and declared conflicts.
* **The secretary of a meeting** is the user of the meeting's secretary seat
  (``Meeting.secretary.user``), a standing office user: only they open and close the votes and
  close the meeting.
* A member casts their **own** ballot: the user of a seat valid on the meeting's date, marked
  present, not excluded from the item, while its vote is open.
* The standing office, council members (the role or a current seat) and the system
  administrator read the council's pages; the results of an item only once its vote is closed,
  and never the member excluded from that item.
"""

import datetime

import rules

from accounts.rules import is_council_member, is_standing_office, is_system_admin


def seats_of(user, day: datetime.date):
    """The user's seats valid on ``day`` (a queryset)."""
    from council.models import CouncilMember
    from council.selectors import valid_on

    if not getattr(user, "is_authenticated", False):
        return CouncilMember.objects.none()
    return valid_on(CouncilMember.objects.filter(user=user), day)


def _meeting(obj):
    from council.models import AgendaItem

    return obj.meeting if isinstance(obj, AgendaItem) else obj


@rules.predicate
def has_current_seat(user) -> bool:
    return seats_of(user, datetime.date.today()).exists()


@rules.predicate
def is_meeting_secretary(user, obj) -> bool:
    meeting = _meeting(obj) if obj is not None else None
    return (meeting is not None and meeting.secretary_id is not None
            and getattr(user, "pk", None) is not None
            and meeting.secretary.user_id == user.pk)


@rules.predicate
def meeting_not_closed(user, obj) -> bool:
    from council.models import MeetingState

    meeting = _meeting(obj) if obj is not None else None
    return meeting is not None and meeting.state != MeetingState.CLOSED


@rules.predicate
def sits_on_meeting(user, obj) -> bool:
    meeting = _meeting(obj) if obj is not None else None
    return meeting is not None and seats_of(user, meeting.held_on).exists()


@rules.predicate
def may_cast(user, item) -> bool:
    """A seat of the user, present at the item's meeting, not excluded, the vote open."""
    from council.models import Attendance, Exclusion, VoteState

    if item is None or item.vote_state != VoteState.OPEN:
        return False
    seats = set(seats_of(user, item.meeting.held_on).values_list("pk", flat=True))
    if not seats:
        return False
    present = set(Attendance.objects.filter(meeting_id=item.meeting_id, member_id__in=seats,
                                            present=True).values_list("member_id", flat=True))
    excluded = set(Exclusion.objects.filter(item=item, member_id__in=seats)
                   .values_list("member_id", flat=True))
    return bool(present - excluded)


@rules.predicate
def excluded_from(user, item) -> bool:
    from council.models import Exclusion

    if item is None or getattr(user, "pk", None) is None:
        return False
    return Exclusion.objects.filter(item=item, member__user=user).exists()


@rules.predicate
def vote_closed(user, item) -> bool:
    from council.models import VoteState

    return item is not None and item.vote_state == VoteState.CLOSED


reads_council = is_standing_office | is_council_member | is_system_admin | has_current_seat

rules.add_perm("council.view_council", reads_council)
rules.add_perm("council.manage_members", is_standing_office)
rules.add_perm("council.create_meeting", is_standing_office)
rules.add_perm("council.change_meeting", is_standing_office & meeting_not_closed)
rules.add_perm("council.record_attendance",
               (is_standing_office | is_meeting_secretary) & meeting_not_closed)
rules.add_perm("council.record_conflict",
               (is_standing_office | is_meeting_secretary) & meeting_not_closed)
rules.add_perm("council.declare_own_conflict", sits_on_meeting & meeting_not_closed)
# The secretary comes from the standing office (issue #13): closing a vote moves exemplars
# (registry.decide_exemplar is the standing office's).
# The conflict form of an item: the member for themselves, or the secretary / standing office.
rules.add_perm("council.declare_conflict", (is_standing_office | is_meeting_secretary
                                            | sits_on_meeting) & meeting_not_closed)
rules.add_perm("council.run_vote", is_meeting_secretary & is_standing_office & meeting_not_closed)
rules.add_perm("council.close_meeting",
               is_meeting_secretary & is_standing_office & meeting_not_closed)
rules.add_perm("council.cast_ballot", may_cast)
rules.add_perm("council.view_results", (reads_council | sits_on_meeting) & vote_closed
               & ~excluded_from)
rules.add_perm("council.export_minutes", is_standing_office | is_meeting_secretary
               | is_system_admin)
