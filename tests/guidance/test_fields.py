"""match_field: free text from Word/Excel forms → field keys of the guidance."""

import pytest

from guidance.fields import match_field, words


@pytest.mark.parametrize(("text", "expected"), [
    ("Y tế", ["e"]),
    ("Chăm sóc sức khoẻ nhân dân", ["e"]),  # new-style tone placement, lower case
    ("CHĂM SÓC SỨC KHỎE NHÂN DÂN", ["e"]),
    ("y te", ["e"]),
    ("CCHC", ["k"]),
    ("Cải cách hành chính", ["k"]),
    ("Giáo dục", ["f"]),
    ("GD&ĐT", ["f"]),
    ("GD - ĐT", ["f"]),
    ("Giáo dục và Đào tạo", ["f"]),
    ("Sản xuất nông nghiệp", ["d1"]),
    ("Nông thôn mới", ["d2"]),
    ("NTM", ["d2"]),
    ("Quốc phòng", ["b"]),
    ("An ninh", ["b"]),
    ("QP-AN", ["b"]),
    ("Từ thiện", ["m"]),
    ("Nhân đạo", ["m"]),
    ("Sản xuất kinh doanh", ["n"]),
    ("SXKD", ["n"]),
    ("KH&CN", ["g"]),
    ("Xây dựng", ["c1"]),
    ("Thông tin và truyền thông", ["i"]),
    ("Tài chính, ngân hàng", ["đ"]),
])
def test_examples_map_to_one_field(shipped_pack, text, expected):
    assert match_field(shipped_pack, text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("a", ["a"]), ("C1", ["c1"]), ("đ", ["đ"]), ("Đ", ["đ"]), ("dd", ["đ"]), ("k)", ["k"]),
    ("(n)", ["n"]), ("c", ["c1", "c2", "c3"]), ("d", ["d1", "d2"]),
])
def test_keys_typed_alone(shipped_pack, text, expected):
    assert match_field(shipped_pack, text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("k) Cải cách hành chính", ["k"]),
    ("Lĩnh vực y tế, dân số", ["e"]),
    ("Xây dựng nông thôn mới kiểu mẫu", ["d2"]),  # not also c1's "Xây dựng"
    ("Ứng dụng công nghệ thông tin trong cải cách hành chính", ["i", "k"]),
    ("Xây dựng Đảng trong sạch, vững mạnh", ["a"]),
    ("Đảm bảo an toàn giao thông", ["b"]),  # not also c3's "giao thông"
    ("Giàng A Pao", []),  # a key is never found inside text
    ("", []),
    ("   ", []),
])
def test_words_inside_longer_text(shipped_pack, text, expected):
    assert match_field(shipped_pack, text) == expected


def test_ambiguous_texts_return_every_candidate(shipped_pack):
    assert match_field(shipped_pack, "Nông nghiệp") == ["d1", "d2"]
    heading_c = "Trong lĩnh vực xây dựng, công thương, giao thông vận tải"
    assert match_field(shipped_pack, heading_c) == ["c1", "c2", "c3"]
    # In both g and i of the document: never decided for the user.
    assert len(match_field(shipped_pack, "Chuyển đổi số")) != 1


def test_every_label_heading_and_synonym_names_its_own_field(shipped_pack):
    for field in shipped_pack.fields:
        expected = [field.key] if field.selectable else [
            f.key for f in shipped_pack.fields if f.parent == field.key]
        for text in (field.label, field.heading, *field.synonyms):
            assert match_field(shipped_pack, text) == expected, (field.key, text)


def test_no_synonym_is_written_twice(shipped_pack):
    forms = [words(text) for field in shipped_pack.fields
             for text in (field.label, field.heading, *field.synonyms)]
    assert len(forms) == len(set(forms))
