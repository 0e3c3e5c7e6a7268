"""The public registry: what anyone may learn about issuers and their micro-credentials,
and the recognition of providers by quality-assurance bodies behind it."""

from django.apps import AppConfig


class RegistryConfig(AppConfig):
    name = "microcred.registry"
    label = "registry"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from microcred.organizations.names import register_guard
        from microcred.registry.name_guard import recognised_name_problem

        register_guard(recognised_name_problem)
