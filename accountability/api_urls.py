from django.urls import path
from rest_framework.routers import SimpleRouter

from accountability.api import MandateLetterViewSet, RecommendationResponseView, ReportViewSet

router = SimpleRouter()
router.register("mandate-letters", MandateLetterViewSet, basename="mandate-letter")
router.register("reports", ReportViewSet, basename="report")

urlpatterns = [
    *router.urls,
    path(
        "reports/<int:report_pk>/recommendations/<int:pk>/response/",
        RecommendationResponseView.as_view(),
        name="recommendation-response",
    ),
]
