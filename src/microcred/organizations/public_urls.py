"""Public, language-independent documents of organisations (e.g. ``orgs/<slug>/did.json``)."""

from __future__ import annotations

from django.urls import URLPattern, URLResolver, path

from microcred.organizations import did_views, settings_views

urlpatterns: list[URLPattern | URLResolver] = [
    path("orgs/<slug:org>/did.json", did_views.did_json, name="org_did_json"),
    path("orgs/<slug:org>/logo", settings_views.logo, name="org_logo"),
]
