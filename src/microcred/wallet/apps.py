"""The learner's digital passport."""

from django.apps import AppConfig


class WalletConfig(AppConfig):
    name = "microcred.wallet"
    label = "wallet"
    default_auto_field = "django.db.models.BigAutoField"
