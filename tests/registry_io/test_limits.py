"""The row limit counts entries: a 5,000-entry form is accepted whatever its headings, repeated
headers and blank template rows; 5,001 entries are refused. A separate generous cap on physical
rows (``MAX_PHYSICAL_ROWS``) refuses abuse before any parser runs."""

import copy
import io
import zipfile

import pytest
from openpyxl import Workbook

from registry.io.reader import read_upload
from uploads.safety import MAX_PHYSICAL_ROWS, MAX_ROWS

HEADER = ["Stt", "Họ và tên", "Chức vụ; đơn vị công tác; địa chỉ nơi cư trú",
          "Điển hình thuộc lĩnh vực"]
ENTRY_LIMIT = "Tệp có quá nhiều dòng (trên 5.000 dòng). Hãy chia thành nhiều tệp nhỏ hơn."
PHYSICAL_LIMIT = (
    "Tệp có quá nhiều dòng (trên 20.000 dòng trong các bảng, kể cả dòng tiêu đề và dòng trống; "
    "biểu đăng ký nhận tối đa 5.000 mục). Hãy xóa các dòng thừa hoặc chia thành nhiều tệp nhỏ "
    "hơn.")


def _refusal(pack, name: str, data: bytes) -> str:
    parsed = read_upload(name, data, pack)
    assert parsed.unusable, parsed.errors[:3]
    assert parsed.entries == []
    ((error,),) = [parsed.errors]
    return error.message


def _layout_rows(entries: int, *, header_every: int = 25, blanks: int = 400) -> list[list]:
    """Rows of a form filled by hand: a heading, the header, the numbering row, the header
    repeated every ``header_every`` entries (copied onto each printed page), then ``blanks``
    numbered template rows left empty at the end and the footer."""
    rows: list[list] = [["Sở Y tế Thử"], ["II. CÁ NHÂN"], HEADER, ["(1)", "(2)", "(3)", "(4)"]]
    for n in range(1, entries + 1):
        rows.append([n, f"Người thứ {n}", "Cán bộ", "CCHC"])
        if n % header_every == 0 and n < entries:
            rows.append(HEADER)
    rows += [[entries + n] for n in range(1, blanks + 1)]
    rows += [["Nơi nhận:"], ["THỦ TRƯỞNG CƠ QUAN, ĐƠN VỊ"]]
    return rows


def _xlsx(sheets: dict[str, list[list]]) -> bytes:
    workbook = Workbook(write_only=True)
    for title, rows in sheets.items():
        sheet = workbook.create_sheet(title)
        for row in rows:
            sheet.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def _docx(rows: list[list]) -> bytes:
    """One Word table holding ``rows`` (rows copied as XML: python-docx's add_row is slow)."""
    from docx import Document

    document = Document()
    width = max(len(r) for r in rows)
    table = document.add_table(rows=1, cols=width)
    template = table.rows[0]._tr
    tbl = table._tbl
    tbl.remove(template)
    for values in rows:
        tr = copy.deepcopy(template)
        for tc, value in zip(tr.tc_lst, [*values, *[""] * (width - len(values))], strict=True):
            if value != "":
                tc.p_lst[0].add_r().add_t(str(value))
        tbl.append(tr)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _physical_rows(data: bytes) -> int:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return archive.read("word/document.xml").count(b"<w:tr>")


def test_limits_are_the_documented_ones():
    assert MAX_ROWS == 5000
    assert MAX_PHYSICAL_ROWS >= 4 * MAX_ROWS


def test_five_thousand_entries_are_accepted_with_headings_headers_and_blank_rows(pack):
    rows = _layout_rows(MAX_ROWS)
    assert len(rows) > MAX_ROWS + 500  # more physical rows than the old 5,000 + 100 allowed
    parsed = read_upload("bieu.xlsx", _xlsx({"II. Cá nhân": rows}), pack)
    assert parsed.errors == []
    assert len(parsed.entries) == MAX_ROWS
    assert parsed.entries[-1].row == MAX_ROWS and parsed.entries[-1].name == "Người thứ 5000"


def test_five_thousand_and_one_entries_are_refused_with_the_vietnamese_message(pack):
    data = _xlsx({"II. Cá nhân": _layout_rows(MAX_ROWS + 1)})
    assert _refusal(pack, "bieu.xlsx", data) == ENTRY_LIMIT


def test_entries_are_counted_across_sections(pack):
    """4 sheets of 1,250 entries each: 5,000 in all is accepted, one more anywhere is not."""
    def sheets(extra: int) -> dict[str, list[list]]:
        titles = ["I. Tập thể", "II. Cá nhân", "III. Hộ gia đình", "IV. Mô hình"]
        heads = {"I. Tập thể": ["Stt", "Tên tập thể", "Địa chỉ", "Điển hình thuộc lĩnh vực"],
                 "III. Hộ gia đình": ["Stt", "Chủ hộ", "Địa chỉ", "Điển hình thuộc lĩnh vực"],
                 "IV. Mô hình": ["Stt", "Tên mô hình", "Địa chỉ", "Điển hình thuộc lĩnh vực"]}
        result = {}
        for index, title in enumerate(titles):
            count = 1250 + (extra if index == 3 else 0)
            result[title] = [heads.get(title, HEADER)] + [
                [n, f"{title[-6:]} số {n}", "Bản Nà Khum", "CCHC"] for n in range(1, count + 1)
            ] + [[1250 + n] for n in range(1, 6)]
        return result

    parsed = read_upload("bieu.xlsx", _xlsx(sheets(0)), pack)
    assert parsed.errors == []
    assert len(parsed.entries) == MAX_ROWS
    assert {e.section for e in parsed.entries} == {"collective", "individual", "household",
                                                   "model"}
    assert _refusal(pack, "bieu.xlsx", _xlsx(sheets(1))) == ENTRY_LIMIT


def test_word_form_counts_entries_not_table_rows(pack):
    accepted = _docx(_layout_rows(MAX_ROWS, header_every=20, blanks=200)[1:])
    assert _physical_rows(accepted) > MAX_ROWS + 400
    parsed = read_upload("bieu.docx", accepted, pack)
    assert parsed.errors == []
    assert len(parsed.entries) == MAX_ROWS
    refused = _docx(_layout_rows(MAX_ROWS + 1, header_every=20, blanks=200)[1:])
    assert _refusal(pack, "bieu.docx", refused) == ENTRY_LIMIT


def test_word_table_past_the_physical_cap_is_refused_before_parsing(pack, monkeypatch):
    import uploads.parse_docx as parse_docx

    def must_not_parse(_data):
        raise AssertionError("the physical cap must refuse the file before it is parsed")

    monkeypatch.setattr(parse_docx, "docx_blocks", must_not_parse)
    rows = [HEADER] + [[""]] * MAX_PHYSICAL_ROWS  # mostly empty rows: no entries at all
    assert _refusal(pack, "bieu.docx", _docx(rows)) == PHYSICAL_LIMIT


@pytest.mark.parametrize("row", [MAX_PHYSICAL_ROWS + 1, 900_000])
def test_sheet_reaching_past_the_physical_cap_is_refused(pack, row):
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "II. Cá nhân"
    sheet.append(HEADER)
    sheet.append([1, "Người thứ 1", "Cán bộ", "CCHC"])
    sheet.cell(row=row, column=2, value="x")
    out = io.BytesIO()
    workbook.save(out)
    assert _refusal(pack, "bieu.xlsx", out.getvalue()) == PHYSICAL_LIMIT


def test_many_sheets_cannot_multiply_the_physical_cap(pack):
    """Each sheet alone is under the cap; together they reach past it (calamine would read the
    whole rectangle of every sheet)."""
    reach = MAX_PHYSICAL_ROWS // 3
    workbook = Workbook()
    workbook.remove(workbook.active)
    for n in range(4):
        sheet = workbook.create_sheet(f"Trang {n + 1}")
        sheet.append(HEADER)
        sheet.cell(row=reach, column=1, value="x")
    out = io.BytesIO()
    workbook.save(out)
    assert _refusal(pack, "bieu.xlsx", out.getvalue()) == PHYSICAL_LIMIT


# --- applying many added entries at once (services.bulk_add_exemplars) ---------------------


@pytest.mark.django_db
def test_bulk_add_validates_every_row_like_add_exemplar_and_saves_nothing_on_a_bad_one():
    from audit.models import AuditEvent
    from core.errors import DomainError
    from registry import services
    from tests.registry_io.helpers import filled_registration

    registration, officer = filled_registration()
    before = list(registration.exemplars.values_list("pk", "kind", "position", "name"))
    events, version = AuditEvent.objects.count(), registration.version
    rows = [{"kind": "individual", "name": "Lò Thị Mới", "field_key": "e"},
            {"kind": "individual", "name": "  ", "field_key": "e"}]
    with pytest.raises(DomainError) as refused:
        services.bulk_add_exemplars(registration=registration, rows=rows, acting_user=officer)
    assert refused.value.message == "Mục thứ 2 (—): Tên không được để trống."
    rows[1] = {"kind": "individual", "name": "Lò Văn Sai", "field_key": "zz"}
    with pytest.raises(DomainError, match="Mục thứ 2 \\(Lò Văn Sai\\): Hãy chọn lĩnh vực"):
        services.bulk_add_exemplars(registration=registration, rows=rows, acting_user=officer)
    registration.refresh_from_db()
    assert list(registration.exemplars.values_list("pk", "kind", "position", "name")) == before
    assert AuditEvent.objects.count() == events and registration.version == version


@pytest.mark.django_db
def test_bulk_add_numbers_stamps_audits_and_indexes_like_add_exemplar():
    from audit.models import Action, AuditEvent
    from core.errors import NotAllowed
    from registry import services
    from search.models import SearchEntry
    from tests.factories import UserFactory
    from tests.registry_io.helpers import filled_registration

    registration, officer = filled_registration()  # individuals at positions 1–3
    with pytest.raises(NotAllowed):
        services.bulk_add_exemplars(registration=registration, acting_user=UserFactory(),
                                    rows=[{"kind": "model", "name": "X", "field_key": "e"}])
    version = registration.version
    added = services.bulk_add_exemplars(registration=registration, acting_user=officer, rows=[
        {"kind": "individual", "name": "  Lường\u00a0Thị   Hoa ", "field_key": "k",
         "solutions": "Dòng một\r\nDòng hai"},
        {"kind": "individual", "name": "Tòng Văn Sơn", "field_key": "k", "position": 9},
        {"kind": "household", "name": "Lò Văn Páo", "field_key": "n"},
        {"kind": "individual", "name": "Vàng A Chá", "field_key": "k"},
    ])
    assert [(e.kind, e.position, e.name) for e in added] == [
        ("individual", 4, "Lường Thị Hoa"), ("individual", 9, "Tòng Văn Sơn"),
        ("household", 2, "Lò Văn Páo"), ("individual", 5, "Vàng A Chá")]
    saved = registration.exemplars.get(pk=added[0].pk)
    assert (saved.folded_name, saved.solutions, saved.created_by) == (
        "luong thi hoa", "Dòng một\nDòng hai", officer)
    assert saved.sort_key and saved.created_at is not None
    registration.refresh_from_db()
    assert registration.version == version + 1
    created = AuditEvent.objects.filter(action=Action.CREATE, content_type__model="exemplar",
                                        object_id__in=[str(e.pk) for e in added])
    assert created.count() == 4
    assert created.get(object_id=str(added[0].pk)).changes["name"] == [None, "Lường Thị Hoa"]
    assert all(e.actor == officer and e.unit == registration.unit for e in created)
    summary = AuditEvent.objects.get(verb="bulk_add", object_id=str(registration.pk))
    assert summary.changes["added"] == [None, 4]
    assert SearchEntry.objects.filter(kind="exemplar",
                                      object_id__in=[e.pk for e in added]).count() == 4
    assert services.bulk_add_exemplars(registration=registration, rows=[],
                                       acting_user=officer) == []
