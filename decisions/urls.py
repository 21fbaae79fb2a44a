from django.urls import path

from decisions import views

app_name = "decisions"
urlpatterns = [
    path("", views.decision_list, name="decision_list"),
    path("soan/", views.decision_create, name="decision_create"),
    path("<int:pk>/", views.decision_detail, name="decision_detail"),
    path("<int:pk>/sua/", views.decision_edit, name="decision_edit"),
    path("<int:pk>/bo/<int:entry_id>/", views.entry_remove, name="entry_remove"),
    path("<int:pk>/xoa/", views.decision_delete, name="decision_delete"),
    path("<int:pk>/ban-hanh/", views.decision_issue, name="decision_issue"),
    path("<int:pk>/thu-hoi/", views.decision_revoke, name="decision_revoke"),
    path("<int:pk>/quyet-dinh.docx", views.decision_docx, name="decision_docx"),
    path("<int:pk>/quyet-dinh.pdf", views.decision_pdf, name="decision_pdf"),
    path("<int:pk>/ban-ky/", views.signed_upload, name="signed_upload"),
    path("<int:pk>/ban-ky/<int:file_id>/", views.signed_download, name="signed_download"),
]
