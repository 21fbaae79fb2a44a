"""What the shared access tests (tests/test_url_access.py, tests/test_service_permissions.py,
tests/api/ops_awards.py) need of the award history: a loaded catalogue, exemplar_a's subject,
payloads and effects. Each runs inside the test's savepoint."""

import datetime

DECIDED = datetime.date(2024, 12, 20)


def catalogue(w):
    from awards.models import CommendationForm
    from awards.services import load_catalogue

    if not CommendationForm.objects.exists():
        load_catalogue(acting_user=w.users["admin"])
    return CommendationForm.objects.get(code="bang-khen-ubnd-tinh")


def subject(w):
    from awards.services import subject_for_exemplar

    catalogue(w)
    return subject_for_exemplar(exemplar=w.exemplar_a)


def subject_kwargs(w) -> dict:
    return {"pk": subject(w).pk}


def exemplar_kwargs(w) -> dict:
    subject(w)
    return {"exemplar_id": w.exemplar_a.pk}


def form_kwargs(w) -> dict:
    return {"catalogue": "hinh-thuc", "pk": catalogue(w).pk}


def title_slug(w) -> dict:
    catalogue(w)
    return {"catalogue": "danh-hieu"}


def none(w) -> dict:
    catalogue(w)
    return {}


def record_count(w) -> int:
    from awards.models import AwardRecord

    return AwardRecord.objects.count()


def title_count(w) -> int:
    from awards.models import EmulationTitle

    return EmulationTitle.objects.count()


def form_row(w):
    from awards.models import CommendationForm

    return CommendationForm.objects.filter(code="bang-khen-ubnd-tinh").values(
        "name", "valid_to").first()


def record_data(w, user) -> dict:
    return {"award": f"form:{catalogue(w).pk}", "year": 2024, "decision_number": "1234/QĐ-UBND",
            "decision_date": "2024-12-20", "issuer": "Chủ tịch UBND tỉnh Lai Châu"}


def entry_data(w, user) -> dict:
    return {"code": "giay-khen-so", "name": "Giấy khen của Giám đốc Sở", "level": "Sở",
            "subject_kinds": ["individual"], "sort_order": 5, "valid_from": "2024-01-01"}


def edit_data(w, user) -> dict:
    return {"code": "bang-khen-ubnd-tinh", "name": "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh",
            "level": "Tỉnh", "subject_kinds": ["individual", "collective"], "sort_order": 1,
            "valid_from": "2024-01-01", "counts_as_recognition": "on"}


def close_data(w, user) -> dict:
    return {"valid_to": "2026-06-30"}


def history_sheet(rows=None) -> bytes:
    """An import file in the template's columns (written by the one table writer)."""
    from awards.importing import COLUMNS
    from uploads.tables import xlsx_bytes

    rows = rows if rows is not None else [[
        "Cá nhân", "Đặng Thị Mai", "", "Sở Y tế Thử", "Bằng khen của Chủ tịch UBND tỉnh", 2023,
        "88/QĐ-UBND", "15/12/2023", "Chủ tịch UBND tỉnh", "", ""]]
    return xlsx_bytes("Hồ sơ thành tích", [str(h) for _k, h in COLUMNS], rows)


def upload_data(w, user) -> dict:
    from django.core.files.uploadedfile import SimpleUploadedFile

    catalogue(w)
    return {"file": SimpleUploadedFile("ho-so.xlsx", history_sheet())}


