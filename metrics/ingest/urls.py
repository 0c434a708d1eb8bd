from django.urls import path

from metrics.ingest import views

app_name = "uploads"
urlpatterns = [
    path("", views.start, name="start"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/confirm/", views.confirm, name="confirm"),
    path("templates/<slug:slug>.csv", views.template, name="template"),
]
