"""Demo progress (through the services, so the history is real): dated updates for several
followed exemplars of received registrations, one with a photo, and one exemplar whose last
update is old enough to be "chậm cập nhật"."""

import datetime
import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from progress import services
from progress.rules import FOLLOWED_STATES
from registry.enums import RegistrationState
from registry.models import Exemplar

_STEPS = [
    (60, 10, "Xây dựng kế hoạch bồi dưỡng, phân công cán bộ theo dõi.", ""),
    (30, 35, "Tổ chức tập huấn, tham quan mô hình tương tự tại huyện bạn.",
     "Học viên tham gia đầy đủ."),
    (7, 60, "Triển khai giải pháp tại cơ sở; kết quả bước đầu khả quan.",
     "Chất lượng tốt, cần nhân rộng thêm."),
]


def _demo_photo() -> SimpleUploadedFile:
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (1200, 800), (46, 125, 50))
    draw = ImageDraw.Draw(image)
    draw.rectangle((100, 500, 1100, 760), fill=(121, 85, 72))
    draw.ellipse((900, 80, 1060, 240), fill=(255, 213, 79))
    out = io.BytesIO()
    image.save(out, format="JPEG", quality=80)
    return SimpleUploadedFile("mo-hinh-che.jpg", out.getvalue(), content_type="image/jpeg")


def seed_progress(*, officer_of, today: datetime.date | None = None) -> int:
    """Updates for up to five followed exemplars; the fifth's last update is 45 days old."""
    today = today or timezone.localdate()
    exemplars = list(
        Exemplar.objects.filter(registration__state=RegistrationState.RECEIVED,
                                state__in=FOLLOWED_STATES)
        .select_related("registration__unit").order_by("registration__unit__code", "position",
                                                       "pk")[:5])
    written = 0
    for index, exemplar in enumerate(exemplars):
        officer = officer_of(exemplar.registration.unit)
        if officer is None:
            continue
        steps = _STEPS[:1] if index == len(exemplars) - 1 else _STEPS[: 1 + index % 3]
        for step, (days_ago, percent, text, note) in enumerate(steps):
            days = 45 if index == len(exemplars) - 1 else days_ago
            uploads = [_demo_photo()] if index == 0 and step == len(steps) - 1 else []
            services.post_update(exemplar=exemplar, on_date=today - datetime.timedelta(days=days),
                                 text=text, percent=percent, quality_note=note, uploads=uploads,
                                 acting_user=officer, today=today)
            written += 1
    return written
