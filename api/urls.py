from django.urls import path

from api import views

app_name = "api_tokens"
urlpatterns = [
    path("", views.token_list, name="list"),
    path("tao/", views.token_create, name="create"),
    path("<int:pk>/thu-hoi/", views.token_revoke, name="revoke"),
]
