"""/api/v1/: each app's API routes, the OpenAPI schema and its interactive docs (assets served locally)."""

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView, SpectacularSwaggerView

urlpatterns = [
    path("", include("metrics.api.urls")),
    path("", include("sources.api_urls")),
    path("", include("councils.api_urls")),
    path("", include("spending.api_urls")),
    path("", include("accountability.api_urls")),
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("docs/", SpectacularSwaggerView.as_view(url_name="api-schema"), name="api-docs"),
    path("redoc/", SpectacularRedocView.as_view(url_name="api-schema"), name="api-redoc"),
]
