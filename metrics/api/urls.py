"""/api/v1/ routes of the metrics app: catalogue reads and bulk imports."""

from django.urls import path
from rest_framework.routers import SimpleRouter

from metrics.api import approvals, catalogue, imports

router = SimpleRouter()
router.register("missions", catalogue.MissionViewSet, basename="api-mission")
router.register("metrics", catalogue.MetricViewSet, basename="api-metric")

urlpatterns = [
    path("observations/", imports.ObservationImportView.as_view(), name="api-observations"),
    path("uploads/", imports.UploadCreateView.as_view(), name="api-uploads"),
    path("uploads/<int:pk>/", imports.UploadDetailView.as_view(), name="api-upload"),
    path("metrics/<slug:slug>/approvals/", approvals.MetricApprovals.as_view(), name="api-metric-approvals"),
    path(
        "metrics/<slug:slug>/approvals/<int:pk>/unlock/",
        approvals.MetricApprovalUnlock.as_view(),
        name="api-metric-approval-unlock",
    ),
    *router.urls,
]
