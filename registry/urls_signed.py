"""Signed registrations; the lead includes these into the ``registry`` namespace."""

from django.urls import path

from registry import views_signed

urlpatterns = [
    path("bieu/<int:pk>/ban-ky/", views_signed.signed_form_list, name="signed_form_list"),
    path("bieu/<int:pk>/ban-ky/tai-len/", views_signed.signed_form_upload,
         name="signed_form_upload"),
    path("bieu/<int:pk>/ban-ky/<int:form_id>/tai-ve/", views_signed.signed_form_download,
         name="signed_form_download"),
]
