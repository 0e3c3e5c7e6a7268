"""Organisations (providers and quality-assurance bodies), their people, keys and DIDs."""

from django.apps import AppConfig


class OrganizationsConfig(AppConfig):
    name = "microcred.organizations"
    label = "organizations"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from microcred.accounts import two_factor_rule
        from microcred.organizations import checks  # noqa: F401 - registers the KEK checks
        from microcred.organizations.two_factor_rule import MembershipRule

        two_factor_rule.install(MembershipRule())
