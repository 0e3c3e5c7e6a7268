"""Read-only counts about an organisation's credentials in learners' wallets."""

from __future__ import annotations

from microcred.organizations.models import Organization
from microcred.wallet.models import Claim, WalletItem


def shared_count(organization: Organization) -> int:
    """How many of the organisation's claimed credentials learners have put in a share link.

    Counted per credential, not per link: one credential shown on three links was shared
    once as far as the organisation's goal ("learners show what they earned") is concerned.
    """
    claimed = Claim.objects.filter(organization_public_id=organization.public_id)
    return (
        WalletItem.objects.filter(
            award_public_id__in=claimed.values("award_public_id"),
            share_links__isnull=False,
        )
        .values("pk")
        .distinct()
        .count()
    )
