"""The signed-in user a view acts as, typed as our ``User``.

``request.user`` is typed as "a user or anonymous"; behind ``org_view`` (and every view
that requires sign-in) it is always a signed-in ``User``. Services take that ``User``, so
views say so once, here, instead of passing an untyped value or silencing the checker.
"""

from __future__ import annotations

from microcred.accounts.models import User

__all__ = ["acting_user"]


def acting_user(user: object) -> User:
    """``user`` as a ``User``; a view that lets an anonymous visitor through is a bug."""
    assert isinstance(user, User)  # org_view lets only signed-in users through
    return user
