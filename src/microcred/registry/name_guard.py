"""Names that carry standing in the registry, refused to anyone else.

Registered with :mod:`microcred.organizations.names` when the app is ready: a provider may
not take the name of a quality-assurance body or of a provider a body ever recognised
(withdrawn ones included: their name still appears on credentials people hold).
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from microcred.organizations.models import Organization
from microcred.organizations.names import comparable_name
from microcred.registry.models import Decision

__all__ = ["recognised_name_problem"]


def _standing_names(exclude: Organization | None) -> list[Organization]:
    recognised = Decision.objects.filter(outcome=Decision.Outcome.RECOGNISED).values("provider_id")
    rows = Organization.objects.filter(
        kind=Organization.Kind.QA_BODY
    ) | Organization.objects.filter(pk__in=recognised)
    if exclude is not None and exclude.pk is not None:
        rows = rows.exclude(pk=exclude.pk)
    return list(rows.only("name"))


def recognised_name_problem(name: str, organization: Organization | None) -> str | None:
    key = comparable_name(name)
    if not key:
        return None
    for other in _standing_names(organization):
        if comparable_name(other.name) == key:
            return _(
                "“%(name)s” is the name of an organisation with standing in the public "
                "registry. Register under your own organisation's name."
            ) % {"name": other.name}
    return None
