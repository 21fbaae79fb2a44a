"""Vietnamese order: people by given, middle, family name; everything by ICU's Vietnamese order."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from core.collation import person_sort_key, sort_key, split_person_name
from orgs.models import Unit
from tests.factories import UnitFactory

# As a clerk writes the list: by given name (An, Anh, Ánh, Ăn, Ân, Bình, … with tones in the
# order ngang, huyền, hỏi, ngã, sắc, nặng), then middle name, then family name.
PEOPLE_IN_ORDER = [
    "Lê Văn An",
    "Phạm Minh Anh",
    "Lò Văn Ánh",
    "Lê Thị Ăn",
    "Lê Thị Ân",
    "Nguyễn Thị Bình",
    "Vàng Thị Dung",
    "Trần Đức Đức",
    "Tẩn Láo Ểnh",
    "Nguyễn Văn Hoà",
    "Nguyễn Văn Hoàn",
    "Đặng Thị Mai",
    "Hoàng Thị Mai",
    "Đặng Văn Mai",
    "Đặng Thị Mài",
    "Đặng Thị Mải",
    "Đặng Thị Mãi",
    "Đặng Thị Mái",
    "Đặng Thị Mại",
    "Giàng A Pao",
    "Lường Văn Thắng",
    "Sùng Seo Ư",
]

UNITS_IN_ORDER = [
    "Ban Dân tộc tỉnh",
    "Bệnh viện Đa khoa tỉnh",
    "Công an tỉnh",
    "Đài Phát thanh và Truyền hình tỉnh",
    "Hội Nông dân tỉnh",
    "Ủy ban nhân dân xã Bản Giang",
    "Ủy ban nhân dân xã Ka Lăng",
    "Xã Bình Lư",
    "Xã Dào San",
    "Xã Đông Phong",
]


def test_people_sort_by_given_then_middle_then_family():
    shuffled = sorted(PEOPLE_IN_ORDER, key=lambda name: name[::-1])
    assert sorted(shuffled, key=person_sort_key) == PEOPLE_IN_ORDER


def test_lê_văn_an_before_nguyễn_thị_bình():
    assert person_sort_key("Lê Văn An") < person_sort_key("Nguyễn Thị Bình")


def test_units_sort_in_vietnamese_alphabetical_order():
    assert sorted(reversed(UNITS_IN_ORDER), key=sort_key) == UNITS_IN_ORDER


def test_both_tone_placements_get_one_key():
    assert sort_key("Hòa") == sort_key("Hoà")
    assert person_sort_key("Nguyễn Thị Thủy") == person_sort_key("Nguyễn Thị Thuỷ")


def test_split_person_name():
    assert split_person_name(" Giàng  A Pao ") == ("Giàng", "A", "Pao")
    assert split_person_name("Nguyễn Thị Minh Khai") == ("Nguyễn", "Thị Minh", "Khai")
    assert split_person_name("Pao") == ("", "", "Pao")
    assert split_person_name("") == ("", "", "")


vietnamese = st.text(
    alphabet="aăâbcdđeêghiklmnoôơpqrstuưvxyAĂÂĐÊÔƠƯàảãáạằẳẵắặầẩẫấậèẻẽéẹềểễếệìỉĩíịòỏõóọồổỗốộờởỡớợ"
             "ùủũúụừửữứựỳỷỹýỵ 0123456789-.",
    max_size=40,
)


@given(vietnamese)
def test_sort_keys_hold_no_zero_byte_but_the_terminator(text):
    key = sort_key(text)
    assert key.endswith(b"\x00")
    assert b"\x00" not in key[:-1]


@given(vietnamese, vietnamese)
def test_concatenated_person_keys_compare_part_by_part(first, second):
    a, b = split_person_name(first), split_person_name(second)
    expected = [sort_key(a[2]), sort_key(a[1]), sort_key(a[0])] < [
        sort_key(b[2]), sort_key(b[1]), sort_key(b[0])]
    assert (person_sort_key(first) < person_sort_key(second)) == expected


@pytest.mark.django_db
def test_database_orders_binary_keys_like_icu():
    """bytea (PostgreSQL) and BLOB (SQLite) compare with memcmp: ORDER BY gives ICU's order."""
    for name in reversed(UNITS_IN_ORDER):
        UnitFactory(name=name)
    ordered = list(Unit.objects.order_by("sort_key").values_list("name", flat=True))
    assert ordered == UNITS_IN_ORDER
