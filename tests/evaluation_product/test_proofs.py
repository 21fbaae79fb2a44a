import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from core.errors import DomainError
from evaluation import services
from evaluation.models import Proof

pytestmark = pytest.mark.django_db


def test_pdf_proof_is_kept_with_its_kind(world):
    upload = SimpleUploadedFile("qd.pdf", b"%PDF-1.7\n...", content_type="application/pdf")
    proof = services.attach_proof(exemplar=world.exemplar_a, upload=upload,
                                  acting_user=world.users["officer_a"])
    assert (proof.kind, proof.original_name) == ("pdf", "qd.pdf")


def test_a_renamed_executable_is_refused(world):
    upload = SimpleUploadedFile("anh.png", b"MZ\x90\x00 not an image", content_type="image/png")
    with pytest.raises(DomainError, match="PDF hoặc ảnh"):
        services.attach_proof(exemplar=world.exemplar_a, upload=upload,
                              acting_user=world.users["officer_a"])
    assert not Proof.objects.exists()


def test_a_proof_over_ten_megabytes_is_refused(world):
    upload = SimpleUploadedFile("lon.pdf", b"%PDF-" + b"0" * (10 * 1024 * 1024))
    with pytest.raises(DomainError, match="10 MB"):
        services.attach_proof(exemplar=world.exemplar_a, upload=upload,
                              acting_user=world.users["officer_a"])


def test_evidence_is_reused_when_the_person_is_registered_again(world):
    from evaluation.selectors import cases_for
    from tests.factories import CampaignFactory, ExemplarFactory, RegistrationFactory

    services.add_evidence(exemplar=world.exemplar_a, kind="ratings",
                          values={"year": 2025, "level": "tot"},
                          acting_user=world.users["officer_a"])
    later = CampaignFactory(code="2533-2026-2030", proposal_year=2030)
    again = ExemplarFactory(registration=RegistrationFactory(campaign=later, unit=world.unit_a),
                            name="Đặng  Thị Mai", field_key="e")
    services.get_or_create_subject(again)
    assert cases_for([again])[again.pk].ratings == {2025: "tot"}
