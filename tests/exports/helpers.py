"""A compiled list long enough to go to the background (with a low threshold), and jobs."""

import datetime

from django.utils import timezone

from core.collation import person_sort_key
from exports.models import ExportJob, JobState
from registry.enums import form_order
from registry.models import Exemplar
from tests.factories import ExemplarFactory, RegistrationFactory, unit_in_province

LISTED = [("Sở Gửi Rồi", "submitted", ["Tòng Văn Gửi", "Hoàng Thị Ánh", "Vi Văn Bảo"]),
          ("Sở Nhận Rồi", "received", ["Lường Thị Nhận", "Đỗ Văn Chiến"])]


def listed(world):
    """Five exemplars in sent registrations (the world's own are drafts)."""
    for name, state, people in LISTED:
        registration = RegistrationFactory(campaign=world.campaign, unit=unit_in_province(name),
                                           state=state)
        for person in people:
            ExemplarFactory(registration=registration, name=person, field_key="e")
    return world


def many(campaign, n: int, *, unit_name: str = "Sở Nhiều Điển Hình") -> None:
    """``n`` individuals in one sent registration, bulk-inserted."""
    registration = RegistrationFactory(campaign=campaign, unit=unit_in_province(unit_name),
                                       state="submitted")
    rows = []
    for i in range(n):
        name = f"Nguyễn Văn Thử {i:06d}"
        rows.append(Exemplar(registration=registration, campaign=campaign, kind="individual",
                             form_order=form_order("individual"), position=i + 1,
                             name=name, field_key="e", folded_name=name.lower(),
                             sort_key=person_sort_key(name), position_title="Chuyên viên",
                             work_unit="Phòng Tổ chức", solutions="Ứng dụng chuyển đổi số."))
    Exemplar.objects.bulk_create(rows, batch_size=2000)


def job_for(user, *, state=JobState.QUEUED, rows_done=0, rows_total=10, campaign_code="",
            fmt="xlsx", **extra) -> ExportJob:
    from exports.services import params_key

    params = {"campaign": campaign_code}
    return ExportJob.objects.create(
        requested_by=user, kind="registry.compiled_list", fmt=fmt, params=params,
        params_key=params_key("registry.compiled_list", fmt, params), filename=f"ds.{fmt}",
        state=state, rows_done=rows_done, rows_total=rows_total,
        expires_at=timezone.now() + datetime.timedelta(hours=24), **extra)
