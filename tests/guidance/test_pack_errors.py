"""Broken packs are refused with every problem named at its place in the file."""

import unicodedata

import pytest
from pydantic import ValidationError

from guidance.loading import PackError, read_pack_file
from guidance.pack import Pack
from tests.guidance.packdata import criterion_index, field_index


def errors_of(path, **kwargs) -> list[str]:
    with pytest.raises(PackError) as caught:
        read_pack_file(path, **kwargs)
    assert str(caught.value).startswith(f"Bộ hướng dẫn {path} không hợp lệ")
    return caught.value.errors


def test_unknown_key(pack_data, write_pack):
    pack_data["colour"] = "đỏ"
    k1 = criterion_index(pack_data, "K1")
    pack_data["criteria"][k1]["weight"] = 2
    assert errors_of(write_pack(pack_data)) == [
        f"criteria[{k1}].weight: mục không có trong định dạng (sai tên mục?)",
        "colour: mục không có trong định dạng (sai tên mục?)",
    ]


def test_missing_key(pack_data, write_pack):
    del pack_data["form"]["sections"][1]["columns"][2]["header"]
    assert errors_of(write_pack(pack_data)) == [
        "form.sections[1].columns[2].header: thiếu mục bắt buộc"]


def test_duplicate_field_key(pack_data, write_pack):
    e, f = field_index(pack_data, "e"), field_index(pack_data, "f")
    pack_data["fields"][f]["key"] = "e"
    # The criterion F-f now names a field that no longer exists: both are reported.
    f_criterion = criterion_index(pack_data, "F-f")
    assert errors_of(write_pack(pack_data)) == [
        f"fields[{f}].key: mã lĩnh vực 'e' trùng với fields[{e}].key",
        f"criteria[{f_criterion}].fields[0]: lĩnh vực 'f' không có trong fields",
    ]


def test_criterion_referencing_a_missing_field(pack_data, write_pack):
    k1 = criterion_index(pack_data, "K1")
    pack_data["criteria"][k1]["fields"] = ["k", "z"]
    assert errors_of(write_pack(pack_data)) == [
        f"criteria[{k1}].fields[1]: lĩnh vực 'z' không có trong fields"]


def test_missing_parent_and_selectable_heading(pack_data, write_pack):
    c1, c = field_index(pack_data, "c1"), field_index(pack_data, "c")
    pack_data["fields"][c1]["parent"] = "x"
    pack_data["fields"][c]["selectable"] = True
    assert errors_of(write_pack(pack_data)) == [
        f"fields[{c}].selectable: lĩnh vực có lĩnh vực con phải đặt selectable: false",
        f"fields[{c1}].parent: lĩnh vực cha 'x' không có trong fields",
    ]


def test_wrong_types(pack_data, write_pack):
    pack_data["version"] = "một"
    pack_data["issued_on"] = "02/07/2024"
    k1 = criterion_index(pack_data, "K1")
    pack_data["criteria"][k1]["params"]["min"] = "tám lăm"
    # params are checked against the measure only once the pack's shape is right.
    assert errors_of(write_pack(pack_data)) == [
        "version: phải là số nguyên (giá trị: 'một')",
        "issued_on: phải là ngày dạng YYYY-MM-DD (giá trị: '02/07/2024')",
    ]
    pack_data["version"], pack_data["issued_on"] = 1, "2024-07-02"
    assert errors_of(write_pack(pack_data)) == [
        f"criteria[{k1}].params.min: phải là số (giá trị: 'tám lăm')"]


def test_measure_parameters(pack_data, write_pack):
    g4, k2, k4 = (criterion_index(pack_data, code) for code in ("G4", "K2", "K4"))
    pack_data["criteria"][g4]["params"]["min_level"] = "gioi"
    pack_data["criteria"][k2]["params"]["minimum"] = 95
    pack_data["criteria"][k4]["measure"] = "disciplined"
    assert errors_of(write_pack(pack_data)) == [
        f"criteria[{g4}].params.min_level: mức 'gioi' không có trong ratings",
        f"criteria[{k2}].params.minimum: mục không có trong định dạng (sai tên mục?)",
        f"criteria[{k4}].measure: không có quy tắc 'disciplined' (các quy tắc có: "
        "business_growth, cchc_initiative, charity_commendations, cultural_family, discipline, "
        "households_helped, index_threshold, jobs_created, judgement, overdue_dossiers, "
        "production_stable, ratings_window, recognitions, tax_arrears)",
    ]


def test_literal_values(pack_data, write_pack):
    pack_data["criteria"][0]["kinds"] = ["collective", "group"]
    assert errors_of(write_pack(pack_data)) == [
        "criteria[0].kinds[1]: phải là một trong: 'collective', 'individual', 'household' "
        "hoặc 'model' (giá trị: 'group')"]


def test_quota_unit_type_and_dates(pack_data, write_pack):
    pack_data["quotas"][0]["unit_types"] = ["agency", "department"]
    pack_data["quotas"][2]["valid_to"] = "2025-01-01"
    assert errors_of(write_pack(pack_data)) == [
        "quotas[2].valid_to: trước valid_from",
        "quotas[0].unit_types[1]: loại đơn vị 'department' không có (các loại: province, "
        "agency, mass_org, armed_forces, enterprise, cooperative, district, commune, subordinate)",
    ]


def test_duplicate_codes_and_columns(pack_data, write_pack):
    k2 = criterion_index(pack_data, "K2")
    pack_data["criteria"][k2]["code"] = "K1"
    pack_data["form"]["sections"][0]["columns"][6]["key"] = "name"
    assert errors_of(write_pack(pack_data)) == [
        f"criteria[{k2}].code: mã tiêu chuẩn 'K1' trùng với criteria[{k2 - 1}].code",
        "form.sections[0].columns[6].key: mã cột 'name' trùng với form.sections[0].columns[1].key",
    ]


def test_yaml_syntax_error_names_line_and_column(write_pack):
    path = write_pack("format: dienhinh.guidance/1\ncode: [2533\nversion: 1\n")
    [message] = errors_of(path)
    assert message.startswith("dòng 3, cột 8: lỗi cú pháp YAML (")


def test_repeated_yaml_key_is_an_error(write_pack):
    path = write_pack("format: dienhinh.guidance/1\ncode: A\nversion: 1\ncode: B\n")
    assert errors_of(path) == ["dòng 4, cột 1: khóa 'code' bị lặp lại"]


def test_not_a_mapping(write_pack):
    assert errors_of(write_pack("- a\n- b\n")) == [
        "tệp phải là một bảng các mục `khóa: giá trị` ở cấp ngoài cùng"]


def test_unreadable_file(tmp_path):
    assert errors_of(tmp_path / "khong-co.yaml") == ["không đọc được tệp (không có tệp này)"]
    assert errors_of(tmp_path) == ["không đọc được tệp (đây là một thư mục)"]
    latin1 = tmp_path / "latin1.yaml"
    latin1.write_bytes("title: Hướng dẫn".encode("utf-16"))
    assert errors_of(latin1) == ["tệp không phải UTF-8 (byte thứ 0)"]


def test_json_pack(pack_data, write_pack):
    assert read_pack_file(write_pack(pack_data, "pack.json")).code == "2533/HD-UBND"
    # --json: a JSON file whose name does not say so.
    assert read_pack_file(write_pack(pack_data, "pack.txt"), fmt="json").version == 1
    assert errors_of(write_pack('{\n  "code": "x",\n}', "broken.json")) == [
        "dòng 3, cột 1: lỗi cú pháp JSON (Expecting property name enclosed in double quotes)"]
    assert errors_of(write_pack('{"code": "x", "code": "y"}', "twice.json")) == [
        "lỗi JSON: khóa 'code' bị lặp lại"]


def test_strings_are_normalised_to_nfc(pack_data, write_pack):
    pack_data["title"] = unicodedata.normalize("NFD", pack_data["title"])
    pack_data["fields"][0]["synonyms"].append(unicodedata.normalize("NFD", "Đảng ủy"))
    pack = read_pack_file(write_pack(pack_data))
    assert pack.title == unicodedata.normalize("NFC", pack_data["title"])
    assert pack.fields[0].synonyms[-1] == "Đảng ủy"
    assert unicodedata.is_normalized("NFC", pack.fields[0].synonyms[-1])


def test_direct_validation_also_names_places(pack_data):
    k1 = criterion_index(pack_data, "K1")
    pack_data["criteria"][k1]["fields"] = ["z"]
    with pytest.raises(ValidationError) as caught:
        Pack.model_validate(pack_data)
    assert f"criteria[{k1}].fields[0]: lĩnh vực 'z' không có trong fields" in str(caught.value)
