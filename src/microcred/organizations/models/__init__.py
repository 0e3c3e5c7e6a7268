"""The organisations app's models, one concept per module; import them from here.

``organization`` (organisations, memberships, the opaque public ids), ``people``
(invitations, API tokens), ``keys`` (signing keys, the DIDs signed under), ``domains``
(own domains).
"""

from microcred.organizations.models.domains import OwnDomain
from microcred.organizations.models.keys import OrganizationDid, SigningKey
from microcred.organizations.models.organization import Membership, Organization, new_public_id
from microcred.organizations.models.people import ApiToken, Invitation

__all__ = [
    "ApiToken",
    "Invitation",
    "Membership",
    "Organization",
    "OrganizationDid",
    "OwnDomain",
    "SigningKey",
    "new_public_id",
]
