"""Every amount of the canvas carries a currency: existing cost centres and revenue sources,
and the revisions that hold them, are given the Turkish lira (their numbers are unchanged)."""

from typing import Any

from django.db import migrations

MONEY_KINDS = ("cost_centres", "revenue_sources")


def _with_currency(document: Any) -> bool:
    changed = False
    if not isinstance(document, dict):
        return False
    for kind in MONEY_KINDS:
        for item in document.get(kind) or []:
            if isinstance(item, dict) and "currency" not in item:
                item["currency"] = "TRY"
                changed = True
    return changed


def add_currency(apps: Any, schema_editor: Any) -> None:
    Strategy = apps.get_model("strategy", "Strategy")
    Revision = apps.get_model("strategy", "Revision")
    for strategy in Strategy.objects.iterator():
        if _with_currency(strategy.canvas):
            strategy.save(update_fields=["canvas"])
    for revision in Revision.objects.iterator():
        if _with_currency(revision.snapshot):
            revision.save(update_fields=["snapshot"])


class Migration(migrations.Migration):
    dependencies = [("strategy", "0002_readiness_assessment")]

    operations = [migrations.RunPython(add_currency, migrations.RunPython.noop)]
