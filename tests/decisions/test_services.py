"""Drafting, editing, issuing (numbers, award records, recognition), revocation."""

import datetime

import pytest
from django.core.management import call_command

from awards.models import AwardRecord
from core.errors import DomainError, NotAllowed, StaleVersion
from decisions import services
from decisions.models import Authority, Decision, DecisionState, NumberRegister
from proposals.models import ItemOutcome
from registry.models import Exemplar
from tests.decisions.helpers import ISSUED_ON, SIGNER, authority, draft, form, passed_items
from tests.world import world  # noqa: F401  (fixture)

pytestmark = pytest.mark.django_db


def test_load_authorities_is_idempotent(capsys):
    call_command("load_authorities")
    first = list(Authority.objects.order_by("code").values())
    call_command("load_authorities")
    assert list(Authority.objects.order_by("code").values()) == first
    assert "không đổi: 2" in capsys.readouterr().out
    province = Authority.objects.get(code="ct-ubnd-tinh")
    assert province.issuing_body == "ỦY BAN NHÂN DÂN TỈNH LAI CHÂU"
    assert province.symbol == "QĐ-UBND"
    assert province.signature_block == "TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH"
    assert "KT. CHỦ TỊCH" in "\n".join(province.signature_choices)
    assert province.default_recipients.startswith("Như Điều 3;")
    assert Authority.objects.get(code="gd-snv").symbol == "QĐ-SNV"


def test_draft_takes_the_defaults(world):  # noqa: F811
    decision = draft(world, 2)
    assert decision.state == DecisionState.DRAFT and decision.number is None
    assert decision.form.name == "Công nhận điển hình tiên tiến"
    assert decision.subject.startswith("Về việc công nhận điển hình tiên tiến")
    lines = decision.legal_basis.splitlines()
    assert lines[0] == "Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;"
    assert "Căn cứ Luật Thi đua, khen thưởng số 06/2022/QH15;" in lines  # award and pack, once
    assert sum("06/2022/QH15" in line for line in lines) == 1
    assert any("1526/QĐ-TTg" in line for line in lines)  # the guidance pack's
    assert decision.proposal_text.startswith("Xét đề nghị của Giám đốc Sở Nội vụ")
    assert decision.signature_block == "TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH"
    entries = list(decision.entries.all())
    assert entries[0].name == "Đặng Thị Mai"
    assert entries[1].description == "Bác sĩ, Bệnh viện Thử"


def test_draft_refuses_items_not_passed_or_taken_or_mixed(world):  # noqa: F811
    items = passed_items(world, 2)
    standing = world.users["standing"]
    services.create_draft(authority=authority(), items=items[:1], acting_user=standing)
    with pytest.raises(DomainError, match="quyết định khác"):
        services.create_draft(authority=authority(), items=items, acting_user=standing)
    other = form("bang-khen", "Bằng khen")
    items[1].form = other
    items[1].save()
    with pytest.raises(DomainError, match="không phải hình thức"):
        services.create_draft(authority=authority(), items=[items[1]],
                              form=form(), acting_user=standing)
    items[1].outcome = ItemOutcome.PENDING
    items[1].save()
    with pytest.raises(DomainError, match="Hội đồng thông qua"):
        services.create_draft(authority=authority(), items=[items[1]], acting_user=standing)
    with pytest.raises(NotAllowed):
        services.create_draft(authority=authority(), items=items[:1],
                              acting_user=world.users["officer_a"])


def test_edit_is_version_checked_and_delete_keeps_items(world):  # noqa: F811
    decision = draft(world, 2)
    standing = world.users["standing"]
    edited = services.update_draft(decision=decision, expected_version=decision.version,
                                   signer_name="  Nguyễn Văn Hà ", acting_user=standing)
    assert edited.signer_name == "Nguyễn Văn Hà" and edited.version == 2
    with pytest.raises(StaleVersion):
        services.update_draft(decision=decision, expected_version=1, subject="X",
                              acting_user=standing)
    entry = edited.entries.last()
    services.remove_entry(decision=edited, entry_id=entry.pk, expected_version=2,
                          acting_user=standing)
    assert Decision.objects.get(pk=decision.pk).entries.count() == 1
    services.delete_draft(decision=edited, acting_user=standing)
    assert not Decision.objects.exists()
    assert all(i.outcome == ItemOutcome.PASSED for i in
               __import__("proposals.models", fromlist=["ProposalItem"]).ProposalItem.objects.all())


def test_issue_numbers_records_and_recognises(world):  # noqa: F811
    decision = draft(world, 2)
    issued = services.issue_decision(decision=decision, issued_on=ISSUED_ON,
                                     acting_user=world.users["standing"])
    assert (issued.state, issued.number, issued.year) == (DecisionState.ISSUED, 1, 2026)
    assert issued.reference == "1/QĐ-UBND"
    records = AwardRecord.objects.order_by("pk")
    assert [r.decision_number for r in records] == ["1/QĐ-UBND", "1/QĐ-UBND"]
    assert records[0].issuer == "Chủ tịch Ủy ban nhân dân tỉnh Lai Châu"
    assert records[0].decision_date == ISSUED_ON and records[0].field_key == "e"
    assert {e.record_id for e in issued.entries.all()} == {r.pk for r in records}
    assert Exemplar.objects.get(pk=world.exemplar_a.pk).state == "recognised"
    # the next decision of the same authority and year takes 2
    second = draft(world, 1, award=form("bang-khen", "Bằng khen"), with_a=False)
    assert services.issue_decision(decision=second, issued_on=ISSUED_ON,
                                   acting_user=world.users["standing"]).number == 2
    # immutable once issued
    with pytest.raises((DomainError, NotAllowed)):
        services.update_draft(decision=issued, expected_version=issued.version, subject="Khác",
                              acting_user=world.users["standing"])
    with pytest.raises((DomainError, NotAllowed)):
        services.issue_decision(decision=issued, issued_on=ISSUED_ON,
                                acting_user=world.users["admin"])
    with pytest.raises(DomainError):
        services.update_draft(decision=issued, expected_version=issued.version, subject="Khác",
                              acting_user=world.users["admin"])


def test_failed_issue_gives_the_number_back(world):  # noqa: F811
    award = form("ccc", "Bằng khen tập thể", kinds=["individual"])
    bad = draft(world, 1, award=award)
    award.subject_kinds = ["collective"]  # changed in the catalogue since the draft
    award.save()
    with pytest.raises(DomainError, match="không áp dụng"):
        services.issue_decision(decision=bad, issued_on=ISSUED_ON,
                                acting_user=world.users["standing"])
    bad.refresh_from_db()
    assert bad.state == DecisionState.DRAFT and bad.number is None
    assert not NumberRegister.objects.filter(last_number__gt=0).exists()
    assert not AwardRecord.objects.exists()
    assert Exemplar.objects.get(pk=world.exemplar_a.pk).state == "proposed"
    good = draft(world, 1, award=form(), with_a=False)  # exemplar_a is in the bad draft
    assert services.issue_decision(decision=good, issued_on=ISSUED_ON,
                                   acting_user=world.users["standing"]).number == 1


def test_issue_refuses_future_dates_and_missing_signer(world):  # noqa: F811
    decision = draft(world, 1)
    with pytest.raises(DomainError, match="sau hôm nay"):
        services.issue_decision(decision=decision, issued_on=datetime.date(2099, 1, 1),
                                acting_user=world.users["standing"])
    services.update_draft(decision=decision, expected_version=1, signer_name="",
                          acting_user=world.users["standing"])
    with pytest.raises(DomainError, match="người ký"):
        services.issue_decision(decision=decision, issued_on=ISSUED_ON,
                                acting_user=world.users["standing"])
    assert not NumberRegister.objects.filter(last_number__gt=0).exists()


def test_revoke_keeps_the_decision_and_marks_everything(world):  # noqa: F811
    decision = services.issue_decision(decision=draft(world, 2), issued_on=ISSUED_ON,
                                       acting_user=world.users["standing"])
    with pytest.raises(DomainError, match="căn cứ"):
        services.revoke_decision(decision=decision, reason="Sai sót", legal_basis="",
                                 acting_user=world.users["standing"])
    revoked = services.revoke_decision(
        decision=decision, reason="Phát hiện kê khai không trung thực",
        legal_basis="Điều 94 Luật Thi đua, khen thưởng", acting_user=world.users["standing"])
    assert revoked.state == DecisionState.REVOKED and revoked.number == 1
    assert revoked.revoke_legal_basis == "Điều 94 Luật Thi đua, khen thưởng"
    assert AwardRecord.objects.filter(revoked_at__isnull=False).count() == 2
    exemplar = Exemplar.objects.get(pk=world.exemplar_a.pk)
    assert exemplar.state == "revoked" and exemplar.legal_basis == revoked.revoke_legal_basis
    with pytest.raises(DomainError):
        services.revoke_decision(decision=revoked, reason="Lần hai", legal_basis="X",
                                 acting_user=world.users["admin"])


def test_issue_notifies_the_proposing_unit(world, django_capture_on_commit_callbacks):  # noqa: F811
    from accounts.models import Notification

    decision = draft(world, 1)
    with django_capture_on_commit_callbacks(execute=True):
        services.issue_decision(decision=decision, issued_on=ISSUED_ON,
                                acting_user=world.users["standing"])
    told = Notification.objects.filter(user__in=[world.users["officer_a"], world.users["head_a"]],
                                       message__contains="1/QĐ-UBND")
    assert told.count() == 2
    assert SIGNER  # the helper's signer is on the draft


def test_draft_from_a_meeting_names_only_what_it_passed(client, world):  # noqa: F811
    from django.urls import reverse

    from council.models import AgendaItem, Meeting

    items = passed_items(world, 2)
    meeting = Meeting.objects.create(title="Phiên họp tháng 11", held_on=ISSUED_ON,
                                     campaign=world.campaign)
    AgendaItem.objects.create(meeting=meeting, proposal_item=items[0], status="passed")
    AgendaItem.objects.create(meeting=meeting, proposal_item=items[1], status="rejected",
                              position=2)
    with pytest.raises(DomainError, match="phiên họp"):
        services.create_draft(authority=authority(), items=items, meeting=meeting,
                              acting_user=world.users["standing"])
    client.force_login(world.users["standing"])
    page = client.get(reverse("decisions:decision_create") + f"?meeting={meeting.pk}")
    text = page.content.decode()
    assert "Phiên họp tháng 11" in text and items[0].exemplar.name in text
    assert items[1].exemplar.name not in text
    client.post(reverse("decisions:decision_create") + f"?meeting={meeting.pk}",
                {"authority": authority().pk, "items": [items[0].pk],
                 "signer_name": SIGNER})
    assert Decision.objects.get().meeting == meeting
