"""``council.tally`` and ``manage.py tally_case``: the contract of issue #13, item 6.

Not marked ``django_db``: the tally and the command never touch the database.
"""

import copy
import json
import os
import subprocess
import sys
from fractions import Fraction
from io import StringIO

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from hypothesis import given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from council.tally import MalformedCase, parse_fraction, tally


def member(i, unit="u-other", person=None):
    return {"id": f"m{i}", "unit": unit, "person": person or f"p{i}"}


def case(*, quorum="2/3", threshold="1/2", basis="members", strict=False, secret=True,
         members=None, present=None, items=None):
    members = members if members is not None else [member(i) for i in range(1, 6)]
    return {"rule": {"quorum": quorum, "threshold": threshold, "basis": basis,
                     "strict": strict, "secret": secret},
            "members": members,
            "present": present if present is not None else [m["id"] for m in members],
            "items": items if items is not None else []}


def item(ballots, *, id="i1", unit="u-prop", ancestors=(), subject=None, declared=()):
    return {"id": id, "unit": unit, "unit_ancestors": list(ancestors), "subject_person": subject,
            "declared_conflicts": list(declared), "ballots": ballots}


def one(data) -> dict:
    return tally(data)["items"][0]


def votes(**by):
    return {k: v for k, v in by.items()}


# ---- quorum ----------------------------------------------------------------------------

def test_quorum_is_present_over_members_at_least_the_fraction():
    got = tally(case(present=["m1", "m2", "m3", "m4"], quorum="4/5",
                     items=[item(votes(m1="approve"))]))
    assert (got["quorum"], got["present"], got["members"]) == (True, 4, 5)
    got = tally(case(present=["m1", "m2", "m3"], quorum="4/5", items=[item({})]))
    assert got["quorum"] is False
    assert got["items"][0]["status"] == "no_quorum"


def test_quorum_exactly_two_thirds_is_met_no_floats():
    members = [member(i) for i in range(1, 4)]
    got = tally(case(members=members, present=["m1", "m2"], quorum="2/3"))
    assert got["quorum"] is True   # 2/3 >= 2/3 exactly (0.666… would be fragile)
    got = tally(case(members=[member(i) for i in range(1, 301)],
                     present=[f"m{i}" for i in range(1, 200)], quorum="2/3"))
    assert got["quorum"] is False  # 199/300 < 2/3


def test_without_quorum_every_item_is_no_quorum_but_counts_are_kept():
    got = tally(case(present=["m1"], items=[item(votes(m1="approve"), id="a"),
                                              item(votes(m1="reject"), id="b")]))
    assert [i["status"] for i in got["items"]] == ["no_quorum", "no_quorum"]
    assert got["items"][0]["approve"] == 1 and got["items"][1]["reject"] == 1


def test_present_ids_not_members_are_not_counted_and_duplicates_once():
    got = tally(case(present=["m1", "m1", "ghost"]))
    assert got["present"] == 1


def test_empty_council_has_no_quorum():
    got = tally(case(members=[], present=[], quorum="0/1", items=[item({})]))
    assert got["quorum"] is False and got["items"][0]["status"] == "no_quorum"
    assert got["items"][0]["base"] == 0


# ---- bases -------------------------------------------------------------------------------

def test_basis_members_counts_absent_members_in_the_base():
    # 5 members, 4 present, 3 approve: 3/5 >= 1/2
    got = one(case(basis="members", present=["m1", "m2", "m3", "m4"], quorum="1/2",
                   items=[item(votes(m1="approve", m2="approve", m3="approve", m4="reject"))]))
    assert got["base"] == 5 and got["status"] == "passed"


def test_basis_members_excludes_the_excluded():
    members = [member(1, unit="u-prop"), *[member(i) for i in range(2, 6)]]
    got = one(case(basis="members", members=members, items=[item(votes(m2="approve",
                                                                        m3="approve"))]))
    assert got["excluded"] == ["m1"] and got["base"] == 4 and got["status"] == "passed"


def test_basis_present_counts_present_non_excluded():
    members = [member(1, unit="u-prop"), *[member(i) for i in range(2, 7)]]
    got = one(case(basis="present", members=members, present=["m1", "m2", "m3", "m4", "m5"],
                   quorum="1/2", items=[item(votes(m2="approve", m3="approve", m4="reject"))]))
    assert got["base"] == 4            # m2..m5
    assert got["status"] == "passed"   # 2/4 >= 1/2


def test_basis_cast_counts_valid_ballots_including_abstentions():
    got = one(case(basis="cast", items=[item(votes(m1="approve", m2="approve", m3="reject",
                                                   m4="abstain", m5="blank"))]))
    assert (got["base"], got["approve"], got["reject"], got["abstain"], got["invalid"]) == \
        (4, 2, 1, 1, 1)
    assert got["status"] == "passed"   # 2/4 >= 1/2


def test_abstention_counts_against_under_cast_and_present():
    got = one(case(basis="cast", threshold="2/3",
                   items=[item(votes(m1="approve", m2="approve", m3="abstain"))]))
    assert got["status"] == "passed"   # 2/3 >= 2/3
    got = one(case(basis="cast", threshold="2/3",
                   items=[item(votes(m1="approve", m2="approve", m3="abstain", m4="abstain"))]))
    assert got["status"] == "rejected"  # 2/4 < 2/3


# ---- threshold ties --------------------------------------------------------------------

@pytest.mark.parametrize("strict, expected", [(False, "passed"), (True, "rejected")])
def test_tie_at_the_threshold(strict, expected):
    members = [member(i) for i in range(1, 5)]
    got = one(case(members=members, basis="present", strict=strict,
                   items=[item(votes(m1="approve", m2="approve", m3="reject", m4="reject"))]))
    assert got["base"] == 4 and got["approve"] == 2
    assert got["status"] == expected


@pytest.mark.parametrize("approve, expected", [(3, "rejected"), (4, "passed"), (5, "passed")])
def test_four_fifths_threshold(approve, expected):
    ballots = {f"m{i}": "approve" if i <= approve else "reject" for i in range(1, 6)}
    assert one(case(threshold="4/5", items=[item(ballots)]))["status"] == expected


def test_strict_above_threshold_passes():
    got = one(case(strict=True, items=[item(votes(m1="approve", m2="approve", m3="approve"))]))
    assert got["status"] == "passed"  # 3/5 > 1/2


def test_threshold_one_needs_everyone_and_zero_always_passes_with_a_base():
    all_yes = {f"m{i}": "approve" for i in range(1, 6)}
    assert one(case(threshold="1/1", items=[item(all_yes)]))["status"] == "passed"
    assert one(case(threshold="1", items=[item({**all_yes, "m5": "abstain"})]))["status"] == \
        "rejected"
    assert one(case(threshold="0/1", items=[item({})]))["status"] == "passed"  # 0/5 >= 0


def test_base_zero_never_passes():
    assert one(case(basis="cast", threshold="0/1", items=[item({})]))["status"] == "rejected"
    members = [member(i, unit="u-prop") for i in range(1, 4)]
    got = one(case(members=members, basis="members", threshold="0/1", items=[item({})]))
    assert got["base"] == 0 and got["status"] == "rejected"


# ---- exclusions and invalid ballots ----------------------------------------------------

def test_exclusion_reasons_subject_unit_ancestor_declared():
    members = [member(1, person="Nguyễn Văn A"), member(2, unit="u-prop"),
               member(3, unit="u-district"), member(4), member(5), member(6, unit=""),
               member(7, person="")]
    got = one(case(members=members, items=[item(
        {}, subject="Nguyễn Văn A", ancestors=["u-district"], declared=["m4", "ghost"])]))
    assert got["excluded"] == ["m1", "m2", "m3", "m4"]


def test_empty_subject_or_unit_never_matches():
    members = [member(1, unit="", person=""), member(2, unit=None, person=None)]
    got = one(case(members=members, items=[item({}, unit="", subject="")]))
    assert got["excluded"] == []
    got = one(case(members=members, items=[item({}, unit=None, subject=None)]))
    assert got["excluded"] == []


def test_excluded_members_ballot_is_invalid_and_in_no_base():
    members = [member(1, unit="u-prop"), *[member(i) for i in range(2, 6)]]
    got = one(case(members=members, basis="cast",
                   items=[item(votes(m1="approve", m2="reject"))]))
    assert (got["approve"], got["reject"], got["invalid"], got["base"]) == (0, 1, 1, 1)
    assert got["status"] == "rejected"


def test_absent_members_ballot_is_invalid():
    got = one(case(basis="cast", present=["m1", "m2", "m3", "m4"],
                   items=[item(votes(m5="approve", m1="reject"))]))
    assert (got["approve"], got["reject"], got["invalid"], got["base"]) == (0, 1, 1, 1)


def test_ballot_of_a_non_member_is_invalid():
    got = one(case(basis="cast", items=[item(votes(stranger="approve", m1="reject"))]))
    assert (got["approve"], got["invalid"], got["base"]) == (0, 1, 1)


@pytest.mark.parametrize("value", ["Approve", "yes", "", " approve", "đồng ý"])
def test_unknown_value_is_invalid(value):
    got = one(case(basis="cast", items=[item({"m1": value, "m2": "approve"})]))
    assert (got["approve"], got["invalid"], got["base"]) == (1, 1, 1)


def test_declared_conflict_excludes_only_that_item():
    got = tally(case(items=[item(votes(m1="approve"), id="a", declared=["m1"]),
                            item(votes(m1="approve"), id="b")]))
    a, b = got["items"]
    assert a["excluded"] == ["m1"] and a["invalid"] == 1
    assert b["excluded"] == [] and b["approve"] == 1


# ---- secret vs open --------------------------------------------------------------------

def test_secret_output_has_no_by_member():
    got = one(case(secret=True, items=[item(votes(m1="approve", m2="abstain"))]))
    assert set(got) == {"id", "status", "excluded", "base", "approve", "reject", "abstain",
                        "invalid"}


def test_open_output_names_valid_ballots_by_member():
    members = [member(1, unit="u-prop"), *[member(i) for i in range(2, 6)]]
    got = one(case(secret=False, members=members,
                   items=[item(votes(m1="approve", m2="abstain", m3="nope", m4="reject"))]))
    assert got["by_member"] == {"m2": "abstain", "m4": "reject"}
    assert got["invalid"] == 2


def test_top_level_shape():
    got = tally(case(items=[item({})]))
    assert set(got) == {"quorum", "present", "members", "items"}
    assert tally(case())["items"] == []


# ---- malformed ---------------------------------------------------------------------------

def _without(data, *path):
    data = copy.deepcopy(data)
    target = data
    for key in path[:-1]:
        target = target[key]
    del target[path[-1]]
    return data


GOOD = case(items=[item(votes(m1="approve"))])

MALFORMED = [
    [],
    "text",
    _without(GOOD, "rule"),
    _without(GOOD, "members"),
    _without(GOOD, "present"),
    _without(GOOD, "items"),
    _without(GOOD, "rule", "quorum"),
    _without(GOOD, "rule", "strict"),
    _without(GOOD, "members", 0, "unit"),
    _without(GOOD, "items", 0, "ballots"),
    _without(GOOD, "items", 0, "unit_ancestors"),
    _without(GOOD, "items", 0, "subject_person"),
    _without(GOOD, "items", 0, "declared_conflicts"),
    case(quorum="3/0"),
    case(quorum="abc"),
    case(threshold="4/3"),
    case(threshold="-1/2"),
    case(threshold="0.5"),
    case(threshold=0.5),
    case(quorum=None),
    case(basis="everyone"),
    case(strict="yes"),
    case(secret=1),
    case(members=[member(1), member(1)]),
    case(members=[{"id": 1, "unit": "u", "person": "p"}], present=[]),
    case(members=["m1"], present=[]),
    case(present="m1"),
    case(present=[1]),
    case(items={"id": "x"}),
    case(items=[item({"m1": 1})]),
    case(items=[item({"m1": None})]),
    case(items=[item([])]),
    case(items=[{**item({}), "unit_ancestors": [3]}]),
    case(items=[{**item({}), "id": 7}]),
]


@pytest.mark.parametrize("data", MALFORMED, ids=range(len(MALFORMED)))
def test_malformed_case_is_refused_in_vietnamese(data):
    with pytest.raises(MalformedCase) as error:
        tally(data)
    assert str(error.value)


def test_parse_fraction():
    assert parse_fraction("2/3", "x") == Fraction(2, 3)
    assert parse_fraction(" 4 / 5 ", "x") == Fraction(4, 5)
    assert parse_fraction("1", "x") == 1
    with pytest.raises(MalformedCase, match="mẫu số"):
        parse_fraction("3/0", "x")


# ---- property ----------------------------------------------------------------------------

CHOICE = st.sampled_from(["approve", "reject", "abstain", "x"])


@hsettings(max_examples=200, deadline=None)
@given(n=st.integers(0, 9), data=st.data(),
       basis=st.sampled_from(["members", "present", "cast"]), strict=st.booleans(),
       secret=st.booleans(), tn=st.integers(0, 6), td=st.integers(1, 6),
       qn=st.integers(0, 4), qd=st.integers(1, 4))
def test_properties(n, data, basis, strict, secret, tn, td, qn, qd):
    if tn > td or qn > qd:
        return
    units = ["u1", "u2", "u3"]
    members = [{"id": f"m{i}", "unit": data.draw(st.sampled_from(units)),
                "person": f"p{i}"} for i in range(n)]
    ids = [m["id"] for m in members]
    present = data.draw(st.lists(st.sampled_from(ids), unique=True)) if ids else []
    voters = data.draw(st.lists(st.sampled_from([*ids, "ghost"]), unique=True))
    ballots = {v: data.draw(CHOICE) for v in voters}
    it = item(ballots, unit="u1", ancestors=data.draw(st.lists(st.sampled_from(units))),
              subject=data.draw(st.sampled_from([None, "p0", "p1"])),
              declared=data.draw(st.lists(st.sampled_from([*ids, "ghost"]))))
    got = tally(case(quorum=f"{qn}/{qd}", threshold=f"{tn}/{td}", basis=basis, strict=strict,
                     secret=secret, members=members, present=present, items=[it]))
    res = got["items"][0]
    valid = res["approve"] + res["reject"] + res["abstain"]
    assert valid + res["invalid"] == len(ballots)
    assert set(res["excluded"]) <= set(ids)
    if basis == "cast":
        assert res["base"] == valid
    assert res["base"] <= n
    assert got["quorum"] == (n > 0 and Fraction(len(present), n) >= Fraction(qn, qd))
    if not got["quorum"]:
        assert res["status"] == "no_quorum"
    elif res["base"] == 0:
        assert res["status"] == "rejected"
    else:
        share = Fraction(res["approve"], res["base"])
        passed = share > Fraction(tn, td) if strict else share >= Fraction(tn, td)
        assert res["status"] == ("passed" if passed else "rejected")
    assert ("by_member" in res) == (not secret)
    if not secret:
        assert len(res["by_member"]) == valid
        assert not set(res["by_member"]) & set(res["excluded"])


# ---- the command -------------------------------------------------------------------------

def write(tmp_path, data, name="case.json"):
    path = tmp_path / name
    path.write_text(data if isinstance(data, str) else json.dumps(data, ensure_ascii=False),
                    encoding="utf-8")
    return path


def test_command_prints_one_json_object(tmp_path):
    out = StringIO()
    call_command("tally_case", str(write(tmp_path, GOOD)), stdout=out)
    assert json.loads(out.getvalue()) == tally(GOOD)


@pytest.mark.parametrize("text", ["{not json", '{"rule": 1, "rule": 2}', "[]", "NaN",
                                  json.dumps(case(quorum="3/0"))])
def test_command_malformed_is_commanderror_2(tmp_path, text):
    with pytest.raises(CommandError) as error:
        call_command("tally_case", str(write(tmp_path, text)), stdout=StringIO())
    assert error.value.returncode == 2


def manage(*args, stdin=None):
    env = {**os.environ, "DEBUG": "0", "DATABASE_URL": "postgres://nobody@127.0.0.1:9/none"}
    return subprocess.run([sys.executable, "manage.py", "tally_case", *args],
                          cwd=settings.BASE_DIR, env=env, input=stdin, capture_output=True,
                          text=True, timeout=60, check=False)


def test_process_exit_0_on_a_valid_case(tmp_path):
    done = manage(str(write(tmp_path, GOOD)))
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["items"][0]["status"] == "rejected"  # 1/5 < 1/2
    done = manage("-", stdin=json.dumps(GOOD))
    assert done.returncode == 0 and json.loads(done.stdout)["quorum"] is True


@pytest.mark.parametrize("text, words", [
    ("{oops", "JSON"),
    (json.dumps(case(quorum="3/0")), "mẫu số"),
    (json.dumps(case(threshold="abc")), "phân số"),
    (json.dumps(_without(GOOD, "items")), "thiếu khóa"),
    (json.dumps(case(strict="no")), "strict"),
])
def test_process_exit_2_in_vietnamese_without_traceback(tmp_path, text, words):
    done = manage(str(write(tmp_path, text)))
    assert done.returncode == 2
    assert words in done.stderr
    assert "Traceback" not in done.stderr and done.stdout == ""


def test_process_missing_file_exit_2(tmp_path):
    done = manage(str(tmp_path / "none.json"))
    assert done.returncode == 2 and "Không tìm thấy tệp" in done.stderr
