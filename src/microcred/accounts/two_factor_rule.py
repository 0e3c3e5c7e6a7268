"""Where an organisation's two-factor rule plugs into sign-in.

Accounts sit below organisations (``docs/architecture.md``): they cannot ask who requires a
second factor of whom. ``organizations`` installs its rule here when the app is ready
(``organizations/two_factor_rule.py``); until then, and in a deployment without it, no
organisation requires anything.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from microcred.accounts.models import User


class Requirer(Protocol):
    """An organisation as the security page shows it."""

    @property
    def name(self) -> str: ...

    @property
    def slug(self) -> str: ...


class OrganizationRule(Protocol):
    """What sign-in and the security page need to know of the organisations' rule."""

    def requiring(self, user: User) -> Sequence[Requirer]:
        """Organisations that require a second factor of ``user`` (by the roles held)."""
        ...

    def must_enrol(self, user: User, organization_slug: str) -> bool:
        """The organisation requires a second factor of this member, who has none yet."""
        ...

    def administered(self, user: User) -> Sequence[tuple[Requirer, bool]]:
        """The organisations ``user`` administers, each with whether it requires one."""
        ...


class NoOrganizationRule:
    """No organisation requires a second factor (before ``organizations`` is ready)."""

    def requiring(self, user: User) -> Sequence[Requirer]:
        return ()

    def must_enrol(self, user: User, organization_slug: str) -> bool:
        return False

    def administered(self, user: User) -> Sequence[tuple[Requirer, bool]]:
        return ()


_installed: list[OrganizationRule] = [NoOrganizationRule()]


def install(rule: OrganizationRule) -> None:
    """Called once, from ``OrganizationsConfig.ready``."""
    _installed[0] = rule


def current() -> OrganizationRule:
    return _installed[0]
