from django.urls import path

from exports import views

app_name = "exports"
urlpatterns = [
    path("", views.job_list, name="job_list"),
    path("<int:pk>/", views.job_status, name="job_status"),
    path("<int:pk>/tai-ve/", views.job_download, name="job_download"),
    path("<int:pk>/lap-lai/", views.job_retry, name="job_retry"),
]
