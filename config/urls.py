from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/v1/", include("config.api_urls")),
    path("account/", include("missions.account_urls")),
    path("uploads/", include("metrics.upload_urls")),
    path("sources/", include("metrics.source_urls")),
    path("councils/", include("councils.urls")),
    path("spending/", include("spending.urls")),
    path("accountability/", include("accountability.urls")),
    path("", include("metrics.urls")),
    path("", include("missions.urls")),
]
# No /media/ route in any settings module (issue 10): stored files (packs, uploads) are served only by views
# that check access, through the storage API.
handler404 = "missions.middleware.api_aware_page_not_found"
handler500 = "missions.middleware.api_aware_server_error"
