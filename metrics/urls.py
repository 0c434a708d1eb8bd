from django.urls import path

from metrics import views
from metrics.views import approvals

app_name = "metrics"
urlpatterns = [
    path("metrics/<slug:slug>/", views.metric_detail, name="detail"),
    path("metrics/<slug:slug>/data.csv", views.metric_csv, name="csv"),
    path("metrics/<slug:slug>/data.xlsx", views.metric_xlsx, name="xlsx"),
    path("metrics/<slug:slug>/approvals/", approvals.approve_period, name="approve-period"),
    path("metrics/<slug:slug>/approvals/<int:pk>/unlock/", approvals.unlock_period, name="unlock-period"),
    path("public/data.csv", views.public_open_data, name="public-open-data"),
    path("public/metrics/<slug:slug>/", views.public_metric_detail, name="public-detail"),
    path("public/metrics/<slug:slug>/data.csv", views.public_metric_csv, name="public-csv"),
    path("public/metrics/<slug:slug>/data.xlsx", views.public_metric_xlsx, name="public-xlsx"),
]
