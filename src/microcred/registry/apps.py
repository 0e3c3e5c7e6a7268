"""The public registry: what anyone may learn about issuers and their micro-credentials."""

from django.apps import AppConfig


class RegistryConfig(AppConfig):
    name = "microcred.registry"
    label = "registry"
    default_auto_field = "django.db.models.BigAutoField"
