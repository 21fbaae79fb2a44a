from django.urls import path

from urging import views

app_name = "urging"

urlpatterns = [
    path("", views.urge, name="urge"),
    path("gui/", views.send, name="send"),
    path("da-nhac/", views.reminder_list, name="reminder_list"),
    path("mau/", views.template_list, name="template_list"),
    path("mau/<int:pk>/", views.template_edit, name="template_edit"),
    path("lich/<str:code>/", views.schedule, name="schedule"),
]
