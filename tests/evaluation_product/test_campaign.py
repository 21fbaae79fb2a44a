import io
import json

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from evaluation import selectors, services
from evaluation.evidence import EvidenceKind
from registry.models import Exemplar
from tests.factories import ExemplarFactory

pytestmark = pytest.mark.django_db


def _fail_g4(world) -> None:
    services.add_evidence(exemplar=world.exemplar_a, kind=EvidenceKind.RATINGS,
                          values={"year": 2024, "level": "khong_hoan_thanh"},
                          acting_user=world.users["officer_a"])


def test_campaign_table_filters_by_verdict(client, world):
    _fail_g4(world)
    client.force_login(world.users["standing"])
    url = reverse("evaluation:campaign_evaluation", args=[world.campaign.code])
    failing = client.get(url, {"outcome": "not_eligible"}).content.decode()
    assert "Đặng Thị Mai" in failing and "Lò Văn Thắng" not in failing
    missing = client.get(url, {"outcome": "missing_evidence"}).content.decode()
    assert "Đặng Thị Mai" not in missing
    assert "Lò Văn Thắng" in missing and "Khoa Nội" in missing
    by_unit = client.get(url, {"unit": world.unit_b.pk}).content.decode()
    assert "Lò Văn Thắng" in by_unit and "Khoa Nội" not in by_unit


def test_campaign_export_contains_the_filtered_rows(client, world):
    from openpyxl import load_workbook

    _fail_g4(world)
    client.force_login(world.users["council"])
    url = reverse("evaluation:campaign_evaluation_xlsx", args=[world.campaign.code])
    response = client.get(url, {"outcome": "not_eligible"})
    # streamed from a temporary file (the table's rows are never all in memory)
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    rows = [[c.value for c in row] for row in sheet.iter_rows(min_row=3)]
    assert len(rows) == 1
    assert rows[0][0] == "Sở Y tế Thử" and rows[0][2] == "Đặng Thị Mai"
    assert rows[0][4] == "Không đủ tiêu chuẩn" and "G4" in rows[0][5]


@pytest.mark.parametrize("role", ["officer_a", "officer_b", "head_a"])
def test_campaign_table_is_for_standing_office_and_council(client, world, role):
    client.force_login(world.users[role])
    url = reverse("evaluation:campaign_evaluation", args=[world.campaign.code])
    assert client.get(url).status_code == 403


def _with_evidence(world, n: int) -> list[Exemplar]:
    officer = world.users["officer_a"]
    made = [ExemplarFactory(registration=world.registration_a, field_key="n") for _ in range(n)]
    for exemplar in made:
        for kind, values in [
            (EvidenceKind.RATINGS, {"year": 2025, "level": "tot"}),
            (EvidenceKind.RECOGNITIONS, {"number": "12/QĐ", "authority": "UBND tỉnh"}),
            (EvidenceKind.BUSINESS, {"year": 2025, "metric": "revenue", "actual": 5, "plan": 4}),
            (EvidenceKind.DISCIPLINES, {"year": 2025, "level": "khien_trach"}),
        ]:
            services.add_evidence(exemplar=exemplar, kind=kind, values=values, acting_user=officer)
        services.record_judgement(exemplar=exemplar, criterion_code="G1", passed=True, note="",
                                  acting_user=world.users["standing"])
    ids = [e.pk for e in made]
    return list(Exemplar.objects.filter(pk__in=ids).select_related("registration__campaign"))


def test_loader_query_count_does_not_grow_with_exemplars(world):
    one, ten = _with_evidence(world, 1), _with_evidence(world, 10)
    counts = []
    for batch in (one, ten):
        with CaptureQueriesContext(connection) as queries:
            cases = selectors.cases_for(batch)
        counts.append(len(queries))
        assert all(case.ratings == {2025: "tot"} for case in cases.values())
        assert all(case.judgements["G1"].passed for case in cases.values())
    assert counts[0] == counts[1]


def test_evaluate_command_prints_json_lines(world):
    _fail_g4(world)
    out = io.StringIO()
    call_command("evaluate", "--campaign", world.campaign.code, "--json", stdout=out)
    records = {r["name"]: r for r in map(json.loads, out.getvalue().splitlines())}
    assert set(records) == {"Đặng Thị Mai", "Khoa Nội", "Lò Văn Thắng"}
    mai = records["Đặng Thị Mai"]
    assert mai["eligible"] is False and mai["outcome"] == "not_eligible"
    g4 = next(c for c in mai["criteria"] if c["code"] == "G4")
    assert g4["status"] == "fail" and "2024" in g4["reason"]


def test_evaluate_command_plain_output_ends_with_a_summary(world):
    out = io.StringIO()
    call_command("evaluate", "--campaign", world.campaign.code, "--batch-size", "1", stdout=out)
    lines = out.getvalue().splitlines()
    assert len(lines) == 4
    assert lines[-1].startswith("Tổng 3: ")
