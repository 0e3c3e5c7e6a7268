"""Key management and own-domain pages; included by ``organizations/urls.py``
(namespace ``organizations``)."""

from __future__ import annotations

from django.urls import URLPattern, URLResolver, path

from microcred.organizations import domain_views, key_views

urlpatterns: list[URLPattern | URLResolver] = [
    path("<slug:org>/keys/", key_views.key_list, name="keys"),
    path("<slug:org>/keys/rotate/", key_views.rotate_key, name="keys_rotate"),
    path("<slug:org>/keys/<slug:key>/retire/", key_views.retire_key, name="keys_retire"),
    path("<slug:org>/domain/", domain_views.domain_page, name="domain"),
    path("<slug:org>/domain/claim/", domain_views.domain_claim, name="domain_claim"),
    path("<slug:org>/domain/<str:domain>/prove/", domain_views.domain_prove, name="domain_prove"),
    path(
        "<slug:org>/domain/<str:domain>/check-did/",
        domain_views.domain_check_did,
        name="domain_check_did",
    ),
    path("<slug:org>/domain/<str:domain>/use/", domain_views.domain_use, name="domain_use"),
    path(
        "<slug:org>/domain/<str:domain>/microcred-domain.json",
        domain_views.domain_challenge_file,
        name="domain_challenge_file",
    ),
    path(
        "<slug:org>/domain/<str:domain>/did.json",
        domain_views.domain_did_file,
        name="domain_did_file",
    ),
]
