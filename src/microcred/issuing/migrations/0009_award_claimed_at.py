"""Awards remember when they were claimed (the officers' "claimed?" column), filled from the
wallet's claim records for awards claimed before."""

from django.apps.registry import Apps
from django.db import migrations, models
from django.db.backends.base.schema import BaseDatabaseSchemaEditor


def fill(apps: Apps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    Award = apps.get_model("issuing", "Award")
    Claim = apps.get_model("wallet", "Claim")
    for claim in Claim.objects.iterator():
        Award.objects.filter(public_id=claim.award_public_id, claimed_at__isnull=True).update(
            claimed_at=claim.claimed_at
        )


class Migration(migrations.Migration):
    dependencies = [
        ("issuing", "0008_merge_learner_language_and_expiry"),
        ("wallet", "0003_reshowable_and_certificate_links"),
    ]

    operations = [
        migrations.AddField(
            model_name="award",
            name="claimed_at",
            field=models.DateTimeField(blank=True, null=True),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
