"""An exemplar in a live proposal, or recognised by an issued decision, is not moved directly:
the page does not offer the step and the service refuses it with the reason, while the driving
services (council result, issue, revocation) move it."""

import pytest

from core.errors import DomainError
from decisions import services
from registry.enums import ExemplarState
from registry.models import Exemplar
from registry.selectors import exemplar_steps
from registry.services.lifecycle import transition_exemplar
from tests.decisions.helpers import ISSUED_ON, draft
from tests.world import world  # noqa: F401


@pytest.mark.django_db
def test_direct_steps_are_refused_while_a_proposal_or_a_decision_drives_them(world):  # noqa: F811
    standing = world.users["standing"]
    decision = draft(world, 1)
    exemplar = Exemplar.objects.get(pk=decision.entries.get().proposal_item.exemplar_id)
    assert exemplar.state == ExemplarState.PROPOSED
    assert "recognise" not in {t.name for t in exemplar_steps(exemplar, standing)}
    with pytest.raises(DomainError, match="đề nghị khen thưởng"):
        transition_exemplar(exemplar=exemplar, name="recognise", acting_user=standing)
    assert Exemplar.objects.get(pk=exemplar.pk).state == ExemplarState.PROPOSED

    services.issue_decision(decision=decision, issued_on=ISSUED_ON, acting_user=standing)
    exemplar.refresh_from_db()
    assert exemplar.state == ExemplarState.RECOGNISED
    assert "revoke" not in {t.name for t in exemplar_steps(exemplar, standing)}
    with pytest.raises(DomainError, match="1/QĐ-UBND"):
        transition_exemplar(exemplar=exemplar, name="revoke", acting_user=standing,
                            reason="Kê khai sai", legal_basis="Điều 94")
    exemplar.refresh_from_db()
    assert exemplar.state == ExemplarState.RECOGNISED

    decision.refresh_from_db()
    services.revoke_decision(decision=decision, reason="Kê khai sai", legal_basis="Điều 94",
                             acting_user=standing)
    exemplar.refresh_from_db()
    assert exemplar.state == ExemplarState.REVOKED
