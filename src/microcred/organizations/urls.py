"""URLs of the organizations app (mounted under the language prefix by microcred.web.urls)."""

from __future__ import annotations

from django.urls import URLPattern, URLResolver, include, path

from microcred.organizations import settings_views, views

app_name = "organizations"
urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.index, name="index"),
    path("<slug:org>/", views.overview, name="overview"),
    path("<slug:org>/settings/", settings_views.settings_page, name="settings"),
    path("<slug:org>/members/", views.members, name="members"),
    path("<slug:org>/members/roles/", views.member_roles, name="member_roles"),
    path("<slug:org>/members/remove/", views.member_remove, name="member_remove"),
    path("<slug:org>/invitations/", views.invitations, name="invitations"),
    path(
        "<slug:org>/invitations/<slug:invitation>/cancel/",
        views.invitation_cancel,
        name="invitation_cancel",
    ),
    path("<slug:org>/tokens/", views.token_list, name="token_list"),
    path("<slug:org>/tokens/new/", views.token_create, name="token_create"),
    path("<slug:org>/tokens/<slug:token>/revoke/", views.token_revoke, name="token_revoke"),
    # Signing keys (another module's pages, same namespace).
    path("", include("microcred.organizations.key_urls")),
]
