"""Evidence and reviewers' judgements for part of the demo, through the evaluation services,
so the checklists show every status: eligible, not eligible, missing evidence, awaiting."""

import datetime
import random

from evaluation import services as evaluation
from registry.models import Exemplar

YEARS = range(2021, 2026)  # the five years Y-4…Y of the 2533 campaign (Y = 2025)


def _ratings(rng: random.Random, *, strong: bool) -> list[str]:
    levels = ["xuat_sac", "tot"] if strong else ["tot", "hoan_thanh"]
    chosen = [rng.choice(levels) for _ in YEARS]
    if strong and "xuat_sac" not in chosen:
        chosen[-1] = "xuat_sac"
    return chosen


def add_demo_evidence(*, officer_of, reviewer, rng: random.Random, registrations: list[int]) -> int:
    """Evidence for individuals and collectives of ``registrations`` (still drafts: the unit
    enters its evidence before sending; the registrations to be sent are passed)."""
    done = 0
    exemplars = (Exemplar.objects.select_related("registration__unit", "registration__campaign")
                 .filter(registration__in=registrations)
                 .order_by("pk"))
    for index, exemplar in enumerate(exemplars):
        officer = officer_of(exemplar.registration.unit)
        if officer is None or exemplar.kind not in ("individual", "collective"):
            continue
        strong = index % 3 != 2
        evaluation.set_rated(exemplar=exemplar, rated=True, acting_user=officer)
        for year, level in zip(YEARS, _ratings(rng, strong=strong), strict=True):
            if not strong and year == 2022:
                continue  # a missing year: the checklist says which one
            evaluation.add_evidence(exemplar=exemplar, kind="ratings", acting_user=officer,
                                    values={"year": year, "level": level,
                                            "decision": f"Quyết định xếp loại năm {year}"})
        if exemplar.field_key == "k" and exemplar.kind == "collective":
            for year, par, satisfaction in [(2024, 86.4, 96.1), (2025, 88.2, 97.3)]:
                evaluation.add_evidence(exemplar=exemplar, kind="cchc", acting_user=officer,
                                        values={"year": year, "par_index": par,
                                                "satisfaction": satisfaction,
                                                "overdue_dossiers": 0})
        if index % 2 == 0:
            for code in ("G1", "G2", "G3", f"F-{exemplar.field_key}"):
                evaluation.record_judgement(
                    exemplar=exemplar, criterion_code=code, passed=True, acting_user=reviewer,
                    note="Đã thẩm định hồ sơ và xác minh tại đơn vị.",
                )
        if done == 0:
            _correct(exemplar, reviewer)
            _attach_decision(exemplar, officer)
        done += 1
    return done


def add_standing_office_record(*, standing) -> None:
    """A recognition the standing office verified and entered on a received registration: the
    unit sees it marked as the standing office's and cannot change it."""
    exemplar = (Exemplar.objects.select_related("registration__unit", "registration__campaign")
                .filter(registration__state="received", kind="individual").order_by("pk").first())
    if exemplar is None:
        return
    evaluation.add_evidence(exemplar=exemplar, kind="recognitions", acting_user=standing,
                            values={"number": "1520/QĐ-UBND", "date": datetime.date(2024, 9, 12),
                                    "authority": "Ủy ban nhân dân tỉnh",
                                    "content": "Bằng khen có thành tích xuất sắc"})


def _correct(exemplar: Exemplar, reviewer) -> None:
    """A corrected rating and a revised judgement: the exemplar's history shows both as edits
    ("Sửa"), old → new."""
    evaluation.add_evidence(exemplar=exemplar, kind="ratings", acting_user=reviewer,
                            values={"year": 2024, "level": "xuat_sac",
                                    "decision": "Quyết định xếp loại năm 2024 (đính chính)"})
    evaluation.record_judgement(exemplar=exemplar, criterion_code="G1", passed=False,
                                acting_user=reviewer, note="Chờ xác minh thêm ý kiến khu dân cư.")
    evaluation.record_judgement(exemplar=exemplar, criterion_code="G1", passed=True,
                                acting_user=reviewer, note="Đã xác minh; gương mẫu tại nơi cư trú.")


def _attach_decision(exemplar: Exemplar, officer) -> None:
    """A scanned decision as a proof: stored privately under a random name, listed under its
    original name, downloaded through the permission-checked view."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    pdf = (b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]"
           b"/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n")
    evaluation.attach_proof(
        exemplar=exemplar, acting_user=officer,
        upload=SimpleUploadedFile("Quyết định khen thưởng năm 2024.pdf", pdf, "application/pdf"))
