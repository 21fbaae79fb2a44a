from django.contrib import admin
from django.urls import include, path, re_path
from django.views.i18n import set_language

from accounts.access import public
from api.views import not_found as api_not_found
from config.api import api
from portal.views import home

urlpatterns = [
    path("", home, name="home"),
    path("i18n/setlang/", public(set_language), name="set_language"),
    path("tai-khoan/", include("accounts.urls")),
    path("tai-khoan/khoa-api/", include("api.urls")),
    path("don-vi/", include("orgs.urls")),
    path("huong-dan/", include("guidance.urls")),
    path("dang-ky/", include("registry.urls")),
    path("danh-gia/", include("evaluation.urls")),
    path("boi-duong/", include("fostering.urls")),
    path("tim-kiem/", include("search.urls")),
    path("don-doc/", include("urging.urls")),
    path("tien-do/", include("progress.urls")),
    path("kiem-tra/", include("inspections.urls")),
    path("de-nghi/", include("proposals.urls")),
    path("ho-so-thanh-tich/", include("awards.urls")),
    path("danh-muc-khen-thuong/", include("awards.catalogue_urls")),
    path("hoi-dong/", include("council.urls")),
    path("quyet-dinh/", include("decisions.urls")),
    path("gioi-thieu/", include("discovery.public_urls")),
    path("phat-hien/", include("discovery.urls")),
    path("tuyen-truyen/", include("propagation.urls")),
    path("nhan-rong/", include("replication.urls")),
    path("tong-ket/", include("reviews.urls")),
    path("tai-xuat/", include("exports.urls")),
    path("cong-khai/", include("publication.urls")),
    path("quan-tri/", admin.site.urls),
    path("api/v1/", api_not_found),  # ninja's root would answer a 404 web page
    path("api/v1/", api.urls),
    re_path(r"^api/v1/(?P<rest>.*)$", api_not_found),  # unnamed: the API's own 404, in JSON
]

handler400 = "core.views.bad_request"  # a malformed value: its message, status 400
handler403 = "core.views.permission_denied"  # Vietnamese, in the layout, with the reason given
handler404 = "core.views.page_not_found"
handler500 = "core.views.server_error"
