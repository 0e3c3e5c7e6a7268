"""Replace ESCO skill labels stored in unlocked specification versions with clean ones.

Before this release the import could glue a skill's alternative labels onto its preferred
label ("apply diplomatic" + "principles utilise diplomacy …"), and that text was copied into
the elements of every specification that picked the skill. Unlocked versions (drafts, and
published versions no credential points at yet) take the label from the current list, in
the version's first language. Locked versions are left as they are: credentials that were
signed carry their achievement, and the version must keep matching them.
"""

from __future__ import annotations

from typing import Any

from django.db import migrations


def clean_labels(apps: Any, schema_editor: Any) -> None:
    from microcred.catalog.skills import skill_by_uri

    versions = apps.get_model("catalog", "SpecificationVersion")
    for version in versions.objects.filter(locked=False).iterator():
        elements = version.elements
        languages = elements.get("languages") or ["en"]
        changed = False
        for stored in elements.get("esco_skills") or []:
            skill = skill_by_uri(stored.get("uri", ""))
            if skill is not None and stored.get("label") != skill.name(languages[0]):
                stored["label"] = skill.name(languages[0])
                changed = True
        if changed:
            version.save(update_fields=["elements"])


class Migration(migrations.Migration):
    dependencies = [("catalog", "0002_review_and_approval")]

    operations = [migrations.RunPython(clean_labels, migrations.RunPython.noop)]
