"""Downloads and import of the Biểu đăng ký. No ``app_name``: the lead includes these patterns
into the ``registry`` namespace (``registry:registration_export`` …)."""

from django.urls import path

from registry import views_home, views_io

urlpatterns = [
    path("bieu/<int:pk>/xuat/<str:fmt>/", views_io.registration_export,
         name="registration_export"),
    path("bieu/<int:pk>/mau-trong/<str:fmt>/", views_io.registration_blank,
         name="registration_blank"),
    path("bieu/<int:pk>/nhap/", views_io.registration_import, name="registration_import"),
    path("bieu/<int:pk>/nhap/xac-nhan/", views_io.registration_import_confirm,
         name="registration_import_confirm"),
    # The home page's drop zone: the file says which unit's registration and which campaign.
    path("nhap-tep/", views_home.form_file_import, name="home_import"),
]
