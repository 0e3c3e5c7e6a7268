"""Organisation pages served under ``/accounts/`` with the ``accounts:`` names they always
had: the person's home page (their organisations), accepting an invitation, and the
two-factor rule's switch. ``web/urls.py`` joins them to ``accounts.urls`` in one namespace,
so accounts never imports organisations."""

from __future__ import annotations

from django.urls import URLPattern, URLResolver, path

from microcred.organizations import home_views, two_factor_views

urlpatterns: list[URLPattern | URLResolver] = [
    path("", home_views.home, name="home"),
    path("invitations/<str:token>/", home_views.invitation, name="invitation"),
    path(
        "security/orgs/<slug:org>/two-factor",
        two_factor_views.organization_rule,
        name="organization_two_factor",
    ),
]
