"""The deployment's public addresses: what every credential it signs names.

One home for them, so that the issuer, the public views and the exporter of static
documents can never disagree about a URL. ``MICROCRED_PUBLIC_URL`` is read and checked by
the settings (``web.env``); everything here derives from it.
"""

from __future__ import annotations

from django.conf import settings

from microcred.organizations.models import Organization

__all__ = [
    "ELEMENTS_CONTEXT_PATH",
    "elements_context_url",
    "profile_url",
    "public_base_url",
]

#: Where every deployment serves the EU-elements context, byte for byte (decision 0006).
ELEMENTS_CONTEXT_PATH = "/contexts/elements/v1.jsonld"


def public_base_url() -> str:
    """The deployment's public origin (``MICROCRED_PUBLIC_URL``), without a trailing slash."""
    return str(settings.MICROCRED_PUBLIC_URL).rstrip("/")


def elements_context_url() -> str:
    return public_base_url() + ELEMENTS_CONTEXT_PATH


def profile_url(org: Organization) -> str:
    """The issuer's public profile: a page for people, OB 3.0 ``Profile`` JSON for machines."""
    return f"{public_base_url()}/orgs/{org.slug}/profile"
