from django.urls import path

from discovery import views

app_name = "discovery_public"

urlpatterns = [
    path("", views.suggest, name="suggest"),
    path("cam-on/", views.thanks, name="thanks"),
]
