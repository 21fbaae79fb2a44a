"""Issue #17, part 3: search understands how people write — words left out, abbreviations
(the shipped list, edited by the administrator), OCR digit slips — and still ranks exact first.
Each query quoted in the issue is replayed as written."""

import pytest

from orgs.models import UnitType
from registry.models import Registration
from search import wording
from search.index import rebuild
from search.models import Abbreviation
from search.selectors import Tier, search
from tests.factories import ExemplarFactory, UnitFactory


@pytest.fixture
def written(province):
    """The conftest province, plus the people and units the issue names."""
    wording.load_abbreviations()
    root = province.unit_a.parent
    units = {
        "ttyt": UnitFactory(name="Trung tâm Y tế huyện Tam Đường", parent=root,
                            unit_type=UnitType.SUBORDINATE),
        "thpt": UnitFactory(name="Trường Trung học phổ thông Sìn Hồ", parent=root,
                            unit_type=UnitType.SUBORDINATE),
        "thpt_short": UnitFactory(name="Trường THPT Mường Kim", parent=root,
                                  unit_type=UnitType.SUBORDINATE),
        "tccb": UnitFactory(name="Phòng Tổ chức cán bộ", parent=province.unit_a,
                            unit_type=UnitType.SUBORDINATE),
        "bv": UnitFactory(name="Bệnh viện Đa khoa tỉnh Lai Châu", parent=province.unit_a,
                          unit_type=UnitType.SUBORDINATE),
        "sin_ho": UnitFactory(name="Huyện Sìn Hồ", parent=root, unit_type=UnitType.DISTRICT),
        "tam_duong": UnitFactory(name="Ủy ban nhân dân huyện Tam Đường", parent=root,
                                 unit_type=UnitType.DISTRICT),
    }
    registration = Registration.objects.get(unit=province.unit_b)
    people = {name: ExemplarFactory(registration=registration, name=name)
              for name in ("Tòng Văn Hùng", "Tòng Thị Hương", "Lò Văn Hùng", "Tòng Hùng")}
    rebuild(batch_size=7)
    return province, units, people


def first(query, **kwargs):
    hits = search(None, query, **kwargs)
    assert hits, f"{query!r} found nothing"
    return hits[0]


# --- the queries quoted in the issue, as written ------------------------------------------

def test_tong_hung_middle_name_left_out(written):
    _province, _units, _people = written
    hits = search(None, "tong hung", kinds=["exemplar"])
    # "Tòng Hùng" is written exactly so: it comes first; then the name with its middle name.
    assert [h.name for h in hits[:2]] == ["Tòng Hùng", "Tòng Văn Hùng"]
    # Spelt word for word, the name with its middle name left out ranks with the prefixes.
    assert hits[0].tier == Tier.FOLDED and hits[1].tier == Tier.PREFIX
    assert "Lò Văn Hùng" not in [h.name for h in hits]
    # Found written another way, the query is not also typo-corrected.
    assert Tier.FUZZY not in {h.tier for h in hits}
    # The marks cover the words typed, not the middle name left out.
    assert hits[1].name_spans == ((0, 4), (9, 13))


def test_tong_hung_without_a_namesake_finds_tong_van_hung_first(written):
    _province, _units, people = written
    people["Tòng Hùng"].delete()
    rebuild()
    assert first("tong hung").name == "Tòng Văn Hùng"


def test_dang_mai_finds_dang_thi_mai_first(written):
    hit = first("Đặng Mai")
    assert (hit.name, hit.tier) == ("Đặng Thị Mai", Tier.PREFIX)


def test_a_name_with_its_middle_name_left_out_beats_a_completion_inside_another_name(written):
    _province, units, _people = written
    UnitFactory(name="Phòng Nghiệp vụ Đặng Mai Sơn", parent=units["tccb"],
                unit_type=UnitType.SUBORDINATE)  # "dang mai" completes a tail of this name
    rebuild()
    assert first("Đặng Mai").name == "Đặng Thị Mai"


def test_trung_tam_y_te_tam_duong_with_huyen_left_out(written):
    hit = first("trung tam y te tam duong")
    assert hit.name == "Trung tâm Y tế huyện Tam Đường"
    assert hit.kind == "unit"


@pytest.mark.parametrize("query", ["thpt", "THPT"])
def test_thpt_finds_a_high_school_written_either_way(written, query):
    hits = search(None, query)
    names = [h.name for h in hits]
    assert names[0] in {"Trường THPT Mường Kim", "Trường Trung học phổ thông Sìn Hồ"}
    assert {"Trường THPT Mường Kim", "Trường Trung học phổ thông Sìn Hồ"} <= set(names)


def test_ttyt(written):
    assert first("TTYT").name == "Trung tâm Y tế huyện Tam Đường"


def test_tccb(written):
    assert first("TCCB").name == "Phòng Tổ chức cán bộ"


def test_bv(written):
    hit = first("BV")
    assert hit.name == "Bệnh viện Đa khoa tỉnh Lai Châu"
    assert hit.name_spans == ((0, len("Bệnh viện")),)


def test_sin_h6_ocr_slip(written):
    hits = search(None, "Sìn H6")
    assert hits[0].name in {"Huyện Sìn Hồ", "Trường Trung học phổ thông Sìn Hồ"}
    assert {"Huyện Sìn Hồ", "Trường Trung học phổ thông Sìn Hồ"} <= {h.name for h in hits}


# --- both ways, combined, ranked -------------------------------------------------------------

def test_full_words_find_the_abbreviated_name(written):
    assert first("trường trung học phổ thông mường kim").name == "Trường THPT Mường Kim"


def test_abbreviation_and_words_left_out_together(written):
    assert first("TTYT Tam Đường").name == "Trung tâm Y tế huyện Tam Đường"
    assert first("UBND Tam Đường").name == "Ủy ban nhân dân huyện Tam Đường"


def test_exact_ranks_before_a_rewritten_match(written):
    _province, units, _people = written
    UnitFactory(name="Trường THPT Sìn Hồ", parent=units["sin_ho"],
                unit_type=UnitType.SUBORDINATE)
    rebuild()
    hits = search(None, "Trường THPT Sìn Hồ")
    assert [h.name for h in hits[:2]] == ["Trường THPT Sìn Hồ",
                                          "Trường Trung học phổ thông Sìn Hồ"]
    assert hits[0].tier == Tier.EXACT
    assert hits[1].tier == Tier.VARIANT
    assert hits[0].score > hits[1].score


def test_a_too_general_query_does_not_match_everything(written):
    hits = search(None, "huyện", limit=100)
    # Only names that have the word: no unit, person or school without it.
    assert {h.name for h in hits} == {"Huyện Sìn Hồ", "Trung tâm Y tế huyện Tam Đường",
                                      "Ủy ban nhân dân huyện Tam Đường"}
    assert search(None, "tỉnh huyện xã", limit=100) == []


def test_ocr_digits_in_a_code_are_left_alone(written):
    assert wording.query_variants(("03400",), ()) == []
    assert first("03400").name == "Ủy ban nhân dân xã Bản Giang"


# --- the administrator edits the list --------------------------------------------------------

def test_admin_edits_an_abbreviation_and_search_follows(written, client, admin_user):
    from django.urls import reverse

    from audit.models import AuditEvent

    assert search(None, "PTCB") == []
    client.force_login(admin_user)
    row = Abbreviation.objects.get(short="TCCB")
    response = client.post(reverse("admin:search_abbreviation_change", args=[row.pk]),
                           {"short": "PTCB", "full": "phòng tổ chức cán bộ", "active": "on"})
    assert response.status_code == 302, response.content.decode()[:2000]
    event = AuditEvent.objects.get(content_type__model="abbreviation", object_id=str(row.pk))
    assert event.changes["short"] == ["TCCB", "PTCB"]
    row.refresh_from_db()
    assert (row.short, row.full) == ("PTCB", "phòng tổ chức cán bộ")
    assert first("PTCB").name == "Phòng Tổ chức cán bộ"  # no restart, no rebuild
    assert search(None, "TCCB") == []

    row.active = False
    row.save()
    assert search(None, "PTCB") == []


def test_loader_is_idempotent_and_keeps_the_administrators_edits(db):
    created = wording.load_abbreviations()
    assert created["abbreviations_created"] == len(wording.shipped()["abbreviation"])
    Abbreviation.objects.filter(short="BV").update(active=False)
    again = wording.load_abbreviations()
    assert again["abbreviations_created"] == 0
    assert Abbreviation.objects.get(short="BV").active is False


def test_the_shipped_list_has_the_abbreviations_the_issue_names(db):
    shorts = {row["short"] for row in wording.shipped()["abbreviation"]}
    assert {"THPT", "THCS", "TH", "MN", "PTDTBT", "UBND", "HĐND", "MTTQ", "HTX", "BV", "BVĐK",
            "TTYT", "TYT", "TT", "CA", "TCCB", "CCHC", "GD&ĐT", "LĐ-TB&XH", "NN&PTNT"} <= shorts


def test_variants_of_a_query():
    rules = wording.rules_from([("GD&ĐT", "giáo dục và đào tạo"), ("TTYT", "trung tâm y tế")])
    assert ("so", "giao", "duc", "va", "dao", "tao") in wording.query_variants(
        ("so", "gddt"), rules)
    assert ("so", "gd", "dt") in wording.query_variants(
        ("so", "giao", "duc", "va", "dao", "tao"), rules)
    assert wording.query_variants(("sin", "h6"), ()) == [("sin", "ho")]
    assert ("ma", "mai") in wording.query_variants(("ma", "ma1"), ())
    assert wording.query_variants(("ttyt", "huyen", "tam", "duong"), rules)[:2] == [
        ("trung", "tam", "y", "te", "huyen", "tam", "duong"), ("ttyt", "tam", "duong")]


def test_shortened_names():
    assert wording.shortened(["tong", "van", "hung"], person=True) == [[0, 2]]
    assert wording.shortened(["dang", "thi", "mai", "anh"], person=True) == [
        [0, 3], [0, 2, 3], [0, 1, 3]]
    assert wording.shortened(["trung", "tam", "y", "te", "huyen", "tam", "duong"],
                             person=False) == [[0, 1, 2, 3, 5, 6]]
    assert wording.shortened(["huyen", "sin"], person=False) == []  # one word says too little
    assert wording.shortened(["giang", "a", "pao"], person=False) == []


def test_the_unit_resolvers_abbreviations_agree_with_the_shipped_list():
    """orgs.naming reads a few of the shipped list (whole-name comparison for imports); each
    means there what it means in the search, and its hand-written rules agree too."""
    from orgs import naming

    shipped = {wording._folded_words(row["short"]): wording._folded_words(row["full"])
               for row in wording.shipped()["abbreviation"] if row["short"] != "TT"}
    assert set(naming._WORDS) == {"ubnd", "hdnd", "ubmttq", "mttq", "tp"}
    for short, full in naming._WORDS.items():
        assert shipped[(short,)] == tuple(full.split()), short
    assert shipped[("gd", "dt")] == tuple("giao duc va dao tao".split())
    assert {tuple(row["full"].split()) for row in wording.shipped()["abbreviation"]
            if row["short"] == "TT"} == {("trung", "tâm"), ("thị", "trấn")}


def test_only_the_system_administrator_edits_the_list(written, client):
    from django.urls import reverse

    province, _units, _people = written
    standing = province.standing
    standing.is_staff = True
    standing.save(update_fields=["is_staff"])
    client.force_login(standing)
    row = Abbreviation.objects.get(short="TCCB")
    url = reverse("admin:search_abbreviation_change", args=[row.pk])
    assert client.get(url).status_code == 403
    response = client.post(url, {"short": "XX", "full": "phòng tổ chức cán bộ", "active": "on"})
    assert response.status_code == 403
    row.refresh_from_db()
    assert row.short == "TCCB"


def test_load_reference_data_ships_the_list(db):
    import io

    from django.core.management import call_command

    out = io.StringIO()
    call_command("load_reference_data", stdout=out)
    assert Abbreviation.objects.filter(short="TTYT", full="trung tâm y tế", active=True).exists()
    assert "Chữ viết tắt (tìm kiếm) — abbreviations_created: " in out.getvalue()
    call_command("load_reference_data", stdout=io.StringIO())
    assert Abbreviation.objects.count() == len(wording.shipped()["abbreviation"])
    # The reference units (no fixture of ours) answer the issue's queries as written.
    assert search(None, "bv da khoa lai chau")[0].name == "Bệnh viện Đa khoa tỉnh Lai Châu"
    assert search(None, "BV")[0].name == "Bệnh viện Đa khoa tỉnh Lai Châu"
    assert search(None, "thpt")[0].name == "Trường Trung học phổ thông Chuyên Lê Quý Đôn"
    found = [hit.name for hit in search(None, "Sìn H6")]
    assert found[0] in {"Xã Sìn Hồ", "Huyện Sìn Hồ"}  # the commune, or the former district
    assert {"Xã Sìn Hồ", "Huyện Sìn Hồ"} <= set(found[:3])
