"""Each quality-assurance body's signed trust list: built from its decisions, signed with
its own key, kept version by version.

Version *N* lives at ``/registry/trust-lists/<slug>/v<N>`` for good (its ``id``); the
stable address ``/registry/trust-lists/<slug>`` serves the latest. A new version is
signed in the same transaction as every decision that changes a recognition, so the
published list never lags the registry and never shows a decision that was rolled back.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone

from microcred.organizations import deployment
from microcred.organizations.keys import did_for, signer_for
from microcred.organizations.models import Organization
from microcred.registry.models import Decision, TrustListVersion
from microcred.registry.standing import periods_of, trusted_issuer
from microcred.vc import issue_credential, trust_list_credential
from microcred.vc.verify import TrustedIssuer, TrustList, group_by_issuer

__all__ = [
    "CONTEXT_PATH",
    "context_url",
    "entries_of",
    "latest_version",
    "local_trust_list",
    "publish",
    "version_url",
]

#: Where every deployment serves the trust-list context, byte for byte.
CONTEXT_PATH = "/contexts/trust-list/v1.jsonld"


def context_url() -> str:
    return deployment.public_base_url() + CONTEXT_PATH


def list_url(qa_body: Organization) -> str:
    return f"{deployment.public_base_url()}/registry/trust-lists/{qa_body.slug}"


def version_url(qa_body: Organization, number: int) -> str:
    return f"{list_url(qa_body)}/v{number}"


def entries_of(qa_body: Organization) -> list[TrustedIssuer]:
    """Every period of recognition the body ever granted, by provider then start."""
    by_provider: dict[int, list[Decision]] = {}
    for decision in Decision.objects.filter(qa_body=qa_body).select_related("provider"):
        by_provider.setdefault(decision.provider_id, []).append(decision)
    entries: list[TrustedIssuer] = []
    for decisions in by_provider.values():
        provider = decisions[0].provider
        entries.extend(trusted_issuer(p, provider, qa_body) for p in periods_of(decisions))
    return sorted(entries, key=lambda e: (e.name.casefold(), e.id, e.valid_from or timezone.now()))


def local_trust_list(qa_body: Organization) -> TrustList:
    """The body's list straight from the decisions (what its signed list says)."""
    return TrustList(
        name=qa_body.name, issuers=group_by_issuer(entries_of(qa_body)), issuer=did_for(qa_body)
    )


def latest_version(qa_body: Organization) -> TrustListVersion | None:
    return TrustListVersion.objects.filter(qa_body=qa_body).order_by("-number").first()


@transaction.atomic
def publish(qa_body: Organization) -> TrustListVersion:
    """Sign and keep the next version of the body's list (call inside the decision's
    transaction)."""
    Organization.objects.select_for_update().filter(pk=qa_body.pk).first()
    latest = latest_version(qa_body)
    number = (latest.number if latest else 0) + 1
    now = timezone.now()
    unsigned = trust_list_credential(
        list_id=version_url(qa_body, number),
        version=number,
        issuer_did=did_for(qa_body),
        issuer_name=qa_body.name,
        name=f"{qa_body.name}: recognised providers of micro-credentials",
        entries=entries_of(qa_body),
        issued=now,
        context_url=context_url(),
    )
    return TrustListVersion.objects.create(
        qa_body=qa_body, number=number, credential=_sign(qa_body, unsigned, now)
    )


def _sign(qa_body: Organization, unsigned: dict[str, Any], now: Any) -> dict[str, Any]:
    with signer_for(qa_body) as signer:
        signed = issue_credential(
            unsigned,
            key=signer.key,
            verification_method=signer.verification_method,
            now=now,
            documents=signer.documents,
        )
    assert isinstance(signed, dict)
    return signed
