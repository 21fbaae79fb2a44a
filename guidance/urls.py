from django.urls import path

from guidance import views

app_name = "guidance"
urlpatterns = [
    path("", views.campaign_list, name="campaign_list"),
    path("bo/<int:pk>/", views.pack_detail, name="pack_detail"),
]
