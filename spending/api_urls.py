from django.urls import path

from spending.api import views

urlpatterns = [
    path("business-cases/", views.BusinessCaseListCreate.as_view(), name="api-business-cases"),
    path("business-cases/<slug:slug>/", views.BusinessCaseDetail.as_view(), name="api-business-case"),
    path("business-cases/<slug:slug>/submit/", views.SubmitView.as_view(), name="api-business-case-submit"),
    path(
        "business-cases/<slug:slug>/sign-off/", views.SignOffView.as_view(), name="api-business-case-sign-off"
    ),
    path("business-cases/<slug:slug>/assess/", views.AssessView.as_view(), name="api-business-case-assess"),
    path("business-cases/<slug:slug>/decide/", views.DecideView.as_view(), name="api-business-case-decide"),
    path("business-cases/<slug:slug>/costs/", views.CostsView.as_view(), name="api-business-case-costs"),
    path(
        "business-cases/<slug:slug>/impacts/", views.ImpactsView.as_view(), name="api-business-case-impacts"
    ),
]
