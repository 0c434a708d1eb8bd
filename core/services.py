"""Writes of the kernel that are not a domain app's: API tokens.

DRF's TokenAuthentication keeps one token per user, so issuing a token replaces any existing one. The key
is never written to the audit trail.
"""

from __future__ import annotations

from django.db import transaction
from rest_framework.authtoken.models import Token

from missions.services import audit_record


@transaction.atomic
def token_issue(*, user, actor=None, replace: bool = True) -> Token:
    """Give ``user`` an API token: a new one (revoking the old) when ``replace``, else the existing one."""
    existing = Token.objects.filter(user=user).first()
    if existing is not None and not replace:
        return existing
    if existing is not None:
        existing.delete()
    token = Token(user=user)
    token.save()  # Token generates its key on save; full_clean would refuse the still-empty key
    replaced = {"replaced": existing is not None}
    audit_record(actor=actor or user, action="token.issue", obj=user, changes=replaced)
    return token


@transaction.atomic
def token_revoke(*, user, actor=None) -> bool:
    """Revoke ``user``'s API token; True when there was one."""
    deleted, _ = Token.objects.filter(user=user).delete()
    if deleted:
        audit_record(actor=actor or user, action="token.revoke", obj=user)
    return bool(deleted)
