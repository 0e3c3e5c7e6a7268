"""What every view of the strategy app needs: the strategy named by the URL, the signed-in
user and the app's URLs.

One place for the rule that an id from another organisation finds nothing (404), so that the
canvas, STEEP, readiness and report views cannot disagree about it.
"""

from __future__ import annotations

from django.http import Http404, HttpRequest
from django.urls import reverse

from microcred.accounts.models import User
from microcred.organizations.access import OrgContext
from microcred.strategy import services
from microcred.strategy.models import Strategy


def strategy_of(org: OrgContext, sid: str) -> Strategy:
    """This organisation's strategy ``sid``, or 404 (also for another organisation's id)."""
    strategy = services.find_strategy(org.organization, sid)
    if strategy is None:
        raise Http404
    return strategy


def user_of(request: HttpRequest) -> User:
    """The signed-in user (``org_view`` has already turned anyone else away)."""
    user = request.user
    assert isinstance(user, User)
    return user


def url_for(name: str, org: OrgContext, strategy: Strategy, anchor: str = "") -> str:
    """The URL of one of the strategy's pages, with an optional ``#anchor``."""
    url = reverse(
        f"strategy:{name}", kwargs={"org": org.organization.slug, "sid": strategy.public_id}
    )
    return f"{url}#{anchor}" if anchor else url
