from django.urls import path

from sources import api as sources_api

urlpatterns = [
    path("sources/", sources_api.SourceList.as_view(), name="api-sources"),
    path("sources/<int:pk>/pull/", sources_api.SourcePull.as_view(), name="api-source-pull"),
    path("sources/<int:pk>/runs/", sources_api.SourceRuns.as_view(), name="api-source-runs"),
]
