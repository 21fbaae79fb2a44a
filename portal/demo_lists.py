"""The province's published lists in the demo (issue 17): the 2024 PAR index of the departments
(names before the 2025 merger) applied by the standing office, and the 2025 satisfaction index
of the communes ("UBND xã …" names, one commune unknown, picked). Xã Phong Thổ registers itself
as a collective of the CCHC field, so its K1/K2 read the published figures — and the figure its
officer typed differently is flagged on its evaluation page.

Both files are also written to ``var/demo/danh-sach-cong-bo/`` for trying the page by hand (the
2025 one with its unknown commune still to pick)."""

from pathlib import Path

from django.conf import settings

from evaluation import lists
from evaluation import services as evaluation
from registry import services
from registry.models import Registration
from uploads.tables import docx_bytes, xlsx_bytes

PAR_HEADERS = ["STT", "Tên cơ quan, đơn vị", "Điểm", "Chỉ số (%)", "Xếp hạng"]
PAR_2024 = [
    ("I", "CÁC SỞ, BAN, NGÀNH", "", "", ""),
    (1, "Sở Tư pháp", 86.2, "92,35", 1),
    (2, "Sở Nội vụ", 85.9, "91,80", 2),
    (3, "Sở Lao động - Thương binh và Xã hội", 82.4, "88,10", 3),
    (4, "SỞ KẾ HOẠCH VÀ ĐẦU TƯ", 81.7, "87,45", 4),
    (5, "Sở Tài chính", 81.0, "86,70", 5),
    (6, "Sở GD&ĐT", 80.1, "85,60", 6),
    (7, "Sở NN&PTNT", 79.4, "84,95", 7),
    (8, "Sở Y tế tỉnh Lai Châu", 78.8, "84,30", 8),
    (9, "Sở TT&TT", 77.5, "82,90", 9),
    (10, "BQL Khu kinh tế", 76.2, "81,55", 10),
]
SATISFACTION_HEADERS = ["STT", "Tên cơ quan, đơn vị", "Số phiếu", "Chỉ số hài lòng (%)"]
SATISFACTION_2025 = [
    (1, "UBND xã Bình Lư", 412, "96,30"),
    (2, "Ủy ban nhân dân phường Tân Phong", 530, "95,80"),
    (3, "UBND PHƯỜNG ĐOÀN KẾT", 611, "97,12"),
    (4, "UBND xã Tả Lèng", 287, "94,60"),
    (5, "UBND xã Phong Thổ", 301, "95,25"),
    (6, "UBND xã Sìn Hồ Mới", 198, "93,40"),  # no such commune: the office picks Xã Sìn Hồ
]
UNKNOWN_ROW = 8  # the file's row of "UBND xã Sìn Hồ Mới" (title, header, then six rows)


def par_2024_docx() -> bytes:
    return docx_bytes("Kết quả Chỉ số cải cách hành chính năm 2024 của các sở, ban, ngành",
                      "(Kèm theo Quyết định của Chủ tịch Ủy ban nhân dân tỉnh Lai Châu)",
                      PAR_HEADERS, PAR_2024)


def satisfaction_2025_xlsx() -> bytes:
    return xlsx_bytes("Phụ lục", SATISFACTION_HEADERS, SATISFACTION_2025)


def _write_examples(par: bytes, satisfaction: bytes) -> None:
    folder = Path(settings.VAR_DIR) / "demo" / "danh-sach-cong-bo"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "chi-so-cchc-2024-cac-so.docx").write_bytes(par)
    (folder / "chi-so-hai-long-2025-cac-xa.xlsx").write_bytes(satisfaction)


def seed_published_lists(*, campaign, standing, officer_of, current_unit) -> None:
    commune = current_unit("Xã Phong Thổ")
    officer = officer_of(commune)
    registration = Registration.objects.get(campaign=campaign, unit=commune)
    itself = services.add_exemplar(registration=registration, acting_user=officer, data={
        "kind": "collective", "name": "Ủy ban nhân dân xã Phong Thổ", "linked_unit": commune,
        "field_key": "k", "address": "Xã Phong Thổ, tỉnh Lai Châu",
        "solutions": "Bộ phận Một cửa xã giải quyết thủ tục hành chính đúng hạn, số hóa hồ sơ; "
                     "lấy ý kiến người dân sau mỗi lần giải quyết."})
    # What the officer typed before the list came: 96 % where the list says 95,25 %.
    evaluation.add_evidence(exemplar=itself, kind="cchc", acting_user=officer,
                            values={"year": 2025, "par_index": 88.4, "satisfaction": 96.0,
                                    "overdue_dossiers": 0})
    par, satisfaction = par_2024_docx(), satisfaction_2025_xlsx()
    _write_examples(par, satisfaction)
    lists.apply_list(filename="chi-so-cchc-2024-cac-so.docx", data=par, kind="par_index",
                     year=2024, acting_user=standing)
    lists.apply_list(filename="chi-so-hai-long-2025-cac-xa.xlsx", data=satisfaction,
                     kind="satisfaction", year=2025, acting_user=standing,
                     picks={UNKNOWN_ROW: current_unit("Xã Sìn Hồ").pk})
