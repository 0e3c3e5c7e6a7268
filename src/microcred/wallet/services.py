"""The wallet's service functions other apps may call."""

from __future__ import annotations

from microcred.organizations.models import Organization
from microcred.wallet.models import Claim


def claimed_count(organization: Organization) -> int:
    """How many of the organisation's awards learners have saved to a passport."""
    return Claim.objects.filter(organization_public_id=organization.public_id).count()
