from django.contrib.auth import views as auth_views
from django.urls import path

from dashboards import views

app_name = "missions"
urlpatterns = [
    path("", views.home, name="home"),
    path("sign-in/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("sign-out/", auth_views.LogoutView.as_view(), name="logout"),
    path("after-sign-in/", views.after_sign_in, name="after-sign-in"),
    path("missions/<slug:slug>/", views.mission_detail, name="detail"),
    path("departments/<slug:slug>/", views.department, name="department"),
    path("public/", views.public_home, name="public-home"),
    path("public/missions/<slug:slug>/", views.public_mission, name="public-mission"),
    path("accessibility/", views.accessibility, name="accessibility"),
]
