from django.urls import path

from progress import views

app_name = "progress"

urlpatterns = [
    path("", views.progress_list, name="list"),
    path("dien-hinh/<int:pk>/", views.timeline, name="timeline"),
    path("dien-hinh/<int:pk>/cap-nhat/", views.post_update, name="post_update"),
    path("cap-nhat/<int:pk>/rut/", views.withdraw_update, name="withdraw"),
    path("tep/<int:pk>/", views.attachment_download, name="attachment"),
    path("dot/<str:campaign_code>/cai-dat/", views.campaign_settings, name="settings"),
]
