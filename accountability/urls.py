from django.urls import path

from accountability import views

app_name = "accountability"
urlpatterns = [
    path("mandate-letters/<int:pk>/", views.letter_detail, name="letter"),
    path("reports/<int:pk>/", views.report_detail, name="report"),
]
