from django.urls import path

from accounts import views

app_name = "accounts"
urlpatterns = [
    path("dang-nhap/", views.login, name="login"),
    path("dang-xuat/", views.logout, name="logout"),
    path("mat-khau/", views.password_change, name="password_change"),
    path("thong-bao/", views.notifications, name="notifications"),
]
