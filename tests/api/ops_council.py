"""The council: who may do what with a token — the web's answers. Readers are the standing
office, council members and the administrator; a member casts their own ballot (the standing
office user is the secretary seat, the council user a member, both present); the secretary
opens and closes votes (the administrator, a superuser, passes every permission)."""

from council.models import AgendaItem, Ballot
from tests.api.spec import Change, Read, only

READERS = ("standing", "council", "admin")


def _meeting(w):
    from tests.council.helpers import build_council, held_meeting

    c = build_council(w)
    return c, held_meeting(c)


def _item(w, *, state="pending", position=2):
    from council import services

    c, meeting = _meeting(w)
    item = AgendaItem.objects.get(meeting=meeting, position=position)
    if state in ("open", "closed"):
        item = services.open_vote(item=item, acting_user=c.voters["secretary"])
        services.cast_ballot(item=item, choice="approve", acting_user=c.voters["chair"])
    if state == "closed":
        item = services.close_vote(item=item, acting_user=c.voters["secretary"])
    return item


def _latest(w):
    return AgendaItem.objects.order_by("-pk").first()


OPERATIONS = {
    ("GET", "/council/members"): Read(lambda w: "/council/members", only(*READERS, denied=403)),
    ("GET", "/council/rules"): Read(lambda w: "/council/rules", only(*READERS, denied=403)),
    ("GET", "/council/meetings"): Read(lambda w: "/council/meetings",
                                       only(*READERS, denied=403)),
    ("GET", "/council/meetings/{meeting_id}"): Read(
        lambda w: f"/council/meetings/{_meeting(w)[1].pk}", only(*READERS, denied=403)),
    ("GET", "/council/items/{item_id}"): Read(
        lambda w: f"/council/items/{_item(w).pk}", only(*READERS, denied=403)),
    ("GET", "/council/items/{item_id}/result"): Read(
        lambda w: f"/council/items/{_item(w, state='closed').pk}/result",
        only(*READERS, denied=403)),
    ("POST", "/council/items/{item_id}/ballot"): Change(
        lambda w: f"/council/items/{_item(w, state='open').pk}/ballot", ("standing", "council"),
        lambda w: Ballot.objects.count(), body=lambda w: {"choice": "abstain"}),
    ("POST", "/council/items/{item_id}/open"): Change(
        lambda w: f"/council/items/{_item(w).pk}/open", ("standing", "admin"),
        lambda w: _latest(w) and _latest(w).vote_state),
    ("POST", "/council/items/{item_id}/close"): Change(
        lambda w: f"/council/items/{_item(w, state='open').pk}/close", ("standing", "admin"),
        lambda w: _latest(w) and _latest(w).vote_state),
}
