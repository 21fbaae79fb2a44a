from django.urls import path

from awards import views

app_name = "award_catalogue"
urlpatterns = [
    path("", views.catalogue_index, name="catalogue"),
    path("<slug:catalogue>/them/", views.entry_edit, name="entry_add"),
    path("<slug:catalogue>/<int:pk>/", views.entry_edit, name="entry_edit"),
    path("<slug:catalogue>/<int:pk>/het-hieu-luc/", views.entry_close, name="entry_close"),
]
