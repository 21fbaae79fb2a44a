"""Every spreadsheet the system writes is safe: typed text stays text, never a formula.

``EXPORTS`` names every route × format that hands out a file the system writes, and how to read
it back. ``test_every_export_route_is_covered`` requests every GET route of the URL access table
(and, for a route with a ``fmt``, every format it might answer to) as the system administrator:
a response that is a file and is not in ``EXPORTS`` (or ``NOT_WRITTEN_BY_US``) fails the suite.
"""

import csv
import io
import json

import pytest
from django.urls import reverse

from tests.test_url_access import ACCESS
from tests.world import world  # noqa: F401

# What clerks type (or paste from another system): text that a spreadsheet would evaluate.
HOSTILE = ['=HYPERLINK("http://x","y")', "+SUM(1,2)", "-2+3", "@SUM(A1:A2)", "\t=1+1", "\r=1+1"]
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
FILE_TYPES = (XLSX, DOCX, "text/csv", "application/json", "application/pdf",
              "application/vnd.ms-excel", "application/vnd.oasis.opendocument")
CANDIDATE_FORMATS = ("xlsx", "docx", "csv", "json", "pdf", "xls", "ods", "odt", "txt", "xml",
                     "html", "tsv")


def _xlsx_texts(content: bytes) -> list[str]:
    from openpyxl import load_workbook

    workbook = load_workbook(io.BytesIO(content))
    texts = []
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (sheet.title, cell.coordinate, cell.value)
                if isinstance(cell.value, str):
                    assert not cell.value.startswith(("=", "+", "-", "@", "\t", "\r")) \
                        or cell.quotePrefix, (sheet.title, cell.coordinate, cell.value)
                    texts.append(cell.value)
    return texts


def _csv_texts(content: bytes) -> list[str]:
    rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig"), newline="")))
    texts = [cell for row in rows for cell in row]
    for cell in texts:
        assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), cell
    # What Excel shows after dropping the protecting quote.
    return [cell[1:] if cell.startswith("'") else cell for cell in texts]


def _docx_texts(content: bytes) -> list[str]:
    from docx import Document

    document = Document(io.BytesIO(content))
    texts = [p.text for p in document.paragraphs]
    for table in document.tables:
        texts += [cell.text for row in table.rows for cell in row.cells]
    return texts


def _json_texts(content: bytes) -> list[str]:
    def walk(value):
        if isinstance(value, dict):
            for item in value.values():
                yield from walk(item)
        elif isinstance(value, list):
            for item in value:
                yield from walk(item)
        elif isinstance(value, str):
            yield value

    return list(walk(json.loads(content)))


READERS = {"xlsx": (XLSX, _xlsx_texts), "csv": ("text/csv", _csv_texts),
           "docx": (DOCX, _docx_texts), "json": ("application/json", _json_texts)}
REG = lambda w: {"pk": w.registration_a.pk}  # noqa: E731
CAMPAIGN = lambda w: {"campaign_code": w.campaign.code}  # noqa: E731

# route name → (kwargs, formats written by the system; "" for a route without ``fmt``)
EXPORTS = {
    "registry:overview_xlsx": (CAMPAIGN, {"": "xlsx"}),
    "registry:compiled_list_export": (CAMPAIGN, {f: f for f in ("xlsx", "docx", "csv", "json")}),
    "registry:registration_export": (REG, {f: f for f in ("xlsx", "docx")}),
    "registry:registration_blank": (REG, {f: f for f in ("xlsx", "docx")}),
    "evaluation:campaign_evaluation_xlsx": (CAMPAIGN, {"": "xlsx"}),
    "evaluation:rating_import_sample": (REG, {"": "xlsx"}),
    "awards:import_template": (lambda w: {}, {"": "xlsx"}),  # the blank history template
    # the public site's open data (tests/publication/test_open_data_safe.py: a published hostile name)
    "publication:data_csv": (lambda w: {}, {"": "csv"}),
    "publication:data_json": (lambda w: {}, {"": "json"}),
    # the review report kept by the worker: its DOCX and its workbook (tests/reviews/report_helpers.py)
    "reviews:report_download": (lambda w: {"pk": __import__(
        "tests.reviews.report_helpers", fromlist=["made_report"]).made_report(w).pk},
        {f: f for f in ("docx", "xlsx")}),
}
# Files handed out that the system does not write as tables: the registration's PDF is
# rendered from an escaped HTML template (no cells); a signed form, an evidence proof and a
# published list are the files their users uploaded.
NOT_WRITTEN_BY_US = {("registry:registration_export", "pdf"),
                     ("registry:signed_form_download", ""), ("evaluation:proof_download", ""),
                     ("progress:attachment", ""), ("decisions:signed_download", ""),
                     ("propagation:attachment", ""), ("discovery:photo", ""),
                     ("replication:evidence_download", ""),
                     # a published list (PAR index, satisfaction …) as the standing office uploaded it
                     ("evaluation:published_list_file", "")}
# Word documents written as prose (a plan, an inspection record): paragraphs, no spreadsheet
# cells a formula could hide in; what they hold is escaped by python-docx. Left for a table
# check of their own when they gain tables that users re-import.
PROSE_DOCUMENTS = {("fostering:plan_docx", ""), ("inspections:inspection_record", ""),
                   ("council:meeting_minutes", ""),
                   # the achievement report generated for the unit to complete (prose in Word)
                   ("proposals:report_generate", ""),
                   # a decision: prose and its attached list (Word and PDF, never a sheet)
                   ("decisions:decision_docx", ""), ("decisions:decision_pdf", ""),
                   # the media kit: a letter of introduction (prose, Word and PDF)
                   ("propagation:kit_docx", ""), ("propagation:kit_pdf", "")}
# Which exports must carry the entries' names (the blank template and the overview have none).
CARRIES_NAMES = {"registry:compiled_list_export", "registry:registration_export",
                 "evaluation:campaign_evaluation_xlsx", "evaluation:rating_import_sample"}


def _hostile_world(world):  # noqa: F811
    from registry.models import Registration
    from tests.factories import ExemplarFactory

    for number, text in enumerate(HOSTILE, start=2):
        ExemplarFactory(registration=world.registration_a, kind="individual", name=text,
                        position_title=text, work_unit=text, solutions=text, notes=text,
                        field_key="e", position=number)
    Registration.objects.filter(pk=world.registration_a.pk).update(state="submitted")
    return world


@pytest.fixture
def hostile(world):  # noqa: F811
    return _hostile_world(world)


def _cases():
    for name, (_kwargs, formats) in EXPORTS.items():
        for fmt in formats:
            yield name, fmt


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "fmt"), sorted(_cases()))
def test_export_writes_typed_text_as_text(client, hostile, name, fmt):
    kwargs_of, formats = EXPORTS[name]
    kind = formats[fmt]
    kwargs = kwargs_of(hostile) | ({"fmt": fmt} if fmt else {})
    client.force_login(hostile.users["standing"])
    response = client.get(reverse(name, kwargs=kwargs))
    assert response.status_code == 200, (name, fmt)
    content_type, read = READERS[kind]
    assert response["Content-Type"].startswith(content_type), (name, fmt, response["Content-Type"])
    content = (b"".join(response.streaming_content) if response.streaming  # a kept file
               else response.content)
    texts = read(content)  # fails on any formula cell or unprotected CSV text
    if name in CARRIES_NAMES:
        for text in HOSTILE:
            if kind == "docx" and text[0] in "\t\r":
                continue  # Word keeps a tab or a line break as layout, not as a character
            assert text in texts, (name, fmt, text)


def _file_response(response) -> bool:
    content_type = response.get("Content-Type", "")
    return (response.status_code == 200 and (
        "attachment" in response.get("Content-Disposition", "")
        or content_type.startswith(FILE_TYPES)))


@pytest.mark.django_db
def test_every_export_route_is_covered(client, hostile):
    """A new route (or a new format of a route) that hands out a file must be added above."""
    client.force_login(hostile.users["admin"])
    found = set()
    for name, route in sorted(ACCESS.items()):
        if route.get is None:
            continue
        kwargs = route.get.kwargs(hostile)
        formats = CANDIDATE_FORMATS if "fmt" in kwargs else ("",)
        for fmt in formats:
            url = reverse(name, kwargs=kwargs | ({"fmt": fmt} if fmt else {}))
            if _file_response(client.get(url)):
                found.add((name, fmt))
    covered = set(_cases()) | NOT_WRITTEN_BY_US | PROSE_DOCUMENTS
    assert found - covered == set(), f"exports without a safety check: {sorted(found - covered)}"
    assert covered - found == set(), f"declared exports that no longer answer: {covered - found}"


def _text_sheet(rows: list[list[str]]) -> bytes:
    """An .xlsx whose cells hold the given values as text (as a clerk's file would after typing
    them in a text-formatted column or pasting them from another system)."""
    from openpyxl import Workbook

    from uploads.tables import put

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "II. Cá nhân"
    lines = [["Sở Y tế Thử"], ["Stt", "Họ và tên", "Chức vụ; đơn vị công tác; địa chỉ nơi cư trú",
                               "Điển hình thuộc lĩnh vực",
                               "Các giải pháp của cá nhân đăng ký thực hiện", "Ghi chú"], *rows]
    for number, line in enumerate(lines, start=1):
        for column, value in enumerate(line, start=1):
            put(sheet.cell(row=number, column=column), value)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


@pytest.mark.django_db
def test_imported_formula_text_is_exported_as_text(client, world):  # noqa: F811
    """Replay: a clerk imports =HYPERLINK("http://x","y") as a name from Excel; the standing
    office downloads the compiled list and the evaluation table as XLSX and gets no formula."""
    from openpyxl import load_workbook

    from registry import services

    formula = '=HYPERLINK("http://x","y")'
    client.force_login(world.users["officer_a"])
    upload = io.BytesIO(_text_sheet([
        ["1", "Đặng Thị Mai", "Bác sĩ", "e", "", ""],
        ["2", formula, formula, "e", formula, formula],
    ]))
    upload.name = "bieu.xlsx"
    registration = world.registration_a
    response = client.post(reverse("registry:registration_import", args=[registration.pk]),
                           {"file": upload})
    assert response.status_code == 200
    confirm = reverse("registry:registration_import_confirm", args=[registration.pk])
    client.post(confirm, {"token": response.context["token"]})
    assert registration.exemplars.filter(name=formula).count() == 1
    registration.refresh_from_db()
    registration = services.transition_registration(
        registration=registration, transition="send_for_approval",
        acting_user=world.users["officer_a"])
    services.transition_registration(registration=registration, transition="approve",
                                     acting_user=world.users["head_a"])

    client.force_login(world.users["standing"])
    for url in (reverse("registry:compiled_list_export", args=[world.campaign.code, "xlsx"]),
                reverse("evaluation:campaign_evaluation_xlsx", args=[world.campaign.code])):
        response = client.get(url)
        body = (b"".join(response.streaming_content) if response.streaming  # a temporary file
                else response.content)
        sheet = load_workbook(io.BytesIO(body)).active
        cells = [c for row in sheet.iter_rows() for c in row]
        assert [c.coordinate for c in cells if c.data_type == "f"] == [], url
        names = [c for c in cells if c.value == formula]
        assert names and all(c.data_type == "s" for c in names), url
