from django.urls import path

from fostering import views

app_name = "fostering"
urlpatterns = [
    path("dot/<str:campaign_code>/", views.plan_list, name="plan_list"),
    path("dot/<str:campaign_code>/lap/", views.plan_start, name="plan_start"),
    path("ke-hoach/<int:pk>/", views.plan_detail, name="plan_detail"),
    path("ke-hoach/<int:pk>/tieu-chi/", views.plan_update, name="plan_update"),
    path("ke-hoach/<int:pk>/dien-hinh/<int:exemplar_id>/", views.item_save, name="item_save"),
    path("ke-hoach/<int:pk>/muc/<int:item_id>/ho-tro/", views.action_add, name="action_add"),
    path("ke-hoach/<int:pk>/muc/<int:item_id>/moc/", views.milestone_add, name="milestone_add"),
    path("ke-hoach/<int:pk>/xoa/<str:kind>/<int:entry_id>/", views.entry_remove,
         name="entry_remove"),
    path("ke-hoach/<int:pk>/hoan-thanh/<str:kind>/<int:entry_id>/", views.entry_done,
         name="entry_done"),
    path("ke-hoach/<int:pk>/chuyen/<str:name>/", views.plan_transition, name="plan_transition"),
    path("ke-hoach/<int:pk>/ke-hoach.docx", views.plan_docx, name="plan_docx"),
]
