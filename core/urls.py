from django.urls import path

from core import views as account_views

app_name = "account"
urlpatterns = [
    path("tokens/", account_views.tokens, name="tokens"),
]
