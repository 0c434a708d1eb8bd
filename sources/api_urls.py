from django.urls import path

from sources import api

urlpatterns = [
    path("sources/", api.SourceList.as_view(), name="api-sources"),
    path("sources/<int:pk>/pull/", api.SourcePull.as_view(), name="api-source-pull"),
    path("sources/<int:pk>/runs/", api.SourceRuns.as_view(), name="api-source-runs"),
]
