"""From a stored pathway to what the pure evaluator matches: achievement ids and issuers.

A specification of the pathway's organisation matches a credential of any of its
published versions (each version has its own achievement id) signed under any DID the
organisation ever used; a named achievement of another issuer matches that achievement id
from that issuer; a field matches any issuer the registry recognises for it (the
recognitions are read here, once, from the registry's decisions).
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from microcred.catalog import services as catalog
from microcred.catalog.models import Specification
from microcred.organizations.deployment import public_base_url
from microcred.organizations.keys import did_for, organization_of_did
from microcred.organizations.models import Organization
from microcred.pathways.models import Pathway
from microcred.pathways.progress import Component, Resolved
from microcred.pathways.rules import ComponentRef, Rule, parse_rules
from microcred.registry.public_standing import recognised_providers
from microcred.registry.standing import periods_of, trusted_issuer
from microcred.vc.verify import TrustedIssuer

__all__ = ["organization_dids", "recognitions", "resolve", "spec_label"]


def organization_dids(org: Organization) -> frozenset[str]:
    """Every DID the organisation signs or ever signed as."""
    return frozenset({did_for(org), *org.dids.values_list("did", flat=True)})


def issuer_name(did: str) -> str:
    """An issuer's name when it is an organisation of this platform, else its id."""
    found = organization_of_did(did)
    return found.name if found is not None else did


def spec_label(specification: Specification) -> str:
    versions = catalog.published_versions(specification)
    return versions[0].title if versions else specification.public_id


def _spec(ref: ComponentRef, org: Organization) -> Component:
    specification = Specification.objects.filter(organization=org, public_id=ref.ref).first()
    if specification is None:  # deleted since: matches nothing, says so
        return Component(ref, _("A specification that no longer exists"))
    base = public_base_url()
    versions = catalog.published_versions(specification)
    ids = frozenset(catalog.achievement_id(v, base_url=base) for v in versions)
    return Component(ref, spec_label(specification), ids, organization_dids(org))


def _component(ref: ComponentRef, org: Organization) -> Component:
    if ref.kind == "spec":
        return _spec(ref, org)
    if ref.kind == "achievement":
        label = _("%(achievement)s from %(issuer)s") % {
            "achievement": ref.name or ref.ref,
            "issuer": issuer_name(ref.issuer),
        }
        return Component(ref, label, frozenset({ref.ref}), frozenset({ref.issuer}))
    label = _("Any provider recognised for “%(field)s”") % {"field": ref.ref}
    return Component(ref, label, field=ref.ref)


def resolve(pathway: Pathway) -> list[Resolved]:
    """The pathway's rules with their components resolved (in the active language)."""
    rules: tuple[Rule, ...] = parse_rules(pathway.rules)
    org = pathway.organization
    return [Resolved(rule, tuple(_component(c, org) for c in rule.components)) for rule in rules]


def recognitions() -> list[TrustedIssuer]:
    """Every period of recognition the registry's bodies ever decided (for field rules:
    was the issuer recognised for the field *when it issued*?)."""
    entries: list[TrustedIssuer] = []
    for standing in recognised_providers(all_states=True):
        for period in periods_of(standing.decisions):
            entries.append(trusted_issuer(period, standing.provider, standing.body))
    return entries
