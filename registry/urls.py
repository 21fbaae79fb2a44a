from django.urls import path

from registry import (
    urls_io,
    urls_signed,
    views,
    views_confirm,
    views_dashboard,
    views_lifecycle,
)

app_name = "registry"
urlpatterns = [
    path("dot/<str:campaign_code>/tong-hop/", views_dashboard.overview, name="overview"),
    path("dot/<str:campaign_code>/tong-hop.xlsx", views_dashboard.overview_xlsx,
         name="overview_xlsx"),
    path("dot/<str:campaign_code>/danh-sach/", views_dashboard.compiled_list, name="compiled_list"),
    path("dot/<str:campaign_code>/danh-sach.<str:fmt>", views_dashboard.compiled_list_export,
         name="compiled_list_export"),
    path("dot/<str:campaign_code>/bat-dau/", views.registration_start, name="registration_start"),
    path("bieu/<int:pk>/", views.registration_detail, name="registration_detail"),
    path("bieu/<int:pk>/nguoi-ky/", views.registration_details, name="registration_details"),
    path("bieu/<int:pk>/chuyen/<str:name>/", views.registration_transition,
         name="registration_transition"),
    path("bieu/<int:pk>/xac-nhan/<str:name>/", views_confirm.registration_confirm,
         name="registration_confirm"),
    path("bieu/<int:pk>/them/<str:kind>/", views.exemplar_add, name="exemplar_add"),
    path("dien-hinh/<int:pk>/", views.exemplar_detail, name="exemplar_detail"),
    path("dien-hinh/<int:pk>/sua/", views.exemplar_edit, name="exemplar_edit"),
    path("dien-hinh/<int:pk>/xoa/", views.exemplar_delete, name="exemplar_delete"),
    path("dien-hinh/<int:pk>/chuyen-<str:direction>/", views.exemplar_move, name="exemplar_move"),
    path("dien-hinh/<int:pk>/trang-thai/<str:name>/", views_lifecycle.exemplar_transition,
         name="exemplar_transition"),
]

urlpatterns += urls_signed.urlpatterns + urls_io.urlpatterns
