"""Who signed a valid credential, said as a fact the verification proved — not the name the
issuer gives itself.

A did:web DID resolves to a document on a web server: a DID with no path
(``did:web:odtu.edu.tr``) is published by that domain's own server, so a valid signature
under it proves the signer controls the domain; a DID with a path lives on the host that
serves it (for ``did:web:<this platform>:orgs:<slug>``, an organisation registered here). A
did:key is a bare key that nothing vouches for. The display name stays the issuer's claim.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import unquote

from django.utils.translation import gettext as _

from microcred.organizations.keys import did_web_host
from microcred.vc import issuer_id
from microcred.vc.verify import VerificationReport

__all__ = ["IssuerIdentity", "issuer_identity"]


@dataclass(frozen=True, slots=True)
class IssuerIdentity:
    #: ``domain`` (an organisation's own), ``platform`` (registered here), ``web`` (a path
    #: on another host), ``key`` (a bare did:key).
    kind: str
    did: str
    text: str


def issuer_identity(report: VerificationReport) -> IssuerIdentity | None:
    """What the valid signature proves about the signer; None unless the report is valid."""
    if not report.verified or report.credential is None:
        return None
    did = issuer_id(report.credential)
    if did is None:
        return None
    if did.startswith("did:key:"):
        text = _("Signed with a stand-alone key that no domain or registry vouches for.")
        return IssuerIdentity("key", did, text)
    if not did.startswith("did:web:"):
        return None
    host, *path = did.removeprefix("did:web:").split(":")
    name = unquote(host)
    if not path:
        text = _(
            "Signed by whoever controls the internet domain %(domain)s: its signing keys are "
            "published by that domain's own web server."
        ) % {"domain": name}
        return IssuerIdentity("domain", did, text)
    if unquote(host) == unquote(did_web_host()) and path[0] == "orgs":
        text = _("Signed by an organisation registered on this platform (%(host)s).") % {
            "host": name
        }
        return IssuerIdentity("platform", did, text)
    text = _("Signed under an identifier published by %(host)s.") % {"host": name}
    return IssuerIdentity("web", did, text)
