"""/treasury/ (the Treasury's landing page) and the public register /public/appraisals/."""

from django.urls import path

from spending.views import public, treasury

urlpatterns = [
    path("treasury/", treasury.dashboard, name="dashboard"),
    path("public/appraisals/", public.register, name="register"),
]
