import json
from io import StringIO

from django.core.management import call_command


def run(*args) -> str:
    out = StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def test_json_shape_best_first(province):
    payload = json.loads(run("search", "Dặng Thi Mal", "--json", "--limit", "3"))
    assert list(payload) == ["results"]
    results = payload["results"]
    assert len(results) == 3
    assert results[0] == {
        "kind": "exemplar", "id": province.by_name["Đặng Thị Mai"].pk, "name": "Đặng Thị Mai",
        "unit": "Sở Y tế tỉnh Lai Châu", "score": results[0]["score"],
    }
    assert all(set(r) == {"kind", "id", "name", "unit", "score"} for r in results)
    assert all(isinstance(r["score"], float) for r in results)
    scores = [r["score"] for r in results]
    assert scores == sorted(scores, reverse=True)


def test_json_keeps_vietnamese_letters_and_units_have_null_unit_at_the_root(province):
    text = run("search", "Ủy ban nhân dân tỉnh Lai Châu", "--json")
    assert "Ủy ban nhân dân tỉnh Lai Châu" in text  # ensure_ascii=False
    first = json.loads(text)["results"][0]
    assert (first["kind"], first["unit"]) == ("unit", None)


def test_query_words_may_be_given_unquoted(province):
    payload = json.loads(run("search", "dang", "thi", "mai", "--json"))
    assert payload["results"][0]["name"] == "Đặng Thị Mai"


def test_readable_table(province):
    text = run("search", "Lò Văn Thắng")
    lines = text.splitlines()
    assert lines[0].split() == ["Điểm", "Loại", "Mã", "số", "Tên", "Đơn", "vị"]
    assert "Lò Văn Thắng" in lines[1] and "Ủy ban nhân dân xã Bản Giang" in lines[1]
    assert run("search", "xyzzyq").strip() == "Không tìm thấy kết quả nào."
    assert json.loads(run("search", "xyzzyq", "--json")) == {"results": []}


def test_rebuild_command(province):
    text = run("rebuild_search_index", "--batch-size", "5")
    assert "14 điển hình" in text
