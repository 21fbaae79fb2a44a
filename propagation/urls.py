from django.urls import path

from propagation import views

app_name = "propagation"
urlpatterns = [
    path("", views.introduction_list, name="introduction_list"),
    path("dien-hinh/<int:exemplar_id>/gioi-thieu/", views.introduction_create,
         name="introduction_create"),
    path("luot/<int:pk>/", views.introduction_detail, name="introduction_detail"),
    path("luot/<int:pk>/trang-thai/", views.introduction_status, name="introduction_status"),
    path("tep/<int:pk>/", views.attachment_download, name="attachment"),
    path("kenh/", views.channel_list, name="channel_list"),
    path("bo-tai-lieu/", views.kit_create, name="kit_create"),
    path("bo-tai-lieu/<int:pk>/", views.kit_detail, name="kit_detail"),
    path("bo-tai-lieu/<int:pk>/cong-van.docx", views.kit_docx, name="kit_docx"),
    path("bo-tai-lieu/<int:pk>/cong-van.pdf", views.kit_pdf, name="kit_pdf"),
]
