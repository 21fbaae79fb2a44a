"""Fill the message catalogs after `makemessages`.

Source strings are Vietnamese (the users' language is the source of truth), so:
* locale/vi: every msgstr = its msgid (a complete catalog that wording editors can adjust);
* locale/en: the English glossary below for the interface's main words; the rest falls back
  to Vietnamese until translated.
Run through `make messages`.
"""

import re
import sys
from pathlib import Path

ENGLISH = {
    "Điển hình tiên tiến": "Advanced exemplars",
    "Tỉnh Lai Châu": "Lai Châu province",
    "Trang chủ": "Home",
    "Cơ quan, đơn vị": "Agencies and units",
    "Hướng dẫn, đợt thi đua": "Guidance and campaigns",
    "Thông báo": "Notifications",
    "Đăng xuất": "Sign out",
    "Đăng nhập": "Sign in",
    "Tên đăng nhập": "Username",
    "Mật khẩu": "Password",
    "Danh mục": "Menu",
    "Tổng hợp": "Overview",
    "Tổng hợp đăng ký": "Registration overview",
    "Danh sách điển hình": "Exemplar list",
    "Biểu đăng ký": "Registration form",
    "Đăng ký điển hình của đơn vị": "Your unit's exemplar registration",
    "Mở biểu đăng ký": "Open the registration",
    "Lập biểu đăng ký": "Start the registration",
    "Thêm": "Add",
    "Sửa": "Edit",
    "Xóa": "Delete",
    "Lưu": "Save",
    "Hủy": "Cancel",
    "Lọc": "Filter",
    "Tất cả": "All",
    "Trạng thái": "State",
    "Loại đơn vị": "Unit type",
    "Khối thi đua": "Emulation block",
    "Chỉ tiêu": "Quota",
    "Đạt": "Met",
    "Chưa đạt": "Not met",
    "Chưa lập": "Not started",
    "Xuất Excel": "Export to Excel",
    "Xuất Word": "Export to Word",
    "Lý do": "Reason",
    "Xử lý": "Actions",
    "Lịch sử thay đổi": "Change history",
    "Đang soạn": "Draft",
    "Chờ thủ trưởng duyệt": "Awaiting the head's approval",
    "Đã gửi Sở Nội vụ": "Submitted to the Department of Home Affairs",
    "Đã tiếp nhận": "Received",
    "Bị trả lại": "Returned",
    "Tập thể": "Collective",
    "Cá nhân": "Individual",
    "Hộ gia đình": "Household",
    "Mô hình": "Model",
    "Cán bộ thi đua - khen thưởng": "Emulation and commendation officer",
    "Thủ trưởng cơ quan, đơn vị": "Head of unit",
    "Cơ quan thường trực (Sở Nội vụ)": "Standing office (Department of Home Affairs)",
    "Thành viên Hội đồng Thi đua - Khen thưởng": "Member of the Emulation and Commendation Council",
    "Quản trị hệ thống": "System administrator",
    "Trình thủ trưởng duyệt": "Send to the head for approval",
    "Duyệt và gửi Sở Nội vụ": "Approve and send to the standing office",
    "Tiếp nhận": "Receive",
    "Trả lại đơn vị": "Return to the unit",
    "Trả lại để chỉnh sửa": "Send back for changes",
    "Mở lại để đơn vị bổ sung": "Reopen for the unit to amend",
    "Tìm kiếm": "Search",
    "Đánh giá": "Evaluation",
}


def _entries(text: str):
    return re.finditer(r'(?ms)^msgid "(.*?)"\nmsgstr ""\n(?!")', text)


def fill(path: Path, table: dict[str, str] | None) -> int:
    text = path.read_text(encoding="utf-8")
    filled = 0

    def replace(match: re.Match[str]) -> str:
        nonlocal filled
        msgid = match.group(1)
        if not msgid:
            return match.group(0)
        value = msgid if table is None else table.get(msgid.replace('\\"', '"'))
        if value is None:
            return match.group(0)
        filled += 1
        return f'msgid "{msgid}"\nmsgstr "{value if table is None else value.replace(chr(34), chr(92) + chr(34))}"\n'

    path.write_text(re.sub(r'(?m)^msgid "(.*)"\nmsgstr ""\n(?!")', replace, text), encoding="utf-8")
    return filled


if __name__ == "__main__":
    root = Path(sys.argv[1] if len(sys.argv) > 1 else "locale")
    print("vi:", fill(root / "vi/LC_MESSAGES/django.po", None))
    print("en:", fill(root / "en/LC_MESSAGES/django.po", ENGLISH))
