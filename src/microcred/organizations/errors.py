"""The organisations app's refusals, in one tree under the platform's root.

A view (or the API, ``api/errors.py``) maps them to a response in one place; each
carries a stable ``code`` and a message a person can act on::

    OrganizationError          organizations.error
    ├── LastAdminError         an organisation would be left without an admin
    ├── NotAMemberError        the person named is not a member
    ├── InvitationError        unknown / expired / used / wrong account
    ├── ScopeError             an API token lacks the scope an action needs
    ├── InactiveTokenError     the token's creator no longer holds that authority
    ├── KeyManagementError     a signing-key operation that cannot be done as asked
    ├── DomainError            an own-domain step that cannot be done as asked
    └── LogoError              the uploaded file cannot be a logo
"""

from __future__ import annotations

from microcred.infra.errors import MicrocredError


class OrganizationError(MicrocredError):
    """A refused action, with a stable ``code`` and a message a person can act on."""

    code = "organizations.error"


class LastAdminError(OrganizationError):
    code = "organizations.last_admin"


class NotAMemberError(OrganizationError):
    code = "organizations.not_a_member"


class InvitationError(OrganizationError):
    code = "organizations.invitation"


class ScopeError(OrganizationError):
    code = "organizations.missing_scope"


class InactiveTokenError(OrganizationError):
    """A genuine token whose creator no longer holds the authority it was made with."""

    code = "organizations.token_creator_not_authorised"


class KeyManagementError(OrganizationError):
    """A key operation that cannot be done as asked; ``code`` says why."""

    code = "organizations.key_refused"


class DomainError(OrganizationError):
    """A domain step that cannot be done as asked; ``code`` says why (for the page)."""

    code = "organizations.domain_refused"


class LogoError(OrganizationError):
    """The file cannot be a logo; the message says why, for the admin."""

    code = "organizations.logo_refused"
