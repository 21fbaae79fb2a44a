"""The shipped pack keeps to the criteria contract the engine tests pin (``packdata``)."""

import pytest

from evaluation.engine import Evaluator, Status
from tests.evaluation.helpers import Y, case
from tests.evaluation.packdata import make_pack


def _contract(pack) -> dict:
    return {c.code: (c.group, sorted(c.kinds), c.fields, c.rated, c.measure, c.params)
            for c in pack.criteria}


@pytest.fixture(scope="module")
def shipped():
    loading = pytest.importorskip("guidance.loading")
    path = loading.shipped_pack_path()
    if not path.exists():
        pytest.skip("the shipped pack is not written yet")
    return loading.read_pack_file(path)


def test_shipped_pack_has_the_contract_criteria(shipped):
    assert _contract(shipped) == _contract(make_pack())


def test_shipped_pack_has_the_contract_scales(shipped):
    contract = make_pack()
    assert {(lv.key, lv.rank) for lv in shipped.ratings} == {
        (lv.key, lv.rank) for lv in contract.ratings}
    assert {(lv.key, lv.rank) for lv in shipped.disciplines} == {
        (lv.key, lv.rank) for lv in contract.disciplines}


def test_shipped_pack_evaluates_a_household(shipped):
    verdict = Evaluator(shipped).evaluate(case(
        kind="household", field="n", cultural_family_years=list(range(Y - 4, Y + 1)),
        violations=[], household_production={"stable_since": Y - 2, "households_helped": 2,
                                             "jobs_created": 5},
        judgements={"G1": True, "G2": True, "G3": True, "F-n": True}))
    assert [(r.code, r.status) for r in verdict.criteria] == [
        (code, Status.PASS) for code in ("G1", "G2", "G3", "G6", "F-n", "N3", "N4", "N5")]
    assert verdict.eligible is True
