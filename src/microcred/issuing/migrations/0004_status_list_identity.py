"""Status lists remember the URL and DID they were opened under (decision 0006).

Lists opened before this migration were named by the only values the platform could then
use (it never read MICROCRED_PUBLIC_URL or MICROCRED_DID_WEB_HOST from the environment):
a signed list says them itself; an unsigned one gets those defaults. Every DID found is
recorded as one the organisation has signed as, so its document keeps being served.
"""

from typing import Any

from django.apps.registry import Apps
from django.db import migrations, models
from django.db.backends.base.schema import BaseDatabaseSchemaEditor

OLD_BASE = "http://localhost:8000"
OLD_DID_HOST = "microcred.localhost%3A8000"


def _issuer_id(signed: dict[str, Any]) -> str:
    issuer = signed.get("issuer")
    return issuer.get("id", "") if isinstance(issuer, dict) else str(issuer or "")


def fill(apps: Apps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    StatusList = apps.get_model("issuing", "StatusList")
    OrganizationDid = apps.get_model("organizations", "OrganizationDid")
    for row in StatusList.objects.select_related("organization").iterator():
        signed = row.signed_credential if isinstance(row.signed_credential, dict) else {}
        row.url = str(signed.get("id") or f"{OLD_BASE}/status/{row.public_id}")
        row.issuer_did = _issuer_id(signed) or f"did:web:{OLD_DID_HOST}:orgs:{row.organization.slug}"
        row.save(update_fields=["url", "issuer_did"])
        OrganizationDid.objects.get_or_create(
            did=row.issuer_did, defaults={"organization_id": row.organization_id}
        )


class Migration(migrations.Migration):
    dependencies = [
        ("issuing", "0003_lean_indexes"),
        ("organizations", "0004_organization_dids"),
    ]

    operations = [
        migrations.AddField(
            model_name="statuslist",
            name="issuer_did",
            field=models.CharField(blank=True, max_length=500),
        ),
        migrations.AddField(
            model_name="statuslist",
            name="url",
            field=models.CharField(blank=True, max_length=500),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
