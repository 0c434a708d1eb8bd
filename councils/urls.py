from django.urls import path

from councils.views import packs, pages

app_name = "councils"
urlpatterns = [
    path("", pages.council_list, name="list"),
    path("actions/", pages.action_list, name="actions"),
    path("actions/<int:pk>/status/", pages.action_status, name="action-status"),
    path("meetings/<int:pk>/", pages.meeting_detail, name="meeting"),
    path("meetings/<int:pk>/actions/new/", pages.action_create, name="action-create"),
    path("meetings/<int:pk>/packs/", packs.pack_request, name="pack-request"),
    path("packs/<int:pk>/", packs.pack_detail, name="pack"),
    path("packs/<int:pk>/status.json", packs.pack_status, name="pack-status"),
    path("packs/<int:pk>/pdf/", packs.pack_pdf, name="pack-pdf"),
    path("<slug:slug>/", pages.council_detail, name="detail"),
    path("<slug:slug>/meetings/new/", pages.meeting_create, name="meeting-create"),
]
