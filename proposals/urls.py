from django.urls import path

from proposals import views

app_name = "proposals"
urlpatterns = [
    path("", views.proposal_list, name="proposal_list"),
    path("lap/", views.proposal_create, name="proposal_create"),
    path("<int:pk>/", views.proposal_detail, name="proposal_detail"),
    path("<int:pk>/sua/", views.proposal_update, name="proposal_update"),
    path("<int:pk>/them/", views.item_add, name="item_add"),
    path("<int:pk>/muc/<int:item_id>/sua/", views.item_edit, name="item_edit"),
    path("<int:pk>/muc/<int:item_id>/xoa/", views.item_remove, name="item_remove"),
    path("<int:pk>/muc/<int:item_id>/danh-gia-lai/", views.item_refresh, name="item_refresh"),
    path("<int:pk>/muc/<int:item_id>/bao-cao/", views.report_upload, name="report_upload"),
    path("<int:pk>/muc/<int:item_id>/bao-cao/tai/", views.report_download,
         name="report_download"),
    path("<int:pk>/muc/<int:item_id>/bao-cao-mau.docx", views.report_generate,
         name="report_generate"),
    path("<int:pk>/chuyen/<str:name>/", views.proposal_transition, name="proposal_transition"),
    path("<int:pk>/tham-dinh/", views.screening, name="screening"),
    path("<int:pk>/muc/<int:item_id>/tham-dinh/", views.item_screen, name="item_screen"),
]
