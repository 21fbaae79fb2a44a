from django.urls import path

from council import views

app_name = "council"
urlpatterns = [
    path("", views.meeting_list, name="meeting_list"),
    path("thanh-vien/", views.member_list, name="member_list"),
    path("thanh-vien/them/", views.member_add, name="member_add"),
    path("thanh-vien/<int:pk>/sua/", views.member_edit, name="member_edit"),
    path("thanh-vien/<int:pk>/ket-thuc/", views.member_end, name="member_end"),
    path("quy-tac/", views.rule_list, name="rule_list"),
    path("bo-phieu/", views.my_ballots, name="my_ballots"),
    path("phien-hop/them/", views.meeting_create, name="meeting_create"),
    path("phien-hop/<int:pk>/", views.meeting_detail, name="meeting_detail"),
    path("phien-hop/<int:pk>/sua/", views.meeting_update, name="meeting_update"),
    path("phien-hop/<int:pk>/chuong-trinh/", views.meeting_agenda, name="meeting_agenda"),
    path("phien-hop/<int:pk>/diem-danh/", views.meeting_attendance, name="meeting_attendance"),
    path("phien-hop/<int:pk>/ket-thuc/", views.meeting_close, name="meeting_close"),
    path("phien-hop/<int:pk>/bien-ban.docx", views.meeting_minutes, name="meeting_minutes"),
    path("noi-dung/<int:pk>/", views.item_detail, name="item_detail"),
    path("noi-dung/<int:pk>/xung-dot/", views.item_conflict, name="item_conflict"),
    path("noi-dung/<int:pk>/mo-bo-phieu/", views.item_open, name="item_open"),
    path("noi-dung/<int:pk>/bo-phieu/", views.item_cast, name="item_cast"),
    path("noi-dung/<int:pk>/ket-thuc-bo-phieu/", views.item_close, name="item_close"),
]
