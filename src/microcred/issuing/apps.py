"""Awards, bulk issuance, status lists, revocation with reasons, the audit log."""

from django.apps import AppConfig


class IssuingConfig(AppConfig):
    name = "microcred.issuing"
    label = "issuing"
    default_auto_field = "django.db.models.BigAutoField"
