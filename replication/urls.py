from django.urls import path

from replication import views

app_name = "replication"
urlpatterns = [
    path("", views.spread, name="spread"),
    path("dien-hinh/<int:exemplar_id>/them/", views.adoption_add, name="adoption_add"),
    path("<int:pk>/", views.adoption_detail, name="adoption_detail"),
    path("<int:pk>/sua/", views.adoption_update, name="adoption_update"),
    path("<int:pk>/ket-thuc/", views.adoption_end, name="adoption_end"),
    path("<int:pk>/ket-qua/", views.result_add, name="result_add"),
    path("minh-chung/<int:pk>/", views.evidence_download, name="evidence_download"),
]
