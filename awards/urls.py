from django.urls import path

from awards import views

app_name = "awards"
urlpatterns = [
    path("", views.subject_list, name="subject_list"),
    path("<int:pk>/", views.subject_detail, name="subject_detail"),
    path("<int:pk>/ghi-khen-thuong/", views.record_add, name="record_add"),
    path("dien-hinh/<int:exemplar_id>/", views.exemplar_history, name="exemplar_history"),
    path("nhap-tep/", views.history_import, name="history_import"),
    path("nhap-tep/mau.xlsx", views.import_template, name="import_template"),
]
