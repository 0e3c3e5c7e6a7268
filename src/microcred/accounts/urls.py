"""URLs of the accounts app (mounted under the language prefix by microcred.web.urls, in
one ``accounts`` namespace with the organisation pages of ``organizations/account_urls.py``:
the home page, invitations, the two-factor rule's switch)."""

from __future__ import annotations

from django.urls import URLPattern, URLResolver, path

from microcred.accounts import (
    email_views,
    legal_views,
    password_views,
    second_step,
    sign_in_views,
    two_factor_views,
    views,
)

urlpatterns: list[URLPattern | URLResolver] = [
    path("sign-up/", views.sign_up, name="sign_up"),
    path("sign-up/sent/", views.sign_up_sent, name="sign_up_sent"),
    path("sign-in/", sign_in_views.SignInView.as_view(), name="sign_in"),
    path("sign-in/code/", second_step.code_page, name="sign_in_code"),
    path("sign-out/", views.SignOutView.as_view(), name="sign_out"),
    path("emails/", email_views.email_list, name="emails"),
    path("emails/<str:address_id>/resend", email_views.email_resend, name="email_resend"),
    path("emails/confirm/<str:token>/", email_views.email_confirm, name="email_confirm"),
    path("password/reset/", password_views.ResetView.as_view(), name="password_reset"),
    path(
        "password/reset/sent/", password_views.ResetSentView.as_view(), name="password_reset_sent"
    ),
    path(
        "password/reset/<uidb64>/<token>/",
        password_views.ResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "password/reset/done/", password_views.ResetDoneView.as_view(), name="password_reset_done"
    ),
    path("password/change/", password_views.ChangeView.as_view(), name="password_change"),
    path("security/", two_factor_views.security, name="security"),
    path("security/two-factor/", two_factor_views.setup, name="two_factor_setup"),
    path("security/two-factor/off", two_factor_views.disable, name="two_factor_disable"),
    path(
        "security/recovery-codes", two_factor_views.recovery_codes, name="two_factor_recovery_codes"
    ),
    path("privacy/", legal_views.privacy, name="privacy"),
    path("terms/", legal_views.terms, name="terms"),
]
