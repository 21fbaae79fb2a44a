"""Position titles and solution summaries for demo data, by field of the 2533 pack."""

POSITIONS = {
    "agency": ["Phó Giám đốc", "Trưởng phòng", "Phó Trưởng phòng", "Chuyên viên chính",
               "Chuyên viên", "Chánh Văn phòng"],
    "commune": ["Chủ tịch UBND xã", "Phó Chủ tịch UBND xã", "Công chức Văn phòng - Thống kê",
                "Công chức Tư pháp - Hộ tịch", "Công chức Địa chính - Nông nghiệp",
                "Trưởng bản", "Bí thư Chi bộ bản"],
    "school": ["Hiệu trưởng", "Phó Hiệu trưởng", "Giáo viên", "Tổng phụ trách Đội"],
    "health": ["Trưởng trạm", "Bác sĩ", "Y sĩ", "Điều dưỡng", "Nữ hộ sinh"],
}

SOLUTIONS = {
    "a": ["Đổi mới phương thức lãnh đạo, phân công rõ người, rõ việc, rõ tiến độ; định kỳ hằng "
          "tháng kiểm điểm kết quả thực hiện nhiệm vụ.",
          "Xây dựng chi bộ trong sạch, vững mạnh gắn với học tập và làm theo tư tưởng, đạo đức, "
          "phong cách Hồ Chí Minh."],
    "b": ["Duy trì nghiêm chế độ trực sẵn sàng chiến đấu; phối hợp với lực lượng dân quân và "
          "nhân dân giữ vững an ninh trật tự khu vực biên giới."],
    "c1": ["Rà soát, điều chỉnh quy hoạch chung đô thị; công khai thủ tục cấp phép xây dựng "
           "trên Cổng dịch vụ công."],
    "c2": ["Kết nối tiêu thụ sản phẩm chè, miến dong, sản phẩm OCOP của tỉnh trên các sàn "
           "thương mại điện tử."],
    "c3": ["Ứng dụng phần mềm quản lý bảo trì đường bộ, kịp thời khắc phục sạt lở mùa mưa."],
    "d1": ["Phát triển vùng chè Shan tuyết hữu cơ, liên kết với hợp tác xã bao tiêu sản phẩm.",
           "Nhân rộng mô hình trồng sâm Lai Châu dưới tán rừng, tạo việc làm cho lao động địa "
           "phương."],
    "d2": ["Vận động nhân dân hiến đất, góp ngày công làm đường bê tông nội đồng; hoàn thành "
           "tiêu chí nông thôn mới trước thời hạn."],
    "đ": ["Đưa dịch vụ ngân hàng số tới các bản vùng sâu, vùng xa; hướng dẫn người dân mở tài "
          "khoản nhận trợ cấp qua ngân hàng."],
    "e": ["Triển khai khám sức khỏe lưu động cho người cao tuổi tại các bản vùng cao; thực "
          "hiện tốt quy tắc ứng xử, y đức của người thầy thuốc.",
          "Ứng dụng hồ sơ sức khỏe điện tử, giảm thời gian chờ khám của người bệnh."],
    "f": ["Đổi mới phương pháp dạy học, tăng cường tiếng Việt cho học sinh dân tộc thiểu số; "
          "duy trì sĩ số, chống bỏ học.",
          "Tổ chức câu lạc bộ học sinh giỏi liên trường, bồi dưỡng đội tuyển cấp tỉnh."],
    "g": ["Đề xuất sáng kiến số hóa hồ sơ lưu trữ, tiết kiệm thời gian tra cứu."],
    "h": ["Bảo tồn và phát huy các làn điệu dân ca Thái, Mông; xây dựng đội văn nghệ bản."],
    "i": ["Phát triển trang thông tin điện tử của xã, tuyên truyền chủ trương của Đảng, chính "
          "sách pháp luật bằng tiếng dân tộc."],
    "k": ["Thực hiện 100% hồ sơ thủ tục hành chính qua Bộ phận một cửa, không có hồ sơ trễ hạn; "
          "hướng dẫn người dân nộp hồ sơ trực tuyến.",
          "Rút ngắn thời gian giải quyết thủ tục hành chính, niêm yết công khai quy trình."],
    "m": ["Vận động quỹ “Vì người nghèo”, hỗ trợ xây nhà đại đoàn kết cho hộ nghèo."],
    "n": ["Mở rộng vùng nguyên liệu, áp dụng quy trình VietGAP, tăng doanh thu và nộp ngân sách "
          "vượt kế hoạch.",
          "Hướng dẫn các hộ lân cận kỹ thuật chăn nuôi, tạo việc làm ổn định cho lao động địa "
          "phương."],
}

PRACTICES = {
    "d1": ["Mô hình trồng chè Shan tuyết hữu cơ", "Mô hình trồng sâm Lai Châu dưới tán rừng",
           "Mô hình nuôi cá nước lạnh"],
    "d2": ["Mô hình “Bản sáng - xanh - sạch - đẹp”", "Mô hình tổ tự quản đường giao thông"],
    "k": ["Mô hình “Bộ phận một cửa thân thiện”", "Mô hình thanh toán không dùng tiền mặt "
          "trong giải quyết thủ tục hành chính"],
    "h": ["Mô hình câu lạc bộ văn nghệ dân gian Thái"],
    "f": ["Mô hình “Trường học xanh - sạch - đẹp”"],
}

# Where a person lives ("địa chỉ nơi cư trú" of the form): a village (bản) of a commune or a
# residential group (tổ dân phố) of a ward — never the unit's name. Private: the public site
# and open data must never show it (tests/publication walks them for these strings).
RESIDENCES = [
    "bản Nà Luồng, xã Bình Lư", "tổ dân phố 5, phường Tân Phong", "bản Sìn Chải, xã Sìn Hồ",
    "tổ dân phố 12, phường Đoàn Kết", "bản Hua Pầu, xã Tả Lèng", "bản Nậm Cáy, xã Phong Thổ",
    "tổ dân phố 3, phường Tân Phong", "bản Phiêng Pẻn, xã Bình Lư", "bản Lùng Thàng, xã Sìn Hồ",
    "tổ dân phố 8, phường Đoàn Kết",
]
