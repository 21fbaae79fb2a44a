from django.urls import path

from discovery import views

app_name = "discovery"

urlpatterns = [
    path("", views.suggestion_list, name="list"),
    path("<int:pk>/", views.suggestion_detail, name="detail"),
    path("<int:pk>/chuyen-don-vi/", views.route, name="route"),
    path("<int:pk>/khong-tiep-nhan/", views.decline, name="decline"),
    path("anh/<int:pk>/", views.photo, name="photo"),
]
