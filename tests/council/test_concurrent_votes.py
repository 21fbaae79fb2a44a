"""A member pressing "Gửi phiếu" twice at once, and a close racing the last ballots: one receipt
and one ballot per member, and a closed vote counts every ballot it accepted.

PostgreSQL only: each thread has its own connection and transaction, as simultaneous requests
do (SQLite serialises every write, so it cannot show the race).
"""

import pytest
from django.db import connection

from core.errors import DomainError
from council import services
from council.models import AgendaItem, Ballot, VoteReceipt
from tests.council.helpers import build_council, held_meeting
from tests.registry.test_concurrent_numbering import _run_together
from tests.world import build_world

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs concurrent writers"),
]


def _open_item():
    c = build_council(build_world())
    meeting = held_meeting(c)
    item = services.open_vote(item=AgendaItem.objects.get(meeting=meeting, position=2),
                              acting_user=c.voters["secretary"])
    return c, item.pk


def test_the_same_member_voting_eight_times_at_once_counts_once():
    c, item_id = _open_item()
    refused = []

    def job():
        try:
            services.cast_ballot(item=AgendaItem.objects.get(pk=item_id), choice="approve",
                                 acting_user=c.voters["chair"])
        except DomainError as error:
            refused.append(error)

    assert _run_together([job] * 8) == []
    assert len(refused) == 7
    assert VoteReceipt.objects.filter(item_id=item_id).count() == 1
    assert Ballot.objects.filter(item_id=item_id).count() == 1


def test_close_racing_ballots_counts_what_it_accepted():
    c, item_id = _open_item()
    voters = ["chair", "council", "member_x", "secretary"]

    def vote(key):
        def job():
            try:
                services.cast_ballot(item=AgendaItem.objects.get(pk=item_id), choice="approve",
                                     acting_user=c.voters[key])
            except DomainError:
                pass  # the vote closed first
        return job

    def close():
        services.close_vote(item=AgendaItem.objects.get(pk=item_id),
                            acting_user=c.voters["secretary"])

    assert _run_together([*(vote(k) for k in voters), close]) == []
    item = AgendaItem.objects.get(pk=item_id)
    assert item.vote_state == "closed"
    assert item.result["approve"] == Ballot.objects.filter(item_id=item_id).count() == \
        VoteReceipt.objects.filter(item_id=item_id).count()
