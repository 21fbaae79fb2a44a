"""A corpus of filled Biểu đăng ký, built in code (python-docx, openpyxl) in the shapes units
really send: several tables or one table with heading rows, merged cells, repeated headers,
blank template rows, numbering rows, line breaks in cells, NFD text with non-breaking and stray
spaces, "1" / "1." / "01" numbering, optional sections III and IV present or not.

Every shape carries the same entries (``CASE``), so one expectation checks them all:
``expected(kinds)`` is what the importer must read back.
"""

ROLE_KEYS = {
    "collective": ["address", "head_name", "solutions", "notes"],
    "individual": ["position_title", "work_unit", "address", "solutions", "notes"],
    "household": ["address", "solutions", "notes"],
    "model": ["address", "solutions", "notes"],
}

CASE: list[dict] = [
    {"section": "collective", "name": "Phòng Cải cách hành chính",
     "field_text": "Cải cách hành chính", "field": "k", "address": "Phường Đoàn Kết",
     "head_name": "Nguyễn Thị Hương",
     "solutions": "Rà soát, đơn giản hóa thủ tục hành chính.\nDịch vụ công trực tuyến toàn trình.",
     "notes": ""},
    {"section": "collective", "name": "Trạm Y tế xã Bình Lư", "field_text": "Y tế", "field": "e",
     "address": "Xã Bình Lư", "head_name": "Lò Văn Dũng",
     "solutions": "Khám chữa bệnh lưu động tại bản.", "notes": "Đăng ký mới"},
    {"section": "individual", "name": "Đặng Thị Hoà", "field_text": "CCHC", "field": "k",
     "position_title": "Phó Trưởng phòng", "work_unit": "Phòng Tổ chức cán bộ",
     "address": "Phường Tân Phong", "solutions": "Số hóa hồ sơ cán bộ.", "notes": ""},
    {"section": "individual", "name": "Giàng A Pao", "field_text": "Xây dựng nông thôn mới",
     "field": "d2", "position_title": "Trưởng bản", "work_unit": "Bản Sin Câu",
     "address": "Xã Sìn Hồ", "solutions": "Vận động Nhân dân hiến đất làm đường.", "notes": ""},
    {"section": "individual", "name": "Tẩn Láo Mẩy", "field_text": "Giáo dục - Đào tạo",
     "field": "f", "position_title": "Giáo viên", "work_unit": "Trường PTDTBT THCS Pa Vệ Sử",
     "address": "", "solutions": "Dạy học song ngữ cho học sinh lớp đầu cấp.", "notes": ""},
    {"section": "household", "name": "Vàng Seo Hậu", "field_text": "Sản xuất - kinh doanh",
     "field": "n", "address": "Bản Nậm Khăm, xã Phong Thổ",
     "solutions": "Nuôi cá lồng, giúp 3 hộ cùng làm.", "notes": ""},
    {"section": "model", "name": "Mô hình trồng chè sạch Tân Uyên",
     "field_text": "Sản xuất nông nghiệp", "field": "d1", "address": "Xã Tân Uyên",
     "solutions": "Liên kết với hợp tác xã bao tiêu sản phẩm.", "notes": ""},
]

ALL_KINDS = ("collective", "individual", "household", "model")
UNIT_LINES = ("UBND TỈNH LAI CHÂU", "SỞ Y TẾ")


def entries_of(kind: str) -> list[dict]:
    return [e for e in CASE if e["section"] == kind]


def details(entry: dict, separator: str = "\n") -> str:
    parts = [entry["position_title"], entry["work_unit"], entry["address"]]
    while parts and not parts[-1]:
        parts.pop()
    return separator.join(parts)


def expected(kinds=ALL_KINDS, changes: dict | None = None) -> list[dict]:
    """What the importer must read: per section, rows numbered 1, 2, … in file order;
    ``changes`` maps a name to the keys a shape changes on purpose."""
    out = []
    for kind in kinds:
        for row, entry in enumerate(entries_of(kind), start=1):
            item = {"section": kind, "row": row, "name": entry["name"], "field": entry["field"]}
            item |= {k: entry[k] for k in ROLE_KEYS[kind]}
            out.append(item | (changes or {}).get(entry["name"], {}))
    return out


def project(parsed_json: dict) -> list[dict]:
    """The parsed entries limited to the keys ``expected`` checks (a file laid out with another
    section's columns may add empty ones such as head_name for a household)."""
    out = []
    for entry in parsed_json["entries"]:
        keys = ["section", "row", "name", "field", *ROLE_KEYS[entry["section"]]]
        out.append({k: entry.get(k, "") for k in keys})
    return out
