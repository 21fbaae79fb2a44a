"""Realistic names of provinces, agencies, communes, schools and practices for generated data.

People's names come from :func:`benchmarks.people.compose_person`; this module adds the rest.
"""

import random

# The 34 provinces and centrally-run cities since 12/06/2025.
PROVINCES = [
    "Lai Châu", "Điện Biên", "Sơn La", "Lào Cai", "Cao Bằng", "Lạng Sơn", "Tuyên Quang",
    "Thái Nguyên", "Phú Thọ", "Bắc Ninh", "Quảng Ninh", "Hà Nội", "Hải Phòng", "Hưng Yên",
    "Ninh Bình", "Thanh Hóa", "Nghệ An", "Hà Tĩnh", "Quảng Trị", "Huế", "Đà Nẵng", "Quảng Ngãi",
    "Gia Lai", "Khánh Hòa", "Đắk Lắk", "Lâm Đồng", "Đồng Nai", "Thành phố Hồ Chí Minh",
    "Tây Ninh", "Đồng Tháp", "Vĩnh Long", "Cần Thơ", "An Giang", "Cà Mau",
]
AGENCIES = [
    "Văn phòng Ủy ban nhân dân tỉnh", "Sở Nội vụ", "Sở Tài chính", "Sở Tư pháp", "Sở Xây dựng",
    "Sở Y tế", "Sở Giáo dục và Đào tạo", "Sở Nông nghiệp và Môi trường", "Sở Công Thương",
    "Sở Khoa học và Công nghệ", "Sở Văn hóa, Thể thao và Du lịch", "Sở Dân tộc và Tôn giáo",
    "Thanh tra tỉnh", "Ban Quản lý các khu kinh tế", "Đài Phát thanh và Truyền hình",
    "Trường Cao đẳng Cộng đồng", "Bệnh viện Đa khoa tỉnh", "Bảo hiểm xã hội tỉnh",
    "Kho bạc Nhà nước khu vực", "Thuế tỉnh", "Ngân hàng Chính sách xã hội chi nhánh tỉnh",
]
MASS_ORGS = [
    "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh", "Hội Liên hiệp Phụ nữ tỉnh", "Hội Nông dân tỉnh",
    "Tỉnh đoàn", "Hội Cựu chiến binh tỉnh", "Liên đoàn Lao động tỉnh", "Hội Chữ thập đỏ tỉnh",
]
ARMED_FORCES = ["Bộ Chỉ huy Quân sự tỉnh", "Công an tỉnh", "Bộ Chỉ huy Bộ đội Biên phòng tỉnh"]
ENTERPRISE_KINDS = ["Công ty Cổ phần Chè", "Công ty TNHH Xây dựng", "Công ty Điện lực",
                    "Công ty Cổ phần Thủy điện", "Công ty TNHH Thương mại Dịch vụ"]
COOPERATIVE_KINDS = ["Hợp tác xã Chè", "Hợp tác xã Dược liệu", "Hợp tác xã Nông nghiệp",
                     "Hợp tác xã Dệt thổ cẩm", "Hợp tác xã Du lịch cộng đồng"]
# Syllables of place names in the northern mountains and beyond (Thái, Mông and Kinh origins).
PLACE_SYLLABLES = [
    "Bản", "Mường", "Nậm", "Pa", "Phìn", "Sì", "Tả", "Thèn", "Khun", "Hua", "Tà", "Dào", "Ma",
    "Lùng", "Sin", "Hồ", "Mù", "Căn", "Khổng", "Lào", "Tân", "Phúc", "Bình", "Đoàn", "Kết",
    "Hưng", "Thịnh", "Yên", "Quyết", "Tiến", "Phong", "Thổ", "Cả", "Giang", "Sơn", "Hòa",
    "Đông", "Tây", "Nam", "Bắc", "Trung", "Lợi", "Nhuận", "Xuân", "Thượng", "Hạ", "Mỹ", "Lộc",
]
SUBORDINATE_KINDS = [
    "Trường Mầm non", "Trường Tiểu học", "Trường Trung học cơ sở", "Trạm Y tế xã",
    "Trường Phổ thông dân tộc bán trú", "Ban Quản lý rừng phòng hộ", "Đồn Biên phòng",
    "Trung tâm Dịch vụ nông nghiệp", "Phòng Văn hóa - Xã hội", "Phòng Kinh tế",
]
AGENCY_DIVISIONS = ["Phòng Tổ chức cán bộ", "Văn phòng", "Phòng Kế hoạch - Tài chính",
                    "Phòng Nghiệp vụ", "Trung tâm Công nghệ thông tin", "Chi cục Thống kê"]
PRACTICES = [
    "Mô hình trồng chè Shan tuyết theo hướng hữu cơ", "Mô hình nuôi cá nước lạnh",
    "Mô hình trồng sâm Lai Châu dưới tán rừng", "Mô hình “Dân vận khéo” vận động xóa nhà tạm",
    "Mô hình bản văn hóa gắn với du lịch cộng đồng", "Mô hình trồng mắc ca xen cà phê",
    "Mô hình “Tổ tự quản an ninh trật tự”", "Mô hình số hóa hồ sơ thủ tục hành chính",
    "Mô hình “Đổi đất cho rừng, đổi rừng cho sự sống”", "Mô hình chăn nuôi lợn đen bản địa",
    "Mô hình dệt thổ cẩm phục vụ du lịch", "Mô hình “Cổng trường an toàn giao thông”",
]
POSITIONS = ["Chủ tịch", "Phó Chủ tịch", "Trưởng phòng", "Phó Trưởng phòng", "Chuyên viên",
             "Giáo viên", "Bác sĩ", "Công chức Văn hóa - Xã hội", "Trưởng bản", "Bí thư chi bộ",
             "Cán bộ thi đua - khen thưởng", "Kế toán", "Nhân viên y tế thôn bản"]
SOLUTIONS = [
    "Tuyên truyền, vận động nhân dân tham gia; lồng ghép các nguồn vốn; nhân rộng kết quả.",
    "Ứng dụng khoa học kỹ thuật vào sản xuất; liên kết tiêu thụ sản phẩm với doanh nghiệp.",
    "Cải cách thủ tục hành chính, số hóa hồ sơ; tiếp nhận và trả kết quả đúng hẹn.",
    "Phát huy vai trò người có uy tín; xây dựng hương ước, quy ước của bản.",
    "Đổi mới phương pháp giảng dạy; giúp đỡ học sinh dân tộc thiểu số vượt khó.",
]


def place_name(rng: random.Random) -> str:
    first, second = rng.sample(PLACE_SYLLABLES, 2)
    return f"{first} {second}"


def commune_name(rng: random.Random) -> str:
    prefix = "Phường" if rng.random() < 0.1 else "Xã"
    return f"{prefix} {place_name(rng)}"


def numbered(names: list[str], index: int) -> str:
    """The index-th name of the list, numbered once the list is exhausted."""
    base = names[index % len(names)]
    round_ = index // len(names)
    return base if round_ == 0 else f"{base} số {round_ + 1}"
