"""Demo data for reminders (đôn đốc): a template per registry reason, the open campaign's
automatic schedule (7 and 1 days before the deadline, 1 day after) and a few reminders sent by
the standing office — all through ``urging.services``."""

import datetime

from urging import services

TEMPLATES = {
    "not_registered": (
        "[Điển hình tiên tiến] Đề nghị {don_vi} đăng ký điển hình tiên tiến",
        "Kính gửi {don_vi},\n\nĐến nay quý đơn vị chưa lập Biểu đăng ký điển hình tiên tiến "
        "({dot}). Đề nghị quý đơn vị hoàn thành và gửi Sở Nội vụ trước ngày {han}.\n"
        "Nội dung còn thiếu: {con_thieu}.\n\nTrân trọng."),
    "below_quota": (
        "[Điển hình tiên tiến] {don_vi}: số điển hình đăng ký chưa đạt chỉ tiêu",
        "Kính gửi {don_vi},\n\nSố điển hình tiên tiến quý đơn vị đăng ký ({dot}) chưa đạt chỉ "
        "tiêu: {con_thieu}. Đề nghị bổ sung trước ngày {han} hoặc nêu rõ lý do.\n\nTrân trọng."),
    "returned": (
        "[Điển hình tiên tiến] {don_vi}: đề nghị gửi lại Biểu đăng ký",
        "Kính gửi {don_vi},\n\nBiểu đăng ký của quý đơn vị ({dot}) đã được trả lại để hoàn "
        "thiện: {con_thieu}. Đề nghị chỉnh sửa và gửi lại trước ngày {han}.\n\nTrân trọng."),
}


def seed_urging(*, campaign, standing) -> dict[str, int]:
    for reason, (subject, body) in TEMPLATES.items():
        services.save_template(reason=reason, subject=subject, body=body,
                               valid_from=datetime.date(2026, 1, 1), acting_user=standing)
    services.save_schedule(campaign=campaign, offsets=[-7, -1, 1],
                           reasons=["not_registered", "below_quota", "returned"],
                           acting_user=standing)
    sent = 0
    deadline = campaign.registration_deadline
    for offset, reason in ((-14, "returned"), (-10, "returned"), (-10, "not_registered")):
        result = services.send_reminders(campaign=campaign, reason=reason, acting_user=standing,
                                         on=deadline + datetime.timedelta(days=offset))
        sent += len(result.sent)
    return {"reminders": sent}
