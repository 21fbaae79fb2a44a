"""A test URLconf: the site's routes plus views that fail on purpose."""

from django.core.exceptions import PermissionDenied
from django.urls import path

from accounts.access import signed_in
from config.urls import handler400, handler403, handler404, handler500, urlpatterns  # noqa: F401


@signed_in
def boom(request):
    raise RuntimeError("deliberate failure")


@signed_in
def refused_with_reason(request):
    raise PermissionDenied("Biểu đăng ký đã trình thủ trưởng, không sửa được nữa — liên hệ văn thư đơn vị.")


urlpatterns = [
    *urlpatterns,
    path("thu-loi/500/", boom),
    path("thu-loi/403/", refused_with_reason),
]
