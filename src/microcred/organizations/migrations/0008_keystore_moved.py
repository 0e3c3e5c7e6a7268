"""The key store moved from ``microcred.organizations.keystore`` to ``microcred.keystore``.

``SigningKey.keystore`` names the store that holds each key by its dotted path, and the
signer refuses a key whose store is not the configured one; rows written before the move
name the old path. This rewrites them (and back, when migrating backwards). The sealed
bytes are untouched: they are bound to the owner and the key, not to a module path.
"""

from __future__ import annotations

from typing import Any

from django.db import migrations

OLD = "microcred.organizations.keystore."
NEW = "microcred.keystore."


def _rewrite(apps: Any, old: str, new: str) -> None:
    signing_key = apps.get_model("organizations", "SigningKey")
    for key in signing_key.objects.filter(keystore__startswith=old).only("pk", "keystore"):
        key.keystore = new + key.keystore.removeprefix(old)
        key.save(update_fields=["keystore"])


def forwards(apps: Any, schema_editor: Any) -> None:
    _rewrite(apps, OLD, NEW)


def backwards(apps: Any, schema_editor: Any) -> None:
    _rewrite(apps, NEW, OLD)


class Migration(migrations.Migration):
    dependencies = [("organizations", "0007_organisation_settings")]

    operations = [migrations.RunPython(forwards, backwards)]
