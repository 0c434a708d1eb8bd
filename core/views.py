"""The signed-in user's API token: see whether one exists, create (replacing the old one) or revoke it.

DRF's TokenAuthentication keeps one token per user, so "create" replaces any existing token. The key is
shown once, on the page that creates it.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods
from rest_framework.authtoken.models import Token

from core import services
from core.permissions import can_use_api_tokens


@login_required
@require_http_methods(["GET", "POST"])
def tokens(request):
    if not can_use_api_tokens(request.user):
        raise PermissionDenied("Only analysts and the centre use API tokens.")
    new_key = None
    if request.method == "POST":
        if request.POST.get("action") == "create":
            new_key = services.token_issue(user=request.user).key
        else:
            services.token_revoke(user=request.user)
            messages.success(request, "Your API token has been revoked. Scripts using it will stop working.")
            return redirect("account:tokens")
    token = Token.objects.filter(user=request.user).first()
    return render(request, "core/tokens.html", {"token": token, "new_key": new_key})
