from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/v1/", include("config.api_urls")),
    path("account/", include("core.urls")),
    path("uploads/", include("metrics.ingest.urls")),
    path("sources/", include("sources.urls")),
    path("councils/", include("councils.urls")),
    path("spending/", include("spending.urls")),
    path("", include(("spending.treasury_urls", "treasury"))),
    path("accountability/", include("accountability.urls")),
    path("", include("metrics.urls")),
    path("", include("dashboards.urls")),
]
if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
