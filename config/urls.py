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
# No /media/ route in any settings module (issue 10): stored files (packs, uploads) are served only by views
# that check access, through the storage API.
handler404 = "missions.middleware.api_aware_page_not_found"
handler500 = "missions.middleware.api_aware_server_error"
