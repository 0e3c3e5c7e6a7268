"""Users and signing in."""

from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "microcred.accounts"
    label = "accounts"
    default_auto_field = "django.db.models.BigAutoField"
