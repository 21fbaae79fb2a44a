from django.urls import path

from inspections import views

app_name = "inspections"

urlpatterns = [
    path("", views.inspection_list, name="inspection_list"),
    path("moi/", views.inspection_create, name="inspection_create"),
    path("<int:pk>/", views.inspection_detail, name="inspection_detail"),
    path("<int:pk>/sua/", views.inspection_edit, name="inspection_edit"),
    path("<int:pk>/trang-thai/<slug:name>/", views.inspection_transition,
         name="inspection_transition"),
    path("<int:pk>/ket-qua/", views.finding_add, name="finding_add"),
    path("<int:pk>/ket-qua/<int:finding_id>/xoa/", views.finding_remove, name="finding_remove"),
    path("<int:pk>/ket-luan/", views.conclusions_save, name="conclusions_save"),
    path("<int:pk>/khac-phuc/", views.follow_up_add, name="follow_up_add"),
    path("<int:pk>/bien-ban/<int:unit_id>/", views.inspection_record, name="inspection_record"),
    path("khac-phuc/<int:pk>/trang-thai/<slug:name>/", views.follow_up_transition,
         name="follow_up_transition"),
]
