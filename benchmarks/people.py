"""Realistic Vietnamese names for demo data and generated datasets (Faker's vi_VN are unusable).

Family + middle + given, by ethnic group of Lai Châu (shared/spec/names.md).
"""

import random
from dataclasses import dataclass

ETHNIC_GROUPS = {
    # group: (weight, family names, male middles, female middles)
    "Thái": (32, ["Lò", "Tòng", "Lường", "Cầm", "Quàng", "Điêu", "Hoàng", "Lù"], ["Văn"], ["Thị"]),
    "Mông": (25, ["Giàng", "Vàng", "Sùng", "Lý", "Thào", "Hờ", "Mùa", "Chang", "Lầu"],
             ["A", "Seo", "Mí"], ["Thị", "Mí"]),
    "Kinh": (20, ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Ngô",
                  "Dương"], ["Văn", "Đức", "Minh", "Quốc", "Hữu", "Ngọc"],
             ["Thị", "Thu", "Ngọc", "Minh"]),
    "Dao": (9, ["Tẩn", "Chảo", "Lý", "Phàn", "Đặng", "Triệu"], ["Láo", "Xuân", "Văn"],
            ["Thị", "Xuân"]),
    "Hà Nhì": (5, ["Lò", "Pờ", "Chu", "Phu", "Lỳ"], ["Mỳ", "Văn"], ["Mỳ", "Thị"]),
    "Giáy": (4, ["Hoàng", "Lù", "Vương", "Lồ"], ["Văn"], ["Thị"]),
    "Lự": (2, ["Lò", "Tao", "Chiêm"], ["Văn"], ["Thị"]),
    "Khơ Mú": (2, ["Lò", "Vì", "Quàng"], ["Văn"], ["Thị"]),
    "Cống": (1, ["Pạc", "Chang", "Lò"], ["Văn"], ["Thị"]),
}
MALE_GIVEN = ["An", "Bình", "Cường", "Dũng", "Đức", "Hải", "Hùng", "Khánh", "Lâm", "Long",
              "Mạnh", "Nam", "Phong", "Quyết", "Sơn", "Thắng", "Thành", "Tiến", "Trường", "Tuấn",
              "Việt", "Vượng", "Pao", "Dế", "Chứ", "Sử", "Páo", "Phổng", "Xuân", "Ểnh", "Hưởng"]
FEMALE_GIVEN = ["Anh", "Ánh", "Chi", "Dung", "Duyên", "Hà", "Hằng", "Hạnh", "Hoà", "Hương",
                "Lan", "Liên", "Linh", "Mai", "Ngọc", "Nhung", "Oanh", "Phương", "Quỳnh", "Thảo",
                "Thuỷ", "Trang", "Tuyết", "Yến", "Dợ", "Mỷ", "Sểnh", "Pằng", "Lả", "Ổn", "Hậu"]


@dataclass(frozen=True)
class Person:
    full_name: str
    gender: str  # "male" | "female"
    ethnicity: str
    birth_year: int


def compose_person(rng: random.Random) -> Person:
    groups = list(ETHNIC_GROUPS)
    group = rng.choices(groups, weights=[ETHNIC_GROUPS[g][0] for g in groups])[0]
    _, families, male_middles, female_middles = ETHNIC_GROUPS[group]
    is_male = rng.random() < 0.55
    middle = rng.choice(male_middles if is_male else female_middles)
    given = rng.choice(MALE_GIVEN if is_male else FEMALE_GIVEN)
    return Person(
        full_name=f"{rng.choice(families)} {middle} {given}",
        gender="male" if is_male else "female",
        ethnicity=group,
        birth_year=rng.randint(1968, 1998),
    )
