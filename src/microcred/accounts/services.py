"""Accounts: creating people (sign-in itself is Django's)."""

from __future__ import annotations

from microcred.accounts.models import User


def sign_up(*, email: str, display_name: str, password: str) -> User:
    """A new, active user; the password has been validated by the form."""
    return User.objects.create_user(email, password, display_name=display_name.strip())
