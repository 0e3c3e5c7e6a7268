"""The machine-readable public documents a credential names: its achievement and its
issuer's profile, as JSON-LD that stands on its own (with its ``@context``).

The achievement is built by the same function the issuer embeds in every credential, so
what a verifier fetches from the ``id`` is what the credential says.
"""

from __future__ import annotations

from typing import Any

from microcred.catalog import services as catalog
from microcred.catalog.models import SpecificationVersion
from microcred.organizations import deployment
from microcred.organizations.keys import did_for
from microcred.organizations.models import Organization
from microcred.organizations.profiles import profile_for
from microcred.vc.openbadges import OB_CONTEXTS, context_resources, credential_context

__all__ = ["achievement_document", "profile_document", "public_version"]

PUBLIC_STATUSES = (SpecificationVersion.Status.PUBLISHED,)


def public_version(public_id: str) -> SpecificationVersion | None:
    """A version anyone may see: published, or locked because credentials name it."""
    version = (
        SpecificationVersion.objects.select_related("specification__organization")
        .filter(public_id=public_id)
        .first()
    )
    return version if version is not None and is_public(version) else None


def is_public(version: SpecificationVersion) -> bool:
    """Published, or locked because credentials name it."""
    return version.status in PUBLIC_STATUSES or version.locked


def achievement_document(version: SpecificationVersion) -> dict[str, Any]:
    """The OB 3.0 ``Achievement`` at its ``id``, with the contexts that give it meaning."""
    achievement = catalog.achievement_for(version, base_url=deployment.public_base_url())
    elements_url = deployment.elements_context_url()
    contexts = credential_context(achievement, elements_url=elements_url)
    document: dict[str, Any] = {"@context": contexts, **achievement}
    if resources := context_resources(contexts, elements_url=elements_url):
        document["relatedResource"] = resources
    return document


def profile_document(org: Organization) -> dict[str, Any]:
    """The issuer's OB 3.0 ``Profile``: its DID as ``id``, its public page as ``url`` (OB's
    "homepage or social media profile": the page shows the website and registry standing)."""
    return {"@context": list(OB_CONTEXTS), **profile_for(org, did_for(org))}
