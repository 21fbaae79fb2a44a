from django.urls import path

from reviews import views, views_reports

app_name = "reviews"
urlpatterns = [
    path("", views.period_list, name="period_list"),
    path("them/", views.period_create, name="period_create"),
    path("<slug:code>/", views.period_detail, name="period_detail"),
    path("<slug:code>/sua/", views.period_update, name="period_update"),
    path("<slug:code>/so-lieu/<slug:figure>/", views.figure_drill, name="figure_drill"),
    # The report (báo cáo sơ kết / tổng kết): generated in the background worker, kept.
    path("<slug:code>/bao-cao/", views_reports.report_request, name="report_request"),
    path("bao-cao/<int:pk>/", views_reports.report_status, name="report_status"),
    path("bao-cao/<int:pk>/tai-ve.<str:fmt>", views_reports.report_download,
         name="report_download"),
]
