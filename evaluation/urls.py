from django.urls import path

from evaluation import list_views, pack_move_views, rating_import_views, views

app_name = "evaluation"
urlpatterns = [
    path("dien-hinh/<int:pk>/", views.exemplar_evaluation, name="exemplar_evaluation"),
    path("dien-hinh/<int:pk>/minh-chung/<str:kind>/", views.evidence_add, name="evidence_add"),
    path("dien-hinh/<int:pk>/minh-chung/<str:kind>/da-cung-cap/", views.evidence_declare,
         name="evidence_declare"),
    path("dien-hinh/<int:pk>/minh-chung/<str:kind>/<int:row_id>/xoa/", views.evidence_remove,
         name="evidence_remove"),
    path("dien-hinh/<int:pk>/xep-loai/", views.subject_rated, name="subject_rated"),
    path("dien-hinh/<int:pk>/tep/", views.proof_attach, name="proof_attach"),
    path("dien-hinh/<int:pk>/tep/<int:proof_id>/", views.proof_download, name="proof_download"),
    path("dien-hinh/<int:pk>/tham-dinh/", views.judgement_record, name="judgement_record"),
    path("bieu/<int:pk>/nhap-xep-loai/", rating_import_views.rating_import, name="rating_import"),
    path("bieu/<int:pk>/nhap-xep-loai/mau.xlsx", rating_import_views.rating_import_sample,
         name="rating_import_sample"),
    path("danh-sach-cong-bo/", list_views.published_lists, name="published_lists"),
    path("danh-sach-cong-bo/<int:pk>/", list_views.published_list_detail,
         name="published_list_detail"),
    path("danh-sach-cong-bo/<int:pk>/tep/", list_views.published_list_file,
         name="published_list_file"),
    path("dot/<str:campaign_code>/", views.campaign_evaluation, name="campaign_evaluation"),
    path("dot/<str:campaign_code>/phien-ban/", pack_move_views.campaign_pack_move,
         name="campaign_pack_move"),
    path("dot/<str:campaign_code>/bang.xlsx", views.campaign_evaluation_xlsx,
         name="campaign_evaluation_xlsx"),
]
