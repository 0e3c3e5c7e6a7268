"""URLs of the accounts app (mounted under the language prefix by microcred.web.urls)."""

from __future__ import annotations

from django.urls import URLPattern, URLResolver, path

from microcred.accounts import email_views, sign_in_views, views

app_name = "accounts"
urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.home, name="home"),
    path("sign-up/", views.sign_up, name="sign_up"),
    path("sign-up/sent/", views.sign_up_sent, name="sign_up_sent"),
    path("sign-in/", sign_in_views.SignInView.as_view(), name="sign_in"),
    path("sign-out/", views.SignOutView.as_view(), name="sign_out"),
    path("invitations/<str:token>/", views.invitation, name="invitation"),
    path("emails/", email_views.email_list, name="emails"),
    path("emails/<str:address_id>/resend", email_views.email_resend, name="email_resend"),
    path("emails/confirm/<str:token>/", email_views.email_confirm, name="email_confirm"),
]
