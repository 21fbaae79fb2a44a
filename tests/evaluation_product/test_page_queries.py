"""The exemplar's evaluation page reads its evidence once: each query runs once, and the number
of queries does not grow with the number of evidence rows."""

import datetime
from collections import Counter

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from evaluation import evidence, services
from evaluation.models import Judgement, Proof
from tests.factories import ExemplarFactory

pytestmark = pytest.mark.django_db

# One row of each kind, the i-th of several (distinct years where a kind keeps one per year).
SAMPLES = {
    "ratings": lambda i: {"year": 2021 + i, "level": "tot", "decision": f"QĐ {i}"},
    "recognitions": lambda i: {"number": f"{i}/QĐ", "date": datetime.date(2024, 1, 1 + i),
                               "authority": "UBND tỉnh", "content": "Công nhận"},
    "cultural_family": lambda i: {"year": 2021 + i},
    "violations": lambda i: {"year": 2015 + i, "member_name": "Con", "kind": "traffic"},
    "cchc": lambda i: {"year": 2021 + i, "par_index": 90.0, "satisfaction": 96.0,
                       "overdue_dossiers": 0},
    "disciplines": lambda i: {"year": 2021 + i, "level": "khien_trach"},
    "cchc_initiative": lambda i: {"recognised": True, "note": f"Sáng kiến {i}"},
    "business": lambda i: {"year": 2021 + i, "metric": "revenue", "actual": 12.0, "plan": 10.0},
    "tax_arrears": lambda i: {"amount": 0.0, "as_of": datetime.date(2025, 1, 1 + i)},
    "production": lambda i: {"stable_since": 2015, "households_helped": 5 + i,
                             "jobs_created": 10},
    "charity": lambda i: {"number": f"C{i}", "date": None, "authority": "Hội Chữ thập đỏ"},
}
PNG = b"\x89PNG\r\n\x1a\n" + b"0" * 32


def test_every_kind_has_a_sample():
    assert set(SAMPLES) == set(evidence.BY_KIND)


def _fill(world, exemplar, rows: int) -> None:
    officer = world.users["officer_a"]
    for kind, sample in SAMPLES.items():
        for i in range(rows):
            services.add_evidence(exemplar=exemplar, kind=kind, values=sample(i),
                                  acting_user=officer)
    for i in range(rows):
        services.attach_proof(exemplar=exemplar, acting_user=officer,
                              upload=SimpleUploadedFile(f"anh-{i}.png", PNG))
        services.record_judgement(exemplar=exemplar, criterion_code=f"G{i + 1}", passed=True,
                                  note="", acting_user=world.users["standing"])


def _page_queries(client, world, exemplar) -> tuple[list[str], str]:
    client.force_login(world.users["officer_a"])
    url = reverse("evaluation:exemplar_evaluation", args=[exemplar.pk])
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return [q["sql"] for q in queries.captured_queries], response.content.decode()


@pytest.mark.parametrize("rows", [1, 3])
def test_each_query_of_the_page_runs_once(client, world, rows):
    _fill(world, world.exemplar_a, rows)
    sql, page = _page_queries(client, world, world.exemplar_a)
    assert [s for s, n in Counter(sql).items() if n > 1] == []
    tables = {t.model._meta.db_table for t in evidence.EVIDENCE_TYPES}
    tables |= {Proof._meta.db_table, Judgement._meta.db_table}
    for table in tables:  # every evidence table is read, exactly once
        assert sum(f'FROM "{table}"' in s for s in sql) == 1, table
    # the page shows what it read: every row of every kind, and the proofs
    assert page.count("/xoa/") == len(SAMPLES) * rows
    assert page.count(">anh-") == rows


def test_the_page_runs_the_same_queries_for_1_and_3_rows(client, world):
    other = ExemplarFactory(registration=world.registration_a, kind="individual", field_key="e")
    _fill(world, world.exemplar_a, 1)
    _fill(world, other, 3)
    one, one_page = _page_queries(client, world, world.exemplar_a)
    three, three_page = _page_queries(client, world, other)
    assert (one_page.count("/xoa/"), three_page.count("/xoa/")) == (len(SAMPLES), 3 * len(SAMPLES))
    assert len(one) == len(three)
    # session, user, whether the user has a second factor (accounts.mfa; a verified session
    # reads its device instead), exemplar, memberships, unread notifications; whether the evidence is
    # frozen (another sent registration about the same subject); the evidence read: links,
    # declarations, one query per evidence table and the proofs, judgements with their users; the
    # award history's links for G5 and M1 and the subjects matching an exemplar not linked yet
    # (evaluation.external); the figures of the province's published lists for its subject
    # (evaluation.lists)
    assert len(one) == 6 + 1 + 2 + len(evidence.EVIDENCE_TYPES) + 1 + 1 + 2 + 1 + 1
