"""/api/v1/ routes of the councils app: a meeting's agenda, returns and decisions; an action's status."""

from django.urls import path

from councils.api import views

urlpatterns = [
    path("meetings/<int:pk>/agenda/", views.MeetingAgenda.as_view(), name="api-meeting-agenda"),
    path("meetings/<int:pk>/returns/", views.MeetingReturns.as_view(), name="api-meeting-returns"),
    path("meetings/<int:pk>/decisions/", views.MeetingDecisions.as_view(), name="api-meeting-decisions"),
    path("actions/<int:pk>/", views.ActionDetail.as_view(), name="api-action"),
]
