"""Public verification of any Open Badges 3.0 / VC 2.0 credential."""

from django.apps import AppConfig


class VerificationConfig(AppConfig):
    name = "microcred.verification"
    label = "verification"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from microcred.verification import invalidation

        invalidation.connect()
