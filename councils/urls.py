from django.urls import path

from councils.views import department, meetings, packs, pages, returns

app_name = "councils"
urlpatterns = [
    path("", pages.council_list, name="list"),
    path("mine/", department.my_check_ins, name="mine"),
    path("actions/", pages.action_list, name="actions"),
    path("actions/<int:pk>/", department.action_detail, name="action"),
    path("actions/<int:pk>/status/", pages.action_status, name="action-status"),
    path("meetings/<int:pk>/", pages.meeting_detail, name="meeting"),
    path("meetings/<int:pk>/actions/new/", pages.action_create, name="action-create"),
    path("meetings/<int:pk>/agenda/", meetings.agenda, name="agenda"),
    path("meetings/<int:pk>/agenda/<int:item_pk>/move/", meetings.agenda_move, name="agenda-move"),
    path("meetings/<int:pk>/agenda/<int:item_pk>/remove/", meetings.agenda_remove, name="agenda-remove"),
    path("meetings/<int:pk>/return/", returns.return_detail, name="return"),
    path("meetings/<int:pk>/return/request/", meetings.return_request, name="return-request"),
    path("meetings/<int:pk>/decisions/new/", meetings.decision_create, name="decision-create"),
    path("meetings/<int:pk>/minutes/", meetings.minutes, name="minutes"),
    path("meetings/<int:pk>/minutes/publish/", meetings.minutes_publish, name="minutes-publish"),
    path("meetings/<int:pk>/packs/", packs.pack_request, name="pack-request"),
    path("packs/<int:pk>/", packs.pack_detail, name="pack"),
    path("packs/<int:pk>/status.json", packs.pack_status, name="pack-status"),
    path("packs/<int:pk>/pdf/", packs.pack_pdf, name="pack-pdf"),
    path("<slug:slug>/", pages.council_detail, name="detail"),
    path("<slug:slug>/confidence.csv", pages.confidence_csv, name="confidence-csv"),
    path("<slug:slug>/meetings/new/", pages.meeting_create, name="meeting-create"),
]
