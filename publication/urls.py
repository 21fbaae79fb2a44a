from django.urls import path

from publication import views

app_name = "publication"
urlpatterns = [
    path("", views.gallery, name="gallery"),
    path("dien-hinh/<int:pk>/", views.detail, name="detail"),
    path("du-lieu.csv", views.data_csv, name="data_csv"),
    path("du-lieu.json", views.data_json, name="data_json"),
    path("tin-moi.xml", views.feed, name="feed"),
    path("sitemap.xml", views.sitemap, name="sitemap"),
    path("bien-tap/", views.staff_list, name="staff_list"),
    path("bien-tap/chuan-bi/<int:exemplar_id>/", views.prepare, name="prepare"),
    path("bien-tap/<int:pk>/", views.staff_detail, name="staff_detail"),
    path("bien-tap/<int:pk>/sua/", views.update, name="update"),
    path("bien-tap/<int:pk>/chuyen/<str:name>/", views.transition, name="transition"),
]
