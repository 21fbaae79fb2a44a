"""The one spreadsheet writer: typed text stays text in XLSX and CSV, numbers stay numbers, and no
other module writes spreadsheet cells or CSV rows itself."""

import ast
import csv
import io

import pytest

from tests.test_layers import ROOT, project_files
from uploads.tables import csv_bytes, put, xlsx_bytes

RISKY = ['=HYPERLINK("http://x","y")', "+1", "-1", "@A1", "\t=1", "\r=1"]


@pytest.mark.parametrize("text", RISKY)
def test_xlsx_stores_formula_like_text_as_a_quoted_string(text):
    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(xlsx_bytes("T", ["Tên"], [[text]]))).active
    cell = sheet.cell(row=3, column=1)
    assert (cell.value, cell.data_type, cell.quotePrefix) == (text, "s", True)


def test_xlsx_keeps_numbers_typed_and_plain_text_unquoted():
    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(xlsx_bytes("T", ["a", "b", "c", "d"],
                                                [[3, -2.5, "Lò Thị Hoà", None]]))).active
    cells = sheet[3]
    assert [c.value for c in cells[:3]] == [3, -2.5, "Lò Thị Hoà"]
    assert [c.data_type for c in cells[:3]] == ["n", "n", "s"]
    assert cells[2].quotePrefix is False and cells[3].value is None


def test_put_on_a_cell_never_leaves_a_formula():
    from openpyxl import Workbook

    cell = Workbook().active["A1"]
    put(cell, "=1+1")
    assert (cell.value, cell.data_type) == ("=1+1", "s")


@pytest.mark.parametrize("text", RISKY)
def test_csv_prefixes_formula_like_text(text):
    content = csv_bytes(["Tên"], [[text]])
    assert content.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig"), newline="")))
    assert rows == [["Tên"], [f"'{text}"]]


def test_csv_writes_vietnamese_commas_and_numbers():
    content = csv_bytes(["Stt", "Tên"], [[1, "Khoa Nội, Bệnh viện"], [-2, "Đặng Thị Mai"]])
    assert content.decode("utf-8-sig") == ('Stt,Tên\r\n1,"Khoa Nội, Bệnh viện"\r\n'
                                           "-2,Đặng Thị Mai\r\n")


def _writes_cells_or_rows(tree: ast.AST) -> list[int]:
    """Lines that set a spreadsheet cell's value, append a sheet row or open a CSV writer."""
    lines = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign):
            for target in node.targets:
                if isinstance(target, ast.Attribute) and target.attr == "value":
                    lines.append(node.lineno)
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            if node.func.attr == "cell" and any(k.arg == "value" for k in node.keywords):
                lines.append(node.lineno)
            if node.func.attr == "append" and isinstance(node.func.value, ast.Name) \
                    and ("sheet" in node.func.value.id or node.func.value.id == "ws"):
                lines.append(node.lineno)
            if node.func.attr in {"writer", "DictWriter"} and isinstance(node.func.value, ast.Name) \
                    and node.func.value.id == "csv":
                lines.append(node.lineno)
    return lines


def test_no_module_but_the_writer_writes_spreadsheet_cells():
    allowed = {"uploads/tables.py", "orgs/reference/generate_former_communes.py"}  # a dev script
    offenders = []
    for path in project_files():
        relative = path.relative_to(ROOT).as_posix()
        if relative in allowed or "/migrations/" in relative:
            continue
        source = path.read_text(encoding="utf-8")
        if "openpyxl" not in source and "csv" not in source:
            continue
        offenders += [f"{relative}:{line}" for line in _writes_cells_or_rows(ast.parse(source))]
    assert offenders == [], "write cells with uploads.tables.put / csv_bytes: " + str(offenders)


def test_streamed_workbook_keeps_layout_and_quotes_formula_like_text(tmp_path):
    from openpyxl import load_workbook

    from uploads.tables import write_xlsx

    rows = ([n, f"Tên {n}", "=1+1" if n == 3 else "Lai Châu"] for n in range(1, 2501))
    seen = []
    path = tmp_path / "list.xlsx"
    written = write_xlsx(str(path), "Danh sách", ["Stt", "Tên", "Ghi chú"], rows, on_row=seen.append)
    assert written == 2500 and seen == [1000, 2000]
    sheet = load_workbook(path).active
    assert sheet["A1"].value == "Danh sách" and sheet["A1"].font.bold
    assert [c.value for c in sheet[2]] == ["Stt", "Tên", "Ghi chú"] and sheet["B2"].font.bold
    assert sheet.freeze_panes == "A3"
    assert sheet.max_row == 2502 and sheet["A2502"].value == 2500
    assert sheet["C5"].value == "=1+1" and sheet["C5"].data_type == "s" and sheet["C5"].quotePrefix


def test_streamed_workbook_memory_does_not_grow_with_the_rows(tmp_path):
    """A generator of rows goes to the file without being kept: 10× the rows, about the same
    peak of Python allocations (tracemalloc), far below the size of the rows themselves."""
    import tracemalloc

    from uploads.tables import write_xlsx

    def peak(n: int) -> int:
        rows = ([i, f"Nguyễn Văn {i}", "Trường Tiểu học Bình Lư", "Lĩnh vực giáo dục"]
                for i in range(n))
        tracemalloc.start()
        write_xlsx(str(tmp_path / f"{n}.xlsx"), "Danh sách", ["Stt", "Tên", "Đơn vị", "Lĩnh vực"],
                   rows)
        top = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        return top

    small, large = peak(2_000), peak(20_000)
    assert large < small * 2, (small, large)


def test_csv_chunks_equal_the_whole_file():
    from uploads.tables import csv_bytes, csv_chunks

    rows = [[n, f"Tên {n}", "-5"] for n in range(1, 1201)]
    chunks = list(csv_chunks(["Stt", "Tên", "Số"], iter(rows), rows_per_chunk=500))
    assert len(chunks) == 4  # the header, then 500 + 500 + 200 rows
    assert b"".join(chunks) == csv_bytes(["Stt", "Tên", "Số"], rows)
    assert b"".join(chunks).startswith("\ufeffStt,Tên,Số\r\n1,Tên 1,'-5\r\n".encode())


def test_json_chunks_make_the_same_document():
    import json

    from uploads.tables import json_chunks

    items = [{"id": n, "name": f"Lò Thị {n}"} for n in range(450)]
    chunks = list(json_chunks({"licence": "CC BY 4.0", "count": 450}, "items", iter(items)))
    assert len(chunks) == 5  # the head, 200 + 200 + 50 items, the end
    document = b"".join(chunks).decode()
    assert json.loads(document) == {"licence": "CC BY 4.0", "count": 450, "items": items}
    assert "Lò Thị 7" in document  # not \\u-escaped
    assert json.loads(b"".join(json_chunks({}, "items", iter([])))) == {"items": []}
