from django.urls import path

from accounts import views

app_name = "accounts"
urlpatterns = [
    path("dang-nhap/", views.login, name="login"),
    path("dang-xuat/", views.logout, name="logout"),
    path("mat-khau/", views.password_change, name="password_change"),
    path("thong-bao/", views.notifications, name="notifications"),
    path("xac-thuc-hai-lop/", views.mfa_verify, name="mfa_verify"),
    path("bao-mat/", views.security, name="security"),
    path("bao-mat/dang-ky/", views.mfa_enrol, name="mfa_enrol"),
    path("bao-mat/ma-khoi-phuc/", views.mfa_recovery_codes, name="mfa_recovery_codes"),
    path("bao-mat/tat/", views.mfa_disable, name="mfa_disable"),
]
