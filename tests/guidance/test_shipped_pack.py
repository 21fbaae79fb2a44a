"""The shipped pack of guidance 2533/HD-UBND: its contract with the engine, forms and quotas."""

import datetime
import re
import unicodedata
from collections.abc import Iterator
from typing import Any

import pytest

from guidance.measures import MEASURES

ALL_KINDS = ["collective", "individual", "household", "model"]
SELECTABLE = ["a", "b", "c1", "c2", "c3", "d1", "d2", "đ", "e", "f", "g", "h", "i", "k", "m", "n"]

# code → (group, kinds, fields, rated, measure, params): the contract the criteria engine uses.
EXPECTED_CRITERIA: dict[str, tuple] = {
    "G1": ("general", ALL_KINDS, None, None, "judgement", {}),
    "G2": ("general", ALL_KINDS, None, None, "judgement", {}),
    "G3": ("general", ALL_KINDS, None, None, "judgement", {}),
    "G4": ("general", ["collective", "individual"], None, True, "ratings_window",
           {"years": 5, "min_level": "tot", "require_level": "xuat_sac", "require_count": 1}),
    "G5": ("general", ["collective", "individual"], None, False, "recognitions", {"min_count": 1}),
    "G6": ("general", ["household"], None, None, "cultural_family",
           {"years": 5, "violation_kinds": ["law", "traffic", "social_evil"]}),
    **{f"F-{key}": ("field", ALL_KINDS, [key], None, "judgement", {}) for key in SELECTABLE},
    "K1": ("field", ["collective"], ["k"], None, "index_threshold",
           {"metric": "par_index", "min": 85, "adjacent_years": 1}),
    "K2": ("field", ["collective"], ["k"], None, "index_threshold",
           {"metric": "satisfaction", "min": 95, "adjacent_years": 1}),
    "K3": ("field", ["collective"], ["k"], None, "overdue_dossiers", {"max": 0}),
    "K4": ("field", ["collective"], ["k"], None, "discipline", {"fail_from": "canh_cao"}),
    "K5": ("field", ["collective", "individual"], ["k"], None, "cchc_initiative", {}),
    "N1": ("field", ["collective", "individual"], ["n"], None, "business_growth",
           {"metrics": ["revenue", "budget", "profit"]}),
    "N2": ("field", ["collective", "individual"], ["n"], None, "tax_arrears", {"max": 0}),
    "N3": ("field", ["household"], ["n"], None, "production_stable", {"min_years": 2}),
    "N4": ("field", ["household"], ["n"], None, "households_helped", {"min": 2}),
    "N5": ("field", ["household"], ["n"], None, "jobs_created", {"min": 5}),
    "M1": ("field", ["collective", "individual", "household"], ["m"], None,
           "charity_commendations", {"min_count": 1}),
}


def test_identity(shipped_pack):
    assert shipped_pack.format == "dienhinh.guidance/1"
    assert (shipped_pack.code, shipped_pack.version, shipped_pack.number) == (
        "2533/HD-UBND", 1, "2533/HD-UBND")
    assert shipped_pack.title == ("Hướng dẫn xây dựng và nhân rộng các mô hình tiêu biểu, "
                                  "điển hình tiên tiến trên địa bàn tỉnh Lai Châu")
    assert shipped_pack.issuer == "Ủy ban nhân dân tỉnh Lai Châu"
    assert shipped_pack.issued_on == shipped_pack.valid_from == datetime.date(2024, 7, 2)
    assert shipped_pack.valid_to is None
    assert shipped_pack.legal_basis[0].startswith(
        "Quyết định số 1526/QĐ-TTg ngày 09/12/2022 của Thủ tướng Chính phủ")
    assert shipped_pack.legal_basis[1] == "Luật Thi đua, khen thưởng số 06/2022/QH15"


def test_kinds_and_scales(shipped_pack):
    assert [(k.key, k.label) for k in shipped_pack.subject_kinds] == [
        ("collective", "Tập thể"), ("individual", "Cá nhân"), ("household", "Hộ gia đình"),
        ("model", "Mô hình")]
    assert [(r.key, r.label, r.rank) for r in shipped_pack.ratings] == [
        ("xuat_sac", "Hoàn thành xuất sắc nhiệm vụ", 4), ("tot", "Hoàn thành tốt nhiệm vụ", 3),
        ("hoan_thanh", "Hoàn thành nhiệm vụ", 2),
        ("khong_hoan_thanh", "Không hoàn thành nhiệm vụ", 1)]
    assert [(d.key, d.label, d.rank) for d in shipped_pack.disciplines] == [
        ("khien_trach", "Khiển trách", 1), ("canh_cao", "Cảnh cáo", 2),
        ("ha_bac_luong", "Hạ bậc lương", 3), ("giang_chuc", "Giáng chức", 4),
        ("cach_chuc", "Cách chức", 5), ("buoc_thoi_viec", "Buộc thôi việc", 6)]


def test_fields(shipped_pack):
    assert [f.key for f in shipped_pack.selectable_fields()] == SELECTABLE
    assert [(f.key, f.selectable) for f in shipped_pack.fields if f.parent is None
            and not f.selectable] == [("c", False), ("d", False)]
    assert {f.key: f.parent for f in shipped_pack.fields if f.parent} == {
        "c1": "c", "c2": "c", "c3": "c", "d1": "d", "d2": "d"}
    labels = {f.key: f.label for f in shipped_pack.fields}
    assert labels["e"] == "Chăm sóc sức khỏe Nhân dân"
    assert labels["k"] == "Cải cách hành chính"
    assert labels["f"] == "Giáo dục - Đào tạo"
    assert labels["đ"] == "Tài chính, ngân hàng"
    assert shipped_pack.field("k").heading == "Trong lĩnh vực cải cách hành chính (CCHC)"
    for field in shipped_pack.selectable_fields():
        assert field.criteria_text.startswith(("Tập thể, cá nhân", "Là những doanh nghiệp"))
        assert field.synonyms, field.key


def test_field_criteria_texts_are_the_documents(shipped_pack):
    k_text = shipped_pack.field("k").criteria_text
    assert "được Chủ tịch UBND tỉnh công bố đạt từ 85% trở lên" in k_text
    assert "bị xử lý kỷ luật từ cảnh cáo trở lên" in k_text
    assert shipped_pack.field("n").criteria_text.endswith(
        "giúp đỡ 2-3 hộ nông dân phát triển sản xuất và tạo việc làm cho 05 người lao động "
        "trở lên.")
    assert "“Xây dựng trường học thân thiện, học sinh tích cực”" in shipped_pack.field(
        "f").criteria_text


def test_criteria_contract(shipped_pack):
    actual = {
        c.code: (c.group, c.kinds, c.fields, c.rated, c.measure, c.params)
        for c in shipped_pack.criteria
    }
    assert actual == EXPECTED_CRITERIA
    assert [c.code for c in shipped_pack.criteria][:6] == ["G1", "G2", "G3", "G4", "G5", "G6"]


def test_criteria_params_parse_with_their_measure(shipped_pack):
    for criterion in shipped_pack.criteria:
        MEASURES[criterion.measure].model_validate(criterion.params)
        assert criterion.text.endswith("."), criterion.code


def test_quotas(shipped_pack):
    before, after = datetime.date(2025, 6, 30), datetime.date(2025, 7, 1)
    for unit_type in ["agency", "mass_org", "armed_forces", "enterprise", "cooperative"]:
        rule = shipped_pack.quota_for(unit_type, after)
        assert (rule.label, rule.minimums) == (
            "Mỗi cơ quan, đơn vị", {"collective": 1, "individual": 1})
    district = shipped_pack.quota_for("district", before)
    assert (district.label, district.minimums) == (
        "Mỗi huyện, thành phố", {"model": 2, "collective": 2, "individual": 3})
    assert shipped_pack.quota_for("district", after) is None
    assert shipped_pack.quota_for("commune", before) is None
    commune = shipped_pack.quota_for("commune", after)
    assert (commune.label, commune.minimums) == (
        "Mỗi xã, phường (từ 01/07/2025)", {"collective": 1, "individual": 1})
    assert "cơ quan thường trực áp dụng chỉ tiêu của cơ quan, đơn vị" in commune.note


def test_form(shipped_pack):
    form = shipped_pack.form
    assert (form.title, form.place, form.recipients_label) == ("BIỂU ĐĂNG KÝ", "Lai Châu",
                                                               "Nơi nhận:")
    assert form.subtitle == ("Xây dựng và nhân rộng các mô hình tiêu biểu, điển hình tiên tiến "
                             "trên địa bàn tỉnh Lai Châu")
    assert form.lead.format(guidance_number="2533/HD-UBND", guidance_date="02/7/2024",
                            unit_name="Sở Nội vụ") == (
        "Thực hiện Hướng dẫn số 2533/HD-UBND, ngày 02/7/2024 của Ủy ban nhân dân tỉnh về xây "
        "dựng và nhân rộng các mô hình tiêu biểu, điển hình tiên tiến trên địa bàn tỉnh Lai "
        "Châu, Sở Nội vụ đăng ký thực hiện như sau:")
    assert (form.signer_title, form.signer_hint) == (
        "THỦ TRƯỞNG CƠ QUAN, ĐƠN VỊ", "(Ký, ghi rõ họ và tên, đóng dấu)")
    assert [(s.numeral, s.heading, s.kind, s.optional) for s in form.sections] == [
        ("I", "TẬP THỂ", "collective", False), ("II", "CÁ NHÂN", "individual", False),
        ("III", "HỘ GIA ĐÌNH", "household", True), ("IV", "MÔ HÌNH", "model", True)]
    assert [(c.key, c.header) for c in shipped_pack.section("collective").columns] == [
        ("order", "Stt"), ("name", "Đơn vị"), ("address", "Địa chỉ"),
        ("head_name", "Người đứng đầu; phụ trách đơn vị"),
        ("field", "Điển hình thuộc lĩnh vực"),
        ("solutions", "Các giải pháp thực hiện xây dựng, nhân rộng điển hình (nêu khái quát)"),
        ("notes", "Ghi chú")]
    assert [(c.key, c.header) for c in shipped_pack.section("individual").columns] == [
        ("order", "Stt"), ("name", "Họ và tên"),
        ("position_work_address", "Chức vụ; đơn vị công tác; địa chỉ nơi cư trú"),
        ("field", "Điển hình thuộc lĩnh vực"),
        ("solutions", "Các giải pháp của cá nhân đăng ký thực hiện (nêu khái quát)"),
        ("notes", "Ghi chú")]
    assert [c.header for c in shipped_pack.section("household").columns][1:3] == [
        "Chủ hộ", "Địa chỉ"]
    assert [c.header for c in shipped_pack.section("model").columns][1:3] == [
        "Tên mô hình", "Nơi thực hiện"]
    for section in form.sections:
        assert [c.key for c in section.columns if c.required] == ["name", "field"]
        assert all(c.width_cm for c in section.columns)
        assert sum(c.width_cm for c in section.columns) == pytest.approx(25.0)


# --- the text itself: correct Vietnamese, never the OCR spelling -----------------------------
def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(key)
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


# Spellings from the OCR of the signed document (../seeds/2533-HD-UBND-ocr.txt).
OCR_SPELLINGS = [
    "tiéu", "dién", "tién", "Pién", "Pang", "nhan rong", "xay dung", "linh vuc", "ctia", "cua ",
    "Tap thé", "ca nhan", "nhiém", "hanh chinh", "Nhan dan", "thudng", "duoc", "c6 ", "Tw do",
]
# Vietnamese letters with every diacritic, digits and the punctuation a legal text uses.
VIETNAMESE_TEXT = re.compile(
    r"^[0-9A-Za-zĐđ"
    r"ÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬàáảãạăằắẳẵặâầấẩẫậ"
    r"ÈÉẺẼẸÊỀẾỂỄỆèéẻẽẹêềếểễệ"
    r"ÌÍỈĨỊìíỉĩị"
    r"ÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢòóỏõọôồốổỗộơờớởỡợ"
    r"ÙÚỦŨỤƯỪỨỬỮỰùúủũụưừứửữự"
    r"ỲÝỶỸỴỳýỷỹỵ"
    r" .,;:()/%&“”\"'\-–…_{}?!]*$"
)


def test_every_string_is_nfc_vietnamese_without_ocr_spellings(shipped_pack):
    strings = list(_strings(shipped_pack.model_dump(mode="json")))
    assert len(strings) > 400
    for text in strings:
        assert unicodedata.is_normalized("NFC", text), text
        assert VIETNAMESE_TEXT.match(text), text
        assert text == text.strip() and "  " not in text, text
        for spelling in OCR_SPELLINGS:
            assert spelling not in text, (spelling, text)


def test_known_words_with_diacritics_are_present(shipped_pack):
    everything = "\n".join(_strings(shipped_pack.model_dump(mode="json")))
    for phrase in ["Cải cách hành chính", "Chăm sóc sức khỏe Nhân dân", "Hồ Chí Minh",
                   "Hoàn thành xuất sắc nhiệm vụ", "gia đình văn hóa", "nông thôn mới nâng cao",
                   "Người đứng đầu; phụ trách đơn vị", "không nợ đọng thuế", "Quốc phòng, an ninh",
                   "Ủy ban nhân dân tỉnh Lai Châu", "Điển hình thuộc lĩnh vực"]:
        assert phrase in everything, phrase
