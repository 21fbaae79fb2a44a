"""The Word template teaches what to write; errors say where in the form's own words.

Replays: "Nông nghiệp" in the field column of a Word file was refused with "Hãy chọn một lĩnh
vực" although Word has nothing to choose from; the location "Bảng 3, dòng 3" contradicted
"Dòng 2" on the same line.
"""

import io
import json
import re

import pytest
from django.core.management import call_command
from django.urls import reverse

from registry.io.document import blank_document
from registry.io.export import render_document
from tests.registry_io.blank_fill import fill_blank
from tests.world import world  # noqa: F401  (fixture)

pytestmark = pytest.mark.django_db
LOCATION = "Mục II. Cá nhân, dòng 2, cột “Điển hình thuộc lĩnh vực”"
ROWS = {"individual": [("Đặng Thị Mai", "Điều dưỡng", "k"),
                       ("Lò Thị Hoà", "Bác sĩ; Khoa Ngoại", "Nông nghiệp")]}


def _docx_text(data: bytes) -> tuple[str, list[list[list[str]]]]:
    from docx import Document

    document = Document(io.BytesIO(data))
    text = "\n".join(p.text for p in document.paragraphs)
    tables = [[[cell.text for cell in row.cells] for row in t.rows] for t in document.tables]
    return text, tables


def test_word_template_lists_the_fields_and_an_example_row(world):  # noqa: F811
    pack = world.campaign.pack.pack
    text, tables = _docx_text(render_document(blank_document(world.unit_a, pack), "docx"))
    legend = next(t for t in tables if t[0] == ["Ký hiệu", "Lĩnh vực"])
    keys = {row[0]: row[1] for row in legend[1:]}
    assert list(keys) == [f.key for f in pack.selectable_fields()]
    assert keys["d1"].startswith("Sản xuất nông nghiệp")
    assert "CCHC" in keys["k"]  # the synonyms the importer understands
    assert "c" not in keys  # a parent heading is not written in the form
    assert "Ví dụ một dòng của mục II. Cá nhân:" in text
    assert "– Họ và tên: Lò Thị Hoa" in text and "– Điển hình thuộc lĩnh vực: k" in text


def test_excel_template_keeps_its_drop_down(world):  # noqa: F811
    from openpyxl import load_workbook

    data = render_document(blank_document(world.unit_a, world.campaign.pack.pack), "xlsx")
    sheet = load_workbook(io.BytesIO(data)).worksheets[1]
    (validation,) = sheet.data_validations.dataValidation
    assert validation.type == "list" and "Danh mục lĩnh vực" in validation.formula1


def _error_rows(page: str) -> list[str]:
    table = page.split('id="import-errors"', 1)[1].split("</table>", 1)[0]
    return re.findall(r"<tr>(.*?)</tr>", table, flags=re.S)


def test_word_file_ambiguous_field_one_location_in_web_and_command(client, world, tmp_path):  # noqa: F811
    client.force_login(world.users["officer_a"])
    blank = client.get(reverse("registry:registration_blank",
                               args=[world.registration_a.pk, "docx"])).content
    data = fill_blank(blank, "docx", ROWS)

    upload = io.BytesIO(data)
    upload.name = "bieu.docx"
    page = client.post(reverse("registry:registration_import", args=[world.registration_a.pk]),
                       {"file": upload}).content.decode()
    (row,) = [r for r in _error_rows(page) if "<td" in r]
    assert LOCATION in row
    assert "Bảng" not in row and "dòng 3" not in row  # no second, contradicting location
    assert "Hãy chọn" not in row
    assert "Hãy ghi đúng một ký hiệu: “d1” hoặc “d2”." in row
    assert "“d1) Sản xuất nông nghiệp”" in row and "“d2) Xây dựng nông thôn mới”" in row

    path = tmp_path / "bieu.docx"
    path.write_bytes(data)
    out, err = io.StringIO(), io.StringIO()
    with pytest.raises(SystemExit):
        call_command("import_registration", str(path), "--unit", world.unit_a.code, "--json",
                     stdout=out, stderr=err)
    (error,) = json.loads(out.getvalue())["errors"]
    assert error["location"] == LOCATION
    assert error["message"].endswith("“d1” hoặc “d2”.")

    out, err = io.StringIO(), io.StringIO()
    with pytest.raises(SystemExit):
        call_command("import_registration", str(path), "--unit", world.unit_a.code,
                     stdout=out, stderr=err)
    (line,) = [line for line in err.getvalue().splitlines() if "Nông nghiệp" in line]
    assert line.startswith(f"{LOCATION}: “Nông nghiệp” ứng với nhiều lĩnh vực")
