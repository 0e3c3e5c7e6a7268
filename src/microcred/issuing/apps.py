"""Awards, bulk issuance, status lists, revocation with reasons, the audit log."""

from django.apps import AppConfig


class IssuingConfig(AppConfig):
    name = "microcred.issuing"
    label = "issuing"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from django_tasks.signals import task_finished, task_started

        from microcred.issuing.status_lists import republish_after_retirement
        from microcred.issuing.tasks import forget_task_result, remember_task_result
        from microcred.organizations.signals import key_retired

        task_started.connect(remember_task_result, dispatch_uid="microcred-current-task")
        task_finished.connect(forget_task_result, dispatch_uid="microcred-current-task")
        key_retired.connect(republish_after_retirement, dispatch_uid="microcred-republish")
