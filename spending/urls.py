from django.urls import path

from spending.views import cases, records, workflow

app_name = "spending"
urlpatterns = [
    path("business-cases/", cases.case_list, name="cases"),
    path("business-cases/new/", cases.case_create, name="case-create"),
    path("business-cases/<slug:slug>/", cases.case_detail, name="case"),
    path("business-cases/<slug:slug>/edit/", cases.case_edit, name="case-edit"),
    path("business-cases/<slug:slug>/costs/", cases.case_costs, name="case-costs"),
    path("business-cases/<slug:slug>/impacts/", cases.case_impacts, name="case-impacts"),
    path("business-cases/<slug:slug>/sign-off/", workflow.case_sign_off, name="case-sign-off"),
    path("business-cases/<slug:slug>/submit/", workflow.case_submit, name="case-submit"),
    path("business-cases/<slug:slug>/assess/", workflow.case_assess, name="case-assess"),
    path("business-cases/<slug:slug>/decide/", workflow.case_decide, name="case-decide"),
    path("reviews/", records.review_list, name="reviews"),
    path("reviews/<slug:slug>/", records.review_detail, name="review"),
    path("fiscal-events/", records.fiscal_event_list, name="fiscal-events"),
    path("fiscal-events/<slug:slug>/", records.fiscal_event_detail, name="fiscal-event"),
    path("mission-fund/", records.mission_fund, name="mission-fund"),
    path("valuations/", records.valuation_list, name="valuations"),
]
