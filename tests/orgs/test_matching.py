"""Name matching between the 2025 resolution and the former register (plain Python)."""

from orgs.reference.matching import (
    FormerCommune,
    NewCommune,
    district_key,
    match_communes,
    name_key,
)


def test_name_key_ignores_tone_placement_case_and_remarks():
    assert name_key("Xã Pa Khoá") == name_key("Xã Pa Khóa") == "xa pa khoa"
    assert name_key("Xã Pa ủ") == name_key("Xã Pa Ủ")
    assert name_key("Xã Mù Cả (giữ nguyên)") == name_key("Xã Mù Cả")


def test_district_key_accepts_abbreviations():
    assert district_key("TP Lai Châu") == district_key("Thành phố Lai Châu") == "lai chau"
    assert district_key("Huyện Tam Đường") == district_key("Tam Đường")


def test_unmatched_names_are_reported():
    new = NewCommune("03390", "Xã Bình Lư", "xã", ("Tam Đường",),
                     ("Xã Bình Lư", "Xã Không Có"), "Thị trấn Tam Đường")
    former = [FormerCommune("03412", "Xã Bình Lư", "xã", "106")]
    result = match_communes([new], former, {"106": "Huyện Tam Đường"})
    assert result.commune_links == [("03412", "03390")]
    assert result.district_links == [("106", "03390")]
    assert result.problems == [
        "03390 Xã Bình Lư: không tìm thấy «Xã Không Có» trong Tam Đường",
    ]
