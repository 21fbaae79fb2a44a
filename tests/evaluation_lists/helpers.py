"""The two published lists of issue 17, written as the province writes them, and the people
who import them."""

from orgs.models import Unit
from uploads.tables import docx_bytes, xlsx_bytes

PAR_HEADERS = ["STT", "Tên cơ quan, đơn vị", "Điểm", "Chỉ số (%)", "Xếp hạng"]
# The 2024 departments' PAR index: names before the 2025 merger, in the ways lists write them.
PAR_2024 = [
    ("I", "CÁC SỞ, BAN, NGÀNH", "", "", ""),
    (1, "Sở Tư pháp", 85.1, "91,20", 1),
    (2, "Sở Lao động - Thương binh và Xã hội", 80.3, "86,05", 2),
    (3, "SỞ KẾ HOẠCH VÀ ĐẦU TƯ", 78.9, "84,50", 3),
    (4, "Sở GD&ĐT", 77.0, "82.4", 4),
    (5, "Sở Y tế tỉnh Lai Châu", 76.2, "81,75", 5),
]
SATISFACTION_HEADERS = ["STT", "Tên cơ quan, đơn vị", "Chỉ số hài lòng (%)"]
# The 2025 communes' satisfaction index: "UBND xã …" names of the new communes, one unknown.
SATISFACTION_2025 = [
    (1, "UBND xã Bình Lư", "96,30"),
    (2, "Ủy ban nhân dân phường Tân Phong", "95,8"),
    (3, "UBND PHƯỜNG ĐOÀN KẾT", "97,12"),
    (4, "UBND xã Bình Lưu", "94,00"),  # not a commune of Lai Châu: unmatched, candidates
]


def par_2024_xlsx() -> bytes:
    return xlsx_bytes("Phụ lục", PAR_HEADERS, PAR_2024)


def par_2024_docx() -> bytes:
    return docx_bytes("Kết quả Chỉ số cải cách hành chính năm 2024",
                      "(Kèm theo Quyết định số 123/QĐ-UBND của Chủ tịch UBND tỉnh)",
                      PAR_HEADERS, PAR_2024)


def satisfaction_2025_xlsx(rows=SATISFACTION_2025) -> bytes:
    return xlsx_bytes("Phụ lục", SATISFACTION_HEADERS, rows)


def unit(code: str, *, current: bool = True) -> Unit:
    units = Unit.objects.filter(code=code)
    return (units.filter(valid_to__isnull=True) if current else units.exclude(
        valid_to__isnull=True)).get()
