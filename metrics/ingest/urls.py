from django.urls import path

from metrics.ingest import views as upload_views

app_name = "uploads"
urlpatterns = [
    path("", upload_views.start, name="start"),
    path("<int:pk>/", upload_views.detail, name="detail"),
    path("<int:pk>/confirm/", upload_views.confirm, name="confirm"),
    path("templates/<slug:slug>.csv", upload_views.template, name="template"),
]
