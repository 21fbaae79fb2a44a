"""What the replication tests build on the shared world (tests/world.py): the exemplar of
unit B (a commune) made recognised, an adoption of exemplar A by unit B."""

import datetime

START = datetime.date(2026, 3, 1)


def recognised_b(w):
    from registry.enums import ExemplarState
    from registry.models import Exemplar

    exemplar = Exemplar.objects.get(registration=w.registration_b)
    Exemplar.objects.filter(pk=exemplar.pk).update(state=ExemplarState.RECOGNISED)
    exemplar.refresh_from_db()
    return exemplar


def adoption_b(w):
    """Unit B (a commune) adopts exemplar A (recorded by the standing office), idempotent."""
    from replication.models import Adoption
    from replication.services import record_adoption

    found = Adoption.objects.filter(exemplar=w.exemplar_a, unit=w.unit_b).first()
    return found or record_adoption(exemplar=w.exemplar_a, unit=w.unit_b, started_on=START,
                                    scale={"households": 40}, acting_user=w.users["standing"])


def adoption_row(w):
    from replication.models import Adoption

    return Adoption.objects.filter(exemplar=w.exemplar_a, unit=w.unit_b).values(
        "started_on", "ended_on", "scale", "notes", "version").first()


def evidence_b(w):
    """A result of unit B's adoption with one PDF as evidence; its id."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from replication.services import add_result
    from tests.registry_signed.pdfs import blank_pdf

    result = add_result(adoption=adoption_b(w), on=datetime.date(2026, 6, 1), text="Kết quả",
                        uploads=[SimpleUploadedFile("bien-ban.pdf", blank_pdf(b"Bien ban"),
                                                    "application/pdf")],
                        acting_user=w.users["standing"])
    return result.evidence.get().pk
