"""The authentication backend: Django's, reading the signed-in user with the region that
scopes every page in the same query (the header and every scoped selector need it)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend


class ScopedUserBackend(ModelBackend):
    def get_user(self, user_id: Any) -> Any:
        user = (get_user_model()._default_manager.select_related("region")
                .filter(pk=user_id).first())
        return user if user is not None and self.user_can_authenticate(user) else None
