"""Key management pages; included by ``organizations/urls.py`` (namespace ``organizations``)."""

from __future__ import annotations

from django.urls import URLPattern, URLResolver, path

from microcred.organizations import key_views

urlpatterns: list[URLPattern | URLResolver] = [
    path("<slug:org>/keys/", key_views.key_list, name="keys"),
    path("<slug:org>/keys/rotate/", key_views.rotate_key, name="keys_rotate"),
    path("<slug:org>/keys/<slug:key>/retire/", key_views.retire_key, name="keys_retire"),
]
