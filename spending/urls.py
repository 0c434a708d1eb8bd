from django.urls import path

from spending import views

app_name = "spending"
urlpatterns = [
    path("business-cases/", views.case_list, name="cases"),
    path("business-cases/<slug:slug>/", views.case_detail, name="case"),
]
