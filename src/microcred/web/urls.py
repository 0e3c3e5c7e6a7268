"""URLs: every page exists under /en/ and /tr/; an unprefixed URL redirects by language."""

from __future__ import annotations

from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path

from microcred.accounts import urls as accounts_urls
from microcred.organizations import account_urls
from microcred.verification import views as verify_views
from microcred.web import landing, views

#: One ``accounts`` namespace: the accounts' pages and the organisation pages a person
#: reaches from their account (home, invitations, the two-factor rule's switch).
ACCOUNTS = (accounts_urls.urlpatterns + account_urls.urlpatterns, "accounts")

urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
    # Machine-readable, language-independent documents (did.json, status lists, contexts).
    path("", include("microcred.organizations.public_urls")),
    path("", include("microcred.issuing.public_urls")),
    path("", include("microcred.registry.public_urls")),
    # The JSON API (/api/v1/…, OpenAPI at /api/v1/openapi.json) and the W3C VC-API.
    path("", include("microcred.api.urls")),
    *i18n_patterns(
        path("", views.home, name="home"),
        path("verify/", verify_views.verify, name="verify"),
        path("start/", landing.landing, name="landing"),
        path("accounts/", include(ACCOUNTS)),
        path("orgs/", include("microcred.organizations.urls")),
        path("catalog/", include("microcred.catalog.urls")),
        path("issuing/", include("microcred.issuing.urls")),
        path("registry/", include("microcred.registry.urls")),
        path("wallet/", include("microcred.wallet.urls")),
        path("pathways/", include("microcred.pathways.urls")),
        path("verification/", include("microcred.verification.urls")),
        path("strategy/", include("microcred.strategy.urls")),
        path("recognition/", include("microcred.recognition.urls")),
        prefix_default_language=True,
    ),
]
