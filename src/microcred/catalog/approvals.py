"""What other apps may ask about approvals: a version's approval, a provider's policy.

``approval_of`` is the registry's way in (which QA body approved a version, when, and the
endorsement it signed); ``endorser_documents`` gives issuing the DID documents its
self-check needs to verify the embedded endorsement offline.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction

from microcred.accounts.models import User
from microcred.catalog.models import SpecificationVersion
from microcred.catalog.models.review import Approval, ApprovalPolicy, ReviewEvent
from microcred.organizations.keys import local_did_document
from microcred.organizations.models import Organization

__all__ = [
    "Approval",
    "approval_of",
    "approval_required",
    "endorser_documents",
    "record_event",
    "set_approval_required",
]


def approval_of(version: SpecificationVersion) -> Approval | None:
    """The QA body's approval of ``version`` (``qa_body``, ``approved_at``, ``endorsement``)."""
    return Approval.objects.select_related("qa_body").filter(version=version).first()


def approval_required(org: Organization) -> bool:
    """Whether ``org`` publishes only versions a QA body approved."""
    return ApprovalPolicy.objects.filter(organization=org, approval_required=True).exists()


@transaction.atomic
def set_approval_required(org: Organization, required: bool, *, by: User | None) -> bool:
    """Turn the rule on or off (recorded in the history); True when something changed."""
    policy, _ = ApprovalPolicy.objects.select_for_update().get_or_create(organization=org)
    if policy.approval_required == required:
        return False
    policy.approval_required, policy.changed_by = required, by
    policy.save()
    action = ReviewEvent.Action.POLICY_ON if required else ReviewEvent.Action.POLICY_OFF
    record_event(org, by, action)
    return True


def record_event(
    org: Organization,
    actor: User | None,
    action: str,
    *,
    review: Any = None,
    comment: str = "",
    details: dict[str, Any] | None = None,
) -> ReviewEvent:
    """Append one event to the history (``org``: the provider whose version it concerns)."""
    return ReviewEvent.objects.create(
        organization=org,
        review=review,
        actor=actor,
        actor_label=actor.email if actor is not None else "",
        action=action,
        comment=comment,
        details=details or {},
    )


def endorser_documents(version: SpecificationVersion) -> dict[str, Any]:
    """The DID documents of whoever endorsed ``version`` (ours: from the database)."""
    approval = approval_of(version)
    if approval is None:
        return {}
    issuer = approval.endorsement.get("issuer", {})
    did = issuer.get("id") if isinstance(issuer, dict) else None
    document = local_did_document(did) if isinstance(did, str) else None
    return {did: document} if did and document is not None else {}
