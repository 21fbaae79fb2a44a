"""A guidance pack built in code with the criteria contract of 2533/HD-UBND.

The engine tests use this pack rather than the shipped YAML so that they pin the contract the
engine implements; ``test_shipped_pack.py`` checks that the shipped file keeps to it.
"""

import copy
from typing import Any

from guidance.pack import Pack

ALL_KINDS = ["collective", "individual", "household", "model"]
RATED_KINDS = ["collective", "individual"]

FIELDS: list[tuple[str, str, str | None, bool]] = [
    ("a", "Xây dựng Đảng, chính quyền, đoàn thể", None, True),
    ("b", "Quốc phòng, an ninh", None, True),
    ("c", "Xây dựng, công thương, giao thông vận tải", None, False),
    ("c1", "Xây dựng", "c", True),
    ("c2", "Công thương", "c", True),
    ("c3", "Giao thông vận tải", "c", True),
    ("d", "Nông nghiệp", None, False),
    ("d1", "Sản xuất nông nghiệp", "d", True),
    ("d2", "Xây dựng nông thôn mới", "d", True),
    ("đ", "Tài chính, ngân hàng", None, True),
    ("e", "Chăm sóc sức khỏe Nhân dân", None, True),
    ("f", "Giáo dục - Đào tạo", None, True),
    ("g", "Khoa học và công nghệ", None, True),
    ("h", "Văn hóa, nghệ thuật, thể dục thể thao", None, True),
    ("i", "Thông tin và truyền thông", None, True),
    ("k", "Cải cách hành chính", None, True),
    ("m", "Hoạt động từ thiện nhân đạo", None, True),
    ("n", "Sản xuất - kinh doanh", None, True),
]
SELECTABLE_FIELDS = [key for key, _, _, selectable in FIELDS if selectable]


def _criterion(code: str, group: str, text: str, kinds: list[str], measure: str,
               params: dict[str, Any] | None = None, fields: list[str] | None = None,
               rated: bool | None = None) -> dict[str, Any]:
    out: dict[str, Any] = {"code": code, "group": group, "text": text, "kinds": kinds,
                           "measure": measure, "params": params or {}}
    if fields is not None:
        out["fields"] = fields
    if rated is not None:
        out["rated"] = rated
    return out


def _criteria() -> list[dict[str, Any]]:
    general = [
        _criterion("G1", "general", "Gương mẫu, chấp hành tốt chủ trương, pháp luật.", ALL_KINDS,
                   "judgement"),
        _criterion("G2", "general", "Có mô hình mới, cách làm hay, sáng kiến.", ALL_KINDS,
                   "judgement"),
        _criterion("G3", "general", "Có tinh thần tương thân tương ái.", ALL_KINDS, "judgement"),
        _criterion("G4", "general", "05 năm hoàn thành tốt nhiệm vụ trở lên, 01 năm xuất sắc.",
                   RATED_KINDS, "ratings_window",
                   {"years": 5, "min_level": "tot", "require_level": "xuat_sac",
                    "require_count": 1}, rated=True),
        _criterion("G5", "general", "Thành tích được cấp có thẩm quyền công nhận.", RATED_KINDS,
                   "recognitions", {"min_count": 1}, rated=False),
        _criterion("G6", "general", "05 năm gia đình văn hóa, không vi phạm.", ["household"],
                   "cultural_family",
                   {"years": 5, "violation_kinds": ["law", "traffic", "social_evil"]}),
    ]
    per_field = [
        _criterion(f"F-{key}", "field", f"Tiêu chuẩn lĩnh vực {label}.", ALL_KINDS, "judgement",
                   fields=[key])
        for key, label, _, selectable in FIELDS
        if selectable
    ]
    k, n = ["k"], ["n"]
    measured = [
        _criterion("K1", "field", "Chỉ số CCHC từ 85% trở lên.", ["collective"], "index_threshold",
                   {"metric": "par_index", "min": 85, "adjacent_years": 1}, fields=k),
        _criterion("K2", "field", "Chỉ số hài lòng từ 95% trở lên.", ["collective"],
                   "index_threshold", {"metric": "satisfaction", "min": 95, "adjacent_years": 1},
                   fields=k),
        _criterion("K3", "field", "Không có hồ sơ trễ hạn.", ["collective"], "overdue_dossiers",
                   {"max": 0}, fields=k),
        _criterion("K4", "field", "Không kỷ luật từ cảnh cáo trở lên.", ["collective"],
                   "discipline", {"fail_from": "canh_cao"}, fields=k),
        _criterion("K5", "field", "Sáng kiến CCHC được công nhận.", RATED_KINDS,
                   "cchc_initiative", fields=k),
        _criterion("N1", "field", "Vượt kế hoạch hoặc tăng so với năm trước.", RATED_KINDS,
                   "business_growth", {"metrics": ["revenue", "budget", "profit"]}, fields=n),
        _criterion("N2", "field", "Không nợ đọng thuế.", RATED_KINDS, "tax_arrears", {"max": 0},
                   fields=n),
        _criterion("N3", "field", "Mô hình ổn định từ 02 năm.", ["household"],
                   "production_stable", {"min_years": 2}, fields=n),
        _criterion("N4", "field", "Giúp đỡ 2-3 hộ nông dân.", ["household"], "households_helped",
                   {"min": 2}, fields=n),
        _criterion("N5", "field", "Tạo việc làm cho 05 người.", ["household"], "jobs_created",
                   {"min": 5}, fields=n),
        _criterion("M1", "field", "Đã được khen thưởng về từ thiện nhân đạo.",
                   ["collective", "individual", "household"], "charity_commendations",
                   {"min_count": 1}, fields=["m"]),
    ]
    return general + per_field + measured


CONTENT: dict[str, Any] = {
    "format": "dienhinh.guidance/1",
    "code": "2533/HD-UBND",
    "version": 1,
    "title": "Hướng dẫn xây dựng và nhân rộng các mô hình tiêu biểu, điển hình tiên tiến",
    "issuer": "Ủy ban nhân dân tỉnh Lai Châu",
    "number": "2533/HD-UBND",
    "issued_on": "2024-07-02",
    "valid_from": "2024-07-02",
    "subject_kinds": [
        {"key": "collective", "label": "Tập thể"},
        {"key": "individual", "label": "Cá nhân"},
        {"key": "household", "label": "Hộ gia đình"},
        {"key": "model", "label": "Mô hình"},
    ],
    "ratings": [
        {"key": "xuat_sac", "label": "Hoàn thành xuất sắc nhiệm vụ", "rank": 4},
        {"key": "tot", "label": "Hoàn thành tốt nhiệm vụ", "rank": 3},
        {"key": "hoan_thanh", "label": "Hoàn thành nhiệm vụ", "rank": 2},
        {"key": "khong_hoan_thanh", "label": "Không hoàn thành nhiệm vụ", "rank": 1},
    ],
    "disciplines": [
        {"key": "khien_trach", "label": "Khiển trách", "rank": 1},
        {"key": "canh_cao", "label": "Cảnh cáo", "rank": 2},
        {"key": "ha_bac_luong", "label": "Hạ bậc lương", "rank": 3},
        {"key": "giang_chuc", "label": "Giáng chức", "rank": 4},
        {"key": "cach_chuc", "label": "Cách chức", "rank": 5},
        {"key": "buoc_thoi_viec", "label": "Buộc thôi việc", "rank": 6},
    ],
    "fields": [
        {"key": key, "label": label, "parent": parent, "selectable": selectable}
        for key, label, parent, selectable in FIELDS
    ],
    "criteria": _criteria(),
    "quotas": [],
    "form": {
        "title": "BIỂU ĐĂNG KÝ",
        "subtitle": "Xây dựng và nhân rộng các mô hình tiêu biểu, điển hình tiên tiến",
        "lead": "Thực hiện Hướng dẫn số {guidance_number}…",
        "place": "Lai Châu",
        "sections": [],
        "signer_title": "THỦ TRƯỞNG CƠ QUAN, ĐƠN VỊ",
        "signer_hint": "(Ký, ghi rõ họ và tên, đóng dấu)",
    },
}


def pack_content() -> dict[str, Any]:
    """A fresh deep copy, so a test may change thresholds without touching other tests."""
    return copy.deepcopy(CONTENT)


def make_pack(**params_by_code: dict[str, Any]) -> Pack:
    """The pack, with ``K1={"min": 90}`` style overrides merged into criteria params."""
    content = pack_content()
    for criterion in content["criteria"]:
        criterion["params"].update(params_by_code.get(criterion["code"], {}))
    return Pack.model_validate(content)
